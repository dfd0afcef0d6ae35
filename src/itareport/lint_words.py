"""The word checks of `itareport lint`, against the shared Thai dictionary (thai_dictionary.py).

- unknown-word (ITA401): a piece the dictionary does not know, with the one-edit repair that joins
  the broken pieces into fewer words (หนว่ยงาน -> หน่วยงาน: the whole word, never a piece of it);
- near-word (ITA402): words one slip away from a word — glued words that are a longer word with one
  slip undone (กิจกรรรม, คุ่มครอง, งบประมาน), a spelling the official dictionary lacks beside a far
  more common official one (ประชาสัมพันธ -> ประชาสัมพันธ์, โอกาศ -> โอกาส), a rare word that a lost or
  added tone mark made of a common one (ถูกตอง -> ถูกต้อง, ตูรับ), never one common word made into
  another (เปิด/ปิด, รับ/ริบ);
- doubled (ITA403): the same word twice in a row; split-word (ITA404): a space inside a word;
- stray-letters (ITA410): two to four Thai consonants that are no word, or one small Latin letter,
  standing alone between Thai words (ส่งเสริม กข คุณธรรม).

Abbreviations are words as they stand: letters and full stops (พ.ศ., ป.ป.ช., สถ.จ.ขก.), consonants
and a full stop standing alone (อบต., สขร.๑), and the dictionary's list of government abbreviations
(โทร., ปลัดอบต.); any other word before "." or ")" is checked like every word. Letter codes standing
alone (ณ, มท ๐๘๐๔, /ว) are words too.
"""

from __future__ import annotations

import itertools
import math
import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

from . import codes
from .lint_rules import ALLOW_LIST, LEADING_VOWELS, THAI, Finding
from .thai_dictionary import KEYBOARD_NEIGHBOURS, SILENT, SOUND_ALIKE, THANTHAKHAT, Dictionary

MAX_SUGGESTIONS = 2
MIN_NEAR_WORD = 5     # glued words are only flagged when the word they resemble is this long
RARER = 100           # glued words are a slip when the word they resemble is this many times more likely
CORPUS_WORDS = 33_500_000  # the words of the Thai National Corpus (the frequencies' total)
UNOFFICIAL_RARER = 10  # a spelling the official list lacks, beside an official one this many times more common
UNOFFICIAL_COMMON = 100  # ... and that occurs at least this often in the corpus
TONE_RARER = 20       # a real word one tone mark away from a word this many times more common
MIN_COMMON = 1000     # ... and that word occurs at least this often in the corpus (30 per million words)

_CONSONANTS = "\u0e01-\u0e2e"
_THAI_RUN = re.compile(f"[{THAI}]+")
_CONSONANTS_ONLY = re.compile(f"[{_CONSONANTS}]+")
_CONSONANTS_LIST = [chr(c) for c in range(0x0E01, 0x0E2F)]
_ALPHABET = [chr(c) for c in range(0x0E01, 0x0E4F) if re.fullmatch(f"[{THAI}]", chr(c))]
_MARKS = "\u0e31\u0e34-\u0e3a\u0e47-\u0e4e"
_MARK = re.compile(f"[{_MARKS}]")
_MARK_CHOICES = [chr(c) for c in (0x0E31, *range(0x0E34, 0x0E3B), *range(0x0E47, 0x0E4F))]
_MARKS_TEXT = "".join(_MARK_CHOICES)
_ALPHABET_TEXT = "".join(_ALPHABET)
_TONES = "\u0e48\u0e49\u0e4a\u0e4b"
# An abbreviation: letters ending in a full stop, maybe more short groups after it (พ.ศ., สถ.จ.ขก., ผอ.กองคลัง).
_DOTTED = re.compile(f"(?<![{THAI}])([{THAI}]+)\\.((?:[{THAI}]{{1,5}}\\.)*)")
_STRAY = re.compile(f"(?<=[{THAI}])[ \u00a0]+([{_CONSONANTS}]{{2,4}}|[a-z])(?=[ \u00a0]+[{THAI}])")


@dataclass(frozen=True)
class _Token:
    start: int
    text: str

    @property
    def end(self) -> int:
        return self.start + len(self.text)

    @property
    def thai(self) -> bool:
        return bool(_THAI_RUN.fullmatch(self.text))


def word_findings(text: str, dictionary: Dictionary) -> list[Finding]:
    """The word findings of one text, earlier checks first; a later finding never overlaps an earlier one."""
    if not _THAI_RUN.search(text):
        return []
    masked = mask_abbreviations(text, dictionary)
    tokens = _tokens(masked, dictionary)
    out = _unknown_words(masked, tokens, dictionary) + _doubled(tokens) + _split_words(masked, dictionary) \
        + _stray_letters(masked, dictionary)
    for more in (_near_words(tokens, dictionary), _slipped_words(tokens, dictionary)):
        taken = [(f.start, f.end) for f in out]
        out += [f for f in more if not any(s < f.end and f.start < e for s, e in taken)]
    return out


def _tokens(text: str, dictionary: Dictionary) -> list[_Token]:
    out, at = [], 0
    for piece in dictionary.tokenize(text):
        out.append(_Token(at, piece))
        at += len(piece)
    return out


def _all_words(text: str, dictionary: Dictionary) -> bool:
    return bool(text) and all(dictionary.known(w) for w in dictionary.tokenize(text))


# --- abbreviations --------------------------------------------------------------------------------

def mask_abbreviations(text: str, dictionary: Dictionary) -> str:
    """The text with its abbreviations blanked out ('_', same length): they are words as they stand,
    and the segmenter would otherwise cut สขร.๑ into สข + ร and glue the pieces to their neighbours."""
    spans = [span for m in _DOTTED.finditer(text) if (span := _abbreviation(m, text, dictionary))]
    for start, end in spans:
        text = text[:start] + "_" * (end - start) + text[end:]
    return text


def _abbreviation(m: re.Match[str], text: str, dictionary: Dictionary) -> tuple[int, int] | None:
    """Where the abbreviation in this dotted run starts and ends; None when the run is a word and a full stop."""
    head, more = m.group(1), m.group(2)
    if more:   # letters and full stops: พ.ศ., ป.ป.ช., and งบประมาณพ.ศ. glued to its word
        if len(head) <= 3:
            return m.start(), m.end()
        for k in (1, 2, 3):
            if not _MARK.match(head[-k]) and _all_words(head[:-k], dictionary):
                return m.end(1) - k, m.end()
        return m.end(1) - 1, m.end()
    if dictionary.is_abbreviation(head) or (len(head) <= 5 and _CONSONANTS_ONLY.fullmatch(head)):
        return m.start(), m.end()
    # glued to the word before it (ปลัดอบต.); a single letter only in an address (ตำบลโคกสูงอ.ชุมแพ)
    address = m.end() < len(text) and bool(_THAI_RUN.match(text, m.end()))
    for k in range(min(5, len(head) - 1), 0, -1):
        if dictionary.is_abbreviation(head[-k:]) and (k > 1 or address) and _all_words(head[:-k], dictionary):
            return m.end(1) - k, m.end()
    return None


def _letter_code(tokens: list[_Token], i: int) -> bool:
    """Whether token i is part of consonants standing alone (ณ, มท, อบต, the ว of ที่ มท ๐๘๐๔.๓/ว ๑๒๓๔):
    a code or an abbreviation, not a misspelt word (two or more between Thai words are stray letters,
    _stray_letters)."""
    lo, hi = i, i
    while lo > 0 and tokens[lo - 1].thai:
        lo -= 1
    while hi + 1 < len(tokens) and tokens[hi + 1].thai:
        hi += 1
    run = "".join(t.text for t in tokens[lo:hi + 1])
    return len(run) <= 4 and bool(_CONSONANTS_ONLY.fullmatch(run))


# --- unknown words --------------------------------------------------------------------------------

def _unknown_words(text: str, tokens: list[_Token], dictionary: Dictionary) -> list[Finding]:
    unknown = [i for i, t in enumerate(tokens)
               if t.thai and not dictionary.known(t.text) and not _letter_code(tokens, i)]
    out = []
    for run in _runs(unknown, tokens):
        first, last = run[0], run[-1]
        # the broken word: the unknown pieces and the short pieces beside them (ผู้|บ|ริ|หา|น), then one
        # word more on each side, which the repair may join (ภาย|ใ|รับทราบ -> ภายใน รับทราบ)
        lo, hi = first, last
        while lo > 0 and first - lo < 2 and tokens[lo - 1].thai and len(tokens[lo - 1].text) <= 3:
            lo -= 1
        while hi + 1 < len(tokens) and hi - last < 2 and tokens[hi + 1].thai and len(tokens[hi + 1].text) <= 3:
            hi += 1
        wlo = lo - 1 if lo > 0 and tokens[lo - 1].thai else lo
        whi = hi + 1 if hi + 1 < len(tokens) and tokens[hi + 1].thai else hi
        pieces = tuple(t.text for t in tokens[wlo:whi + 1])
        base = tokens[wlo].start
        repaired = _repair(pieces, (tokens[lo].start - base, tokens[hi].end - base), dictionary)
        if repaired:
            start, end, suggestions = repaired
            out.append(Finding(base + start, base + end, "unknown-word", text[base + start:base + end],
                               codes.message("ITA401"), suggestions))
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


# An edit: (position, letters removed, letters put in), e.g. (3, 1, 0) drops word[3].
_Edit = tuple[int, int, str]


def _edits(word: str, broken: tuple[int, int]) -> dict[_Edit, int]:
    """Every edit one slip away, with its cost: 0 for a likely slip (a letter dropped, added or
    swapped with the next, a letter or mark replaced by a key beside it, one that sounds the same or
    another mark, a silent letter such as the ณ์ of การณ์ added or dropped), 1 for any other letter put
    in place of one inside the broken word at word[broken[0]:broken[1]]. Never a leading vowel added
    or dropped (เปิด/ปิด: a word of another, often the opposite, meaning)."""
    out: dict[_Edit, int] = {}
    likely: list[_Edit] = []
    for i in range(len(word) + 1):
        likely += [(i, 0, c) for c in _ALPHABET if c not in LEADING_VOWELS]
        if i and _CONSONANTS_ONLY.fullmatch(word[i - 1]):  # a silent letter left out (ประสบการ)
            likely += [(i, 0, c + THANTHAKHAT) for c in _CONSONANTS_LIST]
        if i < len(word):
            ch = word[i]
            if ch not in LEADING_VOWELS:
                likely.append((i, 1, ""))
            near = KEYBOARD_NEIGHBOURS.get(ch, "") + SOUND_ALIKE.get(ch, "") + (_MARKS_TEXT if _MARK.match(ch) else "")
            likely += [(i, 1, c) for c in near if c != ch]
            if broken[0] <= i < broken[1]:
                out.update(((i, 1, c), 1) for c in _ALPHABET_TEXT if c != ch)
            if i + 1 < len(word) and word[i + 1] != ch:
                likely.append((i, 2, word[i + 1] + ch))
    likely += [(m.start(), m.end() - m.start(), "") for m in SILENT.finditer(word)]
    out.update(dict.fromkeys(likely, 0))
    return out


def _reachable(text: str, dictionary: Dictionary) -> tuple[set[int], set[int]]:
    """Where text can be cut into dictionary words: the ends reachable from its start, and the starts
    from which the rest is all words."""
    longest = min(len(text), dictionary.longest)
    ahead = {0}
    for j in range(len(text)):
        if j in ahead:
            ahead.update(k for k in range(j + 1, j + longest + 1) if text[j:k] in dictionary.words)
    behind = {len(text)}
    for k in range(len(text), 0, -1):
        if k in behind:
            behind.update(j for j in range(max(0, k - longest), k) if text[j:k] in dictionary.words)
    return ahead, behind


def _may_be_words(window: str, edit: _Edit, ahead: set[int], behind: set[int], dictionary: Dictionary) -> bool:
    """Whether the window with this edit can be all words: a word from a place reachable before the
    edit, over it, to a place from which the rest is words (cheap, before segmenting the candidate)."""
    at, removed, put = edit
    candidate = window[:at] + put + window[at + removed:]
    shift = len(put) - removed
    if not put and at in ahead and at + removed in behind:
        return True
    longest = dictionary.longest
    for j in (j for j in ahead if j <= at):
        for k in range(max(at + len(put), j + 1), min(len(candidate), j + longest) + 1):
            if k - shift in behind and k - shift >= at + removed and candidate[j:k] in dictionary.words:
                return True
    return False


@lru_cache(maxsize=1024)
def _repair(pieces: tuple[str, ...], broken: tuple[int, int],
            dictionary: Dictionary) -> tuple[int, int, tuple[str, ...]] | None:
    """The best one-edit repairs of these pieces (a broken word and a word on each side): all of them words,
    never more words than pieces (ประชาสัมพันธุ์ is ประชาสัมพันธ์, not ประชา + สลัม + พันธุ์). Fewest
    words first, then a key pressed twice (คุณธรรมม), then the longest words, then the likely slips
    (คำนวน: คำนวณ before จำนวน), then the most frequent; a second suggestion only when as good.
    (start, end, suggestions): where the repair changed the window, widened to whole words (ภายใ ->
    ภายใน)."""
    window = "".join(pieces)
    ahead, behind = _reachable(window, dictionary)
    scored, seen = [], set()
    for edit, cost in sorted(_edits(window, broken).items(), key=lambda item: item[1]):
        at, removed, put = edit
        candidate = window[:at] + put + window[at + removed:]
        if candidate in seen or not _may_be_words(window, edit, ahead, behind, dictionary):
            continue
        seen.add(candidate)
        words = dictionary.tokenize(candidate)
        if not candidate or len(words) > len(pieces) or not all(dictionary.known(w) for w in words) \
                or any(a == b for a, b in itertools.pairwise(words)):
            continue
        log_freq = sum(math.log(dictionary.frequency(w) + 1) for w in words)
        scored.append((len(words), not _drops_a_doubled_letter(window, candidate),
                       -sum(len(w) ** 2 for w in words), cost, -log_freq, candidate, words))
    if not scored:
        return None
    scored.sort()
    best = scored[0]
    start, end, suggestion = _trimmed(pieces, best[-1])
    suggestions = [suggestion]
    for other in scored[1:]:
        if len(suggestions) == MAX_SUGGESTIONS or other[:4] != best[:4]:
            break
        if _trimmed(pieces, other[-1])[:2] == (start, end):
            suggestions.append(_trimmed(pieces, other[-1])[2])
    return start, end, tuple(suggestions)


def _trimmed(pieces: tuple[str, ...], words: list[str]) -> tuple[int, int, str]:
    """What the repair changed, widened to whole words of the repaired text: (start, end) in the
    window, and what it became (ภาย|ใ|หน่วยงาน repaired to ภายใน|หน่วยงาน: ภายใ -> ภายใน)."""
    window, candidate = "".join(pieces), "".join(words)
    p = 0
    while p < min(len(window), len(candidate)) and window[p] == candidate[p]:
        p += 1
    while 0 < p < len(window) and window[p - 1] == window[p] and len(candidate) < len(window):
        p -= 1   # a letter typed twice belongs to the word before (คุณธรรมม|ของ)
    q = 0   # letters alike at the end, not overlapping the start
    while q < min(len(window), len(candidate)) - p and window[-1 - q] == candidate[-1 - q]:
        q += 1
    spans = list(itertools.pairwise(itertools.accumulate([0, *map(len, words)])))
    first = min(p, len(candidate) - 1)
    last = max(first, len(candidate) - q - 1)
    start = next(ws for ws, we in spans if ws <= first < we)
    end = next(we for ws, we in spans if ws <= last < we)
    return start, end + len(window) - len(candidate), candidate[start:end]


def _drops_a_doubled_letter(word: str, candidate: str) -> bool:
    return len(candidate) == len(word) - 1 and any(
        word[i] == word[i + 1] and word[:i] + word[i + 1:] == candidate for i in range(len(word) - 1))


# --- doubled words, spaces inside words, stray letters ---------------------------------------------

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


_SPACE_IN_THAI = re.compile(f"(?<=[{THAI}])[ \u00a0]+(?=[{THAI}])")


def _split_words(text: str, dictionary: Dictionary) -> list[Finding]:
    """A space inside a word: without it, the two sides read as fewer words, one of them spanning the gap."""
    out = []
    for m in _SPACE_IN_THAI.finditer(text):
        left = _THAI_RUN.search(text[:m.start()][::-1]).group()[::-1]  # type: ignore[union-attr]
        right = _THAI_RUN.match(text, m.end()).group()  # type: ignore[union-attr]
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


def _stray_letters(text: str, dictionary: Dictionary) -> list[Finding]:
    """Consonants that are no word (กข), or one small Latin letter, alone between Thai words: keys hit
    by mistake. Letter codes before numbers (มท ๐๘๐๔) and abbreviations (อบต) are not between Thai words
    or are words."""
    out = []
    for m in _STRAY.finditer(text):
        letters = m.group(1)
        if dictionary.known(letters) or dictionary.is_abbreviation(letters):
            continue
        out.append(Finding(m.start(1), m.end(1), "stray-letters", letters,
                           codes.message("ITA410"),
                           ("",)))
    return out


# --- words one slip away ----------------------------------------------------------------------------

def _near_words(tokens: list[_Token], dictionary: Dictionary) -> list[Finding]:
    """Two or three glued words that are one slip away from a longer word: an extra or missing letter
    (กิจกรรรม, นายกเทศมตรี), a wrong or missing tone mark or vowel sign (คุ่มครอง, ขอมูล), a letter
    that sounds the same (งบประมาน) or sits beside it on the keyboard, a silent letter added or left
    out (สวัสดิการณ์)."""
    out: list[Finding] = []
    for i in range(len(tokens) - 1):
        for n in (3, 2):
            group = tokens[i:i + n]
            if len(group) < n or not all(t.thai for t in group):
                continue
            glued = "".join(t.text for t in group)
            if dictionary.known(glued) or (out and out[-1].end > group[0].start):
                continue
            # a letter missing at an edge of the group belongs to the group beside it (จัด|กิจ|กรร + ม|รม)
            edges = (0 if i > 0 and tokens[i - 1].thai else -1,
                     len(glued) if i + n < len(tokens) and tokens[i + n].thai else -1)
            close = sorted((w for w in dictionary.one_edit(glued)
                            if len(w) >= MIN_NEAR_WORD and (slip := _slip(glued, w)) is not None
                            and not (len(w) > len(glued) and slip in edges)
                            and not _changes_a_word(group, w, slip, dictionary)),
                           key=lambda w: (-dictionary.official(w), -dictionary.frequency(w), w))
            if close:
                out.append(Finding(group[0].start, group[-1].end, "near-word", glued,
                                   codes.message("ITA402"), tuple(close[:MAX_SUGGESTIONS])))
                break
    return out


def _slip(written: str, fixed: str) -> int | None:
    """Where the one edit from written to fixed is, when it is a likely slip: a letter or mark dropped
    or added (never a leading vowel: เปิด is not a slip for ปิด), a letter replaced by one that sounds
    the same or by a key beside it, a mark by another mark, two letters swapped, a silent letter (ณ์)
    added or dropped."""
    p = 0
    while p < min(len(written), len(fixed)) and written[p] == fixed[p]:
        p += 1
    grown = len(fixed) - len(written)
    if grown == 1 and written[p:] == fixed[p + 1:]:
        new, old = fixed[p], ""
    elif grown == -1 and written[p + 1:] == fixed[p:]:
        new, old = "", written[p]
    elif grown == 0 and written[p + 1:] == fixed[p + 1:]:
        new, old = fixed[p], written[p]
    elif grown == 0 and written[p + 2:] == fixed[p + 2:]:
        return p                                       # two swapped
    elif grown in (2, -2, -3) and (SILENT.fullmatch(fixed[p:p + grown]) or SILENT.fullmatch(written[p:p - grown])):
        return p                                       # a silent letter
    else:
        return None
    if (old or new) in LEADING_VOWELS and not (old and new):
        return None
    if old and new and not (new in SOUND_ALIKE.get(old, "") + KEYBOARD_NEIGHBOURS.get(old, "")
                            or (_MARK.match(old) and _MARK.match(new))):
        return None
    return p


def _changes_a_word(group: list[_Token], fixed: str, at: int, dictionary: Dictionary) -> bool:
    """Whether the glued words are as likely written on purpose as the word the slip would make: the
    corpus frequency of the fixed word against that of the written words side by side, as if
    independent (ต่อ + การ is common, ต่อกร is rare: keep; มาตรา + ฐาน is rare, มาตรฐาน common: a slip).
    A doubled letter (กิจกรรรม) is a slip all the same."""
    glued = "".join(t.text for t in group)
    if len(fixed) < len(glued) and glued[at] in glued[max(0, at - 1):at] + glued[at + 1:at + 2]:
        return False
    side_by_side = math.prod(dictionary.frequency(t.text) + 1 for t in group) / CORPUS_WORDS ** (len(group) - 1)
    return bool(dictionary.frequency(fixed) + 1 < RARER * side_by_side)


def _slipped_words(tokens: list[_Token], dictionary: Dictionary) -> list[Finding]:
    """Single words one mark slip from a far more common word: a spelling the official dictionary lacks
    (สัมพันธ, โอกาศ), a rare word one tone mark from a common one (ตอง/ต้อง), or a word the dictionary
    lists as nearly always a slip (ตู/ตู้). Widened to the word it belongs to (ประชาสัมพันธ)."""
    out: list[Finding] = []
    for i, t in enumerate(tokens):
        if not t.thai or len(t.text) < 2 or not dictionary.known(t.text):
            continue
        fixed = _slip_of(t.text, dictionary)
        if fixed is None or (out and out[-1].end > t.start):
            continue
        lo, hi, whole = _whole_word(tokens, i, fixed, dictionary)
        fragment = "".join(x.text for x in tokens[lo:hi + 1])
        message = codes.message("ITA402") if hi > lo or not dictionary.official(t.text) else \
            codes.message("ITA402", "rare")
        out.append(Finding(tokens[lo].start, tokens[hi].end, "near-word", fragment, message, (whole,)))
    return out


def _slip_of(word: str, dictionary: Dictionary) -> str | None:
    """The common word this one is a slip of, if it is one."""
    if word in dictionary.slips:
        return dictionary.slips[word]
    ours = dictionary.frequency(word) + 1
    if dictionary.official(word):
        close = [w for w in _tone_slips(word)
                 if dictionary.known(w) and dictionary.frequency(w) >= max(MIN_COMMON, TONE_RARER * ours)]
    else:
        close = [w for w in dictionary.one_edit(word)
                 if _slip(word, w) is not None and len(w) >= 3 and dictionary.official(w)
                 and dictionary.frequency(w) >= max(UNOFFICIAL_COMMON, UNOFFICIAL_RARER * ours)]
    return max(close, key=lambda w: (dictionary.frequency(w), w), default=None)


def _tone_slips(word: str) -> Iterator[str]:
    """The word with one tone mark added (after a letter or vowel sign), dropped or changed."""
    for i in range(1, len(word) + 1):
        if word[i - 1] not in _TONES:
            yield from (word[:i] + c + word[i:] for c in _TONES)
        else:
            yield word[:i - 1] + word[i:]
            yield from (word[:i - 1] + c + word[i:] for c in _TONES if c != word[i - 1])


def _whole_word(tokens: list[_Token], i: int, fixed: str, dictionary: Dictionary) -> tuple[int, int, str]:
    """The widest run of up to three Thai tokens around token i that, with token i fixed, is one word."""
    best = (i, i, fixed)
    for lo in range(max(0, i - 2), i + 1):
        for hi in range(i, min(len(tokens), lo + 3)):
            run = tokens[lo:hi + 1]
            if hi - lo > best[1] - best[0] and all(t.thai for t in run):
                whole = "".join(t.text for t in tokens[lo:i]) + fixed + "".join(t.text for t in tokens[i + 1:hi + 1])
                if dictionary.known(whole):
                    best = (lo, hi, whole)
    return best
