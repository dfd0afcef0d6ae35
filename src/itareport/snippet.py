"""The source line under a diagnostic, with a caret at its column (as rustc, ruff and mypy --pretty do).

    x.yaml:3:15: error: ...
      3 |   - ติดตามผล: รายงานผู้บริหาร
        |             ^

Columns are counted in characters, as YAML counts them; the caret is placed by display
width, so Thai vowels and tone marks above or below a letter take no column, and wide
(East Asian) characters take two. A tab is shown as an arrow padded to TAB_WIDTH columns
(`→   `), so that a tab YAML refuses is seen, with the caret under the arrow.
"""

from __future__ import annotations

import os
import re
import unicodedata
from functools import lru_cache

LINE_BREAK = re.compile("\r\n|[\r\n\x85\u2028\u2029]")  # what YAML counts as a line break
MAX_WIDTH = 100     # longer lines are shown as a window around the caret
TAB_WIDTH = 4
TAB_SHOWN = "\u2192" + " " * (TAB_WIDTH - 1)   # →
_READ_LIMIT = 25 * 1024 * 1024


def source_lines(text: str) -> list[str]:
    """The lines of a text, split where YAML's line numbers split them."""
    return LINE_BREAK.split(text)


def char_width(ch: str) -> int:
    if ch == "\t":
        return TAB_WIDTH
    if unicodedata.combining(ch) or unicodedata.category(ch) in ("Mn", "Me", "Cf"):
        return 0
    return 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1


_CONTROL = re.compile("[\x00-\x08\x0a-\x1f\x7f-\x9f]")


def _shown(text: str) -> str:
    """Tabs as an arrow and spaces; control characters (a terminal would obey them) as U+FFFD."""
    return _CONTROL.sub("\ufffd", text.replace("\t", TAB_SHOWN))


def _width(text: str) -> int:
    return sum(char_width(ch) for ch in text)


def _wider_than(text: str, limit: int) -> bool:
    """_width(text) > limit, looking at no more characters than needed (lines may be very long)."""
    width = 0
    for ch in text:
        width += char_width(ch)
        if width > limit:
            return True
    return False


def caret_lines(line_no: int, col: int, line: str) -> list[str]:
    """Two lines: ' 3 | source' and '   |   ^' (col is 1-based, in characters)."""
    line = line.rstrip()
    col = max(1, min(col, len(line) + 1))
    start, end = 0, len(line)
    if _wider_than(line, MAX_WIDTH):  # a window around the caret
        width, start = 0, col - 1
        while start > 0 and width + char_width(line[start - 1]) <= MAX_WIDTH // 2:
            start -= 1
            width += char_width(line[start])
        while start > 0 and char_width(line[start]) == 0:   # never a mark without its letter
            start -= 1
        end = col - 1
        while end < len(line) and width + char_width(line[end]) <= MAX_WIDTH:
            width += char_width(line[end])
            end += 1
        while end < len(line) and char_width(line[end]) == 0:
            end += 1
    before = ("..." if start else "") + line[start:col - 1]
    shown = before + line[col - 1:end] + ("..." if end < len(line) else "")
    gutter = str(line_no)
    return [f" {gutter} | {_shown(shown)}".rstrip(),
            f" {' ' * len(gutter)} | {' ' * _width(before)}^"]


@lru_cache(maxsize=8)
def _read_lines(name: str, stamp: tuple[int, int]) -> tuple[str, ...] | None:
    try:
        with open(name, "rb") as handle:
            raw = handle.read(_READ_LIMIT)
    except OSError:
        return None
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    return tuple(source_lines(raw.decode("utf-8", "replace")))


def _file_lines(name: str) -> tuple[str, ...] | None:
    """The file's lines, read once for all its diagnostics (again when it changed)."""
    try:
        stat = os.stat(name)
    except (OSError, ValueError):
        return None
    return _read_lines(name, (stat.st_mtime_ns, stat.st_size)) if stat.st_size <= _READ_LIMIT else None


def snippet(file: str, line: int, col: int) -> list[str]:
    """The caret lines for a place in a file; none when the file or the line cannot be shown."""
    lines = _file_lines(file)
    if lines is None or not 1 <= line <= len(lines) or not lines[line - 1].strip():
        return []
    return caret_lines(line, col, lines[line - 1])

