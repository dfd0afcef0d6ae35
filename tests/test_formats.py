"""PDF, web page and Markdown from the same data: texts, fonts, escaping, and a real browser."""

from __future__ import annotations

import hashlib
import json
import re
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import pytest

from helpers import DATA, pdf_fonts, pdf_info, run_cli, table_rows
from itareport import __version__
from itareport.provenance import Provenance, read_provenance

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
HEADER_WORDS = ("มาตรการ/", "ระยะเวลา", "ผู้รับผิดชอบ")


def pdf_text(pdf: Path, page: int | None = None) -> str:
    pages = ["-f", str(page), "-l", str(page)] if page else []
    return subprocess.run(["pdftotext", "-layout", *pages, str(pdf), "-"], check=True, capture_output=True,
                          text=True).stdout


def thai_sarabun_installed() -> bool:
    out = subprocess.run(["fc-list", ":", "family"], capture_output=True, text=True).stdout
    return any(name.strip().lower() == "th sarabunpsk" for line in out.splitlines() for name in line.split(","))


@pytest.fixture(scope="module")
def seed(tmp_path_factory):
    """The seed built in all four formats by one CLI run."""
    assert SOFFICE, "LibreOffice is missing: run tools/install-test-deps.sh"
    out = tmp_path_factory.mktemp("formats")
    result = run_cli("build", DATA, "--format", "docx,pdf", "-f", "html", "--format", "md",
                     "-o", out / "measures_2568.docx")
    assert result.returncode == 0, result.stderr
    files = {fmt: out / f"measures_2568.{fmt}" for fmt in ("docx", "pdf", "html", "md")}
    for path in files.values():
        assert path.is_file() and f"wrote {path}" in result.stdout
    return {**files, "stderr": result.stderr}


def test_unknown_format_is_a_usage_error(tmp_path):
    result = run_cli("build", DATA, "--format", "docx,odt", cwd=tmp_path)
    assert result.returncode == 2
    assert "--format: expected docx, pdf, html, md or xlsx, got 'odt'" in result.stderr
    assert list(tmp_path.iterdir()) == []


def test_output_name_follows_format(tmp_path):
    result = run_cli("build", DATA, "--format", "md", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert [p.name for p in tmp_path.iterdir()] == ["measures_2568.md"]


# --- PDF -----------------------------------------------------------------------------

def test_pdf_has_thai_text_and_header_on_page_2(seed):
    text = pdf_text(seed["pdf"]).replace(" ", "")
    assert "เทศบาลตำบลโคกสูงสัมพันธ์อำเภอชุมแพจังหวัดขอนแก่น" in text
    assert "การป้องกันการทุจริต" in text
    assert int(pdf_info(seed["pdf"])["Pages"]) >= 2
    page2 = pdf_text(seed["pdf"], 2)
    for word in HEADER_WORDS:
        assert word in page2, word


def test_pdf_fonts_embedded(seed):
    fonts = pdf_fonts(seed["pdf"])
    assert fonts
    for row in fonts:
        assert row[-5] == "yes", row  # the 'emb' column


def test_pdf_font_substitution_warned_and_compensated(seed, tmp_path):
    names = " ".join(row[0] for row in pdf_fonts(seed["pdf"]))
    if thai_sarabun_installed():
        assert "SarabunPSK" in names and "not installed" not in seed["stderr"]
        return
    assert "font TH SarabunPSK is not installed: the PDF uses Laksaman at 2/3" in seed["stderr"]
    assert "Laksaman" in names
    # LibreOffice's own substitution (Laksaman at 16 pt) runs to far more pages.
    profile = (tmp_path / "profile").as_uri()
    subprocess.run([SOFFICE, "--headless", "--norestore", f"-env:UserInstallation={profile}", "--convert-to",
                    "pdf", "--outdir", str(tmp_path), str(seed["docx"])], check=True, capture_output=True,
                   timeout=300)
    naive = int(pdf_info(tmp_path / "measures_2568.pdf")["Pages"])
    ours = int(pdf_info(seed["pdf"])["Pages"])
    assert ours * 2 <= naive, (ours, naive)


def test_pdf_keywords_fingerprint_the_docx_and_carry_its_provenance(seed):
    digest = hashlib.sha256(seed["docx"].read_bytes()).hexdigest()
    data = hashlib.sha256(DATA.read_bytes()).hexdigest()
    assert pdf_info(seed["pdf"])["Keywords"] == (
        f"itareport-source-sha256-{digest}, itareport-data-name-measures_2568.yaml, "
        f"itareport-data-sha256-{data}, itareport-version-{__version__}")
    assert read_provenance(seed["pdf"]) == Provenance("measures_2568.yaml", data, __version__,
                                                      DATA.read_text(encoding="utf-8"))   # embedded


def _footer_pixels(pdf: Path, folder: Path) -> bytes:
    """Page 1's bottom centre (the page number) as a grey bitmap."""
    stem = folder / "footer"
    subprocess.run(["pdftoppm", "-gray", "-r", "72", "-f", "1", "-l", "1", "-x", "371", "-y", "545",
                    "-W", "100", "-H", "45", str(pdf), str(stem)], check=True, capture_output=True)
    image = next(folder.glob("footer*.pgm"))
    data = image.read_bytes()
    image.unlink()
    return data


def test_pdf_page_numbers_in_thai_digits(seed, tmp_path):
    # The text layer keeps "1"; only the drawn glyphs tell Thai ๑ from Arabic 1.
    arabic_data = tmp_path / "arabic.yaml"
    arabic_data.write_text(DATA.read_text(encoding="utf-8").replace("\nfiscal_year:", "\nnumerals: arabic\nfiscal_year:", 1),
                           encoding="utf-8")
    result = run_cli("build", arabic_data, "--format", "pdf", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    thai = _footer_pixels(seed["pdf"], tmp_path)
    arabic = _footer_pixels(tmp_path / "arabic.pdf", tmp_path)
    blank = bytes([255]) * 100 * 45
    assert not thai.endswith(blank) and not arabic.endswith(blank), "no page number drawn"
    assert thai != arabic
    assert pdf_text(seed["pdf"], 1).split()[-1] == "1"


def test_pdf_keeps_latin_digits_arabic(tmp_path):
    data = tmp_path / "latin.yaml"
    data.write_text("version: 1\nagency: {name: เทศบาลทดสอบ}\nfiscal_year: 2568\nmeasures:\n"
                    "  - title: มาตรฐาน ISO9001 ข้อ 5\n    steps: [ดู https://www.example.go.th/a12]\n"
                    "    owner: สำนักปลัด\n    period: fiscal-year\n    results: [ผล]\n    outcomes: [ผลลัพธ์]\n",
                    encoding="utf-8")
    result = run_cli("build", data, "--format", "pdf", "--format", "docx", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    text = pdf_text(tmp_path / "latin.pdf").replace(" ", "")
    assert "ISO9001" in text and "ข้อ๕" in text and "a12" in text


def test_pdf_without_libreoffice_says_how_to_install(tmp_path):
    empty = tmp_path / "bin"
    empty.mkdir()
    result = run_cli("build", DATA, "--format", "docx,pdf", cwd=tmp_path, env={"PATH": str(empty)})
    assert result.returncode == 2
    assert "LibreOffice (soffice) is not installed" in result.stderr
    assert "apt-get install libreoffice-writer-nogui" in result.stderr
    assert "Traceback" not in result.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bin"]  # not even the .docx


# --- HTML ----------------------------------------------------------------------------

class Page(HTMLParser):
    """Tags, attributes and table cells (paragraph texts) of a page."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict]] = []
        self.rows: list[list[str]] = []
        self.head: list[str] = []
        self.style = ""
        self._where: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        self._where.append(tag)
        if tag == "tr" and "tbody" in self._where:
            self.rows.append([])
        elif tag == "td":
            self.rows[-1].append("")
        elif tag == "th":
            self.head.append("")

    def handle_endtag(self, tag):
        while self._where and self._where.pop() != tag:
            pass

    def handle_data(self, data):
        if "style" in self._where:
            self.style += data
        elif "td" in self._where:
            self.rows[-1][-1] += data
        elif "th" in self._where:
            self.head[-1] += data


def parse(html: str) -> Page:
    page = Page()
    page.feed(html)
    return page


def squeeze(text: str) -> str:
    return re.sub(r"\s+", "", text)


def test_html_page_structure(seed):
    html = seed["html"].read_text(encoding="utf-8")
    assert html.startswith("<!DOCTYPE html>")
    page = parse(html)
    assert ("html", {"lang": "th"}) in page.tags
    assert [t for t, _ in page.tags].count("thead") == 1
    assert page.head == ["มาตรการ/แนวทาง", "ขั้นตอนหรือวิธีการปฏิบัติ", "ผู้รับผิดชอบ", "ระยะเวลา",
                         "สรุปผลการดำเนินการตามมาตรการ/กิจกรรม", "ผลลัพธ์หรือความสำเร็จของการดำเนินการ"]
    assert "@page { size: A4 landscape;" in page.style
    stack = re.search(r"body \{ font-family: ([^;]+);", page.style).group(1)
    assert stack.startswith('"TH SarabunPSK", "TH Sarabun New", "Sarabun", ')
    assert stack.endswith("sans-serif")


def test_html_references_nothing_external(seed):
    page = parse(seed["html"].read_text(encoding="utf-8"))
    for tag, attrs in page.tags:
        assert tag not in ("script", "img", "link", "iframe", "object", "embed", "video", "audio", "base"), tag
        for name in ("src", "href", "srcset", "action", "poster", "data"):
            assert name not in attrs, (tag, attrs)
    assert "@import" not in page.style
    assert not re.search(r"url\(", page.style)


def test_html_and_markdown_show_the_docx_texts(seed):
    """The same digits and labels in every format: the views are one."""
    docx = [[squeeze("".join(paras)) for paras in row] for row in table_rows(seed["docx"])[1:]]
    html = [[squeeze(cell) for cell in row] for row in parse(seed["html"].read_text(encoding="utf-8")).rows]
    assert html == docx
    md_rows = [line for line in seed["md"].read_text(encoding="utf-8").splitlines() if line.startswith("| ")][1:]
    markdown = []
    for line in md_rows:
        cells = re.split(r"(?<!\\)\|", line.strip())[1:-1]
        markdown.append([squeeze(re.sub(r"\\(.)", r"\1", c.replace("<br>", ""))) for c in cells])
    assert markdown == docx
    assert len(docx) >= 7 and "ปีงบประมาณพ.ศ.๒๕๖๘" in {c for row in docx for c in row}


HOSTILE = """version: 1
agency: {name: "เทศบาล <b>ทดสอบ</b> & co"}
fiscal_year: 2568
measures:
  - title: "มาตรการ <script>alert(1)</script> | ท่อ"
    steps: ["ขั้นตอน *ตัวหนา* [ลิงก์](http://x.test) `code`"]
    owner: '"สำนักปลัด" <img src=x onerror=alert(1)>'
    period: fiscal-year
    results: ["ผล &amp; {{ 7*7 }}"]
    outcomes: [ผลลัพธ์]
"""


def test_html_escapes_every_user_text(tmp_path):
    data = tmp_path / "hostile.yaml"
    data.write_text(HOSTILE, encoding="utf-8")
    result = run_cli("build", data, "--format", "html,md", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    html = (tmp_path / "hostile.html").read_text(encoding="utf-8")
    page = parse(html)
    assert [t for t, _ in page.tags if t in ("script", "img", "b")] == []
    assert "&lt;script&gt;alert(๑)&lt;/script&gt;" in html
    assert "&amp;amp;" in html and "{{ 7*7 }}" in html.replace("๗", "7")
    cells = page.rows[0]
    assert cells[0] == "๑.มาตรการ <script>alert(๑)</script> | ท่อ"
    assert cells[2] == '"สำนักปลัด" <img src=x onerror=alert(๑)>'
    assert "เทศบาล <b>ทดสอบ</b> & co" in html.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")


def test_markdown_table_escapes(tmp_path):
    data = tmp_path / "hostile.yaml"
    data.write_text(HOSTILE, encoding="utf-8")
    assert run_cli("build", data, "--format", "md", cwd=tmp_path).returncode == 0
    md = (tmp_path / "hostile.md").read_text(encoding="utf-8")
    lines = [line for line in md.splitlines() if line.startswith("|")]
    assert lines[1] == "|---|---|---|---|---|---|"
    for line in lines:
        assert len(re.findall(r"(?<!\\)\|", line)) == 7, line  # six cells, none split by the data's '|'
    row = lines[2]
    assert r"\<script\>alert(๑)\</script\> \| ท่อ" in row
    assert r"\*ตัวหนา\* \[ลิงก์\](http://x.test) \`code\`" in row
    assert r"ผล \&amp; {{ ๗\*๗ }}" in row


# --- a real browser ------------------------------------------------------------------

def print_in_chromium(html: Path, folder: Path) -> tuple[Path, list[dict]]:
    """Headless Chromium prints the page to PDF; returns it and the page's own network requests."""
    assert CHROMIUM, "Chromium is missing: run tools/install-test-deps.sh"
    pdf, netlog = folder / "browser.pdf", folder / "net.json"
    subprocess.run([CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                    "--disable-background-networking", "--disable-component-update", "--disable-sync",
                    f"--user-data-dir={folder / 'profile'}", "--no-pdf-header-footer",
                    f"--log-net-log={netlog}", f"--print-to-pdf={pdf}", html.as_uri()],
                   check=True, capture_output=True, timeout=180)
    log = json.loads(netlog.read_text(encoding="utf-8"))
    start = log["constants"]["logEventTypes"]["URL_REQUEST_START_JOB"]
    # Chromium's own background requests carry no origin; the page's carry its origin.
    starts = [e.get("params", {}) for e in log["events"] if e["type"] == start]
    requests = [p for p in starts if "url" in p and p.get("initiator") != "not an origin"]
    return pdf, requests


def test_browser_prints_thai_text_and_repeats_header(seed, tmp_path):
    pdf, requests = print_in_chromium(seed["html"], tmp_path)
    assert requests == []
    info = pdf_info(pdf)
    assert int(info["Pages"]) >= 2
    assert info["Page size"].startswith("841.9") and "x 59" in info["Page size"]  # A4 landscape
    page1 = pdf_text(pdf, 1).replace(" ", "")
    assert "รายงานผลการดำเนินการเพื่อส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน" in page1
    assert "การป้องกันการทุจริต" in page1
    page2 = pdf_text(pdf, 2)
    for word in HEADER_WORDS:
        assert word in page2, word
    assert all(row[-5] == "yes" for row in pdf_fonts(pdf))


def test_browser_network_check_can_fail(tmp_path):
    page = tmp_path / "external.html"
    page.write_text('<html lang="th"><body><p>ทดสอบ</p><img src="http://127.0.0.1:9/x.png"></body></html>',
                    encoding="utf-8")
    _, requests = print_in_chromium(page, tmp_path)
    assert [r["url"] for r in requests] == ["http://127.0.0.1:9/x.png"]


def test_readme_pictures(tmp_path):
    from helpers import ROOT

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for name in ("pdf-page1.png", "html-page1.png"):
        picture = ROOT / "docs" / name
        assert f"](docs/{name})" in readme
        data = picture.read_bytes()
        assert data.startswith(b"\x89PNG\r\n\x1a\n") and 20_000 < len(data) < 300_000, (name, len(data))
