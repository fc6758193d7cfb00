"""Connections shared out evenly between the workers of one server.

The workers accept from one listening socket, and whichever worker's event loop wakes first takes a new
connection: clients that connect together (a case system's connection pool opening) can all land on one worker,
and kept-alive connections stay where they landed, so that worker does most of the work while another idles.
``ConnectionBalance`` is a small table in memory shared by the master and its workers (made in the master before
it forks them): each worker writes there how many connections it holds, and does not accept while it holds more
than another accepting worker; that one accepts instead. A worker's row counts only while the worker writes it
(at least once a second, from its event loop), so a worker that stopped or died is never waited for.
"""

from __future__ import annotations

import multiprocessing
import os
import time

__all__ = ["ConnectionBalance"]

#: seconds after which a worker's row no longer counts (its event loop writes at least once a second)
STALE_AFTER = 3.0
#: fields of a row: the worker's process id, its connections (-1: it does not accept), when it wrote them
_PID, _CONNECTIONS, _WRITTEN = range(3)
_FIELDS = 3


class ConnectionBalance:
    """The shared table of ``slots`` rows, one per living worker (a worker's row is its age modulo ``slots``:
    the master numbers its workers in order, and far fewer than ``slots`` live at once)."""

    def __init__(self, slots: int = 64):
        self.slots = slots
        self._table = multiprocessing.RawArray("d", slots * _FIELDS)  # shared memory, inherited by the forks
        self._row: int | None = None

    def join(self, age: int) -> None:
        """In a worker, once: take the row of the worker numbered ``age``."""
        self._row = (age % self.slots) * _FIELDS
        self._pid = os.getpid()
        self._written = (None, 0.0)  # the value written last, and when
        self.write(0, accepting=True)

    def write(self, connections: int, accepting: bool) -> None:
        """The worker's connections now, and whether it accepts more (written when they change, and at least
        every second)."""
        row = self._row
        if row is None:
            return
        value = connections if accepting else -1
        now = time.monotonic()
        if value == self._written[0] and now - self._written[1] < 1.0:
            return
        self._written = (value, now)
        table = self._table
        table[row + _PID] = self._pid
        table[row + _CONNECTIONS] = value
        table[row + _WRITTEN] = now

    def leave(self) -> None:
        """The worker stops accepting for good: its row no longer counts."""
        if self._row is not None:
            self._table[self._row + _PID] = 0

    def forget(self, age: int, pid: int) -> None:
        """In the master, when the worker ``pid`` numbered ``age`` has exited."""
        row = (age % self.slots) * _FIELDS
        if self._table[row + _PID] == pid:
            self._table[row + _PID] = 0

    def ahead(self, connections: int) -> bool:
        """Whether a worker holding ``connections`` holds more than another worker that accepts."""
        table, own = self._table, self._row
        now = time.monotonic()
        for row in range(0, self.slots * _FIELDS, _FIELDS):
            if row == own or not table[row + _PID]:
                continue
            other = table[row + _CONNECTIONS]
            if 0 <= other < connections and now - table[row + _WRITTEN] < STALE_AFTER:
                return True
        return False
