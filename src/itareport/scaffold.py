"""itareport init and new-year: a starter data file, and next year's file from this year's."""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from . import codes, placeholders
from .adopt import NewAgency, adopt
from .errors import Diagnostic, InputError
from .kinds import DEFAULT_KIND, STARTERS, fill_in
from .loader import Path_, read_source
from .messages import M_, Message
from .model import Activity, GroupedMeasure, MonthRange, activities_of, dump_report
from .table import period_value, table_columns, value_of
from .thai import (
    BE_OFFSET,
    THAI_DIGITS,
    YearMonth,
    current_fiscal_year,
    fiscal_year_bounds,
    to_arabic_digits,
    to_thai_digits,
)
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


def init_text(agency: str | None = None, year: int | None = None, ref: str = DEFAULT_SCHEMA_REF,
              starter: str = DEFAULT_KIND) -> str:
    """A starter data file (kinds.STARTERS) that validates, with Thai comments on what to fill in."""
    year = year or current_fiscal_year()
    chosen = STARTERS[starter]
    fields = {"fiscal_year": year, "previous_year": year - 1}
    data = {"version": 1, "agency": {"name": agency or placeholders.AGENCY}, "fiscal_year": year,
            **fill_in(chosen.data, fields)}
    comments = {path: fill_in(lines, fields) for path, lines in chosen.comments.items()}
    return dump_yaml(data, comments, help_header(ref))


# --- itareport new-year -----------------------------------------------------------------

# What new-year empties (and asks to fill in) when the table prints it, and drops when it does not.
EMPTIED = {"results": "สรุปผลการดำเนินการ", "outcomes": "ผลลัพธ์หรือความสำเร็จ", "status": "สถานะการดำเนินงาน",
           "problems": "ปัญหา อุปสรรค และข้อเสนอแนะ"}
# Every field of the data new-year does not carry over as it is (tests/test_new_year.py walks the model:
# a field neither carried nor named here fails it).
CHANGED = {
    "fiscal_year": "the new year",
    "period": "moved on by the years (every column of type period)",
    "date": "the signing date, moved on by the years",
    "title": "its years moved on (the fiscal year and the one before)",
    "ita_results": "left out: last year's assessment",
    **{key: "emptied when the table prints it, else left out" for key in EMPTIED},
}


@dataclass
class NewYear:
    yaml_text: str
    target: Path
    warnings: list[Diagnostic] = field(default_factory=list)  # located in the new file


def default_new_year_path(source: Path, old: int, new: int) -> Path:
    """measures_2568.yaml -> measures_2569.yaml next to it (or NAME_2569.yaml)."""
    for form in (str(old), to_thai_digits(str(old))):
        if form in source.name:
            return source.with_name(source.name.replace(form, str(new)))
    return source.with_name(f"{source.stem}_{new}{source.suffix or '.yaml'}")


def _later(month: YearMonth, years: int) -> YearMonth:
    return YearMonth(month.year + years, month.month)


def _shift(month: YearMonth, years: int) -> str:
    return str(_later(month, years))


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


def _moved(period: MonthRange, years: int) -> dict[str, str]:
    return {"from": _shift(period.start, years), "to": _shift(period.end, years)}


def _moved_date(value: str, years: int) -> str:
    """A signing date YYYY-MM-DD moved on by the years (29 February becomes the 28th in a common year)."""
    year, month, day = (int(part) for part in value.split("-"))
    year += years
    if (month, day) == (2, 29) and not calendar.isleap(year - BE_OFFSET):
        day = 28
    return f"{year}-{month:02d}-{day:02d}"


def _moved_years(text: str, old: int, years: int) -> str:
    """A title line with the fiscal year (and the one before it, as in 'ตุลาคม ๒๕๖๗ - กันยายน ๒๕๖๘') moved on,
    each year in the digits it was written in."""
    def move(m: re.Match[str]) -> str:
        year = int(to_arabic_digits(m.group()))
        if year not in (old - 1, old):
            return m.group()
        moved = str(year + years)
        return to_thai_digits(moved) if m.group()[0] in THAI_DIGITS else moved
    return re.sub(r"(?<![0-9๐-๙])[0-9๐-๙]{4}(?![0-9๐-๙])", move, text)


def new_year(source: Path, to_year: int, output: Path | None = None, agency: NewAgency | None = None) -> NewYear:
    """Next year's data file from this year's (model.dump_report: every field carried but those in CHANGED):
    periods, the title's year and the signing date moved on; results, outcomes, status, problems emptied;
    ita_results left out. A period still outside the new fiscal year is warned about (ITA306). With agency,
    another agency's file is taken over (adopt.py): its name replaced, its signers and web addresses left
    under review: to fill in.

    The target is output (a file, or a folder to put it in), else the source's name with the
    new year, next to it. Comments inside the old file are not carried over, except its header."""
    report, _warnings = load_valid_report(Path(source))
    old = report.fiscal_year
    if to_year <= old:
        raise InputError(M_("--to {year}: expected a fiscal year after {old}, the year of {source}",
                            year=to_year, old=old, source=source))
    years = to_year - old
    notes: list[tuple[Path_, Message]] = []
    comments: dict[Path_, list[str | None]] = {}

    def note(path: Path_, comment: str, message: Message) -> None:
        comments.setdefault(path, []).append(comment)
        notes.append((path, message))

    def check_year(path: Path_, text: str | None) -> None:
        if text and _mentions_year(text, old):
            note(path, f"ตรวจสอบ: ข้อความนี้กล่าวถึงปี {old}",
                 codes.message("ITA304", old=old, year=to_year))

    columns = table_columns(report)
    shown = [c.key for c in columns]
    periods = {"period", *(c.key for c in columns if c.type == "period")}
    first, last = fiscal_year_bounds(to_year)

    def activity(a: Activity, row: dict[str, Any], path: Path_) -> dict[str, Any]:
        for key in ("title", "owner"):
            check_year((*path, key), getattr(a, key))
        for key in ("details", "steps"):
            for i, text in enumerate(getattr(a, key)):
                check_year((*path, key, i), text)
        for key in periods & row.keys():
            period = period_value(value_of(a, key))
            if isinstance(period, MonthRange):
                row[key] = _moved(period, years)
                if not (first <= _later(period.start, years) and _later(period.end, years) <= last):
                    notes.append(((*path, key), codes.message("ITA306", year=to_year, first=first, last=last)))
        for key in EMPTIED:
            if key in shown:
                row[key] = "not-started" if key == "status" else []
                comments[(*path, key)] = [f"ต้องกรอก: {EMPTIED[key]} ปีงบประมาณ {to_year}"]
            else:
                row.pop(key, None)
        order = ["title", "details", *shown]  # in the table's order, the agency's own keys too
        return {**{k: row[k] for k in order if k in row}, **row}

    data = dump_report(report)
    data["fiscal_year"] = to_year
    data.pop("ita_results", None)
    if "title" in data:
        data["title"] = [_moved_years(line, old, years) for line in data["title"]]
    if report.date not in (None, "blank"):
        data["date"] = _moved_date(report.date, years)
        comments[("date",)] = [f"ตรวจสอบ: วันที่ลงนามของปีงบประมาณ {to_year}"]
    for i, (measure, dumped) in enumerate(zip(report.measures, data["measures"], strict=True)):
        path = ("measures", i)
        comments[path] = ([BLANK] if i else []) + [to_thai_digits(f"{i + 1}.")]
        if isinstance(measure, GroupedMeasure):
            check_year((*path, "title"), measure.title)
            dumped["activities"] = [activity(a, row, (*path, "activities", j)) for j, (a, row) in
                                    enumerate(zip(activities_of(measure), dumped["activities"], strict=True))]
        else:
            data["measures"][i] = activity(measure, dumped, path)
    check_year(("intro",), report.intro)
    if report.ita_indicator:
        note(("ita_indicator",), "ตรวจสอบ: รหัสข้อการประเมิน ITA เปลี่ยนทุกปี",
             codes.message("ITA305", old=old, year=to_year))
    if agency is not None:
        adopted = adopt(data, agency)
        notes += adopted.notes
        data["review"] = [*data.get("review", []), *(item.as_data() for item in adopted.leftovers)]
    if data.get("review"):
        data["review"] = data.pop("review")    # last, where the officer finds the list
    comments.setdefault(("measures",), []).insert(0, BLANK)
    target = default_new_year_path(Path(source), old, to_year)
    if output is not None:
        target = output / target.name if output.is_dir() else output
    header = [schema_line(schema_ref_for(target)), *leading_comments(read_source(source))]
    text = dump_yaml(data, comments, header)
    return NewYear(text, target, diagnostics_at(text, str(target), notes))
