"""The web page: templates/report.html.j2 rendered from the view, autoescaped and sandboxed."""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path

from markupsafe import Markup, escape

from ..view import View, render_template

HTML_TEMPLATE = "report.html.j2"

# http and https addresses only (any other scheme, javascript: included, stays text); ASCII up to
# the first space or Thai letter, without the sentence's closing punctuation.
_URL = re.compile(r"https?://[A-Za-z0-9\-._~:/?#\[\]@!$&'()*+,;=%]+", re.IGNORECASE)
_TRAILING = ".,;:!?'\")]}"


def column_percents(shares: Sequence[float]) -> list[float]:
    """The table's column shares (the view's, as in the Word table), in percent of the table width."""
    return [round(share * 100, 2) for share in shares]


def linkify(text: str) -> Markup:
    """The text escaped, its http(s) addresses as links that open without access to this page."""
    out, pos = [], 0
    for match in _URL.finditer(text):
        url = match.group()
        while url and url[-1] in _TRAILING and not (url[-1] == ")" and url.count("(") >= url.count(")")):
            url = url[:-1]
        if "://" not in url or url.endswith("://"):
            continue
        out.append(escape(text[pos:match.start()]))
        out.append(Markup('<a href="{0}" rel="noopener">{0}</a>').format(url))
        pos = match.start() + len(url)
    out.append(escape(text[pos:]))
    return Markup("").join(out)


def render_html(view: View, templates: Path | None = None) -> bytes:
    """The self-contained HTML page for a view; every text of the data is escaped."""
    text = render_template(HTML_TEMPLATE, {"view": view, "widths": column_percents(view.shares)},
                           templates, autoescape=True, filters={"linkify": linkify})
    return text.encode("utf-8")
