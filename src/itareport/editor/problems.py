"""Diagnostics as the page shows them: each at its form field, and the to-do items.

The one place where a Diagnostic becomes what the page draws. A field is named by its data
path with 0-based indexes, joined by dots ('measures.2.period.to' for the diagnostic path
'measures[3].period.to'); the page shows a problem at that field's control, or at the
nearest enclosing one that exists. To-do items: the example texts `init` wrote (ITA390), the texts
import wrote in a gap (ITA521), and what import left to check: the items of `review:`.
"""

from __future__ import annotations

import bisect
from typing import Any

from ..errors import Diagnostic
from ..loader import Loaded, parse_path
from ..review import REVIEW, review_items

PLACEHOLDER_CODES = ("ITA390", "ITA521")
LEFTOVER_MARK = "ต้นฉบับ"


def field_path(path: str) -> list[str | int]:
    """'measures[3].period.to' -> ['measures', 2, 'period', 'to'] (indexes 0-based)."""
    return list(parse_path(path))


def field_name(parts: list[str | int] | tuple) -> str:
    """['measures', 2, 'period', 'to'] -> 'measures.2.period.to': the id of the field in the page."""
    return ".".join(str(p) for p in parts)


def problem_json(d: Diagnostic) -> dict[str, Any]:
    """A diagnostic for the page: where it goes in the form, and what it says (already translated)."""
    return {"field": field_name(field_path(d.path)), "severity": d.severity, "code": d.code,
            "message": d.message, "line": d.line, "col": d.col, "text": d.format()}


def todo_items(loaded: Loaded, text: str, diagnostics: list[Diagnostic]) -> list[dict[str, Any]]:
    """init's example texts still in the file and the texts import wrote in a gap (ITA390, ITA521), then
    import's leftovers: the items of `review:` (ITA520; `review` is the item's index, for the page to delete it
    once checked) and, in files imported before there was `review:`, comments starting 'ต้นฉบับ', each at the
    field it stands above (none: at the end of the file)."""
    items = [{"field": field_name(field_path(d.path)), "kind": "placeholder", "text": d.message, "line": d.line}
             for d in diagnostics if d.code in PLACEHOLDER_CODES]
    for item in review_items(loaded):
        shown = f"{item.what} ({item.source})" if item.source else item.what
        items.append({"field": field_name(item.at), "kind": "leftover", "text": shown,
                      "line": loaded.locate((REVIEW, item.index))[0], "review": item.index})
    starts = sorted((pos, path) for path, pos in loaded.positions.items() if path)
    lines = [pos for pos, _path in starts]
    for number, line in enumerate(text.splitlines(), start=1):
        comment = line.strip()
        if not comment.startswith("#") or not comment.lstrip("# ").startswith(LEFTOVER_MARK):
            continue
        at = bisect.bisect_right(lines, (number, 10**9))
        field = field_name(starts[at][1]) if at < len(starts) else ""
        items.append({"field": field, "kind": "leftover", "text": comment.lstrip("# "), "line": number})
    return items
