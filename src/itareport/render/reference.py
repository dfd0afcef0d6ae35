"""--reference-doc: an agency's own Word file gives the page setup, styles, header and footer.

Like pandoc's option of that name: the body of the reference document is replaced by
the report. Styles the report uses that the reference lacks (ITATitle, ITATableText, ...)
are copied in from the built-in base.docx, so the reference's own styles win where both
have one.
"""

from __future__ import annotations

import copy
import zipfile
from pathlib import Path

from lxml import etree

from ..errors import InputError
from .ooxml import W_NS
from .package import deterministic_zip

STYLES_PART = "word/styles.xml"


def _styles(data: bytes):
    return etree.fromstring(data, etree.XMLParser(resolve_entities=False, no_network=True))


def _style_ids(root, w: str) -> dict[str, object]:
    return {el.get(f"{{{w}}}styleId"): el for el in root.iter(f"{{{w}}}style")}


def _needed(ours: dict, style_id: str, w: str) -> list[str]:
    """A style and the styles it is based on, nearest first."""
    chain = []
    while style_id in ours and style_id not in chain:
        chain.append(style_id)
        based = ours[style_id].find(f"{{{w}}}basedOn")
        style_id = based.get(f"{{{w}}}val") if based is not None else None
    return chain


def merge_reference(reference: Path, base: Path, used_styles: list[str]) -> bytes:
    """The reference .docx with the report's missing styles added from the base document."""
    try:
        with zipfile.ZipFile(reference) as zf:
            entries = [(info.filename, zf.read(info)) for info in zf.infolist()]
    except FileNotFoundError:
        raise InputError(f"{reference}: reference document not found") from None
    except IsADirectoryError:
        raise InputError(f"{reference}: is a folder, expected a Word .docx file") from None
    except (zipfile.BadZipFile, OSError) as exc:
        raise InputError(f"{reference}: not a Word .docx file ({exc})") from None
    names = [name for name, _ in entries]
    if "word/document.xml" not in names or STYLES_PART not in names:
        raise InputError(f"{reference}: not a Word .docx file (expected word/document.xml and "
                         "word/styles.xml inside)")
    with zipfile.ZipFile(base) as zf:
        ours = _style_ids(_styles(zf.read(STYLES_PART)), W_NS)
    try:
        theirs_root = _styles(dict(entries)[STYLES_PART])
    except etree.XMLSyntaxError as exc:
        raise InputError(f"{reference}: word/styles.xml is not valid XML: {exc}") from None
    theirs = _style_ids(theirs_root, W_NS)
    for wanted in used_styles:
        for style_id in _needed(ours, wanted, W_NS):
            if style_id not in theirs:
                theirs[style_id] = copy.deepcopy(ours[style_id])
                theirs_root.append(theirs[style_id])
    styles = etree.tostring(theirs_root, xml_declaration=True, encoding="UTF-8", standalone=True)
    return deterministic_zip((name, styles if name == STYLES_PART else data) for name, data in entries)

