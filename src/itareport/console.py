"""Printing for the command line: diagnostics, messages and summaries, in the user's language.

This is where messages (messages.Message, Diagnostic, errors) become text: in the current language,
the one the command line chose for the run (worker processes only make them).

Coloured (rich) only for a person at a terminal; plain lines in CI, pipes, and with NO_COLOR (any
non-empty value, no-color.org) or --no-color: no escape code at all then. A reader that
closes the pipe early (`itareport validate | head`) ends the output quietly: the command
finishes and exits with its normal code, nothing is printed about the closed pipe.
"""

from __future__ import annotations

import os
import sys
from typing import Any, TextIO

from .errors import Diagnostic
from .i18n import _, ngettext
from .messages import Message, render_text
from .output.text import text_lines
from .snippet import snippet

# --no-color (cli.py): off for this run, whatever the terminal; NO_COLOR (no-color.org) does the same.
_color = {"allowed": True}


def allow_color(allowed: bool) -> None:
    """--no-color turns colour off for the run (every escape code: styles, the progress bar)."""
    _color["allowed"] = allowed


def fancy(stream: TextIO) -> bool:
    """Rich output only for a person at a terminal that wants colour; plain lines in CI and pipes, and with
    NO_COLOR set to anything non-empty or --no-color."""
    if not _color["allowed"] or os.environ.get("NO_COLOR"):
        return False
    try:
        return stream.isatty() and not os.environ.get("CI") and os.environ.get("TERM") != "dumb"
    except ValueError:  # a closed stream
        return False



def silence(stream: TextIO) -> None:
    """After a closed pipe: send what is left to the null device, so exit does not complain."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, stream.fileno())
    except (OSError, ValueError, AttributeError):
        pass


class Printer:
    """Diagnostics and messages, coloured on a terminal and plain otherwise."""

    def __init__(self, stream: TextIO | None = None) -> None:
        self.stream: TextIO = stream or sys.stdout
        self.console: Any = None  # a rich Console on a terminal (rich is imported only then)
        self.closed = False
        if fancy(self.stream):
            from rich.console import Console

            self.console = Console(file=self.stream, highlight=False, soft_wrap=True)

    def write(self, text: str) -> None:
        """Raw text (a data file, JSON), unless the reader has gone."""
        if self.closed:
            return
        try:
            self.stream.write(text)
            self.stream.flush()
        except BrokenPipeError:
            self.closed = True
            silence(self.stream)

    def line(self, text: Message | str, style: str = "") -> None:
        """A line of text, a Message rendered in the current language (the one chosen for the run)."""
        text = render_text(text)
        if self.console and not self.closed:
            try:
                self.console.print(text, style=style or None, markup=False)
            except BrokenPipeError:
                self.closed = True
                silence(self.stream)
        else:
            self.write(text + "\n")

    def diagnostic(self, d: Diagnostic) -> None:
        """The diagnostic's line, then the source line with a caret under the column."""
        if not self.console or self.closed:
            for line in text_lines(d):
                self.line(line)
            return
        from rich.text import Text

        text = Text()
        text.append(f"{d.file}:{d.line}:{d.col}: ", style="bold")
        text.append(f"{d.severity_text()}: ", style="bold red" if d.severity == "error" else "bold yellow")
        text.append(f"{d.path}: " if d.path else "", style="cyan")
        text.append(d.render())
        if d.code:
            text.append(f" [{d.code}]", style="dim")
        self.console.print(text)
        for line in snippet(d.file, d.line, d.col):
            self.line(line, "blue")


def error_line(message: Message | str) -> str:
    return _("itareport: error: {message}").format(message=render_text(message))


# --- summaries ------------------------------------------------------------------------------

def count(n: int, kind: str) -> str:
    """'1 error', '2 warnings', '3 files' in the user's language."""
    forms = {
        "error": lambda: ngettext("{n} error", "{n} errors", n),
        "warning": lambda: ngettext("{n} warning", "{n} warnings", n),
        "file": lambda: ngettext("{n} file", "{n} files", n),
        "output": lambda: ngettext("{n} output file", "{n} output files", n),
        "finding": lambda: ngettext("{n} finding", "{n} findings", n),
    }
    return forms[kind]().format(n=n)


def validate_summary(errors: int, warnings: int, files: int, unread: int, strict: bool) -> tuple[str, bool]:
    """The last line of validate, and whether it is a success."""
    counts = dict(errors=count(errors, "error"), warnings=count(warnings, "warning"))
    if unread and unread == files:
        return _("FAILED: nothing checked: {files} could not be read").format(files=count(files, "file")), False
    if unread:
        return _("FAILED: {unread} could not be read; {errors}, {warnings} in the other {files}").format(
            unread=count(unread, "file"), files=count(files - unread, "file"), **counts), False
    if errors:
        return _("FAILED: {errors}, {warnings} in {files}").format(files=count(files, "file"), **counts), False
    if warnings and strict:
        return _("FAILED (--strict: warnings count as errors): {errors}, {warnings} in {files}").format(
            files=count(files, "file"), **counts), False
    return _("OK: {errors}, {warnings} in {files}").format(files=count(files, "file"), **counts), True
