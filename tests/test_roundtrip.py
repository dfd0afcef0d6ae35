"""`itareport import EDITED --update DATAFILE`: the Word report and the Excel workbook as editors of the
data file. An unedited document changes nothing (byte for byte); each edit made in Word or Excel comes
back as exactly the data file's lines that hold it, in the file's own digits and forms; a value changed
on both sides is a conflict; bad input changes nothing."""

from __future__ import annotations

import shutil
import stat
import zipfile
from pathlib import Path

import docx
import openpyxl
from msoffcrypto.format.ooxml import OOXMLFile

from helpers import (
    DATA,
    TEST_DATA,
    cell_text,
    libreoffice_convert,
    rewrite_parts,
    run_cli,
    sheets_reversed,
    table_rows,
)
from itareport.kinds import STARTERS
from itareport.roundtrip import plan_update
from itareport.roundtrip.back import strip_label
from itareport.scaffold import init_text
from roundtrip_edits import (
    add_paragraph_after,
    add_row_after,
    build,
    changed_lines,
    main_table,
    paragraph_with,
    remove_row,
    set_text,
    signature_table,
)

RICH = TEST_DATA / "roundtrip.yaml"


def thai_digits(text: str) -> str:
    """The rich file with every digit of its texts and values in Thai digits."""
    return text.translate(str.maketrans("0123456789", "๐๑๒๓๔๕๖๗๘๙")).replace("version: ๑", "version: 1")


def data_files(tmp_path: Path) -> dict[str, Path]:
    files = {"shipped": DATA.read_text(encoding="utf-8"), "rich": RICH.read_text(encoding="utf-8")}
    files["thai-digits"] = thai_digits(files["rich"])
    files["arabic-numerals"] = files["rich"].replace("fiscal_year: 2569\n", "fiscal_year: 2569\nnumerals: arabic\n")
    for name in STARTERS:
        files[f"init-{name}"] = init_text("เทศบาลตำบลทดสอบ", 2569, starter=name)
    out = {}
    for name, text in files.items():
        path = tmp_path / name / f"{name}.yaml"
        path.parent.mkdir()
        path.write_bytes(text.encode("utf-8"))
        out[name] = path
    return out


def update(document: Path, data: Path, *more: str):
    return run_cli("import", document, "--update", data, *more)


# --- an unedited document changes nothing -----------------------------------------------------------

def test_an_unedited_document_changes_nothing_for_every_kind_of_file(tmp_path):
    for name, data in data_files(tmp_path).items():
        before = data.read_bytes()
        for fmt in ("docx", "xlsx"):
            document = build(data, fmt)
            result = update(document, data)
            assert result.returncode == 0, (name, fmt, result.stdout, result.stderr)
            assert result.stderr == "", (name, fmt, result.stderr)
            assert "no changes" in result.stdout, (name, fmt, result.stdout)
            assert data.read_bytes() == before, (name, fmt)


def test_plain_import_of_our_own_document_gives_back_the_data_file_it_was_built_from(tmp_path):
    """Signers' roles, position lines and the date, declared columns with keys and types, the title and
    the digits: the data file's own text, comments and all (the document carries it)."""
    files = data_files(tmp_path)
    for name in ("rich", "thai-digits", "shipped"):
        data = files[name]
        for fmt in ("docx", "xlsx"):
            out = tmp_path / f"{name}-{fmt}.yaml"
            result = run_cli("import", build(data, fmt), "-o", out)
            assert result.returncode == 0, result.stderr
            assert out.read_bytes() == data.read_bytes(), (name, fmt)


# --- edits made in Word ------------------------------------------------------------------------------

def test_word_edits_come_back_as_exactly_those_lines(tmp_path):
    data = tmp_path / "rich.yaml"
    shutil.copy(RICH, data)
    document = docx.Document(build(data, "docx"))
    table = main_table(document)
    set_text(table.rows[1].cells[3].paragraphs[0], "กองคลัง")                        # a cell changed
    add_paragraph_after(table.rows[1].cells[1].paragraphs[2], "ขั้นตอนที่เพิ่ม ๔")        # a step line added
    set_text(table.rows[1].cells[1].paragraphs[1], "๒.\tขั้นตอน ๒ แก้ไข")               # a step changed
    set_text(table.rows[4].cells[2].paragraphs[0], "๕,๐๐๐")                           # money
    set_text(table.rows[3].cells[6].paragraphs[0], "ดำเนินการแล้ว")                     # a status
    set_text(table.rows[1].cells[4].paragraphs[0], "ตุลาคม พ.ศ. ๒๕๖๘ - มีนาคม พ.ศ. ๒๕๖๙")  # a period
    add_row_after(table, 4, [["๔.\tมาตรการใหม่"], ["๑.\tขั้นแรก", "๒.\tขั้นสอง"], "๑,๒๐๐", "กองช่าง",
                             "ปีงบประมาณ พ.ศ. ๒๕๖๙", ["-\tผลใหม่"], "ยังไม่ได้ดำเนินการ"])     # a row added
    add_row_after(table, 3, [["-\tกิจกรรมที่ ๓"], ["๑.\tทำ ค"], "", "กองคลัง", "ปีงบประมาณ พ.ศ. ๒๕๖๙",
                             [], "ยังไม่ได้ดำเนินการ"])                                     # an activity added
    set_text(paragraph_with(signature_table(document).rows[0].cells[1], "นายก"), "นายกเทศมนตรีตำบลทดสอบ")
    edited = tmp_path / "edited.docx"
    document.save(edited)
    old = data.read_text(encoding="utf-8")

    result = update(edited, data)
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stderr == ""
    assert "6 values changed, 1 measure added, 1 activity added, no conflicts" in result.stdout
    removed, added = changed_lines(old, data.read_text(encoding="utf-8"))
    assert removed == ["    position: นายกเทศมนตรี", "    steps: [ขั้นตอน 1, ขั้นตอน 2, ขั้นตอน 3]", "    owner: สำนักปลัด",
                       "    period: fiscal-year", '    budget: "0"']
    assert added == ["    position: นายกเทศมนตรีตำบลทดสอบ",
                     "    steps: [ขั้นตอน 1, ขั้นตอน 2 แก้ไข, ขั้นตอน 3, ขั้นตอนที่เพิ่ม 4]",   # Thai digits typed: Arabic
                     "    owner: กองคลัง",
                     "    period:", "      from: 2568-10", "      to: 2569-03",            # the file's form of a range
                     "        status: done",                                               # the file's status keys
                     "      - title: กิจกรรมที่ 3", "        steps:", "          - ทำ ค", "        owner: กองคลัง",
                     "        period: fiscal-year",                                        # (its status: not-started
                     '    budget: "5,000"',                                                # lines up with the old one)
                     "", "  - title: มาตรการใหม่", "    steps: [ขั้นแรก, ขั้นสอง]", "    budget: 1,200",
                     "    owner: กองช่าง", "    period: fiscal-year", "    results: [ผลใหม่]", "    status: not-started"]

    rebuilt = table_rows(build(data, "docx"), 1)     # table 0 is the ITA results' indicators
    assert rebuilt[1][1] == ["๑.\tขั้นตอน ๑", "๒.\tขั้นตอน ๒ แก้ไข", "๓.\tขั้นตอน ๓", "๔.\tขั้นตอนที่เพิ่ม ๔"]
    assert rebuilt[1][3] == ["กองคลัง"]
    assert rebuilt[4][0] == ["-\tกิจกรรมที่ ๓"]
    assert rebuilt[6][0] == ["๔.\tมาตรการใหม่"] and rebuilt[7][2] == ["๒๓,๗๐๐.๕๐"]   # the total row adds the new amounts


def test_the_one_cell_dry_run_diff(tmp_path):
    data = tmp_path / "measures_2568.yaml"
    shutil.copy(DATA, data)
    document = docx.Document(build(data, "docx"))
    set_text(main_table(document).rows[1].cells[2].paragraphs[0], "กองคลัง")
    document.save(tmp_path / "edited.docx")
    before = data.read_bytes()
    result = run_cli("import", "edited.docx", "--update", data.name, "--dry-run", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert data.read_bytes() == before
    assert result.stdout.splitlines()[:3] == ["--- a/measures_2568.yaml", "+++ b/measures_2568.yaml",
                                              "@@ -45,7 +45,7 @@"]
    assert "\n-    owner: สำนักปลัด\n+    owner: กองคลัง\n" in result.stdout
    assert result.stdout.count("\n-") == 1 and result.stdout.count("\n+") == 2   # +++ and the one line
    assert "would write 1 value changed, no conflicts (--dry-run: nothing written)" in result.stdout


def test_digits_go_back_as_the_file_writes_them(tmp_path):
    """Thai digits typed into an Arabic-digit file go back Arabic; Arabic typed into a Thai-digit file
    go back Thai; the untouched digits of a text stay as they were."""
    arabic = tmp_path / "arabic.yaml"
    arabic.write_text(RICH.read_text(encoding="utf-8").replace("fiscal_year: 2569\n",
                                                             "fiscal_year: 2569\nnumerals: arabic\n"), encoding="utf-8")
    thai = tmp_path / "thai.yaml"
    thai.write_text(thai_digits(RICH.read_text(encoding="utf-8")), encoding="utf-8")
    for data, typed, expected in ((arabic, "ทำแล้ว ๙๐% ใน ๓ เดือน", "[ทำแล้ว 90% ใน 3 เดือน]"),
                                  (thai, "ทำแล้ว 90% ใน 3 เดือน ISO9001", "[ทำแล้ว ๙๐% ใน ๓ เดือน ISO9001]")):
        document = docx.Document(build(data, "docx"))
        set_text(main_table(document).rows[1].cells[5].paragraphs[0], "-\t" + typed)
        document.save(tmp_path / "edited.docx")
        old = data.read_text(encoding="utf-8")
        assert update(tmp_path / "edited.docx", data).returncode == 0
        assert changed_lines(old, data.read_text(encoding="utf-8"))[1] == [f"    results: {expected}"]


# --- edits made in Excel ------------------------------------------------------------------------------

def test_excel_edits_come_back_as_exactly_those_lines(tmp_path):
    data = tmp_path / "rich.yaml"
    data.write_text(RICH.read_text(encoding="utf-8").replace("fiscal_year: 2569\n",
                                                           "fiscal_year: 2569\nnumerals: arabic\n"), encoding="utf-8")
    book = openpyxl.load_workbook(build(data, "xlsx"))
    sheet = book["รายงาน"]
    assert sheet["B15"].value == "1. ขั้นตอนเดียว" and sheet["B16"].value is None
    sheet["B16"] = "2. ขั้นตอนเพิ่ม ๒ ข้อ"            # a step typed into the empty line under the last one
    sheet["C10"] = 20000                              # money typed as a number
    sheet["C13"] = 2500.5                             # the same amount, typed again: no change
    sheet["D10"] = "กองคลัง ๓ คน"                     # Thai digits into an Arabic-digit file
    facts = book["ข้อมูลรายงาน"]
    for _label, value, place in facts.iter_rows(min_row=2, max_col=3):
        if place.value == "signers[2].position[1]":
            value.value = "นายกเทศมนตรีตำบลทดสอบ"
        if place.value == "date":
            value.value = "วันที่ 20 เดือน ตุลาคม พ.ศ. 2569"
    book.save(tmp_path / "edited.xlsx")
    old = data.read_text(encoding="utf-8")
    result = update(tmp_path / "edited.xlsx", data)
    assert result.returncode == 0 and result.stderr == "", result.stdout + result.stderr
    assert changed_lines(old, data.read_text(encoding="utf-8")) == (
        ["    position: นายกเทศมนตรี", "date: 2569-10-15", "    budget: 15,000", "    owner: สำนักปลัด",
         "    steps: [ขั้นตอนเดียว]"],
        ["    position: นายกเทศมนตรีตำบลทดสอบ", "date: 2569-10-20", "    budget: 20,000", "    owner: กองคลัง 3 คน",
         "    steps: [ขั้นตอนเดียว, ขั้นตอนเพิ่ม 2 ข้อ]"])


def test_a_workbook_as_other_programs_save_it_reads_as_excel_shows_it(tmp_path):
    """What the workbook's XML says and Excel does not show is not read: a <dimension> saying the sheet is
    smaller than it is, text kept in a cell a merged range covers (LibreOffice can keep it, hidden), sheets
    listed in another order than their parts are numbered."""
    data = tmp_path / "rich.yaml"
    shutil.copy(RICH, data)
    book = openpyxl.load_workbook(build(data, "xlsx"))
    sheet = book["รายงาน"]
    assert sheet["D13"].value == "กองคลัง" and sheet["D21"].value == "(นายสมชาย ใจงาม)"
    assert "D21:G21" in sheet.merged_cells
    sheet["D13"] = "กองคลังเทศบาล"
    book.save(tmp_path / "edited.xlsx")

    def change(name: str, xml: bytes) -> bytes:
        if name == "xl/workbook.xml":
            return sheets_reversed(xml)
        if name == "xl/worksheets/sheet1.xml":   # the report sheet
            return cell_text(xml, "E21", "ซ่อนไว้").replace(b'<dimension ref="A1:G35"/>', b'<dimension ref="A1:B3"/>')
        return xml

    rewrite_parts(tmp_path / "edited.xlsx", change)
    assert openpyxl.load_workbook(tmp_path / "edited.xlsx").sheetnames[-1] == "รายงาน"
    plan = plan_update(tmp_path / "edited.xlsx", data)
    assert changed_lines(plan.old_text, plan.new_text) == (["        owner: กองคลัง"], ["        owner: กองคลังเทศบาล"])
    assert plan.edits.counts == {"values": 1} and not plan.warnings and not plan.edits.notes


# --- three ways ------------------------------------------------------------------------------------

def _edited_owner(tmp_path: Path, data: Path, row: int, owner: str) -> Path:
    document = docx.Document(build(data, "docx", tmp_path / "built.docx"))
    set_text(main_table(document).rows[row].cells[3].paragraphs[0], owner)
    document.save(tmp_path / "edited.docx")
    return tmp_path / "edited.docx"


def _both_sides_changed(tmp_path: Path, row: int, owner: str) -> tuple[Path, Path]:
    """The data file, and a document built from it whose row's owner was changed; then the data file's
    first owner changed too."""
    data = tmp_path / "rich.yaml"
    shutil.copy(RICH, data)
    edited = _edited_owner(tmp_path, data, row, owner)
    data.write_text(data.read_text(encoding="utf-8").replace("owner: สำนักปลัด", "owner: สำนักปลัดเทศบาล"),
                    encoding="utf-8")
    return data, edited


def test_the_same_value_changed_on_both_sides_is_a_conflict_and_nothing_is_written(tmp_path):
    data, edited = _both_sides_changed(tmp_path, 1, "กองคลัง")
    before = data.read_bytes()
    result = update(edited, data)
    assert result.returncode == 1
    assert "1 value was changed both in the data file and in the document; nothing was written" in result.stderr
    assert "measures[1].owner: the data file has 'สำนักปลัดเทศบาล', the document has 'กองคลัง'" in result.stderr
    assert data.read_bytes() == before
    result = update(edited, data, "--theirs")
    assert result.returncode == 0, result.stderr
    assert changed_lines(before.decode(), data.read_text(encoding="utf-8")) == (
        ["    owner: สำนักปลัดเทศบาล"], ["    owner: กองคลัง"])


def test_different_values_changed_on_each_side_are_both_kept(tmp_path):
    data, edited = _both_sides_changed(tmp_path, 4, "กองสาธารณสุข")
    result = update(edited, data)
    assert result.returncode == 0, result.stderr
    text = data.read_text(encoding="utf-8")
    assert "owner: สำนักปลัดเทศบาล" in text and "owner: กองสาธารณสุข" in text and "กองการศึกษา" not in text


def test_a_document_without_its_data_is_compared_with_the_data_file_with_a_warning(tmp_path):
    data = tmp_path / "rich.yaml"
    shutil.copy(RICH, data)
    edited = _edited_owner(tmp_path, data, 1, "กองคลัง")
    stripped = tmp_path / "stripped.docx"   # what a program that drops custom parts leaves
    with zipfile.ZipFile(edited) as zin, zipfile.ZipFile(stripped, "w") as zout:
        for info in zin.infolist():
            if not info.filename.startswith(("customXml/", "docProps/custom")):
                zout.writestr(info, zin.read(info))
    data.write_text(data.read_text(encoding="utf-8").replace("owner: กองช่าง", "owner: กองช่างโยธา"),
                    encoding="utf-8")
    result = update(stripped, data)
    assert result.returncode == 0, result.stderr
    assert "does not say which data it was built from" in result.stderr
    text = data.read_text(encoding="utf-8")
    assert "owner: กองคลัง\n" in text
    assert "กองช่างโยธา" not in text   # compared with the file as it is now: the document's กองช่าง wins


# --- rows deleted, columns added -----------------------------------------------------------------------

def test_a_deleted_row_is_removed_only_when_allowed(tmp_path):
    data = tmp_path / "rich.yaml"
    shutil.copy(RICH, data)
    document = docx.Document(build(data, "docx"))
    remove_row(main_table(document), 3)   # กิจกรรมที่ 2
    document.save(tmp_path / "edited.docx")
    before = data.read_bytes()
    result = update(tmp_path / "edited.docx", data)
    assert result.returncode == 0
    assert "row 3 ('กิจกรรมที่ 2') was deleted in the document; it stays in the data file" in result.stderr
    assert data.read_bytes() == before
    result = update(tmp_path / "edited.docx", data, "--allow-delete")
    assert result.returncode == 0 and "1 activity removed" in result.stdout
    removed, added = changed_lines(before.decode(), data.read_text(encoding="utf-8"))
    assert added == [] and removed == ["      - title: กิจกรรมที่ 2", "        steps: ทำ ข", "        owner: กองช่าง",
                                       "        period: ต.ค. 68 - มี.ค. 69", "        status: not-started"]


def test_text_in_a_new_column_is_reported_not_guessed(tmp_path):
    data = tmp_path / "measures.yaml"
    shutil.copy(DATA, data)
    book = openpyxl.load_workbook(build(data, "xlsx"))
    sheet = book["รายงาน"]
    sheet["G8"] = "หมายเหตุ"
    sheet["G9"] = "ข้อความในคอลัมน์ใหม่"
    book.save(tmp_path / "edited.xlsx")
    before = data.read_bytes()
    result = update(tmp_path / "edited.xlsx", data)
    assert result.returncode == 0
    assert "column 'หมายเหตุ' has no key in the data file; its text was not kept: ข้อความในคอลัมน์ใหม่" in result.stderr
    assert data.read_bytes() == before


# --- bad input -----------------------------------------------------------------------------------------

def test_bad_input_changes_nothing(tmp_path):
    data = tmp_path / "rich.yaml"
    shutil.copy(RICH, data)
    built = build(data, "docx")
    before = data.read_bytes()

    damaged = tmp_path / "damaged.docx"
    damaged.write_bytes(built.read_bytes()[:3000])
    result = update(damaged, data)
    assert result.returncode == 2 and "damaged" in result.stderr and data.read_bytes() == before

    for source, suffix in ((built, "docx"), (build(data, "xlsx"), "xlsx")):
        locked = tmp_path / f"locked.{suffix}"
        with open(source, "rb") as plain, open(locked, "wb") as out:
            office = OOXMLFile(plain)
            office.encrypt("รหัส", out)
        result = update(locked, data)
        assert result.returncode == 2 and "protected by a password" in result.stderr, result.stderr
        assert data.read_bytes() == before

    broken = tmp_path / "broken.yaml"
    broken.write_text("version: 1\nagency: [\n", encoding="utf-8")
    result = update(built, broken)
    assert result.returncode == 2 and "broken.yaml:3" in result.stderr and "nothing was written" in result.stderr
    assert broken.read_text(encoding="utf-8") == "version: 1\nagency: [\n"


def test_a_read_only_data_file_is_not_written(tmp_path):
    data = tmp_path / "rich.yaml"
    shutil.copy(RICH, data)
    edited = _edited_owner(tmp_path, data, 1, "กองคลัง")
    data.chmod(stat.S_IRUSR | stat.S_IRGRP)
    result = update(edited, data)
    assert result.returncode == 2 and "the file is read-only; nothing was written" in result.stderr
    assert data.read_bytes() == RICH.read_bytes()


# --- saved again by LibreOffice ------------------------------------------------------------------------

def test_documents_saved_again_by_libreoffice_still_round_trip(tmp_path):
    data = tmp_path / "rich.yaml"
    shutil.copy(RICH, data)
    before = data.read_bytes()
    word = _edited_owner(tmp_path, data, 1, "กองคลัง")
    book = openpyxl.load_workbook(build(data, "xlsx"))
    book["รายงาน"]["D13"] = "กองคลังจังหวัด"
    book.save(tmp_path / "edited.xlsx")
    saved = tmp_path / "saved"
    saved.mkdir()
    shutil.copy(build(data, "docx", tmp_path / "plain.docx"), saved / "plain.docx")
    shutil.copy(build(data, "xlsx", tmp_path / "plain.xlsx"), saved / "plain.xlsx")
    shutil.copy(word, saved / "word.docx")
    shutil.copy(tmp_path / "edited.xlsx", saved / "book.xlsx")
    out = tmp_path / "out"
    out.mkdir()
    docx_out = libreoffice_convert(saved / "plain.docx", "docx", out)
    libreoffice_convert(saved / "word.docx", "docx", out)
    xlsx_out = libreoffice_convert(saved / "plain.xlsx", "xlsx", out)
    libreoffice_convert(saved / "book.xlsx", "xlsx", out)
    for document in (docx_out, xlsx_out):
        result = update(document, data)
        assert result.returncode == 0 and "no changes" in result.stdout, (document, result.stdout, result.stderr)
        assert data.read_bytes() == before
    # openpyxl drops the workbook's copy of the data (Excel keeps it): the workbook goes first, while the
    # data file is still the one it was built from; the Word file, which carries its copy, merges after.
    result = update(out / "book.xlsx", data)
    assert result.returncode == 0 and result.stderr == "", result.stderr
    result = update(out / "word.docx", data)
    assert result.returncode == 0 and result.stderr == "", result.stderr
    assert changed_lines(before.decode(), data.read_text(encoding="utf-8")) == (
        ["    owner: สำนักปลัด", "        owner: กองคลัง"], ["    owner: กองคลัง", "        owner: กองคลังจังหวัด"])



def test_a_measure_numbered_in_the_thousands_loses_its_label_not_its_title():
    # the 1,000th measure of a long report prints as '๑๐๐๐.' and a tab before its title
    assert strip_label("๑๐๐๐.\tนโยบายไม่รับของขวัญ (No Gift Policy)") == "นโยบายไม่รับของขวัญ (No Gift Policy)"
    assert strip_label("1000.\tนโยบาย") == "นโยบาย"
    assert strip_label("2568 ปีงบประมาณ") == "2568 ปีงบประมาณ"
