"""`--format json`: one document with the counts and every file's diagnostics (as Diagnostic.as_dict)."""

from __future__ import annotations

import json
from typing import Any

from ..results import Validation


def render_json(run: Validation) -> str:
    files: list[dict[str, Any]] = []
    for f in run.files:
        entry: dict[str, Any] = {"file": str(f.path), "valid": f.valid}
        if f.error is not None:
            entry["error"] = str(f.error)
        entry["diagnostics"] = [d.as_dict() for d in f.diagnostics]
        files.append(entry)
    document = {"valid": not run.fatal and not run.unread, "errors": run.errors, "warnings": run.warnings,
                "files": files}
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"
