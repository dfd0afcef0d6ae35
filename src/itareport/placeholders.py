"""The example texts `itareport init` writes, defined once: scaffold writes them, validate warns while they stay.

A report still holding one of them is unfinished, so each is a warning (ITA390) and
`validate --strict` and `build --strict` (as CI runs them) fail until it is replaced.
"""

from __future__ import annotations

from typing import Any

from . import codes
from .errors import Diagnostic
from .loader import Loaded, iter_texts

AGENCY = "ชื่อหน่วยงาน"
MEASURE = "ชื่อมาตรการที่ ๑"
GROUPED_MEASURE = "ชื่อมาตรการที่ ๒ (มาตรการที่มีหลายกิจกรรม)"
ACTIVITY = "ชื่อกิจกรรมที่ ๑"
STEPS = ("ขั้นตอนที่ ๑", "ขั้นตอนที่ ๒")
ACTIVITY_STEP = "ขั้นตอนของกิจกรรมนี้"

PLACEHOLDERS = frozenset((AGENCY, MEASURE, GROUPED_MEASURE, ACTIVITY, *STEPS, ACTIVITY_STEP))


def placeholder_warnings(loaded: Loaded, data: Any) -> list[Diagnostic]:
    """A warning for each text that is still one of init's examples."""
    return [loaded.diagnostic("warning", path, codes.message("ITA390", text=repr(text)))
            for path, text in iter_texts(data) if text.strip() in PLACEHOLDERS]
