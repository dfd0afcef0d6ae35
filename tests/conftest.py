"""Shared test helpers: the repository's paths, running the CLI (in-process, or as a real
process where the process is what is tested), and reading a built .docx back."""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import subprocess
import sys
import textwrap
import zipfile
from dataclasses import dataclass
from pathlib import Path

import pytest
from lxml import etree

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "data" / "measures_2568.yaml"
TEST_DATA = ROOT / "tests" / "data"

# Plain output (no rich) and English messages, whatever the machine's locale.
CLI_ENV = {"CI": "true", "PYTHONIOENCODING": "utf-8", "ITAREPORT_LANG": "en"}


# --- running the command line -----------------------------------------------------------

@dataclass
class Ran:
    """What a CLI run gave: the same fields as subprocess.CompletedProcess."""

    returncode: int
    stdout: str
    stderr: str


@contextlib.contextmanager
def _inside(cwd: Path):
    before = os.getcwd()
    os.chdir(cwd)
    try:
        yield
    finally:
        os.chdir(before)


def _invoke(args, env: dict, cwd: Path | None, input: str | None = None):
    """The CLI in this process: the app made by cli.make_app in the language env and args choose (as
    main() does), run by Typer's CliRunner in cwd with env added to os.environ. English again afterwards,
    for the tests that follow."""
    from typer.testing import CliRunner

    from itareport import cli
    from itareport.i18n import detect_language, set_language

    args = [str(a) for a in args]
    app = cli.make_app(detect_language(args, {**os.environ, **env}))
    try:
        with _inside(cwd or ROOT):
            return CliRunner().invoke(app, args, env=env, input=input, prog_name="itareport",
                                      catch_exceptions=False)
    finally:
        set_language("en")


def run_cli(*args, cwd: Path | None = None, env: dict | None = None, input: str | None = None,
            timeout: float | None = None) -> Ran:
    """`itareport ARGS` in this process, in cwd, English unless env or --lang says otherwise.
    (timeout: accepted for the same calls as run_process; an in-process run is not timed.)"""
    result = _invoke(args, {**CLI_ENV, **(env or {})}, cwd, input)
    return Ran(result.exit_code, result.stdout, result.stderr)


def invoke(*args, lang: str = "en", env: dict | None = None, cwd: Path | None = None):
    """The CLI in this process with help and messages in `lang`; click's Result (.exit_code, .stdout,
    .stderr)."""
    return _invoke(args, {"CI": "true", "ITAREPORT_LANG": lang, **(env or {})}, cwd)


def run_process(*args, cwd: Path | None = None, env: dict | None = None, timeout: float = 300,
                input: str | None = None) -> subprocess.CompletedProcess:
    """`python -m itareport ARGS` as a separate process: for exit codes of the process itself,
    pipes, signals, encodings of real streams and installs."""
    full_env = {**os.environ, **CLI_ENV, **(env or {})}
    return subprocess.run([sys.executable, "-m", "itareport", *map(str, args)], cwd=cwd or ROOT,
                          env=full_env, capture_output=True, text=True, timeout=timeout, input=input)


def run_in_terminal(args, cwd, env: dict | None = None) -> tuple[int, str]:
    """The CLI on a pseudo-terminal (rich output unless env says otherwise): exit code and everything it
    printed."""
    import pty

    extra = env or {}
    env = {k: v for k, v in os.environ.items() if k not in ("CI", "NO_COLOR")}
    env.update(TERM="xterm-256color", ITAREPORT_LANG="en", **extra)
    pid, fd = pty.fork()
    if pid == 0:  # child
        os.chdir(cwd)
        os.execve(sys.executable, [sys.executable, "-m", "itareport", *args], env)
    chunks = []
    while True:
        try:
            data = os.read(fd, 65536)
        except OSError:
            break
        if not data:
            break
        chunks.append(data)
    _, status = os.waitpid(pid, 0)
    return os.waitstatus_to_exitcode(status), b"".join(chunks).decode("utf-8", "replace")


def diagnostic_lines(output: str) -> list[str]:
    """The lines of a command's output without the source lines and carets printed under diagnostics."""
    return [line for line in output.splitlines() if not re.match(r" +\d* \| ", line)]


@pytest.fixture(params=["libyaml", "pyyaml"])
def yaml_parser(request, monkeypatch):
    """The same located advice whether PyYAML runs on libyaml (its own words differ) or on its pure-Python parser."""
    import yaml

    from itareport import loader

    if request.param == "pyyaml":
        monkeypatch.setattr(loader, "_Loader", yaml.SafeLoader)
    elif not yaml.__with_libyaml__:
        pytest.fail("PyYAML was installed without libyaml")
    return request.param


@pytest.fixture(scope="session")
def seed_docx(tmp_path_factory) -> Path:
    """data/measures_2568.yaml built once for the session."""
    out = tmp_path_factory.mktemp("seed") / "measures_2568.docx"
    result = run_cli("build", DATA, "-o", out)
    assert result.returncode == 0, result.stderr
    return out


# --- small data files ---------------------------------------------------------------------

VALID = textwrap.dedent("""\
    version: 1
    agency:
      name: เทศบาลตำบลทดสอบ
    fiscal_year: 2568
    measures:
      - title: การป้องกันการทุจริต
        steps:
          - จัดทำคู่มือ
        owner: สำนักปลัด
        period: {from: 2567-10, to: 2568-09}
        results: [ดำเนินการแล้ว]
        outcomes: [ลดโอกาสการทุจริต]
    """)


# --- reading a built .docx back -------------------------------------------------------------

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
NS = {"w": W[1:-1]}
LATIN_OR_URL = re.compile(r"(?:https?://|www\.)\S+|[\w.+-]+@[\w-]+(?:\.[\w-]+)+|[A-Za-z0-9]*[A-Za-z][A-Za-z0-9]*")


def part(path: Path, name: str) -> etree._Element:
    with zipfile.ZipFile(path) as zf:
        return etree.fromstring(zf.read(name))


def paragraph_text(p: etree._Element) -> str:
    out = []
    for node in p.iter(W + "t", W + "tab", W + "br"):
        out.append(node.text or "" if node.tag == W + "t" else ("\t" if node.tag == W + "tab" else "\n"))
    return "".join(out)


def table_rows(path: Path, index: int = 0) -> list[list[list[str]]]:
    """The body's first table (or the one at index; the signature block is the second): rows -> cells ->
    paragraph texts."""
    body = part(path, "word/document.xml")
    table = body.findall("w:body/w:tbl", NS)[index]
    return [[[paragraph_text(p) for p in tc.findall("w:p", NS)] for tc in tr.findall("w:tc", NS)]
            for tr in table.findall("w:tr", NS)]


def body_paragraphs(path: Path) -> list[str]:
    body = part(path, "word/document.xml").find("w:body", NS)
    return [paragraph_text(p) for p in body.findall("w:p", NS)]


def libreoffice_convert(source: Path, target: str, folder: Path) -> Path:
    """LibreOffice converts source (e.g. .html) to target ('docx:MS Word 2007 XML', 'pdf') in folder."""
    if source.parent != folder:
        shutil.copy(source, folder / source.name)
        source = folder / source.name
    result = subprocess.run(
        ["soffice", "--headless", f"-env:UserInstallation=file://{folder}/profile", "--convert-to", target,
         "--outdir", str(folder), str(source)], capture_output=True, text=True, timeout=180)
    out = folder / f"{source.stem}.{target.split(':')[0]}"
    assert out.is_file(), result.stdout + result.stderr
    return out


# --- the published seed report (tests/data/seed_2568.txt) and its comparison ------------------

HEADER_START = "มาตรการ/แนวทาง\t"
TAG = re.compile(r"<[^>]+>")
LEADING_NUMBER = re.compile(r"^\s*[0-9๐-๙]{1,2}\.?\s")
MARKER = re.compile(r"(?:(?<=^)|(?<=\s))(?:[0-9๐-๙]{1,2}\.|-)(?=\s)")
THAI_TO_ARABIC = str.maketrans("๐๑๒๓๔๕๖๗๘๙", "0123456789")


def normalise(text: str) -> str:
    text = TAG.sub(" ", text)
    text = LEADING_NUMBER.sub(" ", text)
    text = MARKER.sub(" ", text)
    return re.sub(r"\s+", "", text).translate(THAI_TO_ARABIC)


def corrections() -> list[tuple[str, str]]:
    lines = (TEST_DATA / "seed_corrections.tsv").read_text(encoding="utf-8").splitlines()[1:]
    return [tuple(line.split("\t")) for line in lines if line.strip()]


def seed_table() -> list[list[str]]:
    lines = (TEST_DATA / "seed_2568.txt").read_text(encoding="utf-8").splitlines()
    rows = [line.split("\t") for line in lines if "\t" in line]
    assert rows[0][0] == "มาตรการ/แนวทาง"
    return [rows[0]] + [row for row in rows[1:] if not (row[0] + "\t").startswith(HEADER_START)]


def corrected(text: str) -> str:
    text = normalise(text)
    for original, fixed in corrections():
        text = text.replace(normalise(original), normalise(fixed))
    return text


# --- Word files of our own making, data variants, and the OOXML validator ----------------------

LOGO_COLOUR = (0, 92, 170)


def png_bytes(width: int = 48, height: int = 48, rgb: tuple[int, int, int] = LOGO_COLOUR) -> bytes:
    """A plain-colour PNG, small enough to write by hand (a letterhead's logo)."""
    import struct
    import zlib

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    rows = b"".join(b"\0" + bytes(rgb) * width for _ in range(height))
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b"")


LETTERHEAD_HEADER = "เทศบาลทดสอบ หัวกระดาษ"
LETTERHEAD_FOOTER = "ถนนทดสอบ โทร. 043-000000"


def make_letterhead(path: Path, own_table_text: bool = False) -> Path:
    """A letterhead as Word makes one: portrait Letter, Normal = Calibri 11 en-US with 1.15 lines,
    a logo and a text in the header, a footer without a page number, a body to be replaced.
    own_table_text: it also defines its own "ITA Table Text" style (Angsana New 14, on purpose)."""
    import io

    import docx
    from docx.enum.style import WD_STYLE_TYPE
    from docx.oxml.ns import qn
    from docx.shared import Cm, Inches, Pt

    document = docx.Document()
    section = document.sections[0]
    section.page_width, section.page_height = Inches(8.5), Inches(11)
    section.left_margin = section.right_margin = Cm(2)
    normal = document.styles["Normal"]
    normal.font.name, normal.font.size = "Calibri", Pt(11)
    normal.paragraph_format.line_spacing = 1.15
    normal.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:cs"), "Calibri")
    header = section.header.paragraphs[0]
    header.add_run().add_picture(io.BytesIO(png_bytes()), width=Cm(1.5))
    header.add_run(" " + LETTERHEAD_HEADER)
    section.footer.paragraphs[0].text = LETTERHEAD_FOOTER
    if own_table_text:
        style = document.styles.add_style("ITA Table Text", WD_STYLE_TYPE.PARAGRAPH)
        style.font.name, style.font.size = "Angsana New", Pt(14)
    document.add_paragraph("ข้อความเดิมในเอกสารต้นแบบ")
    document.save(path)
    return path


def write_data(path: Path, change=None) -> Path:
    """data/measures_2568.yaml, changed by change(data) (a dict), written to path."""
    import yaml

    data = yaml.safe_load(DATA.read_text(encoding="utf-8"))
    if change is not None:
        change(data)
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def audit_errors(path: Path) -> list[str]:
    """openxml-audit's errors for a .docx, as 'part path: description' lines (empty: valid)."""
    from openxml_audit import OpenXmlValidator

    result = OpenXmlValidator(max_errors=1000).validate(str(path))
    return [f"{e.part_uri} {e.path}: {e.description}" for e in result.errors
            if getattr(e.severity, "value", e.severity) == "error"]


CHROMIUM = "/usr/bin/chromium"
CHROMIUM_FLAGS = ("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                  "--disable-component-update", "--disable-sync", "--no-first-run", "--hide-scrollbars")


def chromium(page: Path, width: int, *args: str, height: int = 900) -> str:
    """Headless Chromium on a local page at a window width, in a fresh profile; its stdout."""
    import tempfile

    assert Path(CHROMIUM).is_file(), "Chromium is missing: run tools/install-test-deps.sh"
    with tempfile.TemporaryDirectory(prefix="itareport-chromium-") as profile:
        result = subprocess.run([CHROMIUM, *CHROMIUM_FLAGS, f"--user-data-dir={profile}",
                                 f"--window-size={width},{height}", *args, page.as_uri()],
                                capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr[-2000:]
    return result.stdout


CODE_SUFFIX = re.compile(r" \[ITA\d{3}\]$")


def without_codes(lines):
    """Diagnostic lines without their ' [ITA...]' code (tests of the message text; codes: test_codes.py)."""
    return [CODE_SUFFIX.sub("", line) for line in lines]


def readme_yaml() -> str:
    """The data file example of the README."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    return re.search(r"```yaml\n(.*?)```", text, re.S).group(1)


def readme_x_yaml() -> str:
    """The README's example with the mistakes its validate sessions show (data/x.yaml)."""
    return (readme_yaml().replace("fiscal_year: 2568 ", "fiscal_year: 2025 ")
            .replace("    owner: สำนักปลัด\n    period: fiscal-year", "    ower: สำนักปลัด\n    period: fiscal-year")
            .replace("ดำเนินการจัดทำคู่มือแนวปฏิบัติสำหรับเจ้าหน้าที่", "<p>ดำเนินการจัดทำคู่มือแนวปฏิบัติสำหรับเจ้าหน้าที่</p>"))
