"""The PDF reader: the measures table of a PDF with a text layer (as Word, LibreOffice and
itareport make them), read with pdfplumber.

Ruled tables are found by their lines (pdfplumber's table finder); a table without rules by
the text positions under a header line that names the columns. Each cell's text is rebuilt from
its characters: marks kept with their base character in the file's order, lines by position,
wrapped lines of one item joined (a new item starts at a label ๑. 1) - • or a paragraph gap), and
the Thai damage of text layers repaired (thai.repair_text_layer). Page numbers, headers and
footers repeated on every page, and the table header repeated on each page are dropped; a row
broken by a page break is joined again. A PDF without text (a scan) is refused: no OCR.
"""

from __future__ import annotations

import itertools
import re
from collections import Counter
from dataclasses import dataclass, replace
from pathlib import Path

import pdfplumber
from pdfminer.pdfdocument import PDFEncryptionError
from pdfminer.pdfparser import PDFSyntaxError
from pdfminer.psparser import PSException
from pdfplumber.utils.exceptions import PdfminerException

from ..errors import InputError
from ..messages import M_
from .grid import Table, assemble, row_texts
from .labels import SIGN_LINE, header_fields, read_label
from .sidebyside import reading_order
from .source import Cell, Source, SourcePara
from .thaifix import DOUBTFUL_MAI_THO, MAI_THO, doubtful_fonts, is_mark, join_lines, repair, respell

_PAGE_NUMBER = re.compile(r"^[-–—(\s]*(?:หน้า|page|p\.)?\s*[0-9๐-๙]{1,3}(?:\s*(?:/|จาก|of)\s*[0-9๐-๙]{1,3})?[-–—)\s]*$",
                          re.I)
MAX_PAGES = 500
SIDE_BY_SIDE_GAP = 3.0   # a gap this many font sizes wide between two texts on a line: they are side by side


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


def text_lines(chars: list[dict], split: float | None = None) -> list[Line]:
    """Lines of text from characters: each mark stays with the character before it in the file's
    order (text layers place them out of x order), lines by position, a space at a gap. split: a
    gap wider than this many font sizes (spaces not counted) ends a line there, and the rest of the
    row is a line of its own (texts set side by side)."""
    clusters: list[list] = []    # [base char, text]
    for ch in chars:
        t = ch["text"]
        if clusters and all(is_mark(c) for c in t) and abs(ch["top"] - clusters[-1][0]["top"]) < ch["size"]:
            clusters[-1][1] += t
        else:
            clusters.append([ch, t])
    clusters.sort(key=lambda c: (c[0]["top"], c[0]["x0"]))
    rows: list[list] = []
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


def _segments(row: list, split: float | None) -> list[list]:
    """A row's clusters, cut where the gap between two printed characters is wider than split × size."""
    if split is None:
        return [row]
    out: list[list] = [[]]
    spaces: list = []    # spaces after the last printed character: kept only inside a segment
    x1 = None
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


def _line(row: list) -> Line | None:
    if not row:
        return None
    size = max(c[0]["size"] for c in row)
    parts, x1 = [], None
    for base, text in row:
        if x1 is not None and base["x0"] - x1 > 0.2 * size:
            parts.append(" ")
        parts.append(text)
        x1 = max(base["x1"], x1 or base["x1"])
    joined = "".join(parts)
    text = repair(re.sub(r"\s+", " ", joined).strip())
    if not text:
        return None
    return Line(row[0][0]["x0"], x1, min(c[0]["top"] for c in row),
                max(c[0]["bottom"] for c in row), size, text, joined[-1:].isspace())


def cell_paras(lines: list[Line], where: str) -> list[SourcePara]:
    """A cell's paragraphs: wrapped lines joined; a label or a gap wider than the usual line
    spacing starts a new paragraph."""
    gaps = sorted(b.top - a.bottom for a, b in itertools.pairwise(lines))
    usual = gaps[len(gaps) // 2] if gaps else 0
    paras: list[SourcePara] = []
    previous = None
    for line in lines:
        gap = previous is not None and line.top - previous.bottom > usual + 0.5 * line.size
        if not paras or gap or read_label(SourcePara(line.text)).kind:
            paras.append(SourcePara(line.text, where=where))
        else:
            paras[-1].text = join_lines(paras[-1].text, line.text, previous.space_after)
        previous = line
    return paras


def _inside(ch: dict, box) -> bool:
    x, y = (ch["x0"] + ch["x1"]) / 2, (ch["top"] + ch["bottom"]) / 2
    return box[0] <= x <= box[2] and box[1] <= y <= box[3]


def _ruled_table(page, table, number: int, chars: list[dict]) -> Table:
    """A pdfplumber table as grid rows; a column no cell of a row starts in is merged from above."""
    boxes = [box for row in table.rows for box in row.cells if box]
    edges = sorted({round(box[0]) for box in boxes})
    rows = []
    for r, row in enumerate(table.rows, start=1):
        where = M_("page {page} table row {row}", page=number, row=r)
        grid, covered = [], set()
        for box in row.cells:
            if not box:
                continue
            first = min(range(len(edges)), key=lambda i: abs(edges[i] - box[0]))
            span = max(1, sum(1 for e in edges if box[0] - 1 <= e < box[2] - 1))
            inside = [ch for ch in chars if _inside(ch, box)]
            grid.append((first, span, Cell(cell_paras(text_lines(inside), where))))
            covered.update(range(first, first + span))
        grid += [(c, 1, Cell([], True)) for c in range(len(edges)) if c not in covered]
        grid.sort(key=lambda item: item[0])
        rows.append((where, grid))
    return Table(rows)


def _unruled_header(lines: list[Line], chars: list[dict]) -> tuple[list[float], list[str], float, float] | None:
    """A header without rules: one to five lines whose words, grouped into columns by position,
    name the official columns. The x range and text of each column's header, the header's top and bottom."""
    for i in range(len(lines)):
        found = []
        for depth in range(1, 6):
            band = lines[i:i + depth]
            if len(band) < depth:
                break
            top, bottom = band[0].top - 1, band[-1].bottom + 1
            columns = _column_groups(_words([ch for ch in chars if top <= (ch["top"] + ch["bottom"]) / 2 <= bottom]))
            texts = [respell(" ".join(w[3] for w in sorted(group, key=lambda w: (w[2], w[0])))) for group in columns]
            fields = header_fields(texts) if len(columns) >= 4 else None
            if fields:   # the most columns named, in the fewest lines (a header cell may wrap)
                spans = [(min(w[0] for w in g), max(w[1] for w in g)) for g in columns]
                found.append((len(set(fields) - {None}), -depth, spans, texts, top, bottom))
        if found:
            return max(found)[2:]
    return None


def _words(chars: list[dict], gap: float = 1.0) -> list[tuple[float, float, float, str]]:
    """(x0, x1, top, text) runs of characters without a gap wider than gap × the font size."""
    runs: list[list[dict]] = []
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


def _column_groups(words: list[tuple[float, float, float, str]]) -> list[list[tuple[float, float, float, str]]]:
    """Words whose x ranges overlap, in one column."""
    groups: list[list] = []
    for word in sorted(words):
        if groups and word[0] <= max(w[1] for w in groups[-1]) + 2:
            groups[-1].append(word)
        else:
            groups.append([word])
    return groups


def _gutters(spans: list[tuple[float, float]], chars: list[dict]) -> list[tuple[float, float]]:
    """Each column's x range: between two headers, the widest strip no character of the body
    touches (headers are often centred over their column)."""
    covered: list[list[float]] = []
    for x0, x1 in sorted((ch["x0"], ch["x1"]) for ch in chars if ch["text"].strip() and ch["x1"] > ch["x0"]):
        if covered and x0 <= covered[-1][1] + 0.5:
            covered[-1][1] = max(covered[-1][1], x1)
        else:
            covered.append([x0, x1])
    gaps = [(b[0] - a[1], (a[1] + b[0]) / 2) for a, b in itertools.pairwise(covered)]
    cuts = []
    for (a0, a1), (b0, b1) in itertools.pairwise(spans):
        left, right = (a0 + a1) / 2, (b0 + b1) / 2
        inside = [gap for gap in gaps if left < gap[1] < right]
        cuts.append(max(inside)[1] if inside else (a1 + b0) / 2)
    edges = [-1e9, *cuts, 1e9]
    return list(itertools.pairwise(edges))


def _usual_gap(columns: list[list[Line]]) -> float:
    """The median space between two lines of one cell."""
    gaps = sorted(b.top - a.bottom for lines in columns for a, b in itertools.pairwise(lines) if b.top > a.bottom)
    return gaps[len(gaps) // 2] if gaps else 0


def _row_edges(columns: list[list[Line]], top: float) -> list[float]:
    """Where rows begin: the tops of the bands of text that no wider-than-usual gap splits."""
    usual = _usual_gap(columns)
    lines = sorted((line for lines in columns for line in lines), key=lambda line: line.top)
    if not lines:
        return [top, 1e9]
    edges, reach = [top], lines[0].bottom
    for line in lines[1:]:
        if line.top - reach > usual + 0.3 * line.size:
            edges.append(line.top - 0.5)
        reach = max(reach, line.bottom)
    return [*edges, 1e9]


def _unruled_rows(spans: list[tuple[float, float]], chars: list[dict], top: float, number: int) -> tuple[Table, float]:
    """The rows under a header (or from the top of a page that continues the table), split where
    no column has text for more than the usual line spacing (the cells' padding)."""
    body = [ch for ch in chars if ch["top"] > top]
    end, previous = top, None
    for line in text_lines(body):      # the table ends at a wide gap or at the signature block
        if _PAGE_NUMBER.match(line.text) and (previous is None or line.top - previous.bottom > line.size):
            body = [ch for ch in body if not line.top - 0.5 <= ch["top"] <= line.bottom]
            continue
        if previous is not None and (line.top - previous.bottom > 3 * line.size or SIGN_LINE.match(line.text)):
            break
        end, previous = line.bottom, line
    body = [ch for ch in body if ch["top"] < end]
    bounds = _gutters(spans, body)
    by_column = [text_lines([ch for ch in body if lo <= ch["x0"] < hi]) for lo, hi in bounds]
    edges = _row_edges(by_column, top)
    rows = []
    for lo, hi in itertools.pairwise(edges):
        cells = [[line for line in lines if lo <= line.top < hi] for lines in by_column]
        if any(cells):
            where = M_("page {page} row {row}", page=number, row=len(rows) + 1)
            rows.append((where, [(k, 1, Cell(cell_paras(lines, where))) for k, lines in enumerate(cells)]))
    bottom = max((line.bottom for lines in by_column for line in lines), default=top)
    return Table(rows), bottom


def _open(path: Path):
    try:
        return pdfplumber.open(path)
    except (PdfminerException, PDFSyntaxError, PSException, ValueError) as exc:
        if any(isinstance(e, PDFEncryptionError) for e in (exc, *exc.args, exc.__cause__, exc.__context__)):
            raise InputError(M_("{path}: the PDF is protected by a password; open it, print it to a new PDF "
                               "without one, and import that", path=path)) from None
        raise InputError(M_("{path}: damaged or unreadable PDF: {problem}", path=path,
                            problem=str(exc.__context__ or exc))) from None


def _unread(pdf) -> list[tuple[str, str]]:
    """(where, message) for what the text layer holds but the reader leaves: rotated text, glyphs
    without a letter, pages with images and no text (scanned pages)."""
    notes = []
    for number, page in enumerate(pdf.pages, start=1):
        where = M_("page {number}", number=number)
        rotated = sum(1 for ch in page.chars if not ch.get("upright", True))
        unmapped = sum(1 for ch in page.chars if ch["text"].startswith("(cid:"))
        if rotated:
            notes.append((where, M_("{count} characters of rotated text were not read", count=rotated)))
        if unmapped:
            notes.append((where, M_("{count} characters the PDF does not map to letters are written as \ufffd",
                                    count=unmapped)))
        if not page.chars and page.images:
            notes.append((where, M_("an image without text (a scanned page?) was not read; OCR is not supported")))
    return notes


def _blocks(path: Path, notes: list) -> list[SourcePara | Table]:
    with _open(path) as pdf:
        if len(pdf.pages) > MAX_PAGES:
            raise InputError(M_("{path}: more than {pages} pages; is this the report?", path=path, pages=MAX_PAGES))
        pages = [(number, page, [dict(ch, text="\ufffd") if ch["text"].startswith("(cid:") else ch
                                 for ch in page.chars if ch.get("upright", True)])
                 for number, page in enumerate(pdf.pages, start=1)]
        doubtful = doubtful_fonts([ch for _, _, chars in pages for ch in chars])
        if doubtful:
            pages = [(number, page, [dict(ch, text=DOUBTFUL_MAI_THO) if ch["text"] == MAI_THO
                                     and ch["fontname"] in doubtful else ch for ch in chars])
                     for number, page, chars in pages]
        if not any(ch["text"].strip() for _, _, chars in pages for ch in chars):
            raise InputError(M_("{path}: the PDF has no text (a scan?); OCR is not supported. Import the Word "
                               "file, or type the table into a spreadsheet and import that", path=path))
        notes += _unread(pdf)
        found_ruled = any(header_fields(_first_texts(page, chars)) for _, page, chars in pages)
        blocks_by_page = []
        columns: list[float] | None = None
        for number, page, chars in pages:
            items: list[tuple[float, int, Line | Table]] = []
            taken: list = []
            if found_ruled:
                for table in page.find_tables():
                    items.append((table.bbox[1], 0, _ruled_table(page, table, number, chars)))
                    taken.append(table.bbox)
            outside = [ch for ch in chars if not any(_inside(ch, box) for box in taken)]
            if not found_ruled:
                lines = [line for line in text_lines(outside) if not _PAGE_NUMBER.match(line.text)]
                header = _unruled_header(lines, outside)
                if header:
                    columns, names, top, below = header
                elif columns and lines:
                    top = below = lines[0].top - 1      # the table goes on from the top of the page
                if header or (columns and lines):
                    table, bottom = _unruled_rows(columns, outside, below, number)
                    if header:
                        header_row = [(k, 1, Cell([SourcePara(text)])) for k, text in enumerate(names)]
                        table.rows.insert(0, (M_("page {page} header", page=number), header_row))
                    items.append((top, 0, table))
                    outside = [ch for ch in outside if not top <= ch["top"] <= bottom]
            band, previous = 0.0, False
            for seq, (line, beside) in enumerate(reading_order(text_lines(outside, SIDE_BY_SIDE_GAP)), start=1):
                band = band if beside and previous else line.top    # a side-by-side block keeps its order
                items.append((band, seq, replace(line, beside=beside)))
                previous = beside
            items.sort(key=lambda item: item[:2])
            blocks_by_page.append((number, [item for _, _, item in items]))
    return _outside_paragraphs(blocks_by_page)


def _first_texts(page, chars) -> list[str]:
    for table in page.find_tables()[:2]:
        for row in table.rows[:3]:
            texts = [respell(" ".join(line.text for line in text_lines([ch for ch in chars if _inside(ch, box)])))
                     if box else "" for box in row.cells]
            if header_fields(texts):
                return texts
    return []


def _outside_paragraphs(pages) -> list[SourcePara | Table]:
    """Lines outside the tables as paragraphs: page numbers and lines repeated on several pages
    (headers, footers) dropped; a line that fills the width joined with the next one."""
    counts = Counter(text for _, items in pages for text in {item.text for item in items if isinstance(item, Line)})
    many = len(pages) > 1
    lines = [item for _, items in pages for item in items if isinstance(item, Line)]
    left = min((line.x0 for line in lines), default=0)
    right = max((line.x1 for line in lines), default=0)
    out: list[SourcePara | Table] = []
    for number, items in pages:
        previous = None
        for k, item in enumerate(items, start=1):
            if isinstance(item, Table):
                out.append(item)
                previous = None
                continue
            if _PAGE_NUMBER.match(item.text) or (many and counts[item.text] > 1 and len(item.text) < 120):
                continue
            wrapped = (previous is not None and not (previous.beside or item.beside)
                       and previous.x1 >= left + 0.8 * (right - left)
                       and item.x0 <= left + item.size and item.top - previous.bottom < 0.8 * item.size)
            if wrapped:
                out[-1].text = join_lines(out[-1].text, item.text, previous.space_after)
            else:
                out.append(SourcePara(item.text, where=M_("page {page} line {line}", page=number, line=k)))
            previous = item
    return out


def _join_broken_rows(source: Source, first_rows: set[str]) -> None:
    """A row the page break cut: the next page's first row starts no measure (no number, no label
    on its title) and has no owner nor period; its cells continue the last paragraph of each cell above."""
    kept = []
    for row in source.rows:
        title = [p for p in row.cells.get("title", Cell()).paras if p.text.strip()]
        continues = (row.where in first_rows and kept and row.section is None and not kept[-1].section
                     and not (title and read_label(title[0]).kind)
                     and all(row.cells.get(f, Cell()).empty for f in ("number", "owner", "period")))
        if not continues:
            kept.append(row)
            continue
        above = kept[-1]
        for name, cell in row.cells.items():
            paras = [p for p in cell.paras if p.text.strip()]
            target = above.cells.setdefault(name, Cell())
            if paras and target.paras and not read_label(paras[0]).kind:
                last = target.paras[-1]
                target.paras[-1] = SourcePara(join_lines(last.text, paras[0].text), last.numbering, last.style,
                                              last.where)
                paras = paras[1:]
            target.paras.extend(paras)
        above.extra.extend(row.extra)
    source.rows = kept


def _respelled(blocks: list[SourcePara | Table]) -> list[SourcePara | Table]:
    """Every text respelled where the document's fonts misread glyphs (thaifix.respell)."""
    paras = [b for b in blocks if isinstance(b, SourcePara)]
    paras += [p for b in blocks if isinstance(b, Table) for _, row in b.rows for _, _, cell in row for p in cell.paras]
    for para in paras:
        para.text = respell(para.text)
    return blocks


def _first_rows(blocks: list[SourcePara | Table]) -> set[str]:
    """The first row under the header of each table after the first: where a page break may cut a row."""
    out = set()
    for table in [b for b in blocks if isinstance(b, Table)][1:]:
        for where, row in table.rows:
            if not header_fields(row_texts(row)):
                out.add(where)
                break
    return out


def read_pdf(path: Path) -> Source:
    """The measures table of a PDF with a text layer, and the lines around it."""
    notes: list[tuple[str, str]] = []
    try:
        blocks = _respelled(_blocks(path, notes))
    except (PSException, PdfminerException) as exc:
        raise InputError(M_("{path}: damaged or unreadable PDF: {problem}", path=path, problem=str(exc))) from None
    try:
        source = assemble(str(path), blocks)
    except InputError as exc:
        unmapped = [f"{where}: {message}" for where, message in notes if "\ufffd" in str(message)]
        if not unmapped:
            raise
        raise InputError(M_("{problem}; {unmapped}: the PDF's fonts do not say which letter some glyphs are. "
                            "Import the Word file, or make the PDF again from it",
                            problem=exc.message, unmapped="; ".join(unmapped[:3]))) from None
    source.notes += notes
    _join_broken_rows(source, _first_rows(blocks))
    return source
