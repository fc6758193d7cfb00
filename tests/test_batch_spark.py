"""decisions batch and impact on Apache Spark (local[2]): every answer equals the in-process answer.

Skipped only outside CI when pyspark is not installed; CI (CI=true) installs the spark extra and runs it.
"""

from __future__ import annotations

import os
import stat

import pytest
from lxml import etree

from service.batch.bundle import Bundle
from service.batch.evaluate import Job
from service.batch.impact import run_impact
from service.batch.impact_report import report
from service.batch.output import done_keys
from service.batch.run import run_batch
from service.batch.sample import write_sample
from service.jsonvalues import loads

try:
    import pyspark  # noqa: F401
except ImportError:
    if os.environ.get("CI") != "true":
        pytest.skip("pyspark is not installed (pip install -e '.[spark]')", allow_module_level=True)

from service.batch.spark import SparkUnavailable, java_version, run_batch_spark, spark_session  # noqa: E402

CASES = 3000


@pytest.fixture(scope="module")
def spark():
    session = spark_session("local[2]", "decisions tests")
    yield session
    session.stop()


@pytest.fixture(scope="module")
def bundle():
    return Bundle.read("decisions")


def by_key(rows):
    return {(r["caseId"], r["line"]): r for r in rows}


def spark_jsonl(folder):
    return [loads(line) for part in sorted(folder.glob("part-*")) for line in part.read_text().splitlines()]


def in_process(bundle, job, source, target):
    run_batch(bundle, job, source, target, workers=1, progress=False)
    return [loads(line) for line in target.read_text().splitlines()]


@pytest.mark.parametrize("scheme,fmt", [("inami", "jsonl"), ("ossom", "csv")])
def test_spark_answers_equal_the_in_process_answers(spark, bundle, tmp_path, scheme, fmt):
    source = tmp_path / f"cases.{fmt}"
    write_sample(scheme, CASES, 21, source)
    expected = in_process(bundle, Job(scheme=scheme), source, tmp_path / "expected.jsonl")
    summary = run_batch_spark(bundle, Job(scheme=scheme), source, tmp_path / "spark.jsonl", "local[2]")
    got = spark_jsonl(tmp_path / "spark.jsonl")
    assert len(got) == CASES and summary.rows == CASES
    assert by_key(got) == by_key(expected)
    assert summary.problems == sum(1 for r in expected if r["status"] != 200)


def test_spark_parquet_in_and_out_and_resume(spark, bundle, tmp_path):
    import pyarrow.dataset as ds

    source = tmp_path / "cases.parquet"
    write_sample("inami", CASES, 22, source)
    expected = by_key(in_process(bundle, Job(scheme="inami"), source, tmp_path / "expected.jsonl"))
    head = tmp_path / "head.parquet"
    import pyarrow.parquet as pq

    pq.write_table(pq.read_table(source).slice(0, 1000), head)
    target = tmp_path / "spark.parquet"
    run_batch_spark(bundle, Job(scheme="inami"), head, target, "local[2]")
    summary = run_batch_spark(bundle, Job(scheme="inami"), source, target, "local[2]", resume=True)
    assert summary.rows == CASES - 1000 and summary.skipped == 1000
    table = ds.dataset(target, format="parquet").to_table()
    assert table.schema.field("status").type == "int32" and table.schema.field("line").nullable is False
    rows = [{**r, "answer": loads(r["answer"]) if r["answer"] else None,
             "problem": loads(r["problem"]) if r["problem"] else None} for r in table.to_pylist()]
    assert by_key(rows) == expected
    assert len(done_keys(target)) == CASES


def change_ceiling(data: bytes) -> bytes:
    """The model with the 2026 wage ceiling 178.69 raised to 182.26 (found by id, whatever the layout)."""
    root = etree.fromstring(data)
    [entry] = root.xpath("//*[@id='wageCeiling_rule3_out1']")
    [text] = [child for child in entry if etree.QName(child).localname == "text"]
    assert text.text == "178.69"
    text.text = "182.26"
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8")


def test_spark_impact_equals_the_in_process_impact(spark, bundle, tmp_path):
    after = tmp_path / "after"
    after.mkdir()
    for name, data in bundle.files.items():
        (after / name).write_bytes(change_ceiling(data) if name == "inami-benefit.dmn" else data)
    source = tmp_path / "cases.jsonl"
    write_sample("inami", CASES, 23, source)
    new = Bundle.read(after)
    local = report(run_impact(bundle, new, Job(scheme="inami"), source, workers=1))
    distributed = report(run_impact(bundle, new, Job(scheme="inami"), source, master="local[2]"))
    for key in ("cases", "changed", "statusChanged", "fields", "money", "rules", "largestChanges"):
        assert distributed[key] == local[key], key
    assert local["changed"] > 0


def test_java_missing_or_too_old_is_said_clearly(tmp_path, monkeypatch):
    home = tmp_path / "jdk"
    (home / "bin").mkdir(parents=True)
    java = home / "bin" / "java"
    java.write_text('#!/bin/sh\necho \'openjdk version "11.0.2" 2019-01-15\' >&2\n')
    java.chmod(java.stat().st_mode | stat.S_IEXEC)
    monkeypatch.setenv("JAVA_HOME", str(home))
    assert java_version() == (str(java), 11)
    from service.batch import spark as module

    with pytest.raises(SparkUnavailable, match="Java 17 or newer.*Java 11"):
        module._check_java()
    monkeypatch.setenv("JAVA_HOME", str(tmp_path / "none"))
    with pytest.raises(SparkUnavailable, match="no java was found"):
        module._check_java()
