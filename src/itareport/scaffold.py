"""Writing data files: readable YAML with comments, a starter file, and next year's file.

The writer produces block-style YAML with Thai text as is. A text is written
plain unless YAML (1.1 as PyYAML reads it, or 1.2 as editors read it) would take
it for something else or could not hold it; then it is double-quoted, with
escapes only for characters that cannot appear raw. Every text reads back
through itareport.loader as exactly the text written.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import yaml

from .errors import Diagnostic, InputError
from .loader import load_text
from .thai import BE_OFFSET, YearMonth, fiscal_year_of, to_arabic_digits, to_thai_digits

SCHEMA_FILE = Path("schema") / "itareport.schema.json"
DEFAULT_SCHEMA_REF = "../schema/itareport.schema.json"
SCHEMA_COMMENT = "yaml-language-server: $schema="

# --- YAML scalars ------------------------------------------------------------------

_INDICATORS = set("-?:,[]{}#&*!|>'\"%@`")
# Characters that may appear raw in YAML text (PyYAML's reader), minus line breaks and the BOM.
_RAW_OK = re.compile("[\t\x20-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufefe\uff00-\ufffd\U00010000-\U0010ffff]*")
# What a YAML 1.2 (core schema) reader such as an editor's takes for something other than text.
_YAML12_NOT_TEXT = re.compile(
    r"[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+"
    r"|[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?"
    r"|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN)"
    r"|true|True|TRUE|false|False|FALSE|null|Null|NULL|~|")
_RESOLVER = yaml.resolver.Resolver()
_STR_TAG = "tag:yaml.org,2002:str"
_ESCAPES = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\t": "\\t", "\r": "\\r", "\x00": "\\0",
            "\x85": "\\N", "\u2028": "\\L", "\u2029": "\\P"}


def is_plain_safe(text: str) -> bool:
    """True when the text can be written without quotes and reads back as the same text."""
    if not text or text != text.strip(" ") or text[0] in _INDICATORS or text[-1] in ": \t":
        return False
    if ": " in text or " #" in text or "\t" in text or not _RAW_OK.fullmatch(text):
        return False
    if _YAML12_NOT_TEXT.fullmatch(text):
        return False
    return _RESOLVER.resolve(yaml.ScalarNode, text, (True, False)) == _STR_TAG


def _escape(ch: str) -> str:
    if ch in _ESCAPES:
        return _ESCAPES[ch]
    if _RAW_OK.fullmatch(ch):
        return ch
    code = ord(ch)
    if code <= 0xFF:
        return f"\\x{code:02X}"
    return f"\\u{code:04X}" if code <= 0xFFFF else f"\\U{code:08X}"


def quote(text: str) -> str:
    """A double-quoted YAML scalar on one line."""
    return '"' + "".join(_escape(ch) for ch in text) + '"'


def scalar(value: Any) -> str:
    """A YAML scalar for a text (plain when safe), a whole number, or a boolean."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    text = str(value)
    return text if is_plain_safe(text) else quote(text)


# --- block-style documents with comments ------------------------------------------

BLANK = None  # in a comment list: an empty line instead of a comment


def comment_lines(text: str, indent: int = 0) -> list[str]:
    """'# ...' lines for a text (several lines when it has line breaks)."""
    pad = " " * indent
    return [f"{pad}# {line}".rstrip() for line in str(text).splitlines() or [""]]


def _comments(comments: dict, path: tuple, indent: int) -> list[str]:
    out = []
    for text in comments.get(path, ()):
        out += [""] if text is BLANK else comment_lines(text, indent)
    return out


def _value_lines(key: str, value: Any, path: tuple, indent: int, comments: dict) -> list[str]:
    pad = " " * indent
    if isinstance(value, dict):
        if not value:
            return [f"{pad}{key}: {{}}"]
        return [f"{pad}{key}:"] + _mapping_lines(value, path, indent + 2, comments)
    if isinstance(value, list):
        if not value:
            return [f"{pad}{key}: []"]
        return [f"{pad}{key}:"] + _list_lines(value, path, indent + 2, comments)
    return [f"{pad}{key}: {scalar(value)}"]


def _mapping_lines(mapping: dict, path: tuple, indent: int, comments: dict) -> list[str]:
    out = []
    for key, value in mapping.items():
        if value is None:
            continue
        out += _comments(comments, path + (key,), indent)
        out += _value_lines(scalar(key), value, path + (key,), indent, comments)
    return out


def _list_lines(items: list, path: tuple, indent: int, comments: dict) -> list[str]:
    pad = " " * indent
    out = []
    for i, item in enumerate(items):
        out += _comments(comments, path + (i,), indent)
        if isinstance(item, dict) and item:
            lines = _mapping_lines(item, path + (i,), indent + 2, comments)
            first = next(k for k, line in enumerate(lines) if not line.lstrip().startswith("#") and line)
            out += [line.replace(" " * (indent + 2), pad, 1) for line in lines[:first]]
            out.append(pad + "- " + lines[first][indent + 2:])
            out += lines[first + 1:]
        elif isinstance(item, (dict, list)):
            out.append(pad + "- " + ("{}" if isinstance(item, dict) else "[]"))
        else:
            out.append(pad + "- " + scalar(item))
    return out


def dump_yaml(data: dict, comments: dict | None = None, header: list[str] | tuple = ()) -> str:
    """Block-style YAML for a mapping of texts, numbers, lists and mappings.

    comments maps a path such as ('measures', 0, 'period') to the comment lines written
    just before that key or list item (BLANK for an empty line); header lines come first.
    Keys whose value is None are left out.
    """
    lines = [line if line.startswith("#") else ("# " + line).rstrip() for line in header]
    lines += _mapping_lines(data, (), 0, comments or {})
    return "\n".join(lines) + "\n"


# --- the schema line ----------------------------------------------------------------

def schema_line(ref: str = DEFAULT_SCHEMA_REF) -> str:
    return f"# {SCHEMA_COMMENT}{ref}"


def schema_ref_for(target: Path) -> str:
    """The schema's path relative to a data file's folder: the nearest schema/itareport.schema.json
    in that folder or above it, else the usual ../schema/itareport.schema.json (data/ next to schema/)."""
    import os

    folder = Path(target).resolve().parent
    for place in (folder, *folder.parents):
        candidate = place / SCHEMA_FILE
        if candidate.is_file():
            return Path(os.path.relpath(candidate, folder)).as_posix()
    return DEFAULT_SCHEMA_REF


# Thai help for editors, written under the schema line of every file itareport creates.
FIELD_HELP = """\
ไฟล์ข้อมูลรายงานผลการดำเนินการตามมาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน
โปรแกรม itareport นำข้อมูลในไฟล์นี้ไปสร้างเป็นไฟล์ Word (ชื่อรายงานและหัวตารางสร้างให้เอง ไม่ต้องเขียน)

วิธีกรอก
- ข้อความหลังเครื่องหมาย # คือคำอธิบาย โปรแกรมไม่นำไปใช้
- คำหน้าเครื่องหมาย : (เช่น title: owner:) ห้ามแก้ ให้แก้เฉพาะข้อความหลัง : และย่อหน้าต้องตรงตามเดิม
- รายการหลายข้อ เขียนบรรทัดละ 1 ข้อ ขึ้นต้นด้วย "- " ไม่ต้องใส่เลขข้อ ๑. ๒. เอง โปรแกรมใส่ให้
- ตัวเลขเขียนเป็นเลขไทยหรือเลขอารบิกก็ได้ ในรายงานจะแสดงเป็นเลขไทย
- ถ้าข้อความมี : ตามด้วยเว้นวรรค หรือมี # หรือขึ้นต้นด้วยอักขระพิเศษ (- * & ! % @ ' " [ {) ให้ครอบด้วย "..."

หัวข้อ
  agency       หน่วยงาน: name = ชื่อ, district = อำเภอ, province = จังหวัด (ไม่ต้องพิมพ์คำว่า อำเภอ จังหวัด)
  fiscal_year  ปีงบประมาณ พ.ศ. เช่น 2568
  measures     มาตรการ แต่ละข้อขึ้นต้นด้วย "- title:" (ชื่อมาตรการ ไม่ต้องใส่เลขข้อ)
    steps      ขั้นตอนหรือวิธีการปฏิบัติ    owner  ผู้รับผิดชอบ
    period     ระยะเวลา: fiscal-year (ตลอดปีงบประมาณ) หรือ from: 2567-10 to: 2568-09 (ปี พ.ศ.-เดือน)
    results    สรุปผลการดำเนินการ          outcomes  ผลลัพธ์หรือความสำเร็จ
    activities ใช้เมื่อมาตรการเดียวมีหลายกิจกรรม (หลายแถว) แต่ละกิจกรรมมี title, details, steps, owner,
               period, results, outcomes ของตัวเอง""".splitlines()


def help_header(ref: str = DEFAULT_SCHEMA_REF, first: list[str] | tuple = ()) -> list[str]:
    return [schema_line(ref), "#", *("# " + line if line else "#" for line in first),
            *(["#"] if first else []), *("# " + line if line else "#" for line in FIELD_HELP)]


# --- writing a new data file ---------------------------------------------------------

def write_new_file(target: Path, text: str, force: bool = False, sources: tuple = ()) -> None:
    """Write a data file atomically; never over an input, nor over an existing file unless forced."""
    from .build import _same_file, atomic_write

    for source in sources:
        if _same_file(Path(source), target):
            raise InputError(f"{target}: the output would overwrite the input {source}; choose another -o")
    if target.exists() and not force:
        raise InputError(f"{target}: already exists; choose another -o, or add --force to replace it")
    atomic_write(target, text.encode("utf-8"))


def diagnostics_at(yaml_text: str, file: str, notes: list[tuple[tuple, str]],
                   severity: str = "warning") -> list[Diagnostic]:
    """Diagnostics for (path, message) notes, located in the written YAML text."""
    loaded = load_text(yaml_text, file)
    out = [loaded.diagnostic(severity, path, message) for path, message in notes]
    return sorted(out, key=lambda d: (d.line, d.col))


# --- itareport init --------------------------------------------------------------------

PLACEHOLDER_AGENCY = "ชื่อหน่วยงาน"


def current_fiscal_year(today: date | None = None) -> int:
    today = today or date.today()
    return fiscal_year_of(YearMonth(today.year + BE_OFFSET, today.month))


def init_text(agency: str | None = None, year: int | None = None, ref: str = DEFAULT_SCHEMA_REF) -> str:
    """A starter data file that validates, with Thai comments on what to fill in."""
    year = year or current_fiscal_year()
    data = {
        "version": 1,
        "agency": {"name": agency or PLACEHOLDER_AGENCY},
        "fiscal_year": year,
        "measures": [
            {"title": "ชื่อมาตรการที่ ๑", "steps": ["ขั้นตอนที่ ๑", "ขั้นตอนที่ ๒"], "owner": "สำนักปลัด",
             "period": "fiscal-year", "results": [], "outcomes": []},
            {"title": "ชื่อมาตรการที่ ๒ (มาตรการที่มีหลายกิจกรรม)", "activities": [
                {"title": "ชื่อกิจกรรมที่ ๑", "steps": ["ขั้นตอนของกิจกรรมนี้"], "owner": "กองคลัง",
                 "period": {"from": f"{year - 1}-10", "to": f"{year - 1}-12"}, "results": [], "outcomes": []},
            ]},
        ],
    }
    comments = {
        ("agency",): [BLANK],
        ("agency", "name"): ["ชื่อหน่วยงานเต็ม เช่น เทศบาลตำบลโคกสูงสัมพันธ์ และถ้าต้องการ (ไม่บังคับ):",
                             "district: ชุมแพ      (อำเภอ)", "province: ขอนแก่น    (จังหวัด)"],
        ("fiscal_year",): [f"ปีงบประมาณ {year} = ตุลาคม {year - 1} ถึง กันยายน {year}"],
        ("measures",): [BLANK, "มาตรการ เรียงตามลำดับในรายงาน (แก้ตัวอย่างเป็นของจริง)"],
        ("measures", 0): [to_thai_digits("1.")],
        ("measures", 0, "results"): ["สรุปผลการดำเนินการ: กรอกเมื่อดำเนินการแล้ว (ก่อนนั้น validate จะเตือน)"],
        ("measures", 0, "outcomes"): ["ผลลัพธ์หรือความสำเร็จของการดำเนินการ"],
        ("measures", 1): [BLANK, to_thai_digits("2.")],
        ("measures", 1, "activities", 0, "period"): [
            f"ช่วงเดือน ปี พ.ศ.-เดือน: ตุลาคม {year - 1} ถึง ธันวาคม {year - 1}"],
    }
    return dump_yaml(data, comments, help_header(ref))


# --- itareport new-year -----------------------------------------------------------------

@dataclass
class NewYear:
    yaml_text: str
    target: Path
    warnings: list = field(default_factory=list)  # Diagnostic, located in the new file


def default_new_year_path(source: Path, old: int, new: int) -> Path:
    """measures_2568.yaml -> measures_2569.yaml next to it (or NAME_2569.yaml)."""
    for form in (str(old), to_thai_digits(str(old))):
        if form in source.name:
            return source.with_name(source.name.replace(form, str(new)))
    return source.with_name(f"{source.stem}_{new}{source.suffix or '.yaml'}")


def _shift(month: YearMonth, years: int) -> str:
    return str(YearMonth(month.year + years, month.month))


def _mentions_year(text: str, year: int) -> bool:
    return re.search(rf"(?<![0-9]){year}(?![0-9])", to_arabic_digits(text)) is not None


def leading_comments(text: str) -> list[str]:
    """The comment block at the top of a data file (without its schema line)."""
    out = []
    for line in text.splitlines():
        if not line.startswith("#"):
            break
        if SCHEMA_COMMENT not in line:
            out.append(line)
    return out


def new_year(source: Path, to_year: int, output: Path | None = None) -> NewYear:
    """Next year's data file from this year's: periods moved, results and outcomes emptied.

    The target is output (a file, or a folder to put it in), else the source's name with the
    new year, next to it. Comments inside the old file are not carried over, except its header."""
    from .build import load_valid_report
    from .model import GroupedMeasure, MonthRange, activities_of
    from .loader import read_source

    report, _ = load_valid_report(Path(source))
    old = report.fiscal_year
    if to_year <= old:
        raise InputError(f"--to {to_year}: expected a fiscal year after {old}, the year of {source}")
    years = to_year - old
    notes: list[tuple[tuple, str]] = []
    comments: dict[tuple, list] = {}

    def note(path: tuple, comment: str, message: str) -> None:
        comments.setdefault(path, []).append(comment)
        notes.append((path, message))

    def check_year(path: tuple, text: str | None) -> None:
        if text and _mentions_year(text, old):
            note(path, f"ตรวจสอบ: ข้อความนี้กล่าวถึงปี {old}",
                 f"mentions {old}, the previous fiscal year: check whether it should say {to_year}")

    def activity(a, path: tuple) -> dict:
        for key in ("title", "owner"):
            check_year(path + (key,), getattr(a, key))
        for key in ("details", "steps"):
            for i, text in enumerate(getattr(a, key)):
                check_year(path + (key, i), text)
        if isinstance(a.period, MonthRange):
            period: Any = {"from": _shift(a.period.start, years), "to": _shift(a.period.end, years)}
        else:
            period = a.period
        for key, word in (("results", "สรุปผลการดำเนินการ"), ("outcomes", "ผลลัพธ์หรือความสำเร็จ")):
            comments[path + (key,)] = [f"ต้องกรอก: {word} ปีงบประมาณ {to_year}"]
        return {"title": a.title, "details": list(a.details) or None, "steps": list(a.steps), "owner": a.owner,
                "period": period, "results": [], "outcomes": []}

    measures = []
    for i, measure in enumerate(report.measures):
        path = ("measures", i)
        comments[path] = ([BLANK] if i else []) + [to_thai_digits(f"{i + 1}.")]
        if isinstance(measure, GroupedMeasure):
            check_year(path + ("title",), measure.title)
            measures.append({"title": measure.title, "activities": [
                activity(a, path + ("activities", j)) for j, a in enumerate(activities_of(measure))]})
        else:
            measures.append(activity(measure, path))
    data = {
        "version": 1,
        "agency": report.agency.model_dump(),
        "fiscal_year": to_year,
        "ita_indicator": report.ita_indicator,
        "numerals": None if report.numerals == "thai" else report.numerals,
        "intro": report.intro,
        "signers": [s.model_dump() for s in report.signers] or None,
        "measures": measures,
    }
    check_year(("intro",), report.intro)
    if report.ita_indicator:
        note(("ita_indicator",), "ตรวจสอบ: รหัสข้อการประเมิน ITA เปลี่ยนทุกปี",
             f"the ITA item code of {old}; the list of {to_year} may number it differently")
    comments.setdefault(("measures",), []).insert(0, BLANK)
    target = default_new_year_path(Path(source), old, to_year)
    if output is not None:
        target = output / target.name if output.is_dir() else output
    header = [schema_line(schema_ref_for(target))] + leading_comments(read_source(source))
    text = dump_yaml(data, comments, header)
    return NewYear(text, target, diagnostics_at(text, str(target), notes))
