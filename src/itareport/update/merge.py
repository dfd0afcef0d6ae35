"""Three-way merge of plain data: what each side changed since the common base, put together.

A value changed on one side only takes that side's value; changed on both sides to the same
value, that value; changed differently, a Conflict (the merged data keeps ours). Mappings merge
key by key; lists item by item, their items matched to the base's (match.pair_items), so an item
inserted on one side and another edited on the other both survive. An item deleted on one side
and edited on the other is a conflict (ours kept: deleted if ours deleted it).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from .match import fingerprint, pair_items

DataPath = tuple[str | int, ...]  # ('measures', 2, 'owner'): keys and 0-based indexes


class _Absent:
    """A key or list item that is not there (removed on one side, or added on one side only)."""

    _instance: _Absent | None = None

    def __new__(cls) -> _Absent:
        if cls._instance is None:
            cls._instance = super().__new__(cls)
        return cls._instance

    def __repr__(self) -> str:
        return "ABSENT"

    def __bool__(self) -> bool:
        return False


ABSENT: Any = _Absent()


@dataclass(frozen=True)
class Conflict:
    """The same value changed differently on both sides. path: keys and 0-based indexes (in the
    merged data); base, ours, theirs: the values (ABSENT where a side removed it or never had it)."""

    path: tuple[str | int, ...]
    base: Any
    ours: Any
    theirs: Any


def merge_data(base: Any, ours: Any, theirs: Any) -> tuple[Any, list[Conflict]]:
    """The three-way merge of plain data (dict / list / str / None) and its conflicts."""
    conflicts: list[Conflict] = []
    merged = _merge(base, ours, theirs, (), conflicts)
    return merged, conflicts


def _merge(base: Any, ours: Any, theirs: Any, path: DataPath, conflicts: list[Conflict]) -> Any:
    if ours == theirs:
        return ours
    if base == ours:
        return theirs
    if base == theirs:
        return ours
    if isinstance(base, dict) and isinstance(ours, dict) and isinstance(theirs, dict):
        return _merge_dicts(base, ours, theirs, path, conflicts)
    if isinstance(base, list) and isinstance(ours, list) and isinstance(theirs, list):
        return _merge_lists(base, ours, theirs, path, conflicts)
    conflicts.append(Conflict(path, base, ours, theirs))
    return ours


def _merge_dicts(base: dict[str, Any], ours: dict[str, Any], theirs: dict[str, Any], path: DataPath,
                 conflicts: list[Conflict]) -> dict[str, Any]:
    out = {}
    for key in [*ours, *(k for k in theirs if k not in ours), *(k for k in base if k not in ours and k not in theirs)]:
        value = _merge(base.get(key, ABSENT), ours.get(key, ABSENT), theirs.get(key, ABSENT), (*path, key), conflicts)
        if value is not ABSENT:
            out[key] = value
    return out


def _merge_lists(base: list[Any], ours: list[Any], theirs: list[Any], path: DataPath,
                 conflicts: list[Conflict]) -> list[Any]:
    """Walk the base's items; before each, the items each side inserted there (ours first; an item both
    inserted at the same place once); each base item merged, or dropped where a side deleted it."""
    to_ours = dict(pair_items(base, ours))
    to_theirs = dict(pair_items(base, theirs))
    added_ours = _insertions(to_ours, len(base), len(ours))
    added_theirs = _insertions(to_theirs, len(base), len(theirs))
    out: list[Any] = []
    for i in range(len(base) + 1):
        inserted = [ours[j] for j in added_ours.get(i, [])]
        seen = {fingerprint(v) for v in inserted}
        inserted += [theirs[j] for j in added_theirs.get(i, []) if fingerprint(theirs[j]) not in seen]
        out += inserted
        if i == len(base):
            break
        mine = ours[to_ours[i]] if i in to_ours else ABSENT
        other = theirs[to_theirs[i]] if i in to_theirs else ABSENT
        value = _merge(base[i], mine, other, (*path, len(out)), conflicts)
        if value is not ABSENT:
            out.append(value)
    return out


def _insertions(pairs: dict[int, int], n_base: int, n_side: int) -> dict[int, list[int]]:
    """Items of a side matched to no base item, keyed by the base index they come before."""
    matched = sorted(pairs.items())
    out: dict[int, list[int]] = {}
    at = 0  # the side's next index
    for i, j in matched:
        if j > at:
            out.setdefault(i, []).extend(range(at, j))
        at = j + 1
    if at < n_side:
        out.setdefault(n_base, []).extend(range(at, n_side))
    return out
