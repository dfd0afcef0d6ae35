"""Errors, diagnostics and exit codes: every problem itareport reports is one of these.

A Diagnostic is a code, its message (a template of the code and its arguments: messages.Message)
and a location; an error carries a Message and its diagnostics. Both are plain data, made in the
language-neutral form wherever the problem is found (a worker process too) and rendered to text in
the user's language only where they are printed (console.py, the JSON output, the build's lines).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import IntEnum
from typing import Any, Literal

from .messages import M_, Message, as_message, render_text

Severity = Literal["error", "warning"]

_SEVERITY = {"error": M_("error"), "warning": M_("warning")}


class Exit(IntEnum):
    """The process's exit codes."""

    OK = 0          # success
    INVALID = 1     # invalid data (or, with --check, an output out of date; lint found something)
    USAGE = 2       # usage or I/O error: a file missing, unreadable or unwritable
    INTERNAL = 3    # a bug in itareport


@dataclass(frozen=True, order=True)
class Diagnostic:
    """One located problem: FILE:LINE:COL: SEVERITY: PATH: MESSAGE [CODE] (line and col 1-based).

    text: the message, a template of the code with its arguments (codes.message), rendered where it
    is printed; a str given here (code not converted yet) is shown as it is in every language.
    end_col: the column of the value's last character on the same line (1-based, inclusive), when the
    extent is known; None otherwise (the CI formats then mark col alone)."""

    file: str
    line: int
    col: int
    severity: Severity
    path: str
    text: Message
    code: str = ""   # stable across languages, e.g. 'ITA201' (the README lists them)
    end_col: int | None = None

    def __post_init__(self) -> None:
        if not isinstance(self.text, Message):
            object.__setattr__(self, "text", as_message(self.text))
        if not self.code and self.text.code:
            object.__setattr__(self, "code", self.text.code)

    @property
    def message(self) -> str:
        """The message in the current language."""
        return self.text.render()

    def render(self, language: str | None = None) -> str:
        """The message in this language (None: the current one)."""
        return self.text.render(language)

    def severity_text(self, language: str | None = None) -> str:
        return _SEVERITY[self.severity].render(language)

    def format(self, code: bool = True, language: str | None = None) -> str:
        """FILE:LINE:COL: error: PATH: MESSAGE [CODE], as mypy prints it; the words in the language."""
        where = f"{self.path}: " if self.path else ""
        tail = f" [{self.code}]" if self.code and code else ""
        return (f"{self.file}:{self.line}:{self.col}: {self.severity_text(language)}: {where}"
                f"{self.render(language)}{tail}")

    def as_dict(self, language: str | None = None) -> dict[str, Any]:
        """The JSON form: location, severity, path, the message rendered in the language, and the code."""
        return {"file": self.file, "line": self.line, "col": self.col, "end_col": self.end_col,
                "severity": self.severity, "path": self.path, "message": self.render(language), "code": self.code}


class ItareportError(Exception):
    """A problem the user can fix; the CLI prints it without a traceback.

    message: what to say, rendered where it is printed (str(exc): in the current language);
    diagnostics: the located problems behind it (empty when the message says it all)."""

    exit_code = Exit.USAGE

    def __init__(self, message: Message | str = "", diagnostics: Iterable[Diagnostic] = ()) -> None:
        self.message = as_message(message)
        self.diagnostics = list(diagnostics)
        super().__init__(self.message, self.diagnostics)   # what pickling rebuilds it from

    def render(self, language: str | None = None) -> str:
        return self.message.render(language)

    def __str__(self) -> str:
        return self.render()


class InputError(ItareportError):
    """A file cannot be read or written (missing, a folder, unwritable, too large)."""


class DataError(ItareportError):
    """The data file is invalid; carries every diagnostic found. Exit code 1."""

    exit_code = Exit.INVALID

    def __init__(self, diagnostics: Iterable[Diagnostic]) -> None:
        super().__init__("", diagnostics)
        self.args = (self.diagnostics,)

    def render(self, language: str | None = None) -> str:
        return "\n".join(d.format(language=language) for d in self.diagnostics)


def error_text(error: Message | str | None, language: str | None = None) -> str | None:
    """An error's message as text in the language (None stays None)."""
    return None if error is None else render_text(error, language)
