"""`itareport import` on the published seed text (tab-separated, HTML tags, typos).

Done when: the imported file builds into a report that carries every cell of the seed, in
the same row and column (compared as in test_fidelity: HTML, whitespace and item markers
ignored, digits as digits) — here with the seed's typos kept, since import keeps them.
"""

import pytest
import yaml

from helpers import TEST_DATA, body_paragraphs, normalise, run_cli, seed_table, table_rows

SEED = TEST_DATA / "seed_2568.txt"


@pytest.fixture(scope="module")
def imported(tmp_path_factory):
    folder = tmp_path_factory.mktemp("seed_import")
    out = folder / "seed.yaml"
    result = run_cli("import", SEED, "-o", out)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[0] == f"wrote {out}"
    assert result.stdout.splitlines()[-1] == "read 6 measures, 7 rows, 6 columns, 0 signers; nothing left to check"
    return out, result


@pytest.fixture(scope="module")
def imported_docx(imported):
    out = imported[0].with_suffix(".docx")
    result = run_cli("build", imported[0], "-o", out)
    assert result.returncode == 0, result.stderr
    return out


def test_the_seed_imports_without_warnings_and_validates(imported):
    out, result = imported
    assert result.stderr == ""
    checked = run_cli("validate", out)
    assert checked.returncode == 0, checked.stdout
    assert checked.stdout.strip().endswith("OK: 0 errors, 0 warnings in 1 file")
    assert out.read_text(encoding="utf-8").startswith("# yaml-language-server: $schema=")


@pytest.mark.parametrize("row", range(8))
def test_the_build_of_the_import_carries_every_seed_cell_in_place(imported_docx, row):
    built = table_rows(imported_docx)
    seed = seed_table()
    assert len(built) == len(seed) == 8
    for col in range(6):
        assert normalise(" ".join(built[row][col])) == normalise(seed[row][col]), f"row {row}, column {col + 1}"


def test_the_build_carries_the_title_block_and_intro(imported_docx):
    seed_lines = [line for line in SEED.read_text(encoding="utf-8").splitlines() if line.strip() and "\t" not in line]
    built = [normalise(p) for p in body_paragraphs(imported_docx) if p.strip()]
    for line in seed_lines:
        assert normalise(line) in built, line


def test_texts_are_as_published_typos_and_stray_spaces_kept_tags_gone(imported):
    text = imported[0].read_text(encoding="utf-8")
    for typo in ("บุคคล ภายใรับทราบ", "กิจกรรรม", "สาธารณะชนรับทราบ", "เข้าใในแนวปฏิบัติ", "คุ่มครองผู้ให้ข้อมูล",
                 "ประชาสัมพันธ์ของทาง ร้องเรียน", "แผนปฏิบัติการ การการ ทุจริต", "ไม่นำกับไปใช้",
                 "ประพฤติมิ ชอบ", "ความโปร่งใสของ เทศบาลตำบล", "พ.ศ.๒๕๖๘"):
        assert typo in text, typo
    for tag in ("<p>", "</p>", "<ul", "style="):
        assert tag not in text
    assert "  " not in "".join(line.strip() for line in text.splitlines() if not line.lstrip().startswith("#"))


def test_structure_of_the_seed(imported):
    data = yaml.safe_load(imported[0].read_text(encoding="utf-8"))
    assert data["agency"] == {"name": "เทศบาลตำบลโคกสูงสัมพันธ์", "district": "ชุมแพ", "province": "ขอนแก่น"}
    assert data["fiscal_year"] == 2568 and "numerals" not in data
    measures = data["measures"]
    assert len(measures) == 6
    assert [len(m["steps"]) for m in measures[:5]] == [2, 4, 2, 1, 1]
    assert [len(m["outcomes"]) for m in measures[:5]] == [2, 3, 3, 1, 1]
    assert measures[0]["period"] == "fiscal-year"
    assert measures[2]["period"] == {"from": "2567-10", "to": "2568-09"}
    assert measures[3]["period"] == {"from": "2567-12", "to": "2568-09"}
    # the last row starts with '-': the second activity of measure ๖ (typed '๖ ' without a dot)
    six = measures[5]
    assert six["title"].startswith("กระบวนการควบคุม ตรวจสอบการใช้อำนาจ")
    assert [len(a["steps"]) for a in six["activities"]] == [2, 3]
    assert [len(a["results"]) for a in six["activities"]] == [3, 3]
    assert six["activities"][1]["title"].startswith("กลไกและมาตรการในการแก้ไข")
    assert six["activities"][1]["steps"][0] == "จัดการเรื่องร้องเรียนการทุจริตและ ประพฤติมิชอบภายในหน่วยงาน"


def test_import_to_stdout_gives_the_same_file(imported):
    result = run_cli("import", SEED, "-o", "-")
    assert result.returncode == 0, result.stderr
    written = imported[0].read_text(encoding="utf-8")
    # the same but the modeline: the file's names the schema beside it, stdout's the one seen from here
    assert result.stdout.split("\n", 1)[1] == written.split("\n", 1)[1]
    assert result.stdout.splitlines()[0] == "# yaml-language-server: $schema=schema/itareport.schema.json"
    assert "read 6 measures" in result.stderr
