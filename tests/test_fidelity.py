"""Every cell of the published seed report is in the right row and column of the built Word table.

The seed (tests/data/seed_2568.txt) is text extracted from the published report: HTML tags,
stray spaces and typos included. Both sides are compared with HTML stripped, whitespace removed,
item markers (๑. / - ) removed and digits compared as digits; the seed's typos are replaced by the
corrections listed in tests/data/seed_corrections.tsv (the deliberate departures from its wording).
"""

import pytest

from helpers import TEST_DATA, body_paragraphs, corrected, corrections, normalise, seed_table, table_rows


def test_every_correction_applies_to_the_seed():
    whole = normalise((TEST_DATA / "seed_2568.txt").read_text(encoding="utf-8"))
    for original, _ in corrections():
        assert normalise(original) in whole, original


def test_seed_has_the_expected_shape():
    table = seed_table()
    assert len(table) == 1 + 7 and all(len(row) == 6 for row in table)


@pytest.mark.parametrize("row", range(8))
def test_every_seed_cell_is_in_the_same_row_and_column(seed_docx, row):
    built = table_rows(seed_docx)
    assert len(built) == 8
    for col in range(6):
        expected = corrected(seed_table()[row][col])
        got = normalise(" ".join(built[row][col]))
        assert got == expected, f"row {row}, column {col + 1}"


def test_title_and_intro(seed_docx):
    seed_lines = [line for line in (TEST_DATA / "seed_2568.txt").read_text(encoding="utf-8").splitlines()
                  if line.strip() and "\t" not in line]
    built = [normalise(p) for p in body_paragraphs(seed_docx) if p.strip()]
    for line in seed_lines[:5]:  # four title lines and the intro
        assert corrected(line) in built, line
