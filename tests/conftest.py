"""Shared test helpers: the repository's paths and running the real CLI in a subprocess."""

from __future__ import annotations

import os
import re
import shutil
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


# --- the published seed report's table, normalised for comparing cells ------------------------------
# Both sides with HTML stripped, whitespace removed, item markers (๑. / - ) removed and digits compared
# as digits; the seed's typos replaced by the corrections in tests/data/seed_corrections.tsv.

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
