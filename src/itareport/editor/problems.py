"""Diagnostics as the page shows them: each at its form field, and the to-do items.

The one place where a Diagnostic becomes what the page draws. A field is named by its data
path with 0-based indexes, joined by dots ('measures.2.period.to' for the diagnostic path
'measures[3].period.to'); the page shows a problem at that field's control, or at the
nearest enclosing one that exists. To-do items: the example texts `init` wrote (ITA390) and
what `import` could not place, kept in the file as comments starting 'ต้นฉบับ'.
"""

from __future__ import annotations

import bisect
from typing import Any

from ..errors import Diagnostic
from ..loader import Loaded, parse_path

PLACEHOLDER_CODE = "ITA390"
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
    """init's example texts still in the file, then import's leftovers ('# ต้นฉบับ...' comments),
    each at the field it stands above (none: at the end of the file)."""
    items = [{"field": field_name(field_path(d.path)), "kind": "placeholder", "text": d.message, "line": d.line}
             for d in diagnostics if d.code == PLACEHOLDER_CODE]
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
