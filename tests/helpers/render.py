"""Other programs that show the truth of a page: LibreOffice converts, headless Chromium prints."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path


def pdf_info(pdf: Path) -> dict[str, str]:
    """What poppler's pdfinfo says of a PDF (Title, Keywords, Pages, ...): the newest revision's."""
    out = subprocess.run(["pdfinfo", str(pdf)], check=True, capture_output=True, text=True).stdout
    return {k.strip(): v.strip() for k, _, v in (line.partition(":") for line in out.splitlines())}


def pdf_fonts(pdf: Path) -> list[list[str]]:
    """poppler's pdffonts: one row of words per font (name, type, encoding, emb, sub, uni, object, id)."""
    out = subprocess.run(["pdffonts", str(pdf)], check=True, capture_output=True, text=True).stdout
    return [line.split() for line in out.splitlines()[2:] if line.strip()]


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
