"""Reading a population: JSON Lines, CSV (nested fields as dotted columns, ``household.livesAlone``) or Parquet.

Each row becomes ``(line, payload)``: its line number (1-based: the physical line of a JSON Lines file, the
record of a CSV file after its header, the row of a Parquet file) and either the raw JSON text (bytes, parsed by
the worker exactly as the HTTP endpoint parses a body) or a JSON object built from the row's cells.

- CSV cells: empty is absent, ``true``/``false`` are booleans, ``null`` is null, a cell starting with ``[`` or ``{``
  is read as JSON (``monthlyContributions``), anything else stays text (numbers included: the request schemas
  read numeric text exactly, as Decimal).
- Parquet values: decimals stay Decimal, floating-point numbers become the Decimal of their shortest repr, dates
  become ISO text, a null is absent.
"""

from __future__ import annotations

import csv
import datetime
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

from service import jsonvalues

__all__ = ["FORMATS", "InputError", "cell_value", "format_of", "json_row", "nest", "output_key", "read_rows",
           "case_id_text", "row_key"]

FORMATS = {".jsonl": "jsonl", ".ndjson": "jsonl", ".json": "jsonl", ".csv": "csv", ".parquet": "parquet",
           ".pq": "parquet"}


class InputError(Exception):
    """An input that cannot be read at all (not a bad row: bad rows are answered with their problem)."""


def format_of(path: str | Path, given: str | None = None) -> str:
    if given:
        return given
    suffix = Path(str(path).rstrip("/")).suffix.lower()
    if suffix not in FORMATS:
        raise InputError(f"{path}: cannot tell the format from the name; name it .jsonl, .csv or .parquet")
    return FORMATS[suffix]


def cell_value(text: str | None):
    """A CSV cell as a JSON value; ``...`` (Ellipsis) for an empty cell, which leaves the field out."""
    if text is None or text == "":
        return ...
    if text in ("true", "false"):
        return text == "true"
    if text == "null":
        return None
    if text[0] in "[{":
        try:
            return jsonvalues.loads(text)
        except jsonvalues.JsonSyntaxError:
            return text
    return text


def nest(flat: dict) -> dict:
    """``{"household.livesAlone": true}`` as ``{"household": {"livesAlone": true}}``; a value ``...`` is left
    out, and so is an object all of whose fields were left out."""
    body: dict = {}
    for name, value in flat.items():
        if value is ...:
            continue
        parts = str(name).split(".")
        target = body
        for part in parts[:-1]:
            child = target.get(part)
            if not isinstance(child, dict):
                child = target[part] = {}
            target = child
        target[parts[-1]] = value
    return body


def json_row(value):
    """A Parquet or Spark value as a JSON value: Decimal kept, float as the Decimal of its repr, dates ISO,
    null fields of objects left out."""
    if isinstance(value, dict):
        return {k: json_row(v) for k, v in value.items() if v is not None}
    if isinstance(value, (list, tuple)):
        return [json_row(v) for v in value]
    if isinstance(value, bool) or value is None or isinstance(value, (str, Decimal)):
        return value
    if isinstance(value, float):
        return Decimal(repr(value))
    if isinstance(value, int):
        return Decimal(value)
    if isinstance(value, (datetime.date, datetime.datetime, datetime.time)):
        return value.isoformat()
    if isinstance(value, (bytes, bytearray)):
        return bytes(value).decode("utf-8", errors="replace")
    return str(value)


def _jsonl(path: Path) -> Iterator[tuple[int, object]]:
    with path.open("rb") as handle:
        for number, line in enumerate(handle, start=1):
            if line.strip():
                yield number, line.rstrip(b"\r\n")


def _csv(path: Path) -> Iterator[tuple[int, object]]:
    with path.open(newline="", encoding="utf-8-sig") as handle:
        reader = csv.DictReader(handle)
        for number, record in enumerate(reader, start=1):
            extra = record.pop(None, None)
            body = nest({name: cell_value(text) for name, text in record.items()})
            if extra:
                body[""] = extra  # more cells than columns: the schema names the row as invalid
            yield number, body


def _parquet(path: Path) -> Iterator[tuple[int, object]]:
    import pyarrow.parquet as pq

    try:
        parquet = pq.ParquetFile(path)
    except Exception as exc:  # pyarrow raises several types for a file that is no Parquet
        raise InputError(f"{path}: not a Parquet file ({exc})") from None
    number = 0
    for batch in parquet.iter_batches(batch_size=4096):
        for record in batch.to_pylist():
            number += 1
            yield number, nest({k: json_row(v) if v is not None else ... for k, v in record.items()})


def read_rows(path: str | Path, fmt: str | None = None) -> Iterator[tuple[int, object]]:
    """The rows of ``path`` as ``(line, payload)``; ``InputError`` when the file cannot be read."""
    path = Path(path)
    fmt = format_of(path, fmt)
    if not path.is_file():
        raise InputError(f"{path}: no such file")
    return {"jsonl": _jsonl, "csv": _csv, "parquet": _parquet}[fmt](path)


def case_id_text(value) -> str | None:
    """A ``caseId`` as text: text as it is, a number or other JSON value as its JSON text."""
    if value is None or isinstance(value, str):
        return value
    return jsonvalues.dumps(jsonvalues.to_json(value) if not isinstance(value, (dict, list)) else value)


def row_key(line: int, payload) -> str:
    """The key of a row: its ``caseId`` (as text), else ``line:N``; a row that is no JSON object is keyed by
    its line."""
    if isinstance(payload, (bytes, bytearray)):
        try:
            payload = jsonvalues.loads(bytes(payload))
        except jsonvalues.JsonSyntaxError:
            return f"line:{line}"
    if isinstance(payload, dict) and payload.get("caseId") is not None:
        return case_id_text(payload["caseId"])
    return f"line:{line}"


def output_key(case_id: str | None, line: int) -> str:
    """The key of an output row, as ``row_key`` gives it for its input row."""
    return case_id if case_id is not None else f"line:{line}"
