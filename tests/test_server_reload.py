"""Reloads (SIGHUP) run in a thread of the master: ``/ready`` and ``/models`` report the last one (time,
success, the problems), the last good models keep serving, and while a load hangs the master still replaces a
dead worker and stops on SIGTERM."""

import json
import os
import shutil
import signal
import time
from pathlib import Path

from live_server import exchange, serving, wait_for, workers

ROOT = Path(__file__).resolve().parents[1]
TCK = ROOT.parent / "shared" / "dmn-tck" / "compliance-level-2"
MODEL = "0004-simpletable-U.dmn"


def get(port, path):
    status, headers, body = exchange(port, f"GET {path} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n".encode())
    return status, headers, json.loads(body)


def folder_with_model(tmp_path) -> Path:
    folder = tmp_path / "decisions"
    folder.mkdir()
    shutil.copy(TCK / "0004-simpletable-U" / MODEL, folder)
    return folder


def test_ready_and_models_report_a_failed_then_a_good_reload(tmp_path):
    folder = folder_with_model(tmp_path)
    with serving(tmp_path, "--workers", "1", decisions=folder) as (port, process, _):
        _, headers, ready = get(port, "/ready")
        first = ready["lastReload"]
        assert first["succeeded"] is True and first["problems"] == []
        assert headers.get("content-type") == "application/json"
        _, headers, models = get(port, "/models")
        assert headers["last-reload-status"] == "succeeded" and headers["last-reload"] == first["time"]
        sha = models[0]["sha256"]

        (folder / "broken.dmn").write_text("<definitions")
        process.send_signal(signal.SIGHUP)
        wait_for(lambda: get(port, "/ready")[2]["lastReload"]["time"] != first["time"])
        status, _, ready = get(port, "/ready")
        failed = ready["lastReload"]
        assert status == 200 and failed["succeeded"] is False
        assert failed["problems"][0]["severity"] == "error"
        assert failed["problems"][0]["file"] == str(folder / "broken.dmn")
        assert failed["serving"] == [{"name": models[0]["name"], "sha256": sha}]
        _, headers, models = get(port, "/models")
        assert headers["last-reload-status"] == "failed" and models[0]["sha256"] == sha  # the last good model

        (folder / "broken.dmn").unlink()
        process.send_signal(signal.SIGHUP)
        wait_for(lambda: get(port, "/ready")[2]["lastReload"]["succeeded"] is True)
        assert get(port, "/models")[1]["last-reload-status"] == "succeeded"


def test_a_hanging_load_leaves_the_master_in_charge(tmp_path):
    folder = folder_with_model(tmp_path)
    with serving(tmp_path, "--workers", "1", "--reload-timeout", "2", decisions=folder) as (port, process, _):
        # a model naming a FIFO as its DTD behind a decoy DOCTYPE in a comment: a parser that opens the FIFO
        # waits for a writer forever (a parser that refuses the DOCTYPE fails the load at once)
        os.mkfifo(tmp_path / "fifo")
        text = (folder / MODEL).read_text()
        head, _, rest = text.partition("?>")
        (folder / "hangs.dmn").write_text(f'{head}?><!-- <!DOCTYPE x> --><!DOCTYPE definitions SYSTEM '
                                          f'"{tmp_path / "fifo"}">{rest}')
        started = get(port, "/ready")[2]["lastReload"]["time"]
        process.send_signal(signal.SIGHUP)
        time.sleep(0.5)
        # a dead worker is replaced while the load hangs (or after it failed, where the parser refuses the DTD)
        wait_for(lambda: len(workers(process.pid)) == 1)
        [worker] = workers(process.pid)
        os.kill(worker, signal.SIGKILL)
        wait_for(lambda: len(workers(process.pid)) == 1 and worker not in workers(process.pid))
        wait_for(lambda: get(port, "/health")[0] == 200)
        # past the reload timeout, the reload has failed and says why; the model still serves
        wait_for(lambda: get(port, "/ready")[2]["lastReload"]["time"] != started)
        state = get(port, "/ready")[2]["lastReload"]
        assert state["succeeded"] is False and state["problems"][0]["code"] in ("load-timeout", "load-error")
        assert get(port, "/models")[2][0]["name"]
        # and SIGTERM stops the master at once
        process.send_signal(signal.SIGTERM)
        started = time.monotonic()
        process.wait(timeout=20)
        assert time.monotonic() - started < 15


def test_a_load_past_the_reload_timeout_fails_and_a_late_result_is_ignored(monkeypatch, tmp_path):
    import threading

    from service import server
    from service.dmn import load

    models = load(str(TCK / "0004-simpletable-U" / MODEL))
    release = threading.Event()

    def slow_check(path, budget=None):
        release.wait(10)
        return models, []

    monkeypatch.setattr(server, "checked", slow_check)
    app = server.DecisionServer(tmp_path, models, {"bind": "127.0.0.1:0"}, reload_timeout=0.2)
    woken = threading.Event()
    app.start_reload(woken.set)
    assert app.take_reload() is False  # still loading
    time.sleep(0.3)
    assert app.take_reload() is True  # past the timeout: failed, new workers report it
    assert app.reload_state["succeeded"] is False
    assert app.reload_state["problems"][0]["code"] == "load-timeout"
    release.set()
    assert woken.wait(5)
    assert app.take_reload() is False  # the hung load's late result changes nothing
    again = threading.Event()
    app.start_reload(again.set)  # and a new reload can start
    assert again.wait(5) and app.take_reload() is True and app.reload_state["succeeded"] is True
