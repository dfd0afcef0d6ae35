"""The round trip through Word and Excel: an edited report back into its data file.

A .docx, .xlsx or PDF itareport built carries the data file's text it was built from (provenance.py).
That text is the base: its View (view.build_view) says what the document showed and table.py /
around.py where each shown value lives in the data; the edited document (document.py) is aligned
with it place by place, and each difference is written back at its data path in the data file's
own form (back.py). The result, "theirs" (the base with the document's edits), is merged three ways
with the data file as it is now (update.merge_data): values changed on one side merge, the same
value changed on both sides is a conflict. The merged data is written by update.update_text, so
only the lines that changed change. A document without its base (an old build, a foreign file, a
PDF itareport did not make) is compared with the data file as it is now, without that protection, and says so.

    document_edits(document, base_text, name, allow_delete) -> Edits    the document's edits on the base
    plan_update(document, data_file, theirs, allow_delete) -> Plan       what --update would write, and why
    import_own(document, name) -> (text, notes) | None                    plain import of our own document
                                                                          (a PDF's text as it is: no edits)
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import DataError, Diagnostic, InputError, ItareportError
from ..i18n import N_
from ..loader import Loaded, load_text, read_source
from ..messages import M_, Message
from ..provenance import Provenance, read_provenance, source_hash
from ..table import table_columns
from ..update import ABSENT, Conflict, merge_data, update_loaded, update_text
from ..validate import validate_loaded
from ..view import build_view
from .around import AroundEdits
from .back import file_style
from .document import read_document
from .edits import Edits, Note
from .table import TableEdits

__all__ = ["Edits", "Note", "Plan", "document_edits", "import_own", "plan_update"]

NO_PROVENANCE = N_("this document does not say which data it was built from (an old build, or a file itareport "
                   "did not make): it is compared with {data} as it is now, without protection against overwriting "
                   "changes made to the data file since")
NO_SOURCE = N_("this document carries no copy of the data it was built from, and {data} has changed since: it is "
               "compared with the data file as it is now, without protection against overwriting those changes")
OTHER_NAME = N_("this document was built from {built}, not from {data}")
NO_PLACE = N_("text outside the report's places was not kept: {text}")


def _period_keys(report: Any) -> tuple[set[str], set[str], set[str]]:
    cols = table_columns(report)
    return ({"period", *(c.key for c in cols if c.type == "period")},
            {c.key for c in cols if c.type in ("money", "number")},
            {"status", *(c.key for c in cols if c.type == "status")})


def document_edits(document: Path, base_text: str, name: str, allow_delete: bool = False,
                   loaded: Loaded | None = None) -> Edits:
    """The base data (the data file's text the document was built from) with the document's edits;
    loaded: that text already loaded (it is not changed)."""
    loaded = loaded or load_text(base_text, name)
    checked = validate_loaded(loaded)
    if checked.report is None:
        raise ItareportError(M_("{name}: the data file has errors; fix them (itareport validate) before bringing a "
                                "document's edits into it", name=name),
                             [d for d in checked.diagnostics if d.severity == "error"])
    report = checked.report
    view = build_view(report)
    style = file_style(loaded.data, *_period_keys(report))
    doc = read_document(Path(document), view.columns)
    edits = Edits.of(loaded.data)
    TableEdits(edits, report, view, style, allow_delete).apply(doc)
    around = AroundEdits(edits, report, view, style, allow_delete)
    where = Path(document).name
    if doc.ours:
        around.before(doc.before, where)
        around.indicators(doc.results_rows, where)
    around.signers(doc.signers, where)
    around.facts(doc.facts, where)
    for place, text in doc.stray:
        edits.note(place, NO_PLACE, text=text[:200])
    return edits


@dataclass
class Plan:
    """What `import --update` would do: the data file's text now and after, the conflicts (nothing is
    written while there are any, unless the document's values are taken), the document's edits and notes."""

    path: Path
    old_text: str
    new_text: str
    merged: Any
    edits: Edits
    conflicts: list[Conflict] = field(default_factory=list)
    warnings: list[Note] = field(default_factory=list)
    diagnostics: list[Diagnostic] = field(default_factory=list)   # validate on the new text
    provenance: Provenance | None = None

    @property
    def changed(self) -> bool:
        return self.new_text != self.old_text


def _current(data_file: Path) -> tuple[str, Loaded]:
    text = read_source(data_file)
    loaded = load_text(text, str(data_file))
    errors = [d for d in loaded.diagnostics if d.severity == "error"]
    if errors or loaded.data is None:
        raise ItareportError(M_("{path}: the data file cannot be read as YAML; fix it before bringing a document's "
                                "edits into it; nothing was written", path=data_file), errors)
    return text, loaded


def _base(provenance: Provenance | None, current_text: str, data_file: Path, warnings: list[Note]) -> str:
    """The text the document was built from, when it is known; else the data file's text now."""
    if provenance is not None and provenance.name != data_file.name:
        warnings.append(Note("", Message(OTHER_NAME).format(built=provenance.name, data=data_file.name)))
    if provenance is not None and provenance.sha256 == source_hash(current_text):
        return current_text
    if provenance is not None and provenance.source is not None and source_hash(provenance.source) == \
            provenance.sha256 and load_text(provenance.source, provenance.name).data is not None:
        return provenance.source
    message = NO_SOURCE if provenance is not None else NO_PROVENANCE
    warnings.append(Note("", Message(message).format(data=data_file.name)))
    return current_text


def _put(data: Any, path: tuple[str | int, ...], value: Any) -> Any:
    edits = Edits(data)
    edits.set(path, value)
    return edits.data


def plan_update(document: Path, data_file: Path, theirs_win: bool = False, allow_delete: bool = False) -> Plan:
    """The document's edits merged three ways into the data file's text (nothing is written here)."""
    document, data_file = Path(document), Path(data_file)
    if not document.is_file():
        raise InputError(M_("{path}: no such file", path=document))
    current_text, current_loaded = _current(data_file)
    current = current_loaded.data
    provenance = read_provenance(document)
    warnings: list[Note] = []
    base_text = _base(provenance, current_text, data_file, warnings)
    base_loaded = current_loaded if base_text == current_text else load_text(base_text, str(data_file))
    edits = document_edits(document, base_text, str(data_file), allow_delete, base_loaded)
    base = base_loaded.data
    merged, conflicts = merge_data(base, current, edits.data)
    if theirs_win:
        for conflict in conflicts:
            merged = _put(merged, conflict.path, conflict.theirs)
        conflicts = []
    plan = Plan(data_file, current_text, current_text, merged, edits, conflicts, warnings, provenance=provenance)
    if conflicts or merged == current:
        return plan
    plan.new_text, new_loaded = update_loaded(current_text, merged, name=str(data_file))
    checked = validate_loaded(new_loaded)
    plan.diagnostics = checked.diagnostics
    return plan


def import_own(document: Path, name: str) -> tuple[str, list[Note]] | None:
    """Plain import of a document itareport built that carries its data: the embedded data file's text
    with the document's edits written in (its comments and layout kept), or as it is from a PDF (nothing
    in a PDF is edited); None for any other document."""
    provenance = read_provenance(Path(document))
    if provenance is None or provenance.source is None or source_hash(provenance.source) != provenance.sha256:
        return None
    loaded = load_text(provenance.source, name)
    if loaded.data is not None and _is_pdf(Path(document)):
        return provenance.source, []
    if loaded.data is None or validate_loaded(loaded).report is None:
        return None
    edits = document_edits(Path(document), provenance.source, name)
    try:
        text = update_text(provenance.source, edits.data, name=name)
    except ItareportError as exc:   # pragma: no cover - update_text writes any plain data
        raise DataError(exc.diagnostics) from None
    return text, edits.notes


def _is_pdf(document: Path) -> bool:
    try:
        with open(document, "rb") as handle:
            return handle.read(4) == b"%PDF"
    except OSError:
        return False


def conflict_value(value: Any) -> Message | str:
    """A value of a conflict as a line shows it."""
    if value is ABSENT:
        return M_("(removed)")
    if isinstance(value, str):
        return value
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return " | ".join(value)
    return repr(value)
