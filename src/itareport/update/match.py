"""Which items of two lists are the same item: equal ones by difflib, changed ones by likeness.

Used to write a list's change as the smallest edit (update) and to merge two changed copies of a
list (merge): an inserted measure and an edited one are told apart, so both survive.
"""

from __future__ import annotations

import json
from difflib import SequenceMatcher
from typing import Any

ALIKE = 0.5          # likeness from which two items count as one item changed
MAX_PAIRS = 400      # items x items compared inside one changed stretch (beyond: paired in order)
MAX_TEXT = 4000      # characters compared exactly; longer texts by a quick estimate


def fingerprint(value: Any) -> str:
    """Equal data, equal text (key order ignored)."""
    return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def likeness(a: Any, b: Any) -> float:
    """0 (unrelated) .. 1 (equal): texts by difflib's ratio, mappings by their equal values (a
    shared title counts double), lists by their equal items."""
    if a == b:
        return 1.0
    if isinstance(a, str) and isinstance(b, str):
        matcher = SequenceMatcher(None, a, b, autojunk=False)
        if matcher.real_quick_ratio() < ALIKE or matcher.quick_ratio() < ALIKE:
            return 0.0
        return matcher.quick_ratio() if len(a) + len(b) > MAX_TEXT else matcher.ratio()
    if isinstance(a, dict) and isinstance(b, dict):
        keys = set(a) | set(b)
        same = sum(1 for k in keys if k in a and k in b and a[k] == b[k])
        titled = "title" in a and a.get("title") == b.get("title")
        return (same + titled) / (len(keys) + titled) if keys else 1.0
    if isinstance(a, list) and isinstance(b, list):
        return SequenceMatcher(None, [fingerprint(x) for x in a], [fingerprint(x) for x in b],
                               autojunk=False).ratio()
    return 0.0


def pair_items(a: list[Any], b: list[Any]) -> list[tuple[int, int]]:
    """(i, j) pairs, in order (i and j both increasing): a[i] became b[j] (equal, or alike)."""
    head = 0  # the equal items at both ends are compared directly, the rest by fingerprints
    while head < len(a) and head < len(b) and a[head] == b[head]:
        head += 1
    tail = 0
    while tail < len(a) - head and tail < len(b) - head and a[-1 - tail] == b[-1 - tail]:
        tail += 1
    pairs = [(i, i) for i in range(head)]
    ma, mb = a[head:len(a) - tail], b[head:len(b) - tail]
    fa, fb = [fingerprint(x) for x in ma], [fingerprint(x) for x in mb]
    opcodes = SequenceMatcher(None, fa, fb, autojunk=False).get_opcodes()
    if len(ma) == len(mb):  # items edited in place, unless difflib finds fewer items moved or replaced
        same = sum(i2 - i1 for tag, i1, i2, _j1, _j2 in opcodes if tag == "equal")
        if 2 * sum(x != y for x, y in zip(fa, fb, strict=True)) <= 2 * (len(ma) - same):
            return [*pairs, *((head + i, head + i) for i in range(len(ma))),
                    *((len(a) - tail + k, len(b) - tail + k) for k in range(tail))]
    for tag, i1, i2, j1, j2 in opcodes:
        if tag == "equal":
            pairs += zip(range(head + i1, head + i2), range(head + j1, head + j2), strict=True)
        elif tag == "replace":
            pairs += [(head + i, head + j) for i, j in _align(ma, mb, i1, i2, j1, j2)]
    pairs += [(len(a) - tail + k, len(b) - tail + k) for k in range(tail)]
    return pairs


def _align(a: list[Any], b: list[Any], i1: int, i2: int, j1: int, j2: int) -> list[tuple[int, int]]:
    """Pairs inside a changed stretch: the most alike pair first, then each side of it (as difflib's
    ndiff pairs lines); a stretch left of equal length is paired in order (items edited in place)."""
    if i1 >= i2 or j1 >= j2:
        return []
    if (i2 - i1) * (j2 - j1) > MAX_PAIRS:
        return list(zip(range(i1, i2), range(j1, j2), strict=False))
    best, at = ALIKE - 1e-9, None
    for i in range(i1, i2):
        for j in range(j1, j2):
            score = likeness(a[i], b[j])
            if score > best:
                best, at = score, (i, j)
    if at is None:
        return list(zip(range(i1, i2), range(j1, j2), strict=True)) if i2 - i1 == j2 - j1 else []
    i, j = at
    return [*_align(a, b, i1, i, j1, j), at, *_align(a, b, i + 1, i2, j + 1, j2)]


def pair_moves(a: list[Any], b: list[Any], pairs: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """More pairs, out of order: an item removed in one place and put back equal (or with the same
    title, when only one has it) in another was moved."""
    done_a, done_b = {i for i, _ in pairs}, {j for _, j in pairs}
    free_a = [i for i in range(len(a)) if i not in done_a]
    free_b = [j for j in range(len(b)) if j not in done_b]
    if not free_a or not free_b:
        return pairs
    more: list[tuple[int, int]] = []
    by_print: dict[str, list[int]] = {}
    for i in free_a:
        by_print.setdefault(fingerprint(a[i]), []).append(i)
    for j in list(free_b):
        found = by_print.get(fingerprint(b[j]))
        if found:
            more.append((found.pop(0), j))
            free_b.remove(j)
    free_a = [i for i in free_a if i not in {i for i, _ in more}]
    titles_a = _titles(a, free_a)
    titles_b = _titles(b, free_b)
    for title, j in titles_b.items():
        if title in titles_a:
            more.append((titles_a[title], j))
    return sorted(pairs + more, key=lambda p: p[1])


def _titles(items: list[Any], indexes: list[int]) -> dict[str, int]:
    """title -> index for the mappings whose title no other of them shares."""
    seen: dict[str, list[int]] = {}
    for i in indexes:
        title = items[i].get("title") if isinstance(items[i], dict) else None
        if isinstance(title, str):
            seen.setdefault(title, []).append(i)
    return {t: found[0] for t, found in seen.items() if len(found) == 1}
