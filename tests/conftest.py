"""Shared test helpers: the repository's paths and running the real CLI in a subprocess."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "data" / "measures_2568.yaml"
TEST_DATA = ROOT / "tests" / "data"


def run_cli(*args: str, cwd: Path | None = None, env: dict | None = None, timeout: float = 300):
    """`python -m itareport ARGS` as a user would run it; returns the CompletedProcess (text)."""
    full_env = {**os.environ, "CI": "true", "PYTHONIOENCODING": "utf-8"}
    full_env.update(env or {})
    return subprocess.run([sys.executable, "-m", "itareport", *map(str, args)], cwd=cwd or ROOT,
                          env=full_env, capture_output=True, text=True, timeout=timeout)


@pytest.fixture(scope="session")
def seed_docx(tmp_path_factory) -> Path:
    """data/measures_2568.yaml built once for the session, by the CLI."""
    out = tmp_path_factory.mktemp("seed") / "measures_2568.docx"
    result = run_cli("build", DATA, "-o", out)
    assert result.returncode == 0, result.stderr
    return out


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
