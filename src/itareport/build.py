"""The pipeline: load -> validate -> view -> render -> atomic write.

The view is what every output format draws: the title block, intro, column
headers and signature lines rendered from Jinja2 templates, and one row of six
cells per activity, with every text already in the digits the report uses.
"""

from __future__ import annotations

import os
import tempfile
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from .errors import DataError, Diagnostic, InputError, ItareportError
from .model import GroupedMeasure, MonthRange, Report, activities_of
from .thai import format_fiscal_year, format_range, thai_numerals, to_arabic_digits
from .validate import validate_file

TEMPLATE_NAMES = ("title.txt.j2", "intro.txt.j2", "columns.txt.j2", "signature.txt.j2")
BASE_DOCX = "base.docx"
BULLET = "-"


@dataclass(frozen=True)
class Para:
    """A paragraph in a cell; a label ('๑.', '-') hangs in front of the text."""

    text: str
    label: str | None = None


@dataclass
class Row:
    cells: tuple[list[Para], ...]


@dataclass
class View:
    title_lines: list[str]
    intro_lines: list[str]
    headers: list[str]
    rows: list[Row]
    signature_lines: list[str]
    doc_title: str
    author: str
    date: datetime
    numerals: str = "thai"
    ita_indicator: str | None = None
    extras: dict = field(default_factory=dict)


def builtin_templates() -> Path:
    """Templates shipped in the wheel, or those of a source checkout."""
    packaged = Path(__file__).parent / "templates"
    if (packaged / BASE_DOCX).is_file():
        return packaged
    return Path(__file__).resolve().parents[2] / "templates"


def _template_env(user_dir: Path | None, autoescape: bool = False):
    """Sandboxed: user templates cannot reach Python; autoescape for HTML templates."""
    import jinja2
    from jinja2.sandbox import SandboxedEnvironment

    loaders = [jinja2.FileSystemLoader(str(builtin_templates()))]
    if user_dir is not None:
        loaders.insert(0, jinja2.FileSystemLoader(str(user_dir)))
    return SandboxedEnvironment(loader=jinja2.ChoiceLoader(loaders), undefined=jinja2.StrictUndefined,
                                autoescape=autoescape, trim_blocks=True, lstrip_blocks=True)


def render_template(name: str, context: dict, templates: Path | None = None, autoescape: bool = False) -> str:
    """One whole template (user's folder first, then the built-in one) as text."""
    return _render_text(_template_env(templates, autoescape), name, context)


def _render_text(env, name: str, context: dict) -> str:
    import jinja2

    template = None
    try:
        template = env.get_template(name)
        return template.render(context)
    except jinja2.TemplateSyntaxError as exc:
        raise ItareportError(f"{exc.filename or name}:{exc.lineno}: template error: {exc.message}") from None
    except jinja2.TemplateNotFound:
        raise ItareportError(f"template {name} not found") from None
    except (jinja2.TemplateError, TypeError, ValueError) as exc:
        where = getattr(template, "filename", None) or name
        raise ItareportError(f"{where}: template error: {exc}") from None


def _render_lines(env, name: str, context: dict) -> list[str]:
    text = _render_text(env, name, context)
    lines = [line.rstrip() for line in text.split("\n")]
    while lines and not lines[0]:
        lines.pop(0)
    while lines and not lines[-1]:
        lines.pop()
    return lines


def build_view(report: Report, templates: Path | None = None) -> View:
    """Everything the renderers need, texts in final form (digits converted)."""
    fmt = thai_numerals if report.numerals == "thai" else to_arabic_digits
    env = _template_env(templates)
    agency = report.agency.model_dump()
    context = {"agency": agency, "fiscal_year": report.fiscal_year, "intro": report.intro,
               "ita_indicator": report.ita_indicator,
               "signers": [s.model_dump() for s in report.signers]}
    title_lines = [fmt(line) for line in _render_lines(env, "title.txt.j2", context)]
    intro_lines = [fmt(line) for line in _render_lines(env, "intro.txt.j2", context) if line]
    headers = [fmt(line) for line in _render_lines(env, "columns.txt.j2", context) if line]
    if len(headers) != 6:
        raise ItareportError(f"columns.txt.j2: expected 6 column headers, one per line, got {len(headers)}")
    signature_lines = [fmt(line) for line in _render_lines(env, "signature.txt.j2", context)] \
        if report.signers else []

    whole_year = fmt(format_fiscal_year(report.fiscal_year))
    rows: list[Row] = []
    for number, measure in enumerate(report.measures, start=1):
        grouped = isinstance(measure, GroupedMeasure)
        for index, activity in enumerate(activities_of(measure)):
            head: list[Para] = []
            if index == 0:
                head.append(Para(fmt(measure.title), fmt(f"{number}.")))
            if grouped:
                head.append(Para(fmt(activity.title), BULLET))
            head += [Para(fmt(text), BULLET) for text in activity.details]
            period = activity.period
            if isinstance(period, MonthRange):
                when = fmt(format_range(period.start, period.end))
            else:
                when = whole_year
            rows.append(Row((
                head,
                [Para(fmt(text), fmt(f"{i}.")) for i, text in enumerate(activity.steps, start=1)],
                [Para(fmt(activity.owner))],
                [Para(when)],
                [Para(fmt(text), BULLET) for text in activity.results],
                [Para(fmt(text), BULLET) for text in activity.outcomes],
            )))
    from .render.docx import fixed_date

    return View(title_lines=title_lines, intro_lines=intro_lines, headers=headers, rows=rows,
                signature_lines=signature_lines,
                doc_title=" ".join(line for line in title_lines[:3] if line),
                author=report.agency.name, date=fixed_date(report.fiscal_year),
                numerals=report.numerals, ita_indicator=report.ita_indicator)


def base_document(templates: Path | None) -> Path:
    if templates is not None and (templates / BASE_DOCX).is_file():
        return templates / BASE_DOCX
    return builtin_templates() / BASE_DOCX


# --- files -----------------------------------------------------------------------

def output_path(source: Path, output: Path | None, suffix: str = ".docx", many: bool = False,
                also: tuple[str, ...] = ()) -> Path:
    """Where an output goes: -o as given, inside -o when it is a folder, else stem+suffix in the cwd.
    -o must end in suffix (or one of also: '.yml' beside '.yaml')."""
    if output is None:
        return Path(source.stem + suffix)
    if output.is_dir() or many:
        return output / (source.stem + suffix)
    if output.suffix.lower() not in (suffix, *also):
        raise InputError(f"{output}: expected an output path ending in {suffix}, got '{output.suffix or output.name}'")
    return output


def _same_file(a: Path, b: Path) -> bool:
    try:
        if a.exists() and b.exists():
            return os.path.samefile(a, b)
    except OSError:
        pass
    try:
        return a.resolve() == b.resolve()
    except (OSError, RuntimeError):  # a symlink loop: reading it will report the problem
        return False


def atomic_write(path: Path, data: bytes) -> None:
    """Write a file completely or not at all: a temporary file in the same folder, then rename."""
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir():
        if folder.exists():
            raise InputError(f"{path}: '{folder}' is a file, not a folder")
        raise InputError(f"{path}: the folder '{folder}' does not exist")
    if path.is_dir():
        raise InputError(f"{path}: is a folder, expected a file name")
    try:
        fd, tmp = tempfile.mkstemp(dir=folder, prefix=f".{path.name}.", suffix=".tmp")
    except OSError as exc:
        raise InputError(f"{path}: cannot write in '{folder}': {exc.strerror or exc}") from None
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        mask = os.umask(0)
        os.umask(mask)
        os.chmod(tmp, 0o666 & ~mask)
        os.replace(tmp, path)
    except OSError as exc:
        _unlink(tmp)
        raise InputError(f"{path}: cannot write: {exc.strerror or exc}") from None
    except BaseException:
        _unlink(tmp)
        raise


def _unlink(name: str) -> None:
    try:
        os.unlink(name)
    except OSError:
        pass


# --- formats ---------------------------------------------------------------------

FORMATS = {"docx": ".docx", "pdf": ".pdf", "html": ".html", "md": ".md"}
POOL_MIN_FILES = 4  # from this many files on, build in a process pool
POOL_WORKERS = 2


def parse_formats(values: list[str] | None) -> list[str]:
    """--format values (repeatable and comma-separated), in the order given; default docx."""
    chosen: list[str] = []
    for value in values or ["docx"]:
        for name in value.split(","):
            name = name.strip().lower().lstrip(".")
            name = "md" if name == "markdown" else name
            if not name:
                continue
            if name not in FORMATS:
                raise InputError(f"--format: expected docx, pdf, html or md, got '{name}'")
            if name not in chosen:
                chosen.append(name)
    if not chosen:
        raise InputError("--format: expected docx, pdf, html or md, got nothing")
    return chosen


def output_paths(source: Path, output: Path | None, formats: list[str], many: bool = False) -> dict[str, Path]:
    """Each format's file: output_path() per format; with several formats, -o NAME gives NAME.docx, NAME.pdf..."""
    if len(formats) == 1 or output is None or output.is_dir() or many:
        return {fmt: output_path(source, output, FORMATS[fmt], many) for fmt in formats}
    suffix = output.suffix.lower()
    if suffix and suffix not in FORMATS.values():
        raise InputError(f"{output}: expected an output name ending in {', '.join(FORMATS.values())} "
                         f"(or no suffix, or a folder), got '{output.suffix}'")
    stem = output.with_suffix("") if suffix else output
    return {fmt: stem.with_name(stem.name + FORMATS[fmt]) for fmt in formats}


def render_docx_bytes(view: View, templates: Path | None = None, reference_doc: Path | None = None) -> bytes:
    """The Word file; with a reference document, on its page setup, styles, header and footer."""
    from .render.docx import STYLE, render_docx

    if reference_doc is None:
        return render_docx(view, base_document(templates))
    from .render.reference import merge_reference

    merged = merge_reference(reference_doc, base_document(templates), list(STYLE.values()))
    return render_docx(view, merged)


def render_formats(view: View, formats: list[str], templates: Path | None = None,
                   reference_doc: Path | None = None, pdf_fingerprint: bool = False) -> tuple[dict, list[str]]:
    """{format: bytes} in memory, and notes (font warnings). pdf_fingerprint: the PDF's source
    fingerprint instead of the PDF (what --check compares; no LibreOffice run)."""
    docx = render_docx_bytes(view, templates, reference_doc) if {"docx", "pdf"} & set(formats) else b""
    rendered: dict[str, bytes] = {}
    notes: list[str] = []
    for fmt in formats:
        if fmt == "docx":
            rendered[fmt] = docx
        elif fmt == "pdf":
            from .render import pdf

            if pdf_fingerprint:
                rendered[fmt] = pdf.fingerprint(docx).encode()
            else:
                rendered[fmt], more = pdf.render_pdf(docx, view.numerals)
                notes += more
        elif fmt == "html":
            from .render.html import render_html

            rendered[fmt] = render_html(view, templates)
        else:
            from .render.markdown import render_markdown

            rendered[fmt] = render_markdown(view)
    return rendered, notes


# --- building files --------------------------------------------------------------

@dataclass
class Built:
    source: Path
    output: Path
    diagnostics: list[Diagnostic]
    outputs: list[Path] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def load_valid_report(source: Path, strict: bool = False):
    """The validated report and its warnings; DataError with every diagnostic otherwise."""
    checked = validate_file(source)
    fatal = [d for d in checked.diagnostics if d.severity == "error" or strict]
    if not checked.ok or fatal:
        raise DataError(checked.diagnostics)
    return checked.report, checked.diagnostics


def _prepare(source: Path, output: Path | None, templates: Path | None, strict: bool, many: bool,
             formats: list[str], reference_doc: Path | None):
    targets = output_paths(source, output, formats, many)
    for target in targets.values():
        if _same_file(source, target):
            raise InputError(f"{target}: the output would overwrite the input data file; choose another -o")
    if templates is not None and not templates.is_dir():
        raise InputError(f"{templates}: the templates folder does not exist")
    if reference_doc is not None and not reference_doc.is_file():
        raise InputError(f"{reference_doc}: reference document not found (expected a Word .docx file)")
    report, warnings = load_valid_report(source, strict)
    return targets, build_view(report, templates), warnings


def build_file(source: Path, output: Path | None = None, templates: Path | None = None,
               strict: bool = False, many: bool = False, formats: list[str] | tuple = ("docx",),
               reference_doc: Path | None = None) -> Built:
    """Validate a data file, render every format in memory, then write each file atomically."""
    source = Path(source)
    formats = list(formats)
    targets, view, warnings = _prepare(source, output, templates, strict, many, formats, reference_doc)
    rendered, notes = render_formats(view, formats, templates, reference_doc)
    for fmt in formats:
        atomic_write(targets[fmt], rendered[fmt])
    outputs = [targets[fmt] for fmt in formats]
    return Built(source, outputs[0], warnings, outputs, notes)


STALE, MISSING, CURRENT = "stale", "missing", "current"


def check_file(source: Path, output: Path | None = None, templates: Path | None = None,
               strict: bool = False, many: bool = False, formats: list[str] | tuple = ("docx",),
               reference_doc: Path | None = None) -> tuple[list[tuple[Path, str]], list[Diagnostic]]:
    """Each output file with 'current', 'stale' or 'missing'; writes nothing.

    docx, html and md are compared byte for byte (their bytes depend only on the input).
    LibreOffice's PDF bytes are not reproducible (dates, ids), so a PDF is current when the
    fingerprint in its Keywords matches the .docx it would be made from now.
    """
    source = Path(source)
    formats = list(formats)
    targets, view, warnings = _prepare(source, output, templates, strict, many, formats, reference_doc)
    rendered, _ = render_formats(view, formats, templates, reference_doc, pdf_fingerprint=True)
    states = []
    for fmt in formats:
        target = targets[fmt]
        try:
            existing = target.read_bytes()
        except FileNotFoundError:
            states.append((target, MISSING))
            continue
        except OSError as exc:
            raise InputError(f"{target}: cannot read: {exc.strerror or exc}") from None
        if fmt == "pdf":
            from .render.pdf import read_fingerprint

            same = read_fingerprint(existing) == rendered[fmt].decode()
        else:
            same = existing == rendered[fmt]
        states.append((target, CURRENT if same else STALE))
    return states, warnings


# --- many files --------------------------------------------------------------------

def expand_sources(paths: list[Path]) -> list[Path]:
    """Data files: files as given, folders as their *.yaml and *.yml files (sorted)."""
    sources: list[Path] = []
    for path in paths:
        path = Path(path)
        if path.is_dir():
            found = sorted(p for p in path.iterdir() if p.suffix.lower() in (".yaml", ".yml") and p.is_file())
            if not found:
                raise InputError(f"{path}: no .yaml data files in this folder")
            sources += found
        else:
            sources.append(path)
    return list(dict.fromkeys(sources))


@dataclass
class Outcome:
    """What happened to one data file in a batch (plain data, so it crosses process boundaries)."""

    source: Path
    outputs: list[Path] = field(default_factory=list)
    warnings: list[Diagnostic] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    states: list[tuple[Path, str]] = field(default_factory=list)
    error: str | None = None
    error_diagnostics: list[Diagnostic] = field(default_factory=list)
    exit_code: int = 0


def run_one(source: Path, check: bool = False, **options) -> Outcome:
    """Build (or check) one file; a user-facing error becomes part of the outcome."""
    try:
        if check:
            states, warnings = check_file(source, **options)
            bad = any(state != CURRENT for _, state in states)
            return Outcome(source, [p for p, _ in states], warnings, states=states, exit_code=1 if bad else 0)
        built = build_file(source, **options)
        return Outcome(source, built.outputs, built.diagnostics, built.notes)
    except ItareportError as exc:
        diagnostics = list(getattr(exc, "diagnostics", None) or [])
        return Outcome(source, error=None if diagnostics else str(exc), error_diagnostics=diagnostics,
                       exit_code=exc.exit_code)


def run_all(sources: list[Path], check: bool = False, **options):
    """Outcomes as files finish; a process pool of two when there are many files."""
    if len(sources) < POOL_MIN_FILES:
        for source in sources:
            yield run_one(source, check, **options)
        return
    from concurrent.futures import ProcessPoolExecutor, as_completed

    with ProcessPoolExecutor(max_workers=POOL_WORKERS) as pool:
        futures = [pool.submit(run_one, source, check, **options) for source in sources]
        try:
            for future in as_completed(futures):
                yield future.result()
        except BaseException:
            for future in futures:
                future.cancel()
            raise
