"""`itareport import`: a report (Word, PDF, Excel, CSV, text) read into a new data file; with --update,
an edited report's changes written into an existing data file (a minimal diff, merged three ways)."""

from __future__ import annotations

import sys
from pathlib import Path

from ..console import Printer, error_line
from ..errors import Exit, ItareportError
from ..files import make_folder, output_path, write_new_file
from ..importer import import_file
from ..loader import format_path, load_text
from ..messages import M_, Message, Mn_, joined
from ..roundtrip import Note, Plan, conflict_value, import_own, plan_update
from ..roundtrip.edits import (
    MEASURES_ADDED,
    MEASURES_REMOVED,
    ROWS_ADDED,
    ROWS_REMOVED,
    SIGNERS_ADDED,
    SIGNERS_REMOVED,
    VALUES,
)
from ..update import ChangedOnDisk, UpdateError, unified_diff, write_data_file
from ..validate import validate_loaded
from ..yaml_writer import schema_ref_for
from . import write_schema


def import_report(report: Path, output: Path | None = None, output_is_folder: bool = False,
                  to_stdout: bool = False, force: bool = False) -> int:
    """Write the data file (or print it, to_stdout); warnings on stderr. Exit 1 when an error was kept."""
    if output_is_folder and output is not None:
        make_folder(output)
    target = None if to_stdout else output_path(report, output, ".yaml", also=(".yml",))
    name = str(target) if target else "<stdout>"
    err = Printer(sys.stderr)
    own = import_own(report, name)
    if own is not None:   # a document itareport built, with the data it was built from
        text, notes = own
        _warn(err, notes)
        warnings = [d for d in validate_loaded(load_text(text, name)).diagnostics if d.severity == "error"]
        summary_line = None
    else:
        ref = schema_ref_for(target or Path.cwd() / "stdout.yaml")   # stdout: as if written here
        result = import_file(report, name, ref)
        text, warnings, summary_line = result.yaml_text, result.warnings, result.summary
    if target is None:
        Printer(sys.stdout).write(text)
    else:
        write_new_file(target, text, force, (report,))
        Printer(sys.stdout).line(M_("wrote {path}", path=target), "green")
        write_schema(target)
    for d in warnings:
        err.diagnostic(d)
    if summary_line is not None:
        (err if target is None else Printer(sys.stdout)).line(summary_line)
    if any(d.severity == "error" for d in warnings):
        return Exit.INVALID
    return Exit.OK


def _warn(err: Printer, notes: list[Note]) -> None:
    for note in notes:
        err.line(M_("itareport: warning: {message}", message=note.message), "bold yellow")


def update_report(report: Path, data_file: Path, dry_run: bool = False, theirs: bool = False,
                  allow_delete: bool = False) -> int:
    """Bring an edited report's changes into the data file (or, dry_run, print them as a diff). Exit 1 on
    conflicts (nothing written) or when the result does not validate; 2 when a file cannot be read or written."""
    out, err = Printer(sys.stdout), Printer(sys.stderr)
    try:
        plan = plan_update(report, data_file, theirs, allow_delete)
    except ItareportError as exc:
        for d in exc.diagnostics:
            err.diagnostic(d)
        err.line(error_line(exc.message), "bold red")
        return int(exc.exit_code)
    _warn(err, plan.warnings + plan.edits.notes)
    if plan.conflicts:
        err.line(Mn_("{path}: {n} value was changed both in the data file and in the document; nothing was "
                     "written:", "{path}: {n} values were changed both in the data file and in the document; "
                     "nothing was written:", len(plan.conflicts), path=data_file), "bold red")
        for conflict in plan.conflicts:
            err.line(M_("  {field}: the data file has '{ours}', the document has '{theirs}'",
                        field=format_path(conflict.path), ours=conflict_value(conflict.ours),
                        theirs=conflict_value(conflict.theirs)))
        err.line(M_("Keep one of them: edit the data file, or run again with --theirs to take the document's values."))
        return Exit.INVALID
    diff = unified_diff(plan.old_text, plan.new_text, data_file.as_posix().lstrip("/"))
    if dry_run:
        out.write(diff)
    elif plan.changed:
        try:
            write_data_file(data_file, plan.merged, expected=plan.old_text)
        except ChangedOnDisk:
            err.line(error_line(M_("{path}: the file changed while the document was read; nothing was written; run "
                                   "the command again", path=data_file)), "bold red")
            return Exit.USAGE
        except UpdateError as exc:
            err.line(error_line(exc.message), "bold red")
            return Exit.USAGE
    out.line(summary(plan, dry_run), "green" if plan.changed else "")
    for d in plan.diagnostics:
        err.diagnostic(d)
    return Exit.INVALID if any(d.severity == "error" for d in plan.diagnostics) else Exit.OK


def counted(key: str, n: int) -> Message:
    """One count of the summary."""
    forms = {
        VALUES: lambda: Mn_("{n} value changed", "{n} values changed", n),
        MEASURES_ADDED: lambda: Mn_("{n} measure added", "{n} measures added", n),
        MEASURES_REMOVED: lambda: Mn_("{n} measure removed", "{n} measures removed", n),
        ROWS_ADDED: lambda: Mn_("{n} activity added", "{n} activities added", n),
        ROWS_REMOVED: lambda: Mn_("{n} activity removed", "{n} activities removed", n),
        SIGNERS_ADDED: lambda: Mn_("{n} signer added", "{n} signers added", n),
        SIGNERS_REMOVED: lambda: Mn_("{n} signer removed", "{n} signers removed", n),
    }
    return forms[key]()


def summary(plan: Plan, dry_run: bool) -> Message:
    """The last line: what the document changed."""
    if not plan.changed:
        return M_("{path}: no changes; the data file is as the document shows it", path=plan.path)
    counts = plan.edits.counts
    said = joined([counted(key, counts.get(key, 0)) for key in (VALUES, MEASURES_ADDED, MEASURES_REMOVED, ROWS_ADDED,
                                                                ROWS_REMOVED, SIGNERS_ADDED, SIGNERS_REMOVED)
                   if key == VALUES or counts.get(key)], ", ")
    if dry_run:
        return M_("{path}: would write {changes}, no conflicts (--dry-run: nothing written)", path=plan.path,
                  changes=said)
    return M_("{path}: wrote {changes}, no conflicts", path=plan.path, changes=said)
