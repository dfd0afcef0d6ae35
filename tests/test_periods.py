"""Periods written as Thai text in the data file: read by periods.parse_period (as import reads them),
quarters of the fiscal year, printed in the official form, and a located error with the fix when unreadable."""

import itertools
import re

import pytest
import yaml

from helpers import DATA
from itareport.build import render_docx_bytes
from itareport.loader import load_text
from itareport.model import MonthRange, read_text_periods
from itareport.periods import parse_period, quarter_bounds
from itareport.render.markdown import render_markdown
from itareport.thai import YearMonth
from itareport.validate import validate_file, validate_loaded
from itareport.view import build_view


@pytest.mark.parametrize("text, fiscal_year, expected", [
    # the forms officers write (issue 11)
    ("ต.ค. 67 - ก.ย. 68", 2568, ("2567-10", "2568-09")),
    ("1 ต.ค. 2567 – 30 ก.ย. 2568", 2568, ("2567-10", "2568-09")),
    ("มกราคม - มีนาคม 2568", 2568, ("2568-01", "2568-03")),
    ("ไตรมาสที่ 2", 2568, ("2568-01", "2568-03")),
    ("ตลอดปีงบประมาณ", 2568, "fiscal-year"),
    ("ทั้งปีงบประมาณ", 2568, "fiscal-year"),
    ("๑ ต.ค. ๒๕๖๗ – ๓๑ ธ.ค. ๒๕๖๗", 2568, ("2567-10", "2567-12")),
    # quarters: of the fiscal year, quarter 1 is October to December of the year before
    ("ไตรมาสที่ 1", 2567, ("2566-10", "2566-12")),
    ("ไตรมาสที่ 2", 2567, ("2567-01", "2567-03")),
    ("ไตรมาสที่ 3", 2567, ("2567-04", "2567-06")),
    ("ไตรมาสที่ 4", 2567, ("2567-07", "2567-09")),
    ("ไตรมาสที่ ๔", 2567, ("2567-07", "2567-09")),
    ("ไตรมาส 2", 2567, ("2567-01", "2567-03")),
    ("Q2", 2567, ("2567-01", "2567-03")),
    ("q1", 2567, ("2566-10", "2566-12")),
    ("ไตรมาสที่ 1 - 2", 2568, ("2567-10", "2568-03")),
    ("Q3-Q4", 2568, ("2568-04", "2568-09")),
    ("ไตรมาสที่ 2/2567", 2568, ("2567-01", "2567-03")),
    ("ไตรมาสที่ 2 ปีงบประมาณ พ.ศ. 2567", 2568, ("2567-01", "2567-03")),
    ("ไตรมาสที่ 2", None, None),       # no fiscal year to count in
    ("ไตรมาสที่ 5", 2568, None),
    ("ไตรมาสที่ 3 - 1", 2568, None),
    ("ทุกไตรมาส", 2568, None),
])
def test_text_periods_and_quarters(text, fiscal_year, expected):
    if isinstance(expected, tuple):
        expected = {"from": expected[0], "to": expected[1]}
    assert parse_period(text, fiscal_year).value == expected


def test_quarter_bounds():
    assert quarter_bounds(2567, 1) == (YearMonth(2566, 10), YearMonth(2566, 12))
    assert quarter_bounds(2567, 2) == (YearMonth(2567, 1), YearMonth(2567, 3))
    assert quarter_bounds(2568, 4) == (YearMonth(2568, 7), YearMonth(2568, 9))


HEAD = "version: 1\nagency:\n  name: เทศบาลตำบลทดสอบ\nfiscal_year: {year}\nmeasures:\n"
ROW = "  - title: ก\n    steps: [ข]\n    owner: ค\n    period: {period}\n    results: [ง]\n    outcomes: [จ]\n"


def _report(periods: list[str], year: str = "2567"):
    text = HEAD.format(year=year) + "".join(ROW.format(period=p) for p in periods)
    return validate_loaded(load_text(text, "x.yaml"))


def test_the_model_reads_text_periods_against_the_fiscal_year():
    checked = _report(["ไตรมาสที่ 2", "ต.ค. 66 - ธ.ค. 66", "ตลอดปีงบประมาณ", "ปีงบประมาณ", "Q4"], year="๒๕๖๗")
    assert checked.ok, checked.diagnostics
    assert [m.period for m in checked.report.measures] == [
        MonthRange(**{"from": "2567-01", "to": "2567-03"}), MonthRange(**{"from": "2566-10", "to": "2566-12"}),
        "fiscal-year", "ปีงบประมาณ", MonthRange(**{"from": "2567-07", "to": "2567-09"})]
    assert checked.diagnostics == []


def test_the_data_is_left_as_loaded():
    data = {"fiscal_year": "2567", "measures": [{"period": "Q2"}, {"activities": [{"period": "Q1"}]}]}
    read = read_text_periods(data)
    assert read["measures"] == [{"period": {"from": "2567-01", "to": "2567-03"}},
                                {"activities": [{"period": {"from": "2566-10", "to": "2566-12"}}]}]
    assert data == {"fiscal_year": "2567", "measures": [{"period": "Q2"}, {"activities": [{"period": "Q1"}]}]}


def test_a_text_period_it_cannot_read_is_a_located_error_with_the_fix():
    checked = _report(["ไตรมาสที่ 2", "ทุกวันจันทร์"])
    assert [(d.format(code=False), d.code) for d in checked.diagnostics] == [(
        "x.yaml:15:13: error: measures[2].period: cannot read the period 'ทุกวันจันทร์'; write the months it "
        "covers as {from: 2566-10, to: 2567-09} (YYYY-MM in B.E.), or 'fiscal-year' for the whole fiscal year",
        "ITA291")]


def test_a_text_period_outside_the_fiscal_year_is_warned_as_a_mapping_is():
    checked = _report(["ไตรมาสที่ 2/2568"])
    assert checked.ok
    assert [d.format(code=False) for d in checked.diagnostics] == [
        "x.yaml:9:13: warning: measures[1].period.from: expected a month in fiscal year 2567 (2566-10 to "
        "2567-09), got '2568-01'",
        "x.yaml:9:13: warning: measures[1].period.to: expected a month in fiscal year 2567 (2566-10 to "
        "2567-09), got '2568-03'"]


_ABBR = ("ม.ค.", "ก.พ.", "มี.ค.", "เม.ย.", "พ.ค.", "มิ.ย.", "ก.ค.", "ส.ค.", "ก.ย.", "ต.ค.", "พ.ย.", "ธ.ค.")


def _as_text(match: re.Match, form: int) -> str:
    indent, (y1, m1), (y2, m2) = match.group(1), map(int, match.group(2, 3)), map(int, match.group(4, 5))
    if form == 0:
        text = f"{_ABBR[m1 - 1]} {y1 % 100} - {_ABBR[m2 - 1]} {y2 % 100}"
    elif form == 1:
        text = f"1 {_ABBR[m1 - 1]} {y1} – 30 {_ABBR[m2 - 1]} {y2}"
    else:
        text = f"{_ABBR[m1 - 1]} {y1} ถึง {_ABBR[m2 - 1]} {y2}".translate(str.maketrans("0123456789", "๐๑๒๓๔๕๖๗๘๙"))
    return f"{indent}period: {text}\n"


def test_the_seed_validates_clean_and_builds_the_same_with_its_periods_as_text(tmp_path):
    checked = validate_file(DATA)
    assert checked.ok and checked.diagnostics == []
    original = DATA.read_text(encoding="utf-8")
    assert read_text_periods(yaml.safe_load(original)) == yaml.safe_load(original)   # nothing to read: unchanged
    pattern = re.compile(r"( +)period:\n +from: (\d{4})-(\d\d)\n +to: (\d{4})-(\d\d)\n")
    forms = itertools.count()
    text = pattern.sub(lambda m: _as_text(m, next(forms) % 3), original)
    assert next(forms) == 5 and "period: ต.ค. 67 - ก.ย. 68\n" in text and not re.search(r"\n +from: ", text)
    as_text = tmp_path / "measures_2568.yaml"
    as_text.write_text(text, encoding="utf-8")
    rechecked = validate_file(as_text)
    assert rechecked.ok and rechecked.diagnostics == []
    views = [build_view(c.report) for c in (checked, rechecked)]
    assert render_docx_bytes(views[0]) == render_docx_bytes(views[1])
    markdown = render_markdown(views[1]).decode("utf-8")
    assert "ตุลาคม พ.ศ.\u00a0๒๕๖๗ - กันยายน พ.ศ.\u00a0๒๕๖๘" in markdown and "ต.ค." not in markdown  # no-break spaces


def test_a_christian_era_year_in_a_text_period_is_read_and_warned():
    checked = _report(["ต.ค. 2023 - ธ.ค. 2023", "ปีงบประมาณ 2024"])
    assert checked.ok
    assert [(d.format(code=False), d.code) for d in checked.diagnostics] == [
        ("x.yaml:9:13: warning: measures[1].period: the period 'ต.ค. 2023 - ธ.ค. 2023' has a Christian-era year; "
         "it was read as 2566-10 to 2566-12 in the Buddhist era: write B.E. years", "ITA391"),
        ("x.yaml:15:13: warning: measures[2].period: the period 'ปีงบประมาณ 2024' has a Christian-era year; it "
         "was read as fiscal-year in the Buddhist era: write B.E. years", "ITA391")]
