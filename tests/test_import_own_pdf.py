"""Plain `itareport import` of a PDF itareport built gives back the data file it was built from.

The build embeds the data file's text in LibreOffice's PDF (render/pdf_source.py, an incremental update);
import reads it when its hash is the one the Keywords name. Built once for the module, by one batch (one
LibreOffice start): the shipped file and each `init --kind` starter with two signers (roles, a position on
two lines) and a date.
"""

from __future__ import annotations

import hashlib
import io
import shutil
from pathlib import Path

import pytest
from pypdf import PdfReader

from helpers import DATA, pdf_fonts, pdf_info, run_cli
from itareport.batch import run_all
from itareport.build import BuildOptions, check_file
from itareport.commands.import_report import import_report
from itareport.errors import InputError
from itareport.files import OutputState
from itareport.kinds import STARTERS
from itareport.provenance import pdf_keywords, pdf_with_source, read_provenance, source_hash
from itareport.render import pdf_source
from itareport.render.pdf import fingerprint, read_fingerprint
from itareport.roundtrip import import_own
from itareport.scaffold import init_text

SIGNERS = """
signers:
  - {name: นายทดสอบ ใจดี, position: [ปลัดเทศบาล, รักษาราชการแทน], role: ผู้รายงาน}
  - name: นางสาวตัวอย่าง ดีงาม
    position: นายกเทศมนตรีตำบลทดสอบ
    role: ผู้เห็นชอบ
date: 2569-09-30
"""
KINDS = ("measures-report", "measures-plan", "progress-report", "columns")
NAMES = ("measures_2568", *KINDS)


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("ownpdf")
    (folder / "data").mkdir()
    (folder / "out").mkdir()
    shutil.copy(DATA, folder / "data" / DATA.name)
    for kind in KINDS:
        assert kind in STARTERS
        text = init_text("เทศบาลตำบลทดสอบ", 2569, starter=kind) + SIGNERS
        (folder / "data" / f"{kind}.yaml").write_text(text, encoding="utf-8")
    sources = [folder / "data" / f"{name}.yaml" for name in NAMES]
    outcomes = list(run_all(sources, BuildOptions(output=folder / "out", formats=("docx", "pdf"), jobs=1)))
    assert not [o for o in outcomes if o.failed], [(o.source, o.error, o.error_diagnostics) for o in outcomes]
    return folder


def files(folder: Path, name: str) -> tuple[Path, Path, Path]:
    return folder / "data" / f"{name}.yaml", folder / "out" / f"{name}.docx", folder / "out" / f"{name}.pdf"


def first_revision(pdf: bytes) -> bytes:
    """The PDF as LibreOffice wrote it: its bytes up to its one end-of-file mark (our update follows)."""
    return pdf[:pdf.index(b"%%EOF") + len(b"%%EOF\n")]


@pytest.mark.parametrize("name", NAMES)
def test_plain_import_of_our_pdf_gives_back_the_data_file_byte_for_byte(built, name, tmp_path):
    source, _docx, pdf = files(built, name)
    out = tmp_path / "back.yaml"
    result = run_cli("import", pdf, "-o", out)
    assert result.returncode == 0, result.stderr
    assert out.read_bytes() == source.read_bytes()
    assert "review" not in out.read_text(encoding="utf-8")   # nothing guessed: not the PDF reader's reading


@pytest.mark.parametrize("name", NAMES)
def test_the_data_file_is_an_attachment_any_reader_lists(built, name):
    source, _docx, pdf = files(built, name)
    reader = PdfReader(pdf)
    assert reader.attachments == {f"{name}.yaml": [source.read_bytes()]}
    [entry] = reader.attachment_list
    assert entry.description == pdf_source.DESCRIPTION and entry.subtype == "/application/yaml"
    assert entry.associated_file_relationship == "/Source" and entry.size == len(source.read_bytes())
    assert entry.checksum.original_bytes == hashlib.md5(source.read_bytes()).digest()   # (read as a text string)
    assert reader.root_object["/AF"][0].get_object()["/UF"] == f"{name}.yaml"
    # poppler (what pdfdetach and pdfinfo are built on) sees it too
    assert pdf_info(pdf)["Page size"] and read_provenance(pdf).source == source.read_text(encoding="utf-8")


@pytest.mark.parametrize("name", NAMES)
def test_libreoffices_pdf_is_kept_and_still_reads_as_before(built, name, tmp_path):
    source, docx, pdf = files(built, name)
    data = pdf.read_bytes()
    original = first_revision(data)
    # an incremental update after LibreOffice's bytes, made again the same from the same bytes
    assert pdf_with_source(original, docx.read_bytes()) == data
    assert PdfReader(io.BytesIO(original)).attachments == {}
    (tmp_path / "original.pdf").write_bytes(original)
    before, after = pdf_info(tmp_path / "original.pdf"), pdf_info(pdf)
    # the newest revision still names the document information: viewers keep the title and the keywords
    for key in ("Title", "Author", "Keywords", "Pages", "Page size", "Producer"):
        assert after[key] == before[key], key
    assert after["Title"] and "itareport-data-sha256-" in after["Keywords"]
    assert read_fingerprint(data) == fingerprint(docx.read_bytes())
    assert len(set(pdf_keywords(data))) == 1 and len(pdf_keywords(data)) == 2   # LibreOffice's and the copy
    fonts = pdf_fonts(pdf)
    assert fonts and all(row[-5] == "yes" for row in fonts)   # every font embedded
    # build --check still compares the fingerprint: current
    outcome = check_file(source, BuildOptions(output=built / "out", formats=("pdf",)))
    assert outcome.states == [(pdf, OutputState.CURRENT)]


def test_a_pdf_whose_attachment_was_changed_is_read_as_any_pdf(built, tmp_path):
    source, _docx, pdf = files(built, "columns")
    original = first_revision(pdf.read_bytes())
    changed = source.read_bytes() + "# แก้หลังสร้าง\n".encode()
    tampered = tmp_path / "tampered.pdf"
    tampered.write_bytes(pdf_source.attach(original, source.name, changed))
    assert source_hash(changed.decode()) != read_provenance(tampered).sha256
    assert read_provenance(tampered).source is None and import_own(tampered, "x.yaml") is None
    bare = tmp_path / "bare.pdf"   # LibreOffice's PDF alone: the Keywords without the file
    bare.write_bytes(original)
    assert read_provenance(bare).source is None and import_own(bare, "x.yaml") is None
    out = tmp_path / "foreign.yaml"
    assert import_report(tampered, out) in (0, 1)
    text = out.read_text(encoding="utf-8")
    assert "# นำเข้าจาก tampered.pdf" in text and text != source.read_text(encoding="utf-8")


def test_a_damaged_pdf_with_our_keywords_is_still_a_clear_error(built, tmp_path, capsys):
    _source, _docx, pdf = files(built, "columns")
    keywords = pdf_keywords(pdf.read_bytes())[0].split(", ")
    damaged = tmp_path / "damaged.pdf"
    damaged.write_bytes(b"%PDF-1.6\n" + b"\x00garbage" * 50 + f"/Keywords ({' '.join(keywords)})".encode()
                        + b"\x00garbage" * 50)
    assert read_provenance(damaged) is not None and read_provenance(damaged).source is None
    with pytest.raises(InputError, match="damaged or unreadable PDF") as caught:
        import_report(damaged, tmp_path / "x.yaml")
    assert caught.value.exit_code == 2 and not (tmp_path / "x.yaml").exists()
    assert capsys.readouterr().err == ""   # pypdf's own notes stay off the terminal
    result = run_cli("import", damaged, "-o", tmp_path / "x.yaml")
    assert result.returncode == 2 and "damaged or unreadable PDF" in result.stderr
    assert "Traceback" not in result.stderr and "pypdf" not in result.stderr
