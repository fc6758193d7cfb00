"""The dmn-js round trip (service/dmn/roundtrip): a file it writes is what dmn-moddle exports, a second round trip
changes nothing, and the engine reads the written file as the original. Needs Node and `npm ci` in that folder
(.ci/run does both); skipped otherwise."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from service.dmn import load

ROOT = Path(__file__).parents[1]
TOOL = ROOT / "service" / "dmn" / "roundtrip"
pytestmark = pytest.mark.skipif(shutil.which("node") is None or not (TOOL / "node_modules" / "dmn-moddle").is_dir(),
                                reason="node or service/dmn/roundtrip/node_modules missing (npm ci there)")


def roundtrip(mode: str, *files: Path) -> subprocess.CompletedProcess:
    return subprocess.run(["node", str(TOOL / "roundtrip.mjs"), mode, *map(str, files)], capture_output=True,
                          text=True, timeout=120)


def test_a_written_file_passes_the_check_and_a_second_round_trip_changes_nothing(tmp_path):
    copy = tmp_path / "ossom-allowance.dmn"
    shutil.copy(ROOT / "decisions" / "ossom-allowance.dmn", copy)
    assert roundtrip("--write", copy).returncode == 0
    first = copy.read_bytes()
    checked = roundtrip("--check", copy)
    assert checked.returncode == 0 and checked.stdout.startswith("OK"), checked.stdout
    assert roundtrip("--write", copy).returncode == 0
    assert copy.read_bytes() == first
    # the same model for the engine: same decisions, same annotations
    before = load(ROOT / "decisions" / "ossom-allowance.dmn").by_file("ossom-allowance.dmn")
    after = load(copy).by_file("ossom-allowance.dmn")
    assert [d.id for d in after.definitions.decisions] == [d.id for d in before.definitions.decisions]
    rules = [[r.annotations for r in d.expression.rules] for d in after.definitions.decisions
             if hasattr(d.expression, "rules")]
    assert rules == [[r.annotations for r in d.expression.rules] for d in before.definitions.decisions
                     if hasattr(d.expression, "rules")]


def test_the_check_names_a_file_a_save_would_change(tmp_path):
    copy = tmp_path / "m.dmn"
    copy.write_text('<?xml version="1.0" encoding="UTF-8"?>\n<definitions xmlns="https://www.omg.org/spec/DMN/'
                    '20191111/MODEL/" id="d" name="M" namespace="http://m"><decision id="x" name="X"/>'
                    "</definitions>\n", encoding="utf-8")
    result = roundtrip("--check", copy)
    assert result.returncode == 1 and result.stdout.startswith(f"DIFF  {copy}")
