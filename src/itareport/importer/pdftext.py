"""Text of a PDF page from its characters (pdfplumber's char dicts): lines, words, a cell's paragraphs.

Each Thai mark stays with the character before it in the file's order (text layers place marks out
of x order); lines are found by position, a space is put at a gap; wrapped lines of one item are
joined (a new item starts at a label ๑. 1) - • or at a gap wider than the usual line spacing) and
the Thai damage of text layers is repaired (thaifix).
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass
from typing import Any

from .labels import read_label
from .source import SourcePara
from .thaifix import is_mark, join_lines, repair

Char = dict[str, Any]   # pdfplumber's character: text, x0, x1, top, bottom, size, fontname, upright

PAGE_NUMBER = re.compile(r"^[-–—(\s]*(?:หน้า|page|p\.)?\s*[0-9๐-๙]{1,3}(?:\s*(?:/|จาก|of)\s*[0-9๐-๙]{1,3})?[-–—)\s]*$",
                         re.I)


@dataclass
class Line:
    x0: float
    x1: float
    top: float
    bottom: float
    size: float
    text: str
    space_after: bool = False     # the line ends with a space character: it was wrapped at a space
    beside: bool = False          # set beside another block of lines (two signers side by side)


Cluster = tuple[Char, list[str]]   # a base character and its text with the marks that follow it


def text_lines(chars: list[Char], split: float | None = None) -> list[Line]:
    """Lines of text from characters: each mark stays with the character before it in the file's
    order (text layers place them out of x order), lines by position, a space at a gap. split: a
    gap wider than this many font sizes (spaces not counted) ends a line there, and the rest of the
    row is a line of its own (texts set side by side)."""
    clusters: list[Cluster] = []
    for ch in chars:
        t = ch["text"]
        if clusters and all(is_mark(c) for c in t) and abs(ch["top"] - clusters[-1][0]["top"]) < ch["size"]:
            clusters[-1][1].append(t)
        else:
            clusters.append((ch, [t]))
    clusters.sort(key=lambda c: (c[0]["top"], c[0]["x0"]))
    rows: list[list[Cluster]] = []
    for cluster in clusters:
        base = cluster[0]
        if rows and base["top"] < rows[-1][0][0]["top"] + 0.5 * base["size"]:
            rows[-1].append(cluster)
        else:
            rows.append([cluster])
    lines = []
    for row in rows:
        row.sort(key=lambda c: c[0]["x0"])
        for segment in _segments(row, split):
            line = _line(segment)
            if line is not None:
                lines.append(line)
    return lines


def _segments(row: list[Cluster], split: float | None) -> list[list[Cluster]]:
    """A row's clusters, cut where the gap between two printed characters is wider than split × size."""
    if split is None:
        return [row]
    out: list[list[Cluster]] = [[]]
    spaces: list[Cluster] = []    # spaces after the last printed character: kept only inside a segment
    x1: float | None = None
    for cluster in row:
        base = cluster[0]
        if base["text"].isspace():
            spaces.append(cluster)
            continue
        if x1 is not None and base["x0"] - x1 > split * base["size"]:
            out.append([])
        elif out[-1]:
            out[-1] += spaces
        spaces = []
        out[-1].append(cluster)
        x1 = base["x1"]
    out[-1] += spaces
    return out


def _line(row: list[Cluster]) -> Line | None:
    """One line from its clusters (left to right), None when it holds no text."""
    if not row:
        return None
    size = max(c[0]["size"] for c in row)
    parts: list[str] = []
    x1: float | None = None
    for base, text in row:
        if x1 is not None and base["x0"] - x1 > 0.2 * size:
            parts.append(" ")
        parts.extend(text)
        x1 = max(base["x1"], x1 or base["x1"])
    joined = "".join(parts)
    clean = repair(re.sub(r"\s+", " ", joined).strip())
    if not clean:
        return None
    return Line(row[0][0]["x0"], x1 or row[0][0]["x1"], min(c[0]["top"] for c in row),
                max(c[0]["bottom"] for c in row), size, clean, joined[-1:].isspace())


def usual_gap(lines: list[Line]) -> float:
    """The median space between two consecutive lines (0 for fewer than two)."""
    gaps = sorted(b.top - a.bottom for a, b in itertools.pairwise(lines) if b.top > a.bottom - 0.5 * b.size)
    return gaps[len(gaps) // 2] if gaps else 0


def cell_paras(lines: list[Line], where: Any, usual: float | None = None) -> list[SourcePara]:
    """A cell's paragraphs: wrapped lines joined; a label or a gap wider than the usual line
    spacing (the cell's own, or usual) starts a new paragraph."""
    usual = usual_gap(lines) if usual is None else usual
    paras: list[SourcePara] = []
    previous: Line | None = None
    for line in lines:
        gap = previous is not None and line.top - previous.bottom > usual + 0.5 * line.size
        if not paras or gap or _starts_item(line.text):
            paras.append(SourcePara(line.text, where=where))
        else:
            assert previous is not None
            paras[-1].text = join_lines(paras[-1].text, line.text, previous.space_after)
        previous = line
    return paras


def _starts_item(text: str) -> bool:
    """A line that starts with a list label (a number such as 92.5 wrapped to a line of its own does not)."""
    item = read_label(SourcePara(text))
    return bool(item.kind) and not (item.kind == "sub" and " " not in text.strip())


Word = tuple[float, float, float, str]   # x0, x1, top, text


def words(chars: list[Char], gap: float = 1.0) -> list[Word]:
    """(x0, x1, top, text) runs of characters without a gap wider than gap × the font size."""
    runs: list[list[Char]] = []
    for ch in sorted((c for c in chars if c["text"].strip()), key=lambda c: (round(c["top"] / 4), c["x0"])):
        if runs and (is_mark(ch["text"]) or (-1 <= ch["x0"] - runs[-1][-1]["x1"] <= gap * ch["size"]
                                             and abs(ch["top"] - runs[-1][-1]["top"]) <= ch["size"] / 2)):
            runs[-1].append(ch)
        else:
            runs.append([ch])
    out = []
    for run in runs:
        lines = text_lines(run)
        if lines:
            out.append((min(c["x0"] for c in run), max(c["x1"] for c in run), lines[0].top, lines[0].text))
    return out


def column_groups(found: list[Word]) -> list[list[Word]]:
    """Words whose x ranges overlap, in one column."""
    groups: list[list[Word]] = []
    for word in sorted(found):
        if groups and word[0] <= max(w[1] for w in groups[-1]) + 2:
            groups[-1].append(word)
        else:
            groups.append([word])
    return groups


def inside(ch: Char, box: tuple[float, float, float, float]) -> bool:
    """The character's centre is inside the box (x0, top, x1, bottom)."""
    x, y = (ch["x0"] + ch["x1"]) / 2, (ch["top"] + ch["bottom"]) / 2
    return box[0] <= x <= box[2] and box[1] <= y <= box[3]
