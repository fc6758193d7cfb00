"""The base of every request schema: a JSON object whose unknown keys are refused, with plain messages."""

from __future__ import annotations

from marshmallow import RAISE, Schema

__all__ = ["ObjectSchema"]


class ObjectSchema(Schema):
    error_messages = {"type": "Must be a JSON object.", "unknown": "Unknown field."}

    class Meta:
        unknown = RAISE
