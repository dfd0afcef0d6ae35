"""Catch Thai typos and copy-paste damage in a data file's texts (`itareport lint`).

Every text value of the data file is checked (comments and keys are not: they
never reach the report). The checks:

- unknown-word (ITA401): a Thai word that is not in PyThaiNLP's word list (nor in
  the agency's allow-list), with the one-letter repair that joins it into fewer words;
- near-word (ITA402): two or three words glued into something one slip away from a
  word (สาธารณะชน for สาธารณชน, งบประมาน), never one real word changed into another
  as common (เปิด/ปิด, รับ/ริบ);
- doubled: the same word twice in a row (การการ);
- split-word: a space inside a Thai word (ประพฤติมิ ชอบ);
- markup: HTML tags or entities left over from a web page;
- mixed-digits: Thai and Arabic digits side by side in the printed report;
- punctuation: the same punctuation mark twice (,, .. ((  ๆๆ);
- look-alike: a Latin letter inside a Thai word, เเ for แ, ํา for ำ;
- invisible: zero-width and other invisible characters.

Correct government text stays quiet: abbreviations ending in "." (สขร.๑, สถ.)
and letter codes standing alone (ณ, ว) are words. The codes of all kinds and the
character-level checks are in lint_rules.py.

PyThaiNLP is an optional extra (`pip install ".[thai]"` from the source), imported only
here and only when lint runs: read-only, offline, using only the word lists that
ship inside its wheel. The allow-list is a text file beside the data file,
`<stem>.words.txt` (e.g. data/measures_2568.words.txt) and/or `words.txt`: one
word per line, `#` starts a comment.
"""

from __future__ import annotations

import itertools
import math
import os
import re
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from . import codes
from .errors import Diagnostic, ItareportError
from .lint_rules import ALLOW_LIST, LEADING_VOWELS, THAI, Finding, character_findings, mixed_digits, punctuation
from .loader import Loaded, format_path, iter_texts, load_text, read_source
from .messages import M_, Message

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

_THAI_WORD = re.compile(f"[{THAI}]+")
_ALPHABET = [chr(c) for c in range(0x0E01, 0x0E4F) if re.fullmatch(f"[{THAI}]", chr(c))]
_SPACE_IN_THAI = re.compile(f"(?<=[{THAI}])[ \u00a0]+(?=[{THAI}])")
# An abbreviation: short runs of Thai letters, each ending in a full stop (พ.ศ., สถ., ป.ป.ช., สขร.๑,
# สถ.จ.ขก., ผอ.กองคลัง): a word as it stands, whatever the dictionary says.
_ABBREVIATION = re.compile(f"(?<![{THAI}])(?:[{THAI}]{{1,6}}\\.)+")
# A letter code standing alone (ณ, มท, the ว of ที่ มท ๐๘๐๔.๓/ว ๑๒๓๔): consonants only, 1 to 3 of them.
_CONSONANTS = re.compile("[\u0e01-\u0e2e]{1,3}")

MAX_SUGGESTIONS = 2
MIN_NEAR_WORD = 5     # a glued pair is only flagged when the word it resembles is this long
RARER = 100           # a real word changed into another is only a slip when it is this many times rarer


def _install_hint() -> Message:
    return M_('the Thai spelling checks need PyThaiNLP, an optional extra: install itareport again with it '
             'from its source, e.g. pip install ".[thai]" in the itareport folder (or the wheel file with [thai])')


class ThaiExtraMissing(ItareportError):
    """PyThaiNLP is not installed (exit 2, with the install command)."""


# --- PyThaiNLP, read-only and offline ----------------------------------------

def _prepare_pythainlp_environment() -> None:
    """Before the first import: never write to the user's home, never download."""
    os.environ.pop("PYTHAINLP_READ_MODE", None)  # the old name; setting both is an error
    os.environ["PYTHAINLP_READ_ONLY"] = "1"
    os.environ["PYTHAINLP_OFFLINE"] = "1"
    if not os.environ.get("PYTHAINLP_DATA") and not os.environ.get("PYTHAINLP_DATA_DIR"):
        os.environ["PYTHAINLP_DATA"] = os.path.join(tempfile.gettempdir(), "itareport-pythainlp-data")


@lru_cache(maxsize=1)
def _pythainlp() -> tuple:
    """PyThaiNLP's pieces we use, imported once: the word list, dict_trie, word_tokenize, a spell checker."""
    _prepare_pythainlp_environment()
    try:
        from pythainlp.corpus import thai_words
        from pythainlp.spell import NorvigSpellChecker
        from pythainlp.tokenize import word_tokenize
        from pythainlp.util import dict_trie
    except ImportError:
        raise ThaiExtraMissing(_install_hint()) from None
    words = frozenset(w for w in thai_words() if len(w) > 1)  # its single letters (ฆ ฏ ฒ) are not words
    return words, dict_trie, word_tokenize, NorvigSpellChecker()


class Dictionary:
    """PyThaiNLP's bundled word list plus the allow-list, its newmm segmenter and its word frequencies."""

    def __init__(self, allowed: frozenset[str] = frozenset()):
        words, dict_trie, self._tokenize, self._checker = _pythainlp()
        self.words = words | allowed
        self._trie = dict_trie(self.words)

    def tokenize(self, text: str) -> list[str]:
        return self._tokenize(text, custom_dict=self._trie, engine="newmm", keep_whitespace=True)

    def known(self, word: str) -> bool:
        return word in self.words

    def frequency(self, word: str) -> int:
        return self._checker.freq(word)


@lru_cache(maxsize=4)
def load_dictionary(allowed: frozenset[str] = frozenset()) -> Dictionary:
    return Dictionary(allowed)


def ensure_thai_extra() -> None:
    """Raise ThaiExtraMissing (exit 2, with the install command) when PyThaiNLP is not installed."""
    _pythainlp()


# --- the checks on one text ----------------------------------------------------

def check_text(text: str, dictionary: Dictionary, numerals: str = "thai") -> list[Finding]:
    """Every finding in one text, in order; a character-level finding hides word findings over it.
    numerals: the report's digits ('thai' or 'arabic'), which decide what mixed digits are printed."""
    chars = character_findings(text)
    words = _word_findings(text, dictionary)
    words = [w for w in words if not any(c.start < w.end and w.start < c.end for c in chars)]
    return sorted(chars + words + mixed_digits(text, numerals) + punctuation(text),
                  key=lambda f: (f.start, f.kind))


# --- word checks (PyThaiNLP) ---------------------------------------------------

@dataclass(frozen=True)
class _Token:
    start: int
    text: str

    @property
    def end(self) -> int:
        return self.start + len(self.text)

    @property
    def thai(self) -> bool:
        return bool(_THAI_WORD.fullmatch(self.text))


def _tokens(text: str, dictionary: Dictionary) -> list[_Token]:
    out, at = [], 0
    for piece in dictionary.tokenize(text):
        out.append(_Token(at, piece))
        at += len(piece)
    return out


def _mask_abbreviations(text: str) -> str:
    """The text with its abbreviations blanked out ('_', same length): they are words as they stand,
    and the segmenter would otherwise cut สขร.๑ into สข + ร and glue the pieces to their neighbours."""
    return _ABBREVIATION.sub(lambda m: "_" * len(m.group()), text)


def _word_findings(text: str, dictionary: Dictionary) -> list[Finding]:
    if not _THAI_WORD.search(text):
        return []
    masked = _mask_abbreviations(text)
    tokens = _tokens(masked, dictionary)
    out = _unknown_words(masked, tokens, dictionary) + _doubled(tokens) + _split_words(text, dictionary)
    taken = [(f.start, f.end) for f in out]
    out += [f for f in _near_words(tokens, dictionary) if not any(s < f.end and f.start < e for s, e in taken)]
    return out


def _is_abbreviation(tokens: list[_Token], i: int, text: str) -> bool:
    """A Thai token right before a full stop (งบประมาณพ.ศ. glued to its word), or a letter code standing
    alone (ณ, มท, ว)."""
    t = tokens[i]
    if t.end < len(text) and text[t.end] == ".":
        return True
    alone = (i == 0 or not tokens[i - 1].thai) and (i + 1 == len(tokens) or not tokens[i + 1].thai)
    return alone and bool(_CONSONANTS.fullmatch(t.text))


def _unknown_words(text: str, tokens: list[_Token], dictionary: Dictionary) -> list[Finding]:
    unknown = [i for i, t in enumerate(tokens)
               if t.thai and not dictionary.known(t.text) and not _is_abbreviation(tokens, i, text)]
    out = []
    for run in _runs(unknown, tokens):
        first, last = run[0], run[-1]
        lo = first - 1 if first > 0 and tokens[first - 1].thai else first
        hi = last + 1 if last + 1 < len(tokens) and tokens[last + 1].thai else last
        window = text[tokens[lo].start:tokens[hi].end]
        repairs = _repairs(window, hi - lo + 1, dictionary)
        if repairs:
            out.append(Finding(tokens[lo].start, tokens[hi].end, "unknown-word", window,
                               codes.message("ITA401"), tuple(repairs)))
        else:
            frag = text[tokens[first].start:tokens[last].end]
            out.append(Finding(tokens[first].start, tokens[last].end, "unknown-word", frag,
                               codes.message("ITA401", "allow", allow_list=ALLOW_LIST)))
    return out


def _runs(indexes: list[int], tokens: list[_Token]) -> Iterator[list[int]]:
    """Runs of unknown tokens next to each other, or apart by Thai pieces of at most 4 letters in all
    (ผู้|บ|ริ|หา|น is one misspelt ผู้บริหาร)."""
    run: list[int] = []
    for i in indexes:
        between = tokens[run[-1] + 1:i] if run else []
        if between and all(t.thai for t in between) and sum(len(t.text) for t in between) <= 4:
            run.extend(range(run[-1] + 1, i))
        elif run and i != run[-1] + 1:
            yield run
            run = []
        run.append(i)
    if run:
        yield run


def _edits(word: str) -> set[str]:
    """Every string one edit (delete, swap, replace, insert a Thai character) away, except adding or
    dropping a leading vowel (เปิด/ปิด: a word of another, often the opposite, meaning)."""
    out = set()
    for i in range(len(word) + 1):
        left, right = word[:i], word[i:]
        out.update(left + c + right for c in _ALPHABET if c not in LEADING_VOWELS)
        if right:
            if right[0] not in LEADING_VOWELS:
                out.add(left + right[1:])
            out.update(left + c + right[1:] for c in _ALPHABET)
        if len(right) > 1:
            out.add(left + right[1] + right[0] + right[2:])
    out.discard(word)
    out.discard("")
    return out


def _repairs(window: str, pieces: int, dictionary: Dictionary) -> list[str]:
    """One-edit repairs of the window (which the segmenter cut into this many pieces) into fewer,
    dictionary words: a repair joins the broken pieces, it does not make new ones (ประชาสัมพันธุ์ is
    ประชาสัมพันธ์, not ประชา + สลัม + พันธุ์). The best first; a second one only when as good."""
    scored = []
    for candidate in _edits(window):
        words = dictionary.tokenize(candidate)
        if len(words) >= pieces or not all(dictionary.known(w) for w in words) \
                or any(a == b for a, b in itertools.pairwise(words)):
            continue
        # fewest words, then a key pressed twice (คุณธรรมม), then the longest words (maximal matching),
        # then the most frequent
        log_freq = sum(math.log(dictionary.frequency(w) + 1) for w in words)
        scored.append((len(words), not _drops_a_doubled_letter(window, candidate),
                       -sum(len(w) ** 2 for w in words), -log_freq, candidate))
    scored.sort()
    return [s[-1] for s in scored[:MAX_SUGGESTIONS] if s[:3] == scored[0][:3]]


def _drops_a_doubled_letter(word: str, candidate: str) -> bool:
    return len(candidate) == len(word) - 1 and any(
        word[i] == word[i + 1] and word[:i] + word[i + 1:] == candidate for i in range(len(word) - 1))


def _doubled(tokens: list[_Token]) -> list[Finding]:
    out = []
    for i in range(len(tokens) - 1):
        a = tokens[i]
        j = i + 2 if i + 2 < len(tokens) and tokens[i + 1].text == " " else i + 1
        b = tokens[j]
        if a.thai and len(a.text) > 1 and a.text == b.text:
            out.append(Finding(a.start, b.end, "doubled", f"{a.text}{' ' if j == i + 2 else ''}{b.text}",
                               codes.message("ITA403"), (a.text,)))
    return out


def _split_words(text: str, dictionary: Dictionary) -> list[Finding]:
    """A space inside a word: without it, the two sides read as fewer words, one of them spanning the gap."""
    out = []
    for m in _SPACE_IN_THAI.finditer(text):
        left = _THAI_WORD.search(text[:m.start()][::-1]).group()[::-1]
        right = _THAI_WORD.match(text, m.end()).group()
        if text[m.end() + len(right):m.end() + len(right) + 1] == ".":
            continue  # an abbreviation follows (ปีงบประมาณ พ.ศ.)
        pieces = dictionary.tokenize(left + right)
        apart = len(dictionary.tokenize(left)) + len(dictionary.tokenize(right))
        if len(pieces) >= apart or not all(dictionary.known(p) for p in pieces):
            continue
        at = 0
        for piece in pieces:
            end = at + len(piece)
            if at < len(left) < end:
                start, stop = m.start() - (len(left) - at), m.end() + (end - len(left))
                out.append(Finding(start, stop, "split-word", text[start:stop],
                                   codes.message("ITA404"), (piece,)))
            at = end
    return out


def _near_words(tokens: list[_Token], dictionary: Dictionary) -> list[Finding]:
    """Two or three glued words that are one slip away from a longer word: an extra letter (กิจกรรรม,
    สาธารณะชน) or a wrong tone mark or vowel sign (คุ่มครอง)."""
    out: list[Finding] = []
    for i in range(len(tokens) - 1):
        for n in (3, 2):
            group = tokens[i:i + n]
            if len(group) < n or not all(t.thai for t in group):
                continue
            glued = "".join(t.text for t in group)
            close = sorted({w for w, at in _slips(glued)
                            if len(w) >= MIN_NEAR_WORD and dictionary.known(w)
                            and not _changes_a_word(group, w, at, dictionary)},
                           key=lambda w: (-dictionary.frequency(w), w))
            if close and not dictionary.known(glued) and not (out and out[-1].end > group[0].start):
                out.append(Finding(group[0].start, group[-1].end, "near-word", glued,
                                   codes.message("ITA402"), tuple(close[:MAX_SUGGESTIONS])))
                break
    return out


_MARKS = "\u0e31\u0e34-\u0e3a\u0e47-\u0e4e"
_MARK = re.compile(f"[{_MARKS}]")
_MARK_CHOICES = [chr(c) for c in (0x0E31, *range(0x0E34, 0x0E3B), *range(0x0E47, 0x0E4F))]


# Letters that sound the same where they stand, and are mixed up in writing (งบประมาน, โปร่งไส).
_SOUND_ALIKE = {c: group for group in ("นณรลญ", "สศษ", "ใไ") for c in group}


def _slips(word: str) -> Iterator[tuple[str, int]]:
    """(the word with one slip undone, where): one of its letters dropped (never a leading vowel: เปิด
    is not a slip for ปิด), one tone mark or vowel sign changed, or a letter written as one that sounds
    the same (น for ณ, ไ for ใ)."""
    for i, ch in enumerate(word):
        if ch not in LEADING_VOWELS:
            yield word[:i] + word[i + 1:], i
        for c in _SOUND_ALIKE.get(ch, ""):
            if c != ch:
                yield word[:i] + c + word[i + 1:], i
    for m in _MARK.finditer(word):
        for c in _MARK_CHOICES:
            if c != m.group():
                yield word[:m.start()] + c + word[m.end():], m.start()


def _changes_a_word(group: list[_Token], fixed: str, at: int, dictionary: Dictionary) -> bool:
    """Whether the slip turns one of the glued words into another real word (รับ/ริบ, การ/กร) that is
    not far more common: then the text as written is as likely right, and the 'fix' changes its meaning.
    A doubled letter (กิจกรรรม) is a slip all the same."""
    glued = "".join(t.text for t in group)
    if len(fixed) < len(glued) and glued[at] in glued[max(0, at - 1):at] + glued[at + 1:at + 2]:
        return False
    start = 0
    for t in group:
        if at < start + len(t.text):
            break
        start += len(t.text)
    word = t.text
    changed = fixed[start:start + len(word) + len(fixed) - len(glued)]  # the same word, slip undone
    return dictionary.known(word) and dictionary.known(changed) and \
        dictionary.frequency(word) * RARER >= dictionary.frequency(changed)


# --- a data file -----------------------------------------------------------------

def allow_list_files(data_file: str | os.PathLike, existing: bool = True) -> list[Path]:
    """The allow-lists of a data file: <stem>.words.txt and words.txt beside it (those that exist)."""
    p = Path(data_file)
    return [f for f in (p.with_name(p.stem + ".words.txt"), p.with_name("words.txt")) if f.is_file() or not existing]


def read_allow_list(path: Path) -> frozenset[str]:
    words = set()
    for line in read_source(path).splitlines():
        word = line.split("#", 1)[0].strip()
        if word:
            words.add(word)
    return frozenset(words)


@dataclass
class Linted:
    """The findings of one data file, located as warnings, and what the loader said."""

    loaded: Loaded
    findings: list[Diagnostic]

    @property
    def diagnostics(self) -> list[Diagnostic]:
        """The findings, or the loader's errors when the file could not be read as YAML."""
        return self.findings if self.loaded.data is not None else self.loaded.diagnostics


def lint_file(path: str | os.PathLike, markup: bool = True) -> Linted:
    """Lint every text value of a data file (markup=False leaves HTML to validate's own warning).
    Raises InputError or DataError (unreadable file) and ThaiExtraMissing."""
    allowed = frozenset().union(*(read_allow_list(f) for f in allow_list_files(path)))
    dictionary = load_dictionary(allowed)
    source = read_source(path)
    if source.startswith("\ufeff"):
        source = source[1:]
    loaded = load_text(source, str(path))
    lines = source.splitlines(keepends=True)
    numerals = loaded.data.get("numerals", "thai") if isinstance(loaded.data, dict) else "thai"
    out = []
    for value_path, value in iter_texts(loaded.data):
        for f in check_text(value, dictionary, numerals):
            if f.kind == "markup" and not markup:
                continue
            line, col = _locate(lines, loaded.positions.get(value_path, (1, 1)), value, f.start)
            message = f.describe(str(allow_list_files(path, existing=False)[0]))
            out.append(Diagnostic(loaded.file, line, col, "warning", format_path(value_path), message, f.code))
    return Linted(loaded, out)


_SKIPPABLE = " \t\r\n\"'\\>|-+0123456789"


def _locate(lines: list[str], start: tuple[int, int], value: str, offset: int) -> tuple[int, int]:
    """LINE:COL of value[offset] in the source: walk the scalar from where it starts, skipping quotes,
    block indicators, line breaks and indentation; the scalar's start when the text does not line up."""
    line, col = start[0] - 1, start[1] - 1
    for i, ch in enumerate(value[:offset + 1]):
        while True:
            if line >= len(lines):
                return start
            here = lines[line][col] if col < len(lines[line]) else "\n"
            if here == ch:
                break
            if here not in _SKIPPABLE:
                return start
            line, col = (line + 1, 0) if here == "\n" else (line, col + 1)
        if i == offset:
            return line + 1, col + 1
        line, col = (line + 1, 0) if ch == "\n" else (line, col + 1)
    return start


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
