"""Where a key that was absent goes among a mapping's keys: the order itareport writes them in.

The top level follows the order `init`, `new-year` and `import` write (kind and round after the
year, measures last: the long table ends the file); a row follows its table's columns (the
declared `columns:`, else the kind's), then the model's field order; the other mappings follow
their model's fields.
"""

from __future__ import annotations

from typing import Any

from ..kinds import DEFAULT_KIND, KINDS
from ..model import Activity, Agency, Column, Indicator, ItaResults, MonthRange, Report, Signer


def fields(model: Any) -> list[str]:
    """A pydantic model's keys as written in a data file (aliases: from, to)."""
    return [info.alias or name for name, info in model.model_fields.items()]


_FIRST = ("version", "agency", "fiscal_year", "kind", "round")
ROOT_ORDER = [*_FIRST, *(f for f in fields(Report) if f not in (*_FIRST, "measures")), "measures"]
ROW_ORDER = ["title", "activities", *fields(Activity)[1:]]
KIND_COLUMNS = {  # a kind's columns, with the one it prints only when a row fills it
    name: [c.key for c in (*kind.columns, *((kind.extra_column,) if kind.extra_column else ()))]
    for name, kind in KINDS.items()
}
_MODELS = {
    ("agency",): Agency, ("signers", int): Signer, ("columns", int): Column, ("ita_results",): ItaResults,
    ("ita_results", "indicators", int): Indicator, ("measures", int, "period"): MonthRange,
    ("measures", int, "activities", int, "period"): MonthRange,
}


def merged(primary: list[str], secondary: list[str]) -> list[str]:
    """primary's order, with secondary's other keys each placed after its nearest predecessor."""
    out = list(dict.fromkeys(primary))
    for i, key in enumerate(secondary):
        if key in out:
            continue
        before = next((k for k in reversed(secondary[:i]) if k in out), None)
        out.insert(out.index(before) + 1 if before is not None else 0, key)
    return out


def key_order(path: tuple[str | int, ...], root: Any) -> list[str]:
    """The keys of the mapping at path, in the order itareport writes them ([] when unknown)."""
    shape = tuple(int if isinstance(part, int) else part for part in path)
    if shape == ():
        return ROOT_ORDER
    if shape in (("measures", int), ("measures", int, "activities", int)):
        root = root if isinstance(root, dict) else {}
        columns = root.get("columns")
        if isinstance(columns, list) and columns:
            primary = [c["key"] for c in columns if isinstance(c, dict) and isinstance(c.get("key"), str)]
        else:
            kind = root.get("kind")
            primary = KIND_COLUMNS.get(kind if isinstance(kind, str) else DEFAULT_KIND, KIND_COLUMNS[DEFAULT_KIND])
        return merged(["title", *primary], ROW_ORDER)
    model = _MODELS.get(shape)
    return fields(model) if model is not None else []


def insert_at(keys: list[str], key: str, order: list[str], new_keys: list[str]) -> int:
    """Where to insert `key` among the mapping's current `keys`: after the last key that comes
    before it in `order` (or, for a key `order` does not know, in the new data `new_keys`), else
    before the first that comes after it in `order`; an unknown key goes after the key that
    precedes it in the new data; else at the end."""
    at = new_keys.index(key) if key in new_keys else -1
    earlier = set(new_keys[:at]) if at > 0 else set()
    if key in order:
        rank = order.index(key)
        before = [i for i, k in enumerate(keys) if (order.index(k) < rank if k in order else k in earlier)]
        if before:
            return before[-1] + 1
        after = [i for i, k in enumerate(keys) if k in order and order.index(k) > rank]
        if after:
            return after[0]
    for previous in reversed(new_keys[:at] if at > 0 else []):
        if previous in keys:
            return keys.index(previous) + 1
    if at == 0 and keys:
        return 0
    return len(keys)
