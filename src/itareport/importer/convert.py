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
from dataclasses import dataclass, field, replace

from .. import codes, kinds, placeholders
from ..errors import InputError
from ..messages import M_, Message
from ..periods import ParsedPeriod, be_year, parse_period
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
from .columns import declare, forget, other_cells, plan
from .labels import (
    DIGIT,
    FISCAL_IN_TITLE,
    INDICATOR_LINE,
    INTRO_MIN_CHARS,
    INTRO_STYLE,
    REPORT_WORDS,
    SIGN_LINE,
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
from .source import PLACEHOLDER, Cell, Source, SourcePara, SourceRow


@dataclass
class Notes:
    """What the conversion could not read or guessed: comments by path, warnings, end-of-file lines."""

    comments: dict[tuple, list] = field(default_factory=dict)
    messages: list[tuple[tuple, Message, str]] = field(default_factory=list)   # (path, warning, code)
    footer: list[str] = field(default_factory=list)

    def flag(self, path: tuple, comment: str, message: Message) -> None:
        """A comment just above the value at path, and a warning located there (message: codes.message)."""
        self.comments.setdefault(path, []).append(comment)
        self.messages.append((path, message, message.code))

    def at_end(self, comment: str, message: Message) -> None:
        """A comment at the end of the file, and a warning."""
        self.footer.append(comment)
        self.messages.append(((), message, message.code))


@dataclass(frozen=True)
class Front:
    """The title block and intro above the table."""

    title_lines: list[str]
    intro: str | None
    agency: dict | None
    ita_indicator: str | None
    fiscal_year: int | None


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
        if agency is None and is_agency_line(text):
            agency = parse_agency(text)
            continue
        title_lines.append(text)
    if agency is None:   # the last title line that is not the report's own wording names the agency
        names = [line for line in title_lines if not REPORT_WORDS.search(line)]
        if names:
            title_lines.remove(names[-1])
            agency = parse_agency(names[-1])
    return Front(title_lines, "\n".join(intro) or None, agency, indicator, fiscal_year)


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
        notes.flag(("fiscal_year",), "ต้นฉบับไม่ระบุปีงบประมาณในหัวเรื่อง: ประมาณจากระยะเวลาในตาราง",
                   codes.message("ITA501", year=year))
    else:
        year = current_fiscal_year()
        notes.flag(("fiscal_year",), "ต้นฉบับไม่ระบุปีงบประมาณ: ใส่ปีปัจจุบันไว้ก่อน",
                   codes.message("ITA501", "current", year=year))
    return year


def read_signers(paras: list[SourcePara], notes: Notes) -> list[dict]:
    """'(ลงชื่อ) ....', '(name)', then the position: its lines up to an empty paragraph."""
    lines = [(i, text) for i, p in enumerate(lines_of(paras)) if (text := clean(p.text))]
    signers, k = [], 0
    while k < len(lines):
        text = lines[k][1]
        if SIGN_LINE.match(text) and k + 2 < len(lines) and re.fullmatch(r"\(.+\)", lines[k + 1][1]):
            j = k + 3
            while j < len(lines) and lines[j][0] == lines[j - 1][0] + 1 and not SIGN_LINE.match(lines[j][1]):
                j += 1
            signers.append({"name": lines[k + 1][1][1:-1].strip(),
                            "position": "\n".join(t for _, t in lines[k + 2:j])})
            k = j
            continue
        notes.at_end(f"ต้นฉบับ (ท้ายตาราง): {text}",
                     codes.message("ITA502", text=text[:60]))
        k += 1
    return signers


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
        numbered = bool(row.cells.get("number") and not row.cells["number"].empty)
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
                notes.flag(("measures", len(groups)), f"ต้นฉบับ (แถวหัวข้อในตาราง): {text}",
                           codes.message("ITA503", where=where, text=text[:60]))
            pending_stray = []
        new_measure = numbered if source.number_column else bool(items and items[0].kind in ("number", ""))
        if not groups or new_measure:
            if not items:
                items = [Item(PLACEHOLDER)]
                notes.flag(("measures", len(groups), "title"), "ต้นฉบับไม่มีชื่อมาตรการ: กรอกเอง",
                           codes.message("ITA504", where=row.where, text=PLACEHOLDER))
            typed = re.fullmatch(rf"({DIGIT}{{1,3}})\.?", cell_text(row.cells["number"])) if numbered else None
            number = number_of(typed.group(1)) if typed else None if numbered else items[0].number
            groups.append(_Group(number, items[0].text, row.where, [(row, items[1:])]))
        else:
            groups[-1].rows.append((row, items))
    for where, text in pending_stray:
        notes.at_end(f"ต้นฉบับ (แถวหัวข้อในตาราง): {text}",
                     codes.message("ITA503", "end", where=where, text=text[:60]))
    return groups


def measure(group: _Group, index: int, fiscal_year: int, notes: Notes) -> dict:
    path = ("measures", index)
    if group.number is not None and group.number != index + 1:
        notes.flag((*path, "title"), f"ต้นฉบับใช้เลขข้อ {to_thai_digits(str(group.number))}",
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
            notes.flag((*sub, "title"), "ต้นฉบับไม่มีชื่อกิจกรรมของแถวนี้: ตั้งชื่อให้",
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
        notes.flag((*path, "steps"), "ต้นฉบับไม่มีขั้นตอน: กรอกเอง",
                   codes.message("ITA507", where=row.where, text=PLACEHOLDER))
    if not owner:
        owner = PLACEHOLDER
        notes.flag((*path, "owner"), "ต้นฉบับไม่มีผู้รับผิดชอบ: กรอกเอง",
                   codes.message("ITA508", where=row.where, text=PLACEHOLDER))
    for header, text in row.extra:
        notes.flag(path, f"ต้นฉบับ คอลัมน์ '{header}': {text}",
                   codes.message("ITA509", where=row.where, header=header))
    return {"title": title, "details": details or None, "steps": steps, "owner": owner,
            "period": period(cells.get("period", Cell()), row.where, (*path, "period"), fiscal_year, notes),
            "results": results, "outcomes": outcomes, **other_cells(cells)}


def period(cell: Cell, where: str, path: tuple, fiscal_year: int, notes: Notes):
    text = cell_text(cell, " ")
    if not text:
        notes.flag(path, "ต้นฉบับไม่มีระยะเวลา: ใส่ตลอดปีงบประมาณไว้ก่อน",
                   codes.message("ITA510", where=where))
        return "fiscal-year"
    parsed = parse_period(text, fiscal_year)
    if parsed.value is None:
        notes.flag(path, f"ต้นฉบับ ระยะเวลา: {text}",
                   codes.message("ITA511", where=where, text=text))
        return "fiscal-year"
    if parsed.converted_ce:
        notes.flag(path, f"ต้นฉบับ ระยะเวลา (ค.ศ.): {text}",
                   codes.message("ITA512", where=where, text=text))
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
    """'arabic' when most digits of these texts are Arabic ones thai_numerals would change, else None (Thai)."""
    thai = sum(text.count(digit) for text in texts for digit in THAI_DIGITS)
    arabic = 0
    for text in texts:
        shown = thai_numerals(text)
        if shown != text:   # most texts have no digit to change: not compared letter by letter
            arabic += sum(a != b for a, b in zip(text, shown, strict=False))
    return "arabic" if arabic > thai else None


def standard_wording(data: dict) -> tuple[str, set[str]]:
    """The intro and title lines itareport writes itself for this agency and year (squeezed): the
    kind registry's wording, which the built-in templates print."""
    standard = kinds.standard_wording(kinds.kind_of(data.get("kind")), data["agency"], data["fiscal_year"],
                                      data.get("round"))
    return squeeze(standard.intro), {squeeze(line) for line in standard.title}


# --- the whole ------------------------------------------------------------------------------------

def convert(source: Source) -> tuple[dict, Notes]:
    """The data of a data file from a source, and the notes on what was not understood."""
    notes = Notes()
    source, columns = plan(source)
    front = read_front(source.before)
    fiscal_year = front.fiscal_year or guess_fiscal_year(source.rows, notes)
    agency = front.agency
    if agency is None:
        agency = {"name": placeholders.AGENCY}
        notes.flag(("agency", "name"), "ต้นฉบับไม่มีชื่อหน่วยงาน: กรอกเอง",
                   codes.message("ITA513", text=placeholders.AGENCY))
    groups = group_rows(source, notes)
    if not groups:
        raise InputError(M_("{name}: no measures found under the table header", name=source.name))
    measures = [measure(group, i, fiscal_year, notes) for i, group in enumerate(groups)]
    if columns is not None:
        columns, measures = declare(columns, measures)
        forget(notes, columns)
    for i in range(len(measures)):
        notes.comments.setdefault(("measures", i), []).insert(0, to_thai_digits(f"{i + 1}."))
        if i:
            notes.comments[("measures", i)].insert(0, BLANK)
    period_texts = [cell_text(row.cells.get("period", Cell()), " ") for row in source.rows if row.section is None]
    numerals = decide_numerals([*_texts(measures), *period_texts, *front.title_lines, front.intro or "",
                                agency["name"]])
    data = {"version": 1, "agency": agency, "fiscal_year": fiscal_year, "ita_indicator": front.ita_indicator,
            "numerals": numerals, "intro": front.intro, "signers": read_signers(source.after, notes) or None,
            "columns": columns, "measures": measures}
    intro, title_lines = standard_wording(data)
    if data["intro"] and squeeze(data["intro"]) == intro:
        data["intro"] = None
    for line in front.title_lines:
        if squeeze(line) not in title_lines:
            notes.flag(("agency",), f"ต้นฉบับ (หัวเรื่อง): {line}",
                       codes.message("ITA514", line=line[:60]))
    for where, message in source.notes:
        notes.at_end(f"ต้นฉบับ ({where}): {message}", codes.message("ITA516", where=where, problem=message))
    for where, text in source.stray:
        notes.at_end(f"ต้นฉบับ ({where}): {text}",
                     codes.message("ITA515", where=where, text=text[:60]))
    notes.comments.setdefault(("measures",), []).insert(0, BLANK)
    return data, notes
