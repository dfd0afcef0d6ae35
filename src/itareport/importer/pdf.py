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

from collections import Counter
from dataclasses import replace
from pathlib import Path

import pdfplumber
from pdfminer.pdfdocument import PDFEncryptionError
from pdfminer.pdfparser import PDFSyntaxError
from pdfminer.psparser import PSException
from pdfplumber.utils.exceptions import PdfminerException

from ..errors import InputError
from ..messages import M_, Message
from .grid import Table, assemble, row_texts
from .labels import header_fields, read_label
from .pdftext import PAGE_NUMBER, Line, cell_paras, inside, text_lines
from .sidebyside import reading_order
from .source import Cell, Source, SourcePara, SourceRow
from .thaifix import UNMAPPED, doubtful_marks, guess_unmapped, join_lines, respell, respelled_words
from .unruled import Flow, find_header, flow_table, read_part

MAX_PAGES = 500
SIDE_BY_SIDE_GAP = 3.0   # a gap this many font sizes wide between two texts on a line: they are side by side


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
            within = [ch for ch in chars if inside(ch, box)]
            grid.append((first, span, Cell(cell_paras(text_lines(within), where))))
            covered.update(range(first, first + span))
        grid += [(c, 1, Cell([], True)) for c in range(len(edges)) if c not in covered]
        grid.sort(key=lambda item: item[0])
        rows.append((where, grid))
    return Table(rows)


def _open(path: Path):
    try:
        return pdfplumber.open(path)
    except (PdfminerException, PDFSyntaxError, PSException, ValueError) as exc:
        if any(isinstance(e, PDFEncryptionError) for e in (exc, *exc.args, exc.__cause__, exc.__context__)):
            raise InputError(M_("{path}: the PDF is protected by a password; open it, print it to a new PDF "
                               "without one, and import that", path=path)) from None
        raise InputError(M_("{path}: damaged or unreadable PDF: {problem}", path=path,
                            problem=str(exc.__context__ or exc))) from None


def _unread(pdf, guessed: dict[tuple[str, str], str]) -> list[tuple[Message, Message]]:
    """(where, message) for what the text layer holds but the reader leaves or guesses: rotated text,
    glyphs without a letter, pages with images and no text (scanned pages)."""
    notes = []
    guessed_pages: list[int] = []
    guessed_count, guessed_letters = 0, set[str]()
    for number, page in enumerate(pdf.pages, start=1):
        where = M_("page {number}", number=number)
        rotated = sum(1 for ch in page.chars if not ch.get("upright", True))
        cids = [(ch["fontname"], ch["text"]) for ch in page.chars if ch["text"].startswith("(cid:")]
        unmapped = sum(1 for cid in cids if cid not in guessed)
        letters = sorted({guessed[cid] for cid in cids if cid in guessed})
        if rotated:
            notes.append((where, M_("{count} characters of rotated text were not read", count=rotated)))
        if unmapped:
            notes.append((where, M_("{count} characters the PDF does not map to letters are written as \ufffd",
                                    count=unmapped)))
        if letters:
            guessed_pages.append(number)
            guessed_count += len(cids) - unmapped
            guessed_letters.update(letters)
        if not page.chars and page.images:
            notes.append((where, M_("an image without text (a scanned page?) was not read; OCR is not supported")))
    if guessed_pages:    # one note for the document: the same glyphs on every page
        notes.append((M_("pages {pages}", pages=", ".join(map(str, guessed_pages))),
                      M_("{count} characters the PDF does not map to letters were read as {letters} by the words "
                         "around them: check them", count=guessed_count, letters=" ".join(sorted(guessed_letters)))))
    return notes


def _blocks(path: Path, notes: list) -> list[SourcePara | Table]:
    with _open(path) as pdf:
        if len(pdf.pages) > MAX_PAGES:
            raise InputError(M_("{path}: more than {pages} pages; is this the report?", path=path, pages=MAX_PAGES))
        guessed = guess_unmapped([ch for page in pdf.pages for ch in page.chars if ch.get("upright", True)])
        pages = [(number, page, [dict(ch, text=guessed.get((ch["fontname"], ch["text"]), UNMAPPED))
                                 if ch["text"].startswith("(cid:") else ch
                                 for ch in page.chars if ch.get("upright", True)])
                 for number, page in enumerate(pdf.pages, start=1)]
        doubtful = doubtful_marks([ch for _, _, chars in pages for ch in chars])
        if doubtful:
            pages = [(number, page, [dict(ch, text=doubtful[ch["fontname"]][ch["text"]])
                                     if ch["text"] in doubtful.get(ch["fontname"], ()) else ch for ch in chars])
                     for number, page, chars in pages]
        if not any(ch["text"].strip() for _, _, chars in pages for ch in chars):
            raise InputError(M_("{path}: the PDF has no text (a scan?); OCR is not supported. Import the Word "
                               "file, or type the table into a spreadsheet and import that", path=path))
        notes += _unread(pdf, guessed)
        found_ruled = any(header_fields(_first_texts(page, chars)) for _, page, chars in pages)
        blocks_by_page = []
        flow: Flow | None = None
        for number, page, chars in pages:
            items: list[tuple[float, int, Line | Table | Flow]] = []
            taken: list = []
            if found_ruled:
                for table in page.find_tables():
                    items.append((table.bbox[1], 0, _ruled_table(page, table, number, chars)))
                    taken.append(table.bbox)
            outside = [ch for ch in chars if not any(inside(ch, box) for box in taken)]
            if not found_ruled:
                lines = [line for line in text_lines(outside) if not PAGE_NUMBER.match(line.text)]
                header = find_header(lines, outside)
                continues = flow is not None and not flow.ended and lines
                if header is not None or continues:
                    top = header.top if header is not None else lines[0].top
                    found = read_part(number, outside, header, flow, top)
                    if found is not None:
                        part, read = found
                        if read is not flow:
                            flow = read
                            items.append((top, 0, flow))
                        outside = [ch for ch in outside if not top - 1 <= ch["top"] <= part.bottom]
            band, previous = 0.0, False
            for seq, (line, beside) in enumerate(reading_order(text_lines(outside, SIDE_BY_SIDE_GAP)), start=1):
                band = band if beside and previous else line.top    # a side-by-side block keeps its order
                items.append((band, seq, replace(line, beside=beside)))
                previous = beside
            items.sort(key=lambda item: item[:2])
            blocks_by_page.append((number, [item for _, _, item in items]))
    tables = [(n, [flow_table(item, lambda page, row: M_("page {page} row {row}", page=page, row=row),
                              lambda page: M_("page {page} header", page=page))
                   if isinstance(item, Flow) else item for item in items]) for n, items in blocks_by_page]
    return _outside_paragraphs(tables)


def _first_texts(page, chars) -> list[str]:
    for table in page.find_tables()[:2]:
        for row in table.rows[:3]:
            texts = [respell(" ".join(line.text for line in text_lines([ch for ch in chars if inside(ch, box)])))
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
            if PAGE_NUMBER.match(item.text) or (many and counts[item.text] > 1 and len(item.text) < 120):
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


def _first_text(row: SourceRow, name: str) -> SourcePara | None:
    return next((p for p in row.cells.get(name, Cell()).paras if p.text.strip()), None)


def _starts_row(row: SourceRow, number_column: bool, numbered_titles: bool) -> bool:
    """Whether the first row on a new page starts a row of its own (else a page break cut the row above):
    it has a number; or its title is numbered, or is not while the other titles are; or, without a
    title, a list of its cells starts at ๑ (a new activity)."""
    if number_column:
        return not row.cells.get("number", Cell()).empty
    title = _first_text(row, "title")
    if title is not None:
        return read_label(title).kind == "number" or not numbered_titles
    firsts = [read_label(p) for name in ("steps", "results", "outcomes") if (p := _first_text(row, name))]
    return any(item.kind == "number" and item.number == 1 for item in firsts)


def _join_broken_rows(source: Source, first_rows: set[str]) -> None:
    """A row the page break cut: the next page's first row starts no row of its own (_starts_row); its
    cells continue the last paragraph of each cell above."""
    titles = [p for row in source.rows if (p := _first_text(row, "title")) is not None]
    numbered = sum(read_label(p).kind == "number" for p in titles) > len(titles) / 2
    kept: list[SourceRow] = []
    for row in source.rows:
        continues = (row.where in first_rows and kept and row.section is None and not kept[-1].section
                     and not _starts_row(row, source.number_column, numbered))
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


def _respelled(blocks: list[SourcePara | Table], notes: list) -> list[SourcePara | Table]:
    """Every text respelled where the document's fonts misread glyphs (thaifix.respell); the words
    the dictionary chose another reading for are noted, to be checked."""
    paras = [b for b in blocks if isinstance(b, SourcePara)]
    paras += [p for b in blocks if isinstance(b, Table) for _, row in b.rows for _, _, cell in row for p in cell.paras]
    changed: dict[str, str] = {}
    for para in paras:
        text = respell(para.text)
        changed.update(respelled_words(para.text, text))
        para.text = text
    if changed:
        examples = ", ".join(f"{read} → {word}" for read, word in list(changed.items())[:3])
        notes.append((M_("every page"), M_("the PDF's fonts mix up some Thai marks; {count} words were respelled by "
                                           "the Thai dictionary ({examples}): check them", count=len(changed),
                                           examples=examples)))
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
        blocks = _respelled(_blocks(path, notes), notes)
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
