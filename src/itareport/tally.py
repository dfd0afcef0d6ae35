"""What a batch adds up to, filled from its outcomes as they come: each data file's outputs with their
states (written, failed, cancelled; current, stale, missing), its failures, the orphans, the time, how it
ended (a signal?) and the exit code. console.py prints it; output/summary.py writes it as one JSON document."""

from __future__ import annotations

from dataclasses import dataclass, field

from .batch import Batch, Job, Orphan
from .build import Outcome
from .errors import Diagnostic, Exit
from .files import OutputState
from .messages import Message
from .stopping import Stop


@dataclass
class Record:
    """One data file of the batch: each output file's state (cancelled until the batch reaches it)."""

    job: Job
    states: dict[str, OutputState]                      # by format
    errors: list[Message] = field(default_factory=list)
    diagnostics: list[Diagnostic] = field(default_factory=list)   # its warnings and errors
    fatal: list[Diagnostic] = field(default_factory=list)         # those that stopped it (errors; --strict)
    failed: bool = False
    reached: bool = False

    @property
    def state(self) -> str:
        """built, partial, failed, cancelled; checked with --check."""
        states = set(self.states.values())
        if states <= {OutputState.CURRENT, OutputState.STALE, OutputState.MISSING} and self.reached \
                and not self.failed:
            return "checked"
        if states == {OutputState.WRITTEN}:
            return "built"
        if OutputState.WRITTEN in states:
            return "partial"
        return "failed" if self.failed else "cancelled"


class Tally:
    """The batch's running account."""

    def __init__(self, batch: Batch) -> None:
        self.batch = batch
        self.records = [Record(job, dict.fromkeys(job.targets, OutputState.CANCELLED)) for job in batch.jobs]
        self.orphans: list[Orphan] = []
        self.stopped: Stop | None = None
        self.seconds = 0.0
        self._code: int = Exit.OK

    def add(self, item: Outcome | Orphan) -> None:
        if isinstance(item, Orphan):
            self.orphans.append(item)
            return
        record = self.records[item.index]
        record.reached = True
        formats = {path: fmt for fmt, path in record.job.targets.items()}
        for path, state in item.states:
            record.states[formats[path]] = state
        record.diagnostics += item.warnings + item.error_diagnostics
        record.fatal += item.error_diagnostics
        if item.error is not None:
            record.errors.append(item.error)
        if item.failed:
            record.failed = True
            for fmt, state in record.states.items():  # what the failure left unmade
                if state is OutputState.CANCELLED and (item.stage == "files" or fmt == "pdf"):
                    record.states[fmt] = OutputState.FAILED
        self._code = max(self._code, item.exit_code)

    @property
    def total(self) -> int:
        return len(self.records)

    def count(self, state: OutputState) -> int:
        """Output files in this state (orphans included)."""
        if state is OutputState.ORPHAN:
            return len(self.orphans)
        return sum(s is state for r in self.records for s in r.states.values())

    @property
    def done(self) -> int:
        """Data files built completely (with --check: checked without an error)."""
        return sum(r.state in ("built", "checked") for r in self.records)

    @property
    def failures(self) -> list[Record]:
        return [r for r in self.records if r.failed]

    @property
    def exit_code(self) -> int:
        if self.stopped is not None:
            return self.stopped.exit_code
        return max(self._code, Exit.INVALID if self.orphans else Exit.OK)
