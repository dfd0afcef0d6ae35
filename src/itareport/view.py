"""The format-neutral view of a report: what every renderer draws.

The title block, intro, the measures-report's column headers and the signature lines come from
Jinja2 text templates (sandboxed: user templates cannot reach Python, user text is data, never
template source; a template's error is explained with its file and line). The built-in templates
print the kind's standard wording from the registry (kinds.py). The table is one row of cells per
activity, then a total row when a column asks for one; every text is already in the digits the
report uses. Renderers import this module; it imports none of them.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import datetime
from pathlib import Path
from types import TracebackType
from typing import Any

import jinja2
from jinja2.exceptions import SecurityError
from jinja2.sandbox import SandboxedEnvironment

from .cells import (
    PASS_SCORE,
    format_money,
    format_number,
    format_score,
    grade,
    is_empty,
    items,
    parse_number,
    status_word,
    total_of,
)
from .errors import ItareportError
from .i18n import N_
from .kinds import NUMERIC_TYPES, Col, kind_of, standard_wording
from .messages import M_, Message
from .model import GroupedMeasure, MonthRange, Report, activities_of
from .provenance import Provenance
from .table import period_value, table_columns, table_rows, value_of
from .thai import (
    BE_OFFSET,
    BLANK_DATE_LINE,
    format_day,
    format_fiscal_year,
    format_range,
    no_break_spaces,
    thai_numerals,
    to_arabic_digits,
)

BASE_DOCX = "base.docx"
BULLET = "-"
TOTAL_LABEL = "รวม"

Fmt = Callable[[str], str]


@dataclass(frozen=True)
class Para:
    """A paragraph in a cell; a label ('๑.', '-') hangs in front of the text."""

    text: str
    label: str | None = None


@dataclass
class Row:
    cells: tuple[list[Para], ...]
    total: bool = False  # the total row under the table


class _Columns:
    """A table's headers and shares, read from its columns."""

    columns: list[Col]

    @property
    def headers(self) -> list[str]:
        return [c.header for c in self.columns]

    @property
    def shares(self) -> list[float]:
        """Column widths, shares of 1."""
        return [c.share for c in self.columns]


@dataclass
class Results(_Columns):
    """The ITA results section: heading and score lines, the indicators' table, the two lists."""

    lines: list[str]
    fiscal_year: int = 0   # the year assessed
    score: str = ""        # the overall score as printed (the report's digits)
    columns: list[Col] = field(default_factory=list)
    rows: list[Row] = field(default_factory=list)
    lists: list[tuple[str, list[Para]]] = field(default_factory=list)  # (heading, paragraphs)


@dataclass(frozen=True)
class SignerFields:
    """One signer's values (final form), each where the data file keeps it."""

    name: str
    position: list[str]
    role: str | None = None


@dataclass(frozen=True)
class Facts:
    """The report's values beside its table, field by field, in final form (the workbook's sheet of
    labels and values, where an officer edits them one by one)."""

    agency: str
    district: str | None
    province: str | None
    fiscal_year: int
    ita_indicator: str | None
    signers: list[SignerFields]
    date_line: str | None   # the date under the signatures, as printed


@dataclass
class View(_Columns):
    title_lines: list[str]
    intro_lines: list[str]
    columns: list[Col]          # the table's columns: key, header (in final form), type, share of 1, total
    rows: list[Row]
    signers: list[list[str]]    # each signer's lines: role, (ลงชื่อ) ..., (name), position lines, date
    doc_title: str
    author: str
    date: datetime
    numerals: str = "thai"
    ita_indicator: str | None = None
    indicator_line: str | None = None  # printed at the top right of page 1 (show_indicator: true)
    results: Results | None = None  # the ITA results section before the table
    facts: Facts | None = None
    provenance: Provenance | None = None  # what the report is built from (hidden in the .docx and .xlsx)

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


def _date_line(value: str | None) -> str | None:
    """The signature's date line: None, a line to fill by hand, or the data's date in Thai."""
    if value is None:
        return None
    if value == "blank":
        return BLANK_DATE_LINE
    year, month, day = (int(part) for part in value.split("-"))
    return format_day(year, month, day)


def final_text(numerals: str) -> Fmt:
    """A text in its final form: the report's digits, no-break spaces where Thai keeps words together."""
    digits = thai_numerals if numerals == "thai" else to_arabic_digits

    def fmt(text: str) -> str:
        return no_break_spaces(digits(text))
    return fmt


# --- the table ----------------------------------------------------------------------------------

def cell_paras(col: Col, value: Any, fmt: Fmt, whole_year: str) -> list[Para]:
    """The paragraphs of one cell, by the column's type."""
    kind = col.type
    if kind == "money":
        amount = parse_number(value) if not is_empty(value) else None
        return [Para(fmt(format_money(amount)))]
    if is_empty(value):
        return []
    if kind == "numbered":
        return [Para(fmt(text), fmt(f"{i}.")) for i, text in enumerate(items(value), start=1)]
    if kind == "list":
        return [Para(fmt(text), BULLET) for text in items(value)]
    if kind == "period":
        period = period_value(value)
        if isinstance(period, MonthRange):
            return [Para(fmt(format_range(period.start, period.end)))]
        return [Para(whole_year)] if period is not None else [Para(fmt(text)) for text in items(value)]
    if kind == "number":
        amount = parse_number(value)
        return [Para(fmt(format_number(amount) if amount is not None else str(value)))]
    if kind == "status":
        return [Para(status_word(text) or fmt(text)) for text in items(value)]
    return [Para(fmt(text)) for text in items(value)]


def rows_of(report: Report, cols: list[Col], fmt: Fmt, whole_year: str) -> list[Row]:
    """One row per activity (the measure's number and title head the title cell), then a total row."""
    rows = []
    for number, measure in enumerate(report.measures, start=1):
        grouped = isinstance(measure, GroupedMeasure)
        for index, activity in enumerate(activities_of(measure)):
            head = []
            if index == 0:
                head.append(Para(fmt(measure.title), fmt(f"{number}.")))
            if grouped:
                head.append(Para(fmt(activity.title), BULLET))
            head += [Para(fmt(text), BULLET) for text in activity.details]
            rows.append(Row(tuple(head if c.key == "title" else
                                  cell_paras(c, value_of(activity, c.key), fmt, whole_year) for c in cols)))
    if any(c.total for c in cols):
        rows.append(Row(_total_cells(report, cols, fmt), total=True))
    return rows


def _total_cells(report: Report, cols: list[Col], fmt: Fmt) -> tuple[list[Para], ...]:
    rows = table_rows(report)
    cells: list[list[Para]] = []
    for i, c in enumerate(cols):
        if c.total and c.type in NUMERIC_TYPES:
            amount = total_of([value_of(a, c.key) for a in rows])
            cells.append([Para(fmt(format_money(amount) if c.type == "money" else format_number(amount)))])
        else:
            cells.append([Para(TOTAL_LABEL)] if i == 0 else [])
    return tuple(cells)


# --- ITA results ----------------------------------------------------------------------------------

RESULTS_HEADING = "ผลการประเมินคุณธรรมและความโปร่งใสในการดำเนินงานของหน่วยงานภาครัฐ (ITA) ประจำปีงบประมาณ พ.ศ. {year}"
SCORE_LINE = "คะแนน {score} คะแนน อยู่ในระดับ {grade}"
INDICATOR_COLUMNS = (Col("name", "ตัวชี้วัด", "text", 0.55), Col("score", "คะแนน", "number", 0.15),
                     Col("note", "หมายเหตุ", "text", 0.30))
BELOW_PASS = "ต่ำกว่า 85 คะแนน"
WEAKNESSES = "ประเด็นที่เป็นข้อบกพร่องหรือจุดอ่อนที่ต้องแก้ไขโดยเร่งด่วน"
IMPROVEMENTS = "ประเด็นที่ต้องพัฒนาให้ดีขึ้น"


def results_section(report: Report, fmt: Fmt) -> Results | None:
    results = report.ita_results
    if results is None:
        return None
    score = parse_number(results.score)
    assert score is not None   # validate checked it
    year = results.fiscal_year or report.fiscal_year - 1
    section = Results([fmt(RESULTS_HEADING.format(year=year)),
                       fmt(SCORE_LINE.format(score=format_score(score), grade=grade(score)))],
                      fiscal_year=year, score=fmt(format_score(score)))
    if results.indicators:
        section.columns = list(INDICATOR_COLUMNS)
        for indicator in results.indicators:
            value = parse_number(indicator.score)
            assert value is not None
            mark = [Para(fmt(BELOW_PASS))] if value < PASS_SCORE else []
            section.rows.append(Row(([Para(fmt(indicator.name))], [Para(fmt(format_score(value)))], mark)))
    for heading, texts in ((WEAKNESSES, results.weaknesses), (IMPROVEMENTS, results.improvements)):
        if texts:
            section.lists.append((heading, [Para(fmt(text), fmt(f"{i}.")) for i, text in enumerate(texts, 1)]))
    return section


# --- templates ----------------------------------------------------------------------------------

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


def render_template(name: str, context: dict[str, Any], templates: Path | None = None, autoescape: bool = False,
                    filters: dict[str, Callable[..., Any]] | None = None) -> str:
    """One whole template (user's folder first, then the built-in one) as text."""
    env = template_env(templates, autoescape)
    env.filters.update(filters or {})
    return _render_text(env, name, context)


# What went wrong in a template, in the user's language; Jinja2's own words follow in brackets.
_SYNTAX = N_("{where}: template error: the template is not written as Jinja2 expects (Jinja2: {detail}); check "
             "that each {{{{ ... }}}} and {{% ... %}} on that line is closed and spelt right")
_UNDEFINED = N_("{where}: template error: the template uses a value it is not given (Jinja2: {detail}); check its "
                "spelling against the values listed at the top of the built-in template")
_SANDBOX = N_("{where}: template error: the template tries something templates may not do (Jinja2: {detail}); "
              "a template may only print the report's values")
_RENDER = N_("{where}: template error: the template could not be filled in (Jinja2: {detail}); check the "
             "expression on that line")


def _render_text(env: SandboxedEnvironment, name: str, context: dict[str, Any]) -> str:
    template = None
    try:
        template = env.get_template(name)
        return template.render(context)
    except jinja2.TemplateSyntaxError as exc:
        raise ItareportError(Message(_SYNTAX).format(where=f"{exc.filename or name}:{exc.lineno}",
                                                     detail=exc.message)) from None
    except jinja2.TemplateNotFound:
        raise ItareportError(M_("template {name} not found", name=name)) from None
    except (jinja2.TemplateError, TypeError, ValueError) as exc:
        where = getattr(template, "filename", None) or name
        line = _template_line(exc.__traceback__, where)
        message = _UNDEFINED if isinstance(exc, jinja2.UndefinedError) else \
            _SANDBOX if isinstance(exc, SecurityError) else _RENDER
        raise ItareportError(Message(message).format(where=f"{where}:{line}" if line else where,
                                                     detail=str(exc))) from None


def _template_line(tb: TracebackType | None, filename: str) -> int | None:
    """The template's line where rendering failed: Jinja2 puts the template's frames in the traceback."""
    line = None
    while tb is not None:
        if tb.tb_frame.f_code.co_filename == filename:
            line = tb.tb_lineno
        tb = tb.tb_next
    return line


def render_lines(env: SandboxedEnvironment, name: str, context: dict[str, Any]) -> list[str]:
    """A text template's lines, without the blank lines around them."""
    text = _render_text(env, name, context)
    lines = [line.rstrip() for line in text.split("\n")]
    while lines and not lines[0]:
        lines.pop(0)
    while lines and not lines[-1]:
        lines.pop()
    return lines


# --- the view ----------------------------------------------------------------------------------------

def facts_of(report: Report, fmt: Fmt) -> Facts:
    agency = report.agency
    return Facts(agency=fmt(agency.name), district=fmt(agency.district) if agency.district else None,
                 province=fmt(agency.province) if agency.province else None, fiscal_year=report.fiscal_year,
                 ita_indicator=fmt(report.ita_indicator) if report.ita_indicator else None,
                 signers=[SignerFields(fmt(s.name), [fmt(line) for line in s.position],
                                       fmt(s.role) if s.role else None) for s in report.signers],
                 date_line=fmt(line) if (line := _date_line(report.date)) else None)


def build_view(report: Report, templates: Path | None = None, provenance: Provenance | None = None) -> View:
    """Everything the renderers need, texts in final form (digits converted); provenance: what the
    report is built from, for the formats that carry it."""
    fmt = final_text(report.numerals)
    front = final_text(report.title_numerals or report.numerals)   # the title block and intro
    kind = kind_of(report.kind)
    env = template_env(templates)
    agency = report.agency.model_dump()
    standard = standard_wording(kind, agency, report.fiscal_year, report.round)
    signer_data = [s.model_dump() for s in report.signers]
    context: dict[str, Any] = {"agency": agency, "fiscal_year": report.fiscal_year, "intro": report.intro,
               "ita_indicator": report.ita_indicator, "show_indicator": report.show_indicator,
               "kind": report.kind, "round": report.round, "standard": standard,
               "title": list(report.title) if report.title else standard.title,
               "signers": signer_data, "date_line": _date_line(report.date)}
    title_lines = [front(line) for line in render_lines(env, kind.templates["title"], context)]
    intro_lines = [front(line) for line in render_lines(env, kind.templates["intro"], context) if line]
    cols = table_columns(report)
    if report.columns is None and "columns" in kind.templates:   # the headers are a template's
        name = kind.templates["columns"]
        headers = [line for line in render_lines(env, name, {**context, "columns": kind.columns}) if line]
        if len(headers) != len(cols):
            raise ItareportError(M_("{name}: expected {expected} column headers, one per line, got {count}",
                                    name=name, expected=len(cols), count=len(headers)))
        cols = [replace(c, header=header) for c, header in zip(cols, headers, strict=True)]
    signers = [[fmt(line) for line in render_lines(env, "signature.txt.j2", {**context, "signer": signer})]
               for signer in signer_data]
    indicator = fmt(report.ita_indicator) if report.show_indicator and report.ita_indicator else None
    rows = rows_of(report, cols, fmt, fmt(format_fiscal_year(report.fiscal_year)))
    return View(title_lines=title_lines, intro_lines=intro_lines,
                columns=[replace(c, header=fmt(c.header)) for c in cols], rows=rows, signers=signers,
                indicator_line=indicator, results=results_section(report, fmt),
                facts=facts_of(report, fmt), provenance=provenance,
                doc_title=" ".join(line for line in title_lines[:3] if line),
                author=report.agency.name, date=fixed_date(report.fiscal_year),
                numerals=report.numerals, ita_indicator=report.ita_indicator)
