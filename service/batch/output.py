"""Writing the answers: JSON Lines (one object per row, the documents nested, numbers exact) or Parquet (an
explicit schema: the documents as JSON text columns, so that every answer shape of the rules is carried whole).

``done_keys`` reads the keys of an output already written, for ``--resume``.
"""

from __future__ import annotations

import os
from pathlib import Path

from service import jsonvalues

from .evaluate import COLUMNS
from .rows import InputError, output_key

__all__ = ["OUTPUT_FORMATS", "arrow_schema", "done_keys", "jsonl_line", "open_writer", "output_format"]

OUTPUT_FORMATS = {".jsonl": "jsonl", ".ndjson": "jsonl", ".json": "jsonl", ".parquet": "parquet", ".pq": "parquet"}


def output_format(path: str | Path) -> str:
    suffix = Path(str(path).rstrip("/")).suffix.lower()
    if suffix not in OUTPUT_FORMATS:
        raise InputError(f"{path}: name the output .jsonl or .parquet")
    return OUTPUT_FORMATS[suffix]


def arrow_schema():
    import pyarrow as pa

    return pa.schema([
        pa.field("caseId", pa.string()), pa.field("line", pa.int64(), nullable=False),
        pa.field("status", pa.int32(), nullable=False), pa.field("outcome", pa.string(), nullable=False),
        pa.field("modelSha256", pa.string()),
        pa.field("answer", pa.string(), metadata={"content": "application/json"}),
        pa.field("problem", pa.string(), metadata={"content": "application/problem+json"}),
    ])


def jsonl_line(record: tuple) -> str:
    """A record (``COLUMNS``, the documents as JSON text) as one JSON line, the documents nested as objects."""
    case_id, line, status, outcome, sha256, answer, problem = record
    head = jsonvalues.dumps({"caseId": case_id, "line": line, "status": status, "outcome": outcome,
                             "modelSha256": sha256})
    return f'{head[:-1]},"answer":{answer or "null"},"problem":{problem or "null"}}}\n'


class _JsonlWriter:
    def __init__(self, path: Path, append: bool):
        if append and path.exists():
            _drop_partial_line(path)
        self.handle = path.open("a" if append else "w", encoding="utf-8")

    def write(self, records: list[tuple]) -> None:
        self.handle.write("".join(jsonl_line(r) for r in records))
        self.handle.flush()

    def close(self) -> None:
        self.handle.close()


def _drop_partial_line(path: Path) -> None:
    """An interrupted run may have left half a line: cut the file after its last newline."""
    with path.open("rb+") as handle:
        size = handle.seek(0, os.SEEK_END)
        position = size
        while position > 0:
            step = min(65536, position)
            handle.seek(position - step)
            chunk = handle.read(step)
            newline = chunk.rfind(b"\n")
            if newline >= 0:
                handle.truncate(position - step + newline + 1)
                return
            position -= step
        handle.truncate(0)


class _ParquetWriter:
    """Rows written in row groups as they come; with ``append``, the rows already in the file are copied first
    (Parquet files cannot be appended to). The file is written beside and renamed when closed."""

    def __init__(self, path: Path, append: bool):
        import pyarrow.parquet as pq

        self.path = path
        self.partial = path.with_name(path.name + ".partial")
        self.schema = arrow_schema()
        self.writer = pq.ParquetWriter(self.partial, self.schema)
        if append and path.exists():
            for batch in pq.ParquetFile(path).iter_batches(batch_size=65536):
                self.writer.write_batch(batch.cast(self.schema) if batch.schema != self.schema else batch)

    def write(self, records: list[tuple]) -> None:
        import pyarrow as pa

        columns = list(zip(*records, strict=True)) if records else [[] for _ in COLUMNS]
        self.writer.write_table(pa.table(dict(zip(COLUMNS, columns, strict=True)), schema=self.schema))

    def close(self) -> None:
        self.writer.close()
        os.replace(self.partial, self.path)


def open_writer(path: str | Path, append: bool = False):
    """A writer of records (``write(list)``, ``close()``) for the output's format."""
    path = Path(path)
    return {"jsonl": _JsonlWriter, "parquet": _ParquetWriter}[output_format(path)](path, append)


def done_keys(path: str | Path) -> set[str]:
    """The keys (``caseId``, else ``line:N``) of the rows already in an output; empty when there is none."""
    path = Path(path)
    if not path.exists():
        return set()
    if output_format(path) == "parquet":
        import pyarrow.parquet as pq

        if path.is_dir():
            import pyarrow.dataset as ds

            table = ds.dataset(path, format="parquet").to_table(columns=["caseId", "line"])
        else:
            table = pq.read_table(path, columns=["caseId", "line"])
        return {output_key(c, n) for c, n in zip(table["caseId"].to_pylist(), table["line"].to_pylist(),
                                                    strict=True)}
    files = sorted(path.glob("part-*")) if path.is_dir() else [path]
    keys = set()
    for file in files:
        with file.open("rb") as handle:
            for text in handle:
                if text.endswith(b"\n") and text.strip():
                    try:
                        row = jsonvalues.loads(text)
                    except jsonvalues.JsonSyntaxError:
                        continue
                    keys.add(output_key(row.get("caseId"), int(row["line"])))
    return keys
