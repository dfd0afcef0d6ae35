"""Label and item parsing, as pure functions of texts and paragraphs: cleaning a text, header
words, list labels (๑. 1) - •), items of a cell, and the title block's agency line."""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

from ..patterns import CONTROL_CHARS, ELEMENT_TAG
from ..thai import to_arabic_digits, to_thai_digits
from .source import Cell, SourcePara

# Header words, tried in this order (the results header also says มาตรการ/กิจกรรม).
_HEADER_WORDS = (
    ("number", re.compile(r"^(?:ที่|ลำดับ(?:ที่)?|ข้อ|no\.?)$", re.I)),
    ("results", re.compile(r"สรุปผล|ผลการดำเนิน|ผลการปฏิบัติ")),
    ("outcomes", re.compile(r"ผลลัพธ์|ความสำเร็จ|ผลสำเร็จ|ผลสัมฤทธิ์|ผลที่(?:คาดว่าจะ)?ได้รับ|ตัวชี้วัด")),
    ("owner", re.compile(r"รับผิดชอบ|ผู้ดำเนินการ|หน่วยงาน(?:ที่)?ดำเนินการ|ผู้ปฏิบัติ")),
    ("period", re.compile(r"ระยะเวลา|ช่วงเวลา|ห้วงเวลา|กำหนดเวลา")),
    ("steps", re.compile(r"ขั้นตอน|วิธีการ|วิธีดำเนิน|วิธีปฏิบัติ|การดำเนินการ|แนวทางการดำเนิน")),
    ("title", re.compile(r"มาตรการ|แนวทาง|กิจกรรม|โครงการ")),
)

DIGIT = "[0-9๐-๙]"
_TAB_LABEL = re.compile(rf"^[ \u00a0]*(?:({DIGIT}{{1,3}})[.)]|([-•]))\t")
_SUB_LABEL = re.compile(rf"^{DIGIT}{{1,3}}\.{DIGIT}{{1,3}}\.?(?:\s|$)")
_NUM_LABEL = re.compile(rf"^\(?({DIGIT}{{1,3}})\s*[.)](?!{DIGIT})\s*")
_BARE_NUMBER = re.compile(rf"^({DIGIT}{{1,2}})\s+(?=\S)")
_BULLET = re.compile("^[-–•·▪●○◦■□➢➤✓\u2022\uf0b7\uf0a7\uf0d8](?!\\d)\\s*")
_INLINE_BULLET = re.compile(r"\s[-–•]\s+")
_HTML_BLOCK = re.compile(r"</?(?:p|div|li|ul|ol|br|tr|td|th|h[1-6]|table|tbody)\b[^<>]*>", re.I)
_SPACES = re.compile(r"[ \t\u00a0]+")



# The label of a table's total row (in its number or title cell).
TOTAL_LABEL = re.compile(r"^(?:รวม(?:ทั้งสิ้น|ทั้งหมด|เงิน|งบประมาณ)?|ยอดรวม|total)\s*:?$", re.I)


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
    return [html.unescape(ELEMENT_TAG.sub(" ", part)) for part in parts]


# --- labels and items -----------------------------------------------------------------

@dataclass
class Item:
    text: str
    kind: str = ""                 # '', 'number', 'bullet', 'sub'
    number: int | None = None
    fixed: bool = False            # the label was Word numbering or a label + tab: one item


def number_of(text: str) -> int:
    return int(to_arabic_digits(text))


def read_label(para: SourcePara, bare_numbers: bool = False) -> Item:
    """The paragraph's list label, if any, and its text without it (a sub-number such as ๑.๑ stays)."""
    if para.numbering:
        return Item(clean(para.text), para.numbering, None, True)
    m = _TAB_LABEL.match(para.text)
    if m:
        kind, number = ("number", number_of(m.group(1))) if m.group(1) else ("bullet", None)
        return Item(clean(para.text[m.end():]), kind, number, True)
    text = clean(para.text)
    if _SUB_LABEL.match(text):
        return Item(text, "sub")
    m = _NUM_LABEL.match(text)
    if m:
        return Item(text[m.end():], "number", number_of(m.group(1)))
    m = _BULLET.match(text)
    if m and (text[:1] != "-" or len(text) > 1):
        return Item(text[m.end():], "bullet")
    m = _BARE_NUMBER.match(text) if bare_numbers else None
    if m:
        return Item(text[m.end():], "number", number_of(m.group(1)))
    return Item(text)


def split_numbered(text: str, first: int) -> list[str]:
    """'a ๒. b ๓. c' after '๑.' -> [a, b, c]: only the next number in sequence splits."""
    out, n = [], first + 1
    while True:
        pattern = rf"\s\(?(?:{n}|{to_thai_digits(str(n))})\s*[.)](?!{DIGIT})\s*"
        m = re.search(pattern, text)
        if not m:
            break
        out.append(text[:m.start()].strip())
        text = text[m.end():]
        n += 1
    return [t for t in [*out, text.strip()] if t]


def typed_items(item: Item) -> list[str]:
    if item.fixed or item.kind in ("", "sub"):
        return [item.text] if item.text else []
    if item.kind == "number":
        return split_numbered(item.text, item.number or 1)
    return [t.strip() for t in _INLINE_BULLET.split(item.text) if t.strip()]


def pieces(cells_paras: list[SourcePara]) -> list[SourcePara]:
    """Paragraphs, with typed ones split at their line breaks: a line break separates items as a
    paragraph does. A paragraph Word numbers, or itareport's label + tab, is one item, breaks and all."""
    out = []
    for para in cells_paras:
        if para.numbering or _TAB_LABEL.match(para.text) or "\n" not in para.text:
            out.append(para)
        else:
            out += [SourcePara(line, None, para.style, para.where) for line in para.text.split("\n") if line.strip()]
    return out


def lines_of(paras: list[SourcePara], keep=lambda para: False) -> list[SourcePara]:
    """Paragraphs outside the table as lines: a title or signature block typed as one paragraph with
    line breaks is read line by line (an empty line stays, as an empty paragraph). keep(para): leave it whole."""
    out = []
    for para in paras:
        if "\n" not in para.text.replace("\r", "\n") or keep(para):
            out.append(para)
        else:
            out += [SourcePara(line, para.numbering, para.style, para.where)
                    for line in para.text.replace("\r\n", "\n").replace("\r", "\n").split("\n")]
    return out


def cell_items(cell: Cell) -> list[str]:
    """The list items of a steps/results/outcomes cell, labels removed."""
    return [text for para in pieces(cell.paras) for text in typed_items(read_label(para))]


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

FISCAL_IN_TITLE = re.compile(r"ปีงบประมาณ\s*(?:พ\.?\s*ศ\.?)?\s*([0-9]{4})")
_AGENCY_START = re.compile(
    r"^(?:เทศบาล|องค์การบริหารส่วน|อบต\.|อบจ\.|กรุงเทพมหานคร|เมืองพัทยา|กรม|กระทรวง|สำนักงาน|สำนัก|ศาล|กอง"
    r"|ศูนย์|สถาบัน|สถานี|โรงพยาบาล|โรงเรียน|มหาวิทยาลัย|วิทยาลัย|องค์การ|การไฟฟ้า|การประปา|ที่ทำการ|ธนาคาร)")
_AGENCY_PLACE = re.compile(r"^(?P<name>.+?)(?:\s+(?:อำเภอ|อ\.)\s*(?P<district>[^\s].*?))?"
                           r"(?:\s+(?:จังหวัด|จ\.)\s*(?P<province>[^\s].*?))?$")
REPORT_WORDS = re.compile(r"รายงาน|มาตรการ|ปีงบประมาณ|คุณธรรม")
INDICATOR_LINE = re.compile(r"^\(?\s*(?:ตัวชี้วัด(?:ที่)?|ข้อ)?\s*([OoIi][0-9๐-๙]{1,3})\s*\)?$")
SIGN_LINE = re.compile(r"^\(?\s*ลงชื่อ\s*\)?")
TITLE_STYLE, INTRO_STYLE = "ITATitle", "ITAIntro"
INTRO_MIN_CHARS = 200


def squeeze(text: str) -> str:
    """For comparing texts: no whitespace, Thai digits."""
    return re.sub(r"\s+", "", to_thai_digits(text))


def parse_agency(line: str) -> dict:
    m = _AGENCY_PLACE.match(line)
    return {"name": m.group("name").strip(), "district": m.group("district"), "province": m.group("province")}


def is_agency_line(text: str) -> bool:
    if REPORT_WORDS.search(text):
        return False
    return bool(_AGENCY_START.match(text) or re.search(r"\s(?:อำเภอ|จังหวัด)\S", text))
