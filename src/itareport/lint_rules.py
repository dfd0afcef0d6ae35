"""The findings of `itareport lint` and its character-level checks (no dictionary needed).

A Finding is one suspect fragment of a text with its kind, its stable code (ITA4xx) and what to do.
The word checks that need the Thai dictionary are in lint_words.py.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, replace

from . import codes
from .messages import M_, Message, joined, verbatim
from .patterns import HTML_TAG, URL_OR_LATIN
from .thai import to_arabic_digits

# Thai letters, vowels and tone marks (not digits, ฯ, ๆ or ฿): what a Thai word is made of.
THAI = "\u0e01-\u0e2e\u0e30-\u0e3a\u0e40-\u0e45\u0e47-\u0e4e"
THAI_LETTER = re.compile(f"[{THAI}]")
LEADING_VOWELS = "เแโใไ"   # written before the consonant they follow in speech

# Every kind of finding and its code, stable across languages (the README lists them).
FINDING_CODES = {
    "unknown-word": "ITA401",
    "near-word": "ITA402",
    "doubled": "ITA403",
    "split-word": "ITA404",
    "markup": "ITA405",
    "mixed-digits": "ITA406",
    "punctuation": "ITA407",
    "look-alike": "ITA408",
    "invisible": "ITA409",
    "stray-letters": "ITA410",
}
ALLOW_LIST = "<allow-list>"  # in messages: replaced by the allow-list file's name

INVISIBLE = re.compile("[\u00ad\u200b-\u200f\u202a-\u202e\u2060-\u2064\ufeff]")
_DOUBLED_PUNCT = re.compile(r"(?<![.])\.\.(?![.])|([,;:!?()\[\]ฯ])\1|ๆ\s*ๆ")
_LATIN_IN_THAI = re.compile(f"(?<=[{THAI}])[A-Za-z]+(?=[{THAI}])|(?<=[{THAI}])[A-Za-z](?![A-Za-z])"
                            f"|(?<![A-Za-z])[A-Za-z](?=[{THAI}])")
_THAI_LOOKALIKES = {"เเ": "แ", "\u0e4d\u0e32": "\u0e33"}  # sara e twice; nikhahit + sara aa
_LOOKALIKE = re.compile("|".join(map(re.escape, _THAI_LOOKALIKES)))
# What the report prints as written (URLs, e-mail addresses, Latin words such as O26), here with
# the Thai digits written next to them: thai.thai_numerals keeps the Arabic digits of these as they are.
_CODE = re.compile(r"(?:https?|ftp)://\S+|www\.\S+|[\w.+-]+@[\w-]+(?:\.[\w-]+)+"
                   r"|[A-Za-z0-9๐-๙]*[A-Za-z][A-Za-z0-9๐-๙]*")
_THAI_NUMBER = re.compile(r"[๐-๙]+")
_ARABIC_DIGIT = re.compile(r"[0-9]")


@dataclass(frozen=True)
class Finding:
    """One suspect fragment of a text: where it starts and ends inside the text, and what to do."""

    start: int
    end: int
    kind: str
    fragment: str
    message: Message   # a template of the finding's code (codes.message)
    suggestions: tuple[str, ...] = ()

    @property
    def code(self) -> str:
        return FINDING_CODES[self.kind]

    def describe(self, allow_list: str = "<data file stem>.words.txt") -> Message:
        """KIND: 'FRAGMENT' MESSAGE (did you mean ...?), rendered where it is printed."""
        message = self.message
        if message.arguments().get("allow_list") == ALLOW_LIST:
            message = message.format(allow_list=allow_list)
        text = verbatim(f"{self.kind}: '{self.fragment}' ") + message
        if self.suggestions == ("",):   # delete the fragment: the message says so
            return replace(text, code=self.code)
        if len(self.suggestions) == 1:
            text += joined([" (", M_("did you mean '{a}'?", a=self.suggestions[0]), ")"])
        elif self.suggestions:
            text += joined([" (", M_("did you mean '{a}' or '{b}'?", a=self.suggestions[0], b=self.suggestions[1]),
                            ")"])
        return replace(text, code=self.code)


def word_around(text: str, start: int, end: int) -> tuple[int, int]:
    """Widen [start, end) to the Thai letters on both sides."""
    while start > 0 and THAI_LETTER.match(text[start - 1]):
        start -= 1
    while end < len(text) and THAI_LETTER.match(text[end]):
        end += 1
    return start, end


def character_findings(text: str) -> list[Finding]:
    """The findings that hide word findings over them: markup, invisible characters, look-alikes."""
    return markup(text) + invisible(text) + lookalikes(text)


def markup(text: str) -> list[Finding]:
    return [Finding(m.start(), m.end(), "markup", m.group(),
                    codes.message("ITA405"))
            for m in HTML_TAG.finditer(text)]


def invisible(text: str) -> list[Finding]:
    out = []
    for m in INVISIBLE.finditer(text):
        start, end = word_around(text, m.start(), m.end())
        shown = f"{text[start:m.start()]}<U+{ord(m.group()):04X}>{text[m.end():end]}"
        name = unicodedata.name(m.group(), "format character").lower()
        out.append(Finding(start, end, "invisible", shown, codes.message("ITA409", name=name),
                           (text[start:m.start()] + text[m.end():end],)))
    return out


def lookalikes(text: str) -> list[Finding]:
    out = []
    for m in _LATIN_IN_THAI.finditer(text):
        start, end = word_around(text, m.start(), m.end())
        out.append(Finding(start, end, "look-alike", text[start:end],
                           codes.message("ITA408", letter=m.group())))
    for m in _LOOKALIKE.finditer(text):
        wanted = _THAI_LOOKALIKES[m.group()]
        start, end = word_around(text, m.start(), m.end())
        word = text[start:end]
        out.append(Finding(start, end, "look-alike", word,
                           codes.message("ITA408", "lookalike", chars=" + ".join(f"U+{ord(c):04X}" for c in m.group()),
                                         wanted=f"U+{ord(wanted):04X} '{wanted}'"),
                           (word.replace(m.group(), wanted),)))
    return out


def mixed_digits(text: str, numerals: str = "thai") -> list[Finding]:
    """Thai and Arabic digits side by side in the printed report. The report prints every digit in the
    report's numerals (view.build_view), except that with Thai numerals the Arabic digits of URLs,
    e-mail addresses and Latin words (O26) stay Arabic: so only a Thai digit inside such a code, while
    the text's codes also carry Arabic digits, is printed as both kinds of digit."""
    if numerals != "thai":
        return []
    latin = list(_CODE.finditer(text))
    arabic = [m.group() for m in latin if _ARABIC_DIGIT.search(m.group())]
    if not arabic:
        return []
    out = []
    for m in latin:
        if _THAI_NUMBER.search(m.group()):
            other = next((a for a in arabic if a != m.group()), arabic[0])
            out.append(Finding(m.start(), m.end(), "mixed-digits", m.group(),
                               codes.message("ITA406", other=other),
                               (to_arabic_digits(m.group()),)))
    return out


def punctuation(text: str) -> list[Finding]:
    plain = URL_OR_LATIN.sub(lambda m: " " * len(m.group()), text)
    out = []
    for m in _DOUBLED_PUNCT.finditer(plain):
        mark = m.group().strip()[0]
        out.append(Finding(m.start(), m.end(), "punctuation", text[m.start():m.end()],
                           codes.message("ITA407"), (mark,)))
    return out
