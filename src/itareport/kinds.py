"""Document kinds: their built-in column sets and templates, the table's rows and the ITA results section.

measures-report is today's six columns (headers from columns.txt.j2); measures-plan and
progress-report are other column sets; `columns:` in the data replaces the kind's set.
Every table is the same N-column thing: the view gets headers, shares, rows of cell
paragraphs, an optional total row and an optional ITA results section.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from .columns import (
    BULLET,
    DEFAULT_WIDTHS,
    NUMERIC_TYPES,
    PASS_SCORE,
    TITLE_WIDTH,
    Col,
    cell_paras,
    format_money,
    format_number,
    format_score,
    grade,
    parse_number,
    shares,
    total_of,
)
from .model import Activity, GroupedMeasure, Report, activities_of

DEFAULT_KIND = "measures-report"
REPORT_COLUMNS = (("title", "text", 0.17), ("steps", "numbered", 0.22), ("owner", "text", 0.10),
                  ("period", "period", 0.12), ("results", "list", 0.19), ("outcomes", "list", 0.20))
PLAN_COLUMNS = (Col("title", "มาตรการ/แนวทาง", "text", 0.30), Col("steps", "ขั้นตอนหรือวิธีการปฏิบัติ", "numbered", 0.36),
                Col("owner", "ผู้รับผิดชอบ", "text", 0.16), Col("period", "ระยะเวลา", "period", 0.18))
TARGET_COLUMN = Col("target", "เป้าหมาย/ตัวชี้วัด", "list")
PLAN_TARGET_SHARES = (0.25, 0.30, 0.13, 0.15, 0.17)
PROGRESS_COLUMNS = (Col("title", "มาตรการ/กิจกรรม", "text", 0.22), Col("owner", "ผู้รับผิดชอบ", "text", 0.11),
                    Col("period", "ระยะเวลา", "period", 0.13), Col("status", "สถานะการดำเนินงาน", "status", 0.12),
                    Col("results", "ผลการดำเนินงาน", "list", 0.22),
                    Col("problems", "ปัญหา อุปสรรค และข้อเสนอแนะ", "list", 0.20))

# Row keys each kind accepts (a key not printed by the kind is an error: it would be lost).
BASE_KEYS = ("title", "details", "steps", "owner", "period")
KIND_KEYS = {
    "measures-report": (*BASE_KEYS, "results", "outcomes"),
    "measures-plan": (*BASE_KEYS, "target"),
    "progress-report": (*BASE_KEYS, "results", "outcomes", "status", "problems"),
}
# Keys validate warns about when a row leaves them empty (filled in before publishing).
FILL_KEYS = {"measures-report": ("results", "outcomes"), "measures-plan": (), "progress-report": ("status", "results")}
TOTAL_LABEL = "รวม"


def template_name(part: str, kind: str) -> str:
    """title.txt.j2 for the default kind, title-measures-plan.txt.j2 for another."""
    return f"{part}.txt.j2" if kind == DEFAULT_KIND else f"{part}-{kind}.txt.j2"


def row_keys(report_kind: str, declared: list[str] | None) -> list[str]:
    """The keys a row may carry: the declared columns' (with title and details), else the kind's."""
    if declared is None:
        return list(KIND_KEYS.get(report_kind if isinstance(report_kind, str) else DEFAULT_KIND,
                                  KIND_KEYS[DEFAULT_KIND]))
    return list(dict.fromkeys(["title", "details", *list(declared)]))


def declared_columns(columns) -> list[Col]:
    """The data's `columns:` as view columns, widths defaulted by type and made shares of 1."""
    cols = [Col(c.key, c.header, c.type, _width(c), c.total) for c in columns]
    return [Col(c.key, c.header, c.type, s, c.total) for c, s in
            zip(cols, shares([c.share for c in cols]), strict=True)]


def _width(column) -> float:
    value = parse_number(column.width) if column.width is not None else None
    if value is not None and value > 0:
        return float(value)
    return TITLE_WIDTH if column.key == "title" else DEFAULT_WIDTHS.get(column.type, 1.0)


def table_columns(report: Report, report_headers: list[str] | None) -> list[Col]:
    """The columns of the report's table (report_headers: columns.txt.j2's six, for measures-report)."""
    if report.columns is not None:
        return declared_columns(report.columns)
    if report.kind == "measures-plan":
        if any(a.target for m in report.measures for a in activities_of(m)):
            return [Col(c.key, c.header, c.type, s)
                    for c, s in zip((*PLAN_COLUMNS, TARGET_COLUMN), PLAN_TARGET_SHARES, strict=True)]
        return list(PLAN_COLUMNS)
    if report.kind == "progress-report":
        return list(PROGRESS_COLUMNS)
    return [Col(key, header, kind, share)
            for (key, kind, share), header in zip(REPORT_COLUMNS, report_headers or [], strict=False)]


def value_of(row: Activity, key: str) -> Any:
    if key in Activity.model_fields:
        return getattr(row, key)
    return (row.model_extra or {}).get(key)


def table_rows(report: Report, cols: list[Col], fmt: Callable[[str], str], whole_year: str,
               para: type, row_type: type) -> list:
    """One row per activity (the measure's number and title head the title cell), then a total row."""
    rows = []
    for number, measure in enumerate(report.measures, start=1):
        grouped = isinstance(measure, GroupedMeasure)
        for index, activity in enumerate(activities_of(measure)):
            head = []
            if index == 0:
                head.append(para(fmt(measure.title), fmt(f"{number}.")))
            if grouped:
                head.append(para(fmt(activity.title), BULLET))
            head += [para(fmt(text), BULLET) for text in activity.details]
            rows.append(row_type(tuple(
                head if c.key == "title" else cell_paras(c, value_of(activity, c.key), fmt, whole_year, para)
                for c in cols)))
    if any(c.total for c in cols):
        rows.append(row_type(total_cells(report, cols, fmt, para), total=True))
    return rows


def total_cells(report: Report, cols: list[Col], fmt, para) -> tuple:
    rows = [a for m in report.measures for a in activities_of(m)]
    cells = []
    for i, c in enumerate(cols):
        if c.total and c.type in NUMERIC_TYPES:
            amount = total_of([value_of(a, c.key) for a in rows])
            cells.append([para(fmt(format_money(amount) if c.type == "money" else format_number(amount)))])
        else:
            cells.append([para(TOTAL_LABEL)] if i == 0 else [])
    return tuple(cells)


# --- ITA results --------------------------------------------------------------------------

RESULTS_HEADING = "ผลการประเมินคุณธรรมและความโปร่งใสในการดำเนินงานของหน่วยงานภาครัฐ (ITA) ประจำปีงบประมาณ พ.ศ. {year}"
SCORE_LINE = "คะแนน {score} คะแนน อยู่ในระดับ {grade}"
INDICATOR_HEADERS = ("ตัวชี้วัด", "คะแนน", "หมายเหตุ")
INDICATOR_SHARES = (0.55, 0.15, 0.30)
BELOW_PASS = "ต่ำกว่า 85 คะแนน"
WEAKNESSES = "ประเด็นที่เป็นข้อบกพร่องหรือจุดอ่อนที่ต้องแก้ไขโดยเร่งด่วน"
IMPROVEMENTS = "ประเด็นที่ต้องพัฒนาให้ดีขึ้น"


@dataclass
class Results:
    """The ITA results section: heading and score lines, the indicators' table, the two lists."""

    lines: list[str]
    headers: list[str] = field(default_factory=list)
    rows: list = field(default_factory=list)
    shares: list[float] = field(default_factory=list)
    lists: list[tuple[str, list]] = field(default_factory=list)  # (heading, paragraphs)


def results_section(report: Report, fmt: Callable[[str], str], para: type, row_type: type) -> Results | None:
    results = report.ita_results
    if results is None:
        return None
    score = parse_number(results.score)
    year = results.fiscal_year or report.fiscal_year - 1
    section = Results([fmt(RESULTS_HEADING.format(year=year)),
                       fmt(SCORE_LINE.format(score=format_score(score), grade=grade(score)))])
    if results.indicators:
        section.headers = list(INDICATOR_HEADERS)
        section.shares = list(INDICATOR_SHARES)
        for indicator in results.indicators:
            value = parse_number(indicator.score)
            mark = [para(fmt(BELOW_PASS))] if value < PASS_SCORE else []
            section.rows.append(row_type(([para(fmt(indicator.name))], [para(fmt(format_score(value)))], mark)))
    for heading, texts in ((WEAKNESSES, results.weaknesses), (IMPROVEMENTS, results.improvements)):
        if texts:
            section.lists.append((heading, [para(fmt(text), fmt(f"{i}.")) for i, text in enumerate(texts, 1)]))
    return section
