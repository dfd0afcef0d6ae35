"""The published seed report (tests/data/seed_2568.txt) and its comparison with what we build."""

from __future__ import annotations

import re

from .paths import TEST_DATA

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
