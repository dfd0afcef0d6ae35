"""Plausible years (ITA215): a year far from the current fiscal year is a typing slip, said once, with
the year that was meant.

A data file is about a fiscal year from ten before the current one to the next one (a plan):
thai.plausible_fiscal_years. The months of its periods, its signature date and the year of last
year's ITA results fall in those fiscal years too. A year outside them is an error with a
did-you-mean that tries a mistyped digit and two swapped digits (thai.typo_of) against the years the
file itself points to (the fiscal year its periods fall in, the months' own fiscal year) and the
current fiscal year. One slip is one message: validate leaves out the warnings about periods outside
the fiscal year (ITA301) that a wrong fiscal year, or a wrong month, would add.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from . import codes
from .errors import Diagnostic
from .loader import Loaded, Path_
from .messages import M_, Message
from .model import MonthRange, PeriodReading, Report
from .table import rows_with_paths
from .thai import YearMonth, fiscal_year_bounds, fiscal_year_of, plausible_fiscal_years, typo_of

_WRITTEN_YEAR = re.compile(r"[0-9๐-๙]{2}")   # a text period that names its year ('ต.ค. 67'), not 'ไตรมาสที่ 2'


@dataclass
class Years:
    """What the year checks found: their diagnostics, and what validate should not warn about again."""

    diagnostics: list[Diagnostic] = field(default_factory=list)
    fiscal_year_wrong: bool = False
    months: set[Path_] = field(default_factory=set)   # (..., 'period', 'from' | 'to') already reported


@dataclass(frozen=True)
class _Month:
    at: Path_               # where it is reported: the 'from' or 'to', or the period text it was read from
    key: Path_              # (..., 'period', 'from' | 'to')
    month: YearMonth
    text: str | None        # the period text it was read from; None when written as YYYY-MM


def check_years(loaded: Loaded, report: Report, readings: list[PeriodReading], current: int) -> Years:
    """The years of a report the schema accepted that lie outside the fiscal years a file may be about."""
    years = Years()
    first, last = plausible_fiscal_years(current)
    texts = {reading.path: reading.text for reading in readings}
    months = [m for m in _months(report, texts) if m.text is None or _WRITTEN_YEAR.search(m.text)]
    good = [m.month for m in months if first <= fiscal_year_of(m.month) <= last]
    own = [year for year, _ in Counter(fiscal_year_of(m) for m in good).most_common()]
    fiscal_year = report.fiscal_year

    def add(path: Path_, message: Message | None) -> bool:
        if message is not None:
            years.diagnostics.append(loaded.diagnostic("error", path, message))
        return message is not None

    years.fiscal_year_wrong = add(("fiscal_year",), fiscal_year_slip(
        fiscal_year, current, [*own, current, current - 1, current + 1, *sorted({m.year for m in good})]))
    reported: set[Path_] = set()
    good_years = [g.year for g in good]
    for m in months:
        if years.fiscal_year_wrong and fiscal_year_of(m.month) == fiscal_year:
            years.months.add(m.key)   # in the mistyped fiscal year: that one message says it
            continue
        message = month_slip(m.month, m.text or str(m.month), fiscal_year, current, good_years)
        if message is not None:
            years.months.add(m.key)
            if m.at not in reported:
                reported.add(m.at)
                add(m.at, message)
    if report.date is not None and report.date != "blank":
        year, month, _day = (int(part) for part in report.date.split("-"))
        if not first <= fiscal_year_of(YearMonth(year, month)) <= last:
            meant = _meant(year, [fiscal_year, fiscal_year - 1, current, current - 1, *own], current)
            hint = M_(" (did you mean {date}?)", date=report.date.replace(str(year), str(meant), 1)) if meant else ""
            start, end = _months_between(first, last)
            add(("date",), codes.message("ITA215", "date", found=f"'{report.date}'", hint=hint, start=start, end=end,
                                         first=first, last=last))
    results = report.ita_results
    if results is not None and results.fiscal_year is not None:
        add(("ita_results", "fiscal_year"), fiscal_year_slip(
            results.fiscal_year, current, [fiscal_year - 1, fiscal_year, current - 1, current, *own]))
    return years


def fiscal_year_slip(year: int, current: int, near: Iterable[int] = ()) -> Message | None:
    """ITA215's message for a fiscal year outside the ones a file may be about (None for one inside them),
    with the year meant among near (default: the current fiscal year, the one before and the next)."""
    first, last = plausible_fiscal_years(current)
    if first <= year <= last:
        return None
    meant = _meant(year, list(near) or [current, current - 1, current + 1], current)
    return codes.message("ITA215", year=year, first=first, last=last, current=current,
                         hint=M_(" (did you mean {year}?)", year=meant) if meant else "")


def month_slip(month: YearMonth, written: str, fiscal_year: int, current: int,
               near: Iterable[int] = ()) -> Message | None:
    """ITA215's message for a month outside the fiscal years a file may be about (None for a month inside
    them): the year meant is tried against the year that puts the month in the file's fiscal year, that
    fiscal year's two years, the current fiscal year and its year before, and the years near (the file's
    other months). written: the month as the file has it (YYYY-MM, or the period text it was read from)."""
    first, last = plausible_fiscal_years(current)
    if first <= fiscal_year_of(month) <= last:
        return None
    inside = fiscal_year - 1 if month.month >= 10 else fiscal_year
    meant = _meant(month.year, [inside, fiscal_year - 1, fiscal_year, current, current - 1, *sorted(set(near))],
                   current)
    hint = M_(" (did you mean {month}?)", month=YearMonth(meant, month.month)) if meant else ""
    start, end = _months_between(first, last)
    return codes.message("ITA215", "month", found=f"'{written}'", hint=hint, start=start, end=end, first=first,
                         last=last)


def _meant(year: int, candidates: list[int], current: int) -> int | None:
    """The year typed as `year` among the candidates a file may name (a fiscal year's months start the
    October before it)."""
    first, last = plausible_fiscal_years(current)
    return typo_of(year, [c for c in candidates if first - 1 <= c <= last])


def _months_between(first: int, last: int) -> tuple[YearMonth, YearMonth]:
    """The first month of one fiscal year and the last of another."""
    return fiscal_year_bounds(first)[0], fiscal_year_bounds(last)[1]


def _months(report: Report, texts: dict[Path_, str]) -> Iterable[_Month]:
    """Every month of the rows' periods, with where it was written."""
    for path, row in rows_with_paths(report):
        if isinstance(row.period, MonthRange):
            at = (*path, "period")
            text = texts.get(at)
            for key, month in (("from", row.period.start), ("to", row.period.end)):
                yield _Month(at if text is not None else (*at, key), (*at, key), month, text)
