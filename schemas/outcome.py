"""The outcome fields every scheme's answer shares (RULES §11, API.md v2): ``outcome``, ``manualReview``,
``provisional`` and ``unchecked``. A scheme's model gives them from its own tables, the sentences from its
``reasonTexts`` table in the request's language; a scheme whose model does not give them yet leaves them out."""

from __future__ import annotations

from marshmallow import Schema, fields

__all__ = ["CodedSchema", "OUTCOMES", "OutcomeMixin"]

OUTCOMES = ("decided", "manual-review")


class CodedSchema(Schema):
    code = fields.String(required=True)
    message = fields.String(allow_none=True, metadata={"description": "in the language of Accept-Language"})


class OutcomeMixin(Schema):
    outcome = fields.String(metadata={"enum": list(OUTCOMES)})
    manualReview = fields.List(fields.Nested(CodedSchema), metadata={"description": "known gaps of the rules"})
    provisional = fields.List(fields.Nested(CodedSchema), metadata={"description": "why an amount may change"})
    unchecked = fields.List(fields.String(), metadata={"description": "condition codes whose input was not given"})
