"""The engine against the DMN TCK: pass counts must not fall below the floors.

Raise the floors as the engine improves (``python -m service.dmn.tck ../shared/dmn-tck --failures``
lists what still fails).
"""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from lxml import etree

from service.dmn.tck import runner as tck

#: Test cases that must pass, per compliance level.
FLOORS = {
    "compliance-level-2": 116,
    "compliance-level-3": 2824,  # every case
}

TCK_ROOT = Path(__file__).parents[1].parent / "shared" / "dmn-tck"

pytestmark = pytest.mark.skipif(not TCK_ROOT.is_dir(), reason=f"no DMN TCK at {TCK_ROOT}")


def _cases_present(root: Path) -> dict[str, int]:
    """Test cases in the TCK files (comments excluded), counted without the runner."""
    counts: dict[str, int] = {}
    parser = etree.XMLParser(resolve_entities=False, no_network=True, remove_comments=True)
    for path in root.rglob("*.xml"):
        if "test" not in path.name or path.parent == root / "schemas":
            continue
        level = path.relative_to(root).parts[0]
        cases = etree.parse(str(path), parser).getroot().findall("{*}testCase")
        counts[level] = counts.get(level, 0) + len(cases)
    return counts


@pytest.fixture(scope="module")
def outcomes():
    return list(tck.iter_outcomes(TCK_ROOT))


def test_every_test_case_was_run(outcomes):
    present = _cases_present(TCK_ROOT)
    ran = tck.summarize(outcomes)
    assert sum(present.values()) >= 2900
    for level, count in present.items():
        assert ran.get(level, (0, 0))[1] >= count, f"{level}: ran {ran.get(level)}, present {count}"


@pytest.mark.parametrize("level", sorted(FLOORS))
def test_pass_count_is_not_below_the_floor(outcomes, level):
    passed, total = tck.summarize(outcomes).get(level, (0, 0))
    failing = [f"{o.folder} {o.case_id}: {o.message}" for o in outcomes
               if o.folder.startswith(level) and o.status != tck.SUCCESS]
    head = f"{level}: {passed}/{total} passed, floor {FLOORS[level]}; first failures:\n"
    assert passed >= FLOORS[level], head + "\n".join(failing[:20])


def test_run_tck_reports_counts_and_writes_the_csv(tmp_path):
    out = io.StringIO()
    csv_path = tmp_path / "results.csv"
    level2 = TCK_ROOT / "compliance-level-2"
    assert tck.run_tck(str(level2), str(csv_path), out=out) == 0
    lines = csv_path.read_text().splitlines()
    assert lines and all(line.startswith('"compliance-level-2/') for line in lines)
    assert "compliance-level-2: " in out.getvalue()
