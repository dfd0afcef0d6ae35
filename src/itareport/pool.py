"""The batch's worker processes, with nothing shared between them.

Each worker has its own pipe to the parent; no queue and no lock is common to two processes. So a worker
stopped or killed at any moment cannot leave another process waiting on something it held: the parent
sees its pipe close (or its process end) and carries on. (concurrent.futures' pool shares one call queue
and its lock among all workers and needs a manager thread to clean up after a dead one; a Ctrl+C that
reaches the workers too could leave it waiting forever: see docs/architecture.md, "Stopping a batch".)

Workers ignore the stop signals (a terminal's Ctrl+C reaches every process of its foreground group): the
parent alone decides to stop, and then kills them. They write nothing (the parent writes every file), so
killing one is always safe. A worker exits by itself when its pipe closes or its parent is gone.

A worker started by spawn (Windows, macOS) has fresh module globals: the initializer gives it what it
needs from the parent (the language of the messages it makes).
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import signal
import sys
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from multiprocessing.connection import Connection, wait
from multiprocessing.context import BaseContext
from multiprocessing.process import BaseProcess
from types import TracebackType
from typing import Any

from .stopping import STOP_SIGNALS, Stop, forget_child, kill_process, register_child

POLL = 0.1           # seconds between two looks at the stop request while waiting for results
ORPHAN_POLL = 1.0    # seconds between a worker's looks at its parent while it waits for work


class WorkerLost(Exception):
    """A worker ended (killed from outside, out of memory) while it worked on a call."""

    def __init__(self, exitcode: int | None) -> None:
        super().__init__(exitcode)
        self.exitcode = exitcode


def _serve(conn: Connection, parent: int, initializer: Callable[..., object] | None,
           initargs: tuple[Any, ...]) -> None:
    """A worker: calls from the pipe, one at a time, each answered (index, ok, result or exception)."""
    for sig in STOP_SIGNALS:
        signal.signal(sig, signal.SIG_IGN)
    if initializer is not None:
        initializer(*initargs)
    while True:
        try:
            if not conn.poll(ORPHAN_POLL):
                if sys.platform != "win32" and os.getppid() != parent:
                    return  # the parent is gone (killed): nobody will read a result
                continue
            call = conn.recv()
        except (EOFError, OSError):
            return
        if call is None:
            return
        index, fn, args = call
        try:
            reply: tuple[int, bool, Any] = (index, True, fn(*args))
        except Exception as exc:  # a bug in the call: the parent raises it
            reply = (index, False, exc)
        try:
            conn.send(reply)
        except (OSError, EOFError):
            return
        except Exception as exc:  # the result or exception could not be pickled
            with contextlib.suppress(OSError, EOFError):
                conn.send((index, False, RuntimeError(f"{type(exc).__name__}: {exc}")))


@dataclass
class _Worker:
    process: BaseProcess
    conn: Connection
    index: int | None = None   # the call it works on


class WorkerPool:
    """`workers` processes answering calls; `map` hands them out and gives results as they come.
    As a context manager: closed when the block ends normally, killed when it ends by an exception
    (or a generator's close)."""

    def __init__(self, workers: int, context: BaseContext | None = None,
                 initializer: Callable[..., object] | None = None, initargs: tuple[Any, ...] = ()) -> None:
        self._context: Any = context or multiprocessing.get_context()  # typeshed's BaseContext lacks Process
        self._initializer, self._initargs = initializer, initargs
        self._workers: list[_Worker] = []
        for _ in range(max(1, workers)):
            self._workers.append(self._start())

    def _start(self) -> _Worker:
        parent_end, child_end = self._context.Pipe(duplex=True)
        process = self._context.Process(target=_serve, args=(child_end, os.getpid(), self._initializer,
                                                             self._initargs), daemon=True)
        process.start()
        child_end.close()  # the worker holds the only copy: its end closes when it dies
        if process.pid is not None:
            register_child(process.pid)
        return _Worker(process, parent_end)

    def map(self, fn: Callable[..., Any], calls: Iterable[tuple[Any, ...]],
            stop: Stop | None = None) -> Iterator[tuple[int, Any]]:
        """(i, fn(*args)) for the i-th args of `calls`, as each finishes (any order). An exception raised by
        a call is raised here; a worker lost during a call gives (i, WorkerLost) and is replaced. When
        `stop` is set, no more work is handed out and the iteration ends (the calls in progress are
        abandoned: kill the pool)."""
        pending = iter(enumerate(calls))
        idle = list(self._workers)

        def hand_out() -> None:
            while idle and not (stop is not None and stop.is_set()):
                call = next(pending, None)
                if call is None:
                    return
                worker = idle.pop()
                worker.index = call[0]
                with contextlib.suppress(OSError, EOFError):  # died while idle: wait() reports its closed end
                    worker.conn.send((call[0], fn, call[1]))

        hand_out()
        while any(w.index is not None for w in self._workers):
            if stop is not None and stop.is_set():
                return
            busy = [w for w in self._workers if w.index is not None]
            ready = wait([w.conn for w in busy] + [w.process.sentinel for w in busy], timeout=POLL)
            for worker in busy:
                index = worker.index
                if index is None:
                    continue
                if worker.conn in ready:
                    try:
                        answer, ok, value = worker.conn.recv()
                    except (EOFError, OSError):
                        answer, ok, value = index, True, self._replace(worker)
                elif worker.process.sentinel in ready:
                    answer, ok, value = index, True, self._replace(worker)
                else:
                    continue
                worker = next(w for w in self._workers if w.index == index)
                worker.index = None
                idle.append(worker)
                hand_out()
                if not ok:
                    raise value
                yield answer, value

    def _replace(self, worker: _Worker) -> WorkerLost:
        """A worker died during a call: a new one takes its place; the call's result says so."""
        worker.process.join(timeout=1)
        lost = WorkerLost(worker.process.exitcode)
        self._forget(worker)
        fresh = self._start()
        fresh.index = worker.index
        self._workers[self._workers.index(worker)] = fresh
        return lost

    def _forget(self, worker: _Worker) -> None:
        with contextlib.suppress(OSError):
            worker.conn.close()
        if worker.process.pid is not None:
            forget_child(worker.process.pid)

    def close(self) -> None:
        """Let the workers finish: each is told to exit (and killed if it has not within a second)."""
        for worker in self._workers:
            with contextlib.suppress(OSError, EOFError):
                worker.conn.send(None)
        for worker in self._workers:
            worker.process.join(timeout=1)
        self.kill()

    def kill(self) -> None:
        """End every worker now (they write nothing: nothing is left half done)."""
        for worker in self._workers:
            if worker.process.pid is not None and worker.process.exitcode is None:
                kill_process(worker.process.pid)
        for worker in self._workers:
            worker.process.join(timeout=2)
            self._forget(worker)
        self._workers = []

    def __enter__(self) -> WorkerPool:
        return self

    def __exit__(self, kind: type[BaseException] | None, value: BaseException | None,
                 traceback: TracebackType | None) -> None:
        if kind is None:
            self.close()
        else:
            self.kill()
