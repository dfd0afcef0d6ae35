"""Keys and their Thai names: which keys a mapping of a data file may hold, and the key a written word means.

An officer writes a key the way the report names it: ผู้รับผิดชอบ for owner, ระยะเวลา for period,
ขั้นตอนการดำเนินงาน for steps, a declared column's own header for its key. The Thai names come from
where the program already says them: the model's field descriptions ("english / ไทย"), the kind
registry's column headers and the file's own `columns:` headers. `suggest_key` finds the key a word
means: a near miss of a key (ower → owner) or a Thai name of one. A missing key whose place holds an
unknown key that means it is one mistake: `misspelt_missing` makes the one error.
"""

from __future__ import annotations

import difflib
import re
import typing
from collections.abc import Mapping, Sequence
from typing import Any

from pydantic import BaseModel
from pydantic.fields import FieldInfo

from . import codes
from .errors import Diagnostic
from .kinds import kind_of, row_keys
from .loader import Loaded, Path_
from .messages import M_, Message
from .model import Activity, ColumnRow, GroupedMeasure, Report

Names = Mapping[str, Sequence[str]]   # key -> its Thai names

_NOT_NAME = re.compile(r"[\s/()\-.:,'\"]+")
_NAME_END = re.compile(r"\(| เช่น| ไม่ต้อง| ใส่ ")   # where a description stops naming the field


def _plain(text: str) -> str:
    return _NOT_NAME.sub("", text).lower()


def field_names(cls: type[BaseModel]) -> dict[str, list[str]]:
    """Each field's key (as written in a file) and its Thai name: its description after ' / ', up to an
    example or a note ('ปีงบประมาณ (พ.ศ.) เช่น 2568' names fiscal_year ปีงบประมาณ)."""
    out: dict[str, list[str]] = {}
    for name, info in cls.model_fields.items():
        description = info.description or ""
        thai = description.rsplit(" / ", 1)[1] if " / " in description else ""
        out[info.alias or name] = [_NAME_END.split(thai, 1)[0].strip()] if thai else []
    return out


def row_names(kind_name: object, columns: Any) -> dict[str, list[str]]:
    """The keys a table row may hold with their Thai names: the model's descriptions, the kind's column
    headers, and the headers of the file's own columns (columns: the raw `columns:` list, or None)."""
    declared = [c for c in columns if isinstance(c, Mapping) and isinstance(c.get("key"), str)] \
        if isinstance(columns, list) else None
    keys = row_keys(kind_name, [c["key"] for c in declared] if declared is not None else None)
    described = {**field_names(Activity), **field_names(ColumnRow)}
    kind = kind_of(kind_name)
    headers = [*kind.columns, *([kind.extra_column] if kind.extra_column else [])]
    names: dict[str, list[str]] = {key: [*described.get(key, [])] for key in keys}
    for key, header in [(c.key, c.header) for c in headers] + [
            (c["key"], c.get("header")) for c in declared or ()]:
        if key in names and isinstance(header, str):
            names[key].append(header)
    return names


def suggest_key(word: str, names: Names) -> str | None:
    """The key a written word most likely means: a near miss of a key (ower → owner), or a Thai name
    of one, written as it is, as part of a longer name or inside a name of one's own (ผู้รับผิดชอบ,
    ขั้นตอน, ระยะเวลาดำเนินการ), or mistyped. Among several, the name that starts with the word and the
    closest in length; None when nothing fits."""
    close = difflib.get_close_matches(word, list(names), n=1, cutoff=0.6)
    if close:
        return close[0]
    written = _plain(word)
    if len(written) < 3:
        return None
    best: tuple[tuple[float, ...], str] | None = None
    for order, (key, thai) in enumerate(names.items()):
        for name in thai:
            plain = _plain(name)
            if len(plain) < 3:
                continue
            if written == plain:
                score: tuple[float, ...] = (0, 0, 0)
            elif written in plain:
                score = (1, plain.index(written), len(plain))
            elif plain in written:
                score = (2, written.index(plain), -len(plain))
            else:
                ratio = difflib.SequenceMatcher(None, written, plain).ratio()
                if ratio < 0.75:
                    continue
                score = (3, -ratio, 0)
            if best is None or (*score, order) < best[0]:
                best = ((*score, order), key)
    return best[1] if best else None


# --- the mapping at a path --------------------------------------------------------------------------

def model_at(path: Path_, data: Any) -> type[BaseModel] | None:
    """The model class whose fields apply to the mapping at path."""
    cls: type[BaseModel] | None = Report
    pending: Any = None
    node = data
    for part in path:
        if isinstance(part, str):
            if pending is not None:
                cls = _inner_model(pending, node)
            field = fields_by_alias(cls).get(part) if cls else None
            if field is None:
                return None
            pending = field.annotation
            node = node.get(part) if isinstance(node, dict) else None
        else:
            node = node[part] if isinstance(node, list) and 0 <= part < len(node) else None
    return _inner_model(pending, node) if pending is not None else cls


def fields_by_alias(cls: type[BaseModel]) -> dict[str, FieldInfo]:
    return {(f.alias or name): f for name, f in cls.model_fields.items()}


def _inner_model(annotation: Any, node: Any) -> type[BaseModel] | None:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    candidates = [m for a in typing.get_args(annotation) if (m := _inner_model(a, node))]
    if GroupedMeasure in candidates and Activity in candidates:
        return GroupedMeasure if isinstance(node, dict) and "activities" in node else Activity
    return candidates[0] if candidates else None


def names_at(parent: Path_, data: Any) -> tuple[type[BaseModel] | None, list[str], dict[str, list[str]]]:
    """The model at parent, the keys its mapping may hold, and the keys a word may be suggested as, with
    their Thai names (a measure's row may also become a measure with activities)."""
    cls = model_at(parent, data)
    if cls is None:
        return None, [], {}
    if cls is not Activity:
        names = field_names(cls)
        return cls, list(names), names
    root = data if isinstance(data, dict) else {}
    names = row_names(root.get("kind"), root.get("columns"))
    allowed = list(names)
    if len(parent) == 2:   # measures[i]: a measure may hold activities instead
        names["activities"] = field_names(GroupedMeasure)["activities"]
    return cls, allowed, names


def unknown_key(data: Any, path: Path_) -> Message:
    """ITA203's message for the key at path: unknown, the key it most likely means, the keys expected."""
    key = path[-1]
    cls, allowed, names = names_at(path[:-1], data)
    message = codes.message("ITA203", key=key)
    if cls is GroupedMeasure and key in Activity.model_fields:
        return message + M_(": a measure with activities keeps steps, owner, period, results and outcomes "
                            "inside each activity")
    meant = suggest_key(str(key), names)
    if meant:
        message += M_(" (did you mean '{key}'?)", key=meant)
    if allowed:
        message += M_("; expected one of: {keys}", keys=", ".join(allowed))
    return message


def misspelt_missing(loaded: Loaded, path: Path_) -> Diagnostic | None:
    """For a key missing at path: the unknown key written in its place that means it (ower: or
    ผู้รับผิดชอบ: for owner:; กิจกรรม: for activities, which a measure with no steps or owner then
    has), as the one error of that mistake (at the key written); None when none."""
    parent, missing = path[:-1], path[-1]
    node: Any = loaded.data
    for part in parent:
        node = node[part] if isinstance(node, (dict, list)) else None
    if not isinstance(node, dict):
        return None
    _cls, allowed, names = names_at(parent, loaded.data)
    for key in node:
        meant = suggest_key(str(key), names) if key not in allowed else None
        if meant == missing or (meant == "activities" and missing in Activity.model_fields):
            return loaded.diagnostic("error", (*parent, key), unknown_key(loaded.data, (*parent, key)), key=True,
                                     code="ITA203")
    return None
