"""itareport lint on the real report: the seed as published (typos kept) and the cleaned data file."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from helpers import DATA, TEST_DATA, diagnostic_lines, run_cli

FINDING = re.compile(r"^(?P<file>.+?):(?P<line>\d+):(?P<col>\d+): warning: (?P<path>\S*): (?P<kind>[a-z-]+): "
                     r"'(?P<fragment>[^']*)'", re.M)

# The typos named in the issue, as published (with a little context where the typo alone also matches
# good text: มาตรการการใช้), and the piece a finding's fragment must contain.
TYPOS = [
    ("ภายใรับทราบ", "ภายใ"),
    ("ภายใหน่วยงาน", "ภายใ"),
    ("เข้าใใน", "เข้าใ"),
    ("กิจกรรรม", "รรร"),
    ("คุ่มครอง", "คุ่ม"),
    ("ปฏิบัติการ การการ", "การการ"),
    ("สาธารณะชน", "สาธารณะชน"),
    ("ประพฤติมิ ชอบ", "มิ ชอบ"),
]


def findings(stdout: str) -> list[dict]:
    return [m.groupdict() for m in FINDING.finditer(stdout)]


@pytest.fixture(scope="module")
def published(tmp_path_factory) -> Path:
    """The seed report imported as published, by the real `itareport import`."""
    out = tmp_path_factory.mktemp("published") / "seed_2568.yaml"
    result = run_cli("import", TEST_DATA / "seed_2568.txt", "-o", out)
    assert out.is_file(), f"itareport import wrote nothing (exit {result.returncode}):\n{result.stderr}"
    return out


def lines_of(source: str, typo: str, piece: str) -> list[int]:
    """Every line where the piece of the typo starts in the YAML source (a space may be a folded line break)."""
    def flexible(text: str) -> str:
        return r"\s+".join(map(re.escape, text.split(" ")))

    k = typo.index(piece)
    pattern = flexible(typo[:k]) + "(" + flexible(typo[k:]) + ")" if k else "(" + flexible(typo) + ")"
    return [source.count("\n", 0, m.start(1)) + 1 for m in re.finditer(pattern, source)]


def test_lint_reports_the_published_typos_at_their_lines(published):
    source = published.read_text(encoding="utf-8")
    result = run_cli("lint", published)
    assert result.returncode == 1, result.stdout + result.stderr
    found = findings(result.stdout)
    assert len(found) == len(diagnostic_lines(result.stdout)) - 1, result.stdout  # every line but the summary parses
    lines = source.splitlines()
    reported, missed = [], []
    for typo, piece in TYPOS:
        where = lines_of(source, typo, piece)
        assert where, f"the import lost the typo {typo!r}: the test cannot check it"
        hits = [[f for f in found if int(f["line"]) == line and piece in f["fragment"]] for line in where]
        if all(hits):
            reported.append(typo)
        else:
            missed.append((typo, [line for line, h in zip(where, hits, strict=False) if not h]))
        for line, h in zip(where, hits, strict=False):
            for f in h:  # the column points at the fragment when it sits on one line of the source
                if f["fragment"] in lines[line - 1]:
                    assert lines[line - 1][int(f["col"]) - 1:].startswith(f["fragment"]), (f, lines[line - 1])
    print(f"{len(reported)} of {len(TYPOS)} typos reported; missed: {missed}")
    assert len(reported) >= 6, f"only {reported} reported; missed (typo, lines): {missed}\n{result.stdout}"


def test_lint_finds_little_in_the_cleaned_data_file():
    result = run_cli("lint", DATA)
    found = findings(result.stdout)
    assert result.returncode == (1 if found else 0), result.stdout + result.stderr
    assert len(found) == len(diagnostic_lines(result.stdout)) - 1, result.stdout
    print(f"{len(found)} findings on {DATA.name}:\n{result.stdout}")
    assert len(found) <= 5, result.stdout


def test_the_allow_list_beside_the_data_file_holds_the_agencys_own_words():
    words = (DATA.with_name(DATA.stem + ".words.txt")).read_text(encoding="utf-8").split()
    for word in ("โคกสูงสัมพันธ์", "ชุมแพ", "สำนักปลัด"):
        assert word in words
