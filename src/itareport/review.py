"""Leftovers to review: what import (or `new-year --agency`) guessed, dropped, merged or could not
place, recorded in the data file itself so that it stays visible until an officer has looked:

    review:
      - path: measures[3].owner
        what: ต้นฉบับไม่มีผู้รับผิดชอบ ใส่ข้อความแทนไว้: กรอกเอง
      - what: ข้อความท้ายตารางที่อ่านไม่ได้ ย้ายไปไว้ในที่ที่ควรอยู่
        source: ผู้รายงาน ผู้เห็นชอบ

`validate` warns about each item (ITA520) at the value it names (or at the item when the path
names nothing in the file) until the item is deleted, so `--strict` and CI fail on an import that
nobody has checked. The texts itareport writes where the source had nothing (placeholders.py)
warn on their own (ITA521) while they stay, even when their item was deleted.
"""

from __future__ import annotations

from dataclasses import dataclass

from . import codes
from .errors import Diagnostic
from .loader import Loaded, Path_, format_path, parse_path

REVIEW = "review"


@dataclass(frozen=True)
class Leftover:
    """One item to review: where in the data (a path), what to check (Thai), the source's text."""

    path: Path_
    what: str
    source: str | None = None

    def as_data(self) -> dict[str, str]:
        item = {"path": format_path(self.path)} if self.path else {}
        item["what"] = self.what
        if self.source:
            item["source"] = self.source
        return item


def review_data(leftovers: list[Leftover]) -> list[dict[str, str]] | None:
    """The data file's `review:` list (None: no key at all)."""
    return [item.as_data() for item in leftovers] or None


@dataclass(frozen=True)
class Item:
    """A `review:` item as the file holds it: its index, where its warning goes, what it says."""

    index: int
    at: Path_          # the value it names, or the item itself when it names nothing in the file
    what: str
    source: str | None


def review_items(loaded: Loaded) -> list[Item]:
    """The file's `review:` items (those that are mappings; the schema reports the others)."""
    data = loaded.data
    items = data.get(REVIEW) if isinstance(data, dict) else None
    out: list[Item] = []
    for i, item in enumerate(items if isinstance(items, list) else []):
        if not isinstance(item, dict):
            continue
        what = item.get("what") if isinstance(item.get("what"), str) else ""
        source = item.get("source") if isinstance(item.get("source"), str) else None
        named = parse_path(item["path"]) if isinstance(item.get("path"), str) else ()
        at = named if named and named[0] != REVIEW and named in loaded.positions else (REVIEW, i)
        out.append(Item(i, at, what, source))
    return out


def excerpt(text: str, limit: int = 80) -> str:
    """A long source text cut at a space before the limit (never inside a word), with "…"."""
    if len(text) <= limit:
        return text
    cut = text.rfind(" ", 0, limit)
    return text[:cut if cut > limit // 2 else limit].rstrip() + "…"


def review_warnings(loaded: Loaded) -> list[Diagnostic]:
    """A warning for each item of `review:`, at the value it names (else at the item itself)."""
    out = []
    for item in review_items(loaded):
        if item.at == (REVIEW, item.index):
            message = codes.message("ITA520", "here", what=item.what)
        else:
            message = codes.message("ITA520", what=item.what, number=item.index + 1,
                                    line=loaded.locate((REVIEW, item.index))[0])
        if item.source:
            message += codes.message("ITA520", "source", source=excerpt(item.source))
        out.append(loaded.diagnostic("warning", item.at, message))
    return out
