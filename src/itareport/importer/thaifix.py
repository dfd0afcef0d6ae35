"""Thai text as PDF text layers give it back, repaired: sara am written as nikhahit + sara aa
('ํา', or 'ำา' when the font maps the nikhahit glyph to sara am), a space before a mark, a tone
mark before the vowel it sits on; and wrapped lines joined without a space between Thai letters
(Thai wraps inside words)."""

from __future__ import annotations

import re

_MARKS = "\u0e31\u0e34-\u0e3a\u0e47-\u0e4e"
_TONES = "\u0e48-\u0e4b"
_VOWELS = "\u0e31\u0e34-\u0e3a\u0e47"
_THAI = re.compile("[\u0e01-\u0e5b]")


def is_mark(ch: str) -> bool:
    """A Thai mark drawn above or below the letter before it (vowel, tone, thanthakhat...)."""
    return len(ch) == 1 and ("\u0e34" <= ch <= "\u0e3a" or "\u0e47" <= ch <= "\u0e4e" or ch == "\u0e31")


def repair(text: str) -> str:
    text = text.replace("\u0e33\u0e32", "\u0e33").replace("\u0e4d\u0e32", "\u0e33")
    text = re.sub(f"\\s+(?=[{_MARKS}])", "", text)
    text = re.sub(f"([{_TONES}\u0e4c])([{_VOWELS}])", r"\2\1", text)
    return re.sub(f"([{_MARKS}])\\1+", r"\1", text)


def join_lines(first: str, second: str) -> str:
    """Two wrapped lines of one paragraph: no space between Thai letters, one space otherwise."""
    if first and second and _THAI.match(first[-1]) and _THAI.match(second[0]):
        return first + second
    return f"{first} {second}".strip()
