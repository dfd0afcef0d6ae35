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

# What import and `new-year --agency` write where they have nothing to put (warnings while they stay).
MISSING = "(ไม่มีข้อความในต้นฉบับ)"
SIGNER = "(ชื่อ-สกุล ผู้ลงนาม)"
LINK = "(ที่อยู่เว็บไซต์ของหน่วยงาน)"
FILL_INS = frozenset((MISSING, SIGNER, LINK))


def placeholder_warnings(loaded: Loaded, data: Any) -> list[Diagnostic]:
    """A warning for each text that is still one of init's examples, or holds what import wrote in a gap."""
    out = []
    for path, text in iter_texts(data):
        fill = next((fill for fill in FILL_INS if fill in text), None)
        if text.strip() in PLACEHOLDERS:
            out.append(loaded.diagnostic("warning", path, codes.message("ITA390", text=repr(text))))
        elif fill is not None and (not path or path[0] != "review"):
            out.append(loaded.diagnostic("warning", path, codes.message("ITA521", text=fill)))
    return out
