"""A model file cannot make the XML parser open anything: every DOCTYPE is refused, decoys included.

XML 1.0 (section 2.5) says a comment ends at the first ``-->``, a CDATA section (2.7) at the first ``]]>`` and a
processing instruction (2.6) at the first ``?>``: a ``<!DOCTYPE`` inside them is text, and one after them is a
document type declaration (2.8), which may name an external subset (``SYSTEM "..."``) the parser would read.
"""

from __future__ import annotations

import os
import threading
import time
from pathlib import Path

import pytest
from lxml import etree

from service.dmn import LoadError, load
from service.dmn.reader import read_definitions, read_file
from service.dmn.xmlsafety import locked, refuse_doctype

DMN13 = "https://www.omg.org/spec/DMN/20191111/MODEL/"
BODY = f'<definitions xmlns="{DMN13}" id="defs" name="T" namespace="http://t"><decision id="d" name="D"/></definitions>'


def decoy(target: str, before: str = "<!-- <!DOCTYPE x> -->") -> bytes:
    return (f'<?xml version="1.0"?>\n{before}\n<!DOCTYPE definitions SYSTEM "{target}">\n{BODY}\n').encode()


def refused(data: bytes, file: str = "decoy.dmn") -> LoadError:
    started = time.monotonic()
    with pytest.raises(LoadError) as info:
        read_definitions(data, file)
    assert time.monotonic() - started < 1.0
    return info.value


def test_a_decoy_doctype_in_a_comment_does_not_hide_the_real_one():
    err = refused(decoy("/etc/passwd"))
    (problem,) = err.problems
    assert problem.file == "decoy.dmn"
    assert problem.line == 3  # the real DOCTYPE, after the comment
    assert "DOCTYPE" in problem.message
    assert "root:" not in str(err)


def test_a_doctype_naming_a_fifo_is_refused_without_opening_it(tmp_path):
    fifo = tmp_path / "blocks"
    os.mkfifo(fifo)
    model = tmp_path / "fifo.dmn"
    model.write_bytes(decoy(str(fifo)))
    outcome: list = []

    def read():
        try:
            read_file(model)
        except LoadError as exc:
            outcome.append(exc)

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    reader.join(5)
    if reader.is_alive():  # blocked in open(): let it go so that the test run ends, then fail
        with open(fifo, "wb"):
            pass
        pytest.fail("reading the model opened the FIFO its DOCTYPE names")
    (err,) = outcome
    assert "DOCTYPE" in str(err) and Path(err.problems[0].file).name == "fifo.dmn"


def test_a_folder_with_a_decoy_model_is_refused(tmp_path):
    (tmp_path / "decoy.dmn").write_bytes(decoy("/etc/passwd"))
    with pytest.raises(LoadError) as info:
        load(tmp_path)
    assert "DOCTYPE" in str(info.value)


@pytest.mark.parametrize("before", [
    "<!-- <!DOCTYPE x> -->",
    "<!-- <a -->",
    "<?pi <!DOCTYPE x> ?>",
    "<!---->",
    "<!-- - -- <!-- -->",
])
def test_decoys_before_the_doctype(before):
    refused(decoy("/etc/passwd", before))


@pytest.mark.parametrize("declaration", [
    "<!DOCTYPE definitions>",
    "<!doctype definitions>",
    '<!DOCTYPE definitions PUBLIC "-//x//y" "http://example.invalid/x.dtd">',
    '<!DOCTYPE definitions [ <!ENTITY e "x"> ]>',
])
def test_every_doctype_is_refused(declaration):
    refused(f'<?xml version="1.0"?>\n{declaration}\n{BODY}'.encode())


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be", "utf-32", "utf-8-sig"])
def test_a_doctype_in_another_encoding_is_refused(encoding):
    text = '<?xml version="1.0"?>\n<!-- x -->\n<!DOCTYPE definitions SYSTEM "/etc/passwd">\n' + BODY
    refused(text.encode(encoding))


def test_a_doctype_hidden_by_a_declared_encoding_is_refused():
    # UTF-7 writes "<" as "+ADw-": only a scan of the decoded text sees the DOCTYPE
    text = '<!DOCTYPE definitions SYSTEM "/etc/passwd">'
    data = b'<?xml version="1.0" encoding="UTF-7"?>\n' + text.encode("utf-7").replace(b"<", b"+ADw-") + BODY.encode()
    assert b"<!DOCTYPE" not in data
    refused(data)


def test_an_unknown_encoding_is_refused():
    err = refused(f'<?xml version="1.0" encoding="x-nonsense-7"?>\n{BODY}'.encode())
    assert "x-nonsense-7" in str(err)


@pytest.mark.parametrize("text", [
    f'<?xml version="1.0"?>\n<!-- <!DOCTYPE x SYSTEM "/etc/passwd"> -->\n{BODY}',
    BODY.replace('<decision id="d" name="D"/>',
                 '<decision id="d" name="D"><description><![CDATA[<!DOCTYPE x>]]></description></decision>'),
    BODY.replace('<decision id="d" name="D"/>', '<decision id="d" name="D"><?note <!DOCTYPE x> ?></decision>'),
])
def test_doctype_text_inside_comments_cdata_and_instructions_is_allowed(text):
    assert read_definitions(text.encode()).decisions[0].name == "D"


def test_refuse_doctype_names_file_and_line():
    with pytest.raises(LoadError) as info:
        refuse_doctype(b'<?xml version="1.0"?>\n\n<!DOCTYPE d>\n<d/>', "m.dmn")
    (problem,) = info.value.problems
    assert (problem.file, problem.line) == ("m.dmn", 3)


def test_the_locked_parser_refuses_external_resources():
    # lxml's own options: collect_ids=False makes libxml2 read the external subset; the resolver refuses it
    parser = locked(etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, collect_ids=False),
                    "x.dmn")
    with pytest.raises(LoadError) as info:
        etree.fromstring(b'<!DOCTYPE d SYSTEM "/etc/passwd">\n<d/>', parser)
    assert "/etc/passwd" in str(info.value) and "external resource" in str(info.value)
