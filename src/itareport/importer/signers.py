"""The signature block under the table, read into signers (role, name, position lines) and the
signing date, whatever its layout:

    ผู้รายงาน                              a role above the signature (or after its dots, or under it)
    (ลงชื่อ) ..............................   the signature line
    (นายสมชาย ใจงาม)                        the name, in brackets (or after a title: นาย, นาง, ...)
    ตำแหน่ง ปลัดเทศบาล                       position lines, 'ตำแหน่ง' left out
    วันที่ ๑๕ เดือน ตุลาคม พ.ศ. ๒๕๖๘           the date line (dots: a date to fill by hand)

or all on one line: 'ลงชื่อ ผู้รายงาน (นายสมชาย ใจงาม) ปลัดเทศบาล'. Two signers set side by side
reach here one after the other (the PDF reader puts each column's lines together, a Word table
gives its cells in order). A pure function of the paragraphs: what it guessed or could not read is
handed back for the conversion to record.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from ..periods import is_date_line, read_day
from .labels import SIGN_LINE, clean, lines_of
from .source import PLACEHOLDER, SourcePara

ROLE = re.compile(r"^\(?\s*(ผู้(?:รายงาน|เห็นชอบ|อนุมัติ|ตรวจสอบ|ตรวจทาน|ตรวจ|จัดทำ|รับรอง|เสนอ|สอบทาน|บันทึก|ทบทวน"
                  r"|ประเมิน|พิจารณา|ลงนาม|กำกับ|ควบคุม|อนุญาต|สั่งการ|รวบรวม|ติดตาม)(?:ข้อมูล|รายงาน)?)\s*\)?$")
_TITLE = re.compile(r"^(?:นางสาว|นาย|นาง|น\.ส\.|ดร\.|ว่าที่|ผศ\.|รศ\.|ศ\.|พล|พ\.[ตทอ]\.|ร\.[ตทอ]\.|จ\.ส\."
                    r"|ส\.[ตทอ]\.|ด\.ต\.|สิบ|จ่า|พัน|ร้อย|พระ|หม่อม|ม\.ร\.ว\.|ม\.ล\.)")
_BRACKETED = re.compile(r"\(\s*([^()]*?)\s*\)")
_POSITION_WORD = re.compile(r"^ตำแหน่ง\s*")
_DOTS = re.compile(r"[.…_·]{3,}")
MAX_POSITION = 120
_GAP = re.compile(r"[ \u00a0]*(?:\t|[ \u00a0]{4,})[\t \u00a0]*")


@dataclass
class _Signer:
    role: str | None = None
    name: str | None = None
    position: list[str] = field(default_factory=list)
    signed: bool = False      # its '(ลงชื่อ)' line was seen
    dated: bool = False       # its date line was seen: no more position lines
    where: str = ""

    @property
    def empty(self) -> bool:
        return not (self.role or self.name or self.position or self.signed)


@dataclass
class Signatures:
    """The signers read (as the data file holds them), the date, and what to record for review."""

    signers: list[dict[str, Any]] = field(default_factory=list)
    date: str | None = None
    unread: list[tuple[str, str]] = field(default_factory=list)          # (where, text) not understood
    doubts: list[tuple[tuple[str | int, ...], str, str]] = field(default_factory=list)  # (path, what, source)


def _role(text: str) -> str | None:
    m = ROLE.match(text.strip())
    return m.group(1) if m else None


def _name(text: str) -> str | None:
    """A bracketed name '(นายสมชาย ใจงาม)' (dots only: a name to fill), else None."""
    m = re.fullmatch(r"\(\s*([^()]*?)\s*\)", text)
    if not m or _role(text):
        return None
    return m.group(1)


def _titled(text: str) -> bool:
    return bool(_TITLE.match(text)) and len(text.split()) <= 4 and len(text) <= 60


def _position(text: str) -> str:
    """A position line without 'ตำแหน่ง' and dots to fill ('' when nothing else is left)."""
    return _undotted(_POSITION_WORD.sub("", text))


def _undotted(text: str) -> str:
    """The text without runs of dots or underscores (a blank to fill by hand)."""
    return re.sub(r"\s+", " ", _DOTS.sub(" ", text)).strip()


def _signature_line(rest: str, signer: _Signer) -> str:
    """What follows '(ลงชื่อ)' on its line: dots, a role, a bracketed name, a position. What is left."""
    rest = _undotted(rest)
    m = _BRACKETED.search(rest)
    if m and not _role(m.group(0)):
        before, name, after = rest[:m.start()].strip(), m.group(1), rest[m.end():].strip()
        signer.name = _undotted(name)
        if _position(after):
            signer.position.append(_position(after))
        rest = before
    elif " ตำแหน่ง" in f" {rest}":
        before, after = re.split(r"\s*ตำแหน่ง\s*", rest, maxsplit=1)
        if _position(after):
            signer.position.append(_position(after))
        rest = before.strip()
        if _titled(rest):
            signer.name, rest = rest, ""
    role = _role(rest) or (_role(rest.split()[0]) if rest.split() else None)
    if role:
        signer.role = signer.role or role
        rest = rest[rest.find(role) + len(role):].strip(" )")
    if rest and signer.name is None and _titled(rest):
        signer.name, rest = rest, ""
    return rest


def side_by_side(lines: list[tuple[int, Any, str]]) -> list[tuple[int, Any, str]]:
    """Lines typed with two texts side by side (a tab, or a run of spaces, between them): each run of such
    lines read column by column, left column first. (index, where, text) in and out."""
    parts = [[part for part in _GAP.split(text.strip()) if part.strip()] for _i, _w, text in lines]
    out, i = [], 0
    while i < len(lines):
        width = len(parts[i])
        if width < 2:
            out.append(lines[i])
            i += 1
            continue
        end = i
        while end < len(lines) and len(parts[end]) == width:
            end += 1
        out += [(lines[n][0], lines[n][1], parts[n][column]) for column in range(width) for n in range(i, end)]
        i = end
    return out


def _whole_lines(unread: list[tuple[int, Any, str]], lines: list[tuple[int, Any, str]],
                 typed: dict[int, str]) -> list[tuple[Any, str]]:
    """The texts not understood, a line split side by side given whole when none of its parts was read."""
    parts = Counter(index for index, _where, _text in lines)
    missed = Counter(index for index, _where, _text in unread)
    out: list[tuple[Any, str]] = []
    done: set[int] = set()
    for index, where, text in unread:
        if parts[index] < 2 or missed[index] < parts[index]:
            out.append((where, text))
        elif index not in done:
            done.add(index)
            out.append((where, clean(_GAP.sub(" ", typed[index].strip()))))
    return out


def read_signatures(paras: list[SourcePara]) -> Signatures:
    """The signers and date of the paragraphs after the table (see the module's docstring)."""
    raw = [(i, p.where, p.text) for i, p in enumerate(lines_of(paras))]
    lines = [(i, where, text) for i, where, part in side_by_side(raw) if (text := clean(part))]
    out = Signatures()
    unread: list[tuple[int, Any, str]] = []   # (index, where, text): put together again below
    signers: list[_Signer] = []
    dates: list[tuple[str, str]] = []     # (text, read: YYYY-MM-DD, 'blank' or '')
    current = _Signer()

    def finish() -> _Signer:
        nonlocal current
        if not current.empty:
            signers.append(current)
        current = _Signer()
        return current

    for n, (index, where, text) in enumerate(lines):
        gap = n > 0 and lines[n - 1][0] + 1 != index
        following = lines[n + 1][2] if n + 1 < len(lines) else ""
        if gap and current.name is not None and current.position:
            finish()
        if is_date_line(text):
            dates.append((text, read_day(text) or ""))
            current.dated = True
            continue
        if SIGN_LINE.match(text):
            if current.name is not None or current.signed:
                finish()
            current.signed, current.where = True, current.where or where
            rest = _signature_line(text[SIGN_LINE.match(text).end():], current)  # type: ignore[union-attr]
            if rest:
                unread.append((index, where, text))
            continue
        role = _role(text)
        if role:
            ends = SIGN_LINE.match(following) or _name(following) is not None
            if current.name is not None and (ends or current.role):
                finish()
            if current.role and not current.name:
                finish()
            current.role, current.where = role, current.where or where
            continue
        name = _name(text)
        if name is not None or (current.signed and current.name is None and _titled(text)):
            if current.name is not None:
                finish()
            current.name, current.where = (_undotted(name) if name is not None else text), current.where or where
            continue
        if current.name is not None and not current.dated and len(text) <= MAX_POSITION:
            if _position(text):
                current.position.append(_position(text))
            continue
        unread.append((index, where, text))
    finish()
    out.unread = _whole_lines(unread, lines, {i: text for i, _where, text in raw})
    for i, signer in enumerate(signers):
        shown = " ".join(filter(None, (signer.role, "(ลงชื่อ)" if signer.signed else None, signer.name,
                                       *signer.position)))
        if not signer.name:
            out.doubts.append((("signers", i, "name"), "name", shown))
        if not signer.position:
            out.doubts.append((("signers", i, "position"), "position", shown))
        position = signer.position[0] if len(signer.position) == 1 else signer.position or PLACEHOLDER
        out.signers.append({"name": signer.name or PLACEHOLDER, "position": position,
                            **({"role": signer.role} if signer.role else {})})
    read = [value for _text, value in dates if value]
    if read:
        out.date = read[0]
    for text, value in dates:
        if not value:
            out.doubts.append((("date",), "date", text))
        elif value != out.date:
            out.doubts.append((("date",), "dates", text))
    return out
