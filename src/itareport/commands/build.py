"""`itareport build`: validate, then write each data file's reports (or, with check, compare them)."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterable
from pathlib import Path

from .. import codes
from ..batch import Batch, Orphan, Stopped, plan_batch, run_batch, unique_sources
from ..batchlog import print_batch, rebuild_command
from ..build import BuildOptions, Outcome
from ..console import Printer, error_line
from ..errors import Diagnostic, InputError
from ..files import SUFFIXES, OutputState, make_folder
from ..messages import M_
from ..output.machine import render
from ..results import FileResult, Validation
from ..stopping import Stop
from . import choose_sources

# build --check: an output file out of date, or missing, is an error on its data file; an orphan, on itself.


def build(files: list[Path], output: Path | None = None, output_is_folder: bool = False,
          formats: tuple[str, ...] = ("docx",), check: bool = False, reference_doc: Path | None = None,
          templates: Path | None = None, jobs: int | None = None, strict: bool = False,
          check_format: str = "text", keep_folders: bool = False, summary: str = "text",
          stop: Stop | None = None) -> int:
    """Build (or check) every data file; output_is_folder: -o ended in / (always a folder).
    check_format: how --check reports (text, or json, github, sarif on stdout alone). keep_folders: each
    data file's folder kept under -o. summary json: the whole batch as one JSON document on stdout. stop: set
    by the stop signals (stopping.catch_stop_signals, around the command): the batch stops at its next step."""
    if summary != "text" and check and check_format != "text":
        raise InputError(M_("--summary {summary} and --check-format {check_format} both write to stdout; "
                            "choose one", summary=summary, check_format=check_format))
    sources = unique_sources(choose_sources(files, "build"))
    many = len(sources) > 1 or output_is_folder or keep_folders
    if many and output is not None and not output_is_folder and not output.is_dir() and (
            output.exists() or output.suffix.lower() in SUFFIXES.values()):
        raise InputError(M_("--keep-folders: -o must be a folder (end it with /), got {path}", path=output)
                         if keep_folders and len(sources) == 1 else
                         M_("{path}: with several input files, -o must be a folder (end it with /)", path=output))
    options = BuildOptions(output=output, templates=templates, strict=strict, many=many, formats=formats,
                           reference_doc=reference_doc, jobs=jobs, keep_folders=keep_folders)
    # orphans only when the run knows every data file: a folder, or none named (every data/*.yaml)
    whole = not files or any(Path(f).is_dir() for f in files)
    batch = plan_batch(sources, options, check, orphans=whole)  # exit 2 here: nothing written yet
    if many and output is not None and not check:
        make_folder(output)

    def hint(source: Path) -> str:
        return rebuild_command(source, options, output_is_folder)

    if check and check_format != "text":
        return print_check(run_batch(batch, stop), batch, check_format, strict, hint)
    return print_batch(run_batch(batch, stop), batch, hint, summary)


def check_result(outcome: Outcome, strict: bool, hint: Callable[[Path], str]) -> FileResult:
    """One data file of `build --check` as the machine formats see it: its diagnostics, and each output
    file out of date or missing as an error on the data file's first line."""
    command = hint(outcome.source)
    stale = [Diagnostic(str(outcome.source), 1, 1, "error", "",
                        codes.message("ITA701", state=M_("stale"), path=path, command=command)
                        if state is OutputState.STALE else
                        codes.message("ITA702", state=M_("missing"), path=path, command=command))
             for path, state in outcome.states if state is not OutputState.CURRENT]
    diagnostics = outcome.warnings + outcome.error_diagnostics + stale
    fatal = [d for d in diagnostics if d.severity == "error" or strict]
    return FileResult(outcome.source, diagnostics, not fatal and not outcome.error, outcome.error)


def orphan_result(orphan: Orphan) -> FileResult:
    """An orphan as the machine formats see it: an error on the report itself."""
    d = Diagnostic(str(orphan.path), 1, 1, "error", "",
                   codes.message("ITA703", path=orphan.path, data_file=orphan.data_file))
    return FileResult(orphan.path, [d], False)


def print_check(items: Iterable[Outcome | Orphan], batch: Batch, check_format: str, strict: bool,
                hint: Callable[[Path], str]) -> int:
    """build --check in a machine format: the whole document once every file is checked, on stdout
    alone (a file that could not be read also on stderr); the exit code. After a stop: what was checked,
    and the signal's exit code."""
    err = Printer(sys.stderr)
    run = Validation(strict)
    stopped = None
    try:
        for item in items:
            result = orphan_result(item) if isinstance(item, Orphan) else check_result(item, strict, hint)
            run.files.append(result)
            if result.error is not None:
                err.line(error_line(result.error), "bold red")
    except Stopped as exc:
        stopped = exc.stop
        err.line(M_("itareport: stopped by {signal}: {done} of {total} data files checked",
                    signal=stopped.name, done=len(run.files), total=len(batch.jobs)), "bold red")
    Printer(sys.stdout).write(render(check_format, run))
    return stopped.exit_code if stopped is not None else run.exit_code
