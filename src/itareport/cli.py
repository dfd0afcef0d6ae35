"""The command line: parse, call, print, exit. The one error boundary.

Exit codes: errors.Exit (0 success, 1 invalid data, 2 usage or I/O error, 3 internal error).

Lazy imports, kept on purpose for start-up time: `validate` and `--help` must not load
Jinja2, lxml, PyThaiNLP or the renderers. So the commands import build (view, Jinja2,
render/), importer (lxml), scaffold, lint (PyThaiNLP) and schema inside their functions,
build imports each renderer when its format is asked for, and rich is imported only for a
terminal. Everywhere else, a module's imports are at its top.
"""

from __future__ import annotations

import json
import os
import sys
from enum import Enum
from pathlib import Path
from typing import Callable, List, Optional

import typer

from .errors import Diagnostic, Exit, ItareportError, plural
from .files import CheckState, atomic_write, default_data_files, expand_sources, output_path, write_new_file
from .model import year_problem
from .validate import validate_file
from .yaml_writer import DEFAULT_SCHEMA_REF, schema_ref_for

app = typer.Typer(
    name="itareport",
    help="Build the Thai ITA report on integrity and transparency measures (รายงานผลการดำเนินการตาม"
         "มาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน) from a YAML data file.",
    add_completion=False,
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)

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
        for d in exc.diagnostics:
            err.diagnostic(d)
        if not exc.diagnostics:
            err.line(f"itareport: error: {exc}", "bold red")
        code = exc.exit_code
    except KeyboardInterrupt:
        err.line("itareport: interrupted")
        code = 130
    except Exception as exc:  # a bug: say so, without a traceback unless asked
        if debug:
            raise
        err.line(f"itareport: internal error: {type(exc).__name__}: {exc} (run again with --debug for details)")
        code = Exit.INTERNAL
    raise typer.Exit(code)


def _summary(errors: int, warnings: int, files: int) -> str:
    return f"{plural(errors, 'error')}, {plural(warnings, 'warning')} in {plural(files, 'file')}"


DEBUG = typer.Option(False, "--debug", help="Show a traceback on internal errors.", hidden=True)
STRICT = typer.Option(False, "--strict", help="Treat warnings as errors.")


@app.command()
def validate(
    files: Optional[List[Path]] = typer.Argument(metavar="FILE", default=
        None, help="Data files to check (default: every data/*.yaml under the current folder).",
        show_default=False),
    strict: bool = STRICT,
    output_format: OutputFormat = typer.Option(OutputFormat.text, "--format", help="text, or json for machines."),
    lint: bool = typer.Option(False, "--lint", help="Also report Thai typos and copy-paste damage as warnings, "
                                                    "like `itareport lint` (needs: pip install \"itareport[thai]\")."),
    debug: bool = DEBUG,
) -> None:
    """Check data files and print every problem as FILE:LINE:COL: error|warning: PATH: message."""

    def work() -> int:
        if lint:
            from .lint import ensure_thai_extra

            ensure_thai_extra()
        targets = list(files) if files else default_data_files()
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
            if lint and checked.loaded.data is not None:  # not when the file is not even UTF-8 YAML
                from .lint import lint_file

                diags = sorted(diags + lint_file(path, markup=False).findings, key=lambda d: (d.line, d.col))
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
            return Exit.USAGE
        return Exit.INVALID if fatal else Exit.OK

    _guard(debug, work)


@app.command()
def build(
    files: List[Path] = typer.Argument(..., metavar="FILE", help="Data files (.yaml), or folders of them, to build.",
                                       show_default=False),
    output: Optional[Path] = typer.Option(
        None, "-o", "--output",
        help="Output file (default: the input's name with the format's suffix, in the current folder); "
             "a folder when building several files; with several formats, NAME gives NAME.docx, NAME.pdf..."),
    formats: Optional[List[str]] = typer.Option(
        None, "--format", "-f", metavar="FORMAT",
        help="docx (default), pdf, html or md; repeat the option or separate with commas (--format docx,pdf)."),
    check: bool = typer.Option(
        False, "--check", help="Write nothing: exit 1, naming each file, when an output file is missing or out of "
                               "date (PDFs are compared by the fingerprint of their source in Keywords)."),
    reference_doc: Optional[Path] = typer.Option(
        None, "--reference-doc", metavar="FILE.docx",
        help="Take page setup, styles, header and footer (letterhead) from your own Word file; its body is "
             "replaced by the report."),
    templates: Optional[Path] = typer.Option(
        None, "--templates", help="Folder with your own templates (*.txt.j2, report.html.j2, base.docx); "
                                  "missing ones come from the built-in set."),
    jobs: Optional[str] = typer.Option(
        None, "--jobs", "-j", metavar="N", help="Workers for a batch (processes and LibreOffice starts); "
                                               "default: one per CPU core."),
    strict: bool = STRICT,
    debug: bool = DEBUG,
) -> None:
    """Validate, then write the report (Word, PDF, web page or Markdown) for each data file."""

    def work() -> int:
        from .build import BuildOptions, parse_formats, parse_jobs

        chosen, workers = parse_formats(formats), parse_jobs(jobs)
        sources = expand_sources(files)
        many = len(sources) > 1
        if many and output is not None and not output.is_dir():
            raise ItareportError(f"{output}: with several input files, -o must be an existing folder")
        options = BuildOptions(output=output, templates=templates, strict=strict, many=many, formats=chosen,
                               reference_doc=reference_doc, jobs=workers)
        return _build_all(sources, check, options)

    _guard(debug, work)


def _build_all(sources: list[Path], check: bool, options) -> int:
    """Run the batch; a progress bar on a terminal, one plain line per file otherwise."""
    from .build import run_all

    fancy = len(sources) > 1 and _fancy(sys.stderr)
    outcomes, noted = [], set()
    if not fancy:
        out, err = Printer(sys.stdout), Printer(sys.stderr)
        for outcome in run_all(sources, options, check):
            outcomes.append(outcome)
            _print_outcome(outcome, out, err, check, noted)
        return _print_batch_end(outcomes, out, err, check, len(sources))
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    columns = (TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn())
    with Progress(*columns, transient=True) as progress:
        pdfs = not check and "pdf" in options.formats  # then each step is a PDF written
        task = progress.add_task("checking" if check else "building PDFs" if pdfs else "building",
                                 total=len(sources))
        out, err = Printer(sys.stdout), Printer(sys.stderr)  # inside: printed above the bar
        for outcome in run_all(sources, options, check):
            outcomes.append(outcome)
            _print_outcome(outcome, out, err, check, noted)
            progress.advance(task)
    return _print_batch_end(outcomes, out, err, check, len(sources))


def _print_outcome(outcome, out: Printer, err: Printer, check: bool, noted: set[str]) -> None:
    for d in outcome.warnings + outcome.error_diagnostics:
        err.diagnostic(d)
    for note in outcome.notes:
        if note not in noted:  # the same font warning once per run, not once per file
            noted.add(note)
            err.line(f"itareport: warning: {note}", "bold yellow")
    if outcome.error:
        err.line(f"itareport: error: {outcome.error}", "bold red")
    elif outcome.error_diagnostics:
        err.line(f"itareport: {outcome.source}: not built: fix the errors above", "bold red")
    elif check:
        for path, state in outcome.states:
            if state is not CheckState.CURRENT:
                err.line(f"{state.value}: {path} (run: itareport build {outcome.source})", "bold red")
    else:
        for path in outcome.outputs:
            out.line(f"wrote {path}", "green")


def _print_batch_end(outcomes: list, out: Printer, err: Printer, check: bool, total: int) -> int:
    """Every failure again at the end, with its file:line, and the exit code."""
    order = {o.source: i for i, o in enumerate(outcomes)}
    failed = sorted((o for o in outcomes if o.failed), key=lambda o: order[o.source])
    stale = [(path, state) for o in outcomes for path, state in o.states if state is not CheckState.CURRENT]
    if total > 1 and failed:
        err.line(f"FAILED: {len(failed)} of {total} files not {'checked' if check else 'built'}:", "bold red")
        for o in failed:
            for d in [d for d in o.error_diagnostics if d.severity == "error"] or o.error_diagnostics:
                err.line(f"  {d.format()}")  # warnings only when --strict made them fatal
            if o.error:
                err.line(f"  {o.source}: error: {o.error}")
    if check:
        if stale:
            err.line(f"FAILED: {plural(len(stale), 'output file')} out of date or "
                     "missing: " + ", ".join(str(p) for p, _ in stale), "bold red")
        elif not failed:
            files = sum(len(o.states) for o in outcomes)
            out.line(f"OK: {plural(files, 'output file')} up to date", "bold green")
    return max([o.exit_code for o in outcomes], default=Exit.OK)


@app.command()
def lint(
    files: Optional[List[Path]] = typer.Argument(metavar="FILE", default=
        None, help="Data files to check (default: every data/*.yaml under the current folder).",
        show_default=False),
    debug: bool = DEBUG,
) -> None:
    """Find Thai typos and copy-paste damage in the texts: FILE:LINE:COL, the fragment, a suggestion.

    Needs the optional PyThaiNLP extra: pip install "itareport[thai]". The agency's own words go in
    <data file stem>.words.txt (or words.txt) beside the data file, one per line. Exit 1 when something
    is found."""

    def work() -> int:
        from .lint import ensure_thai_extra, lint_file

        ensure_thai_extra()
        targets = list(files) if files else default_data_files()
        out, err = Printer(sys.stdout), Printer(sys.stderr)
        found, io_failed = 0, False
        for path in targets:
            try:
                diags = lint_file(path).diagnostics
            except ItareportError as exc:  # unreadable, or not UTF-8 (then exc.diagnostics says where)
                io_failed = io_failed or not exc.diagnostics
                diags = exc.diagnostics
                if not diags:
                    err.line(f"itareport: error: {exc}", "bold red")
            for d in diags:
                out.diagnostic(d)
            found += len(diags)
        files_text = plural(len(targets), "file")
        if found:
            out.line(f"FAILED: {plural(found, 'finding')} in {files_text}", "bold red")
        elif not io_failed:
            out.line(f"OK: nothing found in {files_text}", "bold green")
        if io_failed:
            return Exit.USAGE
        return Exit.INVALID if found else Exit.OK

    _guard(debug, work)


FORCE = typer.Option(False, "--force", help="Replace the output file when it already exists.")


@app.command("import")
def import_report(
    report: Path = typer.Argument(..., metavar="REPORT", help="The report: a Word file (.docx) or tab-separated text (.txt).",
                                  show_default=False),
    output: Optional[Path] = typer.Option(
        None, "-o", "--output", help="The data file to write (default: the report's name with .yaml, in the "
                                     "current folder); '-' prints it."),
    force: bool = FORCE,
    debug: bool = DEBUG,
) -> None:
    """Read the measures table of a Word report (or tab-separated text) into a new data file.

    What cannot be understood is kept as a comment marked 'ต้นฉบับ' and reported as a warning.
    """

    def work() -> int:
        from .importer import import_file

        to_stdout = output is not None and str(output) == "-"
        target = None if to_stdout else output_path(report, output, ".yaml", also=(".yml",))
        ref = schema_ref_for(target) if target else DEFAULT_SCHEMA_REF
        result = import_file(report, str(target) if target else "<stdout>", ref)
        if target is None:
            sys.stdout.write(result.yaml_text)
        else:
            write_new_file(target, result.yaml_text, force, (report,))
            Printer(sys.stdout).line(f"wrote {target}", "green")
        err = Printer(sys.stderr)
        for d in result.warnings:
            err.diagnostic(d)
        if any(d.severity == "error" for d in result.warnings):
            return Exit.INVALID
        return Exit.OK

    _guard(debug, work)


@app.command()
def init(
    agency: Optional[str] = typer.Option(None, "--agency", help="The agency's full name (ชื่อหน่วยงาน)."),
    year: Optional[int] = typer.Option(None, "--year", help="Fiscal year in B.E., e.g. 2569 (default: the current "
                                                            "one)."),
    output: Optional[Path] = typer.Option(None, "-o", "--output",
                                          help="The file to write (default: data/measures_YEAR.yaml)."),
    force: bool = FORCE,
    debug: bool = DEBUG,
) -> None:
    """Write a starter data file, with Thai comments on what to fill in, that validates."""

    def work() -> int:
        from .scaffold import current_fiscal_year, init_text

        fiscal_year = year or current_fiscal_year()
        problem = year_problem(fiscal_year)
        if problem:
            raise ItareportError(f"--year {fiscal_year}: expected a Buddhist-era year such as 2569{problem[1]}")
        if agency is not None and not agency.strip():
            raise ItareportError("--agency: expected a name, got an empty text")
        target = output if output is not None else Path("data") / f"measures_{fiscal_year}.yaml"
        if output is None:
            target.parent.mkdir(exist_ok=True)
        elif output.is_dir():
            target = output / f"measures_{fiscal_year}.yaml"
        write_new_file(target, init_text(agency and agency.strip(), fiscal_year, schema_ref_for(target)), force)
        Printer(sys.stdout).line(f"wrote {target}", "green")
        return Exit.OK

    _guard(debug, work)


@app.command("new-year")
def new_year_file(
    file: Path = typer.Argument(..., metavar="FILE", help="This year's data file.", show_default=False),
    to: int = typer.Option(..., "--to", help="The new fiscal year in B.E., e.g. 2569.", show_default=False),
    output: Optional[Path] = typer.Option(
        None, "-o", "--output", help="The new file (default: the file's name with the new year, next to it)."),
    force: bool = FORCE,
    debug: bool = DEBUG,
) -> None:
    """Start next year's data file: same measures, steps and owners, periods moved on, results emptied.

    The old file is not changed. validate warns about the empty results and outcomes until they are filled.
    """

    def work() -> int:
        from .scaffold import new_year

        result = new_year(file, to, output)
        write_new_file(result.target, result.yaml_text, force, (file,))
        Printer(sys.stdout).line(f"wrote {result.target}", "green")
        err = Printer(sys.stderr)
        for d in result.warnings:
            err.diagnostic(d)
        return Exit.OK

    _guard(debug, work)


@app.command()
def schema(
    output: Optional[Path] = typer.Option(
        None, "-o", "--output", help="Write it to this file (e.g. schema/itareport.schema.json) instead of "
                                     "printing it."),
    debug: bool = DEBUG,
) -> None:
    """Print the JSON Schema of the data file (for editors: completion and checks while typing)."""

    def work() -> int:
        from .schema import schema_text

        text = schema_text()
        if output is None:
            sys.stdout.write(text)
            return Exit.OK
        atomic_write(output, text.encode("utf-8"))
        Printer(sys.stdout).line(f"wrote {output}", "green")
        return Exit.OK

    _guard(debug, work)


def main() -> None:
    app()


if __name__ == "__main__":
    main()
