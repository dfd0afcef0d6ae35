"""Import a measures table from a report into a data file: Word (.docx), PDF, Excel (.xlsx),
.csv or tab-separated text.

Reading happens in two steps. A reader turns the file into a Source (source.py): the paragraphs
before and after the table, and the table's rows with each cell assigned to one of the six
official columns by its header. docx.py, pdf.py and sheet.py give their paragraphs and tables
(grid rows of cells with spans and merges) to grid.assemble, which finds the header and builds
the Source; text.py reads tab-separated lines itself. Then convert.convert() reads the measures
out of the rows: numbers and bullets typed as text or given by Word's list numbering (labels.py),
measures spanning several rows, periods written as text (..periods). Whatever it cannot
understand is kept as a YAML comment and a warning (ITA5xx); no text of the table is dropped.

To add a source: a reader that yields SourcePara and grid.Table blocks in reading order, passed to
grid.assemble; add what it could not read to Source.notes; route to it in read_source_file.

Texts are written as found: typos, stray spaces and Thai digits stay (runs of spaces
become one space; HTML tags are removed). Periods become {from, to} in Arabic digits.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

from ..errors import DataError, InputError
from ..files import missing_file_message
from ..loader import decode_source, load_text
from ..messages import M_, Message, Mn_, joined
from ..oserrors import os_error_text
from ..validate import validate_loaded
from ..yaml_writer import DEFAULT_SCHEMA_REF, diagnostics_at, dump_yaml, help_header
from .convert import convert
from .docx import not_docx, read_docx
from .labels import header_fields, read_label, split_numbered
from .pdf import read_pdf
from .sheet import read_csv, read_xlsx
from .source import MAX_SOURCE_BYTES, ImportResult, Source, SourcePara
from .text import read_text

__all__ = ["ImportResult", "Source", "SourcePara", "header_fields", "import_file", "read_label", "read_source_file",
           "split_numbered"]


def _zip_has(path: Path, name: str) -> bool:
    try:
        with zipfile.ZipFile(path) as zf:
            return name in zf.namelist()
    except (zipfile.BadZipFile, OSError):
        return False


def read_source_file(path: Path) -> Source:
    """The Source of a report file, by its kind (content first, then the name's ending)."""
    try:
        if path.is_dir():
            raise InputError(M_("{path}: is a folder, expected a report (.docx, .pdf, .xlsx, .csv or .txt)",
                                path=path))
        size = path.stat().st_size
    except FileNotFoundError:
        raise InputError(missing_file_message(path)) from None
    except OSError as exc:
        raise InputError(M_("{path}: cannot read: {error}", path=path, error=os_error_text(exc))) from None
    if size > MAX_SOURCE_BYTES:
        raise InputError(M_("{path}: larger than the {size} MB limit for a report",
                            path=path, size=MAX_SOURCE_BYTES // 1048576))
    try:
        head = path.read_bytes()[:4]
    except OSError as exc:
        raise InputError(M_("{path}: cannot read: {error}", path=path, error=os_error_text(exc))) from None
    suffix = path.suffix.lower()
    if suffix == ".pdf" or head.startswith(b"%PDF"):
        return read_pdf(path)
    if suffix in (".xlsx", ".xlsm") or (head.startswith(b"PK\x03\x04") and _zip_has(path, "xl/workbook.xml")):
        return read_xlsx(path)
    if suffix == ".csv":
        return read_csv(path)
    if suffix in (".xls", ".ods", ".odt"):
        raise InputError(M_("{path}: a {kind} file; save it as .xlsx (a spreadsheet) or .docx (a document) and "
                           "import that", path=path, kind=suffix))
    if suffix in (".docx", ".docm", ".dotx") or head.startswith(b"PK\x03\x04"):
        return read_docx(path)
    if suffix == ".doc" or head.startswith(b"\xd0\xcf\x11\xe0"):
        raise InputError(not_docx(path))
    try:
        text = decode_source(path.read_bytes(), str(path))
    except DataError as exc:
        raise InputError(exc.diagnostics[0].format()) from None
    return read_text(text, str(path))


def import_file(path, output_name: str | None = None, schema_ref: str = DEFAULT_SCHEMA_REF) -> ImportResult:
    """A data file (YAML text) from a report (Word, PDF, Excel, CSV or tab-separated text), and what to check in it."""
    path = Path(path)
    source = read_source_file(path)
    data, notes = convert(source)
    header = help_header(schema_ref, [f"นำเข้าจาก {path.name} ด้วยคำสั่ง itareport import",
                                      "ส่วนที่โปรแกรมเดาไว้หรืออ่านไม่ได้อยู่ใต้ review: ท้ายไฟล์ ตรวจและแก้ แล้วลบรายการนั้นออก"])
    text = dump_yaml(data, notes.comments, header)
    name = output_name or path.stem + ".yaml"
    loaded = load_text(text, name)
    if loaded.data is None:   # a writer bug: never hand back a file that does not load
        raise InputError(M_("{path}: the data file made from it would not load ({problem}); nothing was written. "
                           "Please report this with the file.", path=path, problem=loaded.diagnostics[0].message))
    warnings = diagnostics_at(text, name, notes.messages)
    checked = validate_loaded(loaded)
    warnings += [d for d in checked.diagnostics if d.severity == "error"]
    return ImportResult(text, warnings, data, summary(data, len(source.header)))


def summary(data: dict, columns: int) -> Message:
    """One line on what was read and what is left to check: measures, rows, columns, signers, leftovers."""
    measures = data["measures"]
    rows = sum(len(m["activities"]) if "activities" in m else 1 for m in measures)
    read = joined([Mn_("{n} measure", "{n} measures", len(measures)), Mn_("{n} row", "{n} rows", rows),
                   Mn_("{n} column", "{n} columns", len(data.get("columns") or []) or columns),
                   Mn_("{n} signer", "{n} signers", len(data.get("signers") or []))], M_(", "))
    left = len(data.get("review") or [])
    if not left:
        return M_("read {read}; nothing left to check", read=read)
    return M_("read {read}; {left} to check under review: at the end of the file (validate warns until each is "
              "deleted)", read=read, left=Mn_("{n} leftover", "{n} leftovers", left))
