"""Readable YAML for data files: texts plain when safe and quoted otherwise, comments, headers.

The writer produces block-style YAML with Thai text as is. A text is written
plain unless YAML (1.1 as PyYAML reads it, or 1.2 as editors read it) would take
it for something else or could not hold it; then it is double-quoted, with
escapes only for characters that cannot appear raw. Every text reads back
through itareport.loader as exactly the text written.
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Any

import yaml

from .errors import Diagnostic, Severity
from .loader import Loaded, load_text
from .patterns import compiled

SCHEMA_NAME = "itareport.schema.json"
SCHEMA_FILE = Path("schema") / SCHEMA_NAME
DEFAULT_SCHEMA_REF = "../schema/itareport.schema.json"   # a data file in data/ of this repository
SCHEMA_COMMENT = "yaml-language-server: $schema="

# --- YAML scalars ------------------------------------------------------------------

_INDICATORS = set("-?:,[]{}#&*!|>'\"%@`")
# Characters that may appear raw in YAML text (PyYAML's reader), minus line breaks and the BOM (compiled when
# first used: its wide ranges take ~3 ms, and `validate` imports this module without writing YAML).
_RAW_OK = "[\t\x20-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufefe\uff00-\ufffd\U00010000-\U0010ffff]*"
# What a YAML 1.2 (core schema) reader such as an editor's takes for something other than text.
_YAML12_NOT_TEXT = re.compile(
    r"[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+"
    r"|[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?"
    r"|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN)"
    r"|true|True|TRUE|false|False|FALSE|null|Null|NULL|~|")
_RESOLVER = yaml.resolver.Resolver()
_STR_TAG = "tag:yaml.org,2002:str"
_NULL_TAG = "tag:yaml.org,2002:null"
_INT_TAG, _FLOAT_TAG = "tag:yaml.org,2002:int", "tag:yaml.org,2002:float"
_ESCAPES = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\t": "\\t", "\r": "\\r", "\x00": "\\0",
            "\x85": "\\N", "\u2028": "\\L", "\u2029": "\\P"}


def _plain_shape(text: str) -> bool:
    """True when the characters can stand as a plain scalar (whatever a reader takes it for)."""
    if not text or text != text.strip(" ") or text[0] in _INDICATORS or text[-1] in ": \t":
        return False
    return not (": " in text or " #" in text or "\t" in text or not compiled(_RAW_OK).fullmatch(text))


def _reads_as(text: str) -> tuple[str, bool]:
    """What YAML readers take a plain scalar for: PyYAML's (1.1) tag, and whether 1.2 takes it for
    something other than text."""
    tag = _RESOLVER.resolve(yaml.ScalarNode, text, (True, False))
    return ("number" if tag in (_INT_TAG, _FLOAT_TAG) else tag), bool(_YAML12_NOT_TEXT.fullmatch(text))


def is_plain_safe(text: str) -> bool:
    """True when the text can be written without quotes and reads back as the same text."""
    return _plain_shape(text) and _reads_as(text) == (_STR_TAG, False)


def keeps_plain(text: str, old: str) -> bool:
    """True when text can replace the plain scalar `old` unquoted: it reads back as itself, and
    YAML readers take it for the same kind of value as old (a number stays a number: 2568 -> 2569;
    a text stays a text: ok -> no is quoted, or editors would read a boolean)."""
    if is_plain_safe(text):
        return True
    return _plain_shape(text) and _reads_as(text) == _reads_as(old) and _reads_as(text)[0] != _NULL_TAG


def _escape(ch: str) -> str:
    if ch in _ESCAPES:
        return _ESCAPES[ch]
    if compiled(_RAW_OK).fullmatch(ch):
        return ch
    code = ord(ch)
    if code <= 0xFF:
        return f"\\x{code:02X}"
    return f"\\u{code:04X}" if code <= 0xFFFF else f"\\U{code:08X}"


def quote(text: str) -> str:
    """A double-quoted YAML scalar on one line."""
    return '"' + "".join(_escape(ch) for ch in text) + '"'


FLOW_INDICATORS = set(",[]{}:")


def is_flow_plain_safe(text: str) -> bool:
    """True when the text can be written without quotes inside [..] or {..} as well."""
    return is_plain_safe(text) and not FLOW_INDICATORS.intersection(text)


def single_quote(text: str) -> str | None:
    """A single-quoted YAML scalar on one line ('' for a quote), or None when the text cannot be one."""
    if not compiled(_RAW_OK).fullmatch(text) or "\t" in text:
        return None
    return "'" + text.replace("'", "''") + "'"


def literal_block(text: str, indent: int, newline: str = "\n") -> str | None:
    """A literal block scalar (|, |-) with its lines at `indent` spaces, or None when the text cannot be
    one here: no final line break or exactly one (more would need |+, which takes in the blank lines
    after it), no carriage returns, and the first line not starting with a space (it sets the indent)."""
    if not text or "\r" in text or text.endswith("\n\n") or not compiled(_RAW_OK).fullmatch(text.replace("\n", "")):
        return None
    body = text[:-1] if text.endswith("\n") else text
    lines = body.split("\n")
    first = next((line for line in lines if line), "")
    if not first or first[0] in " \t" or not lines[-1].strip(" \t"):
        return None
    pad = " " * indent
    return ("|" if text.endswith("\n") else "|-") + newline + newline.join(pad + line if line else ""
                                                                            for line in lines)


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


_LINE_BREAKS = re.compile("\r\n|[\r\n\x85\u2028\u2029\x0b\x0c]")


def comment_lines(text: str, indent: int = 0) -> list[str]:
    """'# ...' lines for a text: one per line of it (every YAML line break counts), characters YAML
    does not allow raw written as escapes (\\x1F), so every line stays a comment."""
    pad = " " * indent
    lines = _LINE_BREAKS.split(str(text))
    return [f"{pad}# {''.join(ch if compiled(_RAW_OK).fullmatch(ch) else _escape(ch) for ch in line)}".rstrip()
            for line in lines]


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
        return [f"{pad}{key}:", *_mapping_lines(value, path, indent + 2, comments)]
    if isinstance(value, list):
        if not value:
            return [f"{pad}{key}: []"]
        return [f"{pad}{key}:", *_list_lines(value, path, indent + 2, comments)]
    return [f"{pad}{key}: {scalar(value)}"]


def _mapping_lines(mapping: dict, path: tuple, indent: int, comments: dict) -> list[str]:
    out = []
    for key, value in mapping.items():
        if value is None:
            continue
        out += _comments(comments, (*path, key), indent)
        out += _value_lines(scalar(key), value, (*path, key), indent, comments)
    return out


def _list_lines(items: list, path: tuple, indent: int, comments: dict) -> list[str]:
    pad = " " * indent
    out = []
    for i, item in enumerate(items):
        out += _comments(comments, (*path, i), indent)
        if isinstance(item, dict) and item:
            lines = _mapping_lines(item, (*path, i), indent + 2, comments)
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
    lines = [out for line in header for out in comment_lines(line.removeprefix("#").removeprefix(" ")
                                                             if line.startswith("#") else line)]
    lines += _mapping_lines(data, (), 0, comments or {})
    return "\n".join(lines) + "\n"


# --- the schema line ----------------------------------------------------------------

def schema_line(ref: str = DEFAULT_SCHEMA_REF) -> str:
    return f"# {SCHEMA_COMMENT}{ref}"


def schema_ref_for(target: Path) -> str:
    """The schema's path relative to a data file's folder: the nearest schema/itareport.schema.json
    in that folder or above it (a project's own, as this repository's), else itareport.schema.json
    beside the data file (which `schema.write_schema_beside` writes when it is not there)."""
    folder = Path(target).resolve().parent
    for place in (folder, *folder.parents):
        candidate = place / SCHEMA_FILE
        if candidate.is_file():
            return Path(os.path.relpath(candidate, folder)).as_posix()
    return SCHEMA_NAME


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
               หรือเขียนเป็นข้อความ เช่น ต.ค. 67 - ธ.ค. 67, มกราคม - มีนาคม 2568, ไตรมาสที่ 2
    results    สรุปผลการดำเนินการ          outcomes  ผลลัพธ์หรือความสำเร็จ
    activities ใช้เมื่อมาตรการเดียวมีหลายกิจกรรม (หลายแถว) แต่ละกิจกรรมมี title, details, steps, owner,
               period, results, outcomes ของตัวเอง""".splitlines()


def help_header(ref: str = DEFAULT_SCHEMA_REF, first: list[str] | tuple = ()) -> list[str]:
    return [schema_line(ref), "#", *("# " + line if line else "#" for line in first),
            *(["#"] if first else []), *("# " + line if line else "#" for line in FIELD_HELP)]


# --- locating notes in written YAML ------------------------------------------------

def diagnostics_at(yaml_text: str, file: str, notes: list[tuple],
                   severity: Severity = "warning", loaded: Loaded | None = None) -> list[Diagnostic]:
    """Diagnostics for (path, message) or (path, message, code) notes, located in the written YAML text
    (a message made by codes.message carries its code); loaded: that text already loaded as file."""
    if loaded is None:
        loaded = load_text(yaml_text, file)
    out = [loaded.diagnostic(severity, note[0], note[1], code=note[2] if len(note) > 2 else "") for note in notes]
    return sorted(out, key=lambda d: (d.line, d.col))
