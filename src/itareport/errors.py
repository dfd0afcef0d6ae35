"""Errors, diagnostics and exit codes: every problem itareport reports is one of these."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from enum import IntEnum
from typing import Literal

from .i18n import _

Severity = Literal["error", "warning"]


class Exit(IntEnum):
    """The process's exit codes."""

    OK = 0          # success
    INVALID = 1     # invalid data (or, with --check, an output out of date; lint found something)
    USAGE = 2       # usage or I/O error: a file missing, unreadable or unwritable
    INTERNAL = 3    # a bug in itareport


@dataclass(frozen=True, order=True)
class Diagnostic:
    """One located problem: FILE:LINE:COL: SEVERITY: PATH: MESSAGE [CODE] (line and col 1-based).

    end_col: the column of the value's last character on the same line (1-based, inclusive), when the
    extent is known; None otherwise (the CI formats then mark col alone)."""

    file: str
    line: int
    col: int
    severity: Severity
    path: str
    message: str
    code: str = ""   # stable across languages, e.g. 'ITA201' (the README lists them)
    end_col: int | None = None

    def severity_text(self) -> str:
        return _("error") if self.severity == "error" else _("warning")

    def format(self, code: bool = True) -> str:
        """FILE:LINE:COL: error: PATH: MESSAGE [CODE], as mypy prints it; the words in the user's language."""
        where = f"{self.path}: " if self.path else ""
        tail = f" [{self.code}]" if self.code and code else ""
        return f"{self.file}:{self.line}:{self.col}: {self.severity_text()}: {where}{self.message}{tail}"

    def as_dict(self) -> dict:
        return asdict(self)


class ItareportError(Exception):
    """A problem the user can fix; the CLI prints it without a traceback.

    diagnostics: the located problems behind it (empty when the message says it all)."""

    exit_code = Exit.USAGE

    def __init__(self, message: str = "", diagnostics: list[Diagnostic] | tuple = ()):
        super().__init__(message)
        self.diagnostics = list(diagnostics)


class InputError(ItareportError):
    """A file cannot be read or written (missing, a folder, unwritable, too large)."""


class DataError(ItareportError):
    """The data file is invalid; carries every diagnostic found. Exit code 1."""

    exit_code = Exit.INVALID

    def __init__(self, diagnostics: list[Diagnostic]):
        super().__init__("\n".join(d.format() for d in diagnostics), diagnostics)
