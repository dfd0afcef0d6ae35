"""`itareport import REPORT.pdf`: PDFs made by itareport and by LibreOffice, ruled and unruled, a scan.

Fixtures are made here: our own `build -f pdf` of data/measures_2568.yaml (the fidelity goal: every
seed cell comes back at 95% or more), another agency's report (tests/data/import_foreign.html)
converted by LibreOffice to Word and the Word file to PDF (90% of its table's text, spelled right),
the same page without table rules, and an image-only PDF drawn with Pillow.
"""

import difflib
import re
from pathlib import Path

import pytest
import yaml
from PIL import Image

from helpers import DATA, TEST_DATA, corrected, libreoffice_convert, normalise, run_cli, seed_table, table_rows
from itareport.errors import InputError
from itareport.importer import import_file
from itareport.importer.thaifix import join_lines, repair, respell
from itareport.loader import load_text
from itareport.render.docx import render_docx
from itareport.validate import validate_loaded
from itareport.view import base_document, build_view


def similarity(expected: str, got: str) -> float:
    if not expected:
        return 1.0 if not got else 0.0
    matcher = difflib.SequenceMatcher(None, expected, got, autojunk=False)
    return sum(block.size for block in matcher.get_matching_blocks()) / len(expected)


def rebuilt(result, folder: Path) -> Path:
    checked = validate_loaded(load_text(result.yaml_text, "imported.yaml"))
    assert checked.report is not None, [d.format() for d in checked.diagnostics]
    out = folder / "rebuilt.docx"
    out.write_bytes(render_docx(build_view(checked.report), base_document(None)))
    return out


# --- our own PDF --------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def seed_pdf(tmp_path_factory):
    out = tmp_path_factory.mktemp("pdf") / "measures_2568.pdf"
    result = run_cli("build", DATA, "-f", "pdf", "-o", out)
    assert result.returncode == 0, result.stderr
    return out


def test_our_pdf_comes_back_with_every_seed_cell(seed_pdf, tmp_path):
    result = import_file(seed_pdf)
    assert [d for d in result.warnings if d.severity == "error"] == []
    data = result.data
    assert data["agency"] == {"name": "เทศบาลตำบลโคกสูงสัมพันธ์", "district": "ชุมแพ", "province": "ขอนแก่น"}
    assert data["fiscal_year"] == 2568
    assert data["intro"] == yaml.safe_load(DATA.read_text(encoding="utf-8"))["intro"]   # its lines joined again
    built = table_rows(rebuilt(result, tmp_path))
    seed = seed_table()
    assert len(built) == len(seed) == 8
    scores = [similarity(corrected(seed[r][c]), normalise(" ".join(built[r][c])))
              for r in range(1, 8) for c in range(6)]
    print(f"\nown PDF round trip: worst cell {min(scores):.1%}, mean {sum(scores) / len(scores):.1%}")
    assert min(scores) >= 0.95


# --- another agency's Word report, through LibreOffice ---------------------------------------------

FOREIGN_PERIODS = [{"from": "2566-10", "to": "2566-12"}, "fiscal-year", {"from": "2567-01", "to": "2567-03"},
                   {"from": "2567-04", "to": "2567-09"}, {"from": "2567-06", "to": "2567-06"}]


PERIOD_TEXTS = {"ตุลาคม ๒๕๖๖ - ธันวาคม ๒๕๖๖", "ตลอดปีงบประมาณ พ.ศ. ๒๕๖๗", "มกราคม - มีนาคม ๒๕๖๗",
                "เมษายน - กันยายน ๒๕๖๗", "มิถุนายน ๒๕๖๗"}


def html_table_text(html: str) -> str:
    """The table's cell texts, normalised; the periods left out (they become {from, to})."""
    table = html[html.index("<table"):html.index("</table>")]
    cells = re.findall(r"<td[^>]*>(.*?)</td>", table, re.S)
    return normalise(" ".join(c for c in cells if c.strip() not in PERIOD_TEXTS))


def imported_text(result) -> str:
    """Data values and comments of the imported file, normalised as the table text is."""
    return normalise(" ".join(line.split(":", 1)[-1] for line in result.yaml_text.splitlines()
                              if not line.startswith("#") or "ต้นฉบับ" in line))


@pytest.fixture(scope="module")
def foreign_pdf(tmp_path_factory):
    folder = tmp_path_factory.mktemp("foreign")
    word = libreoffice_convert(TEST_DATA / "import_foreign.html", "docx:MS Word 2007 XML", folder)
    return libreoffice_convert(word, "pdf", folder)


def test_a_libreoffice_pdf_keeps_its_table_text_spelled_right(foreign_pdf):
    result = import_file(foreign_pdf)
    data = result.data
    assert data["agency"] == {"name": "เทศบาลตำบลน้ำพอง", "district": "น้ำพอง", "province": "ขอนแก่น"}
    assert data["fiscal_year"] == 2567
    assert data["signers"] == [{"name": "นางสาวมาลี ศรีสุข", "position": "นายกเทศมนตรีตำบลน้ำพอง"}]
    one, two, three, four = data["measures"]
    assert one["steps"] == ["จัดทำประกาศเจตนารมณ์การต่อต้านการรับสินบนของผู้บริหารท้องถิ่น",
                            "ประชาสัมพันธ์ประกาศผ่านเว็บไซต์และบอร์ดประชาสัมพันธ์ของสำนักงาน"]
    assert three["title"] == "มาตรการจัดการเรื่องร้องเรียนการทุจริตและประพฤติมิชอบ"
    assert [a["owner"] for a in three["activities"]] == ["งานนิติการ สำนักปลัดเทศบาล"] * 2   # merged down
    periods = [one["period"], two["period"], *(a["period"] for a in three["activities"]), four["period"]]
    assert periods == FOREIGN_PERIODS
    expected = html_table_text((TEST_DATA / "import_foreign.html").read_text(encoding="utf-8"))
    coverage = similarity(expected, imported_text(result))
    print(f"\nLibreOffice PDF of another agency: {coverage:.1%} of the table text")
    assert coverage >= 0.90
    words = " ".join(str(v) for v in yaml.safe_load(result.yaml_text)["measures"])
    for right in ("ผู้บริหาร", "ร้องเรียน", "ข้อมูล", "คู่มือ", "ร้อยละ", "เชิดชูเกียรติ"):
        assert right in words, right
    for wrong in ("ผ้บริหาร", "รู้อง", "ข้อม้ล", ")", "ำา"):
        assert wrong not in words, wrong


def test_a_table_without_rules_is_read_by_text_positions(tmp_path):
    html = (TEST_DATA / "import_foreign.html").read_text(encoding="utf-8").replace('border="1"', 'border="0"')
    (tmp_path / "unruled.html").write_text(html, encoding="utf-8")
    word = libreoffice_convert(tmp_path / "unruled.html", "docx:MS Word 2007 XML", tmp_path)
    pdf = libreoffice_convert(word, "pdf", tmp_path)
    result = import_file(pdf)
    titles = [m["title"] for m in result.data["measures"]]
    assert titles[:3] == ["มาตรการป้องกันการรับสินบนและผลประโยชน์ทับซ้อน",
                          "มาตรการส่งเสริมความโปร่งใสในการจัดซื้อจัดจ้าง",
                          "มาตรการจัดการเรื่องร้องเรียนการทุจริตและประพฤติมิชอบ"]
    assert result.data["signers"] == [{"name": "นางสาวมาลี ศรีสุข", "position": "นายกเทศมนตรีตำบลน้ำพอง"}]
    coverage = similarity(html_table_text(html), imported_text(result))
    print(f"\nunruled LibreOffice PDF: {coverage:.1%} of the table text")
    assert coverage >= 0.90


# --- a scan ------------------------------------------------------------------------------------------

def test_a_scan_is_refused_and_nothing_is_written(tmp_path):
    scan = tmp_path / "scan.pdf"
    Image.new("RGB", (620, 877), "white").save(scan, "PDF", resolution=75)
    with pytest.raises(InputError, match="the PDF has no text"):
        import_file(scan)
    result = run_cli("import", scan, "-o", tmp_path / "out.yaml")
    assert result.returncode == 2
    assert "OCR is not supported" in result.stderr and "Traceback" not in result.stderr
    assert not (tmp_path / "out.yaml").exists()


def test_a_damaged_or_locked_pdf_is_a_clear_error(tmp_path, seed_docx):
    bad = tmp_path / "bad.pdf"
    bad.write_bytes(b"%PDF-1.7\n" + b"\x00garbage" * 50)
    with pytest.raises(InputError, match="damaged or unreadable PDF"):
        import_file(bad)
    locked = libreoffice_convert(seed_docx, 'pdf:writer_pdf_Export:{"EncryptFile":{"type":"boolean","value":"true"},'
                                            '"DocumentOpenPassword":{"type":"string","value":"secret"}}', tmp_path)
    with pytest.raises(InputError, match="protected by a password"):
        import_file(locked)


# --- Thai text-layer repair -----------------------------------------------------------------------------

@pytest.mark.parametrize("damaged, right", [
    ("ประจำาปี", "ประจำปี"),                   # sara am + sara aa
    ("ประจําปี", "ประจำปี"),                    # nikhahit + sara aa
    ("ข ั้นตอน", "ขั้นตอน"),
    ("ที่่", "ที่"),                             # a doubled mark
    ("ก้ีด", "กี้ด"),                            # tone before the vowel
    ("นำ้า", "น้ำ"),                             # a tone after sara am
])
def test_repair(damaged, right):
    assert repair(damaged) == right


def test_lines_join_without_a_space_between_thai_letters():
    assert join_lines("การเผย", "แพร่") == "การเผยแพร่"
    assert join_lines("ตุลาคม", "๒๕๖๖", space=True) == "ตุลาคม ๒๕๖๖"
    assert join_lines("Policy", "(No Gift)") == "Policy (No Gift)"


def test_respell_only_where_the_dictionary_agrees():
    assert respell("เทศบาลตำบลนำ)าพอง") == "เทศบาลตำบลน้ำพอง"
    assert respell("(No Gift Policy)") == "(No Gift Policy)"
    assert respell("ผููรับผิดชอบ") == "ผู้รับผิดชอบ"
