"""Import a measures table from a Word file (.docx) or tab-separated text into a data file.

Reading happens in two steps. A reader (read_docx, read_text) turns the source into
a Source: the paragraphs before and after the table, and the table's rows with each
cell assigned to one of the six official columns by its header. Then convert() reads
the measures out of those rows: numbers and bullets typed as text or given by Word's
list numbering, measures spanning several rows (merged cells, '-' rows, empty first
cells), periods written as text. Whatever it cannot understand is kept as a YAML
comment and a warning; no text of the table is dropped.

Texts are written as found: typos, stray spaces and Thai digits stay (runs of spaces
become one space; HTML tags are removed). Periods become {from, to} in Arabic digits.
"""

from __future__ import annotations

import html
import re
import zipfile
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from .errors import Diagnostic, InputError
from .loader import CONTROL_CHARS, decode_source
from .scaffold import PLACEHOLDER_AGENCY, current_fiscal_year
from .yaml_writer import BLANK, DEFAULT_SCHEMA_REF, diagnostics_at, dump_yaml, help_header
from .periods import Period, be_year as _be, parse_period
from .thai import THAI_DIGITS, YearMonth, fiscal_year_of, to_arabic_digits, to_thai_digits

MAX_SOURCE_BYTES = 50 * 1024 * 1024
MAX_PART_BYTES = 200 * 1024 * 1024
FIELDS = ("title", "steps", "owner", "period", "results", "outcomes")
PLACEHOLDER = "(ไม่มีข้อความในต้นฉบับ)"

# Header words, tried in this order (the results header also says มาตรการ/กิจกรรม).
_HEADER_WORDS = (
    ("number", re.compile(r"^(?:ที่|ลำดับ(?:ที่)?|ข้อ|no\.?)$", re.I)),
    ("results", re.compile(r"สรุปผล|ผลการดำเนิน|ผลการปฏิบัติ")),
    ("outcomes", re.compile(r"ผลลัพธ์|ความสำเร็จ|ผลที่(?:คาดว่าจะ)?ได้รับ|ตัวชี้วัด")),
    ("owner", re.compile(r"รับผิดชอบ")),
    ("period", re.compile(r"ระยะเวลา|ช่วงเวลา|ห้วงเวลา|กำหนดเวลา")),
    ("steps", re.compile(r"ขั้นตอน|วิธีการ|วิธีดำเนิน|วิธีปฏิบัติ|การดำเนินการ|แนวทางการดำเนิน")),
    ("title", re.compile(r"มาตรการ|แนวทาง|กิจกรรม|โครงการ")),
)

_DIGIT = "[0-9๐-๙]"
_TAB_LABEL = re.compile(rf"^[ \u00a0]*(?:({_DIGIT}{{1,3}})[.)]|([-•]))\t")
_SUB_LABEL = re.compile(rf"^{_DIGIT}{{1,3}}\.{_DIGIT}{{1,3}}\.?(?:\s|$)")
_NUM_LABEL = re.compile(rf"^\(?({_DIGIT}{{1,3}})\s*[.)](?!{_DIGIT})\s*")
_BARE_NUMBER = re.compile(rf"^({_DIGIT}{{1,2}})\s+(?=\S)")
_BULLET = re.compile("^[-–•·▪●○◦■□➢➤✓\u2022\uf0b7\uf0a7\uf0d8](?!\\d)\\s*")
_INLINE_BULLET = re.compile(r"\s[-–•]\s+")
_HTML_BLOCK = re.compile(r"</?(?:p|div|li|ul|ol|br|tr|td|th|h[1-6]|table|tbody)\b[^<>]*>", re.I)
_HTML_TAG = re.compile(r"</?[A-Za-z][A-Za-z0-9]*(?:\s[^<>]*)?/?>")
_SPACES = re.compile(r"[ \t\u00a0]+")


# --- what the readers produce ---------------------------------------------------------

@dataclass
class Para:
    """A paragraph as read: its text (labels included), Word list numbering and style."""

    text: str
    numbering: str | None = None   # 'number' or 'bullet' when Word numbers the paragraph
    style: str | None = None
    where: str = ""


@dataclass
class Cell:
    paras: list[Para] = field(default_factory=list)
    merged: bool = False           # continues the cell above (vertically merged)

    @property
    def empty(self) -> bool:
        return not any(p.text.strip() for p in self.paras)


@dataclass
class SourceRow:
    cells: dict[str, Cell]
    where: str
    extra: list[tuple[str, str]] = field(default_factory=list)   # (column header, text) of other columns
    section: str | None = None     # one cell across the whole row: a heading, not a measure


@dataclass
class Source:
    name: str
    before: list[Para] = field(default_factory=list)
    rows: list[SourceRow] = field(default_factory=list)
    after: list[Para] = field(default_factory=list)
    stray: list[tuple[str, str]] = field(default_factory=list)   # (where, text) of unread text
    number_column: bool = False


@dataclass
class ImportResult:
    yaml_text: str
    warnings: list[Diagnostic]
    data: dict


# --- texts -----------------------------------------------------------------------------

def clean(text: str) -> str:
    """Control characters out, runs of spaces as one space, each line stripped."""
    text = CONTROL_CHARS.sub(lambda m: "\n" if m.group() in "\x0b\x0c" else " ", text)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    lines = (_SPACES.sub(" ", line).strip() for line in text.split("\n"))
    return "\n".join(line for line in lines if line)


def header_field(text: str) -> str | None:
    squeezed = re.sub(r"\s+", "", text)
    if not squeezed:
        return None
    for name, pattern in _HEADER_WORDS:
        if pattern.search(squeezed):
            return name
    return None


def header_fields(texts: list[str]) -> list[str | None] | None:
    """The field of each column when these texts are the measures table's header, else None."""
    fields: list[str | None] = []
    for text in texts:
        name = header_field(text)
        fields.append(None if name in fields else name)
    found = {f for f in fields if f}
    if {"title", "steps"} <= found and len(found - {"number"}) >= 4:
        return fields
    return None


def html_paragraphs(text: str) -> list[str]:
    """A cell of extracted text: paragraphs split at block tags, other tags removed."""
    if "<" not in text and "&" not in text:
        return [text]
    parts = _HTML_BLOCK.split(text)
    return [html.unescape(_HTML_TAG.sub(" ", part)) for part in parts]


# --- labels and items -----------------------------------------------------------------

@dataclass
class Item:
    text: str
    kind: str = ""                 # '', 'number', 'bullet', 'sub'
    number: int | None = None
    fixed: bool = False            # the label was Word numbering or a label + tab: one item


def _number(text: str) -> int:
    return int(to_arabic_digits(text))


def read_label(para: Para, bare_numbers: bool = False) -> Item:
    """The paragraph's list label, if any, and its text without it (a sub-number such as ๑.๑ stays)."""
    if para.numbering:
        return Item(clean(para.text), para.numbering, None, True)
    m = _TAB_LABEL.match(para.text)
    if m:
        kind, number = ("number", _number(m.group(1))) if m.group(1) else ("bullet", None)
        return Item(clean(para.text[m.end():]), kind, number, True)
    text = clean(para.text)
    if _SUB_LABEL.match(text):
        return Item(text, "sub")
    m = _NUM_LABEL.match(text)
    if m:
        return Item(text[m.end():], "number", _number(m.group(1)))
    m = _BULLET.match(text)
    if m and (text[:1] != "-" or len(text) > 1):
        return Item(text[m.end():], "bullet")
    m = _BARE_NUMBER.match(text) if bare_numbers else None
    if m:
        return Item(text[m.end():], "number", _number(m.group(1)))
    return Item(text)


def _split_numbered(text: str, first: int) -> list[str]:
    """'a ๒. b ๓. c' after '๑.' -> [a, b, c]: only the next number in sequence splits."""
    out, n = [], first + 1
    while True:
        pattern = rf"\s\(?(?:{n}|{to_thai_digits(str(n))})\s*[.)](?!{_DIGIT})\s*"
        m = re.search(pattern, text)
        if not m:
            break
        out.append(text[:m.start()].strip())
        text = text[m.end():]
        n += 1
    return [t for t in out + [text.strip()] if t]


def _typed_items(item: Item) -> list[str]:
    if item.fixed or item.kind in ("", "sub"):
        return [item.text] if item.text else []
    if item.kind == "number":
        return _split_numbered(item.text, item.number or 1)
    return [t.strip() for t in _INLINE_BULLET.split(item.text) if t.strip()]


_BREAK_BEFORE_LABEL = re.compile(rf"[ \t\u00a0]*\n[ \t\u00a0]*(?=\(?{_DIGIT}{{1,3}}\s*[.)]|[-–•])")


def pieces(cells_paras: list[Para]) -> list[Para]:
    """Paragraphs, with typed ones split where a line break is followed by a label (as a new paragraph)."""
    out = []
    for para in cells_paras:
        if para.numbering or _TAB_LABEL.match(para.text) or "\n" not in para.text:
            out.append(para)
        else:
            out += [Para(chunk, None, para.style, para.where) for chunk in _BREAK_BEFORE_LABEL.split(para.text)]
    return out


def cell_items(cell: Cell) -> list[str]:
    """The list items of a steps/results/outcomes cell, labels removed."""
    return [text for para in pieces(cell.paras) for text in _typed_items(read_label(para))]


def title_items(cell: Cell) -> list[Item]:
    """The first column's paragraphs; its first may be numbered with a bare number ('๖ มาตรการ...')."""
    items: list[Item] = []
    for para in pieces(cell.paras):
        item = read_label(para, bare_numbers=not items)
        if item.text:
            items.append(item)
    return items


def cell_text(cell: Cell, sep: str = "\n") -> str:
    return sep.join(t for t in (clean(p.text) for p in cell.paras) if t)


# --- the title block --------------------------------------------------------------------

_FISCAL_IN_TITLE = re.compile(r"ปีงบประมาณ\s*(?:พ\.?\s*ศ\.?)?\s*([0-9]{4})")
_AGENCY_START = re.compile(
    r"^(?:เทศบาล|องค์การบริหารส่วน|อบต\.|อบจ\.|กรุงเทพมหานคร|เมืองพัทยา|กรม|กระทรวง|สำนักงาน|สำนัก|ศาล|กอง"
    r"|ศูนย์|สถาบัน|สถานี|โรงพยาบาล|โรงเรียน|มหาวิทยาลัย|วิทยาลัย|องค์การ|การไฟฟ้า|การประปา|ที่ทำการ|ธนาคาร)")
_AGENCY_PLACE = re.compile(r"^(?P<name>.+?)(?:\s+(?:อำเภอ|อ\.)\s*(?P<district>[^\s].*?))?"
                           r"(?:\s+(?:จังหวัด|จ\.)\s*(?P<province>[^\s].*?))?$")
_REPORT_WORDS = re.compile(r"รายงาน|มาตรการ|ปีงบประมาณ|คุณธรรม")
_INDICATOR = re.compile(r"^\(?\s*(?:ตัวชี้วัด(?:ที่)?|ข้อ)?\s*([OoIi][0-9๐-๙]{1,3})\s*\)?$")
_SIGN = re.compile(r"^\(?\s*ลงชื่อ\s*\)?")
TITLE_STYLE, INTRO_STYLE = "ITATitle", "ITAIntro"
INTRO_MIN_CHARS = 200


def squeeze(text: str) -> str:
    """For comparing texts: no whitespace, Thai digits."""
    return re.sub(r"\s+", "", to_thai_digits(text))


def parse_agency(line: str) -> dict:
    m = _AGENCY_PLACE.match(line)
    return {"name": m.group("name").strip(), "district": m.group("district"), "province": m.group("province")}


def is_agency_line(text: str) -> bool:
    if _REPORT_WORDS.search(text):
        return False
    return bool(_AGENCY_START.match(text) or re.search(r"\s(?:อำเภอ|จังหวัด)\S", text))


# --- conversion ---------------------------------------------------------------------------

@dataclass
class _Group:
    number: int | None
    title: str
    where: str
    rows: list = field(default_factory=list)    # (SourceRow, head items)


class _Converter:
    def __init__(self, source: Source):
        self.source = source
        self.comments: dict[tuple, list] = {}
        self.notes: list[tuple[tuple, str]] = []
        self.footer: list[str] = []
        self.fiscal_year: int | None = None
        self.texts: list[str] = []           # every text written, for the numerals decision

    def flag(self, path: tuple, comment: str, message: str) -> None:
        self.comments.setdefault(path, []).append(comment)
        self.notes.append((path, message))

    # the title block, intro and signature ----------------------------------------------
    def read_front(self) -> dict:
        before = [p for p in self.source.before if clean(p.text)]
        styled = any(p.style in (TITLE_STYLE, INTRO_STYLE) for p in before)
        title_lines, intro, agency, indicator = [], [], None, None
        for p in before:
            text = clean(p.text)
            in_intro = p.style == INTRO_STYLE if styled else bool(intro) or len(text) >= INTRO_MIN_CHARS
            if styled and p.style not in (TITLE_STYLE, INTRO_STYLE):
                in_intro = bool(intro)
            if in_intro:
                intro.append(text)
                continue
            m = _FISCAL_IN_TITLE.search(to_arabic_digits(text))
            if m and self.fiscal_year is None:
                self.fiscal_year = _be(m.group(1))[0]
            m = _INDICATOR.match(text)
            if m and indicator is None:
                indicator = m.group(1).upper()
                continue
            if agency is None and is_agency_line(text):
                agency = parse_agency(text)
                continue
            title_lines.append(text)
        if agency is None:   # the last title line that is not the report's own wording names the agency
            names = [line for line in title_lines if not _REPORT_WORDS.search(line)]
            if names:
                title_lines.remove(names[-1])
                agency = parse_agency(names[-1])
        return {"title_lines": title_lines, "intro": "\n".join(intro) or None, "agency": agency,
                "ita_indicator": indicator}

    def read_signers(self) -> list[dict]:
        """'(ลงชื่อ) ....', '(name)', then the position: its lines up to an empty paragraph."""
        lines = [(i, text) for i, p in enumerate(self.source.after) if (text := clean(p.text))]
        signers, k = [], 0
        while k < len(lines):
            text = lines[k][1]
            if _SIGN.match(text) and k + 2 < len(lines) and re.fullmatch(r"\(.+\)", lines[k + 1][1]):
                j = k + 3
                while j < len(lines) and lines[j][0] == lines[j - 1][0] + 1 and not _SIGN.match(lines[j][1]):
                    j += 1
                signers.append({"name": lines[k + 1][1][1:-1].strip(),
                                "position": "\n".join(t for _, t in lines[k + 2:j])})
                k = j
                continue
            self.footer.append(f"ต้นฉบับ (ท้ายตาราง): {text}")
            self.notes.append(((), f"text after the table was not understood and is kept as a comment "
                                   f"at the end of the file: {text[:60]!r}"))
            k += 1
        return signers

    # the table ------------------------------------------------------------------------------
    def group_rows(self) -> list[_Group]:
        groups: list[_Group] = []
        pending_stray: list[tuple[str, str]] = []
        for row in self.source.rows:
            if row.section is not None:
                pending_stray.append((row.where, row.section))
                continue
            title = row.cells.get("title", Cell())
            items = [] if title.merged else title_items(title)
            numbered = bool(row.cells.get("number") and not row.cells["number"].empty)
            if not items and not title.merged and not numbered:
                if all(row.cells.get(f, Cell()).empty for f in FIELDS) and not row.extra:
                    continue
                if groups and all(row.cells.get(f, Cell()).empty for f in ("owner", "period")):
                    previous = groups[-1].rows[-1][0]
                    for name, cell in row.cells.items():
                        previous.cells.setdefault(name, Cell()).paras.extend(cell.paras)
                    previous.extra.extend(row.extra)
                    continue
            if pending_stray and (not groups or items or numbered):
                self._stray_before(len(groups), pending_stray)
            new_measure = numbered if self.source.number_column else bool(items and items[0].kind in ("number", ""))
            if not groups or new_measure:
                if not items:
                    items = [Item(PLACEHOLDER)]
                    self.flag(("measures", len(groups), "title"), "ต้นฉบับไม่มีชื่อมาตรการ: กรอกเอง",
                              f"{row.where}: the measure has no title in the source; '{PLACEHOLDER}' was written")
                typed = re.fullmatch(rf"({_DIGIT}{{1,3}})\.?", cell_text(row.cells["number"])) if numbered else None
                number = _number(typed.group(1)) if typed else None if numbered else items[0].number
                groups.append(_Group(number, items[0].text, row.where, [(row, items[1:])]))
            else:
                groups[-1].rows.append((row, items))
        for where, text in pending_stray:
            self.footer.append(f"ต้นฉบับ (แถวหัวข้อในตาราง): {text}")
            self.notes.append(((), f"{where}: a row across the whole table ({text[:60]!r}) is kept as a comment "
                                   "at the end of the file"))
        return groups

    def _stray_before(self, index: int, rows: list[tuple[str, str]]) -> None:
        for where, text in rows:
            self.flag(("measures", index), f"ต้นฉบับ (แถวหัวข้อในตาราง): {text}",
                      f"{where}: a row across the whole table ({text[:60]!r}, a heading?) is kept as a comment here")
        rows.clear()

    def measure(self, group: _Group, index: int) -> dict:
        path = ("measures", index)
        self.texts.append(group.title)
        if group.number is not None and group.number != index + 1:
            self.flag(path + ("title",), f"ต้นฉบับใช้เลขข้อ {to_thai_digits(str(group.number))}",
                      f"{group.where}: numbered {group.number} in the source; the report numbers it {index + 1}")
        if len(group.rows) == 1 and not (group.rows[0][1] and group.rows[0][1][0].kind):
            row, head = group.rows[0]
            return self.activity(row, group.title, [h.text for h in head], path)
        heads = [[h.text for h in head] for _, head in group.rows]
        if not any(heads[1:]) and len(heads[0]) == len(heads):
            heads = [[text] for text in heads[0]]   # a merged cell listing each row's activity
        activities = []
        for j, ((row, _), head) in enumerate(zip(group.rows, heads)):
            sub = path + ("activities", j)
            if head:
                title, details = head[0], head[1:]
            else:
                title, details = to_thai_digits(f"กิจกรรมที่ {j + 1}"), []
                self.flag(sub + ("title",), "ต้นฉบับไม่มีชื่อกิจกรรมของแถวนี้: ตั้งชื่อให้",
                          f"{row.where}: this row of measure {index + 1} has no activity title of its own; "
                          f"'{title}' was written")
            activities.append(self.activity(row, title, details, sub))
        return {"title": group.title, "activities": activities}

    def activity(self, row: SourceRow, title: str, details: list[str], path: tuple) -> dict:
        cells = row.cells
        steps = cell_items(cells.get("steps", Cell()))
        owner = cell_text(cells.get("owner", Cell()))
        results = cell_items(cells.get("results", Cell()))
        outcomes = cell_items(cells.get("outcomes", Cell()))
        self.texts += [title, owner, *details, *steps, *results, *outcomes]
        if not steps:
            steps = [PLACEHOLDER]
            self.flag(path + ("steps",), "ต้นฉบับไม่มีขั้นตอน: กรอกเอง",
                      f"{row.where}: no steps in the source; '{PLACEHOLDER}' was written")
        if not owner:
            owner = PLACEHOLDER
            self.flag(path + ("owner",), "ต้นฉบับไม่มีผู้รับผิดชอบ: กรอกเอง",
                      f"{row.where}: no owner in the source; '{PLACEHOLDER}' was written")
        for header, text in row.extra:
            self.flag(path, f"ต้นฉบับ คอลัมน์ '{header}': {text}",
                      f"{row.where}: column '{header}' is not one of the six columns; its text is kept "
                      "as a comment")
        return {"title": title, "details": details or None, "steps": steps, "owner": owner,
                "period": self.period(cells.get("period", Cell()), row.where, path + ("period",)),
                "results": results, "outcomes": outcomes}

    def period(self, cell: Cell, where: str, path: tuple):
        text = cell_text(cell, " ")
        self.texts.append(text)
        if not text:
            self.flag(path, "ต้นฉบับไม่มีระยะเวลา: ใส่ตลอดปีงบประมาณไว้ก่อน",
                      f"{where}: no period in the source; 'fiscal-year' was written")
            return "fiscal-year"
        parsed = parse_period(text, self.fiscal_year)
        if parsed.value is None:
            self.flag(path, f"ต้นฉบับ ระยะเวลา: {text}",
                      f"{where}: period {text!r} not understood; 'fiscal-year' was written and the text kept "
                      "as a comment")
            return "fiscal-year"
        if parsed.converted_ce:
            self.flag(path, f"ต้นฉบับ ระยะเวลา (ค.ศ.): {text}",
                      f"{where}: period {text!r} has a Christian-era year; it was turned into B.E.")
        return parsed.value

    def guess_fiscal_year(self) -> int:
        years = Counter()
        for row in self.source.rows:
            text = cell_text(row.cells.get("period", Cell()), " ")
            parsed = parse_period(text, None) if text else Period(None)
            if isinstance(parsed.value, dict):
                end = parsed.value["to"].split("-")
                years[fiscal_year_of(YearMonth(int(end[0]), int(end[1])))] += 1
        if years:
            year = years.most_common(1)[0][0]
            self.flag(("fiscal_year",), "ต้นฉบับไม่ระบุปีงบประมาณในหัวเรื่อง: ประมาณจากระยะเวลาในตาราง",
                      f"no fiscal year in the title; {year} was guessed from the periods")
        else:
            year = current_fiscal_year()
            self.flag(("fiscal_year",), "ต้นฉบับไม่ระบุปีงบประมาณ: ใส่ปีปัจจุบันไว้ก่อน",
                      f"no fiscal year in the title or the periods; the current one, {year}, was written")
        return year

    def numerals(self) -> str | None:
        from .thai import thai_numerals

        thai = sum(ch in THAI_DIGITS for text in self.texts for ch in text)
        arabic = sum(a != b for text in self.texts for a, b in zip(text, thai_numerals(text)))
        return "arabic" if arabic > thai else None   # the digits most of the report is written in

    def convert(self) -> dict:
        front = self.read_front()
        if self.fiscal_year is None:
            self.fiscal_year = self.guess_fiscal_year()
        agency = front["agency"]
        if agency is None:
            agency = {"name": PLACEHOLDER_AGENCY}
            self.flag(("agency", "name"), "ต้นฉบับไม่มีชื่อหน่วยงาน: กรอกเอง",
                      f"no agency name found above the table; '{PLACEHOLDER_AGENCY}' was written")
        groups = self.group_rows()
        if not groups:
            raise InputError(f"{self.source.name}: no measures found under the table header")
        measures = [self.measure(group, i) for i, group in enumerate(groups)]
        for i in range(len(measures)):
            self.comments.setdefault(("measures", i), []).insert(0, to_thai_digits(f"{i + 1}."))
            if i:
                self.comments[("measures", i)].insert(0, BLANK)
        self.texts += front["title_lines"] + [front["intro"] or "", agency["name"]]
        data = {"version": 1, "agency": agency, "fiscal_year": self.fiscal_year,
                "ita_indicator": front["ita_indicator"], "numerals": None, "intro": front["intro"],
                "signers": self.read_signers() or None, "measures": measures}
        data["numerals"] = self.numerals()
        self.compare_with_templates(data, front["title_lines"])
        for where, text in self.source.stray:
            self.footer.append(f"ต้นฉบับ ({where}): {text}")
            self.notes.append(((), f"{where}: text outside the measures table is kept as a comment at the end: "
                                   f"{text[:60]!r}"))
        self.comments.setdefault(("measures",), []).insert(0, BLANK)
        return data

    def compare_with_templates(self, data: dict, title_lines: list[str]) -> None:
        """Drop an intro that is the standard wording; keep title lines itareport would not write."""
        from .view import build_view
        from .model import Report

        probe = dict(data, intro=None, signers=None,
                     measures=[{"title": "x", "steps": ["x"], "owner": "x", "period": "fiscal-year"}])
        view = build_view(Report.model_validate({k: v for k, v in probe.items() if v is not None}))
        if data["intro"] and squeeze(data["intro"]) == squeeze("".join(view.intro_lines)):
            data["intro"] = None
        standard = {squeeze(line) for line in view.title_lines}
        for line in title_lines:
            if squeeze(line) not in standard:
                self.flag(("agency",), f"ต้นฉบับ (หัวเรื่อง): {line}",
                          f"title line {line[:60]!r} is not one itareport writes; it is kept as a comment")


# --- readers ----------------------------------------------------------------------------------

def read_text(text: str, name: str) -> Source:
    """Tab-separated text: lines before the header, one table row per line, lines after it."""
    source = Source(name)
    fields: list[str | None] | None = None
    headers: list[str] = []
    tail: list[tuple[int, str]] = []
    for number, line in enumerate(text.splitlines(), start=1):
        cells = line.split("\t")
        found = header_fields([" ".join(html_paragraphs(c)) for c in cells]) if len(cells) >= 4 else None
        if found:
            fields, headers = (fields, headers) if fields and found == fields else (found, [clean(c) for c in cells])
            source.number_column = source.number_column or "number" in found
            continue
        if fields is None:
            source.before.append(Para(line, where=f"line {number}"))
            continue
        if "\t" not in line:
            tail.append((number, line))
            continue
        for n, text_line in tail:
            if text_line.strip():
                source.stray.append((f"line {n}", clean(text_line)))
        tail = []
        source.rows.append(_text_row(cells, fields, headers, f"line {number}"))
    source.after = [Para(line, where=f"line {n}") for n, line in tail]
    if fields is None:
        raise InputError(f"{name}: no measures table found: expected a tab-separated header line with the "
                         "columns มาตรการ/แนวทาง, ขั้นตอนหรือวิธีการปฏิบัติ, ผู้รับผิดชอบ, ระยะเวลา, ...")
    return source


def _text_row(cells: list[str], fields: list[str | None], headers: list[str], where: str) -> SourceRow:
    row = SourceRow({}, where)
    for i, raw in enumerate(cells):
        paras = [Para(p, where=where) for p in html_paragraphs(raw)]
        name = fields[i] if i < len(fields) else None
        if name:
            row.cells.setdefault(name, Cell()).paras.extend(paras)
        else:
            text = " ".join(t for t in (clean(p.text) for p in paras) if t)
            if text:
                row.extra.append((headers[i] if i < len(headers) and headers[i] else f"column {i + 1}", text))
    return row


W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_MC_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"


def _attr(element, name: str) -> str | None:
    return None if element is None else element.get(W + name)


class _Docx:
    """The parts of a .docx the importer reads: body, list numbering, paragraph styles."""

    def __init__(self, path: Path):
        from lxml import etree

        self.path = path
        parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)
        try:
            with zipfile.ZipFile(path) as zf:
                def part(name: str):
                    try:
                        info = zf.getinfo(name)
                    except KeyError:
                        return None
                    if info.file_size > MAX_PART_BYTES:
                        raise InputError(f"{path}: {name} is larger than {MAX_PART_BYTES // 1048576} MB")
                    return etree.fromstring(zf.read(info), parser)

                self.document = part("word/document.xml")
                numbering, styles = part("word/numbering.xml"), part("word/styles.xml")
        except zipfile.BadZipFile:
            raise InputError(_not_docx(path)) from None
        except etree.XMLSyntaxError as exc:
            raise InputError(f"{path}: damaged Word file: {exc}") from None
        if self.document is None:
            raise InputError(f"{path}: not a Word document (no word/document.xml inside)")
        self.formats = self._numbering_formats(numbering)
        self.style_numbering = self._style_numbering(styles)

    @staticmethod
    def _numbering_formats(root) -> dict[str, dict[str, str]]:
        """numId -> {ilvl: 'number' | 'bullet' | 'none'}."""
        if root is None:
            return {}

        def levels(node) -> dict[str, str]:
            out = {}
            for lvl in node.iter(W + "lvl"):
                fmt = _attr(lvl.find(W + "numFmt"), "val") or "decimal"
                out[_attr(lvl, "ilvl") or "0"] = {"bullet": "bullet", "none": "none"}.get(fmt, "number")
            return out

        abstract = {_attr(a, "abstractNumId"): levels(a) for a in root.findall(W + "abstractNum")}
        formats = {}
        for num in root.findall(W + "num"):
            kinds = dict(abstract.get(_attr(num.find(W + "abstractNumId"), "val"), {}))
            for override in num.findall(W + "lvlOverride"):
                kinds.update(levels(override))
            formats[_attr(num, "numId")] = kinds
        return formats

    @staticmethod
    def _style_numbering(root) -> dict[str, tuple[str, str]]:
        """styleId -> (numId, ilvl) for paragraph styles that number their paragraphs (basedOn followed)."""
        if root is None:
            return {}
        own, based = {}, {}
        for style in root.findall(W + "style"):
            sid = _attr(style, "styleId")
            num_pr = style.find(f"{W}pPr/{W}numPr")
            if num_pr is not None:
                own[sid] = (_attr(num_pr.find(W + "numId"), "val"), _attr(num_pr.find(W + "ilvl"), "val") or "0")
            based[sid] = _attr(style.find(W + "basedOn"), "val")
        out = {}
        for sid in based:
            seen, current = set(), sid
            while current and current not in own and current not in seen:
                seen.add(current)
                current = based.get(current)
            if current in own:
                out[sid] = own[current]
        return out

    def paragraph(self, p, where: str) -> Para:
        parts = []
        for node in p.iter(W + "t", W + "tab", W + "br", W + "cr", W + "noBreakHyphen", W + "p", W + "txbxContent",
                           _MC_FALLBACK):
            if node is p or node.tag in (W + "p", W + "txbxContent", _MC_FALLBACK):
                continue
            if _inside_other(node, p):
                continue
            tag = node.tag
            parts.append(node.text or "" if tag == W + "t" else "\t" if tag == W + "tab"
                         else "-" if tag == W + "noBreakHyphen" else "\n")
        style = _attr(p.find(f"{W}pPr/{W}pStyle"), "val")
        num_pr = p.find(f"{W}pPr/{W}numPr")
        ref = None
        if num_pr is not None:
            ref = (_attr(num_pr.find(W + "numId"), "val"), _attr(num_pr.find(W + "ilvl"), "val") or "0")
        elif style in self.style_numbering:
            ref = self.style_numbering[style]
        numbering = None
        if ref and ref[0] not in (None, "0"):
            kind = self.formats.get(ref[0], {}).get(ref[1], "number")
            numbering = None if kind == "none" else kind
        return Para("".join(parts), numbering, style, where)


def _inside_other(node, p) -> bool:
    """True when node belongs to a paragraph nested in p (a text box) or to a compatibility fallback."""
    parent = node.getparent()
    while parent is not None and parent is not p:
        if parent.tag in (W + "p", _MC_FALLBACK):
            return True
        parent = parent.getparent()
    return False


def _not_docx(path: Path) -> str:
    try:
        head = path.read_bytes()[:8]
    except OSError:
        head = b""
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        return (f"{path}: an old Word .doc file; save it as .docx in Word, or convert it with "
                f"`soffice --headless --convert-to docx {path.name}`")
    return f"{path}: not a Word .docx file (expected a zip package)"


def _children(element, *tags):
    """Direct children with these tags, looking through content controls (w:sdt)."""
    for child in element:
        if child.tag == W + "sdt":
            content = child.find(W + "sdtContent")
            if content is not None:
                yield from _children(content, *tags)
        elif child.tag in tags:
            yield child


def _grid_row(doc: _Docx, tr, where: str) -> list[tuple[int, int, Cell]]:
    """(first grid column, span, cell) for each cell of a table row."""
    column = int(_attr(tr.find(f"{W}trPr/{W}gridBefore"), "val") or 0)
    out = []
    for tc in _children(tr, W + "tc"):
        span = int(_attr(tc.find(f"{W}tcPr/{W}gridSpan"), "val") or 1)
        v_merge = tc.find(f"{W}tcPr/{W}vMerge")
        merged = v_merge is not None and (_attr(v_merge, "val") or "continue") == "continue"
        paras = [doc.paragraph(p, where) for p in tc.iter(W + "p") if not _in_textbox_or_fallback(p, tc)]
        out.append((column, span, Cell(paras, merged)))
        column += span
    return out


def _in_textbox_or_fallback(p, tc) -> bool:
    parent = p.getparent()
    while parent is not None and parent is not tc:
        if parent.tag == _MC_FALLBACK:
            return True
        parent = parent.getparent()
    return False


def _row_texts(row: list[tuple[int, int, Cell]]) -> list[str]:
    return [cell_text(cell, " ") for _, _, cell in row]


def read_docx(path: Path) -> Source:
    """The measures table(s) of a Word file, and the paragraphs around them."""
    doc = _Docx(path)
    body = doc.document.find(W + "body")
    source = Source(str(path))
    columns: dict[int, str | None] | None = None
    names: dict[int, str] = {}
    width = 0
    seen_table = False
    between: list[Para] = []
    tables = 0
    for index, block in enumerate(_children(body, W + "p", W + "tbl"), start=1):
        if block.tag == W + "p":
            para = doc.paragraph(block, f"paragraph {index}")
            (between if seen_table else source.before).append(para)
            continue
        tables += 1
        rows = [(f"table {tables} row {n}", _grid_row(doc, tr, f"table {tables} row {n}"))
                for n, tr in enumerate(_children(block, W + "tr"), 1)]
        found = _find_header(rows)
        if found is None and seen_table and _signature_cells(rows):
            for cell in _signature_cells(rows):  # itareport's signature block: its cells in reading order
                between += [*cell.paras, Para("")]
            continue
        if found is None and not (columns and rows and max(c + s for c, s, _ in rows[0][1]) == width):
            for where, row in rows:
                for text in _row_texts(row):
                    if text:
                        source.stray.append((f"{where} (not the measures table)", text))
            continue
        if found is not None:
            start, columns, names = found
            width = max(c + s for n, row in rows[:start + 1] for c, s, _ in row)
            rows = rows[start + 1:]
        if seen_table:
            source.stray.extend((p.where, clean(p.text)) for p in between if clean(p.text))
        between = []
        seen_table = True
        _add_rows(source, rows, columns, names)
    source.after = between
    if not seen_table:
        raise InputError(f"{path}: no measures table found: expected a table whose header names the columns "
                         "มาตรการ/แนวทาง, ขั้นตอนหรือวิธีการปฏิบัติ, ผู้รับผิดชอบ, ระยะเวลา, ...")
    source.number_column = "number" in columns.values()
    return source


def _signature_cells(rows) -> list[Cell]:
    """The non-empty cells of a table after the measures table that holds '(ลงชื่อ)' lines, or []."""
    cells = [cell for _, row in rows for _, _, cell in row if not cell.empty]
    return cells if any(_SIGN.match(clean(p.text)) for cell in cells for p in cell.paras) else []


def _find_header(rows) -> tuple[int, dict[int, str | None], dict[int, str]] | None:
    """The header row's index, the field of each grid column, and each column's header text."""
    for i, (_, row) in enumerate(rows[:5]):
        texts = _row_texts(row)
        fields = header_fields(texts)
        if fields:
            columns: dict[int, str | None] = {}
            names: dict[int, str] = {}
            for (column, span, _), name, text in zip(row, fields, texts):
                for c in range(column, column + span):
                    columns[c], names[c] = name, text or f"column {c + 1}"
            return i, columns, names
    return None


def _add_rows(source: Source, rows, columns: dict[int, str | None], names: dict[int, str]) -> None:
    above: dict[int, Cell] = {}
    for where, row in rows:
        if header_fields(_row_texts(row)):
            continue   # the header repeated on a new page
        texts = [t for t in _row_texts(row) if t]
        if len(row) == 1 and row[0][1] > 1 and len(set(columns.values()) - {None}) > 1:
            if texts:
                source.rows.append(SourceRow({}, where, section=" ".join(texts)))
            continue
        out = SourceRow({}, where)
        for column, span, cell in row:
            if cell.merged:
                carried = above.get(column)
                if cell.empty and carried is not None:
                    cell = Cell(list(carried.paras), True)
            else:
                above[column] = cell
            name = columns.get(column)
            if name is None:
                text = cell_text(cell, " ")
                if text and not cell.merged:
                    out.extra.append((names.get(column, f"column {column + 1}"), text))
                continue
            if name in out.cells:
                out.cells[name].paras.extend(cell.paras)
            else:
                out.cells[name] = Cell(list(cell.paras), cell.merged)
        source.rows.append(out)


# --- the entry point ----------------------------------------------------------------------------

def read_source_file(path: Path) -> Source:
    try:
        if path.is_dir():
            raise InputError(f"{path}: is a folder, expected a .docx or .txt report")
        size = path.stat().st_size
    except FileNotFoundError:
        raise InputError(f"{path}: no such file") from None
    except OSError as exc:
        raise InputError(f"{path}: cannot read: {exc.strerror or exc}") from None
    if size > MAX_SOURCE_BYTES:
        raise InputError(f"{path}: larger than the {MAX_SOURCE_BYTES // 1048576} MB limit for a report")
    try:
        head = path.read_bytes()[:4]
    except OSError as exc:
        raise InputError(f"{path}: cannot read: {exc.strerror or exc}") from None
    if path.suffix.lower() in (".docx", ".docm", ".dotx") or head.startswith(b"PK\x03\x04"):
        return read_docx(path)
    if path.suffix.lower() == ".doc" or head.startswith(b"\xd0\xcf\x11\xe0"):
        raise InputError(_not_docx(path))
    from .errors import DataError

    try:
        text = decode_source(path.read_bytes(), str(path))
    except DataError as exc:
        raise InputError(exc.diagnostics[0].format()) from None
    return read_text(text, str(path))


def import_file(path, output_name: str | None = None, schema_ref: str = DEFAULT_SCHEMA_REF) -> ImportResult:
    """A data file (YAML text) from a Word report or tab-separated text, and what to check in it."""
    from .validate import validate_loaded
    from .loader import load_text

    path = Path(path)
    source = read_source_file(path)
    converter = _Converter(source)
    data = converter.convert()
    header = help_header(schema_ref, [f"นำเข้าจาก {path.name} ด้วยคำสั่ง itareport import",
                                      "ข้อความที่ขึ้นต้นว่า \"ต้นฉบับ\" คือส่วนที่โปรแกรมอ่านไม่ได้หรือเดาไว้: ตรวจและแก้ก่อนใช้"])
    text = dump_yaml(data, converter.comments, header)
    if converter.footer:
        text += "\n" + "".join(f"# {line}\n" for line in converter.footer)
    name = output_name or path.stem + ".yaml"
    warnings = diagnostics_at(text, name, converter.notes)
    checked = validate_loaded(load_text(text, name))
    warnings += [d for d in checked.diagnostics if d.severity == "error"]
    return ImportResult(text, warnings, data)
