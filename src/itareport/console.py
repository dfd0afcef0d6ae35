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
import shlex
import sys
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from .errors import Diagnostic, Exit
from .files import CheckState
from .i18n import _, ngettext
from .messages import Message, render_text
from .output.text import text_lines
from .snippet import snippet

if TYPE_CHECKING:  # the batch's types, for annotations only: build.py loads the renderers
    from .build import BuildOptions, Outcome

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


# --- build and check ---------------------------------------------------------------------------

def rebuild_command(source: Path, options: BuildOptions, folder_output: bool) -> str:
    """The exact command that writes this source's outputs as `build` was asked to."""
    words = ["itareport", "build", str(source)]
    if options.output is not None:
        out = str(options.output)
        words += ["-o", out + "/" if (options.many or folder_output) and not out.endswith("/") else out]
    if tuple(options.formats) != ("docx",):
        words += ["-f", ",".join(options.formats)]
    if options.templates is not None:
        words += ["--templates", str(options.templates)]
    if options.reference_doc is not None:
        words += ["--reference-doc", str(options.reference_doc)]
    return " ".join(shlex.quote(w) for w in words)


def print_outcome(outcome: Outcome, out: Printer, err: Printer, check: bool, noted: set[Message],
                  hint: Callable[[Path], str]) -> None:
    for d in outcome.warnings + outcome.error_diagnostics:
        err.diagnostic(d)
    for note in outcome.notes:
        if note not in noted:  # the same font warning once per run, not once per file
            noted.add(note)
            err.line(_("itareport: warning: {message}").format(message=render_text(note)), "bold yellow")
    only_warnings = outcome.error_diagnostics and all(d.severity == "warning" for d in outcome.error_diagnostics)
    if outcome.error:
        err.line(error_line(outcome.error), "bold red")
    elif only_warnings:
        message = (_("{source}: not checked: --strict counts the warnings above as errors") if check else
                   _("{source}: not built: --strict counts the warnings above as errors"))
        err.line("itareport: " + message.format(source=outcome.source), "bold red")
    elif outcome.error_diagnostics:
        message = (_("{source}: not checked: fix the errors above") if check else
                   _("{source}: not built: fix the errors above"))
        err.line("itareport: " + message.format(source=outcome.source), "bold red")
    elif check:
        for path, state in outcome.states:
            if state is not CheckState.CURRENT:
                word = _("stale") if state is CheckState.STALE else _("missing")
                err.line(_("{state}: {path} (run: {command})").format(state=word, path=path,
                                                                     command=hint(outcome.source)), "bold red")
    else:
        for path in outcome.outputs:
            out.line(_("wrote {path}").format(path=path), "green")


def print_batch_end(outcomes: list[Outcome], out: Printer, err: Printer, check: bool, total: int) -> int:
    """Every failure again at the end, with its file:line, and the exit code."""
    order = {o.source: i for i, o in enumerate(outcomes)}
    failed = sorted((o for o in outcomes if o.failed), key=lambda o: order[o.source])
    stale = [(path, state) for o in outcomes for path, state in o.states if state is not CheckState.CURRENT]
    if total > 1 and failed:
        message = (_("FAILED: {failed} of {total} files not checked:") if check else
                   _("FAILED: {failed} of {total} files not built:"))
        err.line(message.format(failed=len(failed), total=total), "bold red")
        for o in failed:
            for d in [d for d in o.error_diagnostics if d.severity == "error"] or o.error_diagnostics:
                err.line(f"  {d.format()}")  # warnings only when --strict made them fatal
            if o.error:
                err.line("  " + _("{source}: error: {message}").format(source=o.source, message=render_text(o.error)))
    if check:
        if stale:
            err.line(_("FAILED: {outputs} out of date or missing: {paths}").format(
                outputs=count(len(stale), "output"), paths=", ".join(str(p) for p, _s in stale)), "bold red")
        elif not failed:
            files = sum(len(o.states) for o in outcomes)
            out.line(_("OK: {outputs} up to date").format(outputs=count(files, "output")), "bold green")
    elif total > 1 and len(failed) == total:
        err.line(_("FAILED: nothing built"), "bold red")
    return max([o.exit_code for o in outcomes], default=Exit.OK)


def print_batch(outcomes: Iterable[Outcome], total: int, check: bool, pdfs: bool, hint: Callable[[Path], str]) -> int:
    """Each outcome as it comes, then the end of the batch; a progress bar above the lines on a terminal
    (several files), plain lines otherwise. The exit code."""
    done: list[Outcome] = []
    noted: set[Message] = set()
    out, err = Printer(sys.stdout), Printer(sys.stderr)
    if not (total > 1 and fancy(sys.stderr)):
        for outcome in outcomes:
            done.append(outcome)
            print_outcome(outcome, out, err, check, noted, hint)
        return print_batch_end(done, out, err, check, total)
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    columns = (TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn())
    with Progress(*columns, transient=True) as progress:
        task = progress.add_task(_("checking") if check else _("building PDFs") if pdfs else _("building"),
                                 total=total)
        out, err = Printer(sys.stdout), Printer(sys.stderr)  # inside: printed above the bar
        for outcome in outcomes:
            done.append(outcome)
            print_outcome(outcome, out, err, check, noted, hint)
            progress.advance(task)
    return print_batch_end(done, out, err, check, total)
