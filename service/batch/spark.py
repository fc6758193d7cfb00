"""``--spark MASTER``: the same evaluation on Apache Spark through ``pyspark`` (the optional extra
``pip install -e '.[spark]'``).

Spark reads the rows (JSON Lines as text with their line numbers, CSV with a header, Parquet), each partition is
answered by an ``Evaluator`` built once per Python worker from the models' bytes (broadcast with the job, so that no
executor needs the folder they came from), the answers are a DataFrame with the explicit schema of
``ANSWER_SCHEMA_DDL``, and Spark writes them: Parquet (a folder of part files), or JSON Lines (a folder of text
part files, each line as the in-process run writes it). Executors run the ``decisions`` package: on a cluster,
install it on every node (``pip install decisions``) as any pyspark job's libraries are.
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from .bundle import Bundle
from .evaluate import COLUMNS, Evaluator, Job
from .output import done_keys, jsonl_line, output_format
from .rows import InputError, cell_value, format_of, json_row, nest, row_key

__all__ = ["ANSWER_SCHEMA_DDL", "SparkUnavailable", "answer_frame", "executor_evaluator", "java_version",
           "read_frame_rows", "run_batch_spark", "session", "spark_session"]

#: the answers' schema (``COLUMNS``), in Spark's DDL
ANSWER_SCHEMA_DDL = ("caseId STRING, line BIGINT NOT NULL, status INT NOT NULL, outcome STRING NOT NULL, "
                     "modelSha256 STRING, answer STRING, problem STRING")
MINIMUM_JAVA = 17


class SparkUnavailable(Exception):
    """pyspark or Java is missing, or Java is too old; the message says what to install."""


def java_version() -> tuple[str | None, int | None]:
    """The java command Spark would start ($JAVA_HOME/bin/java, else java on PATH) and its major version."""
    home = os.environ.get("JAVA_HOME")
    java = str(Path(home) / "bin" / "java") if home else shutil.which("java")
    if not java or not Path(java).exists():
        return None, None
    try:
        done = subprocess.run([java, "-version"], capture_output=True, text=True, timeout=30)
    except (OSError, subprocess.TimeoutExpired):
        return java, None
    found = re.search(r'version "(\d+)(?:\.(\d+))?', done.stderr + done.stdout)
    if not found:
        return java, None
    major = int(found.group(1))
    if major == 1 and found.group(2):  # 1.8 is Java 8
        major = int(found.group(2))
    return java, major


def _check_java() -> None:
    java, major = java_version()
    if java is None:
        raise SparkUnavailable(f"Spark needs Java {MINIMUM_JAVA} or newer, and no java was found (set JAVA_HOME or "
                               f"put java on PATH; on Debian: apt-get install openjdk-{MINIMUM_JAVA}-jre-headless).")
    if major is None:
        raise SparkUnavailable(f"Spark needs Java {MINIMUM_JAVA} or newer; {java} -version did not say its version.")
    if major < MINIMUM_JAVA:
        raise SparkUnavailable(f"Spark needs Java {MINIMUM_JAVA} or newer; {java} is Java {major} (set JAVA_HOME to a "
                               f"Java {MINIMUM_JAVA}+ installation).")


def spark_session(master: str, name: str = "decisions"):
    """A SparkSession on ``master``, after checking pyspark and Java; ``SparkUnavailable`` says what is missing.
    The session already active in this process, if any, is used as it is."""
    try:
        from pyspark.sql import SparkSession
    except ImportError:
        raise SparkUnavailable("--spark needs pyspark: pip install -e '.[spark]' (or pip install 'decisions[spark]')."
                               ) from None
    _check_java()
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    os.environ.setdefault("PYSPARK_DRIVER_PYTHON", sys.executable)
    active = SparkSession.getActiveSession()
    if active is not None:
        return active
    builder = (SparkSession.builder.master(master).appName(name)
               .config("spark.ui.enabled", "false")
               .config("spark.ui.showConsoleProgress", "true")
               .config("spark.sql.shuffle.partitions", "8")
               .config("spark.python.worker.reuse", "true"))
    try:
        session = builder.getOrCreate()
    except Exception as exc:
        raise SparkUnavailable(f"Spark did not start on {master}: {str(exc).splitlines()[0]}") from None
    session.sparkContext.setLogLevel("ERROR")
    return session


class session:
    """``with session(master) as spark``: a SparkSession, stopped at the end unless it was already active."""

    def __init__(self, master: str, name: str = "decisions"):
        self.master = master
        self.name = name

    def __enter__(self):
        try:
            from pyspark.sql import SparkSession

            self.owned = SparkSession.getActiveSession() is None
        except ImportError:
            self.owned = True
        self.spark = spark_session(self.master, self.name)
        return self.spark

    def __exit__(self, *exc) -> None:
        if self.owned:
            self.spark.stop()


def read_frame_rows(spark, source: str | Path, input_format: str | None = None):
    """The input's rows as an RDD of ``(line, payload)``, read by Spark, as ``rows.read_rows`` gives them."""
    path = str(source)
    fmt = format_of(path, input_format)
    if "://" not in path and not Path(path).exists():
        raise InputError(f"{path}: no such file")
    if fmt == "jsonl":
        lines = spark.sparkContext.textFile(path).zipWithIndex()
        return lines.filter(lambda pair: pair[0].strip()).map(lambda pair: (pair[1] + 1, pair[0].encode("utf-8")))
    if fmt == "csv":
        frame = (spark.read.option("header", True).option("escape", '"').option("multiLine", True)
                 .option("inferSchema", False).csv(path))
        return frame.rdd.zipWithIndex().map(
            lambda pair: (pair[1] + 1, nest({k: cell_value(v) for k, v in pair[0].asDict().items()})))
    frame = spark.read.parquet(path)
    return frame.rdd.zipWithIndex().map(
        lambda pair: (pair[1] + 1, nest({k: json_row(v) if v is not None else ...
                                         for k, v in pair[0].asDict(recursive=True).items()})))


#: the evaluators of this Python worker, by models and job: a reused worker loads the models once, not once per
#: partition
_EVALUATORS: dict = {}


def executor_evaluator(files: dict[str, bytes], job: Job, origin: str = "broadcast") -> Evaluator:
    """The evaluator of these model bytes and job in this process, built on first use."""
    key = (tuple(sorted((name, hashlib.sha256(data).hexdigest()) for name, data in files.items())), job)
    evaluator = _EVALUATORS.get(key)
    if evaluator is None:
        evaluator = _EVALUATORS[key] = Evaluator(Bundle(files, origin), job)
    return evaluator


def _answer_partitions(files, job: Job, done, counters) -> Callable[[Iterable], Iterator[tuple]]:
    def answer(rows: Iterable) -> Iterator[tuple]:
        evaluator = executor_evaluator(files.value, job)
        skip = done.value if done is not None else None
        for line, payload in rows:
            if skip and row_key(line, payload) in skip:
                continue
            record = evaluator.record(line, payload)
            counters[0].add(1)
            if record[2] != 200:
                counters[1].add(1)
            yield record

    return answer


def answer_frame(spark, bundle: Bundle, job: Job, rows, done: set[str] | None = None, counters=None):
    """The answers of an RDD of ``(line, payload)`` as a DataFrame of ``ANSWER_SCHEMA_DDL``."""
    context = spark.sparkContext
    files = context.broadcast(dict(bundle.files))
    skip = context.broadcast(done) if done else None
    counters = counters or (context.accumulator(0), context.accumulator(0))
    records = rows.mapPartitions(_answer_partitions(files, job, skip, counters))
    return spark.createDataFrame(records, ANSWER_SCHEMA_DDL)


def run_batch_spark(bundle: Bundle, job: Job, source, target, master: str, *, input_format: str | None = None,
                    resume: bool = False):
    """``decisions batch --spark MASTER``; the run's ``Summary``."""
    import time

    from .run import Summary

    started = time.perf_counter()
    fmt = output_format(target)
    done = done_keys(target) if resume else set()
    with session(master) as spark:
        context = spark.sparkContext
        counters = (context.accumulator(0), context.accumulator(0))
        rows = read_frame_rows(spark, source, input_format)
        total = rows.count() if done else None
        frame = answer_frame(spark, bundle, job, rows, done, counters)
        mode = "append" if resume else "overwrite"
        if fmt == "parquet":
            frame.write.mode(mode).parquet(str(target))
        else:
            text = frame.rdd.map(lambda row: (jsonl_line(tuple(row[c] for c in COLUMNS))[:-1],))
            spark.createDataFrame(text, "value STRING").write.mode(mode).text(str(target))
        answered, problems = counters[0].value, counters[1].value
    skipped = (total - answered) if total is not None else 0
    return Summary(answered, problems, skipped, time.perf_counter() - started)
