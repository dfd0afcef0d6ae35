"""Catch Thai typos and copy-paste damage in a data file's texts (`itareport lint`).

Every text value of the data file is checked (comments and keys are not: they never reach the
report). The word checks (unknown-word, near-word, doubled, split-word, stray-letters) are in
lint_words.py, against the Thai dictionary shared with import (thai_dictionary.py: PyThaiNLP's
lists, itareport's additions and the agency's allow-list beside the data file); the character checks
(markup, mixed-digits, punctuation, look-alike, invisible) and the codes of all kinds are in
lint_rules.py. This module checks one text and a whole data file, and locates each finding in the
source.

PyThaiNLP is an optional extra (`pip install ".[thai]"` from the source): without it lint says how to
install it (ThaiExtraMissing, exit 2).
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from .errors import Diagnostic, ItareportError
from .lint_rules import Finding, character_findings, mixed_digits, punctuation
from .lint_words import word_findings
from .loader import Loaded, format_path, iter_texts, load_text, read_source
from .messages import Message
from .thai_dictionary import (
    Dictionary,
    ThaiExtraMissing,
    allow_list_files,
    dictionary_for,
    ensure_thai_extra,
    load_dictionary,
    read_allow_list,
)

__all__ = [
    "Dictionary",
    "Finding",
    "ThaiExtraMissing",
    "allow_list_files",
    "check_text",
    "ensure_thai_extra",
    "lint_file",
    "load_dictionary",
    "read_allow_list",
]

# --- the checks on one text ----------------------------------------------------

def check_text(text: str, dictionary: Dictionary, numerals: str = "thai") -> list[Finding]:
    """Every finding in one text, in order; a character-level finding hides word findings over it.
    numerals: the report's digits ('thai' or 'arabic'), which decide what mixed digits are printed."""
    chars = [narrow_latin(f, text, dictionary) if f.kind == "look-alike" else f for f in character_findings(text)]
    words = word_findings(text, dictionary)
    words = [w for w in words if not any(c.start < w.end and w.start < c.end for c in chars)]
    return sorted(chars + words + mixed_digits(text, numerals) + punctuation(text),
                  key=lambda f: (f.start, f.kind))


def narrow_latin(finding: Finding, text: str, dictionary: Dictionary) -> Finding:
    """A look-alike finding of a Latin letter typed inside Thai (ขfอง): narrowed to the word it broke,
    with that word as the suggestion, when dropping the Latin letters leaves a dictionary word."""
    run = text[finding.start:finding.end]
    latin = [m.start() for m in _LATIN.finditer(run)]
    if not latin:
        return finding
    cleaned = dictionary.tokenize(_LATIN.sub("", run))
    if not all(dictionary.known(w) for w in cleaned):   # the letter stood for a Thai one (ภายnน)
        return finding
    at = latin[0]   # where the first Latin letter was, in the cleaned run
    start = 0
    for word in cleaned:
        end = start + len(word)
        if start < at <= end:   # the word before the letter, or around it
            stop = end + sum(1 for k in latin if k < end + len(latin))
            return Finding(finding.start + start, finding.start + stop, finding.kind,
                           text[finding.start + start:finding.start + stop], finding.message, (word,))
        start = end
    return finding


_LATIN = re.compile("[A-Za-z]")


# --- a data file -----------------------------------------------------------------

@dataclass
class Linted:
    """The findings of one data file, located as warnings, and what the loader said."""

    loaded: Loaded
    findings: list[Diagnostic]

    @property
    def diagnostics(self) -> list[Diagnostic]:
        """The findings, or the loader's errors when the file could not be read as YAML."""
        return self.findings if self.loaded.data is not None else self.loaded.diagnostics


def lint_file(path: str | os.PathLike[str], markup: bool = True) -> Linted:
    """Lint every text value of a data file (markup=False leaves HTML to validate's own warning).
    Raises InputError or DataError (unreadable file) and ThaiExtraMissing."""
    return lint_text(read_source(path), path, markup)


def lint_text(source: str, path: str | os.PathLike[str], markup: bool = True,
              check: Callable[[str, Dictionary, str], list[Finding]] = check_text) -> Linted:
    """lint_file on a data file's text in memory (the editor's unsaved edits); the allow-lists are
    those beside path. check: check_text, or a memo of it (the editor's, for texts seen before)."""
    dictionary = dictionary_for(path)
    if source.startswith("\ufeff"):
        source = source[1:]
    loaded = load_text(source, str(path))
    lines = source.splitlines(keepends=True)
    numerals = loaded.data.get("numerals", "thai") if isinstance(loaded.data, dict) else "thai"
    out = []
    for value_path, value in iter_texts(loaded.data):
        for f in check(value, dictionary, numerals):
            if f.kind == "markup" and not markup:
                continue
            start = loaded.positions.get(value_path, (1, 1))
            line, col = _locate(lines, start, value, f.start)
            end_line, end_col = _locate(lines, start, value, max(f.start, f.end - 1))
            message = f.describe(str(allow_list_files(path, existing=False)[0]))
            out.append(Diagnostic(loaded.file, line, col, "warning", format_path(value_path), message, f.code,
                                  end_col if end_line == line and end_col >= col else None))
    return Linted(loaded, out)


_SKIPPABLE = " \t\r\n\"'\\>|-+0123456789"
# YAML's escapes in double-quoted scalars: \t, \n, \\, \", ... and \xXX, \uXXXX, \UXXXXXXXX.
_ESCAPES = {"0": "\0", "a": "\a", "b": "\b", "t": "\t", "\t": "\t", "n": "\n", "v": "\v", "f": "\f", "r": "\r",
            "e": "\x1b", " ": " ", '"': '"', "/": "/", "\\": "\\", "N": "\x85", "_": "\xa0", "L": "\u2028",
            "P": "\u2029"}
_HEX_DIGITS = {"x": 2, "u": 4, "U": 8}


def _locate(lines: list[str], start: tuple[int, int], value: str, offset: int) -> tuple[int, int]:
    """LINE:COL of value[offset] in the source: walk the scalar from where it starts, skipping quotes,
    block indicators, line breaks and indentation, reading the escapes of a double-quoted scalar
    (\t, \u0e01); the scalar's start when the text does not line up."""
    line, col = start[0] - 1, start[1] - 1
    quoted = line < len(lines) and lines[line][col:col + 1] == '"'
    for i, ch in enumerate(value[:offset + 1]):
        while True:
            if line >= len(lines):
                return start
            here = lines[line][col] if col < len(lines[line]) else "\n"
            if quoted and here == "\\" and (escape := _escape(lines, line, col)) is not None:
                decoded, after = escape
                if decoded == "":            # an escaped line break: nothing in the value
                    line, col = after
                    continue
                if decoded != ch:
                    return start
                if i == offset:
                    return line + 1, col + 1
                line, col = after
                break
            if here == ch:
                if i == offset:
                    return line + 1, col + 1
                line, col = (line + 1, 0) if ch == "\n" else (line, col + 1)
                break
            if here not in _SKIPPABLE:
                return start
            line, col = (line + 1, 0) if here == "\n" else (line, col + 1)
    return start


def _escape(lines: list[str], line: int, col: int) -> tuple[str, tuple[int, int]] | None:
    """The character the escape at (line, col) stands for, and where the source goes on after it."""
    text = lines[line]
    c = text[col + 1] if col + 1 < len(text) else "\n"
    if c in "\r\n":
        line += 1
        col = 0
        while line < len(lines) and col < len(lines[line]) and lines[line][col] in " \t":
            col += 1
        return "", (line, col)
    if c in _ESCAPES:
        return _ESCAPES[c], (line, col + 2)
    digits = _HEX_DIGITS.get(c, 0)
    try:
        return chr(int(text[col + 2:col + 2 + digits], 16)), (line, col + 2 + digits)
    except ValueError:
        return None


def lint_files(paths: list[Path]) -> Iterator[tuple[Path, list[Diagnostic], Message | None]]:
    """(path, findings, error) for each file as it is linted: a file that cannot be read has its
    located diagnostics (not UTF-8, YAML syntax) or, when there is no place to show, an error text."""
    for path in paths:
        try:
            yield Path(path), lint_file(path).diagnostics, None
        except ThaiExtraMissing:
            raise
        except ItareportError as exc:
            yield Path(path), exc.diagnostics, None if exc.diagnostics else exc.message
