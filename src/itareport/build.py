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


def _template_env(user_dir: Path | None):
    import jinja2
    from jinja2.sandbox import SandboxedEnvironment

    loaders = [jinja2.FileSystemLoader(str(builtin_templates()))]
    if user_dir is not None:
        loaders.insert(0, jinja2.FileSystemLoader(str(user_dir)))
    return SandboxedEnvironment(loader=jinja2.ChoiceLoader(loaders), undefined=jinja2.StrictUndefined,
                                autoescape=False, trim_blocks=True, lstrip_blocks=True)


def _render_lines(env, name: str, context: dict) -> list[str]:
    import jinja2

    try:
        template = env.get_template(name)
        text = template.render(context)
    except jinja2.TemplateSyntaxError as exc:
        raise ItareportError(f"{exc.filename or name}:{exc.lineno}: template error: {exc.message}") from None
    except jinja2.TemplateNotFound:
        raise ItareportError(f"template {name} not found") from None
    except (jinja2.TemplateError, TypeError, ValueError) as exc:
        where = getattr(template, "filename", None) or name
        raise ItareportError(f"{where}: template error: {exc}") from None
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

def output_path(source: Path, output: Path | None, suffix: str = ".docx", many: bool = False) -> Path:
    """Where a report goes: -o as given, inside -o when it is a folder, else stem+suffix in the cwd."""
    if output is None:
        return Path(source.stem + suffix)
    if output.is_dir() or many:
        return output / (source.stem + suffix)
    if output.suffix.lower() != suffix:
        raise InputError(f"{output}: expected an output path ending in {suffix}, got '{output.suffix or output.name}'")
    return output


def _same_file(a: Path, b: Path) -> bool:
    try:
        if a.exists() and b.exists():
            return os.path.samefile(a, b)
    except OSError:
        pass
    return a.resolve() == b.resolve()


def atomic_write(path: Path, data: bytes) -> None:
    """Write a file completely or not at all: a temporary file in the same folder, then rename."""
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir():
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


@dataclass
class Built:
    source: Path
    output: Path
    diagnostics: list[Diagnostic]


def load_valid_report(source: Path, strict: bool = False):
    """The validated report and its warnings; DataError with every diagnostic otherwise."""
    checked = validate_file(source)
    fatal = [d for d in checked.diagnostics if d.severity == "error" or strict]
    if not checked.ok or fatal:
        raise DataError(checked.diagnostics)
    return checked.report, checked.diagnostics


def build_file(source: Path, output: Path | None = None, templates: Path | None = None,
               strict: bool = False, many: bool = False) -> Built:
    """Validate a data file and write its Word report atomically."""
    source = Path(source)
    target = output_path(source, output, ".docx", many)
    if _same_file(source, target):
        raise InputError(f"{target}: the output would overwrite the input data file; choose another -o")
    if templates is not None and not templates.is_dir():
        raise InputError(f"{templates}: the templates folder does not exist")
    report, warnings = load_valid_report(source, strict)
    from .render.docx import render_docx

    data = render_docx(build_view(report, templates), base_document(templates))
    atomic_write(target, data)
    return Built(source, target, warnings)
