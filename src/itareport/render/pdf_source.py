"""A file carried inside a PDF: the data file a report was built from, embedded in the PDF LibreOffice
made (an embedded file in the catalog's EmbeddedFiles name tree, related to the document as its
source: PDF 2.0's associated files, as PDF/A-3 and Factur-X carry an invoice's XML), and read back.

The file is added as an incremental update: LibreOffice's bytes stay as they are, and the new objects
(the compressed file, its specification, the name tree, the catalog that points at them) come after
them with their own cross-reference section. pypdf (pure Python) writes and reads it. Any PDF viewer
lists the file among the document's attachments.

Plain bytes and names only: what the file is (the provenance) is provenance.py's business.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import logging
import zlib
from collections.abc import Iterator
from typing import cast

from pypdf import PdfReader, PdfWriter
from pypdf.generic import (
    ArrayObject,
    ByteStringObject,
    DictionaryObject,
    NameObject,
    NumberObject,
    StreamObject,
    TextStringObject,
)

# What a viewer's attachment panel says about the file (fixed text: the same in every language's build).
DESCRIPTION = ("ไฟล์ข้อมูลที่ใช้สร้างรายงานนี้ (itareport): คำสั่ง itareport import ให้ไฟล์นี้คืน / "
               "the itareport data file this report was built from: itareport import gives it back")
MEDIA_TYPE = "/application/yaml"   # RFC 9512's media type, as a PDF name (pypdf writes its '/' as #2F)


def attach(pdf: bytes, name: str, data: bytes) -> bytes:
    """The PDF with data embedded under name, as its source: LibreOffice's bytes, then an incremental update."""
    writer = PdfWriter(PdfReader(io.BytesIO(pdf)), incremental=True)
    _keep_information(writer)
    embedded = writer.add_attachment(name, b"")
    stream = cast(StreamObject, cast(DictionaryObject, embedded.pdf_object["/EF"])["/F"].get_object())
    stream[NameObject("/Filter")] = NameObject("/FlateDecode")
    stream.set_data(zlib.compress(data, 9))   # stored compressed: a data file's Thai is 3 bytes a letter
    embedded.subtype = NameObject(MEDIA_TYPE)
    embedded.size = NumberObject(len(data))
    embedded.checksum = ByteStringObject(hashlib.md5(data).digest())   # the PDF's own check (an MD5), not ours
    embedded.alternative_name = TextStringObject(name)
    embedded.description = TextStringObject(DESCRIPTION)
    embedded.associated_file_relationship = NameObject("/Source")
    reference = embedded.pdf_object.indirect_reference
    if reference is not None:
        writer.root_object[NameObject("/AF")] = ArrayObject([reference])
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _keep_information(writer: PdfWriter) -> None:
    """The document information (title, author, keywords) written again, unchanged, as a new object, so the
    update's trailer names it. ISO 32000 wants every entry of the previous trailer in the added one; pypdf
    writes /Info there only when the information changed, and readers that take the newest trailer's
    (poppler's pdfinfo, pdfminer, viewers' title bars) would lose the title."""
    information = writer.metadata
    if information is None:
        return
    values = dict(information)
    writer.metadata = None
    writer.add_metadata(values)


def attachments(pdf: bytes) -> list[tuple[str, bytes]]:
    """The files embedded in a PDF (name, content), in the name tree's order; none when it cannot be read."""
    with _quiet():
        try:
            reader = PdfReader(io.BytesIO(pdf))
            if reader.is_encrypted:
                return []
            return [(entry.name, entry.content) for entry in reader.attachment_list]
        except Exception:   # a damaged PDF makes pypdf raise almost anything; the foreign reader explains it
            return []


@contextlib.contextmanager
def _quiet() -> Iterator[None]:
    """pypdf's notes about a damaged file kept off the user's terminal (logging's last-resort handler)."""
    logger = logging.getLogger("pypdf")
    level = logger.level
    logger.setLevel(logging.CRITICAL + 1)
    try:
        yield
    finally:
        logger.setLevel(level)
