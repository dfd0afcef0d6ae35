"""A PDF table drawn without rules: its header, columns and rows from the positions of its text.

The header is the band of lines whose words, grouped into columns by position, name the official
columns (a header cell may wrap over several lines). Each column's x range runs to the widest strip
between two headers that no text of the body touches. Rows are not lines: a cell wraps, and rows
follow each other without a gap. A row starts where
- the running number column has a number, or
- the title column starts a new cell (its text follows a blank line), or
- the title column starts with the next measure's number (๒. after ๑.) and another column starts a cell, or
- most columns that have text there start a new cell (their text follows a blank line: they were
  shorter than the row above).
The table is read as one flow over its pages (with or without the header repeated): a column that
ran to the bottom of a page goes on at the top of the next one, so a row cut by a page break stays
one row.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from .grid import Table
from .labels import SIGN_LINE, header_fields, read_label
from .pdftext import PAGE_NUMBER, Char, Line, cell_paras, column_groups, text_lines, usual_gap, words
from .source import Cell, SourcePara
from .thaifix import as_read, join_lines, respell

MAX_HEADER_LINES = 6
Columns = list[list[Line]]    # lines by column


@dataclass
class Header:
    """The header found on a page: each column's x range (of its words) and its field."""

    spans: list[tuple[float, float]]
    fields: list[str | None]
    top: float
    bottom: float      # the bottom of the lines that name the columns (the header may go on below)


@dataclass
class Part:
    """The table's part on one page: body lines by column, and the header's cells when the page has it."""

    page: int
    top: float
    bottom: float
    columns: list[list[Line]]
    header: list[list[Line]] | None = None


@dataclass
class Flow:
    """The table as read so far, page by page."""

    fields: list[str | None]
    spans: list[tuple[float, float]]
    parts: list[Part] = field(default_factory=list)
    head: list[list[str]] | None = None    # the first header's lines, by column (to find it repeated)
    body: list[Char] = field(default_factory=list)   # the characters under the header on every page so far
    ended: bool = False      # the table ended before the bottom of its last page: no page continues it


def _band_texts(chars: list[Char], top: float, bottom: float) -> tuple[list[list[Any]], list[str]]:
    columns = column_groups(words([ch for ch in chars if top <= (ch["top"] + ch["bottom"]) / 2 <= bottom]))
    return columns, [_header_text(group) for group in columns]


def _header_text(group: list[Any]) -> str:
    """A header cell's words, line by line (by top), its wrapped lines joined."""
    text = ""
    for _, line_words in itertools.groupby(sorted(group, key=lambda w: (round(w[2]), w[0])), key=lambda w: round(w[2])):
        line = " ".join(w[3] for w in line_words)
        text = join_lines(text, line) if not text.endswith("/") else text + line
    return respell(text)


def find_header(lines: list[Line], chars: list[Char]) -> Header | None:
    """One to five lines whose words, grouped into columns by position, name the official columns:
    the most columns named, in the fewest lines."""
    for i in range(len(lines)):
        found = []
        if len(_band_texts(chars, lines[i].top - 1, lines[i].bottom + 1)[0]) < 3:
            continue     # a header's first line has words over several columns; a title line has not
        for depth in range(1, 6):
            band = lines[i:i + depth]
            if len(band) < depth:
                break
            top, bottom = band[0].top - 1, band[-1].bottom + 1
            groups, texts = _band_texts(chars, top, bottom)
            fields = header_fields(texts) if len(groups) >= 4 else None
            if fields:
                spans = [(min(w[0] for w in g), max(w[1] for w in g)) for g in groups]
                found.append((len(set(fields) - {None}), -depth, spans, fields, top, bottom))
        if found:
            _, _, spans, fields, top, bottom = max(found, key=lambda f: (f[0], f[1]))
            return _taller(Header(spans, fields, top, bottom), lines[:i], chars)
    return None


def _taller(header: Header, above: list[Line], chars: list[Char]) -> Header:
    """The header with the lines just above it that lie over its columns (a header cell centred
    vertically starts higher than the others)."""
    left, right = header.spans[0][0], header.spans[-1][1]
    top = header.top
    for line in reversed(above):
        if not (line.bottom > top - 0.8 * line.size and left - line.size <= line.x0 and line.x1 <= right + line.size):
            break
        top = line.top - 1
    if top == header.top:
        return header
    groups, texts = _band_texts(chars, top, header.bottom)
    fields = header_fields(texts)
    if not fields:
        return header
    return Header([(min(w[0] for w in g), max(w[1] for w in g)) for g in groups], fields, top, header.bottom)


def column_bounds(spans: list[tuple[float, float]], chars: list[Char]) -> list[tuple[float, float]]:
    """Each column's x range: between two headers, the widest strip no character of the body
    touches (headers are often centred over their column)."""
    covered: list[list[float]] = []
    for x0, x1 in sorted((ch["x0"], ch["x1"]) for ch in chars if ch["text"].strip() and ch["x1"] > ch["x0"]):
        if covered and x0 <= covered[-1][1] + 0.5:
            covered[-1][1] = max(covered[-1][1], x1)
        else:
            covered.append([x0, x1])
    gaps = [(a[1], b[0]) for a, b in itertools.pairwise(covered)]
    cuts = []
    for (a0, a1), (b0, b1) in itertools.pairwise(spans):
        # the widest strip between the two headers' centres; cut in its part between their words
        between = [(g1 - g0, max(g0, a1), min(g1, b0)) for g0, g1 in gaps
                   if g0 < (b0 + b1) / 2 and g1 > (a0 + a1) / 2]
        best = max(between, default=None)
        if best is None:
            cuts.append((a1 + b0) / 2)
        else:
            lo, hi = best[1:] if best[1] < best[2] else sorted(best[1:])
            cuts.append((lo + hi) / 2)
    edges = [-1e9, *cuts, 1e9]
    return list(itertools.pairwise(edges))


def _table_end(chars: list[Char], top: float) -> tuple[float, list[Char], bool]:
    """Where the table ends below top, the characters above it (page numbers left out), and whether it
    ended on this page (at a wide gap, or at the signature block)."""
    body = [ch for ch in chars if ch["top"] > top]
    end, previous = top, None
    for line in text_lines(body):
        if PAGE_NUMBER.match(line.text) and (previous is None or line.top - previous.bottom > line.size):
            body = [ch for ch in body if not line.top - 0.5 <= ch["top"] <= line.bottom]
            continue
        if SIGN_LINE.match(as_read(line.text)) or (previous is not None and line.top - previous.bottom > 3 * line.size):
            return end, [ch for ch in body if ch["top"] < end], True
        end, previous = line.bottom, line
    return end, [ch for ch in body if ch["top"] < end], False


def _by_column(chars: list[Char], bounds: list[tuple[float, float]]) -> list[list[Line]]:
    return [text_lines([ch for ch in chars if lo <= (ch["x0"] + ch["x1"]) / 2 < hi]) for lo, hi in bounds]


def _anchor(fields: list[str | None]) -> int:
    for name in ("number", "title"):
        if name in fields:
            return fields.index(name)
    return 0


@dataclass
class _Slot:
    """Lines of several columns at the same height."""

    y: float
    lines: dict[int, Line]
    fresh: set[int]
    clear: float = 0           # the blank band across every column above it, when wider than the line spacing
    page_first: bool = False   # the first slot of a page


PAGE = 1e5    # flow y = page index × PAGE + top


def _slots(columns: list[list[tuple[float, Line, bool]]], usual: float) -> list[_Slot]:
    """(flow y, line, fresh) of each column, as slots in reading order."""
    entries = sorted((y, c, line, fresh) for c, lines in enumerate(columns) for y, line, fresh in lines)
    slots: list[_Slot] = []
    reach = None
    for y, c, line, fresh in entries:
        if not slots or y - slots[-1].y > 0.4 * line.size or c in slots[-1].lines:
            first = not slots or y // PAGE != slots[-1].y // PAGE
            gap = y - reach if not first and reach is not None else 0
            slots.append(_Slot(y, {}, set(), gap if gap > usual + 0.3 * line.size else 0, first))
            if first:
                reach = None
        slots[-1].lines[c] = line
        reach = max(reach or 0, (y // PAGE) * PAGE + line.bottom)
        if fresh:
            slots[-1].fresh.add(c)
    return slots


def row_starts(slots: list[_Slot], anchor: int, numbered: bool) -> list[int]:
    """The indexes of the slots where a row starts (the first always does).

    When blank bands across the whole table separate the rows (cell padding, paragraph spacing; cells
    may then be centred), rows start at those bands, and at the top of a page by the rules below.
    Else (rows packed, cells at the top) a row starts where the number column has a number; where the
    title column starts a new cell; where it starts with the next number (๒. after ๑.) and another
    column starts a cell; or where most columns with text start a new cell."""
    by_rules, expected = [], 1
    labels = 0
    for k, slot in enumerate(slots):
        line = slot.lines.get(anchor)
        label = read_label(SourcePara(line.text)) if line is not None else None
        labelled = label is not None and label.kind == "number" and label.number is not None
        labels += labelled or (numbered and line is not None)
        others = len(slot.fresh - {anchor})
        start = (k == 0 or (numbered and line is not None) or (line is not None and anchor in slot.fresh)
                 or (labelled and (others >= 1 or label.number == expected))
                 or (len(slot.fresh) >= 2 and len(slot.fresh) >= len(slot.lines) - 1))
        if start:
            by_rules.append(k)
            if labelled:
                expected = label.number + 1
    clear = _row_gaps(slots, (labels - 1) / 2)
    if clear and len(clear) >= (labels - 1) / 2:
        return sorted({0, *clear, *(k for k in by_rules if slots[k].page_first)})
    return by_rules


def _row_gaps(slots: list[_Slot], least: float) -> list[int]:
    """The slots below a blank band between rows: of the bands across the table, the wider ones when
    their widths fall in two groups (a paragraph's spacing inside a tall cell is narrower than the
    padding and spacing between rows) and there are at least `least` of them."""
    gaps = sorted((slot.clear, k) for k, slot in enumerate(slots) if slot.clear)
    if not gaps:
        return []
    size = max(line.size for slot in slots for line in slot.lines.values())
    jumps = sorted(((b[0] - a[0], i + 1) for i, (a, b) in enumerate(itertools.pairwise(gaps))
                    if b[0] - a[0] > 0.3 * size), reverse=True)
    for _, cut in jumps:
        if len(gaps) - cut >= least:
            return sorted(k for _, k in gaps[cut:])
    return sorted(k for _, k in gaps)


def _flow_lines(parts: list[Part], usual: float) -> list[list[tuple[float, Line, bool]]]:
    """Each column's lines over the pages: (flow y, line, fresh), fresh when the line follows a blank
    (on its page), or when the column ended on the page before with room for another line under it."""
    width = max((len(p.columns) for p in parts), default=0)
    out: list[list[tuple[float, Line, bool]]] = [[] for _ in range(width)]
    for c in range(width):
        previous: tuple[Part, Line] | None = None
        for n, part in enumerate(parts):
            for line in part.columns[c] if c < len(part.columns) else []:
                if previous is None:
                    fresh = True
                elif previous[0] is part:
                    fresh = line.top - previous[1].bottom > usual + 0.5 * line.size
                else:
                    last = previous[1]   # ended if another line would have fitted under it on its page
                    fresh = previous[0].bottom - last.bottom > (last.bottom - last.top) + usual + 0.25 * last.size
                out[c].append((n * PAGE + line.top, line, fresh))
                previous = (part, line)
    return out


def read_part(number: int, chars: list[Char], header: Header | None, flow: Flow | None,
              top: float) -> tuple[Part, Flow] | None:
    """The table's part on a page (from top down to its end), and the flow it belongs to (a new
    one at a header that names other columns); None when the page has no part of it."""
    end, region, ended = _table_end(chars, top - 1)
    if not region:
        if flow is not None:
            flow.ended = True
        return None
    if header is not None:
        repeated = flow is not None and header.fields == flow.fields and flow.head is not None
        if flow is None or not repeated:
            flow = Flow(header.fields, header.spans)
        flow.body += [ch for ch in region if ch["top"] > header.bottom]
        found = None
        if repeated:   # the same table: its columns as far as all its pages show them
            found = _strip_repeated(_by_column(region, column_bounds(flow.spans, flow.body)), flow.head)
        if found is None:
            columns = _by_column(region, column_bounds(header.spans, flow.body))
            head, body = _split_header(columns, header, _anchor(header.fields))
            groups = column_groups(words([ch for ch in region if (ch["top"] + ch["bottom"]) / 2 < _top_of(body, end)]))
            if len(groups) > len(header.spans):   # the header's lower lines name more columns: find them again
                header = Header([(min(w[0] for w in g), max(w[1] for w in g)) for g in groups], header.fields,
                                header.top, header.bottom)
                columns = _by_column(region, column_bounds(header.spans, flow.body))
                head, body = _split_header(columns, header, _anchor(header.fields))
            flow.spans = header.spans
            flow.head = [[_squeezed(line.text) for line in lines] for lines in head]
        else:
            head, body = found
        part = Part(number, top, end, body, head)
    else:
        assert flow is not None
        flow.body += region
        part = Part(number, top, end, _by_column(region, column_bounds(flow.spans, flow.body)))
    flow.parts.append(part)
    flow.ended = ended
    return part, flow


def _squeezed(text: str) -> str:
    return re.sub(r"\s+", "", text)


def _strip_repeated(columns: list[list[Line]], head: list[list[str]]) -> tuple[Columns, Columns] | None:
    """The header repeated on a new page, found by its lines (the first page's header cells, line by
    line), and the body below it; None when the columns are not the first page's."""
    if len(columns) != len(head):
        return None
    heads, bodies = [], []
    for lines, texts in zip(columns, head, strict=True):
        k = 0
        while k < len(lines) and k < len(texts) and _squeezed(lines[k].text) == texts[k]:
            k += 1
        heads.append(lines[:k])
        bodies.append(lines[k:])
    return heads, bodies


def _top_of(columns: list[list[Line]], default: float) -> float:
    return min((lines[0].top for lines in columns if lines), default=default)


def _split_header(columns: Columns, header: Header, anchor: int) -> tuple[Columns, Columns]:
    """The header row's lines and the body's, by column: the header runs from its first line to the
    first row start below the lines that name the columns."""
    usual = usual_gap([line for lines in columns for line in lines])
    lines = [[(line.top, line, False) for line in column if line.top >= header.top - 1] for column in columns]
    for column in lines:
        for k in range(1, len(column)):
            y, line, _ = column[k]
            column[k] = (y, line, line.top - column[k - 1][1].bottom > usual + 0.5 * line.size)
    slots = _slots(lines, usual)
    numbered = bool(header.fields[anchor] == "number") if anchor < len(header.fields) else False
    starts = [k for k in row_starts(slots, anchor, numbered) if slots[k].y > header.bottom - 1]
    size = max((line.size for column in columns for line in column), default=12)
    split = slots[starts[0]].y - 0.1 if starts else header.bottom
    if split > header.top + MAX_HEADER_LINES * 1.6 * size:   # no row start found near: the lines that name it
        split = header.bottom
    head = [[line for line in column if line.top < split] for column in columns]
    body = [[line for line in column if line.top >= split] for column in columns]
    return head, body


def header_names(head: list[list[Line]]) -> list[str]:
    out = []
    for lines in head:
        text, space = "", False
        for line in lines:
            text = text + line.text if text.endswith("/") else join_lines(text, line.text, space)
            space = line.space_after
        out.append(respell(text))
    return out


def flow_table(flow: Flow, where: Callable[[int, int], Any], header_where: Callable[[int], Any]) -> Table:
    """The rows of a table read over one or more pages (the header's row first)."""
    parts = flow.parts
    body = [line for part in parts for lines in part.columns for line in lines]
    usual = usual_gap(sorted(body, key=lambda line: line.top))
    per_column = [lines for part in parts for lines in part.columns]
    usual = min((usual_gap(lines) for lines in per_column if len(lines) > 2), default=usual)
    anchor = _anchor(flow.fields)
    slots = _slots(_flow_lines(parts, usual), usual)
    starts = row_starts(slots, anchor, flow.fields[anchor] == "number" if anchor < len(flow.fields) else False)
    rows: list[tuple[Any, list[tuple[int, int, Cell]]]] = []
    first = next((p for p in parts if p.header is not None), None)
    if first is not None and first.header is not None:
        names = header_names(first.header)
        rows.append((header_where(first.page), [(k, 1, Cell([SourcePara(t)])) for k, t in enumerate(names)]))
    width = max(len(p.columns) for p in parts)
    for n, (a, b) in enumerate(itertools.pairwise([*starts, len(slots)]), start=1):
        page = parts[int(slots[a].y // PAGE)].page
        at = where(page, n)
        cells = []
        for c in range(width):
            lines = [slot.lines[c] for slot in slots[a:b] if c in slot.lines]
            cells.append((c, 1, Cell(cell_paras(lines, at, usual))))
        rows.append((at, cells))
    return Table(rows)
