"""The problem document (RFC 9457) every error answer uses, and the flattening of marshmallow errors into
``[{path, message}]`` with JSON paths such as ``household.dependentChildren`` or ``monthlyContributions[2]``.

The body as a whole has the path ``""`` (for instance when it is not a JSON object).
"""

from __future__ import annotations

import re

from marshmallow import Schema, fields

__all__ = ["FieldErrorSchema", "ProblemSchema", "error_list", "join_path"]

_PLAIN_KEY = re.compile(r"[^.\[\]\"]+")


class FieldErrorSchema(Schema):
    path = fields.String(
        required=True, metadata={"description": "JSON path of the bad field; \"\" is the body as a whole"}
    )
    message = fields.String(required=True)


class ProblemSchema(Schema):
    """An RFC 9457 problem document (``application/problem+json``)."""

    type = fields.String(required=True, metadata={"description": "URI naming the kind of problem"})
    title = fields.String(required=True)
    status = fields.Integer(required=True)
    detail = fields.String()
    errors = fields.List(fields.Nested(FieldErrorSchema), metadata={"description": "one entry per bad field"})
    evaluatedDecisions = fields.List(
        fields.Dict(),
        metadata={"description": "the decisions evaluated before the rules could not decide (422)"},
    )
    decision = fields.String()
    table = fields.String()
    model = fields.Dict()


def join_path(parent: str, key) -> str:
    """``parent`` extended by an object key or a list index."""
    if isinstance(key, int):
        return f"{parent}[{key}]"
    key = str(key)
    if not _PLAIN_KEY.fullmatch(key):
        key_text = '["' + key.replace("\\", "\\\\").replace('"', '\\"') + '"]'
        return parent + key_text
    return f"{parent}.{key}" if parent else key


#: marshmallow's message for a key the schema does not have
_UNKNOWN_FIELD = [Schema._default_error_messages["unknown"]]


def error_list(messages, parent: str = "") -> list[dict]:
    """Marshmallow's nested ``ValidationError.messages`` as a flat, ordered list of ``{path, message}``: the
    schema's fields in its order, then the unknown keys sorted (marshmallow lists those in set order, which
    changes from one process to the next)."""
    out: list[dict] = []
    if isinstance(messages, dict):
        known = [(k, v) for k, v in messages.items() if v != _UNKNOWN_FIELD]
        unknown = sorted(((k, v) for k, v in messages.items() if v == _UNKNOWN_FIELD), key=lambda kv: str(kv[0]))
        for key, value in known + unknown:
            path = parent if key == "_schema" else join_path(parent, key)
            out.extend(error_list(value, path))
    elif isinstance(messages, (list, tuple)):
        for item in messages:
            if isinstance(item, (dict, list, tuple)):
                out.extend(error_list(item, parent))
            else:
                out.append({"path": parent, "message": str(item)})
    else:
        out.append({"path": parent, "message": str(messages)})
    return out
