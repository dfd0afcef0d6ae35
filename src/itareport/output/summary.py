"""`build --summary json`: the whole batch as one JSON document, for `build` and `build --check` alike.

    {"command": "build", "ok": false, "exit_code": 2, "stopped_by": null, "seconds": 3.2,
     "counts": {"data_files": 3, "done": 2, "outputs": {"written": 5, "current": 0, "stale": 0, "missing": 0,
                "orphan": 0, "failed": 1, "cancelled": 0}},
     "sources": [{"file": "data/a.yaml", "state": "built",
                  "outputs": [{"format": "docx", "path": "reports/a.docx", "state": "written"}, ...],
                  "errors": [], "diagnostics": [...]}, ...],
     "orphans": [{"path": "reports/old.docx", "state": "orphan", "data_file": "old.yaml"}]}

A data file's state: built, partial (some of its files written), failed, cancelled (the batch stopped
before it), checked (--check). An output's: written, failed, cancelled; current, stale, missing (--check).
Texts are in the run's language; diagnostics as Diagnostic.as_dict (file, line, col, ...).
"""

from __future__ import annotations

import json
from typing import Any

from ..files import OutputState
from ..tally import Tally


def render_summary(tally: Tally) -> str:
    sources = []
    for record in tally.records:
        sources.append({
            "file": str(record.job.source),
            "state": record.state,
            "outputs": [{"format": fmt, "path": str(path), "state": str(record.states[fmt])}
                        for fmt, path in record.job.targets.items()],
            "errors": [str(error) for error in record.errors],
            "diagnostics": [d.as_dict() for d in record.diagnostics],
        })
    document: dict[str, Any] = {
        "command": "build --check" if tally.batch.check else "build",
        "ok": tally.exit_code == 0,
        "exit_code": tally.exit_code,
        "stopped_by": tally.stopped.name if tally.stopped is not None else None,
        "seconds": round(tally.seconds, 3),
        "counts": {"data_files": tally.total, "done": tally.done,
                   "outputs": {str(state): tally.count(state) for state in OutputState}},
        "sources": sources,
        "orphans": [{"path": str(o.path), "state": str(OutputState.ORPHAN), "data_file": o.data_file}
                    for o in tally.orphans],
    }
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"
