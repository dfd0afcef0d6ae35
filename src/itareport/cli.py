"""The command line: Typer's declarations, the app built by a factory for a language, the error boundary.

Each callback parses its raw options with options.py and calls its command in commands/ (a function
returning the exit code); `run` is the one error boundary (ItareportError -> message + exit code, a
closed pipe -> quiet, Ctrl+C -> 130, anything else -> "internal error", exit 3).

Language: main() picks it (i18n.detect_language: --lang anywhere in the arguments, ITAREPORT_LANG,
the locale) and builds the app with make_app(language). Help texts stay English msgids (N_) in the
app; helptext.HelpGroup/HelpCommand translate them when help is written, and write Click's usage
errors in the user's language (no patching of Typer or Click: see helptext.py).

Lazy imports, kept on purpose for start-up time (the only ones; everywhere else a module's imports
are at its top): each callback imports its commands/ module (so `--help` loads none, and `validate`
neither Jinja2, lxml, python-docx, PyThaiNLP nor the renderers); commands/validate.py imports lint
(PyThaiNLP) only for --lint; build.py imports render/reference.py (python-docx) only for
--reference-doc and render/xlsx.py (openpyxl) only for -f xlsx; provenance.py imports render/pdf_source.py
(pypdf) only for a PDF (one made, or one read that carries our keywords);
console.py and batchlog.py import rich only for a terminal; __main__.py imports this module once the stop
signals are held (stopping.hold_stop_signals: a Ctrl+C during the imports is noted, not a traceback).

Adding a command: write commands/NAME.py (a function of typed values returning an exit code), a
callback here that parses the options (options.py) and calls it inside `run`, and a line in COMMANDS.
"""

from __future__ import annotations

import gc
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import typer
import typer.main

from . import __version__
from .console import Printer, allow_color, error_line, silence
from .errors import Exit, InputError, ItareportError
from .helptext import HelpCommand, HelpGroup, global_options
from .i18n import LANGUAGES, N_, detect_language, known_language, lang_argument, set_language, translation
from .messages import M_
from .options import choice_option, number_option, output_option, parse_formats, parse_jobs
from .output import FORMATS
from .stopping import catch_stop_signals, release_stop_signals
from .streams import configure_streams

APP_HELP = N_("Build the Thai ITA report on integrity and transparency measures (รายงานผลการดำเนินการตาม"
              "มาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน) from a YAML data file.\n\n"
              "Examples:\n\n"
              "  itareport validate data/measures_2569.yaml\n\n"
              "  itareport build data/measures_2569.yaml -o รายงาน/ -f docx,pdf\n\n"
              "  itareport init --agency \"เทศบาลตำบลโคกสูง\" --year ๒๕๖๙")
TEMPLATES_HELP = N_("The built-in templates: copy them to a folder to edit.")


# --- the error boundary --------------------------------------------------------------------------

def run(debug: bool, work: Callable[[], int], stops: bool = False) -> int:
    """Run a command; turn every failure into a message and an exit code. stops: the command handles the stop
    signals itself (build: catch_stop_signals); any other gets the usual ones (and one noted at start-up)."""
    err = Printer(sys.stderr)
    if not gc.isenabled():  # paused by __main__ for start-up, whose objects live as long as the process:
        gc.freeze()         # no collection walks them again, nor the last one at exit
        gc.enable()
    try:
        if not stops:
            release_stop_signals()
        return int(work())
    except ItareportError as exc:
        for d in exc.diagnostics:
            err.diagnostic(d)
        if not exc.diagnostics:
            err.line(error_line(str(exc)), "bold red")
        return int(exc.exit_code)
    except BrokenPipeError:  # the reader went away: nothing more to say to it
        silence(sys.stdout)
        return Exit.OK
    except KeyboardInterrupt:
        err.line(M_("itareport: interrupted"))
        return 130
    except Exception as exc:  # a bug: say so, without a traceback unless asked
        if debug:
            raise
        err.line(M_("itareport: internal error: {kind}: {error} (run again with --debug for details)",
                    kind=type(exc).__name__, error=str(exc)))
        return Exit.INTERNAL


class App(HelpGroup):
    """The root: reads --lang and --no-color wherever they are written, then runs the command."""

    def main(self, args: Sequence[str] | None = None, prog_name: str | None = None,  # type: ignore[override]
             complete_var: str | None = None, standalone_mode: bool = True, **extra: Any) -> Any:
        argv = list(sys.argv[1:] if args is None else args)
        warn_unknown_language(lang_argument(argv))
        rest, no_color = global_options(argv)
        allow_color(not no_color)
        return super().main(rest, prog_name or "itareport", complete_var, standalone_mode, **extra)


def warn_unknown_language(value: str | None) -> None:
    """--lang with neither th nor en: a warning in both languages (the language then comes from
    ITAREPORT_LANG or the system, as without --lang)."""
    if value is None or known_language(value):
        return
    message = N_("itareport: warning: --lang {value}: unknown language; expected th (Thai) or en (English)")
    for language in LANGUAGES:
        print(translation(language).gettext(message).format(value=value), file=sys.stderr)


# --- the options every command shares --------------------------------------------------------------

DEBUG = typer.Option(False, "--debug", help=N_("Show the full traceback when itareport itself fails "
                                               "(an internal error), to report it."))
STRICT = typer.Option(False, "--strict", help=N_("Treat warnings as errors."))
FORCE = typer.Option(False, "--force", help=N_("Replace the output file when it already exists."))
OUTPUT_FORMAT = typer.Option("text", "--format", metavar="FORMAT",
                             help=N_("text; json for machines; github for annotations on a pull request "
                                     "(GitHub Actions); sarif (SARIF 2.1.0) for code scanning."))
DATA_FILES_HELP = N_("Data files, or folders of them, to check (default: every data/*.yaml, else the data "
                     "files in the current folder).")


def _version(value: bool) -> None:
    if value:
        Printer(sys.stdout).line(f"itareport {__version__}")
        raise typer.Exit(Exit.OK)


def _root(
    lang: str | None = typer.Option(None, "--lang", metavar="th|en",
                                    help=N_("Language of messages and help: th (Thai) or en (English); "
                                            "default: ITAREPORT_LANG, else the system's language.")),
    no_color: bool = typer.Option(False, "--no-color", help=N_("No colours or other terminal escape codes "
                                                               "(as the NO_COLOR environment variable).")),
    version: bool = typer.Option(False, "--version", callback=_version, is_eager=True,
                                 help=N_("Show the version and exit.")),
) -> None:
    """The options before the command (--lang and --no-color are read before parsing, see App.main)."""


# --- the commands ----------------------------------------------------------------------------------

VALIDATE_HELP = N_("Check data files and print every problem as FILE:LINE:COL: error|warning: PATH: "
                   "message [CODE].\n\nExample: itareport validate data/measures_2569.yaml")


def validate(
    files: list[Path] | None = typer.Argument(None, metavar="FILE", help=DATA_FILES_HELP, show_default=False),
    strict: bool = STRICT,
    output_format: str = OUTPUT_FORMAT,
    lint: bool = typer.Option(False, "--lint", help=N_("Also report Thai typos and copy-paste damage as warnings, "
                                                       "like `itareport lint` (needs the thai extra: "
                                                       "pip install \".[thai]\").")),
    debug: bool = DEBUG,
) -> int:
    def work() -> int:
        from .commands.validate import validate

        return validate(list(files or []), strict, choice_option("--format", output_format, FORMATS), lint)

    return run(debug, work)


BUILD_HELP = N_("Validate, then write the report (Word, PDF, web page or Markdown) for each data file.\n\n"
                "Examples: itareport build (every data/*.yaml) · itareport build data/measures_2569.yaml "
                "-o รายงาน/ -f docx,pdf")


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
        help=N_("docx (default), pdf, html, md or xlsx; repeat the option or separate with commas "
                "(--format docx,pdf).")),
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
    check_format: str | None = typer.Option(
        None, "--check-format", metavar="FORMAT",
        help=N_("How --check reports: text (default), json, github (annotations on a pull request) or sarif.")),
    keep_folders: bool = typer.Option(
        False, "--keep-folders",
        help=N_("Write each report under -o in its data file's folder, as that folder is below the current "
                "folder (a/measures_2568.yaml -> reports/a/measures_2568.docx; without -o: beside the data file), "
                "so data files of the same name in different folders get reports of their own.")),
    summary: str = typer.Option(
        "text", "--summary", metavar="FORMAT",
        help=N_("The batch's summary: text (default), or json: one JSON document on stdout with every data "
                "file and every output file's state (written, current, stale, missing, orphan, failed), the "
                "other lines on stderr.")),
    strict: bool = STRICT,
    debug: bool = DEBUG,
) -> int:
    def work() -> int:
        # from here on a stop signal is noted, not fatal: one during the imports and the planning below
        # stops the batch before its first file (with its summary line and exit code)
        with catch_stop_signals(str(M_("itareport: stopped at once (a second signal)"))) as stop:
            from .commands.build import build

            chosen, workers = parse_formats(formats), parse_jobs(jobs)
            target, folder = output_option(output)
            if check_format is not None and not check:
                raise InputError(M_("--check-format {value}: only with --check (add --check)", value=check_format))
            how = choice_option("--check-format", check_format or "text", FORMATS)
            return build(list(files or []), target, folder, chosen, check, reference_doc, templates, workers,
                         strict, how, keep_folders, choice_option("--summary", summary, ("text", "json")), stop)

    return run(debug, work, stops=True)


EDIT_HELP = N_("Edit the report in the browser: a form beside a live preview of the page as it will print; "
               "problems shown at their fields as you type; saving changes only what you changed.\n\n"
               "Example: itareport edit data/measures_2569.yaml")


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
) -> int:
    def work() -> int:
        from .commands.edit import edit

        return edit(file, port=number_option("--port", port) or 0, host=host, allow_remote=allow_remote,
                    open_browser=not no_browser, lint=lint, templates=templates, reference_doc=reference_doc)

    return run(debug, work)


LINT_HELP = N_("Find Thai typos and copy-paste damage in the texts: FILE:LINE:COL, the fragment, a "
               "suggestion.\n\nNeeds the optional PyThaiNLP extra: pip install \".[thai]\". The agency's own "
               "words go in <data file stem>.words.txt (or words.txt) beside the data file, one per line. "
               "Exit 1 when something is found.")


def lint(
    files: list[Path] | None = typer.Argument(None, metavar="FILE", help=DATA_FILES_HELP, show_default=False),
    output_format: str = OUTPUT_FORMAT,
    debug: bool = DEBUG,
) -> int:
    def work() -> int:
        from .commands.lint import lint

        return lint(list(files or []), choice_option("--format", output_format, FORMATS))

    return run(debug, work)


IMPORT_HELP = N_("Read the measures table of a report (Word, PDF, Excel, CSV or tab-separated text) "
                 "into a new data file, or, with --update, bring the changes made in a report itareport "
                 "built back into its data file.\n\nWhat cannot be understood is kept as a comment marked "
                 "'ต้นฉบับ' and "
                 "reported as a warning.\n\nExample: itareport import รายงาน_2568.docx -o data/\n\n"
                 "Example: itareport import รายงาน_2568.docx --dry-run --update data/2568.yaml")


def import_report(
    report: Path = typer.Argument(..., metavar="REPORT", show_default=False,
                                  help=N_("The report: Word (.docx), PDF, Excel (.xlsx), .csv or tab-separated "
                                          "text (.txt).")),
    output: str | None = typer.Option(
        None, "-o", "--output", metavar="FILE|FOLDER/",
        help=N_("The data file to write (default: the report's name with .yaml, in the current folder); "
                "a folder when it ends in /; '-' prints it.")),
    update: Path | None = typer.Option(
        None, "--update", metavar="DATAFILE",
        help=N_("Bring the changes made in a report itareport built (.docx or .xlsx, edited in Word or Excel) "
                "into this data file: only the lines that changed change, and a value changed both in the "
                "data file and in the report is listed as a conflict and nothing is written.")),
    dry_run: bool = typer.Option(False, "--dry-run", help=N_("With --update: print the changes as a diff of the "
                                                             "data file and write nothing.")),
    theirs: bool = typer.Option(False, "--theirs", help=N_("With --update: where the data file and the report "
                                                           "both changed a value, take the report's.")),
    allow_delete: bool = typer.Option(False, "--allow-delete", help=N_("With --update: remove the measures, "
                                                                       "activities and signers deleted in the "
                                                                       "report (otherwise they stay, with a "
                                                                       "warning).")),
    force: bool = FORCE,
    debug: bool = DEBUG,
) -> int:
    def work() -> int:
        from .commands.import_report import import_report, update_report

        if update is not None:
            if output is not None:
                raise InputError(M_("--update writes into DATAFILE; leave out -o"))
            return update_report(report, update, dry_run, theirs, allow_delete)
        for flag, given in (("--dry-run", dry_run), ("--theirs", theirs), ("--allow-delete", allow_delete)):
            if given:
                raise InputError(M_("{option} goes with --update DATAFILE", option=flag))
        to_stdout = output == "-"
        target, folder = output_option(None if to_stdout else output)
        return import_report(report, target, folder, to_stdout, force)

    return run(debug, work)


INIT_HELP = N_("Write a starter data file, with Thai comments on what to fill in.\n\n"
               "Example: itareport init --agency \"เทศบาลตำบลโคกสูง\" --year ๒๕๖๙")


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
) -> int:
    def work() -> int:
        from .commands.init import init
        from .kinds import STARTERS

        chosen_kind = choice_option("--kind", kind, list(STARTERS))
        target, folder = output_option(output)
        return init(agency, number_option("--year", year), target, folder, chosen_kind, force)

    return run(debug, work)


NEW_YEAR_HELP = N_("Start next year's data file: same measures, steps and owners, periods moved on, "
                   "results emptied.\n\nThe old file is not changed. validate warns about the empty "
                   "results and outcomes until they are filled.\n\n"
                   "Example: itareport new-year data/measures_2568.yaml --to ๒๕๖๙\n\n"
                   "To take over another agency's file: itareport new-year other.yaml --to 2569 --agency "
                   "\"เทศบาลตำบลหนองแก\" -o data/ (its name is replaced in every text; its signers and web "
                   "addresses are left under review: to fill in).")


def new_year(
    file: Path = typer.Argument(..., metavar="FILE", help=N_("This year's data file."), show_default=False),
    to: str = typer.Option(..., "--to", metavar="YEAR", show_default=False,
                           help=N_("The new fiscal year in B.E., e.g. 2569 or ๒๕๖๙.")),
    output: str | None = typer.Option(
        None, "-o", "--output", metavar="FILE|FOLDER/",
        help=N_("The new file, or a folder ending in / (default: the file's name with the new year, next to it).")),
    agency: str | None = typer.Option(None, "--agency", metavar="NAME", show_default=False,
                                      help=N_("Take over another agency's file: this agency's full name.")),
    district: str | None = typer.Option(None, "--district", metavar="NAME", show_default=False,
                                        help=N_("With --agency: its district (without 'อำเภอ').")),
    province: str | None = typer.Option(None, "--province", metavar="NAME", show_default=False,
                                        help=N_("With --agency: its province (without 'จังหวัด').")),
    force: bool = FORCE,
    debug: bool = DEBUG,
) -> int:
    def work() -> int:
        from .commands.new_year import new_year

        to_year = number_option("--to", to)
        assert to_year is not None  # --to is required
        target, folder = output_option(output)
        return new_year(file, to_year, target, folder, force, agency, district, province)

    return run(debug, work)


SCHEMA_HELP = N_("Print the JSON Schema of the data file (for editors: completion and checks while typing).")


def schema(
    output: str | None = typer.Option(
        None, "-o", "--output", metavar="FILE",
        help=N_("Write it to this file (e.g. schema/itareport.schema.json; the folder is created) instead of "
                "printing it.")),
    debug: bool = DEBUG,
) -> int:
    def work() -> int:
        from .commands.schema import schema

        target, folder = output_option(output)
        return schema(target, folder)

    return run(debug, work)


TEMPLATES_EXPORT_HELP = N_("Copy the built-in templates (base.docx, *.txt.j2, report.html.j2) into "
                           "FOLDER to edit; then build with --templates FOLDER.\n\n"
                           "Example: itareport templates export แม่แบบ/")


def templates_export(
    folder: Path = typer.Argument(..., metavar="FOLDER", show_default=False,
                                  help=N_("Where to write them (created when missing).")),
    force: bool = typer.Option(False, "--force", help=N_("Replace templates already in the folder.")),
    debug: bool = DEBUG,
) -> int:
    def work() -> int:
        from .commands.templates import export

        return export(folder, force)

    return run(debug, work)


# name, callback, help (an English msgid, translated when help is written)
COMMANDS: tuple[tuple[str, Callable[..., int], str], ...] = (
    ("validate", validate, VALIDATE_HELP),
    ("build", build, BUILD_HELP),
    ("edit", edit, EDIT_HELP),
    ("lint", lint, LINT_HELP),
    ("import", import_report, IMPORT_HELP),
    ("init", init, INIT_HELP),
    ("new-year", new_year, NEW_YEAR_HELP),
    ("schema", schema, SCHEMA_HELP),
)
TEMPLATES_COMMANDS: tuple[tuple[str, Callable[..., int], str], ...] = (
    ("export", templates_export, TEMPLATES_EXPORT_HELP),
)


# --- the app -----------------------------------------------------------------------------------------

def make_app(language: str) -> typer.Typer:
    """A new Typer app with messages and help in `language` ('th' or 'en')."""
    set_language(language)
    settings: dict[str, Any] = dict(add_completion=False, pretty_exceptions_enable=False, rich_markup_mode=None)
    app = typer.Typer(name="itareport", help=APP_HELP, cls=App, no_args_is_help=True, suggest_commands=False,
                      **settings)
    app.callback()(_root)
    for name, callback, help_text in COMMANDS:
        app.command(name, help=help_text, cls=HelpCommand)(callback)
    templates = typer.Typer(help=TEMPLATES_HELP, cls=HelpGroup, no_args_is_help=True, suggest_commands=False,
                            **settings)
    for name, callback, help_text in TEMPLATES_COMMANDS:
        templates.command(name, help=help_text, cls=HelpCommand)(callback)
    app.add_typer(templates, name="templates")
    return app


def make_command(language: str) -> App:
    """The app's Click command (typer.main.get_command), ready to run: .main(args)."""
    command = typer.main.get_command(make_app(language))
    assert isinstance(command, App)
    return command


def main(argv: list[str] | None = None) -> None:
    configure_streams()  # Thai output on any stdout/stderr encoding (Windows code pages, pipes)
    # pydantic looks for plugins among every installed distribution's entry points the first time a model
    # is built (start-up time); itareport uses none. Documented switch; a value the user set is kept.
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
    args = list(sys.argv[1:] if argv is None else argv)
    make_command(detect_language(args)).main(args=args, prog_name="itareport")


if __name__ == "__main__":
    main()
