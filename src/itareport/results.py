"""What checking data files adds up to: each file's diagnostics (or why it could not be read) and the
run's counts and exit code. `validate`, `lint` and `build --check` fill one; every output format
(output/) reads it."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from .errors import Diagnostic, Exit
from .messages import Message


@dataclass
class FileResult:
    """One data file of a run: its diagnostics, or why it could not be read (error)."""

    path: Path
    diagnostics: list[Diagnostic] = field(default_factory=list)
    valid: bool = False
    error: Message | None = None  # rendered where printed


@dataclass
class Validation:
    """The files of a run and what they add up to; strict: warnings count as errors (lint: always)."""

    strict: bool = False
    files: list[FileResult] = field(default_factory=list)

    @property
    def diagnostics(self) -> list[Diagnostic]:
        return [d for f in self.files for d in f.diagnostics]

    @property
    def errors(self) -> int:
        return sum(d.severity == "error" for f in self.files for d in f.diagnostics)

    @property
    def warnings(self) -> int:
        return sum(d.severity == "warning" for f in self.files for d in f.diagnostics)

    @property
    def unread(self) -> int:
        return sum(f.error is not None for f in self.files)

    @property
    def fatal(self) -> int:
        return self.errors + (self.warnings if self.strict else 0)

    @property
    def exit_code(self) -> Exit:
        if self.unread:
            return Exit.USAGE
        return Exit.INVALID if self.fatal else Exit.OK
