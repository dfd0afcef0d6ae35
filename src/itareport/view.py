"""The format-neutral view of a report: what every renderer draws.

The title block, intro, column headers and signature lines come from Jinja2 text
templates (sandboxed: user templates cannot reach Python, user text is data, never
template source); the table is one row of cells per activity, every text already
in the digits the report uses. Renderers import this module; it imports none of them.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import jinja2
from jinja2.sandbox import SandboxedEnvironment

from .errors import ItareportError
from .i18n import _
from .model import GroupedMeasure, MonthRange, Report, activities_of
from .thai import BE_OFFSET, format_fiscal_year, format_range, thai_numerals, to_arabic_digits

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


def fixed_date(fiscal_year_be: int) -> datetime:
    """A reproducible document date: the last day of the fiscal year (UTC, naive)."""
    return datetime(fiscal_year_be - BE_OFFSET, 9, 30)


# --- templates ----------------------------------------------------------------------

def builtin_templates() -> Path:
    """Templates shipped in the wheel, or those of a source checkout."""
    packaged = Path(__file__).parent / "templates"
    if (packaged / BASE_DOCX).is_file():
        return packaged
    return Path(__file__).resolve().parents[2] / "templates"


def base_document(templates: Path | None) -> Path:
    """The user's base.docx when their templates folder has one, else the built-in one."""
    if templates is not None and (templates / BASE_DOCX).is_file():
        return templates / BASE_DOCX
    return builtin_templates() / BASE_DOCX


def template_env(user_dir: Path | None, autoescape: bool = False) -> SandboxedEnvironment:
    """Sandboxed; the user's folder first, then the built-in one; autoescape for HTML templates."""
    loaders = [jinja2.FileSystemLoader(str(builtin_templates()))]
    if user_dir is not None:
        loaders.insert(0, jinja2.FileSystemLoader(str(user_dir)))
    return SandboxedEnvironment(loader=jinja2.ChoiceLoader(loaders), undefined=jinja2.StrictUndefined,
                                autoescape=autoescape, trim_blocks=True, lstrip_blocks=True)


def render_template(name: str, context: dict, templates: Path | None = None, autoescape: bool = False) -> str:
    """One whole template (user's folder first, then the built-in one) as text."""
    return _render_text(template_env(templates, autoescape), name, context)


def _render_text(env, name: str, context: dict) -> str:
    template = None
    try:
        template = env.get_template(name)
        return template.render(context)
    except jinja2.TemplateSyntaxError as exc:
        raise ItareportError(_("{where}: template error: {error}").format(
            where=f"{exc.filename or name}:{exc.lineno}", error=exc.message)) from None
    except jinja2.TemplateNotFound:
        raise ItareportError(_("template {name} not found").format(name=name)) from None
    except (jinja2.TemplateError, TypeError, ValueError) as exc:
        where = getattr(template, "filename", None) or name
        line = _template_line(exc.__traceback__, where)
        raise ItareportError(_("{where}: template error: {error}").format(
            where=f"{where}:{line}" if line else where, error=exc)) from None


def _template_line(tb, filename: str) -> int | None:
    """The template's line where rendering failed: Jinja2 puts the template's frames in the traceback."""
    line = None
    while tb is not None:
        if tb.tb_frame.f_code.co_filename == filename:
            line = tb.tb_lineno
        tb = tb.tb_next
    return line


def _render_lines(env, name: str, context: dict) -> list[str]:
    text = _render_text(env, name, context)
    lines = [line.rstrip() for line in text.split("\n")]
    while lines and not lines[0]:
        lines.pop(0)
    while lines and not lines[-1]:
        lines.pop()
    return lines


# --- the view ----------------------------------------------------------------------------

def build_view(report: Report, templates: Path | None = None) -> View:
    """Everything the renderers need, texts in final form (digits converted)."""
    fmt = thai_numerals if report.numerals == "thai" else to_arabic_digits
    env = template_env(templates)
    agency = report.agency.model_dump()
    context = {"agency": agency, "fiscal_year": report.fiscal_year, "intro": report.intro,
               "ita_indicator": report.ita_indicator,
               "signers": [s.model_dump() for s in report.signers]}
    title_lines = [fmt(line) for line in _render_lines(env, "title.txt.j2", context)]
    intro_lines = [fmt(line) for line in _render_lines(env, "intro.txt.j2", context) if line]
    headers = [fmt(line) for line in _render_lines(env, "columns.txt.j2", context) if line]
    if len(headers) != 6:
        raise ItareportError(_("columns.txt.j2: expected 6 column headers, one per line, got {count}").format(
            count=len(headers)))
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
    return View(title_lines=title_lines, intro_lines=intro_lines, headers=headers, rows=rows,
                signature_lines=signature_lines,
                doc_title=" ".join(line for line in title_lines[:3] if line),
                author=report.agency.name, date=fixed_date(report.fiscal_year),
                numerals=report.numerals, ita_indicator=report.ita_indicator)
