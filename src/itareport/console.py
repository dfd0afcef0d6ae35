"""Printing for the command line: diagnostics, messages and summaries, in the user's language.

Coloured (rich) only for a person at a terminal; plain lines in CI and pipes. A reader that
closes the pipe early (`itareport validate | head`) ends the output quietly: the command
finishes and exits with its normal code, nothing is printed about the closed pipe.
"""

from __future__ import annotations

import gettext
import os
import shlex
import sys
from collections.abc import Callable
from pathlib import Path

import typer

from .errors import Diagnostic, Exit, ItareportError
from .files import CheckState
from .i18n import N_, _, ngettext
from .snippet import snippet
from .thai import to_arabic_digits

# Click's and Typer's own words in help and usage errors (Typer carries its own copy of Click in
# typer._click), translated by our catalog.
CLICK_MESSAGES = (
    N_("Usage:"), N_("Options"), N_("Commands"), N_("Arguments"), N_("Show this message and exit."),
    N_("Error: {message}"), N_("Try '{command} {option}' for help."), N_("No such option {name!r}."),
    N_("No such command {name!r}."), N_("Missing command."), N_("Missing argument"), N_("Missing option"),
    N_("Missing parameter"), N_("Invalid value for {param_hint}: {message}"), N_("Invalid value: {message}"),
    N_("default: {default}"), N_("required"), N_("Aborted!"),
    N_("{value!r} is not a valid {number_type}."),
)
CLICK_PLURALS = (
    ngettext("Got unexpected extra argument ({args})", "Got unexpected extra arguments ({args})", 1),
    ngettext("Option {name!r} requires an argument.", "Option {name!r} requires {nargs} arguments.", 1),
    ngettext("Did you mean {possibility}?", "(Did you mean one of: {possibilities}?)", 1),
    ngettext("{value!r} is not {choice}.", "{value!r} is not one of {choices}.", 1),
)


def localize_click() -> None:
    """Click and Typer look their words up with gettext's default domain: make them use ours."""
    for name, module in list(sys.modules.items()):
        if module is None or not name.startswith(("click", "typer")):
            continue
        if getattr(module, "_", None) in (gettext.gettext, _):
            module._ = _
        if getattr(module, "ngettext", None) in (gettext.ngettext, ngettext):
            module.ngettext = ngettext


def fancy(stream) -> bool:
    """Rich output only for a person at a terminal; plain lines in CI and pipes."""
    try:
        return stream.isatty() and not os.environ.get("CI") and os.environ.get("TERM") != "dumb"
    except ValueError:  # a closed stream
        return False


def _silence(stream) -> None:
    """After a closed pipe: send what is left to the null device, so exit does not complain."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, stream.fileno())
    except (OSError, ValueError, AttributeError):
        pass


class Printer:
    """Diagnostics and messages, coloured on a terminal and plain otherwise."""

    def __init__(self, stream=None):
        self.stream = stream or sys.stdout
        self.console = None
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
            _silence(self.stream)

    def line(self, text: str, style: str = "") -> None:
        if self.console and not self.closed:
            try:
                self.console.print(text, style=style or None, markup=False)
            except BrokenPipeError:
                self.closed = True
                _silence(self.stream)
        else:
            self.write(text + "\n")

    def diagnostic(self, d: Diagnostic) -> None:
        """The diagnostic's line, then the source line with a caret under the column."""
        if not self.console or self.closed:
            self.line(d.format())
            for line in snippet(d.file, d.line, d.col):
                self.line(line)
            return
        from rich.text import Text

        text = Text()
        text.append(f"{d.file}:{d.line}:{d.col}: ", style="bold")
        text.append(f"{d.severity_text()}: ", style="bold red" if d.severity == "error" else "bold yellow")
        text.append(f"{d.path}: " if d.path else "", style="cyan")
        text.append(d.message)
        if d.code:
            text.append(f" [{d.code}]", style="dim")
        self.console.print(text)
        for line in snippet(d.file, d.line, d.col):
            self.line(line, "blue")


def error_line(message: str) -> str:
    return _("itareport: error: {message}").format(message=message)


def guard(debug: bool, work: Callable[[], int]) -> None:
    """Run a command; turn every failure into a message and an exit code."""
    err = Printer(sys.stderr)
    try:
        code = work()
    except typer.Exit:
        raise
    except ItareportError as exc:
        for d in exc.diagnostics:
            err.diagnostic(d)
        if not exc.diagnostics:
            err.line(error_line(str(exc)), "bold red")
        code = exc.exit_code
    except BrokenPipeError:  # the reader went away: nothing more to say to it
        _silence(sys.stdout)
        code = Exit.OK
    except KeyboardInterrupt:
        err.line(_("itareport: interrupted"))
        code = 130
    except Exception as exc:  # a bug: say so, without a traceback unless asked
        if debug:
            raise
        err.line(_("itareport: internal error: {kind}: {error} (run again with --debug for details)").format(
            kind=type(exc).__name__, error=exc))
        code = Exit.INTERNAL
    raise typer.Exit(code)


# --- numbers and paths as people type them -----------------------------------------------

def number_option(name: str, text: str | None) -> int | None:
    """An integer option, in Thai or Arabic digits (--year ๒๕๖๙)."""
    if text is None:
        return None
    digits = to_arabic_digits(text).strip()
    if not digits.isascii() or not digits.isdigit():
        raise ItareportError(_("{option} {value}: expected a number such as 2569 (Thai digits ๒๕๖๙ are "
                               "fine too)").format(option=name, value=text))
    return int(digits)


def output_option(text: str | None) -> tuple[Path | None, bool]:
    """-o as typed: (the path, True when it ends in / or \\ and so always names a folder).

    On Windows, `-o "C:\\My Reports\\"` reaches Python as `C:\\My Reports"` (a backslash before
    the closing quote escapes it): that trailing quote means a folder too."""
    if text is None:
        return None, False
    windows = sys.platform == "win32"
    stripped = text[:-1] if windows and text.endswith('"') else text
    if windows and '"' in stripped:
        raise ItareportError(_("'{text}' has a quote inside: a backslash just before a closing quote escapes "
                               "it; leave out that backslash, e.g. -o \"C:\\My Reports\"").format(text=text))
    folder = stripped != text or (len(stripped) > 1 and stripped.endswith(("/", "\\")))
    return Path(stripped.rstrip("/\\") if folder else stripped), folder


def make_folder(path: Path) -> None:
    """Create an output folder (and its parents) unless it is there; a file in the way is an error."""
    if path.is_dir():
        return
    if path.exists():
        raise ItareportError(_("{path}: is a file, expected a folder for the output").format(path=path))
    try:
        path.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise ItareportError(_("{path}: cannot create the folder: {error}").format(
            path=path, error=exc.strerror or exc)) from None


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

def rebuild_command(source: Path, options, folder_output: bool) -> str:
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


def print_outcome(outcome, out: Printer, err: Printer, check: bool, noted: set[str], hint: Callable) -> None:
    for d in outcome.warnings + outcome.error_diagnostics:
        err.diagnostic(d)
    for note in outcome.notes:
        if note not in noted:  # the same font warning once per run, not once per file
            noted.add(note)
            err.line(_("itareport: warning: {message}").format(message=note), "bold yellow")
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


def print_batch_end(outcomes: list, out: Printer, err: Printer, check: bool, total: int) -> int:
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
                err.line("  " + _("{source}: error: {message}").format(source=o.source, message=o.error))
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
