"""The editor's form, derived from the data model's JSON Schema at run time (one source).

form_spec() turns Report.model_json_schema() into a tree of controls the page draws:
text, year, month, number, bool, choice, textlist (one text or several lines), group
(a mapping), array (add, remove, duplicate, move) and union (one of several shapes: a
measure with or without activities, a period). Labels and hints come from each field's
description, written "english / ไทย"; a field added to the model appears in the form
without touching the page. What the schema cannot say (which row keys a kind prints, the
declared columns' types, the Thai words for a few fixed values) comes from the core's own
tables (kinds, cells, periods, thai).
"""

from __future__ import annotations

import re
from typing import Any

from ..cells import STATUS_WORDS
from ..i18n import N_, _, language
from ..kinds import COLUMN_TYPES, KINDS, row_keys
from ..model import Report
from ..periods import FISCAL_YEAR_WORDS
from ..thai import MONTHS

Node = dict[str, Any]

# Words for fixed values (enums) that the schema lists only as data words.
VALUE_LABELS: dict[str, str] = {
    "measures-report": N_("report on the measures' results"),
    "measures-plan": N_("plan of measures"),
    "progress-report": N_("progress report"),
    "thai": N_("Thai digits (๑ ๒ ๓)"),
    "arabic": N_("Arabic digits (1 2 3)"),
    "6-months": N_("6 months"),
    "12-months": N_("12 months"),
    "text": N_("text"),
    "list": N_("list"),
    "numbered": N_("numbered list"),
    "period": N_("period"),
    "money": N_("amount of money"),
    "number": N_("number"),
    "status": N_("status"),
}
STATUS_LABELS: dict[str, str] = {
    "done": N_("done"), "in-progress": N_("in progress"), "not-started": N_("not started"),
    "cancelled": N_("cancelled"),
}
WHOLE_YEAR = N_("the whole fiscal year")
MONTH_RANGE = N_("from month to month")
AS_TEXT = N_("written as text")

STATUS_KEY = "status"
_YEAR_PATTERN = "^[0-9๐-๙]{4}$"
_MONTH_PATTERN = "^[0-9๐-๙]{4}-[0-9๐-๙]{1,2}$"
_THAI_INSTRUCTIONS = ("ไม่ต้อง", "ใส่", "เรียงตาม")
_YAML_WORDS = re.compile(r"[{}_']|YYYY")


def describe(description: str | None, title: str | None = None) -> tuple[str, str]:
    """(label, hint) in the user's language from a description 'english / ไทย'.

    Thai: the text after ' / '; a closing parenthesis that holds a sentence and what follows
    'เช่น' (an example) become the hint. English: the text before ' / ', an 'e.g.' part as the
    hint, the schema's title instead when the words are the file's own (keys, YYYY-MM)."""
    text = (description or "").strip().rstrip(".")
    english, _sep, thai = text.partition(" / ")
    if language() == "th" and thai:
        label, hint = re.sub(r"\s*\([A-Za-z-]+\)", "", thai).strip(), ""   # '(thai)': a word of the file
        m = re.fullmatch(r"(.+?)\s*\(([^()]*\s[^()]*)\)", label)
        if m:
            label, hint = m.group(1), m.group(2)
        head, sep, example = label.partition(" เช่น ")
        if sep:
            label, hint = head, " ".join(part for part in (hint, "เช่น " + example) if part)
        head, sep, rest = label.partition(" ")
        if sep and rest.startswith(_THAI_INSTRUCTIONS):  # 'ชื่อมาตรการ ไม่ต้องใส่เลขข้อ': the instruction is a hint
            label, hint = head, " ".join(part for part in (rest, hint) if part)
        return label, hint
    label, _sep, example = english.partition(", e.g. ")
    hint = ("e.g. " + example) if example else ""
    if _YAML_WORDS.search(label) or not label:
        label = title or label
    return label[:1].upper() + label[1:], hint


def _resolve(schema: dict, node: dict) -> dict:
    ref = node.get("$ref")
    if isinstance(ref, str) and ref.startswith("#/$defs/"):
        target = schema["$defs"][ref.rsplit("/", 1)[1]]
        return {**target, **{k: v for k, v in node.items() if k != "$ref"}}
    return node


def _choices(values: list) -> list[dict[str, str]]:
    return [{"value": str(v), "label": _(VALUE_LABELS[v]) if v in VALUE_LABELS else str(v)} for v in values]


def _is_text_list(options: list[dict]) -> bool:
    kinds = sorted(o.get("type", "") for o in options if isinstance(o.get("type"), str))
    return kinds == ["array", "string"] and len(options) == 2


class _Builder:
    def __init__(self, schema: dict):
        self.schema = schema

    def node(self, raw: dict, key: str | None = None) -> Node:
        """The control for one schema node (a property's own description labels it)."""
        label, hint = describe(raw.get("description"), raw.get("title"))
        sub = _resolve(self.schema, raw)
        if not raw.get("description"):
            label, hint = describe(sub.get("description"), sub.get("title"))
        made = self._shape(sub)
        default = raw.get("default", sub.get("default"))
        if isinstance(default, (str, int)) and not isinstance(default, bool):
            made["default"] = str(default)
        return {**made, "label": label, "hint": hint}

    def _shape(self, node: dict) -> Node:
        options = node.get("anyOf") or node.get("oneOf")
        if options:
            real = [o for o in options if o.get("type") != "null"]
            optional = len(real) < len(options)
            if len(real) == 1:
                shape = self._shape(_resolve(self.schema, real[0]))
            elif _is_text_list(real):
                shape = {"type": "textlist"}
            else:
                shape = self._union(real)
            return {**shape, "optional": optional} if optional else shape
        kind = node.get("type")
        if "const" in node:
            return {"type": "const", "value": str(node["const"])}
        if "enum" in node:
            return {"type": "choice", "options": _choices(node["enum"])}
        if node.get("pattern") == _MONTH_PATTERN:
            return {"type": "month"}
        if node.get("pattern") == _YEAR_PATTERN:
            return {"type": "year"}
        if kind == "boolean":
            return {"type": "bool"}
        if isinstance(kind, list) and "number" in kind:
            return {"type": "number"}
        if kind == "object" or "properties" in node:
            return self._group(node)
        if kind == "array":
            item = self.node(node.get("items", {}))
            if not item["label"]:  # the items of a list without a name of their own: the list's name
                item["label"], item["hint"] = describe(node.get("description"), node.get("title"))
            return {"type": "array", "item": item, "min": node.get("minItems", 0)}
        text: Node = {"type": "text"}
        if node.get("examples"):
            text["examples"] = [str(e) for e in node["examples"]]
        return text

    def _group(self, node: dict) -> Node:
        required = set(node.get("required", []))
        fields = []
        for key, prop in node.get("properties", {}).items():
            child = self.node(prop, key)
            if key == STATUS_KEY and child["type"] == "text":  # the status words, as a declared status column
                child = {**status_node(), "label": child["label"], "hint": child["hint"]}
            child.update(key=key, required=key in required)
            fields.append(child)
        return {"type": "group", "fields": fields, "open": node.get("additionalProperties") is not False}

    def _union(self, options: list[dict]) -> Node:
        shapes = [(_resolve(self.schema, o), o) for o in options]
        out = []
        keys_of = [set(s.get("properties", {})) for s, _o in shapes]
        for i, (sub, _raw) in enumerate(shapes):
            label, hint = describe(sub.get("description"), sub.get("title"))
            if sub.get("type") == "string":
                if FISCAL_YEAR_WORDS[0] in sub.get("examples", []):  # a period: the whole year is one choice
                    out.append({"label": _(WHOLE_YEAR), "const": FISCAL_YEAR_WORDS[0],
                                "match": {"values": list(FISCAL_YEAR_WORDS)}})
                    label = _(AS_TEXT)
                out.append({"label": label, "node": {**self._shape(sub), "label": label, "hint": hint},
                            "match": {"type": "string"}})
                continue
            shape = self._shape(sub)
            others = set().union(*(k for j, k in enumerate(keys_of) if j != i))
            own = sorted(set(sub.get("required", [])) - others)
            if sub.get("title") == "MonthRange":
                label = _(MONTH_RANGE)
            match: dict[str, Any] = {"type": "object"}
            if own:
                match["has"] = own
            elif shape.get("open"):
                match["declared"] = True  # rows of a file with declared columns
            out.append({"label": label, "hint": hint, "node": {**shape, "label": label, "hint": hint},
                        "match": match})
        out.sort(key=lambda o: o["match"].get("type") == "string")  # free text last
        return {"type": "union", "options": out}


def status_node() -> Node:
    """A status: one of the status words (columns.STATUS_WORDS), in the user's language."""
    return {"type": "choice", "optional": True, "options": [
        {"value": word, "label": thai if language() == "th" else _(STATUS_LABELS[word])}
        for word, thai in STATUS_WORDS.items()]}


def column_nodes(schema: dict) -> dict[str, Node]:
    """The control of a declared column's cells, by the column's type (labelled by its header)."""
    text: Node = {"type": "text"}
    items: Node = {"type": "textlist"}
    period = _Builder(schema).node(schema["$defs"]["Activity"]["properties"]["period"])
    nodes = {"text": text, "list": items, "numbered": items, "period": period, "money": {"type": "number"},
             "number": {"type": "number"}, "status": status_node()}
    return {kind: nodes.get(kind, text) for kind in COLUMN_TYPES}


def form_spec(schema: dict | None = None) -> dict[str, Any]:
    """What the page needs to draw the form: the tree of controls, the row keys of each kind, the
    controls of declared columns by type, the month names. schema: the model's by default."""
    schema = schema if schema is not None else Report.model_json_schema(by_alias=True)
    root = _Builder(schema)._group(schema)
    order = sorted(range(len(root["fields"])), key=lambda i: _rank(root["fields"][i], i))
    root["fields"] = [root["fields"][i] for i in order]
    return {
        "root": root,
        "row_keys": {kind: row_keys(kind, None) for kind in KINDS},
        "columns": column_nodes(schema),
        "months": list(MONTHS),
        "whole_year": FISCAL_YEAR_WORDS[0],
    }


def _rank(field: Node, index: int) -> tuple[int, int]:
    """Top-level order: required mappings (the agency), then single values, then lists and optional parts."""
    if field["type"] == "group" and field.get("required"):
        return 0, index
    if field["type"] in ("group", "array", "union") or (field["type"] == "textlist" and not field.get("required")):
        return 2, index
    return 1, index
