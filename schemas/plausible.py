"""The plausibility checks of the domain endpoints (API.md), for inputs that do not come through them: the
fields a scheme's request schema knows are checked as it checks them (ranges, dates, enumerations), the rest is
left alone and nothing is required."""

from __future__ import annotations

from marshmallow import EXCLUDE, ValidationError

from .inami import InamiRequestSchema
from .ossom import OssomRequestSchema

__all__ = ["SCHEMES", "implausible"]

SCHEMES = {"inami": InamiRequestSchema, "ossom": OssomRequestSchema}


def implausible(scheme: str, data) -> dict | None:
    """The marshmallow error messages of the fields of ``data`` the scheme's request refuses, or None."""
    if not isinstance(data, dict):
        return None
    try:
        SCHEMES[scheme](partial=True, unknown=EXCLUDE).load(data)
    except ValidationError as exc:
        return exc.messages
    return None
