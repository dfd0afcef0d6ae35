"""The text format: FILE:LINE:COL: error: PATH: message [CODE] and, under it, the source line with a
caret at the column (console.Printer prints these lines, coloured on a terminal)."""

from __future__ import annotations

from ..errors import Diagnostic
from ..snippet import snippet


def message_text(d: Diagnostic) -> str:
    """PATH: message, as every format shows a diagnostic's words (the data path first)."""
    return f"{d.path}: {d.message}" if d.path else d.message


def text_lines(d: Diagnostic) -> list[str]:
    """The diagnostic's line, then the source line and the caret under its column."""
    return [d.format(), *snippet(d.file, d.line, d.col)]
