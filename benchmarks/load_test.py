"""Load test of ``decisions serve``: throughput, latency and memory under concurrent INAMI cases.

Starts ``decisions serve`` on 127.0.0.1 on a free port with N workers, posts a fixed number of varied INAMI
cases from concurrent client threads (each keeping its connection open, as a connection pool does, unless
``--new-connections``; each takes the next case as soon as its last answer came, as a pool's connections share
the work) (loopback only, bounded in count and time), then prints requests/s, p50/p90/p99 latency, errors by
status, the server's peak RSS (master plus workers, read from /proc; psutil is used when installed), and the CPU
time the server spent per request (user plus system, master plus workers: steadier than requests/s on a machine
shared with other work), also by process (user and system apart), with the connections each worker held, each
second of the run: whether every worker took its share; and the CPU time of the clients themselves, which share
the machine. Run by hand, never in CI:

    .venv/bin/python benchmarks/load_test.py --workers 2 --clients 8 --requests 4000
    .venv/bin/python benchmarks/load_test.py --new-connections     # a new connection per request

Each case is valid and decidable, so any non-200 answer counts as an error.
"""

from __future__ import annotations

import argparse
import http.client
import itertools
import json
import os
import signal
import socket
import statistics
import subprocess
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PAGE_SIZE = os.sysconf("SC_PAGE_SIZE") if hasattr(os, "sysconf") else 4096


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def varied_cases(count: int) -> list[bytes]:
    """``count`` INAMI cases cycling through statuses, dates, wages and households."""
    statuses = ["employee", "blue-collar", "unemployed", "self-employed"]
    starts = ["2024-03-04", "2025-01-15", "2025-09-30", "2026-01-15"]
    references = ["2026-02-20", "2026-03-20", "2026-06-15", "2026-11-02"]
    wages = ["95.50", "150", "178.69", "240.10"]
    households = [
        {"livesAlone": True},
        {"livesAlone": False, "dependentChildren": 2},
        {"livesAlone": False, "cohabitantProfessionalIncome": 1500, "cohabitantReplacementIncome": 0},
        {"livesAlone": False, "cohabitantProfessionalIncome": 2500, "cohabitantReplacementIncome": 0},
    ]
    cases = []
    combos = itertools.product(statuses, starts, references, wages, households)
    for status, start, reference, wage, household in itertools.islice(itertools.cycle(combos), count):
        case = {"status": status, "incapacityStartDate": start, "referenceDate": reference,
                "household": household, "workedDaysLast12Months": 250}
        if status != "self-employed":
            case["grossDailyWage"] = wage
        if status == "unemployed":
            case["unemploymentDailyAllowance"] = "62.15"
        if status == "self-employed":
            case["selfEmployed"] = {"businessCeased": True, "waitingPeriodMonths": 12,
                                    "contributionGapDays": 0}
        cases.append(json.dumps(case).encode())
    return cases


def process_tree_rss(pid: int) -> int:
    """Resident memory in bytes of ``pid`` and its children."""
    try:
        import psutil  # optional, benchmark only

        parent = psutil.Process(pid)
        return sum(p.memory_info().rss for p in [parent, *parent.children(recursive=True)])
    except ImportError:
        pass
    except Exception:
        return 0
    return _sum_over_tree(pid, _rss)


def process_tree_cpu(pid: int) -> float:
    """CPU seconds (user plus system) spent so far by ``pid`` and its children, read from /proc."""
    ticks = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100
    return _sum_over_tree(pid, _cpu_ticks) / ticks


def process_cpu_by_pid(pid: int) -> dict[int, tuple[float, float]]:
    """(user, system) CPU seconds spent so far by ``pid`` and by each of its descendants, by process id."""
    ticks = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100
    found = {}
    pids = [pid]
    while pids:
        current = pids.pop()
        try:
            with open(f"/proc/{current}/stat") as f:
                fields = f.read().rsplit(")", 1)[1].split()
            found[current] = (int(fields[11]) / ticks, int(fields[12]) / ticks)
            with open(f"/proc/{current}/task/{current}/children") as f:
                pids.extend(int(p) for p in f.read().split())
        except (OSError, IndexError, ValueError):
            continue
    return found


def cpu_spent(before: dict, after: dict, master: int, requests: int) -> dict:
    """The CPU each process of the server spent between ``before`` and ``after``, in ms per request of the run
    (user and system), the master apart from the workers: whether every worker was busy."""
    def spent(pid):
        user0, system0 = before.get(pid, (0.0, 0.0))
        user1, system1 = after[pid]
        return {"user": round((user1 - user0) * 1000 / requests, 3),
                "system": round((system1 - system0) * 1000 / requests, 3)}

    return {"master": spent(master) if master in after else None,
            "workers": [spent(pid) for pid in sorted(after) if pid != master]}


def connections_by_worker(pid: int, port: int) -> list[int]:
    """How many established TCP connections to ``port`` each child process of ``pid`` holds (read from /proc)."""
    established = set()
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        try:
            with open(table) as f:
                rows = f.read().splitlines()[1:]
        except OSError:
            continue
        for row in rows:
            fields = row.split()
            if len(fields) > 9 and fields[3] == "01" and int(fields[1].rsplit(":", 1)[1], 16) == port:
                established.add(fields[9])  # the socket's inode
    counts = []
    try:
        with open(f"/proc/{pid}/task/{pid}/children") as f:
            children = [int(p) for p in f.read().split()]
    except OSError:
        return counts
    for child in sorted(children):
        held = 0
        try:
            for fd in os.listdir(f"/proc/{child}/fd"):
                try:
                    link = os.readlink(f"/proc/{child}/fd/{fd}")
                except OSError:
                    continue
                if link.startswith("socket:[") and link[8:-1] in established:
                    held += 1
        except OSError:
            pass
        counts.append(held)
    return counts


def _rss(pid: int) -> int:
    with open(f"/proc/{pid}/statm") as f:
        return int(f.read().split()[1]) * PAGE_SIZE


def _cpu_ticks(pid: int) -> int:
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return int(fields[11]) + int(fields[12])  # utime, stime


def _sum_over_tree(pid: int, measure) -> int:
    """``measure`` summed over ``pid`` and its descendants, found in /proc; a process gone meanwhile is left out."""
    total = 0
    pids = [pid]
    while pids:
        current = pids.pop()
        try:
            total += measure(current)
            with open(f"/proc/{current}/task/{current}/children") as f:
                pids.extend(int(p) for p in f.read().split())
        except (OSError, IndexError, ValueError):
            continue
    return total


class PeakMemory(threading.Thread):
    def __init__(self, pid: int, interval: float = 0.05):
        super().__init__(daemon=True)
        self.pid, self.interval, self.peak = pid, interval, 0
        self.stopped = threading.Event()

    def run(self):
        while not self.stopped.is_set():
            self.peak = max(self.peak, process_tree_rss(self.pid))
            time.sleep(self.interval)


def wait_ready(port: int, seconds: float = 30.0) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            connection.request("GET", "/ready")
            if connection.getresponse().status == 200:
                return
        except OSError:
            pass
        time.sleep(0.2)
    raise SystemExit("the server did not become ready")


def request_bytes(body: bytes, keep_alive: bool = False) -> bytes:
    """The whole HTTP request posting ``body``, made before the clock starts."""
    connection = b"" if keep_alive else b"Connection: close\r\n"
    return (b"POST /benefits/inami HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
            b"Content-Length: %d\r\n%s\r\n" % (len(body), connection)) + body


class KeptConnection:
    """One connection kept open for request after request, as a case system's connection pool does; opened
    again when the server closes it."""

    def __init__(self, port: int):
        self.port = port
        self.sock: socket.socket | None = None
        self.pending = b""

    def post(self, request: bytes) -> int:
        """Send one request and read its answer (by its Content-Length); its status, 0 on failure."""
        for attempt in range(2):
            try:
                if self.sock is None:
                    self.sock = socket.create_connection(("127.0.0.1", self.port), timeout=30)
                    self.pending = b""
                self.sock.sendall(request)
                return self._answer()
            except (OSError, ValueError):
                self.close()
                if attempt:
                    return 0
        return 0

    def _answer(self) -> int:
        data = self.pending
        while b"\r\n\r\n" not in data:
            chunk = self.sock.recv(65536)
            if not chunk:
                raise ValueError("closed")
            data += chunk
        head, _, rest = data.partition(b"\r\n\r\n")
        lines = head.split(b"\r\n")
        status = int(lines[0].split(b" ", 2)[1])
        length, close = 0, False
        for line in lines[1:]:
            name, _, value = line.partition(b":")
            name = name.strip().lower()
            if name == b"content-length":
                length = int(value)
            elif name == b"connection" and value.strip().lower() == b"close":
                close = True
        while len(rest) < length:
            chunk = self.sock.recv(65536)
            if not chunk:
                raise ValueError("closed")
            rest += chunk
        self.pending = rest[length:]
        if close:
            self.close()
        return status

    def close(self):
        if self.sock is not None:
            self.sock.close()
        self.sock = None


def post(port: int, request: bytes) -> int:
    """Send one request on a new connection, read the answer to the end; its status, or 0 when the answer is
    cut short (fewer body bytes than its Content-Length) or the connection fails. A plain socket: the client
    should cost the shared cores as little as it can."""
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=30) as connection:
            connection.sendall(request)
            chunks = []
            while chunk := connection.recv(65536):
                chunks.append(chunk)
    except OSError:
        return 0
    head, _, body = b"".join(chunks).partition(b"\r\n\r\n")
    lines = head.split(b"\r\n")
    try:
        status = int(lines[0].split(b" ", 2)[1])
        length = next(int(line.split(b":", 1)[1]) for line in lines[1:] if line.lower().startswith(b"content-length:"))
    except (IndexError, ValueError, StopIteration):
        return 0
    return status if len(body) == length else 0


def run_client(port: int, requests, deadline: float, keep_alive: bool) -> list[tuple[int, float]]:
    """Post requests taken one at a time from ``requests`` (an iterator the clients share, as the connections
    of a pool share the work: a client whose answers come sooner posts more), on one kept-alive connection
    or on a new connection each."""
    results = []
    kept = KeptConnection(port) if keep_alive else None
    for request in requests:
        if time.monotonic() > deadline:
            break
        started = time.perf_counter()
        status = kept.post(request) if kept else post(port, request)
        results.append((status, time.perf_counter() - started))
    if kept:
        kept.close()
    return results


def percentile(sorted_values: list[float], p: float) -> float:
    if not sorted_values:
        return float("nan")
    index = min(len(sorted_values) - 1, max(0, round(p / 100 * (len(sorted_values) - 1))))
    return sorted_values[index]


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers")
    parser.add_argument("--threads", type=int, default=None, help="threads per worker (default: the serve default)")
    parser.add_argument("--clients", type=int, default=8, help="concurrent client threads")
    parser.add_argument("--new-connections", action="store_true",
                        help="a new connection per request (default: each client keeps its connection)")
    parser.add_argument("--requests", type=int, default=2000, help="total requests (at most 100000)")
    parser.add_argument("--max-seconds", type=float, default=120.0, help="stop sending after this long")
    parser.add_argument("--decisions", default=None, help="models folder (default: the bundled decisions/)")
    args = parser.parse_args(argv)
    count = max(1, min(args.requests, 100_000))

    port = free_port()
    command = [sys.executable, "-m", "service.cli", "serve", "--port", str(port),
               "--workers", str(args.workers)]
    if args.decisions:
        command += ["--decisions", args.decisions]
    if args.threads:
        command += ["--threads", str(args.threads)]
    server = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                              env={**os.environ, "PYTHONPATH": str(ROOT)})
    try:
        wait_ready(port)
        idle_rss = process_tree_rss(server.pid)
        keep_alive = not args.new_connections
        requests = iter([request_bytes(body, keep_alive) for body in varied_cases(count)])
        memory = PeakMemory(server.pid)
        memory.start()
        cpu_before = process_tree_cpu(server.pid)
        cpu_by_pid = process_cpu_by_pid(server.pid)
        client_cpu_before = time.process_time()
        started = time.perf_counter()
        deadline = time.monotonic() + args.max_seconds
        held = []
        sampling = threading.Event()

        def sample():
            while not sampling.wait(1.0):
                held.append(connections_by_worker(server.pid, port))

        sampler = threading.Thread(target=sample, daemon=True)
        sampler.start()
        with ThreadPoolExecutor(max_workers=args.clients) as pool:
            done = pool.map(lambda _: run_client(port, requests, deadline, keep_alive), range(args.clients))
            results = [result for client in done for result in client]
        elapsed = time.perf_counter() - started
        client_cpu = time.process_time() - client_cpu_before
        sampling.set()
        server_cpu = process_tree_cpu(server.pid) - cpu_before
        cpu_by_process = cpu_spent(cpu_by_pid, process_cpu_by_pid(server.pid), server.pid, max(1, len(results)))
        memory.stopped.set()
        memory.join()
    finally:
        server.send_signal(signal.SIGTERM)
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()

    latencies = sorted(seconds * 1000 for _, seconds in results)
    errors: dict[int, int] = {}
    for status, _ in results:
        if status != 200:
            errors[status] = errors.get(status, 0) + 1
    report = {
        "workers": args.workers,
        "clients": args.clients,
        "connections": "new per request" if args.new_connections else "kept alive",
        "requests": len(results),
        "seconds": round(elapsed, 3),
        "requestsPerSecond": round(len(results) / elapsed, 1) if elapsed else None,
        "latencyMs": {
            "p50": round(percentile(latencies, 50), 2),
            "p90": round(percentile(latencies, 90), 2),
            "p99": round(percentile(latencies, 99), 2),
            "mean": round(statistics.fmean(latencies), 2) if latencies else None,
        },
        "errors": {str(k): v for k, v in sorted(errors.items())},
        "serverRssMiB": {"idle": round(idle_rss / 2**20, 1), "peak": round(memory.peak / 2**20, 1)},
        "serverCpuMsPerRequest": round(server_cpu * 1000 / len(results), 3) if results else None,
        "serverCpuMsPerRequestByProcess": cpu_by_process,
        "clientCpuMsPerRequest": round(client_cpu * 1000 / len(results), 3) if results else None,
        "connectionsByWorkerEachSecond": held,
    }
    print(json.dumps(report, indent=2))
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
