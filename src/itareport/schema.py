"""The JSON Schema of the data file, generated from the model (for editors: completion and checks).

schema/itareport.schema.json in the repository is this output, kept equal by a test;
data files point at it with '# yaml-language-server: $schema=../schema/itareport.schema.json'.
A data file written where no project schema is reachable gets one beside it (write_schema_beside).
"""

from __future__ import annotations

import json
from pathlib import Path

from .files import atomic_write
from .model import Report
from .yaml_writer import SCHEMA_NAME, schema_ref_for

SCHEMA_ID = "https://itareport.invalid/schema/itareport.schema.json"
DRAFT = "https://json-schema.org/draft/2020-12/schema"

# Messages editors (VS Code) show when a pattern does not match.
_PATTERN_MESSAGES = {
    "^[0-9๐-๙]{4}-[0-9๐-๙]{1,2}$": "YYYY-MM in Buddhist era, e.g. 2567-10 / ปี พ.ศ.-เดือน เช่น 2567-10",
    "^[0-9๐-๙]{4}$": "a Buddhist-era year, e.g. 2568 / ปี พ.ศ. เช่น 2568",
}


def _annotate(node) -> None:
    if isinstance(node, dict):
        # A row fits both Activity and ColumnRow (`columns:` decides, which the schema cannot see).
        if any("ColumnRow" in str(ref.get("$ref")) for ref in node.get("oneOf", []) if isinstance(ref, dict)):
            node["anyOf"] = node.pop("oneOf")
        message = _PATTERN_MESSAGES.get(node.get("pattern"))
        if message:
            node["patternErrorMessage"] = message
        for value in node.values():
            _annotate(value)
    elif isinstance(node, list):
        for value in node:
            _annotate(value)


def _rows_by_columns(body: dict) -> None:
    """Rows are ColumnRows (the agency's own keys) only in a file with `columns:`, Activities otherwise."""
    measures = body["properties"]["measures"]
    refs = measures.pop("items")["anyOf"]
    body["if"] = {"required": ["columns"]}
    body["then"] = {"properties": {"measures": {"items": {"anyOf": [r for r in refs if "/Activity" not in r["$ref"]]}}}}
    body["else"] = {"properties": {"measures": {"items": {"oneOf": [r for r in refs if "ColumnRow" not in r["$ref"]]}}}}


def report_schema() -> dict:
    """The data file's JSON Schema (draft 2020-12) with Thai and English descriptions."""
    body = Report.model_json_schema(by_alias=True)
    _annotate(body)
    _rows_by_columns(body)
    return {"$schema": DRAFT, "$id": SCHEMA_ID, **body}


def schema_text() -> str:
    """The schema as committed: sorted keys, two-space indent, Thai unescaped, final newline."""
    return json.dumps(report_schema(), ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def write_schema_beside(target: Path) -> Path | None:
    """The schema written as itareport.schema.json beside a data file about to be written at target, when its
    modeline names that file (no project schema is reachable: yaml_writer.schema_ref_for) and it is missing or
    an older itareport's; the path written, or None. A file of that name that is not itareport's is left alone."""
    if schema_ref_for(target) != SCHEMA_NAME:
        return None
    beside = Path(target).parent / SCHEMA_NAME
    text = schema_text()
    try:
        old = beside.read_text(encoding="utf-8") if beside.is_file() else None
    except (OSError, UnicodeDecodeError):
        return None
    if old == text or (old is not None and SCHEMA_ID not in old):
        return None
    atomic_write(beside, text.encode("utf-8"))
    return beside
