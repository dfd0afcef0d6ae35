"""The conversion: a Source (paragraphs and table rows) into the data of a data file.

Each step is a function of its inputs: read_front reads the title block (fiscal year included),
the fiscal year is decided before the rows are converted, the rows are grouped into measures, and
the digits the report is written in (numerals) are decided at the end from the data itself.
What cannot be understood goes into Notes: YAML comments at a path, located warnings, and lines
for the end of the file.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field, replace

from .. import codes, kinds, placeholders
from ..errors import InputError
from ..messages import M_, Message, render_text
from ..periods import ParsedPeriod, be_year, parse_period
from ..review import REVIEW, Leftover, review_data
from ..thai import (
    THAI_DIGITS,
    YearMonth,
    current_fiscal_year,
    fiscal_year_of,
    thai_numerals,
    to_arabic_digits,
    to_thai_digits,
)
from ..yaml_writer import BLANK
from .columns import declare, forget, other_cells, plan, split_total
from .labels import (
    DIGIT,
    FISCAL_IN_TITLE,
    INDICATOR_LINE,
    INTRO_MIN_CHARS,
    INTRO_STYLE,
    REPORT_WORDS,
    TITLE_STYLE,
    Item,
    cell_items,
    cell_text,
    clean,
    is_agency_line,
    lines_of,
    number_of,
    parse_agency,
    squeeze,
    title_items,
)
from .signers import read_signatures
from .source import PLACEHOLDER, Cell, Source, SourcePara, SourceRow

# A local government named inside a title line, after the report's own words.
AGENCY_INSIDE = re.compile(r"(?:(?<=\s)|(?<=ของ)|^)(?:เทศบาล(?:ตำบล|เมือง|นคร)|องค์การบริหารส่วน(?:ตำบล|จังหวัด)"
                           r"|อบต\.|อบจ\.)\S")


@dataclass
class Notes:
    """What the conversion could not read or guessed: the leftovers to review (the data file's
    `review:`), a located warning for each, and the comments the file is written with."""

    comments: dict[tuple, list] = field(default_factory=dict)
    messages: list[tuple[tuple, Message, str]] = field(default_factory=list)   # (path, warning, code)
    leftovers: list[Leftover] = field(default_factory=list)

    def flag(self, path: tuple, what: str, message: Message, source: str | None = None) -> None:
        """A leftover about the value at path (what: Thai, for the officer), and a warning located there."""
        self.leftovers.append(Leftover(tuple(path), what, source))
        self.messages.append((path, message, message.code))

    def at_end(self, what: str, message: Message, source: str | None = None) -> None:
        """A leftover about no value in particular (the warning is located at its review item)."""
        self.leftovers.append(Leftover((), what, source))
        self.messages.append(((REVIEW, len(self.leftovers) - 1), message, message.code))

    def keep(self, stays: Callable[[tuple], bool]) -> None:
        """Only the leftovers, warnings and comments at the paths that stay (a review item's own warning stays
        with it)."""
        kept = [(i, item) for i, item in enumerate(self.leftovers) if not item.path or stays(item.path)]
        index = {old: new for new, (old, _item) in enumerate(kept)}
        self.leftovers = [item for _i, item in kept]
        self.comments = {path: lines for path, lines in self.comments.items() if stays(path)}
        self.messages = [((REVIEW, index[path[1]]) if path[:1] == (REVIEW,) else path, message, code)
                         for path, message, code in self.messages
                         if (path[:1] == (REVIEW,) and path[1] in index) or (path[:1] != (REVIEW,) and stays(path))]


def _thai(where: Message | str) -> str:
    """A place in the source ('page 2 row 3') as the data file writes it: in Thai."""
    return render_text(where, "th")


@dataclass(frozen=True)
class Front:
    """The title block and intro above the table."""

    title_lines: list[str]       # the title lines that do not name the agency
    intro: str | None
    agency: dict | None
    ita_indicator: str | None
    fiscal_year: int | None
    block: list[str] = field(default_factory=list)   # every title line in order, the agency's included


@dataclass
class _Group:
    number: int | None
    title: str
    where: Message | str
    rows: list = field(default_factory=list)    # (SourceRow, head items)


# --- the title block, intro and signature ----------------------------------------------------

def _prose(para: SourcePara) -> bool:
    return para.style == INTRO_STYLE or any(len(line) >= INTRO_MIN_CHARS for line in clean(para.text).split("\n"))


def read_front(paras: list[SourcePara]) -> Front:
    before = [p for p in lines_of(paras, keep=_prose) if clean(p.text)]
    styled = any(p.style in (TITLE_STYLE, INTRO_STYLE) for p in before)
    title_lines, intro, agency, indicator, fiscal_year = [], [], None, None, None
    block: list[str] = []
    for p in before:
        text = clean(p.text)
        in_intro = p.style == INTRO_STYLE if styled else bool(intro) or len(text) >= INTRO_MIN_CHARS
        if styled and p.style not in (TITLE_STYLE, INTRO_STYLE):
            in_intro = bool(intro)
        if in_intro:
            intro.append(text)
            continue
        m = FISCAL_IN_TITLE.search(to_arabic_digits(text))
        if m and fiscal_year is None:
            fiscal_year = be_year(m.group(1))[0]
        m = INDICATOR_LINE.match(text)
        if m and indicator is None:
            indicator = m.group(1).upper()
            continue
        block.append(text)
        if agency is None and is_agency_line(text):
            agency = parse_agency(text)
            continue
        title_lines.append(text)
    if agency is None:   # the last title line that is not the report's own wording names the agency
        names = [line for line in title_lines if not REPORT_WORDS.search(line)]
        if names:
            title_lines.remove(names[-1])
            agency = parse_agency(names[-1])
    if agency is None:   # a title of one line: the agency at its end ('... ประจำปีงบประมาณ พ.ศ. ๒๕๖๘ เทศบาลตำบลหนองแก')
        inside = [(line, m) for line in title_lines if (m := AGENCY_INSIDE.search(line))]
        if inside:
            line, m = inside[-1]
            agency = parse_agency(line[m.start():].strip())
    return Front(title_lines, "\n".join(intro) or None, agency, indicator, fiscal_year, block)


def guess_fiscal_year(rows: list[SourceRow], notes: Notes) -> int:
    """The fiscal year most periods of the table end in, else the current one (flagged either way)."""
    years = Counter()
    for row in rows:
        text = cell_text(row.cells.get("period", Cell()), " ")
        parsed = parse_period(text, None) if text else ParsedPeriod(None)
        if isinstance(parsed.value, dict):
            end = parsed.value["to"].split("-")
            years[fiscal_year_of(YearMonth(int(end[0]), int(end[1])))] += 1
    if years:
        year = years.most_common(1)[0][0]
        notes.flag(("fiscal_year",), "ต้นฉบับไม่ระบุปีงบประมาณในหัวเรื่อง ปีนี้ประมาณจากระยะเวลาในตาราง: ตรวจ",
                   codes.message("ITA501", year=year))
    else:
        year = current_fiscal_year()
        notes.flag(("fiscal_year",), "ต้นฉบับไม่ระบุปีงบประมาณ ใส่ปีปัจจุบันไว้ก่อน: แก้เป็นปีของรายงาน",
                   codes.message("ITA501", "current", year=year))
    return year


def read_signers(paras: list[SourcePara], notes: Notes) -> tuple[list[dict], str | None]:
    """The signers and the signing date (signers.py); what it could not read or had to make up, as leftovers."""
    read = read_signatures(paras)
    for where, text in read.unread:
        notes.at_end(f"ข้อความท้ายตารางที่โปรแกรมอ่านไม่ได้ ({_thai(where)}): ย้ายไปไว้ในที่ที่ควรอยู่ หรือลบทิ้ง",
                     codes.message("ITA502", text=text[:60]), text)
    for path, kind, text in read.doubts:
        if kind == "name":
            notes.flag(path, "ต้นฉบับไม่มีชื่อผู้ลงนาม: กรอกชื่อ-สกุล", codes.message("ITA522", "name", text=PLACEHOLDER),
                       text)
        elif kind == "position":
            notes.flag(path, "ต้นฉบับไม่มีตำแหน่งของผู้ลงนาม: กรอกตำแหน่ง",
                       codes.message("ITA522", "position", text=PLACEHOLDER), text)
        elif kind == "date":
            notes.flag(path, "อ่านบรรทัดวันที่ใต้ลายมือชื่อไม่ได้: ใส่วันที่ (date:) เอง", codes.message("ITA523", text=text),
                       text)
        else:
            notes.flag(path, "ผู้ลงนามแต่ละคนลงวันที่ต่างกัน ใช้วันที่ของคนแรก: ตรวจ",
                       codes.message("ITA523", "dates", text=text, date=read.date), text)
    return read.signers, read.date


# --- the table ------------------------------------------------------------------------------------

def _copy(row: SourceRow) -> SourceRow:
    return replace(row, cells={k: Cell(list(c.paras), c.merged) for k, c in row.cells.items()}, extra=list(row.extra))


def group_rows(source: Source, notes: Notes) -> list[_Group]:
    """The rows of each measure: a new measure starts at a number (or a numbered title)."""
    groups: list[_Group] = []
    pending_stray: list[tuple[str, str]] = []
    for row in map(_copy, source.rows):
        if row.section is not None:
            pending_stray.append((row.where, row.section))
            continue
        title = row.cells.get("title", Cell())
        items = [] if title.merged else title_items(title)
        number = row.cells.get("number")
        numbered = bool(number and not number.empty and not number.merged)   # merged down: the measure goes on
        if not items and not title.merged and not numbered:
            if all(c.empty for k, c in row.cells.items() if k != "number") and not row.extra:
                continue
            if groups and all(row.cells.get(f, Cell()).empty for f in ("owner", "period")):
                previous = groups[-1].rows[-1][0]
                for name, cell in row.cells.items():
                    previous.cells.setdefault(name, Cell()).paras.extend(cell.paras)
                previous.extra.extend(row.extra)
                continue
        if pending_stray and (not groups or items or numbered):
            for where, text in pending_stray:
                notes.flag(("measures", len(groups)), f"แถวหัวข้อในตารางของต้นฉบับ ({_thai(where)}) ไม่ได้นำเข้า: "
                           "ตรวจว่าควรอยู่ที่ใด", codes.message("ITA503", where=where, text=text[:60]), text)
            pending_stray = []
        new_measure = numbered if source.number_column else bool(items and items[0].kind in ("number", ""))
        if not groups or new_measure:
            if not items:
                items = [Item(PLACEHOLDER)]
                notes.flag(("measures", len(groups), "title"), f"ต้นฉบับไม่มีชื่อมาตรการ ({_thai(row.where)}): กรอกเอง",
                           codes.message("ITA504", where=row.where, text=PLACEHOLDER))
            typed = re.fullmatch(rf"({DIGIT}{{1,3}})\.?", cell_text(row.cells["number"])) if numbered else None
            number = number_of(typed.group(1)) if typed else None if numbered else items[0].number
            groups.append(_Group(number, items[0].text, row.where, [(row, items[1:])]))
        else:
            groups[-1].rows.append((row, items))
    for where, text in pending_stray:
        notes.at_end(f"แถวหัวข้อท้ายตารางของต้นฉบับ ({_thai(where)}) ไม่ได้นำเข้า: ตรวจว่าควรอยู่ที่ใด",
                     codes.message("ITA503", "end", where=where, text=text[:60]), text)
    return groups


def measure(group: _Group, index: int, fiscal_year: int, notes: Notes) -> dict:
    path = ("measures", index)
    if group.number is not None and group.number != index + 1:
        notes.flag((*path, "title"), f"ต้นฉบับใช้เลขข้อ {to_thai_digits(str(group.number))} รายงานใช้เลขข้อ "
                   f"{to_thai_digits(str(index + 1))}: ตรวจว่าไม่มีมาตรการขาดหรือเกิน",
                   codes.message("ITA505", where=group.where, number=group.number, index=index + 1))
    if len(group.rows) == 1 and not (group.rows[0][1] and group.rows[0][1][0].kind):
        row, head = group.rows[0]
        return activity(row, group.title, [h.text for h in head], path, fiscal_year, notes)
    heads = [[h.text for h in head] for _, head in group.rows]
    if not any(heads[1:]) and len(heads[0]) == len(heads):
        heads = [[text] for text in heads[0]]   # a merged cell listing each row's activity
    activities = []
    for j, ((row, _items), head) in enumerate(zip(group.rows, heads, strict=False)):
        sub = (*path, "activities", j)
        if head:
            title, details = head[0], head[1:]
        else:
            title, details = to_thai_digits(f"กิจกรรมที่ {j + 1}"), []
            notes.flag((*sub, "title"), f"ต้นฉบับไม่มีชื่อกิจกรรมของแถวนี้ ({_thai(row.where)}) ใส่ '{title}' ไว้: "
                       "ตั้งชื่อให้",
                       codes.message("ITA506", where=row.where, index=index + 1, title=title))
        activities.append(activity(row, title, details, sub, fiscal_year, notes))
    return {"title": group.title, "activities": activities}


def activity(row: SourceRow, title: str, details: list[str], path: tuple, fiscal_year: int, notes: Notes) -> dict:
    cells = row.cells
    steps = cell_items(cells.get("steps", Cell()))
    owner = cell_text(cells.get("owner", Cell()))
    results = cell_items(cells.get("results", Cell()))
    outcomes = cell_items(cells.get("outcomes", Cell()))
    if not steps:
        steps = [PLACEHOLDER]
        notes.flag((*path, "steps"), f"ต้นฉบับไม่มีขั้นตอน ({_thai(row.where)}): กรอกเอง",
                   codes.message("ITA507", where=row.where, text=PLACEHOLDER))
    if not owner:
        owner = PLACEHOLDER
        notes.flag((*path, "owner"), f"ต้นฉบับไม่มีผู้รับผิดชอบ ({_thai(row.where)}): กรอกเอง",
                   codes.message("ITA508", where=row.where, text=PLACEHOLDER))
    for header, text in row.extra:
        notes.flag(path, f"คอลัมน์ '{header}' ของต้นฉบับไม่ใช่คอลัมน์ของรายงาน: ย้ายข้อความไปไว้ในที่ที่ควรอยู่",
                   codes.message("ITA509", where=row.where, header=header), text)
    return {"title": title, "details": details or None, "steps": steps, "owner": owner,
            "period": period(cells.get("period", Cell()), row.where, (*path, "period"), fiscal_year, notes),
            "results": results, "outcomes": outcomes, **other_cells(cells)}


def period(cell: Cell, where: str, path: tuple, fiscal_year: int, notes: Notes):
    text = cell_text(cell, " ")
    if not text:
        notes.flag(path, f"ต้นฉบับไม่มีระยะเวลา ({_thai(where)}) ใส่ตลอดปีงบประมาณไว้ก่อน: ตรวจ",
                   codes.message("ITA510", where=where))
        return "fiscal-year"
    parsed = parse_period(text, fiscal_year)
    if parsed.value is None:
        notes.flag(path, f"อ่านระยะเวลาในต้นฉบับไม่ได้ ({_thai(where)}) ใส่ตลอดปีงบประมาณไว้ก่อน: แก้ตามต้นฉบับ",
                   codes.message("ITA511", where=where, text=text), text)
        return "fiscal-year"
    if parsed.converted_ce:
        notes.flag(path, f"ระยะเวลาในต้นฉบับเป็นปี ค.ศ. ({_thai(where)}) แปลงเป็น พ.ศ. แล้ว: ตรวจ",
                   codes.message("ITA512", where=where, text=text), text)
    return parsed.value


# --- digits and the standard wording ------------------------------------------------------------

def _texts(node, skip=("period",)):
    """Every text in the data, periods left out (they are written in Arabic digits whatever the source)."""
    if isinstance(node, dict):
        for key, value in node.items():
            if key not in skip:
                yield from _texts(value, skip)
    elif isinstance(node, list):
        for value in node:
            yield from _texts(value, skip)
    elif isinstance(node, str):
        yield node


def decide_numerals(texts: list[str]) -> str | None:
    """'arabic' when most digits of these texts are Arabic ones thai_numerals would change, 'thai' when most are
    Thai digits, None when they hold no digit either way."""
    thai = sum(ch in THAI_DIGITS for text in texts for ch in text)
    arabic = sum(a != b for text in texts for a, b in zip(text, thai_numerals(text), strict=False))
    return "arabic" if arabic > thai else "thai" if thai else None


def standard_title(data: dict) -> list[str]:
    """The title lines itareport writes itself for this kind, agency and year (squeezed, blank lines left out):
    the kind registry's wording, which the built-in templates print."""
    standard = kinds.standard_wording(kinds.kind_of(data.get("kind")), data["agency"], data["fiscal_year"],
                                      data.get("round"))
    return [squeeze(line) for line in standard.title if line.strip()]


def standard_intro(data: dict) -> str:
    standard = kinds.standard_wording(kinds.kind_of(data.get("kind")), data["agency"], data["fiscal_year"],
                                      data.get("round"))
    return squeeze(standard.intro)


# --- the whole ------------------------------------------------------------------------------------

def convert(source: Source) -> tuple[dict, Notes]:
    """The data of a data file from a source, and the notes on what was not understood (notes.leftovers are
    the file's `review:`)."""
    notes = Notes()
    source, columns = plan(source)
    source, total = split_total(source) if columns is not None else (source, None)
    front = read_front(source.before)
    fiscal_year = front.fiscal_year or guess_fiscal_year(source.rows, notes)
    agency = front.agency
    if agency is None:
        agency = {"name": placeholders.AGENCY}
        notes.flag(("agency", "name"), "ต้นฉบับไม่มีชื่อหน่วยงานเหนือตาราง: กรอกเอง",
                   codes.message("ITA513", text=placeholders.AGENCY))
    groups = group_rows(source, notes)
    if not groups:
        raise InputError(M_("{name}: no measures found under the table header", name=source.name))
    measures = [measure(group, i, fiscal_year, notes) for i, group in enumerate(groups)]
    if columns is not None:
        columns, measures, wrong = declare(columns, measures, total)
        forget(notes, columns)
        for sum_ in wrong:
            notes.flag(("columns", sum_.column, "total"), f"ต้นฉบับ แถวรวม: {sum_.printed}",
                       codes.message("ITA530", printed=sum_.printed, sum=sum_.sum))
    for i in range(len(measures)):
        notes.comments.setdefault(("measures", i), []).insert(0, to_thai_digits(f"{i + 1}."))
        if i:
            notes.comments[("measures", i)].insert(0, BLANK)
    period_texts = [cell_text(row.cells.get("period", Cell()), " ") for row in source.rows if row.section is None]
    table = decide_numerals([*_texts(measures), *period_texts])
    front_digits = decide_numerals([*front.block, front.intro or ""])
    numerals = table or front_digits or "thai"
    signers, date = read_signers(source.after, notes)
    data = {"version": 1, "agency": agency, "fiscal_year": fiscal_year, "ita_indicator": front.ita_indicator,
            "numerals": "arabic" if numerals == "arabic" else None,
            "title_numerals": front_digits if front_digits not in (None, numerals) else None,
            "title": None, "intro": front.intro, "signers": signers or None, "date": date, "columns": columns,
            "measures": measures}
    if data["intro"] and squeeze(data["intro"]) == standard_intro(data):
        data["intro"] = None
    if front.block and [squeeze(line) for line in front.block] != standard_title(data):
        data["title"] = front.block     # the agency's own title, as printed
    for where, message in source.notes:
        notes.at_end(f"สิ่งที่โปรแกรมอ่านจากต้นฉบับไม่ได้ ({_thai(where)}): ตรวจกับต้นฉบับ",
                     codes.message("ITA516", where=where, problem=message), render_text(message, "th"))
    for where, text in source.stray:
        notes.at_end(f"ข้อความนอกตารางมาตรการ ({_thai(where)}): ย้ายไปไว้ในที่ที่ควรอยู่ หรือลบทิ้ง",
                     codes.message("ITA515", where=where, text=text[:60]), text)
    notes.comments.setdefault(("measures",), []).insert(0, BLANK)
    data["review"] = review_data(notes.leftovers)
    if data["review"]:
        notes.comments[(REVIEW,)] = [BLANK, *REVIEW_HELP]
    return data, notes


REVIEW_HELP = ("สิ่งที่ต้องตรวจ: ส่วนที่โปรแกรมเดาไว้ อ่านไม่ได้ หรือใส่ข้อความแทนไว้ (path = ตำแหน่งในไฟล์นี้,",
               "source = ข้อความในต้นฉบับ) ตรวจและแก้แล้วลบรายการนั้นออก itareport validate จะเตือนจนกว่าจะลบหมด")
