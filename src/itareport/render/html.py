"""The web page: templates/report.html.j2 rendered from the view, autoescaped and sandboxed."""

from __future__ import annotations

from pathlib import Path

from ..view import render_template
from .docx import COLUMN_SHARES

HTML_TEMPLATE = "report.html.j2"


def column_percents(shares=COLUMN_SHARES) -> list[float]:
    """The Word table's column shares, in percent of the table width."""
    return [round(share * 100, 2) for share in shares]


def render_html(view, templates: Path | None = None) -> bytes:
    """The self-contained HTML page for a view; every text of the data is escaped."""
    text = render_template(HTML_TEMPLATE, {"view": view, "widths": column_percents(view.shares or COLUMN_SHARES)}, templates,
                           autoescape=True)
    return text.encode("utf-8")
