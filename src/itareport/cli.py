"""The command line: parse, call, print, exit. The one error boundary.

Exit codes: 0 success, 1 invalid data, 2 usage or I/O error, 3 internal error.
"""

from __future__ import annotations

import json
import os
import sys
from enum import Enum
from pathlib import Path
from typing import Callable, List, Optional

import typer

from .errors import Diagnostic, ItareportError

app = typer.Typer(
    name="itareport",
    help="Build the Thai ITA report on integrity and transparency measures (รายงานผลการดำเนินการตาม"
         "มาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน) from a YAML data file.",
    add_completion=False,
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)

EXIT_OK, EXIT_INVALID, EXIT_USAGE, EXIT_INTERNAL = 0, 1, 2, 3


class OutputFormat(str, Enum):
    text = "text"
    json = "json"


def _fancy(stream) -> bool:
    """Rich output only for a person at a terminal; plain lines in CI and pipes."""
    return stream.isatty() and not os.environ.get("CI") and os.environ.get("TERM") != "dumb"


class Printer:
    """Diagnostics and messages, coloured on a terminal and plain otherwise."""

    def __init__(self, stream=None):
        self.stream = stream or sys.stdout
        self.console = None
        if _fancy(self.stream):
            from rich.console import Console

            self.console = Console(file=self.stream, highlight=False, soft_wrap=True)

    def line(self, text: str, style: str = "") -> None:
        if self.console:
            self.console.print(text, style=style or None, markup=False)
        else:
            print(text, file=self.stream, flush=True)

    def diagnostic(self, d: Diagnostic) -> None:
        if not self.console:
            self.line(d.format())
            return
        from rich.text import Text

        where = f"{d.path}: " if d.path else ""
        text = Text()
        text.append(f"{d.file}:{d.line}:{d.col}: ", style="bold")
        text.append(f"{d.severity}: ", style="bold red" if d.severity == "error" else "bold yellow")
        text.append(where, style="cyan")
        text.append(d.message)
        self.console.print(text)


def _guard(debug: bool, work: Callable[[], int]) -> None:
    """Run a command; turn every failure into a message and an exit code."""
    err = Printer(sys.stderr)
    try:
        code = work()
    except typer.Exit:
        raise
    except ItareportError as exc:
        for d in getattr(exc, "diagnostics", None) or []:
            err.diagnostic(d)
        if not getattr(exc, "diagnostics", None):
            err.line(f"itareport: error: {exc}", "bold red")
        code = exc.exit_code
    except KeyboardInterrupt:
        err.line("itareport: interrupted")
        code = 130
    except Exception as exc:  # a bug: say so, without a traceback unless asked
        if debug:
            raise
        err.line(f"itareport: internal error: {type(exc).__name__}: {exc} (run again with --debug for details)")
        code = EXIT_INTERNAL
    raise typer.Exit(code)


def _summary(errors: int, warnings: int, files: int) -> str:
    def plural(n: int, word: str) -> str:
        return f"{n} {word}{'' if n == 1 else 's'}"

    return f"{plural(errors, 'error')}, {plural(warnings, 'warning')} in {plural(files, 'file')}"


def _default_data_files() -> list[Path]:
    files = sorted(Path("data").glob("*.yaml")) + sorted(Path("data").glob("*.yml"))
    if not files:
        raise ItareportError("no data/*.yaml files in this folder; name the file to check, "
                             "e.g. itareport validate data/measures_2568.yaml")
    return files


DEBUG = typer.Option(False, "--debug", help="Show a traceback on internal errors.", hidden=True)
STRICT = typer.Option(False, "--strict", help="Treat warnings as errors.")


@app.command()
def validate(
    files: Optional[List[Path]] = typer.Argument(
        None, help="Data files to check (default: every data/*.yaml under the current folder).",
        show_default=False),
    strict: bool = STRICT,
    output_format: OutputFormat = typer.Option(OutputFormat.text, "--format", help="text, or json for machines."),
    debug: bool = DEBUG,
) -> None:
    """Check data files and print every problem as FILE:LINE:COL: error|warning: PATH: message."""

    def work() -> int:
        from .validate import validate_file

        targets = list(files) if files else _default_data_files()
        out, err = Printer(sys.stdout), Printer(sys.stderr)
        results, io_failed, errors, warnings = [], False, 0, 0
        for path in targets:
            try:
                checked = validate_file(path)
            except ItareportError as exc:
                io_failed = True
                err.line(f"itareport: error: {exc}", "bold red")
                results.append({"file": str(path), "valid": False, "error": str(exc), "diagnostics": []})
                continue
            diags = checked.diagnostics
            n_err = sum(d.severity == "error" for d in diags)
            n_warn = len(diags) - n_err
            errors, warnings = errors + n_err, warnings + n_warn
            valid = checked.ok and not (strict and n_warn)
            results.append({"file": str(path), "valid": valid, "diagnostics": [d.as_dict() for d in diags]})
            if output_format is OutputFormat.text:
                for d in diags:
                    out.diagnostic(d)
        fatal = errors + (warnings if strict else 0)
        if output_format is OutputFormat.json:
            print(json.dumps({"valid": not fatal and not io_failed, "errors": errors, "warnings": warnings,
                              "files": results}, ensure_ascii=False, indent=2))
        else:
            ok = not fatal and not io_failed
            out.line(("OK: " if ok else "FAILED: ") + _summary(errors, warnings, len(targets)),
                     "bold green" if ok else "bold red")
        if io_failed:
            return EXIT_USAGE
        return EXIT_INVALID if fatal else EXIT_OK

    _guard(debug, work)


@app.command()
def build(
    files: List[Path] = typer.Argument(..., help="Data files (.yaml) to build.", show_default=False),
    output: Optional[Path] = typer.Option(
        None, "-o", "--output",
        help="Output .docx (default: the input's name with .docx, in the current folder); "
             "a folder when building several files."),
    templates: Optional[Path] = typer.Option(
        None, "--templates", help="Folder with your own templates (*.txt.j2, base.docx); missing ones "
                                  "come from the built-in set."),
    strict: bool = STRICT,
    debug: bool = DEBUG,
) -> None:
    """Validate, then write the official Word report (.docx) for each data file."""

    def work() -> int:
        from .build import build_file

        many = len(files) > 1
        if many and output is not None and not output.is_dir():
            raise ItareportError(f"{output}: with several input files, -o must be an existing folder")
        out, err = Printer(sys.stdout), Printer(sys.stderr)
        failed = 0
        worst = EXIT_OK
        for path in files:
            try:
                built = build_file(path, output, templates, strict=strict, many=many)
            except ItareportError as exc:
                failed += 1
                worst = max(worst, exc.exit_code)
                for d in getattr(exc, "diagnostics", None) or []:
                    err.diagnostic(d)
                if not getattr(exc, "diagnostics", None):
                    err.line(f"itareport: error: {exc}", "bold red")
                else:
                    err.line(f"itareport: {path}: not built: fix the errors above", "bold red")
                continue
            for d in built.diagnostics:
                err.diagnostic(d)
            out.line(f"wrote {built.output}", "green")
        return worst

    _guard(debug, work)


def main() -> None:
    app()


if __name__ == "__main__":
    main()
