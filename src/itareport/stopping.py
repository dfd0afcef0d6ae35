"""Stopping a batch: SIGINT (Ctrl+C), SIGTERM (CI's cancel, `kill`), SIGHUP (a closed terminal) and, on
Windows, SIGBREAK (Ctrl+Break) ask it to stop; a second one ends the process at once.

The handler only notes the signal: no lock, no I/O, no exception. A Python signal handler runs between two
bytecodes of the main thread, which may hold any lock at that moment (a queue's, a file's buffer), so
anything more can deadlock or tear a write in half. The batch looks at `Stop.is_set()` between its steps
and in each of its waits (at most 0.1 s), stops handing out work, terminates its workers and LibreOffice,
removes its temporary files and says what was and was not written (batch.py).

A second signal while stopping: every process registered here (the workers, each LibreOffice's process
group) is killed, every temporary folder and file registered here removed, then the process exits at once
with the first signal's exit code.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import sys
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from types import FrameType
from typing import Any

STOP_SIGNALS: tuple[signal.Signals, ...] = tuple(
    sig for sig in (getattr(signal, name, None) for name in ("SIGINT", "SIGTERM", "SIGHUP", "SIGBREAK"))
    if sig is not None)

# The exit code after each signal, as a shell reports a process the signal ended (128 + the number);
# Ctrl+Break is Windows' other Ctrl+C: 130 as well.
EXIT_CODES = {"SIGINT": 130, "SIGBREAK": 130, "SIGTERM": 143, "SIGHUP": 129}

# pid -> True when it leads its own process group (LibreOffice: kill the group, what it started too)
_children: dict[int, bool] = {}


def register_child(pid: int, group: bool = False) -> None:
    """A process to kill if the user insists (a second signal): a worker, or LibreOffice's group."""
    _children[pid] = group


def forget_child(pid: int) -> None:
    _children.pop(pid, None)


# Temporary folders and files of a batch: removed by a second signal too, once the processes are killed.
_leftovers: set[Path] = set()


def register_leftover(path: Path) -> None:
    """A folder or file to remove if the user insists (the spool, LibreOffice's single-instance socket)."""
    _leftovers.add(path)


def forget_leftover(path: Path) -> None:
    _leftovers.discard(path)


def remove_leftovers() -> None:
    """Remove every registered folder and file (gone already is fine)."""
    for path in list(_leftovers):
        if path.is_dir():
            shutil.rmtree(path, ignore_errors=True)
        else:
            with contextlib.suppress(OSError):
                path.unlink()


def kill_process(pid: int, group: bool = False) -> None:
    """End a process at once (and its process group when it leads one); gone already is fine. On Windows,
    TerminateProcess (there are no process groups to signal)."""
    try:
        if group and hasattr(os, "killpg"):
            os.killpg(pid, signal.SIGKILL)
        elif hasattr(signal, "SIGKILL"):
            os.kill(pid, signal.SIGKILL)
        else:
            os.kill(pid, signal.SIGTERM)  # Windows: TerminateProcess
    except (OSError, ValueError):
        pass


class Stop:
    """Whether a stop was asked for, and by which signal (set by the handler, read by the batch)."""

    def __init__(self) -> None:
        self.signum: int | None = None

    def is_set(self) -> bool:
        return self.signum is not None

    def request(self, signum: int = signal.SIGINT) -> None:
        """Ask for a stop as a signal would (the first request counts)."""
        if self.signum is None:
            self.signum = signum

    @property
    def name(self) -> str:
        return signal.Signals(self.signum).name if self.signum is not None else ""

    @property
    def exit_code(self) -> int:
        return EXIT_CODES.get(self.name, 128 + (self.signum or 0))


# The stop signals noted since start-up (hold_stop_signals), until a command takes them over or lets them go.
_held: Stop | None = None


def _default_handler(sig: signal.Signals) -> Callable[[int, FrameType | None], Any] | int:
    return signal.default_int_handler if sig is signal.SIGINT else signal.SIG_DFL


def hold_stop_signals() -> None:
    """At start-up, before the slow imports: a stop signal is noted, not fatal (no KeyboardInterrupt in the
    middle of an import, with its traceback). `build` takes the note over (catch_stop_signals: the batch stops
    before its first file, with its summary); every other command gets the signal when it starts
    (release_stop_signals). A second signal meanwhile ends the process at once."""
    global _held
    if threading.current_thread() is not threading.main_thread():
        return
    held = _held = Stop()

    def note(signum: int, _frame: FrameType | None) -> None:
        if held.signum is None:
            held.signum = signum
            return
        os._exit(held.exit_code)

    for sig in STOP_SIGNALS:
        signal.signal(sig, note)


def release_stop_signals() -> None:
    """A command that does not stop as a batch does: the usual handlers back (Ctrl+C raises
    KeyboardInterrupt), and a signal noted since start-up delivered now."""
    global _held
    held, _held = _held, None
    if held is None:
        return
    for sig in STOP_SIGNALS:
        signal.signal(sig, _default_handler(sig))
    if held.signum is not None:
        signal.raise_signal(held.signum)


@contextlib.contextmanager
def catch_stop_signals(at_once: str = "") -> Iterator[Stop]:
    """While the block runs, the stop signals set the Stop it gives instead of raising KeyboardInterrupt or
    ending the process; a second one kills the registered processes, writes `at_once` (the caller's text, made
    in the run's language) and exits at once. Handlers can only be set in the main thread: elsewhere the Stop
    is never set by a signal (it can still be requested). A signal noted since start-up (hold_stop_signals) is
    the block's Stop already."""
    global _held
    held, _held = _held, None
    stop = held or Stop()
    if threading.current_thread() is not threading.main_thread():
        yield stop
        return
    said = (at_once + "\n").encode("utf-8", "replace") if at_once else b""  # the handler must not render

    def handle(signum: int, _frame: FrameType | None) -> None:
        if stop.signum is None:
            stop.signum = signum
            return
        for pid, group in list(_children.items()):
            kill_process(pid, group)
        remove_leftovers()  # no lock taken: os calls only, in this (the main) thread
        with contextlib.suppress(OSError, ValueError):
            os.write(sys.stderr.fileno() if sys.stderr else 2, said)
        os._exit(stop.exit_code)

    previous = {sig: signal.signal(sig, handle) for sig in STOP_SIGNALS}
    try:
        yield stop
    finally:
        # Kept when the process is ending: the itareport command (its entry point held the signals), whose
        # block is its last work (a signal after the batch is done changes nothing: it is not a death in the
        # interpreter's shutdown), or after a stop (a second signal still ends it at once). Else (a caller
        # in its own process) the handlers it had.
        if held is None and not stop.is_set():
            for sig, handler in previous.items():
                signal.signal(sig, handler)
