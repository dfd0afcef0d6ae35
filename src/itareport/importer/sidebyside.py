"""Blocks of lines printed side by side (two signers to a row) put in reading order: each
column's lines together, left column first.

A PDF's text layer gives lines by position, so two signers set side by side come out as one
line each ("(ลงชื่อ) .... (ลงชื่อ) ....", "(นายสมชาย ใจงาม) (นายวิชัย มั่นคง)"). The PDF reader
splits a line at a wide gap into segments (pdftext.text_lines with `split`); this module finds the
bands of consecutive rows where segments stand in columns, and gives each band's segments column
by column. A band holding several rows of signers (a gap wider than the usual line spacing
between two groups that each have a '(ลงชื่อ)' line) is taken group by group, so the signers keep
the order they are printed in: row by row, left to right.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from typing import TypeVar

from .labels import SIGN_LINE
from .pdftext import Line

L = TypeVar("L", bound=Line)   # a segment of a line, where it is printed (PDF points, top down)


def _rows(lines: Sequence[L]) -> list[list[L]]:
    """Segments on the same baseline, left to right; rows top down."""
    rows: list[list[L]] = []
    for line in sorted(lines, key=lambda s: (s.top, s.x0)):
        if rows and abs(line.top - rows[-1][0].top) < 0.5 * line.size:
            rows[-1].append(line)
        else:
            rows.append([line])
    for row in rows:
        row.sort(key=lambda s: s.x0)
    return rows


def _cuts(row: list[L]) -> list[float]:
    return [(a.x1 + b.x0) / 2 for a, b in itertools.pairwise(row)]


def _fits(row: list[L], cuts: list[float]) -> bool:
    """No segment of the row straddles a cut between columns."""
    return all(not (s.x0 < cut < s.x1) for s in row for cut in cuts)


def _column(segment: L, cuts: list[float]) -> int:
    middle = (segment.x0 + segment.x1) / 2
    return sum(1 for cut in cuts if middle > cut)


def _signed(rows: list[list[L]]) -> bool:
    return any(SIGN_LINE.match(s.text) for row in rows for s in row)


def _groups(rows: list[list[L]]) -> list[list[list[L]]]:
    """A band's rows split at gaps wider than the usual line spacing, where both sides are signers."""
    gaps = [b[0].top - a[0].bottom for a, b in itertools.pairwise(rows)]
    usual = sorted(gaps)[len(gaps) // 2] if gaps else 0.0
    groups = [[rows[0]]]
    for gap, row in zip(gaps, rows[1:], strict=True):
        if gap > usual + 0.8 * row[0].size:
            groups.append([row])
        else:
            groups[-1].append(row)
    merged: list[list[list[L]]] = []
    for group in groups:
        if merged and not (_signed(merged[-1]) and _signed(group)):
            merged[-1] += group
        else:
            merged.append(group)
    return merged


def reading_order(lines: Sequence[L]) -> list[tuple[L, bool]]:
    """The segments in reading order, each with whether it stands in a column beside another."""
    rows = _rows(lines)
    out: list[tuple[L, bool]] = []
    i = 0
    while i < len(rows):
        if len(rows[i]) < 2:
            out.append((rows[i][0], False))
            i += 1
            continue
        cuts = _cuts(rows[i])
        start = i
        while start > 0 and len(rows[start - 1]) == 1 and _fits(rows[start - 1], cuts) and out and out[-1][0] is \
                rows[start - 1][0] and _close(rows[start - 1], rows[start]):
            start -= 1       # a line above the band in one of its columns (a role over one signer)
            out.pop()
        end = i + 1
        while end < len(rows) and _fits(rows[end], cuts) and (len(rows[end]) <= len(cuts) + 1) and \
                _close(rows[end - 1], rows[end]):
            end += 1
        for group in _groups(rows[start:end]):
            for k in range(len(cuts) + 1):
                out += [(s, True) for row in group for s in row if _column(s, cuts) == k]
        i = end
    return out


def _close(above: list[L], below: list[L]) -> bool:
    """Two rows of one block: no more than three blank lines between them."""
    return below[0].top - above[0].bottom < 4 * below[0].size
