"""Document kinds, declared columns and ita_results: formatting, validation, every format, init and new-year."""

from __future__ import annotations

import ast
import json
import re
import subprocess
import sys
import zipfile
from decimal import Decimal
from pathlib import Path

import pytest
import yaml
from jsonschema import Draft202012Validator

from helpers import NS, W, body_paragraphs, part, table_rows
from itareport.build import BuildOptions, build_file
from itareport.cells import format_money, grade, parse_number, status_word
from itareport.kinds import KINDS, STARTERS, standard_wording
from itareport.loader import load_text
from itareport.scaffold import init_text, new_year
from itareport.validate import load_valid_report, validate_loaded
from itareport.view import build_view, final_text

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "docs" / "kinds"
SCHEMA = json.loads((ROOT / "schema" / "itareport.schema.json").read_text(encoding="utf-8"))

def docx_rows(path: Path) -> list:
    """The first table's texts, no-break spaces (Thai typography on main) read as spaces."""
    return [[[text.replace("\xa0", " ") for text in cell] for cell in row] for row in table_rows(path)]


def docx_paragraphs(path: Path) -> list[str]:
    return [text.replace("\xa0", " ") for text in body_paragraphs(path)]



def check(text: str):
    return validate_loaded(load_text(text, "x.yaml"))


def lines(text: str) -> list[str]:
    return [d.format() for d in check(text).diagnostics]


# --- money, status, grades ------------------------------------------------------------

@pytest.mark.parametrize("written, amount, printed", [
    ("15000", Decimal(15000), "15,000"), ("15,000", Decimal(15000), "15,000"), ("๑๕,๐๐๐", Decimal(15000), "15,000"),
    ("1250.5", Decimal("1250.5"), "1,250.50"), ("๑,๒๕๐.๕๐", Decimal("1250.50"), "1,250.50"),
    ("1234567", Decimal(1234567), "1,234,567"), ("0", Decimal(0), "0"), (15000, Decimal(15000), "15,000"),
])
def test_money_is_read_in_either_digits_and_printed_with_separators(written, amount, printed):
    assert parse_number(written) == amount
    assert format_money(parse_number(written)) == printed


@pytest.mark.parametrize("written", ["15,00", "1,5000", "abc", "15 บาท", "", "1.2.3", True])
def test_what_is_not_money(written):
    assert parse_number(written) is None


def test_empty_money_prints_a_dash():
    assert format_money(None) == "-"


def test_status_words_in_thai():
    assert [status_word(w) for w in ("done", "in-progress", "not-started", "cancelled")] == [
        "ดำเนินการแล้ว", "อยู่ระหว่างดำเนินการ", "ยังไม่ได้ดำเนินการ", "ยกเลิก"]
    assert status_word("ดำเนินการแล้ว") == "ดำเนินการแล้ว" and status_word(" Done ") == "ดำเนินการแล้ว"
    assert status_word("finished") is None


@pytest.mark.parametrize("score, expected", [
    ("100", "AA"), ("95", "AA"), ("94.99", "A"), ("85", "A"), ("84.99", "B"), ("75", "B"), ("74.99", "C"),
    ("72.40", "C"), ("65", "C"), ("64.99", "D"), ("55", "D"), ("54.99", "E"), ("50", "E"), ("49.99", "F"), ("0", "F"),
])
def test_grade_bands_at_each_boundary(score, expected):
    assert grade(Decimal(score)) == expected


# --- the example files in every format -------------------------------------------------

def build(source: Path, tmp_path: Path, formats=("docx", "html", "md")) -> dict:
    build_file(source, BuildOptions(output=tmp_path, formats=tuple(formats), many=True))
    return {f: tmp_path / f"{source.stem}.{f}" for f in formats}


def test_columns_table_every_cell_under_its_header_with_a_total_row(tmp_path):
    out = build(EXAMPLES / "columns.yaml", tmp_path)
    rows = docx_rows(out["docx"])
    assert rows[0] == [["มาตรการ"], ["วัตถุประสงค์"], ["กิจกรรม/วิธีดำเนินการ"], ["งบประมาณ (บาท)"], ["ผู้รับผิดชอบ"],
                       ["ระยะเวลาดำเนินการ"], ["ผลการดำเนินงาน"], ["สถานะ"]]
    assert rows[1] == [["๑.\tมาตรการป้องกันการรับสินบน"], ["เพื่อป้องกันการรับสินบนของเจ้าหน้าที่"],
                       ["๑.\tประกาศเจตนารมณ์ No Gift Policy"], ["๑๕,๐๐๐"], ["สำนักปลัด"], ["ปีงบประมาณ พ.ศ. ๒๕๖๘"],
                       ["-\tดำเนินการแล้ว"], ["ดำเนินการแล้ว"]]
    assert rows[2][3] == ["๑๒,๕๐๐.๕๐"] and rows[2][7] == ["อยู่ระหว่างดำเนินการ"]
    assert rows[3][0] == ["รวม"] and rows[3][3] == ["๒๗,๕๐๐.๕๐"]
    # the header row repeats on every page; widths are the declared shares of the text width
    table = part(out["docx"], "word/document.xml").find(".//w:tbl", NS)
    trs = table.findall("w:tr", NS)
    assert trs[0].find("w:trPr/w:tblHeader", NS) is not None
    assert all(tr.find("w:trPr/w:tblHeader", NS) is None for tr in trs[1:])
    grid = [int(c.get(W + "w")) for c in table.findall("w:tblGrid/w:gridCol", NS)]
    assert len(grid) == 8 and grid[0] > grid[1] and grid[3] > grid[4]  # title and money wider by default
    md = out["md"].read_text(encoding="utf-8").replace("\xa0", " ")
    assert "| มาตรการ | วัตถุประสงค์ | กิจกรรม/วิธีดำเนินการ | งบประมาณ (บาท) |" in md
    assert "| รวม |  |  | ๒๗,๕๐๐.๕๐ |" in md
    html = out["html"].read_text(encoding="utf-8").replace("\xa0", " ")
    assert '<th scope="col">งบประมาณ (บาท)</th>' in html and "<p>๒๗,๕๐๐.๕๐</p>" in html


def test_totals_in_arabic_numerals(tmp_path):
    text = (EXAMPLES / "columns.yaml").read_text(encoding="utf-8").replace("fiscal_year: 2568",
                                                                          "fiscal_year: 2568\nnumerals: arabic")
    (tmp_path / "a.yaml").write_text(text, encoding="utf-8")
    rows = docx_rows(build(tmp_path / "a.yaml", tmp_path, ["docx"])["docx"])
    assert rows[1][3] == ["15,000"] and rows[2][3] == ["12,500.50"] and rows[3][3] == ["27,500.50"]


def test_empty_money_is_a_dash_and_counts_nothing(tmp_path):
    text = (EXAMPLES / "columns.yaml").read_text(encoding="utf-8").replace("    budget: 15000\n", "")
    report, _ = load_valid_report(_write(tmp_path, text))
    view = build_view(report)
    assert [p.text for p in view.rows[0].cells[3]] == ["-"]
    assert view.rows[-1].total and [p.text for p in view.rows[-1].cells[3]] == ["๑๒,๕๐๐.๕๐"]


def _write(tmp_path: Path, text: str, name: str = "x.yaml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


KIND_HEADERS = {
    "plan": ["มาตรการ/แนวทาง", "ขั้นตอนหรือวิธีการปฏิบัติ", "ผู้รับผิดชอบ", "ระยะเวลา", "เป้าหมาย/ตัวชี้วัด"],
    "progress": ["มาตรการ/กิจกรรม", "ผู้รับผิดชอบ", "ระยะเวลา", "สถานะการดำเนินงาน", "ผลการดำเนินงาน",
                 "ปัญหา อุปสรรค และข้อเสนอแนะ"],
}
KIND_TITLES = {
    "plan": ["มาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน", "ประจำปีงบประมาณ พ.ศ. ๒๕๖๙"],
    "progress": ["รายงานความก้าวหน้าการดำเนินการตามมาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน",
                 "รอบ ๖ เดือน (ตุลาคม พ.ศ. ๒๕๖๘ - มีนาคม พ.ศ. ๒๕๖๙)", "ประจำปีงบประมาณ พ.ศ. ๒๕๖๙"],
}


@pytest.mark.parametrize("name", ["plan", "progress"])
def test_each_kind_has_its_header_row_and_title(name, tmp_path):
    out = build(EXAMPLES / f"{name}.yaml", tmp_path, ["docx", "md"])
    # the ITA results section's table comes first in the plan: take the last table
    tables = part(out["docx"], "word/document.xml").findall(".//w:tbl", NS)
    header = [["".join(t.itertext()) for t in tc.findall("w:p", NS)] for tc in tables[-1].find("w:tr", NS)
              .findall("w:tc", NS)]
    assert [cell[0] for cell in header] == KIND_HEADERS[name]
    paragraphs = docx_paragraphs(out["docx"])
    assert paragraphs[:len(KIND_TITLES[name])] == KIND_TITLES[name]
    assert "| " + " | ".join(KIND_HEADERS[name]) + " |" in out["md"].read_text(encoding="utf-8").replace("\xa0", " ")


def test_progress_report_rows(tmp_path):
    rows = docx_rows(build(EXAMPLES / "progress.yaml", tmp_path, ["docx"])["docx"])
    assert rows[1][3] == ["ดำเนินการแล้ว"] and rows[2][3] == ["อยู่ระหว่างดำเนินการ"]
    assert rows[2][5] == ["-\tเจ้าหน้าที่ไม่เพียงพอ ควรมอบหมายผู้รับผิดชอบสำรอง"]


def test_plan_without_targets_has_four_columns(tmp_path):
    text = re.sub(r"    target: .*\n", "", (EXAMPLES / "plan.yaml").read_text(encoding="utf-8"))
    report, _ = load_valid_report(_write(tmp_path, text))
    assert build_view(report).headers == KIND_HEADERS["plan"][:4]


def test_ita_results_section_before_the_table(tmp_path):
    out = build(EXAMPLES / "plan.yaml", tmp_path)
    paragraphs = docx_paragraphs(out["docx"])
    heading = "ผลการประเมินคุณธรรมและความโปร่งใสในการดำเนินงานของหน่วยงานภาครัฐ (ITA) ประจำปีงบประมาณ พ.ศ. ๒๕๖๘"
    assert heading in paragraphs and "คะแนน ๗๒.๔๐ คะแนน อยู่ในระดับ C" in paragraphs
    assert "๑.\tการเปิดเผยข้อมูลการจัดซื้อจัดจ้างยังไม่ครบถ้วน" in paragraphs
    indicators = docx_rows(out["docx"])  # the first table is the indicators'
    assert indicators == [[["ตัวชี้วัด"], ["คะแนน"], ["หมายเหตุ"]],
                          [["การเปิดเผยข้อมูล"], ["๙๑.๒๕"], [""]],
                          [["การป้องกันการทุจริต"], ["๖๒.๕๐"], ["ต่ำกว่า ๘๕ คะแนน"]]]
    html = out["html"].read_text(encoding="utf-8").replace("\xa0", " ")
    assert html.index("อยู่ในระดับ C") < html.index("มาตรการ/แนวทาง")
    md = out["md"].read_text(encoding="utf-8").replace("\xa0", " ")
    assert "| การป้องกันการทุจริต | ๖๒.๕๐ | ต่ำกว่า ๘๕ คะแนน |" in md and md.index("ระดับ C") < md.index("มาตรการ/แนวทาง")


# --- validation ---------------------------------------------------------------------------

COLUMNS = (EXAMPLES / "columns.yaml").read_text(encoding="utf-8")


@pytest.mark.parametrize("old, new, expected", [
    ("    objective: เพื่อป้องกันการรับสินบนของเจ้าหน้าที่\n", "    objectve: เพื่อป้องกันการรับสินบนของเจ้าหน้าที่\n",
     "x.yaml:17:5: error: measures[1].objectve: unknown key 'objectve' (did you mean 'objective'?): no column declares "
     "it; expected one of: title, details, objective, steps, budget, owner, period, results, status [ITA601]"),
    ("type: money, total: true}", "type: mony, total: true}",
     "x.yaml:10:49: error: columns[4].type: unknown column type 'mony' (did you mean 'money'?); expected one of: "
     "text, list, numbered, period, money, number, status [ITA602]"),
    ("{key: owner, header", "{key: objective, header",
     "x.yaml:11:11: error: columns[5].key: duplicate column key 'objective' (first declared in columns[2]); keep one or "
     "rename it [ITA603]"),
    ("{key: owner, header", "{key: ผู้รับผิดชอบ, header",
     "x.yaml:11:11: error: columns[5].key: expected a key of letters, digits and '_' (such as budget or objective), "
     "got 'ผู้รับผิดชอบ' [ITA604]"),
    ("budget: 15000", "budget: 15,00",
     "x.yaml:19:13: error: measures[1].budget: expected an amount such as 15000 or 15,000.50 (Thai or Arabic digits), "
     "got '15,00' [ITA606]"),
    ("status: done", "status: finished",
     "x.yaml:23:13: error: measures[1].status: expected a status: done, in-progress, not-started, cancelled (or its "
     "Thai words), got 'finished' [ITA607]"),
    ("{key: objective, header: วัตถุประสงค์}", "{key: objective, header: วัตถุประสงค์, total: true}",
     "x.yaml:8:51: error: columns[2].total: a total row adds up money or number columns, and 'objective' is of type "
     "text; set its type or remove total [ITA609]"),
    ("{key: owner, header: ผู้รับผิดชอบ}", "{key: owner, header: ผู้รับผิดชอบ, width: -1}",
     "x.yaml:11:47: error: columns[5].width: expected a width above 0 (a share such as 1 or 2.5), got '-1' [ITA605]"),
    ("  - {key: status, header: สถานะ, type: status}\n",
     "  - {key: status, header: สถานะ, type: status}\n  - {key: remark, header: หมายเหตุ}\n",
     "x.yaml:15:5: warning: columns[9]: column 'remark' (หมายเหตุ) is declared but no measure fills it; fill it in or "
     "remove the column [ITA610]"),
])
def test_located_column_errors(old, new, expected):
    assert old in COLUMNS
    assert expected in lines(COLUMNS.replace(old, new, 1))


@pytest.mark.parametrize("score, ok", [("72.40", True), ("๑๐๐", True), ("0", True), ("100.01", False),
                                       ("-1", False), ("เจ็ดสิบ", False)])
def test_scores_out_of_range(score, ok):
    text = (EXAMPLES / "plan.yaml").read_text(encoding="utf-8").replace("score: 72.40", f"score: {score}")
    found = [line for line in lines(text) if "ITA608" in line]
    assert found == ([] if ok else [f"x.yaml:9:10: error: ita_results.score: expected a score from 0 to 100 (such as "
                                    f"72.40), got '{score}' [ITA608]"])


def test_a_key_the_kind_does_not_print_is_an_error():
    text = (EXAMPLES / "plan.yaml").read_text(encoding="utf-8").replace("    target: [เผยแพร่ครบ 12 เดือน]\n",
                                                                       "    results: [เผยแพร่แล้ว]\n")
    assert ("x.yaml:25:5: error: measures[2].results: unknown key 'results': a measures-plan does not print it; "
            "expected one of: title, details, steps, owner, period, target [ITA601]") in lines(text)


def test_round_outside_a_progress_report_is_a_warning():
    text = (EXAMPLES / "plan.yaml").read_text(encoding="utf-8").replace("kind: measures-plan\n",
                                                                       "kind: measures-plan\nround: 6-months\n")
    assert any("[ITA611]" in line and "warning" in line for line in lines(text))


def test_unknown_kind_is_located():
    text = (EXAMPLES / "plan.yaml").read_text(encoding="utf-8").replace("kind: measures-plan", "kind: measures-plna")
    assert any(line.startswith("x.yaml:6:7: error: kind: expected 'measures-report', 'measures-plan' or "
                               "'progress-report'") for line in lines(text))


def test_old_files_without_columns_keep_their_messages():
    seed = (ROOT / "data" / "measures_2568.yaml").read_text(encoding="utf-8")
    text = seed.replace("    owner: สำนักปลัด\n", "    owner: สำนักปลัด\n    owners: กองคลัง\n", 1)
    assert any("unknown key 'owners' (did you mean 'owner'?); expected one of: title, details, steps, owner, period, "
               "results, outcomes" in line for line in lines(text))


# --- schema, init, new-year ------------------------------------------------------------------

def test_the_schema_covers_kind_columns_and_ita_results():
    validator = Draft202012Validator(SCHEMA)
    for name in ("plan", "progress", "columns"):
        assert not list(validator.iter_errors(yaml.safe_load((EXAMPLES / f"{name}.yaml").read_text(encoding="utf-8"))))
    bad = yaml.safe_load(COLUMNS.replace("type: money", "type: mony"))
    assert list(validator.iter_errors(bad))
    # without columns, a row's unknown key is still refused by the schema
    seed = yaml.safe_load((ROOT / "data" / "measures_2568.yaml").read_text(encoding="utf-8"))
    seed["measures"][0]["budget"] = "1"
    assert list(validator.iter_errors(seed))
    assert set(SCHEMA["properties"]) >= {"kind", "round", "columns", "ita_results"}


@pytest.mark.parametrize("kind", STARTERS)
def test_init_writes_a_valid_starter_of_each_kind_with_thai_comments(kind, tmp_path):
    path = _write(tmp_path, init_text("เทศบาลตำบลหนองบัว", 2569, starter=kind))
    text = path.read_text(encoding="utf-8")
    report, warnings = load_valid_report(path)
    assert report.kind == ("measures-report" if kind == "columns" else kind)
    assert (report.columns is not None) == (kind == "columns")
    assert all(w.severity == "warning" for w in warnings)
    assert len([ln for ln in text.splitlines() if ln.lstrip().startswith("#") and re.search("[ก-๙]", ln)]) >= 15
    build_view(report)


def test_new_year_keeps_kind_and_columns_and_empties_the_results(tmp_path):
    source = _write(tmp_path, COLUMNS, "columns_2568.yaml")
    made = new_year(source, 2569)
    data = yaml.safe_load(made.yaml_text)
    assert data["columns"] == yaml.safe_load(COLUMNS)["columns"]
    first = data["measures"][0]
    assert first["objective"] == "เพื่อป้องกันการรับสินบนของเจ้าหน้าที่" and first["budget"] == "15000"
    assert first["results"] == [] and first["status"] == "not-started"
    progress = _write(tmp_path, (EXAMPLES / "progress.yaml").read_text(encoding="utf-8"), "p_2569.yaml")
    data = yaml.safe_load(new_year(progress, 2570).yaml_text)
    assert data["kind"] == "progress-report" and data["round"] == "6-months"
    assert [m["problems"] for m in data["measures"]] == [[], []] and "outcomes" not in data["measures"][0]
    plan = _write(tmp_path, (EXAMPLES / "plan.yaml").read_text(encoding="utf-8"), "plan_2569.yaml")
    data = yaml.safe_load(new_year(plan, 2570).yaml_text)
    assert data["kind"] == "measures-plan" and "results" not in data["measures"][0] and "ita_results" not in data
    assert data["measures"][0]["target"] == ["บุคลากรร้อยละ 100 รับทราบแนวปฏิบัติ"]
    for made_text in (new_year(source, 2569).yaml_text,):
        assert validate_loaded(load_text(made_text, "n.yaml")).ok


def test_docx_stays_one_valid_package(tmp_path):
    out = build(EXAMPLES / "columns.yaml", tmp_path, ["docx"])["docx"]
    with zipfile.ZipFile(out) as zf:
        assert zf.testzip() is None
    again = tmp_path / "again"
    again.mkdir()
    assert build(EXAMPLES / "columns.yaml", again, ["docx"])["docx"].read_bytes() == out.read_bytes()


def test_pdf_of_a_declared_table_has_its_headers_total_and_results(tmp_path):
    """One LibreOffice conversion: headers, money with separators, the total row, status words."""
    pdf = build(EXAMPLES / "columns.yaml", tmp_path, ["pdf"])["pdf"]
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], check=True, capture_output=True,
                          text=True).stdout
    words = " ".join(text.split())
    for expected in ("วัตถุประสงค์", "งบประมาณ", "๑๕,๐๐๐", "๑๒,๕๐๐.๕๐", "รวม", "๒๗,๕๐๐.๕๐", "อยู่ระหว่าง"):
        assert expected in words, expected


# --- the registry ---------------------------------------------------------------------------------

def _imports(module: str) -> set[str]:
    sys.path.insert(0, str(ROOT / "tools"))
    from check_layout import graph

    edges, seen, todo = graph(), set(), [module]
    while todo:
        name = todo.pop()
        if name not in seen:
            seen.add(name)
            todo += edges.get(name, ())
    return seen - {module}


def _third_party(module: str) -> set[str]:
    path = ROOT / "src" / Path(*module.split("."))
    tree = ast.parse((path / "__init__.py" if path.is_dir() else path.with_suffix(".py")).read_text("utf-8"))
    return {alias.name.split(".")[0] for node in ast.walk(tree) if isinstance(node, ast.Import) for alias in node.names} | \
        {node.module.split(".")[0] for node in ast.walk(tree) if isinstance(node, ast.ImportFrom) and not node.level}


def test_the_registry_imports_no_model_and_no_view():
    assert not {"itareport.model", "itareport.view", "itareport.table", "itareport.validate"} & _imports("itareport.kinds")
    assert "jinja2" not in set().union(*map(_third_party, _imports("itareport.kinds") | {"itareport.kinds"}))


def test_import_runs_no_jinja():
    """import compares a source's title with the registry's wording, which the templates print."""
    closure = _imports("itareport.importer") | {"itareport.importer"}
    assert "itareport.view" not in closure and "itareport.scaffold" not in closure
    assert "jinja2" not in set().union(*map(_third_party, closure))


@pytest.mark.parametrize(("kind", "round_"), [("measures-report", None), ("measures-plan", None),
                                              ("progress-report", "6-months"), ("progress-report", "12-months"),
                                              ("progress-report", None)])
def test_the_built_in_templates_print_the_registry_wording(kind, round_):
    extra = f"kind: {kind}\n" + (f"round: {round_}\n" if round_ else "")
    text = ("version: 1\nagency: {name: เทศบาลตำบลทดสอบ, district: ชุมแพ, province: ขอนแก่น}\nfiscal_year: 2568\n"
            f"{extra}measures:\n  - {{title: ก, steps: [ข], owner: ค, period: fiscal-year}}\n")
    checked = check(text)
    assert not [d for d in checked.diagnostics if d.severity == "error"]
    view = build_view(checked.report)
    standard = standard_wording(KINDS[kind], {"name": "เทศบาลตำบลทดสอบ", "district": "ชุมแพ",
                                              "province": "ขอนแก่น"}, 2568, round_)
    fmt = final_text("thai")
    assert view.title_lines == [fmt(line) for line in standard.title]
    assert view.intro_lines == [fmt(standard.intro)]
    assert view.headers == [c.header for c in KINDS[kind].columns]
    assert standard.title[-1] == "เทศบาลตำบลทดสอบ อำเภอชุมแพ จังหวัดขอนแก่น"
    if round_ == "6-months":
        assert standard.title[1] == "รอบ ๖ เดือน (ตุลาคม พ.ศ. 2567 - มีนาคม พ.ศ. 2568)"
        assert "ของเทศบาลตำบลทดสอบ รอบ ๖ เดือน ประจำปีงบประมาณ" in standard.intro
