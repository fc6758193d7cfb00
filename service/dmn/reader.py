"""Safe reading of DMN 1.1 to 1.5 XML into the dataclasses of ``model``.

The XML parser is hardened: no entity substitution, no DTD loading, no network, no huge trees, a size
limit checked before parsing, any DOCTYPE refused before parsing and every external resource refused
(``xmlsafety``). Elements of other namespaces (DMNDI, Camunda, KIE, Trisotech extensions) and DMN elements the
engine does not use (text annotations, knowledge sources, ...) are skipped. Structural faults are
collected and raised together as one ``LoadError``.
"""

from __future__ import annotations

import os
import re

from lxml import etree

from . import model
from .errors import LoadError, Problem
from .model_reader import DMN_NAMESPACES, FEEL_NAMESPACES, DefinitionsReader
from .xmlsafety import locked, refuse_doctype

__all__ = [
    "DMN_NAMESPACES",
    "FEEL_NAMESPACES",
    "MAX_BYTES",
    "parse_xml",
    "read_definitions",
    "read_file",
]

MAX_BYTES = 20 * 1024 * 1024


_LXML_POSITION = re.compile(r",? line \d+, column \d+\s*$")


def _refuse(message: str, file: str | None, line: int | None = None) -> LoadError:
    return LoadError([Problem(message, file=file, line=line)])


def _new_parser() -> etree.XMLParser:
    # A new parser per document: lxml parsers must not be shared between threads.
    return etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        huge_tree=False,
        dtd_validation=False,
        remove_comments=True,
        remove_pis=True,
        collect_ids=False,
    )


def parse_xml(data: bytes, file: str | None = None) -> etree._Element:
    """Parse ``data`` safely and return the root ``definitions`` element of a DMN 1.1-1.5 model."""
    if isinstance(data, str):
        data = data.encode("utf-8")
    if len(data) > MAX_BYTES:
        raise _refuse(f"the file has {len(data)} bytes, more than the limit of {MAX_BYTES}; not parsed", file)
    refuse_doctype(data, file)
    try:
        root = etree.fromstring(data, locked(_new_parser(), file))
    except etree.XMLSyntaxError as exc:
        line, column = exc.position if exc.position else (exc.lineno, None)
        message = _LXML_POSITION.sub("", exc.msg or str(exc))
        if column:
            message += f" (column {column})"
        raise _refuse(f"not well-formed XML: {message}", file, line) from None
    info = root.getroottree().docinfo
    dtd = info.internalDTD
    if dtd is not None and list(dtd.iterentities()):
        names = ", ".join(entity.name for entity in dtd.iterentities())
        raise _refuse(f"the document declares XML entities ({names}); entity declarations are refused", file)
    if info.system_url or info.public_id:
        raise _refuse("the document refers to an external DTD; DMN models must not have one", file)
    namespace = etree.QName(root).namespace
    local = etree.QName(root).localname
    if local != "definitions" or namespace not in DMN_NAMESPACES:
        known = ", ".join(DMN_NAMESPACES)
        raise _refuse(
            f"not a DMN model: the root element is <{local}> in namespace {namespace or '(none)'}; "
            f"expected <definitions> in one of the DMN 1.1-1.5 namespaces ({known})",
            file,
            root.sourceline,
        )
    return root


def read_definitions(data: bytes, file: str | None = None, *, strict: bool = True) -> model.Definitions:
    """Read a DMN model from ``data``; ``file`` names it in error messages. A document that is no safe,
    well-formed DMN model raises ``LoadError``; so do faults in its elements when ``strict``, else they are
    the definitions' ``problems`` (and ``faulty`` names the decisions, BKMs and services they are in)."""
    definitions = DefinitionsReader(parse_xml(data, file), file).definitions()
    if strict and definitions.problems:
        raise LoadError(definitions.problems)
    return definitions


def read_file(path: str | os.PathLike[str], *, strict: bool = True) -> model.Definitions:
    """Read the DMN model in the file at ``path``."""
    name = os.fspath(path)
    try:
        size = os.path.getsize(name)
        if size > MAX_BYTES:
            raise _refuse(f"the file has {size} bytes, more than the limit of {MAX_BYTES}; not read", name)
        with open(name, "rb") as handle:
            data = handle.read(MAX_BYTES + 1)
    except OSError as exc:
        raise _refuse(f"cannot read the file: {exc.strerror or exc}", name) from None
    return read_definitions(data, name, strict=strict)


