"""Errors and diagnostics: every problem itareport reports is one of these."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Literal

Severity = Literal["error", "warning"]


@dataclass(frozen=True, order=True)
class Diagnostic:
    """One located problem: FILE:LINE:COL: SEVERITY: PATH: MESSAGE (line and col 1-based)."""

    file: str
    line: int
    col: int
    severity: Severity
    path: str
    message: str

    def format(self) -> str:
        where = f"{self.path}: " if self.path else ""
        return f"{self.file}:{self.line}:{self.col}: {self.severity}: {where}{self.message}"

    def as_dict(self) -> dict:
        return asdict(self)


def has_errors(diagnostics: list[Diagnostic], strict: bool = False) -> bool:
    """True when a diagnostic is fatal: any error, or any warning under --strict."""
    return any(d.severity == "error" or strict for d in diagnostics)


class ItareportError(Exception):
    """A problem the user can fix; the CLI prints it without a traceback. Exit code 2."""

    exit_code = 2


class InputError(ItareportError):
    """A file cannot be read or written (missing, a folder, unwritable, too large)."""


class DataError(ItareportError):
    """The data file is invalid; carries every diagnostic found. Exit code 1."""

    exit_code = 1

    def __init__(self, diagnostics: list[Diagnostic]):
        self.diagnostics = diagnostics
        super().__init__("\n".join(d.format() for d in diagnostics))
