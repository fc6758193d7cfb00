"""``decisions serve`` under gunicorn: a JSON log line per request, and SIGHUP reloads the models, keeping the
previous ones when the new ones fail to load."""

import json
import os
import shutil
import signal
import subprocess
import sys
import urllib.request
from pathlib import Path

import pytest
from live_server import free_port, wait_for

ROOT = Path(__file__).resolve().parents[1]
TCK = ROOT.parent / "shared" / "dmn-tck" / "compliance-level-2"
MODEL = "0004-simpletable-U.dmn"


def get(port, path):
    with urllib.request.urlopen(f"http://127.0.0.1:{port}{path}", timeout=5) as response:
        return json.loads(response.read())


def log_lines(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text().splitlines() if line.startswith("{")]


@pytest.fixture
def server(tmp_path):
    folder = tmp_path / "decisions"
    folder.mkdir()
    shutil.copy(TCK / "0004-simpletable-U" / MODEL, folder)
    port = free_port()
    out = tmp_path / "out.log"
    with out.open("w") as stdout, (tmp_path / "err.log").open("w") as stderr:
        process = subprocess.Popen(
            [sys.executable, "-m", "service.cli", "serve", "--decisions", str(folder), "--port", str(port),
             "--workers", "1"],
            cwd=ROOT, stdout=stdout, stderr=stderr, env={**os.environ, "PYTHONPATH": str(ROOT)},
        )
    try:
        wait_for(lambda: get(port, "/ready")["status"] == "ready")
        yield port, folder, out, process
    finally:
        process.terminate()
        process.wait(timeout=30)


def model_hash(port):
    return get(port, "/models")[0]["sha256"]


def test_request_log_and_reload(server):
    port, folder, out, process = server
    first = model_hash(port)
    request = urllib.request.Request(
        f"http://127.0.0.1:{port}/decisions/Approval%20Status/evaluate",
        data=b'{"Age": 18, "RiskCategory": "Medium", "isAffordable": true}',
        headers={"Content-Type": "application/json"},
    )
    with urllib.request.urlopen(request, timeout=5) as response:
        assert json.loads(response.read())["result"] == "Approved"

    wait_for(lambda: any(line.get("path", "").endswith("/evaluate") for line in log_lines(out)))
    [line] = [line for line in log_lines(out) if line.get("path", "").endswith("/evaluate")]
    assert line["method"] == "POST" and line["status"] == 200 and line["model"] == first
    assert line["decision"] == "_3b2953a3-745f-4d2e-b55d-75c8c5ae653c"
    assert isinstance(line["durationMs"], float)
    assert "Medium" not in json.dumps(line)  # no case data in the log

    # a broken file: the reload fails, says why, and the previous models keep serving
    (folder / "broken.dmn").write_text("<definitions")
    process.send_signal(signal.SIGHUP)
    wait_for(lambda: any(line["event"] == "reload-failed" for line in log_lines(out)))
    failed = next(line for line in log_lines(out) if line["event"] == "reload-failed")
    assert failed["problems"][0].startswith(f"{folder / 'broken.dmn'}:")
    wait_for(lambda: model_hash(port) == first)

    # a good edit: the new workers serve the new model
    (folder / "broken.dmn").unlink()
    with (folder / MODEL).open("a") as f:
        f.write("<!-- edited -->\n")
    process.send_signal(signal.SIGHUP)
    wait_for(lambda: model_hash(port) != first)
    assert any(line["event"] == "reloaded" for line in log_lines(out))
