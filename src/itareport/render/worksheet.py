"""A worksheet being written for the report (render/xlsx.py): the report's font and cell styles,
column widths from the report's shares, row heights estimated from the texts, and where pages break.

Neither Excel nor LibreOffice fits a row's height to a merged cell, and most of the report's cells
are merged, so every row's height is computed here: TH SarabunPSK's average advance widths (its
Thai letters about 0.36 em, counted at 0.42 for the room lost where Thai lines break between words)
and its line height (about 18 pt at 16 pt), erring on the tall side. Column widths are in Excel's
unit, the default font's digit (Calibri 11: 7 px) plus 5 px, as Excel and LibreOffice (with
Carlito, Calibri's metric twin) both measure it.
"""

from __future__ import annotations

import math
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, NamedStyle, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.merge import MergedCellRange
from openpyxl.worksheet.pagebreak import Break
from openpyxl.worksheet.worksheet import Worksheet

from ..errors import InputError
from ..messages import M_

FONT = "TH SarabunPSK"
SIZE = 16
MAX_CELL_CHARS = 32767               # Excel's limit for one cell
CellValue = str | int | float | Decimal | None   # what the report writes in a cell (a str always as text)

# The page: A4 landscape with the .docx's margins (3 cm left, 2 cm right, 2.5 cm top, 2 cm bottom).
CM = 1 / 2.54
MARGINS = {"left": 3 * CM, "right": 2 * CM, "top": 2.5 * CM, "bottom": 2 * CM, "header": 0.8 * CM,
           "footer": 1 * CM}
TEXT_WIDTH_PX = (29.7 - 3 - 2) * CM * 96
PAGE_HEIGHT_PT = (21.0 - 2.5 - 2) * CM * 72
# Excel's column width unit: the widest digit of the default font (Calibri 11: 7 px) plus 5 px padding.
DIGIT_PX, PADDING_PX = 7, 5

# Row heights: TH SarabunPSK 16 pt draws a line in about 18 pt; advance widths in ems (its Thai
# letters average 0.36 em; counted at 0.40 for the room lost where Thai lines break between words).
LINE_PT, CELL_PAD_PT = 19.0, 4.0
SPACER_PT, DEFAULT_ROW_PT, MAX_ROW_PT = 12.0, 15.0, 409.0   # Excel rows are at most 409 pt high
EM_PX = SIZE * 96 / 72
THAI_EM, LATIN_EM, SPACE_EM, PUNCT_EM = 0.42, 0.42, 0.22, 0.25
NARROW = ".,:;'()[]-|!/"
CELL_MARGIN_PX = 6


THIN = Side(style="thin", color="000000")
BOX = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
TEXT = Font(name=FONT, size=SIZE)
BOLD = Font(name=FONT, size=SIZE, bold=True)
TOP = Alignment(vertical="top", wrap_text=True)
CENTER = Alignment(horizontal="center", vertical="center", wrap_text=True)
LEFT = Alignment(horizontal="left", vertical="top", wrap_text=True)
RIGHT = Alignment(horizontal="right", vertical="center")
INTRO = Alignment(horizontal="left", vertical="top", wrap_text=True, indent=4)

# The cells' named styles (Excel's Cell Styles, named as the .docx's paragraph styles): a cell takes
# its style by name, which is fast (openpyxl otherwise hashes each font, border and alignment anew).
TABLE_TEXT, TABLE_HEADER, TOTAL, TITLE, INTRO_TEXT, INDICATOR, SIGNATURE, VALUE = (
    "ITA Table Text", "ITA Table Header", "ITA Total", "ITA Title", "ITA Intro", "ITA Indicator", "ITA Signature",
    "ITA Value")
TEXT_STYLES: dict[str, tuple[Font, Alignment, bool]] = {   # name: font, alignment, boxed
    TABLE_TEXT: (TEXT, TOP, True), TABLE_HEADER: (BOLD, CENTER, True), TOTAL: (BOLD, TOP, True),
    TITLE: (BOLD, CENTER, False), INTRO_TEXT: (TEXT, INTRO, False), INDICATOR: (TEXT, RIGHT, False),
    SIGNATURE: (TEXT, CENTER, False), VALUE: (TEXT, LEFT, True)}


def add_style(book: Workbook, name: str, font: Font, align: Alignment, boxed: bool,
              number_format: str = "General") -> None:
    """A named cell style in the workbook."""
    book.add_named_style(NamedStyle(name=name, font=font, alignment=align, border=BOX if boxed else Border(),
                                    number_format=number_format))


def column_widths(shares: Iterable[float]) -> list[float]:
    """Excel widths (characters) of columns filling the page's text width by the report's shares."""
    widths = []
    for share in shares:
        px = TEXT_WIDTH_PX * share
        widths.append(round(max(1.0, (px - PADDING_PX) / DIGIT_PX), 2))
    return widths


def _text_px(text: str) -> float:
    width = 0.0
    for ch in text:
        if unicodedata.category(ch) in ("Mn", "Me", "Cf"):
            continue
        width += SPACE_EM if ch in " \u00a0" else PUNCT_EM if ch in NARROW else LATIN_EM if ch.isascii() else THAI_EM
    return width * EM_PX


def line_count(text: str, width: float) -> int:
    """How many lines a text takes in a cell this wide (Excel characters), wrapped."""
    usable = max(DIGIT_PX, width * DIGIT_PX + PADDING_PX - CELL_MARGIN_PX)
    return sum(max(1, math.ceil(_text_px(line) / usable)) for line in text.split("\n"))


def height_of(lines: int) -> float:
    return round(lines * LINE_PT + CELL_PAD_PT, 2)


@dataclass
class Sheet:
    """A worksheet being written: its column widths and each row's height."""

    ws: Worksheet
    widths: list[float]
    heights: dict[int, float] = field(default_factory=dict)
    blocks: list[tuple[int, int, float]] = field(default_factory=list)   # (first row, last row, height needed)
    header: int | None = None                       # the row printed at the top of every page
    keep_together: tuple[list[int], int] | None = None  # (where a page may start, last row): kept on one page

    def put(self, row: int, col: int, value: CellValue, style: str = TABLE_TEXT) -> None:
        """One cell (1-based) in a named style; a str is always text, even one that starts with '='."""
        if isinstance(value, str) and len(value) > MAX_CELL_CHARS:
            raise InputError(M_("{sheet}!{cell}: a text of {count} characters is longer than an Excel cell holds "
                                "({limit}); shorten it in the data file",
                                sheet=self.ws.title, cell=f"{get_column_letter(col)}{row}", count=len(value),
                                limit=MAX_CELL_CHARS))
        cell = self.ws.cell(row=row, column=col)
        cell.value = value
        if isinstance(value, str):
            cell.data_type = "s"
        cell.style = style

    def fit(self, row: int, text: str, width: float, last: int | None = None) -> None:
        """Make the rows row..last tall enough for a text in a cell this wide."""
        need = height_of(line_count(text, width)) if text else height_of(1)
        if last is None or last == row:
            self.heights[row] = max(self.heights.get(row, 0.0), need)
        else:
            self.blocks.append((row, last, need))

    def merge(self, row: int, col: int, last_row: int, last_col: int, style: str = TABLE_TEXT) -> None:
        """Merge a range whose first cell is written; its other cells are empty, in the same style (so
        the range is boxed). Added to the sheet's ranges directly: openpyxl's merge_cells compares each
        new range with every other (minutes for a thousand measures) and restyles its edges one by one."""
        if (row, col) == (last_row, last_col):
            return
        for r in range(row, last_row + 1):
            for c in range(col, last_col + 1):
                if (r, c) != (row, col):
                    self.ws.cell(row=r, column=c).style = style
        coord = f"{get_column_letter(col)}{row}:{get_column_letter(last_col)}{last_row}"
        self.ws.merged_cells.ranges.add(MergedCellRange(self.ws, coord))

    def finish(self) -> None:
        """Column widths and row heights: a merged block's deficit goes to its last row."""
        for i, width in enumerate(self.widths, start=1):
            self.ws.column_dimensions[get_column_letter(i)].width = width
        for first, last, need in self.blocks:
            for r in range(first, last + 1):
                self.heights.setdefault(r, height_of(1))
            have = sum(self.heights[r] for r in range(first, last + 1))
            if need > have:
                self.heights[last] = round(self.heights[last] + need - have, 2)
        for r, height in sorted(self.heights.items()):
            self.ws.row_dimensions[r].height = min(height, MAX_ROW_PT)
        if self.keep_together is not None:
            self.keep_on_one_page(*self.keep_together)

    def keep_on_one_page(self, starts: list[int], last: int) -> None:
        """A page break before the first of `starts` whose rows up to `last` fit on one page, when
        they would otherwise split (the signatures with the end of the table, as in the .docx)."""
        pages = self.pages()
        room = PAGE_HEIGHT_PT / self.scale() - self.heights.get(self.header or 0, 0.0)
        for first in starts:
            if sum(self.heights.get(r, DEFAULT_ROW_PT) for r in range(first, last + 1)) <= room:
                if pages[first] != pages[last]:
                    self.ws.row_breaks.append(Break(id=first - 1))
                return

    def scale(self) -> float:
        """The print scale that fits the columns to the page width."""
        total_px = sum(w * DIGIT_PX + PADDING_PX for w in self.widths)
        return min(1.0, TEXT_WIDTH_PX / total_px) if total_px else 1.0

    def pages(self) -> dict[int, int]:
        """The page each row prints on, as estimated (rows fitted to the page width; the header row
        repeated at the top of each page): where a block of rows would split."""
        height = PAGE_HEIGHT_PT / self.scale()
        repeat = self.heights.get(self.header, DEFAULT_ROW_PT) if self.header else 0.0
        pages, page, used = {}, 0, 0.0
        for r in range(1, max(self.heights, default=0) + 1):
            h = min(self.heights.get(r, DEFAULT_ROW_PT), MAX_ROW_PT)
            if used + h > height and used > repeat:
                page, used = page + 1, repeat
            pages[r] = page
            used += h
        return pages

