"""The format-neutral view of a report: what every renderer draws.

The title block, intro, column headers and signature lines come from Jinja2 text
templates (sandboxed: user templates cannot reach Python, user text is data, never
template source); the table is one row of cells per activity, every text already
in the digits the report uses. Renderers import this module; it imports none of them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

import jinja2
from jinja2.sandbox import SandboxedEnvironment

from .errors import ItareportError
from .i18n import _
from .kinds import DEFAULT_KIND, Results, results_section, table_columns, table_rows, template_name
from .model import Report
from .thai import (
    BE_OFFSET,
    BLANK_DATE_LINE,
    format_day,
    format_fiscal_year,
    no_break_spaces,
    thai_numerals,
    to_arabic_digits,
)

BASE_DOCX = "base.docx"


@dataclass(frozen=True)
class Para:
    """A paragraph in a cell; a label ('๑.', '-') hangs in front of the text."""

    text: str
    label: str | None = None


@dataclass
class Row:
    cells: tuple[list[Para], ...]
    total: bool = False  # the total row under the table


@dataclass
class View:
    title_lines: list[str]
    intro_lines: list[str]
    headers: list[str]
    rows: list[Row]
    signers: list[list[str]]    # each signer's lines: role, (ลงชื่อ) ..., (name), position lines, date
    doc_title: str
    author: str
    date: datetime
    numerals: str = "thai"
    ita_indicator: str | None = None
    indicator_line: str | None = None  # printed at the top right of page 1 (show_indicator: true)
    shares: list[float] = field(default_factory=list)  # column widths, shares of 1
    results: Results | None = None  # the ITA results section before the table

    @property
    def signature_lines(self) -> list[str]:
        """Every signer's lines, a blank line between signers."""
        lines: list[str] = []
        for block in self.signers:
            lines += ([""] if lines else []) + block
        return lines


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


def render_template(name: str, context: dict, templates: Path | None = None, autoescape: bool = False,
                    filters: dict | None = None) -> str:
    """One whole template (user's folder first, then the built-in one) as text."""
    env = template_env(templates, autoescape)
    env.filters.update(filters or {})
    return _render_text(env, name, context)


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


def _date_line(value: str | None) -> str | None:
    """The signature's date line: None, a line to fill by hand, or the data's date in Thai."""
    if value is None:
        return None
    if value == "blank":
        return BLANK_DATE_LINE
    year, month, day = (int(part) for part in value.split("-"))
    return format_day(year, month, day)


# --- the view ----------------------------------------------------------------------------

def build_view(report: Report, templates: Path | None = None) -> View:
    """Everything the renderers need, texts in final form (digits converted)."""
    digits = thai_numerals if report.numerals == "thai" else to_arabic_digits

    def fmt(text: str) -> str:
        return no_break_spaces(digits(text))

    env = template_env(templates)
    agency = report.agency.model_dump()
    context = {"agency": agency, "fiscal_year": report.fiscal_year, "intro": report.intro,
               "ita_indicator": report.ita_indicator, "show_indicator": report.show_indicator,
               "kind": report.kind, "round": report.round,
               "signers": [s.model_dump() for s in report.signers], "date_line": _date_line(report.date)}
    title_lines = [fmt(line) for line in _render_lines(env, template_name("title", report.kind), context)]
    intro_lines = [fmt(line) for line in _render_lines(env, template_name("intro", report.kind), context) if line]
    report_headers = None
    if report.columns is None and report.kind == DEFAULT_KIND:
        report_headers = [line for line in _render_lines(env, "columns.txt.j2", context) if line]
        if len(report_headers) != 6:
            raise ItareportError(_("columns.txt.j2: expected 6 column headers, one per line, got {count}").format(
                count=len(report_headers)))
    signers = [[fmt(line) for line in _render_lines(env, "signature.txt.j2", {**context, "signer": signer})]
               for signer in context["signers"]]
    indicator = fmt(report.ita_indicator) if report.show_indicator and report.ita_indicator else None
    cols = table_columns(report, report_headers)
    rows = table_rows(report, cols, fmt, fmt(format_fiscal_year(report.fiscal_year)), Para, Row)
    return View(title_lines=title_lines, intro_lines=intro_lines, headers=[fmt(c.header) for c in cols], rows=rows,
                signers=signers, indicator_line=indicator, shares=[c.share for c in cols],
                results=results_section(report, fmt, Para, Row),
                doc_title=" ".join(line for line in title_lines[:3] if line),
                author=report.agency.name, date=fixed_date(report.fiscal_year),
                numerals=report.numerals, ita_indicator=report.ita_indicator)
