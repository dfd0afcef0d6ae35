"""The batch's log on the command line: each data file as the batch gives it (what was written, what is
stale, missing or orphaned, why one failed), a progress bar on a terminal, and the summary at the end
(built N of M data files, the files written, the time; every failure again with its FILE:LINE:COL; after a
stop, what was and was not written). Messages become text here, in the run's language (console.Printer).
"""

from __future__ import annotations

import shlex
import sys
import time
from collections.abc import Callable, Iterable
from pathlib import Path

from . import codes
from .batch import Batch, Orphan, Stopped
from .build import BuildOptions, Outcome
from .console import Printer, error_line, fancy
from .files import OutputState
from .i18n import _
from .messages import M_, Message, Mn_, render_text
from .output.summary import render_summary
from .tally import Tally


def rebuild_command(source: Path, options: BuildOptions, folder_output: bool) -> str:
    """The exact command that writes this source's outputs as `build` was asked to."""
    words = ["itareport", "build", str(source)]
    if options.output is not None:
        out = str(options.output)
        folder = options.many or folder_output or options.keep_folders
        words += ["-o", out + "/" if folder and not out.endswith("/") else out]
    if options.keep_folders:
        words.append("--keep-folders")
    if tuple(options.formats) != ("docx",):
        words += ["-f", ",".join(options.formats)]
    if options.templates is not None:
        words += ["--templates", str(options.templates)]
    if options.reference_doc is not None:
        words += ["--reference-doc", str(options.reference_doc)]
    return " ".join(shlex.quote(w) for w in words)


def print_outcome(outcome: Outcome, out: Printer, err: Printer, check: bool, noted: set[Message],
                  hint: Callable[[Path], str]) -> None:
    """One data file (or its PDF) as the batch gives it: its diagnostics and notes, then what was written,
    or what is stale, missing, or why it failed."""
    for d in outcome.warnings + outcome.error_diagnostics:
        err.diagnostic(d)
    for note in outcome.notes:
        if note not in noted:  # the same font warning once per run, not once per file
            noted.add(note)
            err.line(_("itareport: warning: {message}").format(message=render_text(note)), "bold yellow")
    for path in outcome.outputs:  # before an error: a PDF not made comes after its .docx was written
        out.line(_("wrote {path}").format(path=path), "green")
    only_warnings = outcome.error_diagnostics and all(d.severity == "warning" for d in outcome.error_diagnostics)
    if outcome.error:
        err.line(error_line(outcome.error), "bold red")
    elif only_warnings:
        message = (_("{source}: not checked: --strict counts the warnings above as errors") if check else
                   _("{source}: not built: --strict counts the warnings above as errors"))
        err.line("itareport: " + message.format(source=outcome.source), "bold red")
    elif outcome.error_diagnostics:
        message = (_("{source}: not checked: fix the errors above") if check else
                   _("{source}: not built: fix the errors above"))
        err.line("itareport: " + message.format(source=outcome.source), "bold red")
    elif check:
        for path, state in outcome.states:
            if state is not OutputState.CURRENT:
                word = _("stale") if state is OutputState.STALE else _("missing")
                err.line(_("{state}: {path} (run: {command})").format(state=word, path=path,
                                                                     command=hint(outcome.source)), "bold red")


def print_orphan(orphan: Orphan, err: Printer) -> None:
    err.line(codes.message("ITA703", path=orphan.path, data_file=orphan.data_file), "bold red")


def print_batch_end(tally: Tally, out: Printer, err: Printer) -> int:
    """Every failure again with its FILE:LINE:COL, then the batch's summary line (after a stop: what was and
    was not written); the exit code."""
    check, total = tally.batch.check, tally.total
    failed = tally.failures
    if (total > 1 or tally.stopped) and failed:
        message = (_("FAILED: {failed} of {total} files not checked:") if check else
                   _("FAILED: {failed} of {total} files not built:"))
        err.line(message.format(failed=len(failed), total=total), "bold red")
        for record in failed:
            for d in [d for d in record.fatal if d.severity == "error"] or record.fatal:
                err.line(f"  {d.format()}")  # warnings only when --strict made them fatal
            for error in record.errors:
                err.line("  " + _("{source}: error: {message}").format(source=record.job.source,
                                                                      message=render_text(error)))
    seconds = f"{tally.seconds:.2f}"
    written, unmade = tally.count(OutputState.WRITTEN), tally.count(OutputState.FAILED)
    if tally.stopped is not None:
        done = Mn_("{n} data file", "{n} data files", tally.done)
        line = (M_("itareport: stopped by {signal}: checked {done} of {total}; nothing is written by --check",
                   signal=tally.stopped.name, done=done, total=total) if check else
                M_("itareport: stopped by {signal}: built {done} of {total}, {written} written, {left} not "
                   "(each report is as it was or completely new)", signal=tally.stopped.name, done=done,
                   total=total, written=Mn_("{n} file", "{n} files", written),
                   left=tally.count(OutputState.CANCELLED) + unmade))
        err.line(line, "bold red")
    elif check:
        bad = [(p, s) for r in tally.records for p, s in zip(r.job.targets.values(), r.states.values(), strict=True)
               if s in (OutputState.STALE, OutputState.MISSING)] + [(o.path, OutputState.ORPHAN) for o in tally.orphans]
        if bad:
            counted = dict(outputs=Mn_("{n} output file", "{n} output files", len(bad)),
                           paths=", ".join(str(p) for p, _s in bad))
            err.line(M_("FAILED: {outputs} out of date, missing or orphaned: {paths}", **counted) if tally.orphans
                     else M_("FAILED: {outputs} out of date or missing: {paths}", **counted), "bold red")
        elif not failed:
            current = Mn_("{n} output file", "{n} output files", tally.count(OutputState.CURRENT))
            out.line(M_("OK: {outputs} up to date", outputs=current) if total == 1 else
                     M_("OK: {outputs} of {total} data files up to date in {seconds} s", outputs=current,
                        total=total, seconds=seconds), "bold green")
    elif total > 1:
        counts = dict(done=tally.done, total=total, seconds=seconds,
                      written=Mn_("{n} file written", "{n} files written", written))
        if failed or unmade:
            err.line(M_("FAILED: built {done} of {total} data files, {written}, {unmade} in {seconds} s",
                        unmade=Mn_("{n} not made", "{n} not made", unmade), **counts), "bold red")
        else:
            out.line(M_("OK: built {done} of {total} data files, {written} in {seconds} s", **counts), "bold green")
    return tally.exit_code


def print_batch(items: Iterable[Outcome | Orphan], batch: Batch, hint: Callable[[Path], str],
                summary: str = "text") -> int:
    """Each outcome as it comes (the batch gives them in the order of the data files), then the end of the
    batch; a progress bar above the lines on a terminal (several files), plain lines otherwise. summary json:
    the lines on stderr and one JSON document of the whole batch on stdout. The exit code."""
    tally = Tally(batch)
    noted: set[Message] = set()
    began = time.monotonic()
    stream = sys.stderr if summary == "json" else sys.stdout
    check = batch.check
    total = tally.total * (2 if batch.pdf_later else 1)

    def show(out: Printer, err: Printer, advance: Callable[[int, bool], None]) -> None:
        try:
            for item in items:
                tally.add(item)
                if isinstance(item, Orphan):
                    print_orphan(item, err)
                    continue
                print_outcome(item, out, err, check, noted, hint)
                advance(2 if batch.pdf_later and item.stage == "files" and item.failed else 1, item.stage == "pdf")
        except Stopped as stopped:
            tally.stopped = stopped.stop

    if not (tally.total > 1 and fancy(sys.stderr)):
        out, err = Printer(stream), Printer(sys.stderr)
        show(out, err, lambda _n, _pdf: None)
    else:
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

        columns = (TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn())
        with Progress(*columns, transient=True) as progress:
            task = progress.add_task(_("checking") if check else _("building"), total=total)
            out, err = Printer(stream), Printer(sys.stderr)  # inside: printed above the bar

            def advance(steps: int, pdf: bool) -> None:
                if pdf:
                    progress.update(task, description=_("building PDFs"))
                progress.advance(task, steps)

            show(out, err, advance)
    tally.seconds = time.monotonic() - began
    code = print_batch_end(tally, out, err)
    if summary == "json":
        Printer(sys.stdout).write(render_summary(tally))
    return code
