"""The one Thai dictionary of itareport: what `lint` checks spelling against and what `import` respells
PDF text layers with (importer/thaifix.py). Loaded once per process and per allow-list.

It joins:
- PyThaiNLP's word list (about 62,000 words: what the segmenter cuts text into), its list of the
  Royal Society's dictionary (ราชบัณฑิตยสถาน, about 38,000 headwords: the *official* spellings) and
  the word frequencies of the Thai National Corpus (TNC, with the Thai Textbook Corpus for the
  words it lacks);
- itareport's own additions (src/itareport/words/): words of government text the lists lack,
  government abbreviations (อบต., สขร., โทร.), and rare words that are nearly always a slip in
  official text (ตู for ตู้);
- the agency's allow-list beside a data file: <stem>.words.txt and/or words.txt, one word a line,
  `#` starts a comment.

PyThaiNLP is an optional extra (`pip install ".[thai]"` from the source): imported only here, only when
a dictionary is asked for, read-only and offline (only the lists inside its wheel). `load_dictionary`
raises ThaiExtraMissing (exit 2, with the install command) without it; `optional_dictionary` gives None.
"""

from __future__ import annotations

import os
import re
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

from .errors import ItareportError
from .loader import read_source
from .messages import M_, Message

__all__ = [
    "KEYBOARD_NEIGHBOURS",
    "SILENT",
    "SOUND_ALIKE",
    "THANTHAKHAT",
    "Dictionary",
    "ThaiExtraMissing",
    "allow_list_files",
    "dictionary_for",
    "ensure_thai_extra",
    "load_dictionary",
    "optional_dictionary",
    "read_allow_list",
    "read_word_list",
]

_THAI_WORD = re.compile("[\u0e01-\u0e4e]+")
_ABBREVIATION = re.compile("[\u0e01-\u0e4e]{1,6}\\.")


class ThaiExtraMissing(ItareportError):
    """PyThaiNLP is not installed (exit 2, with the install command)."""


def _install_hint() -> Message:
    return M_('the Thai spelling checks need PyThaiNLP, an optional extra: install itareport again with it '
             'from its source, e.g. pip install ".[thai]" in the itareport folder (or the wheel file with [thai])')


# --- PyThaiNLP, read-only and offline ----------------------------------------------------------

def _prepare_pythainlp_environment() -> None:
    """Before the first import: never write to the user's home, never download."""
    os.environ.pop("PYTHAINLP_READ_MODE", None)  # the old name; setting both is an error
    os.environ["PYTHAINLP_READ_ONLY"] = "1"
    os.environ["PYTHAINLP_OFFLINE"] = "1"
    if not os.environ.get("PYTHAINLP_DATA") and not os.environ.get("PYTHAINLP_DATA_DIR"):
        os.environ["PYTHAINLP_DATA"] = os.path.join(tempfile.gettempdir(), "itareport-pythainlp-data")


@dataclass(frozen=True)
class _Lists:
    """What PyThaiNLP gives: its words, the official words, the TNC frequencies, its trie and segmenter."""

    words: frozenset[str]
    official: frozenset[str]
    abbreviations: frozenset[str]   # those written as one group of letters and a full stop (กทม., ธกส.)
    frequencies: dict[str, int]
    dict_trie: Callable[[frozenset[str]], Any]
    word_tokenize: Callable[..., list[str]]


@lru_cache(maxsize=1)
def _pythainlp() -> _Lists:
    _prepare_pythainlp_environment()
    try:
        from pythainlp.corpus import thai_orst_words, thai_words, tnc, ttc
        from pythainlp.tokenize import word_tokenize
        from pythainlp.util import dict_trie
    except ImportError:
        raise ThaiExtraMissing(_install_hint()) from None
    # Words are Thai letters only: single letters (ฆ ฏ ฒ) are no words, phrases ("ลม ๆ", "ก ข") are
    # several, abbreviations ("กทม.", "น.") are lint's own business (they would hide a typo before a
    # full stop: งบประมาน. read as งบประมา + น.); the official list also holds pieces ("กรรม-กรณ์").
    words, abbreviations = set(), set()
    for w in thai_words():
        if len(w) > 1 and _THAI_WORD.fullmatch(w):
            words.add(w)
        elif _ABBREVIATION.fullmatch(w):
            abbreviations.add(w[:-1])
    official = frozenset(w for w in thai_orst_words() if len(w) > 1 and _THAI_WORD.fullmatch(w))
    return _Lists(frozenset(words), official, frozenset(abbreviations),
                  _frequencies(tnc.unigram_word_freqs(), ttc.unigram_word_freqs()), dict_trie, word_tokenize)


def _frequencies(tnc: dict[str, int], ttc: dict[str, int]) -> dict[str, int]:
    """Word frequencies on the scale of the Thai National Corpus (33.5 million words); a word it lacks
    (สาธารณชน) counted as often as in the smaller Thai Textbook Corpus (3 million), scaled."""
    scale = sum(tnc.values()) / max(1, sum(ttc.values()))
    return {**{w: round(n * scale) for w, n in ttc.items()}, **tnc}


def ensure_thai_extra() -> None:
    """Raise ThaiExtraMissing (exit 2, with the install command) when PyThaiNLP is not installed."""
    _pythainlp()


# --- itareport's additions and the agency's allow-lists ----------------------------------------

def read_word_list(text: str) -> list[str]:
    """The entries of a word list: one a line, `#` starts a comment, blank lines skipped."""
    return [entry for line in text.splitlines() if (entry := line.split("#", 1)[0].strip())]


def _packaged_list(name: str) -> list[str]:
    return read_word_list((resources.files("itareport") / "words" / name).read_text(encoding="utf-8"))


@dataclass(frozen=True)
class _Additions:
    words: frozenset[str]
    abbreviations: frozenset[str]
    slips: dict[str, str]


@lru_cache(maxsize=1)
def _additions() -> _Additions:
    slips = {}
    for entry in _packaged_list("slips.txt"):
        written, intended = entry.split()
        slips[written] = intended
    abbreviations = frozenset(a.rstrip(".") for entry in _packaged_list("abbreviations.txt") for a in entry.split())
    return _Additions(frozenset(_packaged_list("additions.txt")), abbreviations, slips)


def allow_list_files(data_file: str | os.PathLike[str], existing: bool = True) -> list[Path]:
    """The allow-lists of a data file: <stem>.words.txt and words.txt beside it (those that exist)."""
    p = Path(data_file)
    return [f for f in (p.with_name(p.stem + ".words.txt"), p.with_name("words.txt")) if f.is_file() or not existing]


def read_allow_list(path: Path) -> frozenset[str]:
    """The words of one allow-list file (InputError or DataError when it cannot be read)."""
    return frozenset(read_word_list(read_source(path)))


def _walks_to_a_word(node: Any, text: str) -> bool:
    """Whether text, read from this trie node, ends on a word."""
    for ch in text:
        if node.children is None or (node := node.children.get(ch)) is None:
            return False
    return bool(node.end)


# --- how Thai is mistyped -------------------------------------------------------------------------

# Letters that sound the same where they stand, and are mixed up in writing (งบประมาน, โปร่งไส, กฏหมาย).
SOUND_ALIKE = {c: group for group in ("นณรลญฬ", "สศษซ", "ดตฏฎ", "ทธฑฒถฐ", "บปพภ", "ใไ") for c in group}
THANTHAKHAT = "\u0e4c"
SILENT = re.compile(f"[\u0e01-\u0e2e][\u0e31\u0e34-\u0e3a\u0e47-\u0e4b]?{THANTHAKHAT}")  # การณ์, จันทร์: not sounded
# The Kedmanee keyboard, row by row, without and with Shift.
_KEDMANEE_ROWS = ("ๅ/-ภถุึคตจขช", "ๆไำพะัีรนยบลฃ", "ฟหกดเ้่าสวง", "ผปแอิืทมใฝ")
_KEDMANEE_SHIFTED = ("+๑๒๓๔ู฿๕๖๗๘๙", "๐\"ฎฑธํ๊ณฯญฐ,ฅ", "ฤฆฏโฌ็๋ษศซ.", "()ฉฮฺ์?ฒฬฦ")


def _keyboard_neighbours() -> dict[str, str]:
    """For each Thai character, the keys beside its key in the row and the other character of its key."""
    out: dict[str, str] = {}
    for row, shifted in zip(_KEDMANEE_ROWS, _KEDMANEE_SHIFTED, strict=True):
        for i, ch in enumerate(row):
            out[ch] = out.get(ch, "") + row[max(0, i - 1):i] + row[i + 1:i + 2] + shifted[i]
            out[shifted[i]] = out.get(shifted[i], "") + ch
    return {k: "".join(c for c in v if _THAI_WORD.fullmatch(c)) for k, v in out.items() if _THAI_WORD.fullmatch(k)}


KEYBOARD_NEIGHBOURS = _keyboard_neighbours()


# --- the dictionary -------------------------------------------------------------------------------

class Dictionary:
    """The words, their official spellings and frequencies, and the segmenter that knows them all.

    known(w): w is a word (PyThaiNLP's list, our additions, the allow-list); official(w): w is spelt as
    the Royal Society writes it, or is vouched for by our additions or the agency's allow-list (a word
    PyThaiNLP lists but the official list lacks may be a common misspelling: โอกาศ, สัมพันธ)."""

    def __init__(self, allowed: frozenset[str] = frozenset()) -> None:
        lists, additions = _pythainlp(), _additions()
        self.vouched = additions.words | allowed
        self.words = lists.words | self.vouched
        self.abbreviations = lists.abbreviations | additions.abbreviations
        self.slips = additions.slips
        self._official = lists.official
        self._frequencies = lists.frequencies
        self._tokenize = lists.word_tokenize
        self._trie = lists.dict_trie(self.words)
        self.longest = max(map(len, self.words))
        self.one_edit = lru_cache(maxsize=8192)(self._one_edit)   # texts repeat their words

    def tokenize(self, text: str) -> list[str]:
        """The text cut into words (newmm, longest matching with this dictionary), spaces kept."""
        return self._tokenize(text, custom_dict=self._trie, engine="newmm", keep_whitespace=True)

    def known(self, word: str) -> bool:
        return word in self.words

    def official(self, word: str) -> bool:
        return word in self._official or word in self.vouched

    def frequency(self, word: str) -> int:
        """How often the word occurs in the Thai National Corpus (33.5 million words); 0 when never."""
        return self._frequencies.get(word, 0)

    def _one_edit(self, word: str) -> frozenset[str]:
        """The words one edit from word: a letter (or mark) dropped, added or replaced, two swapped, a
        silent letter (ณ์ of การณ์) added or dropped. Walks the segmenter's trie, so only real prefixes
        are tried."""
        out: set[str] = set()
        node: Any = self._trie.root
        for i in range(len(word) + 1):
            children = node.children or {}
            head, tail = word[:i], word[i:]
            for c, child in children.items():
                if _walks_to_a_word(child, tail):                      # c added
                    out.add(head + c + tail)
                if tail and c != tail[0] and _walks_to_a_word(child, tail[1:]):   # tail[0] replaced by c
                    out.add(head + c + tail[1:])
                if c < "\u0e2f" and child.children and THANTHAKHAT in child.children \
                        and _walks_to_a_word(child.children[THANTHAKHAT], tail):  # a silent letter added
                    out.add(head + c + THANTHAKHAT + tail)
            if not tail:
                break
            if _walks_to_a_word(node, tail[1:]):                       # tail[0] dropped
                out.add(head + tail[1:])
            if len(tail) > 1 and tail[0] != tail[1] and _walks_to_a_word(node, tail[1] + tail[0] + tail[2:]):
                out.add(head + tail[1] + tail[0] + tail[2:])           # two swapped
            node = children.get(tail[0])
            if node is None:
                break
        out.update(w for m in SILENT.finditer(word) if (w := word[:m.start()] + word[m.end():]) in self.words)
        out.discard(word)
        return frozenset(out)

    def is_abbreviation(self, letters: str) -> bool:
        """A government abbreviation written without its full stop (อบต, สขร, โทร)."""
        return letters in self.abbreviations


@lru_cache(maxsize=4)
def load_dictionary(allowed: frozenset[str] = frozenset()) -> Dictionary:
    """The dictionary with these allowed words (ThaiExtraMissing without PyThaiNLP)."""
    return Dictionary(allowed)


def dictionary_for(data_file: str | os.PathLike[str]) -> Dictionary:
    """The dictionary with the allow-lists beside a data file."""
    return load_dictionary(frozenset().union(*(read_allow_list(f) for f in allow_list_files(data_file))))


def optional_dictionary() -> Dictionary | None:
    """The dictionary without allow-list, or None when PyThaiNLP is not installed (import works without it)."""
    try:
        return load_dictionary()
    except ThaiExtraMissing:
        return None
