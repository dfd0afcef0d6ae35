"""The command line: parse, call, print, exit. The one error boundary.

Exit codes: errors.Exit (0 success, 1 invalid data, 2 usage or I/O error, 3 internal error).

Language: Typer reads help texts when the click command is made, so main() picks the language
(i18n.detect_language: --lang anywhere in the arguments, ITAREPORT_LANG, the locale) first, then
localized() translates the help of the app, each command and option (kept as English msgids,
marked N_()) and builds the command. Tests get either language with localized("th"/"en").

Lazy imports, kept on purpose for start-up time (the only ones; everywhere else a module's
imports are at its top): `validate` and `--help` must not load Jinja2, lxml, python-docx,
PyThaiNLP or the renderers. So the commands import build (view, Jinja2, render/), importer
(lxml, pdfplumber, openpyxl), scaffold, starters, lint (PyThaiNLP), view (templates export),
schema and editor (Starlette, uvicorn, watchfiles) inside their functions; build.py imports
render/reference.py (python-docx) only for --reference-doc; rich is imported only for a terminal.
"""

from __future__ import annotations

import inspect
import json
import sys
from enum import StrEnum
from pathlib import Path

import typer
import typer.core

from . import __version__
from .console import (
    Printer,
    count,
    error_line,
    fancy,
    guard,
    localize_click,
    make_folder,
    number_option,
    output_option,
    print_batch_end,
    print_outcome,
    rebuild_command,
    validate_summary,
)
from .errors import Exit, ItareportError
from .files import atomic_write, default_data_files, expand_sources, output_path, write_new_file
from .helptext import drop_lang, msgid, readable_help
from .i18n import N_, _, detect_language, set_language
from .model import year_problem
from .streams import configure_streams
from .validate import Validation, validate_files
from .yaml_writer import DEFAULT_SCHEMA_REF, schema_ref_for

APP_HELP = N_("Build the Thai ITA report on integrity and transparency measures (รายงานผลการดำเนินการตาม"
              "มาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน) from a YAML data file.\n\n"
              "Examples:\n\n"
              "  itareport validate data/measures_2569.yaml\n\n"
              "  itareport build data/measures_2569.yaml -o รายงาน/ -f docx,pdf\n\n"
              "  itareport init --agency \"เทศบาลตำบลโคกสูง\" --year ๒๕๖๙")

app = typer.Typer(
    name="itareport",
    help=APP_HELP,
    add_completion=False,
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)
templates_app = typer.Typer(help=N_("The built-in templates: copy them to a folder to edit."),
                            no_args_is_help=True)
app.add_typer(templates_app, name="templates")


class OutputFormat(StrEnum):
    text = "text"
    json = "json"


def _version(value: bool) -> None:
    if value:
        Printer(sys.stdout).line(f"itareport {__version__}")
        raise typer.Exit(Exit.OK)


@app.callback()
def _root(
    lang: str | None = typer.Option(None, "--lang", metavar="th|en",
                                       help=N_("Language of messages and help: th (Thai) or en (English); "
                                               "default: ITAREPORT_LANG, else the system's language.")),
    version: bool = typer.Option(False, "--version", callback=_version, is_eager=True,
                                 help=N_("Show the version and exit.")),
) -> None:
    """The options before the command (--lang is read before the app is built, see main())."""


DEBUG = typer.Option(False, "--debug", help=N_("Show the full traceback when itareport itself fails "
                                               "(an internal error), to report it."))
STRICT = typer.Option(False, "--strict", help=N_("Treat warnings as errors."))
FORCE = typer.Option(False, "--force", help=N_("Replace the output file when it already exists."))
DATA_FILES_HELP = N_("Data files to check (default: every data/*.yaml under the current folder).")


@app.command(help=N_("Check data files and print every problem as FILE:LINE:COL: error|warning: PATH: "
                     "message [CODE].\n\nExample: itareport validate data/measures_2569.yaml"))
def validate(
    files: list[Path] | None = typer.Argument(None, metavar="FILE", help=DATA_FILES_HELP, show_default=False),
    strict: bool = STRICT,
    output_format: OutputFormat = typer.Option(OutputFormat.text, "--format", metavar="text|json",
                                               help=N_("text, or json for machines.")),
    lint: bool = typer.Option(False, "--lint", help=N_("Also report Thai typos and copy-paste damage as warnings, "
                                                       "like `itareport lint` (needs the thai extra: "
                                                       "pip install \".[thai]\").")),
    debug: bool = DEBUG,
) -> None:
    def work() -> int:
        if lint:
            from .lint import ensure_thai_extra

            ensure_thai_extra()
        targets = list(files) if files else default_data_files("validate")
        more = None
        if lint:
            from .lint import lint_file

            def more(path: Path) -> list:
                return lint_file(path, markup=False).findings
        out, err = Printer(sys.stdout), Printer(sys.stderr)
        run = Validation(strict)
        for result in validate_files(targets, strict, more):
            run.files.append(result)
            if result.error is not None:
                err.line(error_line(result.error), "bold red")
            elif output_format is OutputFormat.text:
                for d in result.diagnostics:
                    out.diagnostic(d)
        if output_format is OutputFormat.json:
            out.write(json.dumps(run.as_json(), ensure_ascii=False, indent=2) + "\n")
        else:
            summary, ok = validate_summary(run.errors, run.warnings, len(targets), run.unread, strict)
            out.line(summary, "bold green" if ok else "bold red")
        return run.exit_code

    guard(debug, work)


@app.command(help=N_("Validate, then write the report (Word, PDF, web page or Markdown) for each data file.\n\n"
                     "Examples: itareport build (every data/*.yaml) · itareport build data/measures_2569.yaml "
                     "-o รายงาน/ -f docx,pdf"))
def build(
    files: list[Path] | None = typer.Argument(
        None, metavar="FILE", show_default=False,
        help=N_("Data files (.yaml), or folders of them, to build (default: every data/*.yaml).")),
    output: str | None = typer.Option(
        None, "-o", "--output", metavar="FILE|FOLDER/",
        help=N_("Output file (default: the input's name with the format's suffix, in the current folder); "
                "a folder when it ends in / or when building several files (created when missing); with "
                "several formats, NAME gives NAME.docx, NAME.pdf...")),
    formats: list[str] | None = typer.Option(
        None, "--format", "-f", metavar="FORMAT",
        help=N_("docx (default), pdf, html or md; repeat the option or separate with commas (--format docx,pdf).")),
    check: bool = typer.Option(
        False, "--check", help=N_("Write nothing: exit 1, naming each file, when an output file is missing or out "
                                  "of date (PDFs are compared by the fingerprint of their source in Keywords).")),
    reference_doc: Path | None = typer.Option(
        None, "--reference-doc", metavar="FILE.docx",
        help=N_("Take page setup, styles, header and footer (letterhead) from your own Word file; its body is "
                "replaced by the report.")),
    templates: Path | None = typer.Option(
        None, "--templates", metavar="FOLDER",
        help=N_("Folder with your own templates (*.txt.j2, report.html.j2, base.docx); missing ones come from "
                "the built-in set (itareport templates export FOLDER copies them).")),
    jobs: str | None = typer.Option(
        None, "--jobs", "-j", metavar="N", help=N_("Workers for a batch (processes and LibreOffice starts); "
                                                   "default: one per CPU core.")),
    strict: bool = STRICT,
    debug: bool = DEBUG,
) -> None:
    def work() -> int:
        from .build import BuildOptions, parse_formats, parse_jobs

        chosen, workers = parse_formats(formats), parse_jobs(jobs)
        sources = expand_sources(files) if files else default_data_files("build")
        target, folder = output_option(output)
        many = len(sources) > 1 or folder
        if many and target is not None and not folder and not target.is_dir() and (
                target.exists() or target.suffix.lower() in (".docx", ".pdf", ".html", ".md")):
            raise ItareportError(_("{path}: with several input files, -o must be a folder (end it with /)").format(
                path=target))
        if many and target is not None and not check:
            make_folder(target)
        options = BuildOptions(output=target, templates=templates, strict=strict, many=many, formats=chosen,
                               reference_doc=reference_doc, jobs=workers)
        return _build_all(sources, check, options, lambda source: rebuild_command(source, options, folder))

    guard(debug, work)


def _build_all(sources: list[Path], check: bool, options, hint) -> int:
    """Run the batch; a progress bar on a terminal, one plain line per file otherwise."""
    from .build import run_all

    outcomes, noted = [], set()
    if not (len(sources) > 1 and fancy(sys.stderr)):
        out, err = Printer(sys.stdout), Printer(sys.stderr)
        for outcome in run_all(sources, options, check):
            outcomes.append(outcome)
            print_outcome(outcome, out, err, check, noted, hint)
        return print_batch_end(outcomes, out, err, check, len(sources))
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    columns = (TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn())
    with Progress(*columns, transient=True) as progress:
        pdfs = not check and "pdf" in options.formats  # then each step is a PDF written
        task = progress.add_task(_("checking") if check else _("building PDFs") if pdfs else _("building"),
                                 total=len(sources))
        out, err = Printer(sys.stdout), Printer(sys.stderr)  # inside: printed above the bar
        for outcome in run_all(sources, options, check):
            outcomes.append(outcome)
            print_outcome(outcome, out, err, check, noted, hint)
            progress.advance(task)
    return print_batch_end(outcomes, out, err, check, len(sources))


@app.command(help=N_("Edit the report in the browser: a form beside a live preview of the page as it will print; "
                     "problems shown at their fields as you type; saving changes only what you changed.\n\n"
                     "Example: itareport edit data/measures_2569.yaml"))
def edit(
    file: Path | None = typer.Argument(None, metavar="FILE", show_default=False,
                                       help=N_("The data file (default: the one data/*.yaml); a file that does not "
                                               "exist yet can be made from a starter in the page.")),
    port: str | None = typer.Option(None, "--port", metavar="N", help=N_("Port to listen on (default: a free one).")),
    host: str = typer.Option("127.0.0.1", "--host", metavar="ADDRESS",
                             help=N_("Address to listen on (default 127.0.0.1: this computer only).")),
    allow_remote: bool = typer.Option(False, "--allow-remote",
                                      help=N_("Allow a --host other computers can reach (anyone with the printed "
                                              "address can then edit the file).")),
    no_browser: bool = typer.Option(False, "--no-browser", help=N_("Do not open the browser; print the address.")),
    lint: bool = typer.Option(False, "--lint", help=N_("Also show Thai typos and copy-paste damage as you type, "
                                                       "like `itareport lint` (needs the thai extra: "
                                                       "pip install \".[thai]\").")),
    reference_doc: Path | None = typer.Option(
        None, "--reference-doc", metavar="FILE.docx",
        help=N_("For the Word and PDF buttons: as build --reference-doc.")),
    templates: Path | None = typer.Option(
        None, "--templates", metavar="FOLDER",
        help=N_("Your own templates for the preview and the buttons: as build --templates.")),
    debug: bool = DEBUG,
) -> None:
    def work() -> int:
        from .editor import run

        return run(file, port=number_option("--port", port) or 0, host=host, allow_remote=allow_remote,
                   open_browser=not no_browser, templates=templates, reference_doc=reference_doc, lint=lint)

    guard(debug, work)


@app.command(help=N_("Find Thai typos and copy-paste damage in the texts: FILE:LINE:COL, the fragment, a "
                     "suggestion.\n\nNeeds the optional PyThaiNLP extra: pip install \".[thai]\". The agency's own "
                     "words go in <data file stem>.words.txt (or words.txt) beside the data file, one per line. "
                     "Exit 1 when something is found."))
def lint(
    files: list[Path] | None = typer.Argument(None, metavar="FILE", help=DATA_FILES_HELP, show_default=False),
    debug: bool = DEBUG,
) -> None:
    def work() -> int:
        from .lint import ensure_thai_extra, lint_files

        ensure_thai_extra()
        targets = list(files) if files else default_data_files("lint")
        out, err = Printer(sys.stdout), Printer(sys.stderr)
        found, io_failed = 0, False
        for _path, diags, error in lint_files(targets):
            if error is not None:
                io_failed = True
                err.line(error_line(error), "bold red")
            for d in diags:
                out.diagnostic(d)
            found += len(diags)
        files_text = count(len(targets), "file")
        if found:
            out.line(_("FAILED: {findings} in {files}").format(findings=count(found, "finding"), files=files_text),
                     "bold red")
        elif not io_failed:
            out.line(_("OK: nothing found in {files}").format(files=files_text), "bold green")
        if io_failed:
            return Exit.USAGE
        return Exit.INVALID if found else Exit.OK

    guard(debug, work)


@app.command("import", help=N_("Read the measures table of a report (Word, PDF, Excel, CSV or tab-separated text) "
                               "into a new data file.\n\nWhat cannot be understood is kept as a comment marked "
                               "'ต้นฉบับ' and "
                               "reported as a warning.\n\nExample: itareport import รายงาน_2568.docx -o data/"))
def import_report(
    report: Path = typer.Argument(..., metavar="REPORT", show_default=False,
                                  help=N_("The report: Word (.docx), PDF, Excel (.xlsx), .csv or tab-separated "
                                          "text (.txt).")),
    output: str | None = typer.Option(
        None, "-o", "--output", metavar="FILE|FOLDER/",
        help=N_("The data file to write (default: the report's name with .yaml, in the current folder); "
                "a folder when it ends in /; '-' prints it.")),
    force: bool = FORCE,
    debug: bool = DEBUG,
) -> None:
    def work() -> int:
        from .importer import import_file

        to_stdout = output == "-"
        chosen, folder = output_option(None if to_stdout else output)
        if folder:
            make_folder(chosen)
        target = None if to_stdout else output_path(report, chosen, ".yaml", also=(".yml",))
        ref = schema_ref_for(target) if target else DEFAULT_SCHEMA_REF
        result = import_file(report, str(target) if target else "<stdout>", ref)
        if target is None:
            Printer(sys.stdout).write(result.yaml_text)
        else:
            write_new_file(target, result.yaml_text, force, (report,))
            Printer(sys.stdout).line(_("wrote {path}").format(path=target), "green")
        err = Printer(sys.stderr)
        for d in result.warnings:
            err.diagnostic(d)
        if any(d.severity == "error" for d in result.warnings):
            return Exit.INVALID
        return Exit.OK

    guard(debug, work)


@app.command(help=N_("Write a starter data file, with Thai comments on what to fill in.\n\n"
                     "Example: itareport init --agency \"เทศบาลตำบลโคกสูง\" --year ๒๕๖๙"))
def init(
    agency: str | None = typer.Option(None, "--agency", metavar="NAME",
                                         help=N_("The agency's full name (ชื่อหน่วยงาน).")),
    year: str | None = typer.Option(None, "--year", metavar="YEAR",
                                       help=N_("Fiscal year in B.E., e.g. 2569 or ๒๕๖๙ (default: the current one).")),
    output: str | None = typer.Option(None, "-o", "--output", metavar="FILE|FOLDER/",
                                         help=N_("The file to write, or a folder ending in / (default: "
                                                 "data/measures_YEAR.yaml).")),
    kind: str = typer.Option("measures-report", "--kind", metavar="KIND",
                             help=N_("measures-report, measures-plan, progress-report or columns (a table of "
                                     "your own columns).")),
    force: bool = FORCE,
    debug: bool = DEBUG,
) -> None:
    def work() -> int:
        from .scaffold import current_fiscal_year, init_text
        from .starters import INIT_KINDS

        if kind not in INIT_KINDS:
            raise ItareportError(_("--kind {kind}: expected one of {kinds}").format(
                kind=kind, kinds=", ".join(INIT_KINDS)))
        fiscal_year = number_option("--year", year) or current_fiscal_year()
        problem = year_problem(fiscal_year)
        if problem:
            raise ItareportError(_("--year {year}: expected a Buddhist-era year such as 2569{hint}").format(
                year=fiscal_year, hint=problem[1]))
        if agency is not None and not agency.strip():
            raise ItareportError(_("--agency: expected a name, got an empty text"))
        chosen, folder = output_option(output)
        name = f"measures_{fiscal_year}.yaml"
        target = chosen if chosen is not None else Path("data") / name
        if folder or (chosen is not None and chosen.is_dir()):
            make_folder(chosen)
            target = chosen / name
        write_new_file(target, init_text(agency and agency.strip(), fiscal_year, schema_ref_for(target), kind),
                       force)
        Printer(sys.stdout).line(_("wrote {path}").format(path=target), "green")
        return Exit.OK

    guard(debug, work)


@app.command("new-year", help=N_("Start next year's data file: same measures, steps and owners, periods moved on, "
                                 "results emptied.\n\nThe old file is not changed. validate warns about the empty "
                                 "results and outcomes until they are filled.\n\n"
                                 "Example: itareport new-year data/measures_2568.yaml --to ๒๕๖๙"))
def new_year_file(
    file: Path = typer.Argument(..., metavar="FILE", help=N_("This year's data file."), show_default=False),
    to: str = typer.Option(..., "--to", metavar="YEAR", show_default=False,
                           help=N_("The new fiscal year in B.E., e.g. 2569 or ๒๕๖๙.")),
    output: str | None = typer.Option(
        None, "-o", "--output", metavar="FILE|FOLDER/",
        help=N_("The new file, or a folder ending in / (default: the file's name with the new year, next to it).")),
    force: bool = FORCE,
    debug: bool = DEBUG,
) -> None:
    def work() -> int:
        from .scaffold import new_year

        to_year = number_option("--to", to)
        chosen, folder = output_option(output)
        if folder:
            make_folder(chosen)
        result = new_year(file, to_year, chosen)
        write_new_file(result.target, result.yaml_text, force, (file,))
        Printer(sys.stdout).line(_("wrote {path}").format(path=result.target), "green")
        err = Printer(sys.stderr)
        for d in result.warnings:
            err.diagnostic(d)
        return Exit.OK

    guard(debug, work)


@app.command(help=N_("Print the JSON Schema of the data file (for editors: completion and checks while typing)."))
def schema(
    output: str | None = typer.Option(
        None, "-o", "--output", metavar="FILE",
        help=N_("Write it to this file (e.g. schema/itareport.schema.json; the folder is created) instead of "
                "printing it.")),
    debug: bool = DEBUG,
) -> None:
    def work() -> int:
        from .schema import schema_text

        text = schema_text()
        chosen, folder = output_option(output)
        if chosen is None:
            Printer(sys.stdout).write(text)
            return Exit.OK
        if folder:
            make_folder(chosen)
        target = chosen / "itareport.schema.json" if chosen.is_dir() else chosen
        atomic_write(target, text.encode("utf-8"))
        Printer(sys.stdout).line(_("wrote {path}").format(path=target), "green")
        return Exit.OK

    guard(debug, work)


@templates_app.command("export", help=N_("Copy the built-in templates (base.docx, *.txt.j2, report.html.j2) into "
                                         "FOLDER to edit; then build with --templates FOLDER.\n\n"
                                         "Example: itareport templates export แม่แบบ/"))
def templates_export(
    folder: Path = typer.Argument(..., metavar="FOLDER", show_default=False,
                                  help=N_("Where to write them (created when missing).")),
    force: bool = typer.Option(False, "--force", help=N_("Replace templates already in the folder.")),
    debug: bool = DEBUG,
) -> None:
    def work() -> int:
        from .view import builtin_templates

        source = builtin_templates()
        names = sorted(p.name for p in source.iterdir() if p.is_file() and (p.suffix == ".j2" or p.suffix == ".docx"))
        make_folder(folder)
        there = [n for n in names if (folder / n).exists()]
        if there and not force:
            raise ItareportError(_("{folder}: already holds {names}; add --force to replace them").format(
                folder=folder, names=", ".join(there)))
        out = Printer(sys.stdout)
        for name in names:
            atomic_write(folder / name, (source / name).read_bytes())
            out.line(_("wrote {path}").format(path=folder / name), "green")
        return Exit.OK

    guard(debug, work)


# --- language ---------------------------------------------------------------------------------

def localized(language: str | None = None, argv: list[str] | None = None) -> typer.core.TyperGroup:
    """The click command of the app, with help texts in the language chosen (detected when None)."""
    set_language(language or detect_language(sys.argv[1:] if argv is None else argv))
    localize_click()
    app.info.help = _(APP_HELP)
    callbacks = [app.registered_callback.callback] if app.registered_callback else []
    for callback in callbacks:
        for param in inspect.signature(callback).parameters.values():
            if isinstance(param.default, typer.models.ParameterInfo) and param.default.help:
                param.default.help = _(msgid(param.default, "help"))
    groups = [app] + [group.typer_instance for group in app.registered_groups]
    for group in groups:
        if group is not app:
            group.info.help = _(msgid(group.info, "help"))
        for command in group.registered_commands:
            command.help = _(msgid(command, "help"))
            for param in inspect.signature(command.callback).parameters.values():
                info = param.default
                if isinstance(info, typer.models.ParameterInfo) and info.help:
                    info.help = _(msgid(info, "help"))
    command = typer.main.get_command(app)
    readable_help(command)
    run = command.main
    command.main = lambda args=None, **kwargs: run(  # --lang may come after the command too
        args=drop_lang(list(sys.argv[1:] if args is None else args)), **kwargs)
    return command


def main(argv: list[str] | None = None) -> None:
    configure_streams()  # Thai output on any stdout/stderr encoding (Windows code pages, pipes)
    args = sys.argv[1:] if argv is None else list(argv)
    localized(argv=args).main(args=args, prog_name="itareport")


if __name__ == "__main__":
    main()
