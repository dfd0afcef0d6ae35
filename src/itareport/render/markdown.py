"""Markdown: a GitHub-flavoured table, for reviewing a report's changes in a pull request.

One line per table row, so a changed activity shows as one changed line in a diff.
Every text is escaped: Markdown and HTML characters show as typed, '|' cannot split a cell.
"""

from __future__ import annotations

import re

from ..view import Para, Results, Row, View

# Characters that would start emphasis, code, links, HTML or a cell boundary, and '&' of an entity.
_SPECIAL = re.compile(r"([\\`*_\[\]<>|~]|&(?=#?\w+;))")


def escape(text: str) -> str:
    """Text as literal Markdown inside a table cell (newlines become <br>)."""
    lines = (_SPECIAL.sub(r"\\\1", line.strip()) for line in text.split("\n"))
    return "<br>".join(lines)


def _cell(paragraphs: list[Para]) -> str:
    return "<br>".join(escape(f"{p.label} {p.text}" if p.label else p.text) for p in paragraphs)


def _paragraphs(lines: list[str], bold: bool = False) -> list[str]:
    """Blank-line separated paragraphs; a line of the data never starts a list or a heading."""
    out = []
    for line in lines:
        if not line.strip():
            continue
        text = escape(line)
        if re.match(r"[-=]|\d+\.", text):
            text = "\\" + text
        out.append(f"**{text}**" if bold else text)
    return out


def _table(headers: list[str], rows: list[Row]) -> str:
    table = ["| " + " | ".join(escape(h) for h in headers) + " |", "|" + "---|" * len(headers)]
    table += ["| " + " | ".join(_cell(cell) for cell in row.cells) + " |" for row in rows]
    return "\n".join(table)


def _results(results: Results) -> list[str]:
    """The ITA results section: heading and score, the indicators' table, the two lists."""
    parts = _paragraphs(results.lines[:1], bold=True) + _paragraphs(results.lines[1:])
    if results.rows:
        parts.append(_table(results.headers, results.rows))
    for heading, paragraphs in results.lists:
        parts += _paragraphs([heading], bold=True)
        parts.append("\n".join(f"- {escape(p.label or '')} {escape(p.text)}".replace("-  ", "- ") for p in paragraphs))
    return parts


def render_markdown(view: View) -> bytes:
    parts = _paragraphs([view.indicator_line]) if view.indicator_line else []
    parts += _paragraphs(view.title_lines, bold=True) + _paragraphs(view.intro_lines)
    if view.results is not None:
        parts += _results(view.results)
    parts.append(_table(view.headers, view.rows))
    for block in view.signers:
        parts.append("  \n".join(_paragraphs(block)))
    return ("\n\n".join(parts) + "\n").encode("utf-8")
