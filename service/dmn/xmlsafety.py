"""What keeps a model file from making the XML parser touch anything outside the file.

A DMN model needs no DTD, so any DOCTYPE is refused before libxml2 sees the bytes: ``refuse_doctype`` walks the
markup as XML does (comments, CDATA sections and processing instructions are skipped whole, so a ``<!DOCTYPE``
inside a comment is no decoy and a real one after it is found), on the text decoded as the parser would decode it
(byte order mark, else the XML declaration's encoding). ``locked`` gives a parser a resolver that refuses every
external resource (DTD, entity, XInclude), should anything still ask for one.
"""

from __future__ import annotations

import codecs
import re

from lxml import etree

from .errors import LoadError, Problem

__all__ = ["locked", "refuse_doctype"]

_MARKUP = re.compile(rb"<(?:!--|!\[CDATA\[|\?|!doctype)", re.IGNORECASE)
_MARKUP_TEXT = re.compile(r"<(?:!--|!\[CDATA\[|\?|!doctype)", re.IGNORECASE)
_ENDS = {"<!--": "-->", "<![CDATA[": "]]>", "<?": "?>"}
_DECLARED_ENCODING = re.compile(rb"""^<\?xml[^>]*?\sencoding\s*=\s*["']([A-Za-z0-9._\-]+)["']""")
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
#: the first four bytes of "<?xml" in encodings without a byte order mark (XML 1.0, appendix F)
_SIGNATURES = {
    b"\x00\x00\x00<": "utf-32-be",
    b"<\x00\x00\x00": "utf-32-le",
    b"\x00<\x00?": "utf-16-be",
    b"<\x00?\x00": "utf-16-le",
}
_ASCII_SUPERSETS = frozenset({"utf-8", "ascii", "latin-1", "iso8859-1", "cp1252"})


def _problem(message: str, file: str | None, line: int | None = None) -> LoadError:
    return LoadError([Problem(message, file=file, line=line)])


def _encoding(data: bytes, file: str | None) -> str:
    """The Python codec for the document's encoding, as the parser finds it."""
    for bom, name in _BOMS:
        if data.startswith(bom):
            return name
    signature = _SIGNATURES.get(data[:4])
    if signature is not None:
        return signature
    if data[:4] == b"\x4c\x6f\xa7\x94":
        raise _problem("the document is in an EBCDIC encoding; DMN models are read in UTF-8 or UTF-16", file, 1)
    declared = _DECLARED_ENCODING.match(data[:1024])
    if declared is None:
        return "utf-8"
    name = declared.group(1).decode("ascii")
    try:
        return codecs.lookup(name).name
    except LookupError:
        raise _problem(f"the XML declaration names an unknown encoding '{name}'", file, 1) from None


def _doctype_position(text) -> int | None:
    """Where the first DOCTYPE of ``text`` (str or bytes) starts, markup skipped as XML skips it; None if none."""
    markup = _MARKUP if isinstance(text, bytes) else _MARKUP_TEXT
    position = 0
    while True:
        match = markup.search(text, position)
        if match is None:
            return None
        opening = match.group(0)
        if isinstance(opening, bytes):
            opening = opening.decode("ascii")
        if opening.lower() == "<!doctype":
            return match.start()
        end_mark = _ENDS[opening]
        if isinstance(text, bytes):
            end_mark = end_mark.encode("ascii")
        end = text.find(end_mark, match.end())
        if end < 0:
            return None  # an unclosed comment, section or instruction: the parser refuses the document
        position = end + len(end_mark)


def refuse_doctype(data: bytes, file: str | None = None) -> None:
    """Raise ``LoadError`` when the document has a DOCTYPE anywhere outside comments, CDATA sections and
    processing instructions (a DTD can declare entities, name local files, FIFOs or URLs)."""
    encoding = _encoding(data, file)
    # the bytes as an ASCII superset read them (a parser may keep to UTF-8 whatever the declaration says), and
    # the text as the declared or marked encoding gives it
    text = data
    position = _doctype_position(data)
    if position is None and encoding not in _ASCII_SUPERSETS:
        text = data.decode(encoding, errors="replace")
        position = _doctype_position(text)
    if position is None:
        return
    newline = b"\n" if isinstance(text, bytes) else "\n"
    line = text.count(newline, 0, position) + 1
    raise _problem("the document has a DOCTYPE; DMN models must not have one (a DTD can declare entities or "
                   "name an external DTD, a file or a URL the parser would open)", file, line)


class _RefuseAll(etree.Resolver):
    """Refuses every external resource the parser asks for."""

    def __init__(self, file: str | None):
        super().__init__()
        self.file = file

    def resolve(self, url, public_id, context):
        raise _problem(f"the document asks for an external resource ({url or public_id}); a DMN model may not "
                       "open files or reach the network", self.file)


def locked(parser: etree.XMLParser, file: str | None = None) -> etree.XMLParser:
    """``parser`` with a resolver that refuses every file and URL (its other options stay as they are)."""
    parser.resolvers.add(_RefuseAll(file))
    return parser
