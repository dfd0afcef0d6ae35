"""Options as people type them, parsed in one place: -o FOLDER/, Thai digits, --format, --jobs, choices.

cli.py calls these on the raw option texts and hands the typed values to commands/; each raises
InputError (exit 2) with a message that says what was expected and what was found.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path

from .errors import InputError
from .files import FORMATS
from .messages import M_
from .thai import to_arabic_digits


def number_option(name: str, text: str | None) -> int | None:
    """An integer option, in Thai or Arabic digits (--year ๒๕๖๙); None when not given."""
    if text is None:
        return None
    digits = to_arabic_digits(text).strip()
    if not digits.isascii() or not digits.isdigit():
        raise InputError(M_("{option} {value}: expected a number such as 2569 (Thai digits ๒๕๖๙ are "
                           "fine too)", option=name, value=text))
    return int(digits)


def output_option(text: str | None) -> tuple[Path | None, bool]:
    """-o as typed: (the path, True when it ends in / or \\ and so always names a folder).

    On Windows, `-o "C:\\My Reports\\"` reaches Python as `C:\\My Reports"` (a backslash before
    the closing quote escapes it): that trailing quote means a folder too."""
    if text is None:
        return None, False
    windows = sys.platform == "win32"
    stripped = text[:-1] if windows and text.endswith('"') else text
    if windows and '"' in stripped:
        raise InputError(M_("'{text}' has a quote inside: a backslash just before a closing quote escapes "
                           "it; leave out that backslash, e.g. -o \"C:\\My Reports\"", text=text))
    folder = stripped != text or (len(stripped) > 1 and stripped.endswith(("/", "\\")))
    return Path(stripped.rstrip("/\\") if folder else stripped), folder


def parse_jobs(value: str | None) -> int | None:
    """--jobs N (Arabic or Thai digits), 1 or more; None (not given) means one per core."""
    if value is None:
        return None
    text = to_arabic_digits(value.strip())
    if not text.isascii() or not text.isdigit() or int(text) < 1:
        raise InputError(M_("--jobs: expected a whole number of workers, 1 or more (e.g. --jobs 4), got '{value}'",
                            value=value))
    return int(text)


def parse_formats(values: Sequence[str] | None) -> tuple[str, ...]:
    """--format values (repeatable and comma-separated), in the order given; default docx."""
    chosen: list[str] = []
    for value in values or ["docx"]:
        for name in value.split(","):
            name = name.strip().lower().lstrip(".")
            name = "md" if name == "markdown" else name
            if not name:
                continue
            if name not in FORMATS:
                raise InputError(M_("--format: expected docx, pdf, html, md or xlsx, got '{name}'", name=name))
            if name not in chosen:
                chosen.append(name)
    if not chosen:
        raise InputError(M_("--format: expected docx, pdf, html, md or xlsx, got nothing"))
    return tuple(chosen)


def choice_option(name: str, value: str, choices: Sequence[str]) -> str:
    """One of a fixed set of words (--format text|json, --kind ...)."""
    if value not in choices:
        raise InputError(M_("{option} {value}: expected one of {choices}",
                            option=name, value=value, choices=", ".join(choices)))
    return value
