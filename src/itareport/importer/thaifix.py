"""Thai text as PDF text layers give it back, repaired.

Always (by rule): sara am written as nikhahit + sara aa ('ํา', or 'ำา' when the font maps the
nikhahit glyph to sara am), a tone mark put after sara am or before the vowel it sits on, a
space before a mark, a mark doubled; wrapped lines joined without a space between Thai letters
unless the line ended with a space character (Thai wraps inside words).

With the Thai dictionary (thai_dictionary.py, shared with lint; it needs the `thai` extra), glyphs
a font's text layer maps to the wrong character are respelled where the dictionary says so: a tone
mark read as ')' (Garuda), sara uu read as mai tho in a font that has no sara uu at all (Garuda), a
tone mark read as a second sara uu (Laksaman). A reading changes only when more of the chunk becomes
dictionary words. Without the extra, import still works: a ')' between Thai letters is a mai tho."""

from __future__ import annotations

import re
from typing import Any

from ..thai_dictionary import Dictionary, optional_dictionary

_MARKS = "\u0e31\u0e34-\u0e3a\u0e47-\u0e4e\ue049"
_TONES = "\u0e48-\u0e4b"
_VOWELS = "\u0e31\u0e34-\u0e3a\u0e47"
_THAI = re.compile("[\u0e01-\u0e5b\ue049]")
_THAI_LETTER = "\u0e01-\u0e4e"
MAI_THO, SARA_UU, SARA_AM = "\u0e49", "\u0e39", "\u0e33"


def is_mark(ch: str) -> bool:
    """A Thai mark drawn above or below the letter before it (vowel, tone, thanthakhat...)."""
    return len(ch) == 1 and ("\u0e34" <= ch <= "\u0e3a" or "\u0e47" <= ch <= "\u0e4e" or ch in "\u0e31\ue049")


def repair(text: str) -> str:
    text = text.replace(SARA_AM + "\u0e32", SARA_AM).replace("\u0e4d\u0e32", SARA_AM)
    text = re.sub(f"{SARA_AM}([{_TONES}])\u0e32?", rf"\1{SARA_AM}", text)
    text = re.sub(f"\\s+(?=[{_MARKS}])", "", text)
    text = re.sub(f"([{_TONES}\u0e4c])([{_VOWELS}])", r"\2\1", text)
    return re.sub(f"([{_MARKS}])\\1+", r"\1", text)


def join_lines(first: str, second: str, space: bool = False) -> str:
    """Two wrapped lines of one paragraph: no space between Thai letters (unless the first ended
    with a space), one space otherwise."""
    if not space and first and second and _THAI.match(first[-1]) and _THAI.match(second[0]):
        return first + second
    return f"{first} {second}".strip()


# --- respelling with the dictionary -------------------------------------------------------------

# A mai tho from a font whose sara uu reads as mai tho (the font has no sara uu at all): the
# PDF reader puts this private-use character in its place, and respell decides.
DOUBTFUL_MAI_THO = "\ue049"


def doubtful_fonts(chars: list[dict[str, Any]]) -> set[str]:
    """Fonts with plenty of Thai but not one sara uu: their mai tho may be a misread sara uu."""
    thai: dict[str, int] = {}
    uu: set[str] = set()
    for ch in chars:
        if _THAI.match(ch["text"]):
            thai[ch["fontname"]] = thai.get(ch["fontname"], 0) + 1
        if ch["text"] == SARA_UU:
            uu.add(ch["fontname"])
    return {font for font, n in thai.items() if n > 200 and font not in uu}


OPTIONS = {")": [MAI_THO, ""], SARA_UU + SARA_UU: [SARA_UU + MAI_THO, SARA_UU + "\u0e48"],
           DOUBTFUL_MAI_THO: [SARA_UU, SARA_UU + MAI_THO]}
_DEFAULT = {")": ")", SARA_UU + SARA_UU: SARA_UU + SARA_UU, DOUBTFUL_MAI_THO: MAI_THO}
_SUSPECT = re.compile(f"(?<=[{_THAI_LETTER}])(?:\\)(?=[{_THAI_LETTER}])|{SARA_UU}{SARA_UU}|{DOUBTFUL_MAI_THO})")


def _score(dictionary: Dictionary, text: str) -> tuple[int, int]:
    """Fewer letters outside dictionary words, then fewer words: the better reading."""
    tokens = dictionary.tokenize(repair(text.replace(DOUBTFUL_MAI_THO, MAI_THO)))
    return -sum(len(t) for t in tokens if _THAI.match(t) and not dictionary.known(t)), -len(tokens)


def respell(text: str) -> str:
    """Each space-separated chunk with suspects: the reading whose words the dictionary knows best
    (without PyThaiNLP: a ')' between Thai letters is a mai tho, the rest as read)."""
    if not _SUSPECT.search(text):
        return text
    dictionary = optional_dictionary()
    if dictionary is None:
        text = re.sub(f"(?<=[{_THAI_LETTER}])\\)(?=[{_THAI_LETTER}])", MAI_THO, text)
        return repair(text.replace(DOUBTFUL_MAI_THO, MAI_THO))
    return " ".join(_respell_chunk(chunk, dictionary) for chunk in text.split(" "))


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
