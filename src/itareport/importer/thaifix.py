"""Thai text as PDF text layers give it back, repaired.

Always (by rule): sara am written as nikhahit + sara aa ('ํา', or 'ำา' when the font maps the
nikhahit glyph to sara am), a tone mark put after sara am or before the vowel it sits on, a
space before a mark, a mark doubled; wrapped lines joined without a space between Thai letters
unless the line ended with a space character (Thai wraps inside words).

With the Thai dictionary (thai_dictionary.py, shared with lint; it needs the `thai` extra), glyphs
a font's text layer maps to the wrong character are respelled where the dictionary says so: a tone
mark read as ')' (Garuda), sara uu read as mai tho in a font that has no sara uu at all (Garuda), a
tone mark read as a second sara uu (Laksaman), and in fonts whose text layer mixes up mai tho, sara uu
and the two together (Norasi, Loma, Garuda: a positional variant of a mark mapped to the other one,
'ใหู' for ให้, 'ค่้มือ' for คู่มือ) every mai tho and sara uu, the font found by the dictionary itself
(doubtful_marks). A reading changes only when more of the chunk becomes dictionary words. Without the
extra, import still works: a ')' between Thai letters is a mai tho, the marks stay as read."""

from __future__ import annotations

import re
from difflib import SequenceMatcher
from functools import lru_cache
from typing import Any

from ..thai_dictionary import Dictionary, optional_dictionary

_REAL_MARKS = "\u0e31\u0e34-\u0e3a\u0e47-\u0e4e"
_MARKS = _REAL_MARKS + "\ue049-\ue04b"
_TONES = "\u0e48-\u0e4b"
_VOWELS = "\u0e31\u0e34-\u0e3a\u0e47"
_THAI = re.compile("[\u0e01-\u0e5b\ue049-\ue04b]")
_THAI_LETTER = "\u0e01-\u0e4e"
MAI_EK, MAI_THO, SARA_UU, SARA_AM = "\u0e48", "\u0e49", "\u0e39", "\u0e33"


def is_mark(ch: str) -> bool:
    """A Thai mark drawn above or below the letter before it (vowel, tone, thanthakhat...)."""
    return len(ch) == 1 and ("\u0e34" <= ch <= "\u0e3a" or "\u0e47" <= ch <= "\u0e4e" or ch == "\u0e31"
                             or "\ue049" <= ch <= "\ue04b")


def repair(text: str) -> str:
    text = text.replace(SARA_AM + "\u0e32", SARA_AM).replace("\u0e4d\u0e32", SARA_AM)
    text = re.sub(f"{SARA_AM}([{_TONES}])\u0e32?", rf"\1{SARA_AM}", text)
    text = re.sub(f"\\s+(?=[{_MARKS}])", "", text)
    text = re.sub(f"([{_TONES}\u0e4c])([{_VOWELS}])", r"\2\1", text)
    return re.sub(f"([{_REAL_MARKS}])\\1+", r"\1", text)   # a doubtful mark doubled may be two marks


def join_lines(first: str, second: str, space: bool = False) -> str:
    """Two wrapped lines of one paragraph: no space between Thai letters (unless the first ended
    with a space), one space otherwise."""
    if not space and first and second and _THAI.match(first[-1]) and _THAI.match(second[0]):
        return first + second
    return f"{first} {second}".strip()


# --- respelling with the dictionary -------------------------------------------------------------

# A mai tho or sara uu from a font that may have misread the glyph: the PDF reader puts these
# private-use characters in their place, and respell decides.
DOUBTFUL_MAI_THO, DOUBTFUL_SARA_UU, DOUBTFUL_MAI_EK = "\ue049", "\ue04a", "\ue04b"
_AS_READ = {DOUBTFUL_MAI_THO: MAI_THO, DOUBTFUL_SARA_UU: SARA_UU, DOUBTFUL_MAI_EK: MAI_EK}
_IN_DOUBT = {MAI_THO: DOUBTFUL_MAI_THO, SARA_UU: DOUBTFUL_SARA_UU, MAI_EK: DOUBTFUL_MAI_EK}
_READ_BACK = str.maketrans(_AS_READ)
_THAI_RUN = re.compile("[\u0e01-\u0e4e]+")
SAMPLE = 300     # chunks of a font tried with its marks in doubt


def doubtful_marks(chars: list[dict[str, Any]]) -> dict[str, dict[str, str]]:
    """For each font whose marks may be misread: {character as read: its doubtful stand-in}.
    A font in which the dictionary reads more words when its mai ek, mai tho and sara uu are in
    doubt: all three. Else a font with plenty of Thai but not one sara uu: its mai tho may be a sara uu."""
    texts: dict[str, list[str]] = {}
    for ch in chars:
        texts.setdefault(ch["fontname"], []).append(ch["text"])
    out: dict[str, dict[str, str]] = {}
    dictionary = optional_dictionary()
    for font, parts in texts.items():
        text = "".join(parts)
        thai = sum(1 for ch in text if _THAI.match(ch))
        if dictionary is not None and _mixed_up(text, dictionary):
            out[font] = dict(_IN_DOUBT)
        elif thai > 200 and SARA_UU not in text:
            out[font] = {MAI_THO: DOUBTFUL_MAI_THO}
    return out


def _mixed_up(text: str, dictionary: Dictionary) -> bool:
    """Whether the dictionary knows clearly more of the font's words with its mai tho and sara uu in doubt."""
    chunks = [c for c in _THAI_RUN.findall(text) if any(mark in c for mark in _IN_DOUBT)][:SAMPLE]
    if len(chunks) < 5:
        return False
    before = after = letters = 0
    for chunk in chunks:
        letters += len(chunk)
        before -= _score(dictionary, chunk)[0]
        doubtful = chunk.translate(str.maketrans(_IN_DOUBT))
        after -= _score(dictionary, _respell_chunk(doubtful, dictionary))[0]
    return before - after >= max(3, 0.01 * letters)


UNMAPPED = "\ufffd"
_CANDIDATES = ["", *(chr(c) for c in range(0x0E01, 0x0E4F) if c not in range(0x0E3B, 0x0E3F))]
CONTEXTS = 20    # different chunks an unmapped glyph is tried in


def guess_unmapped(chars: list[dict[str, Any]]) -> dict[tuple[str, str], str]:
    """{(font, '(cid:N)'): letter} for glyphs the PDF maps to no letter, where the dictionary reads
    clearly more words with one letter in their place (a bold font's sara aa, say). Without the
    dictionary, or without a clear winner: nothing (they stay U+FFFD)."""
    if not any(ch["text"].startswith("(cid:") for ch in chars):
        return {}
    dictionary = optional_dictionary()
    if dictionary is None:
        return {}
    runs: dict[tuple[str, str], list[list[str]]] = {}
    run: list[str] = []
    font = None
    for ch in [*chars, {"text": " ", "fontname": None}]:
        t = ch["text"]
        if ch["fontname"] == font and (t.startswith("(cid:") or _THAI.match(t)):
            run.append(t)
            continue
        for key in {(font, x) for x in run if x.startswith("(cid:")}:
            if len(runs.setdefault(key, [])) < CONTEXTS and run not in runs[key]:
                runs[key].append(run)
        run, font = ([t], ch["fontname"]) if t.startswith("(cid:") or _THAI.match(t) else ([], None)
    out = {}
    for key, contexts in runs.items():
        def reading(letter: str, contexts: list[list[str]] = contexts, key: tuple[str, str] = key) -> int:
            return sum(_score(dictionary, "".join(letter if x == key[1] else "" if x.startswith("(cid:") else x
                                                  for x in context))[0] for context in contexts)
        scored = sorted(((reading(letter), letter) for letter in _CANDIDATES), reverse=True)
        (best, letter), (second, _) = scored[0], scored[1]
        if letter and best > reading("") and best - second >= max(2, len(contexts) // 2):
            out[key] = letter
    return out


OPTIONS = {")": [MAI_THO, ""], SARA_UU + SARA_UU: [SARA_UU + MAI_THO, SARA_UU + MAI_EK],
           DOUBTFUL_MAI_THO: [SARA_UU, SARA_UU + MAI_THO, MAI_EK],
           DOUBTFUL_SARA_UU: [MAI_THO, SARA_UU + MAI_THO, MAI_EK, SARA_UU + MAI_EK],
           DOUBTFUL_MAI_EK: [SARA_UU, SARA_UU + MAI_EK, MAI_THO, ""]}
_DEFAULT = {")": ")", SARA_UU + SARA_UU: SARA_UU + SARA_UU, **_AS_READ}
_SUSPECT = re.compile(f"(?<=[{_THAI_LETTER}])(?:\\)(?=[{_THAI_LETTER}])|{SARA_UU}{SARA_UU}|{DOUBTFUL_MAI_THO}"
                      f"|{DOUBTFUL_SARA_UU}|{DOUBTFUL_MAI_EK})")


def as_read(text: str) -> str:
    """The text with its doubtful marks as the PDF read them (for matching words before respell)."""
    return text.translate(_READ_BACK)


@lru_cache(maxsize=65536)
def _score(dictionary: Dictionary, text: str) -> tuple[int, int]:
    """Fewer letters outside dictionary words, then fewer words: the better reading."""
    tokens = dictionary.tokenize(repair(as_read(text)))
    return -sum(len(t) for t in tokens if _THAI.match(t) and not dictionary.known(t)), -len(tokens)


def respell(text: str) -> str:
    """Each space-separated chunk with suspects: the reading whose words the dictionary knows best
    (without PyThaiNLP: a ')' between Thai letters is a mai tho, the rest as read)."""
    if not _SUSPECT.search(text):
        return text
    dictionary = optional_dictionary()
    if dictionary is None:
        text = re.sub(f"(?<=[{_THAI_LETTER}])\\)(?=[{_THAI_LETTER}])", MAI_THO, text)
        return repair(as_read(text))
    return " ".join(_respell_chunk(chunk, dictionary) for chunk in text.split(" "))


def respelled_words(text: str, respelled: str) -> dict[str, str]:
    """{word as the PDF read it: word as respelled} for the space-separated chunks the dictionary
    read otherwise than the text layer (a rule's repair alone is no respelling)."""
    before, after = text.split(" "), respelled.split(" ")
    if len(before) != len(after):
        return {}
    out = {}
    for read, word in zip(before, after, strict=True):
        read = repair(as_read(read))
        if read != word:
            out.update([_around(read, word)])
    return out


def _around(read: str, word: str, keep: int = 3) -> tuple[str, str]:
    """The part of a chunk that respelling changed, with a few letters either side."""
    changes = [op for op in SequenceMatcher(None, read, word, autojunk=False).get_opcodes() if op[0] != "equal"]
    start, end = changes[0][1], len(read) - changes[-1][2]     # letters the same before and after
    start, end = max(0, start - keep), max(0, end - keep)
    while start > 0 and is_mark(read[start]):     # whole letters: a mark with the letter it sits on
        start -= 1
    while end > 0 and is_mark(read[len(read) - end]):
        end -= 1
    return read[start:len(read) - end], word[start:len(word) - end]


def _respell_chunk(chunk: str, dictionary: Dictionary) -> str:
    best, start = chunk, 0
    while (m := _SUSPECT.search(best, start)) is not None:
        head, tail = best[:m.start()], best[m.end():]
        choices = [head + option + tail for option in (_DEFAULT[m.group()], *OPTIONS[m.group()])]
        if m.group() == ")" and len(head) > 1:   # a tone mark drawn after the letter that follows it
            choices.append(head[:-1] + MAI_THO + head[-1] + tail)
        scored = [(_score(dictionary, choice), -k, choice) for k, choice in enumerate(choices)]
        chosen = max(scored)[2]
        start = m.start() + 1 + len(chosen) - len(best)
        best = chosen
    return repair(best)
