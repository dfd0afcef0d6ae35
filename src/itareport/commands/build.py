"""`itareport build`: validate, then write each data file's reports (or, with check, compare them)."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterable
from pathlib import Path

from .. import codes
from ..build import BuildOptions, Outcome, run_all
from ..console import Printer, error_line, print_batch, rebuild_command
from ..errors import Diagnostic, InputError
from ..files import SUFFIXES, CheckState, make_folder
from ..messages import M_
from ..output.machine import render
from ..results import FileResult, Validation
from . import choose_sources

# build --check: an output file out of date, or missing, is an error on its data file.


def build(files: list[Path], output: Path | None = None, output_is_folder: bool = False,
          formats: tuple[str, ...] = ("docx",), check: bool = False, reference_doc: Path | None = None,
          templates: Path | None = None, jobs: int | None = None, strict: bool = False,
          check_format: str = "text") -> int:
    """Build (or check) every data file; output_is_folder: -o ended in / (always a folder).
    check_format: how --check reports (text, or json, github, sarif on stdout alone)."""
    sources = choose_sources(files, "build")
    many = len(sources) > 1 or output_is_folder
    if many and output is not None and not output_is_folder and not output.is_dir() and (
            output.exists() or output.suffix.lower() in SUFFIXES.values()):
        raise InputError(M_("{path}: with several input files, -o must be a folder (end it with /)", path=output))
    if many and output is not None and not check:
        make_folder(output)
    options = BuildOptions(output=output, templates=templates, strict=strict, many=many, formats=formats,
                           reference_doc=reference_doc, jobs=jobs)
    pdfs = not check and "pdf" in formats

    def hint(source: Path) -> str:
        return rebuild_command(source, options, output_is_folder)

    if check and check_format != "text":
        return print_check(run_all(sources, options, check), sources, check_format, strict, hint)
    return print_batch(run_all(sources, options, check), len(sources), check, pdfs, hint)


def check_result(outcome: Outcome, strict: bool, hint: Callable[[Path], str]) -> FileResult:
    """One data file of `build --check` as the machine formats see it: its diagnostics, and each output
    file out of date or missing as an error on the data file's first line."""
    command = hint(outcome.source)
    stale = [Diagnostic(str(outcome.source), 1, 1, "error", "",
                        codes.message("ITA701", state=M_("stale"), path=path, command=command)
                        if state is CheckState.STALE else
                        codes.message("ITA702", state=M_("missing"), path=path, command=command))
             for path, state in outcome.states if state is not CheckState.CURRENT]
    diagnostics = outcome.warnings + outcome.error_diagnostics + stale
    fatal = [d for d in diagnostics if d.severity == "error" or strict]
    return FileResult(outcome.source, diagnostics, not fatal and not outcome.error, outcome.error)


def print_check(outcomes: Iterable[Outcome], sources: list[Path], check_format: str, strict: bool,
                hint: Callable[[Path], str]) -> int:
    """build --check in a machine format: the whole document once every file is checked, on stdout
    alone (a file that could not be read also on stderr); the exit code."""
    err = Printer(sys.stderr)
    run = Validation(strict)
    for outcome in outcomes:
        result = check_result(outcome, strict, hint)
        run.files.append(result)
        if result.error is not None:
            err.line(error_line(result.error), "bold red")
    order = {Path(source): i for i, source in enumerate(sources)}  # a pool finishes in any order
    run.files.sort(key=lambda f: order[f.path])
    Printer(sys.stdout).write(render(check_format, run))
    return run.exit_code
