"""schemathesis (``--checks all``, a fixed seed and budget) against a real ``decisions serve``: every answer
conforms to the OpenAPI document, nothing is a 500, the service refuses what the document refuses and accepts
what it admits (tests/contract/ holds the configuration and the one check for what JSON Schema cannot state)."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from live_server import serving

HERE = Path(__file__).resolve().parent
EXAMPLES = os.environ.get("CONTRACT_EXAMPLES", "30")


def schemathesis_command() -> list[str] | None:
    found = shutil.which("schemathesis", path=str(Path(sys.executable).parent)) or shutil.which("schemathesis")
    return [found] if found else None


@pytest.mark.skipif(schemathesis_command() is None, reason="schemathesis is not installed (pip install -e '.[test]')")
def test_schemathesis_finds_no_failure(tmp_path):
    with serving(tmp_path, "--workers", "2") as (port, _, _):
        result = subprocess.run(
            [*schemathesis_command(), "--config-file", str(HERE / "contract" / "schemathesis.toml"), "run",
             f"http://127.0.0.1:{port}/openapi.json", "--checks", "all", "--max-examples", EXAMPLES,
             "--workers", "2", "--no-color", "--report-dir", str(tmp_path / "report")],
            capture_output=True, text=True, timeout=900, cwd=tmp_path,
            env={**os.environ, "PYTHONPATH": str(HERE)},
        )
    summary = result.stdout[-6000:]
    assert result.returncode == 0, summary
    assert " passed" in summary and "failures" not in summary.split("SUMMARY")[-1], summary
