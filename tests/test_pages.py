"""What only pages show: LibreOffice renders the report; the header row repeats and pages are numbered."""

import shutil
import subprocess

import pytest

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")


@pytest.fixture(scope="module")
def seed_pdf(seed_docx, tmp_path_factory):
    assert SOFFICE, "LibreOffice is missing: run tools/install-test-deps.sh"
    work = tmp_path_factory.mktemp("pdf")
    profile = (work / "profile").as_uri()
    subprocess.run([SOFFICE, "--headless", "--norestore", f"-env:UserInstallation={profile}",
                    "--convert-to", "pdf", "--outdir", str(work), str(seed_docx)],
                   check=True, capture_output=True, timeout=300)
    pdf = work / (seed_docx.stem + ".pdf")
    assert pdf.is_file()
    return pdf


def page_text(pdf, page: int) -> str:
    return subprocess.run(["pdftotext", "-layout", "-f", str(page), "-l", str(page), str(pdf), "-"],
                          check=True, capture_output=True, text=True).stdout


def pages(pdf) -> int:
    info = subprocess.run(["pdfinfo", str(pdf)], check=True, capture_output=True, text=True).stdout
    return int(next(line.split()[-1] for line in info.splitlines() if line.startswith("Pages:")))


def test_report_spans_several_pages(seed_pdf):
    assert pages(seed_pdf) >= 2


@pytest.mark.parametrize("page", [1, 2])
def test_header_row_on_page(seed_pdf, page):
    text = page_text(seed_pdf, page)
    # The header cells wrap inside their columns, so look for words that stay whole.
    for word in ("มาตรการ/", "ระยะเวลา", "ปฏิบัติ", "ดำเนินการ"):
        assert word in text, (page, word)


def test_title_only_on_page_1(seed_pdf):
    assert "ประจำปีงบประมาณ" in page_text(seed_pdf, 1).replace(" ", "")
    assert "ประจำปีงบประมาณพ.ศ.๒๕๖๘" not in page_text(seed_pdf, 2).replace(" ", "")


@pytest.mark.parametrize("page", [1, 2])
def test_page_number_in_footer(seed_pdf, page):
    # LibreOffice 7.4 draws the PAGE field of a thaiNumbers section with Arabic digits (Word: Thai).
    last = [line.strip() for line in page_text(seed_pdf, page).splitlines() if line.strip()][-1]
    assert last in (str(page), "๐๑๒๓๔๕๖๗๘๙"[page])
