"""Plausible years (years.py, ITA215): a year far from the current fiscal year is one error, located at the
year, with the year meant (a mistyped or two swapped digits); the warnings it would have caused are left out."""

import pytest

from helpers import DATA, ROOT, run_cli
from itareport.loader import load_text
from itareport.thai import from_christian_era, plausible_fiscal_years, typo_of
from itareport.validate import validate_loaded

PLAN = (ROOT / "docs" / "kinds" / "plan.yaml").read_text(encoding="utf-8")   # fiscal year 2569
SHIPPED = DATA.read_text(encoding="utf-8")                                   # fiscal year 2568
CURRENT = 2569


def lines(text: str, current: int = CURRENT, language: str = "en") -> list[str]:
    return [f"{d.line}:{d.col}: {d.severity}: {d.path}: {d.render(language)} [{d.code}]"
            for d in validate_loaded(load_text(text, "x.yaml"), current).diagnostics]


@pytest.mark.parametrize("year, meant, expected", [
    (2596, [2570, 2569], 2569),          # two adjacent digits swapped
    (2658, [2568], 2568),                # the first two swapped
    (2578, [2569, 2568], 2568),          # one digit mistyped
    (2596, [2570, 2568], None),          # neither
    (2569, [2569], None),                # the same year is no slip
    (2600, [2569, 2600, 2500], 2500),    # the first that fits
])
def test_typo_of(year, meant, expected):
    assert typo_of(year, meant) == expected


def test_the_plausible_years_and_the_christian_era():
    assert plausible_fiscal_years(2569) == (2559, 2570)
    assert from_christian_era(2025, 2569) == 2568
    assert from_christian_era(2058, 2569) is None   # not 2601: no year a data file is about


def test_a_mistyped_fiscal_year_is_one_error_with_the_year_meant():
    """fiscal_year: 2596 in a file whose periods are in fiscal year 2569: one error, not a warning per period."""
    assert lines(PLAN.replace("fiscal_year: 2569", "fiscal_year: 2596")) == [
        "5:14: error: fiscal_year: expected a fiscal year from 2559 to 2570 (the current one is 2569), got 2596 "
        "(did you mean 2569?) [ITA215]"]


def test_the_fiscal_year_meant_comes_from_the_periods_or_the_current_year():
    shipped = SHIPPED.replace("fiscal_year: 2568", "fiscal_year: 2586")   # periods of 2568: 2586 -> 2568
    assert lines(shipped) == [
        "38:14: error: fiscal_year: expected a fiscal year from 2559 to 2570 (the current one is 2569), got 2586 "
        "(did you mean 2568?) [ITA215]"]
    no_periods = PLAN.replace("{from: 2568-10, to: 2569-03}", "fiscal-year").replace("fiscal_year: 2569",
                                                                                      "fiscal_year: 2507")
    assert lines(no_periods, current=2570)[0].endswith("got 2507 (did you mean 2570?) [ITA215]")
    far = PLAN.replace("fiscal_year: 2569", "fiscal_year: 2640")
    assert lines(far)[0].endswith("got 2640 [ITA215]")   # no year it could be a slip of: no guess


def test_the_window_moves_with_the_current_year():
    assert lines(PLAN, current=2569) == []
    assert lines(PLAN, current=2568) == []           # a plan for next year
    assert lines(PLAN.replace("fiscal_year: 2569", "fiscal_year: 2570"), current=2568)[0].startswith(
        "5:14: error: fiscal_year: expected a fiscal year from 2558 to 2569 (the current one is 2568), got 2570")
    assert lines(PLAN, current=2580)[0].startswith(   # eleven years on
        "5:14: error: fiscal_year: expected a fiscal year from 2570 to 2581 (the current one is 2580), got 2569")


def test_a_mistyped_month_is_one_error_at_it():
    text = SHIPPED.replace("      from: 2567-10\n", "      from: 2576-10\n", 1)
    assert lines(text) == [
        "80:13: error: measures[3].period.from: expected a month from 2558-10 to 2570-09 (fiscal years 2559 to "
        "2570), got '2576-10' (did you mean 2567-10?) [ITA215]"]


def test_a_mistyped_year_that_reverses_a_period_is_not_a_swap():
    text = SHIPPED.replace("      to: 2568-09\n    results", "      to: 2058-09\n    results", 1)
    assert lines(text) == [   # 2058 is no Christian-era year of a report (2601): no guess
        "81:11: error: measures[3].period.to: expected YYYY-MM in Buddhist era (e.g. 2567-10), got '2058-09' "
        "[ITA212]"]
    text = SHIPPED.replace("      from: 2567-10\n", "      from: 2657-10\n", 1).replace(
        "      to: 2568-09\n    results", "      to: 2568-09\n    results", 1)
    assert lines(text) == [
        "80:13: error: measures[3].period.from: expected a month from 2558-10 to 2570-09 (fiscal years 2559 to "
        "2570), got '2657-10' (did you mean 2567-10?) [ITA215]"]
    reversed_ = SHIPPED.replace("      from: 2567-10\n      to: 2568-09\n", "      from: 2568-09\n      to: 2567-10\n")
    assert lines(reversed_) == [
        "80:7: error: measures[3].period: expected 'from' before 'to', got a period that starts in 2568-09 and ends "
        "in 2567-10 (swap them?) [ITA210]"]


def test_a_mistyped_year_in_a_text_period_the_date_and_the_results():
    text = PLAN.replace("{from: 2568-10, to: 2569-03}", "มี.ค. 96").replace(
        "\nkind: measures-plan\n", "\nkind: measures-plan\ndate: 2596-09-30\n").replace(
        "  fiscal_year: 2568", "  fiscal_year: 2658")
    assert lines(text) == [
        "7:7: error: date: expected a date from 2558-10 to 2570-09 (fiscal years 2559 to 2570), got '2596-09-30' "
        "(did you mean 2569-09-30?) [ITA215]",
        "9:16: error: ita_results.fiscal_year: expected a fiscal year from 2559 to 2570 (the current one is 2569), "
        "got 2658 (did you mean 2568?) [ITA215]",
        "25:13: error: measures[2].period: expected a month from 2558-10 to 2570-09 (fiscal years 2559 to 2570), "
        "got 'มี.ค. 96' (did you mean 2569-03?) [ITA215]"]


def test_a_text_period_read_in_a_mistyped_fiscal_year_adds_nothing():
    text = PLAN.replace("{from: 2568-10, to: 2569-03}", "ไตรมาสที่ 2").replace("fiscal_year: 2569", "fiscal_year: 2596")
    assert [line.split(": ")[2] for line in lines(text)] == ["fiscal_year"]


def test_a_christian_era_year_is_still_one_message():
    assert lines(PLAN.replace("fiscal_year: 2569", "fiscal_year: 2026")) == [
        "5:14: error: fiscal_year: expected a Buddhist-era year (พ.ศ.), not a Christian-era one, got '2026' "
        "(did you mean 2569?) [ITA211]"]


def test_in_thai():
    [line] = lines(PLAN.replace("fiscal_year: 2569", "fiscal_year: 2596"), language="th")
    assert line == ("5:14: error: fiscal_year: ปีงบประมาณต้องอยู่ระหว่าง 2559 ถึง 2570 (ปีงบประมาณปัจจุบันคือ 2569) "
                    "แต่พบ 2596 (หมายถึง 2569 หรือไม่) [ITA215]")


def test_build_refuses_a_mistyped_fiscal_year(tmp_path):
    """Through the real command line, with today's fiscal year: the report is not made with พ.ศ. ๒๕๙๖."""
    (tmp_path / "plan.yaml").write_text(PLAN.replace("fiscal_year: 2569", "fiscal_year: 2596"), encoding="utf-8")
    result = run_cli("build", "plan.yaml", "-o", "out/", cwd=tmp_path)
    assert result.returncode == 1
    assert "plan.yaml:5:14: error: fiscal_year: expected a fiscal year from " in result.stdout + result.stderr
    assert "got 2596 (did you mean 2569?) [ITA215]" in result.stdout + result.stderr
    assert not (tmp_path / "out").exists() or not list((tmp_path / "out").iterdir())
