"""itareport init and new-year: a starter data file, and next year's file from this year's."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from . import placeholders
from .errors import InputError
from .i18n import _
from .kinds import DEFAULT_KIND, table_columns
from .loader import read_source
from .model import GroupedMeasure, MonthRange, activities_of
from .starters import starter
from .thai import BE_OFFSET, YearMonth, fiscal_year_of, to_arabic_digits, to_thai_digits
from .validate import load_valid_report
from .yaml_writer import (
    BLANK,
    DEFAULT_SCHEMA_REF,
    SCHEMA_COMMENT,
    diagnostics_at,
    dump_yaml,
    help_header,
    schema_line,
    schema_ref_for,
)

# --- itareport init --------------------------------------------------------------------

PLACEHOLDER_AGENCY = placeholders.AGENCY


def current_fiscal_year(today: date | None = None) -> int:
    today = today or date.today()
    return fiscal_year_of(YearMonth(today.year + BE_OFFSET, today.month))


def init_text(agency: str | None = None, year: int | None = None, ref: str = DEFAULT_SCHEMA_REF,
              kind: str = "measures-report") -> str:
    """A starter data file that validates, with Thai comments on what to fill in."""
    year = year or current_fiscal_year()
    if kind != "measures-report":
        return dump_yaml(*starter(kind, agency or PLACEHOLDER_AGENCY, year), help_header(ref))
    data = {
        "version": 1,
        "agency": {"name": agency or PLACEHOLDER_AGENCY},
        "fiscal_year": year,
        "measures": [
            {"title": placeholders.MEASURE, "steps": list(placeholders.STEPS), "owner": "สำนักปลัด",
             "period": "fiscal-year", "results": [], "outcomes": []},
            {"title": placeholders.GROUPED_MEASURE, "activities": [
                {"title": placeholders.ACTIVITY, "steps": [placeholders.ACTIVITY_STEP], "owner": "กองคลัง",
                 "period": {"from": f"{year - 1}-10", "to": f"{year - 1}-12"}, "results": [], "outcomes": []},
            ]},
        ],
    }
    comments = {
        ("agency",): [BLANK],
        ("agency", "name"): ["ชื่อหน่วยงานเต็ม เช่น เทศบาลตำบลโคกสูงสัมพันธ์ และถ้าต้องการ (ไม่บังคับ):",
                             "district: ชุมแพ      (อำเภอ)", "province: ขอนแก่น    (จังหวัด)"],
        ("fiscal_year",): [f"ปีงบประมาณ {year} = ตุลาคม {year - 1} ถึง กันยายน {year}"],
        ("measures",): [BLANK, "มาตรการ เรียงตามลำดับในรายงาน (แก้ตัวอย่างเป็นของจริง)"],
        ("measures", 0): [to_thai_digits("1.")],
        ("measures", 0, "results"): ["สรุปผลการดำเนินการ: กรอกเมื่อดำเนินการแล้ว (ก่อนนั้น validate จะเตือน)"],
        ("measures", 0, "outcomes"): ["ผลลัพธ์หรือความสำเร็จของการดำเนินการ"],
        ("measures", 1): [BLANK, to_thai_digits("2.")],
        ("measures", 1, "activities", 0, "period"): [
            f"ช่วงเดือน ปี พ.ศ.-เดือน: ตุลาคม {year - 1} ถึง ธันวาคม {year - 1}"],
    }
    return dump_yaml(data, comments, help_header(ref))


# --- itareport new-year -----------------------------------------------------------------

# What new-year empties (and asks to fill in), when the table shows it.
EMPTIED = {"results": "สรุปผลการดำเนินการ", "outcomes": "ผลลัพธ์หรือความสำเร็จ", "status": "สถานะการดำเนินงาน",
           "problems": "ปัญหา อุปสรรค และข้อเสนอแนะ"}

@dataclass
class NewYear:
    yaml_text: str
    target: Path
    warnings: list = field(default_factory=list)  # Diagnostic, located in the new file


def default_new_year_path(source: Path, old: int, new: int) -> Path:
    """measures_2568.yaml -> measures_2569.yaml next to it (or NAME_2569.yaml)."""
    for form in (str(old), to_thai_digits(str(old))):
        if form in source.name:
            return source.with_name(source.name.replace(form, str(new)))
    return source.with_name(f"{source.stem}_{new}{source.suffix or '.yaml'}")


def _shift(month: YearMonth, years: int) -> str:
    return str(YearMonth(month.year + years, month.month))


def _mentions_year(text: str, year: int) -> bool:
    return re.search(rf"(?<![0-9]){year}(?![0-9])", to_arabic_digits(text)) is not None


def leading_comments(text: str) -> list[str]:
    """The comment block at the top of a data file (without its schema line)."""
    out = []
    for line in text.splitlines():
        if not line.startswith("#"):
            break
        if SCHEMA_COMMENT not in line:
            out.append(line)
    return out


def new_year(source: Path, to_year: int, output: Path | None = None) -> NewYear:
    """Next year's data file from this year's: periods moved; results, outcomes, status, problems emptied.

    Kind, round and columns are kept (and the agency's own column values); ita_results is left out
    (it was last year's assessment).

    The target is output (a file, or a folder to put it in), else the source's name with the
    new year, next to it. Comments inside the old file are not carried over, except its header."""
    report, _warnings = load_valid_report(Path(source))
    old = report.fiscal_year
    if to_year <= old:
        raise InputError(_("--to {year}: expected a fiscal year after {old}, the year of {source}").format(
            year=to_year, old=old, source=source))
    years = to_year - old
    notes: list[tuple[tuple, str]] = []
    comments: dict[tuple, list] = {}

    def note(path: tuple, comment: str, message: str, code: str) -> None:
        comments.setdefault(path, []).append(comment)
        notes.append((path, message, code))

    def check_year(path: tuple, text: str | None) -> None:
        if text and _mentions_year(text, old):
            note(path, f"ตรวจสอบ: ข้อความนี้กล่าวถึงปี {old}",
                 _("mentions {old}, the previous fiscal year: check whether it should say {year}").format(
                     old=old, year=to_year), "ITA304")

    def activity(a, path: tuple) -> dict:
        for key in ("title", "owner"):
            check_year((*path, key), getattr(a, key))
        for key in ("details", "steps"):
            for i, text in enumerate(getattr(a, key)):
                check_year((*path, key, i), text)
        if isinstance(a.period, MonthRange):
            period: Any = {"from": _shift(a.period.start, years), "to": _shift(a.period.end, years)}
        else:
            period = a.period
        row = {"title": a.title, "details": list(a.details) or None, "steps": list(a.steps) or None,
               "owner": a.owner, "period": period, "target": list(a.target) or None, **(a.model_extra or {})}
        for key in emptied:
            row[key] = "not-started" if key == "status" else []
            comments[(*path, key)] = [f"ต้องกรอก: {EMPTIED[key]} ปีงบประมาณ {to_year}"]
        order = ["title", "details", *shown]  # in the table's order, the agency's own keys too
        return {**{k: row[k] for k in order if k in row}, **row}

    shown = [c.key for c in table_columns(report, ["-"] * 6)]
    emptied = [key for key in EMPTIED if key in shown]
    measures = []
    for i, measure in enumerate(report.measures):
        path = ("measures", i)
        comments[path] = ([BLANK] if i else []) + [to_thai_digits(f"{i + 1}.")]
        if isinstance(measure, GroupedMeasure):
            check_year((*path, "title"), measure.title)
            measures.append({"title": measure.title, "activities": [
                activity(a, (*path, "activities", j)) for j, a in enumerate(activities_of(measure))]})
        else:
            measures.append(activity(measure, path))
    data = {
        "version": 1,
        "agency": report.agency.model_dump(),
        "fiscal_year": to_year,
        "kind": None if report.kind == DEFAULT_KIND else report.kind,
        "round": report.round,
        "ita_indicator": report.ita_indicator,
        "numerals": None if report.numerals == "thai" else report.numerals,
        "intro": report.intro,
        "signers": [s.model_dump() for s in report.signers] or None,
        "columns": [c.model_dump(exclude_defaults=True) for c in report.columns] if report.columns else None,
        "measures": measures,
    }
    check_year(("intro",), report.intro)
    if report.ita_indicator:
        note(("ita_indicator",), "ตรวจสอบ: รหัสข้อการประเมิน ITA เปลี่ยนทุกปี",
             _("the ITA item code of {old}; the list of {year} may number it differently").format(
                 old=old, year=to_year), "ITA305")
    comments.setdefault(("measures",), []).insert(0, BLANK)
    target = default_new_year_path(Path(source), old, to_year)
    if output is not None:
        target = output / target.name if output.is_dir() else output
    header = [schema_line(schema_ref_for(target)), *leading_comments(read_source(source))]
    text = dump_yaml(data, comments, header)
    return NewYear(text, target, diagnostics_at(text, str(target), notes))
