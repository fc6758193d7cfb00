"""What a change of the rules touches, when it only changes what some table rules give.

A decision table's rule is evaluated as a whole: its input entries decide whether it matches, and only a rule
that matches has its output entries and its annotation (annotation entries, or its description) read. So when two
versions of the rules differ only in those of some rules (an indexed amount, a corrected result), a case whose
answer before the change matched none of those rules is computed the same way after it, step by step, and gets
the same answer and the same trace. ``decisions impact`` then takes the answer before as the answer after
instead of computing it a second time; every other case is answered under both versions.

``changed_rules`` compares the .dmn files of two bundles element by element (the diagram, DMNDI, left out, as
it has no part in an evaluation) and gives the ids of the rules whose outputs or annotation differ; or
None when anything else differs (an input entry, a rule added or removed, a literal expression, a type, a
description, a file added or removed, a rule without an id): then every case is answered under both versions.
"""

from __future__ import annotations

from lxml import etree

from service.dmn import LoadError
from service.dmn.reader import parse_xml

from .bundle import Bundle

__all__ = ["changed_rules"]

_DIAGRAM = "DMNDI"
#: what a rule gives when it matches: its outputs and its annotation (its annotation entries, or its description,
#: which dmn-js edits as the annotation)
_RULE_OUTPUTS = frozenset({"outputEntry", "annotationEntry", "description"})


class _Other(Exception):
    """A difference that is not in a rule's output or annotation entries."""


def _local(element) -> str:
    tag = element.tag
    return etree.QName(tag).localname if isinstance(tag, str) else ""


def _same(a, b) -> bool:
    """Two subtrees alike: tags, attributes, texts and children (the diagram left out)."""
    if a.tag != b.tag or dict(a.attrib) != dict(b.attrib) or (a.text or "").strip() != (b.text or "").strip():
        return False
    left, right = _children(a), _children(b)
    return len(left) == len(right) and all(_same(x, y) for x, y in zip(left, right, strict=True))


def _children(element) -> list:
    return [c for c in element if isinstance(c.tag, str) and _local(c) != _DIAGRAM]


def _compare(a, b, changed: set[str]) -> None:
    if a.tag != b.tag or dict(a.attrib) != dict(b.attrib) or (a.text or "").strip() != (b.text or "").strip():
        raise _Other
    left, right = _children(a), _children(b)
    if len(left) != len(right):
        raise _Other
    is_rule = _local(a) == "rule"
    for x, y in zip(left, right, strict=True):
        if is_rule and _local(x) in _RULE_OUTPUTS and x.tag == y.tag:
            if not _same(x, y):
                rule_id = a.get("id")
                if not rule_id:
                    raise _Other
                changed.add(rule_id)
            continue
        _compare(x, y, changed)


def changed_rules(before: Bundle, after: Bundle) -> frozenset[str] | None:
    """The ids of the rules whose output or annotation entries differ between the two versions, when nothing
    else that an evaluation reads differs; else None."""
    if before.files.keys() != after.files.keys():
        return None
    changed: set[str] = set()
    for name, old in before.files.items():
        new = after.files[name]
        if old == new:
            continue
        try:
            _compare(parse_xml(old, name), parse_xml(new, name), changed)
        except (_Other, LoadError):
            return None
    return frozenset(changed)
