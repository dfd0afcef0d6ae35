"""The model: its steps before validation (text periods read against the fiscal year, then the rows of
a file with `columns:` tagged, in that order, in one validator) and its own dump, where every rewrite
of a data file starts."""

from __future__ import annotations

from helpers import DATA, ROOT
from itareport.loader import load_text
from itareport.model import (
    FILE_ORDER,
    READINGS,
    ColumnRow,
    Report,
    _measure_kind,
    _row_kind,
    dump_report,
    read_text_periods,
    tag_declared_rows,
)
from itareport.validate import load_valid_report, validate_loaded
from itareport.yaml_writer import dump_yaml

DECLARED = """\
version: 1
agency: {name: เทศบาลตำบลทดสอบ}
fiscal_year: 2568
columns:
  - {key: title, header: มาตรการ}
  - {key: period, header: ระยะเวลา, type: period}
  - {key: deadline, header: กำหนดเสร็จ, type: period}
  - {key: budget, header: งบประมาณ, type: money}
measures:
  - {title: มาตรการ, period: ต.ค. 67 - ธ.ค. 67, deadline: ไตรมาสที่ 2, budget: "100"}
  - title: มาตรการที่มีกิจกรรม
    activities:
      - {title: กิจกรรม, period: ตลอดปีงบประมาณ, deadline: "ม.ค. 2025", budget: "5"}
"""


def test_a_declared_columns_row_with_a_text_period_validates():
    checked = validate_loaded(load_text(DECLARED, "x.yaml"))
    assert checked.ok, checked.diagnostics
    first, second = checked.report.measures[0], checked.report.measures[1].activities[0]
    assert isinstance(first, ColumnRow) and isinstance(second, ColumnRow)
    assert (str(first.period.start), str(first.period.end)) == ("2567-10", "2567-12")
    assert first.model_extra == {"deadline": {"from": "2568-01", "to": "2568-03"}, "budget": "100"}
    assert second.period == "fiscal-year"
    # a text period with a Christian-era year: read as B.E., and warned about where it was written
    assert [(d.code, d.line, d.path) for d in checked.diagnostics] == [
        ("ITA391", 13, "measures[2].activities[1].deadline")]


def test_the_order_of_the_steps_matters():
    data = load_text(DECLARED, "x.yaml").data
    right = tag_declared_rows(read_text_periods(data))
    assert [_measure_kind(m) for m in right["measures"]] == ["declared", "grouped"]
    assert _row_kind(right["measures"][1]["activities"][0]) == "declared"
    # the other way round, reading a text period copies the row, and the copy is no longer tagged
    wrong = read_text_periods(tag_declared_rows(data))
    assert _row_kind(wrong["measures"][0]) == "simple"
    # the model runs them in the right order, and says what it read
    readings: list = []
    Report.model_validate(data, context={READINGS: readings})
    assert [(r.path, r.text) for r in readings] == [
        (("measures", 0, "period"), "ต.ค. 67 - ธ.ค. 67"), (("measures", 0, "deadline"), "ไตรมาสที่ 2"),
        (("measures", 1, "activities", 0, "period"), "ตลอดปีงบประมาณ"),
        (("measures", 1, "activities", 0, "deadline"), "ม.ค. 2025")]


def test_the_dump_is_the_data_file_in_its_order_and_loses_nothing(tmp_path):
    assert set(FILE_ORDER) == set(Report.model_fields)
    for path in (DATA, *sorted((ROOT / "docs" / "kinds").glob("*.yaml"))):
        report, _warnings = load_valid_report(path)
        dumped = dump_report(report)
        assert list(dumped) == [key for key in FILE_ORDER if key in dumped]
        assert Report.model_validate(dumped) == report, path   # months as text, aliases as written
        written = tmp_path / path.name
        written.write_text(dump_yaml(dumped), encoding="utf-8")
        assert load_valid_report(written)[0] == report
