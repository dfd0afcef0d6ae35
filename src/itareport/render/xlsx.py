"""The Excel workbook (openpyxl): the report as it prints, for officers who fill in results in Excel.

Sheet "รายงาน": the title lines and intro, the table and the signature lines, as the report prints
them. One sheet row per line of a step (or result) list: an activity of three steps takes three
rows, and its title, owner, period, money and status cells are merged down over them (a measure's
title over its rows, as officers lay it out by hand). The header row is printed on every page (print
titles); A4 landscape, fitted to the page width, the report's margins; TH SarabunPSK 16 pt, wrapped.
Money and numbers are numbers, totals are =SUM formulas (with their value cached for readers that do
not calculate), status and period cells offer their choices (data validation lists).

Sheet "ข้อมูลรายงาน": the values beside the table as label | value rows (agency, fiscal year, ITA
indicator, intro, each signer's role, name and position lines, the date, ITA results), with each
value's place in the data file (`signers[1].position[2]`) in a hidden third column, for the round trip.

Sheet "ตัวเลือก" (hidden): the choices of the validation lists.

Numerals: texts are in the report's digits, as in the .docx. Numbers stay numbers (so Excel sums
them), shown in Thai digits by the number format's locale prefix [$-D00041E] (numeral shape 0x0D:
Thai digits; language 041E: Thai), which Excel and LibreOffice both honour; with `numerals: arabic`
the formats have no prefix.

Row heights are computed (render/worksheet.py), not left to Excel: neither Excel nor LibreOffice
fits a row to a merged cell. The signature block starts a new page with the table's last activity
rather than split, as in the .docx.

The same view gives the same bytes: fixed zip dates, core and app properties (openpyxl writes the
time and its own version there); see render/package.py.
"""

from __future__ import annotations

import io
import re
from decimal import Decimal

from openpyxl import Workbook
from openpyxl.utils import get_column_letter, quote_sheetname
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from ..cells import STATUS_WORDS, parse_number
from ..kinds import Col
from ..loader import format_path
from ..periods import quarter_bounds
from ..provenance import add_provenance
from ..thai import format_fiscal_year, format_range
from ..view import WEAKNESSES, Para, Row, View, final_text
from . import ooxml
from .package import deterministic_zip, read_package
from .worksheet import (
    BOLD,
    INDICATOR,
    INTRO_TEXT,
    LEFT,
    MARGINS,
    SIGNATURE,
    SPACER_PT,
    TABLE_HEADER,
    TABLE_TEXT,
    TEXT,
    TEXT_STYLES,
    TITLE,
    TOP,
    TOTAL,
    VALUE,
    Sheet,
    add_style,
    column_widths,
)

REPORT_SHEET = "รายงาน"
FACTS_SHEET = "ข้อมูลรายงาน"
CHOICES_SHEET = "ตัวเลือก"
FACTS_HEADERS = ("รายการ", "ข้อความ", "ตำแหน่งในไฟล์ข้อมูล")

THAI_DIGITS_FORMAT = "[$-D00041E]"   # numeral shape 0x0D (Thai digits), Gregorian, Thai (041E)
MONEY_FORMAT = "#,##0.00"            # satang always shown: a typed 1234.5 never shows as 1,235
NUMBER_FORMAT = "General"
SCORE_FORMAT = "0.00"                # ITA scores, as the NACC publishes them
LINE_TYPES = ("numbered", "list")     # one sheet row per item; other columns are merged down
NUMERIC = ("money", "number")


def para_text(para: Para) -> str:
    return f"{para.label} {para.text}" if para.label else para.text


def cell_text(paras: list[Para]) -> str:
    return "\n".join(para_text(p) for p in paras)


MONEY, NUMBER, TOTAL_MONEY, TOTAL_NUMBER, SCORE = "ITA Money", "ITA Number", "ITA Total Money", "ITA Total Number", \
    "ITA Score"


def add_styles(book: Workbook, numerals: str) -> None:
    """The workbook's named cell styles: the texts', and the numbers' in the report's digits."""
    for name, (font, align, boxed) in TEXT_STYLES.items():
        add_style(book, name, font, align, boxed)
    for name, font, align, base in ((MONEY, TEXT, TOP, MONEY_FORMAT), (NUMBER, TEXT, TOP, NUMBER_FORMAT),
                                    (TOTAL_MONEY, BOLD, TOP, MONEY_FORMAT), (TOTAL_NUMBER, BOLD, TOP, NUMBER_FORMAT),
                                    (SCORE, TEXT, LEFT, SCORE_FORMAT)):
        add_style(book, name, font, align, True, number_format(base, numerals))


def number_format(base: str, numerals: str) -> str:
    return (THAI_DIGITS_FORMAT + base) if numerals == "thai" else base


def amount_of(paras: list[Para]) -> Decimal | None:
    """The number a money or number cell prints, or None ('-', empty, or a text)."""
    return parse_number(cell_text(paras)) if len(paras) == 1 else None



# --- the report sheet ----------------------------------------------------------------------------

def _line_columns(cols: list[Col]) -> list[bool]:
    return [c.type in LINE_TYPES and c.key != "title" for c in cols]


def _write_header(sheet: Sheet, row: int, headers: list[str]) -> None:
    for j, header in enumerate(headers, start=1):
        sheet.put(row, j, header, TABLE_HEADER)
        sheet.fit(row, header, sheet.widths[j - 1])


def _write_activity(sheet: Sheet, row: int, view_row: Row, cols: list[Col]) -> int:
    """One activity's rows from `row`: its list items one a row, the other cells merged down; the next row."""
    lines = _line_columns(cols)
    count = max([1, *(len(cell) for cell, spread in zip(view_row.cells, lines, strict=True) if spread)])
    last = row + count - 1
    for j, (col, paras, spread) in enumerate(zip(cols, view_row.cells, lines, strict=True), start=1):
        width = sheet.widths[j - 1]
        if spread:
            for k in range(count):
                text = para_text(paras[k]) if k < len(paras) else None
                sheet.put(row + k, j, text)
                sheet.fit(row + k, text or "", width)
            continue
        amount = amount_of(paras) if col.type in NUMERIC else None
        style = TABLE_TEXT
        if col.type in NUMERIC and (amount is not None or not paras or cell_text(paras) == "-"):
            style = MONEY if col.type == "money" else NUMBER
            sheet.put(row, j, amount, style)
            sheet.fit(row, "", width)
        else:
            text = cell_text(paras)
            sheet.put(row, j, text or None)
            sheet.fit(row, text, width, last)
        sheet.merge(row, j, last, j, style)
    return last + 1


def _write_total(sheet: Sheet, row: int, view_row: Row, cols: list[Col], first: int) -> None:
    for j, (col, paras) in enumerate(zip(cols, view_row.cells, strict=True), start=1):
        if col.total and col.type in NUMERIC:
            letter = get_column_letter(j)
            sheet.put(row, j, f"=SUM({letter}{first}:{letter}{row - 1})" if row > first else 0,
                      TOTAL_MONEY if col.type == "money" else TOTAL_NUMBER)
            sheet.ws.cell(row=row, column=j).data_type = "f" if row > first else "n"
        else:
            sheet.put(row, j, cell_text(paras) or None, TOTAL)
    sheet.fit(row, "", sheet.widths[0])


def write_report(sheet: Sheet, view: View) -> tuple[int, int, dict[str, str]]:
    """The report as it prints; returns the header row, the last body row and the total cells'
    cached values ({'D12': '27500.5'})."""
    ws, ncols, total_width = sheet.ws, len(view.columns), sum(sheet.widths)
    row = 1
    if view.indicator_line:
        sheet.put(row, 1, view.indicator_line, INDICATOR)
        sheet.merge(row, 1, row, ncols, INDICATOR)
        sheet.fit(row, view.indicator_line, total_width)
        row += 1
    for line in view.title_lines:
        sheet.put(row, 1, line or None, TITLE)
        sheet.merge(row, 1, row, ncols, TITLE)
        sheet.fit(row, line, total_width)
        row += 1
    for line in view.intro_lines:
        sheet.put(row, 1, line, INTRO_TEXT)
        sheet.merge(row, 1, row, ncols, INTRO_TEXT)
        sheet.fit(row, " " * 8 + line, total_width)
        row += 1
    sheet.heights[row] = SPACER_PT
    row += 1
    header = row
    _write_header(sheet, header, view.headers)
    row += 1
    first = row
    cached: dict[str, str] = {}
    last_start = first   # the last activity's first row: kept with the signatures
    for view_row in view.rows:
        if not view_row.total:
            last_start = row
        if view_row.total:
            _write_total(sheet, row, view_row, view.columns, first)
            for j, (col, paras) in enumerate(zip(view.columns, view_row.cells, strict=True), start=1):
                amount = amount_of(paras) if col.total and col.type in NUMERIC else None
                if amount is not None and row > first:
                    cached[f"{get_column_letter(j)}{row}"] = format(amount.normalize(), "f")
            row += 1
        else:
            row = _write_activity(sheet, row, view_row, view.columns)
    last_body = row - 1 - (1 if view.rows and view.rows[-1].total else 0)
    if view.signers:
        sheet.heights[row] = SPACER_PT
        row += 1
        signatures = row
        half = max(1, ncols // 2)
        width = sum(sheet.widths[half:])
        for i, block in enumerate(view.signers):
            if i:
                sheet.heights[row] = SPACER_PT
                row += 1
            for line in block:
                sheet.put(row, half + 1, line or None, SIGNATURE)
                sheet.merge(row, half + 1, row, ncols, SIGNATURE)
                sheet.fit(row, line, width)
                row += 1
        sheet.keep_together = ([start for start in (last_start, signatures) if start > header + 1], row - 1)
    ws.print_title_rows = f"{header}:{header}"
    sheet.header = header
    return header, last_body, cached


def _page_setup(ws: Worksheet) -> None:
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.page_setup.fitToPage = True   # openpyxl's proxy for sheet_properties.pageSetUpPr.fitToPage
    for side, inches in MARGINS.items():
        setattr(ws.page_margins, side, round(inches, 3))
    ws.print_options.horizontalCentered = True


# --- validation lists ------------------------------------------------------------------------------

def period_choices(view: View) -> list[str]:
    """The whole fiscal year, its halves and quarters, then the periods the table already uses."""
    fmt = final_text(view.numerals)
    choices: list[str] = []
    if view.facts is not None:
        year = view.facts.fiscal_year
        quarters = [quarter_bounds(year, q) for q in range(1, 5)]
        choices.append(fmt(format_fiscal_year(year)))
        halves = [(quarters[0][0], quarters[1][1]), (quarters[2][0], quarters[3][1])]
        choices += [fmt(format_range(start, end)) for start, end in halves]
        choices += [fmt(format_range(start, end)) for start, end in quarters]
    index = next((i for i, c in enumerate(view.columns) if c.type == "period"), None)
    if index is not None:
        for view_row in view.rows:
            text = cell_text(view_row.cells[index])
            if text and not view_row.total and text not in choices:
                choices.append(text)
    return choices


def _validations(report: Worksheet, choices: Worksheet, view: View, first: int, last: int) -> None:
    lists = {"status": list(STATUS_WORDS.values()), "period": period_choices(view)}
    for c, (kind, values) in enumerate(lists.items(), start=1):
        for r, value in enumerate(values, start=1):
            cell = choices.cell(row=r, column=c, value=value)
            cell.data_type = "s"
        columns = [j for j, col in enumerate(view.columns, start=1) if col.type == kind]
        if not columns or not values or last < first:
            continue
        letter = get_column_letter(c)
        source = f"{quote_sheetname(CHOICES_SHEET)}!${letter}$1:${letter}${len(values)}"
        strict = kind == "status"   # a period may be any range: the list only suggests
        rule = DataValidation(type="list", formula1=source, allow_blank=True, showDropDown=False,
                              showErrorMessage=strict, errorStyle="stop" if strict else "information",
                              errorTitle="สถานะ" if strict else None,
                              error="เลือกสถานะจากรายการ" if strict else None)
        for j in columns:
            rule.add(f"{get_column_letter(j)}{first}:{get_column_letter(j)}{last}")
        report.add_data_validation(rule)


# --- the facts sheet ----------------------------------------------------------------------------------

def fact_rows(view: View) -> list[tuple[str, str | Decimal | None, str]]:
    """(label, value, place in the data file) of every value beside the table."""
    fmt = final_text(view.numerals)
    facts = view.facts
    rows: list[tuple[str, str | Decimal | None, str]] = []
    if facts is not None:
        rows += [("ชื่อหน่วยงาน", facts.agency, "agency.name"), ("อำเภอ", facts.district, "agency.district"),
                 ("จังหวัด", facts.province, "agency.province"),
                 ("ปีงบประมาณ (พ.ศ.)", fmt(str(facts.fiscal_year)), "fiscal_year"),
                 ("ตัวชี้วัด ITA", facts.ita_indicator, "ita_indicator")]
    rows.append(("คำนำ", "\n".join(view.intro_lines), "intro"))
    if facts is not None:
        for i, signer in enumerate(facts.signers):
            who = fmt(f"ผู้ลงนามคนที่ {i + 1}")
            rows += [(f"{who} บทบาท", signer.role, format_path(("signers", i, "role"))),
                     (f"{who} ชื่อ", signer.name, format_path(("signers", i, "name")))]
            for k, line in enumerate(signer.position):
                label = f"{who} ตำแหน่ง" + (fmt(f" บรรทัดที่ {k + 1}") if k else "")
                rows.append((label, line, format_path(("signers", i, "position", k))))
        rows.append(("วันที่ใต้ลายมือชื่อ", facts.date_line, "date"))
    results = view.results
    if results is not None:
        rows += [("ผลการประเมิน ITA ปีงบประมาณ", fmt(str(results.fiscal_year)), "ita_results.fiscal_year"),
                 ("ผลการประเมิน ITA คะแนนรวม", parse_number(results.score), "ita_results.score")]
        for i, indicator in enumerate(results.rows):
            label = fmt(f"ตัวชี้วัดที่ {i + 1}")
            rows += [(label, cell_text(indicator.cells[0]), format_path(("ita_results", "indicators", i, "name"))),
                     (f"{label} คะแนน", amount_of(indicator.cells[1]),
                      format_path(("ita_results", "indicators", i, "score")))]
        for heading, paras in results.lists:
            key = "weaknesses" if heading == WEAKNESSES else "improvements"
            rows += [(fmt(f"{heading} ข้อ {k + 1}"), p.text, format_path(("ita_results", key, k)))
                     for k, p in enumerate(paras)]
    return rows


def write_facts(sheet: Sheet, view: View) -> None:
    for j, header in enumerate(FACTS_HEADERS, start=1):
        sheet.put(1, j, header, TABLE_HEADER)
    sheet.fit(1, FACTS_HEADERS[0], sheet.widths[0])
    for r, (label, value, key) in enumerate(fact_rows(view), start=2):
        sheet.put(r, 1, label)
        sheet.put(r, 2, value if isinstance(value, Decimal) else value or None,
                  SCORE if isinstance(value, Decimal) else VALUE)
        sheet.put(r, 3, key)
        sheet.fit(r, label, sheet.widths[0])
        sheet.fit(r, value if isinstance(value, str) else "", sheet.widths[1])
    sheet.ws.column_dimensions["C"].hidden = True
    sheet.ws.print_title_rows = "1:1"


# --- the workbook ---------------------------------------------------------------------------------------

_EMPTY_V = re.compile(r'(<c r="([A-Z]+\d+)"[^>]*><f>[^<]*</f>)<v\s*(?:/>|></v>)')


def cache_formula_values(sheet_xml: bytes, values: dict[str, str]) -> bytes:
    """The formulas' computed values written beside them (openpyxl writes none), so a reader that
    does not calculate (importers, previews) sees the totals."""
    text = sheet_xml.decode("utf-8")
    text = _EMPTY_V.sub(lambda m: f"{m.group(1)}<v>{values[m.group(2)]}</v>" if m.group(2) in values
                        else m.group(0), text)
    return text.encode("utf-8")


APP_PROPERTIES = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
                  '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties">'
                  "<Application>itareport</Application></Properties>")


def render_xlsx(view: View) -> bytes:
    """The workbook's bytes: the report sheet, the facts sheet, the hidden choices; provenance when the
    view carries it."""
    book = Workbook()
    add_styles(book, view.numerals)
    report = book.active
    assert report is not None
    report.title = REPORT_SHEET
    sheet = Sheet(report, column_widths(view.shares))
    header, last_body, cached = write_report(sheet, view)
    sheet.finish()
    _page_setup(report)
    facts = Sheet(book.create_sheet(FACTS_SHEET), [34.0, 90.0, 30.0])
    write_facts(facts, view)
    facts.finish()
    _page_setup(facts.ws)
    choices = book.create_sheet(CHOICES_SHEET)
    choices.sheet_state = "hidden"
    _validations(report, choices, view, header + 1, last_body)
    book.properties.creator = view.author
    out = io.BytesIO()
    book.save(out)
    entries = read_package(out.getvalue())
    core = ooxml.core_properties(title=view.doc_title, creator=view.author,
                                 keywords=f"ITA {view.ita_indicator}" if view.ita_indicator else "",
                                 date=view.date.strftime("%Y-%m-%dT%H:%M:%SZ"))
    fixed = {"docProps/core.xml": core.encode("utf-8"), "docProps/app.xml": APP_PROPERTIES.encode("utf-8")}
    entries = [(name, fixed.get(name, data)) for name, data in entries]
    entries = [(name, cache_formula_values(data, cached) if name == "xl/worksheets/sheet1.xml" else data)
               for name, data in entries]
    if view.provenance is not None:
        entries = add_provenance(entries, "xl/workbook.xml", view.provenance)
    return deterministic_zip(entries)

