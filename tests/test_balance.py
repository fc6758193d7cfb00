import json
import socket
import time

from service import balance as balance_module
from service.balance import ConnectionBalance
from tests.live_server import read_answer, serving, wait_for, workers


def test_a_worker_holding_more_connections_than_another_is_ahead():
    shared = ConnectionBalance(slots=8)
    shared.join(age=1)  # this worker's row; another worker writes row 2 below
    other = ConnectionBalance.__new__(ConnectionBalance)
    other.slots, other._table, other._row = shared.slots, shared._table, None
    other.join(age=2)
    other.write(3, accepting=True)
    assert shared.ahead(4)
    assert not shared.ahead(3)  # as many as the other: both may accept
    assert not shared.ahead(0)
    other.write(0, accepting=False)  # a worker that does not accept is not waited for
    assert not shared.ahead(4)
    other.write(1, accepting=True)
    assert shared.ahead(2)
    other.leave()
    assert not shared.ahead(2)


def test_a_worker_that_no_longer_writes_its_row_or_has_exited_is_not_waited_for(monkeypatch):
    shared = ConnectionBalance(slots=4)
    shared.join(age=0)
    other = ConnectionBalance.__new__(ConnectionBalance)
    other.slots, other._table, other._row = shared.slots, shared._table, None
    other.join(age=5)  # row 1
    other.write(0, accepting=True)
    assert shared.ahead(1)
    now = time.monotonic()
    monkeypatch.setattr(balance_module.time, "monotonic", lambda: now + balance_module.STALE_AFTER + 1)
    assert not shared.ahead(1)
    monkeypatch.undo()
    other.write(0, accepting=True)
    assert shared.ahead(1)
    shared.forget(age=5, pid=-1)  # another process's exit: the row stays
    assert shared.ahead(1)
    shared.forget(age=5, pid=other._table[1 * 3])
    assert not shared.ahead(1)


def _wait_for_workers(pid: int, count: int) -> None:
    """Until the master ``pid`` has ``count`` workers, and a moment for each to take its row in the table."""
    wait_for(lambda: len(workers(pid)) >= count)
    time.sleep(1.0)


def test_connections_opened_together_are_shared_out_between_the_workers(tmp_path):
    with serving(tmp_path, "--workers", "2", "--threads", "4") as (port, process, log):
        _wait_for_workers(process.pid, 2)  # /ready is answered by the first worker up; the other may still start
        clients = [socket.create_connection(("127.0.0.1", port), timeout=10) for _ in range(8)]
        try:
            time.sleep(0.5)  # every connection accepted by now
            for sock in clients:
                sock.sendall(b"GET /health HTTP/1.1\r\nHost: x\r\n\r\n")
            assert [read_answer(sock)[0] for sock in clients] == [200] * 8
        finally:
            for sock in clients:
                sock.close()
        time.sleep(0.2)
        answered_by = [json.loads(line)["pid"] for line in log.read_text().splitlines()
                       if line.startswith("{") and '"path": "/health"' in line]
    assert len(answered_by) == 8
    counts = sorted(answered_by.count(pid) for pid in set(answered_by))
    assert len(counts) == 2 and counts[0] >= 3, counts  # 4 and 4, or 5 and 3 while a count is being written
