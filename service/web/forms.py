"""The input form of a decision, as a JSON Schema: the marshmallow schema the service builds from the model's
input data and item definitions (``schemas.from_model``), written out by apispec as the OpenAPI document writes
the domain requests, so that the page draws both kinds of form alike."""

from __future__ import annotations

from apispec import APISpec
from apispec.ext.marshmallow import MarshmallowPlugin

from schemas.fields import FeelNumber, FeelTemporal, WholeNumber

__all__ = ["form_schema"]

#: FEEL temporal types as JSON Schema string formats
_FORMATS = {"date": "date", "date and time": "date-time", "dateTime": "date-time", "time": "time",
            "days and time duration": "duration", "dayTimeDuration": "duration",
            "years and months duration": "duration", "yearMonthDuration": "duration"}


def _feel_format(self, field, **kwargs) -> dict:
    if isinstance(field, FeelTemporal):
        return {"format": _FORMATS[field.type_name], "x-feel-type": field.type_name}
    return {}


def _converter():
    # nested schemas written in place (no components), so one answer holds the whole form
    plugin = MarshmallowPlugin(schema_name_resolver=lambda schema: None)
    APISpec("form", "1", "3.0.3", plugins=[plugin])
    plugin.map_to_openapi_type(FeelNumber, "number", None)
    plugin.map_to_openapi_type(WholeNumber, "integer", None)
    plugin.map_to_openapi_type(FeelTemporal, "string", None)
    plugin.converter.add_attribute_function(_feel_format)
    return plugin.converter


def form_schema(entry) -> dict:
    """The form of a decision (a ``service.api.registry.DecisionEntry``): its inputs with their type names,
    and the JSON Schema of the body ``POST /decisions/{id}/evaluate`` accepts."""
    info = entry.info
    return {
        "decision": info.id,
        "name": info.name,
        "model": entry.model.name,
        "inputs": [{"name": name, "type": type_ref} for name, type_ref in info.inputs],
        "schema": _converter().schema2jsonschema(entry.schema),
    }
