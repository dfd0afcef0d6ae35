"""Text for new or changed values, in the file's own style.

A changed text keeps its quoting style when it can be written in it (plain, 'single', "double",
a | or > block), else gets the safest readable one (plain when safe, a | block for several lines,
"double" otherwise). Every choice is read back through itareport's loader before it is used.
New lists and mappings follow a neighbour (`template`): the same key's value of the item beside
them, so a file that writes `steps: [a, b]` gets its new steps in brackets too.
"""

from __future__ import annotations

from difflib import SequenceMatcher
from typing import Any

from ..loader import load_text
from ..yaml_writer import (
    FLOW_INDICATORS,
    is_flow_plain_safe,
    is_plain_safe,
    keeps_plain,
    literal_block,
    quote,
    single_quote,
)
from .tree import Node, Style

MAX_REFOLD = 20_000  # characters: longer texts of a > block go on one line rather than be compared


def reads_back(rendered: str, text: str, flow: bool) -> bool:
    """True when `rendered` (a scalar as it would be written) loads as `text` in its context."""
    doc = f"k: [{rendered}]\n" if flow else f"k: {rendered}\n"
    loaded = load_text(doc)
    if loaded.diagnostics or not isinstance(loaded.data, dict):
        return False
    return loaded.data.get("k") == ([text] if flow else text)


def key_text(key: str, flow: bool = False) -> str:
    """A mapping key: plain when safe, else double-quoted."""
    return key if (is_flow_plain_safe(key) if flow else is_plain_safe(key)) else quote(key)


def folded_block(text: str, indent: int, newline: str, old_lines: list[str] | None = None) -> str | None:
    """A folded block scalar (>, >-) for a one-paragraph text, broken where the old lines broke
    wherever the same words are still there (so one changed word changes one line)."""
    body = text[:-1] if text.endswith("\n") else text
    if not body or "\n" in body or body[0] in " \t" or body[-1] in " \t" or "  " in body:
        return None
    lines = [body]
    if old_lines and len(old_lines) > 1 and all(old_lines) and len(body) <= MAX_REFOLD:
        old = " ".join(old_lines)
        cuts, at = [], 0
        for line in old_lines[:-1]:
            at += len(line)
            cuts.append(at)
            at += 1
        breaks = []
        for tag, i1, i2, j1, _j2 in SequenceMatcher(None, old, body, autojunk=False).get_opcodes():
            if tag != "equal":
                continue
            breaks += [j1 + cut - i1 for cut in cuts if i1 <= cut < i2 and body[j1 + cut - i1] == " "]
        if breaks:
            lines, start = [], 0
            for cut in breaks:
                lines.append(body[start:cut])
                start = cut + 1
            lines.append(body[start:])
    pad = " " * indent
    return (">" if text.endswith("\n") else ">-") + newline + newline.join(pad + line for line in lines)


class Renderer:
    """Lines of YAML for values, with the file's indentation (Style) and line break."""

    def __init__(self, style: Style, newline: str) -> None:
        self.style, self.nl = style, newline
        self.at_end = False  # what is written ends the file: a | block cannot end in a line break there

    # --- scalars ---------------------------------------------------------------------

    def scalar(self, text: str | None, *, flow: bool = False, indent: int = 2, old: Node | None = None,
               old_lines: list[str] | None = None) -> str:
        """A text written as YAML, in the style of `old` (the value it replaces, or a neighbour's)
        when it can be: plain stays plain while readers take it for the same kind of value."""
        if text is None:
            return "null" if flow else ""
        style = old.style if old is not None and old.kind == "scalar" else "new"
        multi = "\n" in text and not flow
        if self.at_end and text.endswith("\n"):
            style = '"' if style in ("|", ">") else style
            multi = False
        tries: list[str | None] = []
        if style in (None, "new"):
            plain = is_plain_safe(text) or (style is None and old is not None and isinstance(old.value, str)
                                            and keeps_plain(text, old.value))
            if plain and (not flow or not FLOW_INDICATORS.intersection(text)):
                tries.append(text)
        elif style == "'":
            tries.append(single_quote(text))
        elif style == ">" and not flow:
            tries.append(folded_block(text, indent, self.nl, old_lines))
        if style != '"' and (multi or style == "|"):
            tries.append(literal_block(text, indent, self.nl))
        for rendered in tries:
            if rendered is not None and reads_back(rendered.replace(self.nl, "\n"), text, flow):
                return rendered
        return quote(text)

    def flow(self, value: Any, template: Node | None = None) -> str:
        """A value on one line: [a, b], {k: v}, a text."""
        if isinstance(value, list):
            first = template.items[0] if template is not None and template.kind == "seq" and template.items else None
            return "[" + ", ".join(self.flow(v, first) for v in value) + "]"
        if isinstance(value, dict):
            return "{" + ", ".join(f"{key_text(k, True)}: {self.flow(v, _child(template, k))}"
                                   for k, v in value.items()) + "}"
        return self.scalar(value, flow=True, old=template)

    # --- block collections -----------------------------------------------------------

    def entry(self, key: str, value: Any, col: int, template: Node | None = None) -> list[str]:
        """`key: value` at column col, a nested list or mapping below it."""
        head = " " * col + key_text(key) + ":"
        if value is None:
            return [head]
        if isinstance(value, str):
            return (head + " " + self.scalar(value, indent=col + self.style.map_step, old=template)).split(self.nl)
        if not value:
            return [head + (" []" if isinstance(value, list) else " {}")]
        if template is not None and template.flow and template.kind in ("seq", "map"):
            return [head + " " + self.flow(value, template)]
        if isinstance(value, dict):
            return [head, *self.mapping(value, col + self.style.map_step, template)]
        return [head, *self.items(value, col + self.style.seq_indent, template)]

    def mapping(self, value: dict[str, Any], col: int, template: Node | None = None) -> list[str]:
        lines: list[str] = []
        for key, item in value.items():
            lines += self.entry(key, item, col, _child(template, key))
        return lines

    def items(self, values: list[Any], col: int, template: Node | None = None) -> list[str]:
        first = template.items[0] if template is not None and template.kind == "seq" and template.items else None
        lines: list[str] = []
        for value in values:
            lines += self.item(value, col, first)
        return lines

    def item(self, value: Any, col: int, template: Node | None = None) -> list[str]:
        """`- value` with its dash at column col."""
        gap = max(self.style.dash_gap, 1)
        dash = " " * col + "-" + " " * (gap - 1)
        if value is None:
            return [" " * col + "-"]
        if isinstance(value, str):
            return (dash + self.scalar(value, indent=col + gap, old=template)).split(self.nl)
        if not value:
            return [dash + ("[]" if isinstance(value, list) else "{}")]
        if template is not None and template.flow and template.kind in ("seq", "map"):
            return [dash + self.flow(value, template)]
        inner = self.mapping(value, col + gap, template) if isinstance(value, dict) else \
            self.items(value, col + gap, template)
        return [dash + inner[0][col + gap:], *inner[1:]]

    def value_after(self, value: Any, col: int, template: Node | None = None) -> str:
        """What follows the ':' of a key at column col."""
        lines = self.entry("k", value, col, template)
        return self.nl.join(lines)[col + 2:]


def _child(template: Node | None, key: str) -> Node | None:
    if template is None or template.kind != "map":
        return None
    i = template.key_index(key)
    return template.items[i] if i >= 0 else None
