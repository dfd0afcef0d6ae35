"""The batch: many data files built (or checked) at once, each file written as soon as it is made and told
in the order of the data files; stopped cleanly by a signal.

plan_batch   before any work: the data files (each once), each one's output files, two data files that
             would write one output (an error naming both, exit 2), output folders that are files or
             cannot be written in.
run_batch    the files phase: worker processes (pool.py) render each data file in memory and this process
             writes its files at once (atomic_write); then the PDF phase: each worker's share of the PDFs
             converted by one LibreOffice start, each PDF written as it comes. Nothing waits for the whole
             batch: a PDF's source .docx waits on disk (the spool), not in memory. Outcomes come in the
             order of the data files, each as soon as those before it are done. A stop (stopping.Stop,
             set by a signal) ends it within a second or two: no more work handed out, the workers and
             LibreOffice killed, the spool removed, the outcomes already written given, then Stopped.
find_orphans --check over whole folders: outputs of ours (provenance.py) whose data file is gone.
"""

from __future__ import annotations

import queue
import shutil
import tempfile
import threading
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path

from .build import (
    POOL_MIN_FILES,
    BuildOptions,
    Outcome,
    Rendered,
    check_inputs,
    check_targets,
    render_file,
    worker_count,
    worker_pool,
)
from .errors import Exit, InputError, ItareportError
from .files import SUFFIXES, OutputState, atomic_write, check_output_folder, output_key, remove_stale_temporaries
from .messages import M_, Message, Mn_, joined
from .pool import WorkerLost
from .provenance import read_provenance
from .render import pdf
from .render.system import find_soffice
from .stopping import Stop, forget_leftover, register_leftover

POLL = 0.1  # seconds between two looks at the stop request while waiting for LibreOffice


@dataclass(frozen=True)
class Job:
    """One data file of a batch: its place and its output files by format."""

    index: int
    source: Path
    targets: dict[str, Path]


@dataclass
class Batch:
    """What a run of `build` (or `build --check`) will do, checked before any work."""

    jobs: list[Job]
    options: BuildOptions
    check: bool = False
    orphans: bool = False     # --check over whole folders: look for outputs whose data file is gone

    @property
    def pdf_later(self) -> bool:
        """PDFs are made in the PDF phase, after the data files' other formats."""
        return not self.check and "pdf" in self.options.formats

    def first_targets(self) -> dict[Path, Path]:
        """Each output folder and the first output file going there."""
        firsts: dict[Path, Path] = {}
        for job in self.jobs:
            for target in job.targets.values():
                firsts.setdefault(target.parent, target)
        return firsts

    def folders(self) -> list[Path]:
        """The folders the outputs go to, each once, in the order of the data files."""
        return list(dict.fromkeys(target.parent for job in self.jobs for target in job.targets.values()))


@dataclass(frozen=True)
class Orphan:
    """An output of ours (its provenance says so) whose data file is not among the data files any more."""

    path: Path
    data_file: str   # the data file's name it was built from


class Stopped(Exception):
    """The batch stopped on a signal; what was written before has been given."""

    def __init__(self, stop: Stop) -> None:
        super().__init__(stop.name)
        self.stop = stop


# --- planning ---------------------------------------------------------------------------------------

def unique_sources(sources: Iterable[Path]) -> list[Path]:
    """Each data file once, in the order first given (data/a.yaml and ./data/a.yaml are one)."""
    seen: dict[str, Path] = {}
    for source in sources:
        seen.setdefault(output_key(Path(source)), Path(source))
    return list(seen.values())


def plan_batch(sources: Iterable[Path], options: BuildOptions, check: bool = False, orphans: bool = False) -> Batch:
    """The batch, or an InputError (exit 2) before anything is written: a data file given twice is built once;
    two data files that would write one output file, an output that would overwrite its data file, a missing
    templates folder or reference document, an output folder that is a file or cannot be written in."""
    unique = unique_sources(sources)
    options = replace(options, many=options.many or len(unique) > 1)
    check_inputs(options)
    jobs = []
    for index, source in enumerate(unique):
        targets = options.targets(source)
        check_targets(source, targets)
        jobs.append(Job(index, source, targets))
    collisions = find_collisions(jobs)
    if collisions:
        raise InputError(collision_message(collisions, options))
    batch = Batch(jobs, options, check, orphans and check)
    if not check:
        for folder, target in batch.first_targets().items():
            check_output_folder(folder, target)
        if "pdf" in options.formats and len(jobs) == 1:
            find_soffice()  # one data file: no LibreOffice, nothing written (a batch writes its .docx files)
    return batch


def find_collisions(jobs: list[Job]) -> list[tuple[Path, list[Job]]]:
    """Each output file two or more data files would write, with those data files."""
    writers: dict[str, tuple[Path, list[Job]]] = {}
    for job in jobs:
        for target in job.targets.values():
            writers.setdefault(output_key(target), (target, []))[1].append(job)
    return [(target, found) for target, found in writers.values() if len(found) > 1]


def collision_message(collisions: list[tuple[Path, list[Job]]], options: BuildOptions) -> Message:
    """Each output file and the data files that would all write it, then what to do."""
    lines: list[Message | str] = [
        Mn_("{output}: {n} data file would write this same file: {sources}",
            "{output}: {n} data files would write this same file: {sources}", len(found),
            output=target, sources=", ".join(str(job.source) for job in found))
        for target, found in collisions]
    examples = _kept_folders(collisions, options)
    if examples:
        lines.append(M_("nothing was written: give the data files different names, or add --keep-folders to write "
                        "each report under its data file's folder ({examples})", examples=", ".join(examples)))
    else:
        lines.append(M_("nothing was written: give the data files different names"))
    return joined(lines, "\n  ")


def _kept_folders(collisions: list[tuple[Path, list[Job]]], options: BuildOptions) -> list[str]:
    """With --keep-folders, where the colliding data files' first output would go; [] when it would not help
    (already given, data files in one folder, a data file outside the current folder)."""
    if options.keep_folders:
        return []
    kept = replace(options, keep_folders=True)
    target, found = collisions[0]
    fmt = next(f for f, path in found[0].targets.items() if path == target)
    try:
        paths = [kept.targets(job.source)[fmt] for job in found]
    except InputError:
        return []
    return [str(p) for p in paths] if len({output_key(p) for p in paths}) == len(paths) else []


# --- running ----------------------------------------------------------------------------------------

class InOrder:
    """Items that finish in any order, given back in the order of their positions, each as soon as every
    earlier one has come (only those waiting for an earlier one are held)."""

    def __init__(self, positions: Iterable[int]) -> None:
        self._order = list(positions)
        self._next = 0
        self._held: dict[int, list[Outcome]] = {}

    def add(self, position: int, item: Outcome) -> list[Outcome]:
        self._held.setdefault(position, []).append(item)
        ready: list[Outcome] = []
        while self._next < len(self._order) and self._order[self._next] in self._held:
            ready += self._held.pop(self._order[self._next])
            self._next += 1
        return ready

    def flush(self) -> list[Outcome]:
        """Those still held (an earlier one never came: the batch stopped), in order."""
        held = [item for position in self._order if position in self._held for item in self._held.pop(position)]
        self._next = len(self._order)
        return held


@dataclass
class Spool:
    """The PDF phase's work: each data file's .docx for LibreOffice, on disk in our temporary folder
    (itareport-pdf-*), with the PDF's path and the numerals setting."""

    folder: Path | None = None
    items: list[tuple[int, Path, Path, bool]] = field(default_factory=list)  # (job index, PDF, .docx, Thai)

    def add(self, index: int, target: Path, docx: bytes, thai: bool) -> None:
        if self.folder is None:
            self.folder = Path(tempfile.mkdtemp(prefix=pdf.WORK_PREFIX))
            register_leftover(self.folder)
        source = self.folder / f"{index:06d}.docx"
        source.write_bytes(docx)
        self.items.append((index, target, source, thai))

    def remove(self) -> None:
        if self.folder is not None:
            shutil.rmtree(self.folder, ignore_errors=True)
            forget_leftover(self.folder)


def run_batch(batch: Batch, stop: Stop | None = None) -> Iterator[Outcome | Orphan]:
    """Build (or check) every data file of the batch: the outcomes in the order of the data files (a data
    file's PDF as a second outcome, in the PDF phase), then, with batch.orphans, the orphans.
    Raises Stopped once the outcomes written before a stop have been given."""
    stop = stop or Stop()
    spool = Spool()
    try:
        if not batch.check:
            for folder in batch.folders():
                remove_stale_temporaries(folder)
        yield from _files_phase(batch, stop, spool)
        if spool.items and not stop.is_set():
            yield from _pdf_phase(batch, spool, stop)
        if stop.is_set():
            raise Stopped(stop)
        if batch.orphans:
            yield from find_orphans(batch)
    finally:
        spool.remove()


def _renders(batch: Batch, stop: Stop) -> Iterator[tuple[int, Rendered | WorkerLost]]:
    """(position, rendered) for each data file, as they finish: in this process for a few files, else by a
    pool of worker processes. Ends early when a stop is asked for."""
    calls = [(job.source, job.targets, batch.options, batch.check, batch.pdf_later) for job in batch.jobs]
    jobs = worker_count(batch.options)
    if len(calls) < POOL_MIN_FILES or jobs == 1:
        for position, call in enumerate(calls):
            if stop.is_set():
                return
            yield position, render_file(*call)
        return
    if stop.is_set():  # before the first file (a signal during the start-up): no workers to start
        return
    with worker_pool(min(jobs, len(calls))) as pool:
        yield from pool.map(render_file, calls, stop)
        if stop.is_set():
            pool.kill()


def _files_phase(batch: Batch, stop: Stop, spool: Spool) -> Iterator[Outcome]:
    order = InOrder(range(len(batch.jobs)))
    for position, rendered in _renders(batch, stop):
        job = batch.jobs[position]
        outcome = _write(job, rendered, spool)
        yield from order.add(position, outcome)
    yield from order.flush()


def _write(job: Job, rendered: Rendered | WorkerLost, spool: Spool) -> Outcome:
    """Write a rendered data file's files (and put its PDF's source in the spool); its outcome."""
    if isinstance(rendered, WorkerLost):
        outcome = Outcome(job.source, error=M_("{source}: not built: the worker process building it stopped "
                                               "(exit {code})", source=job.source, code=rendered.exitcode),
                          exit_code=Exit.USAGE)
    else:
        outcome = rendered.outcome
        for path, data in rendered.files:
            try:
                atomic_write(path, data)
            except ItareportError as exc:
                outcome.fail(exc)
                break
            outcome.outputs.append(path)
            outcome.states.append((path, OutputState.WRITTEN))
        if rendered.pdf is not None and not outcome.failed:
            spool.add(job.index, *rendered.pdf)
    outcome.index = job.index
    return outcome


def _pdf_phase(batch: Batch, spool: Spool, stop: Stop) -> Iterator[Outcome]:
    """The spooled .docx files to PDF: each worker thread drives one LibreOffice over its share (the files
    dealt round-robin, so the earliest data files finish first); each PDF written as it comes."""
    jobs = {job.index: job for job in batch.jobs}
    items = spool.items
    order = InOrder(range(len(items)))
    try:
        find_soffice()
    except ItareportError as exc:  # no LibreOffice: every PDF says so (the whole reason once)
        for position, (index, target, _source, _thai) in enumerate(items):
            reason = exc.message if position == 0 else M_("LibreOffice is not installed (see above)")
            yield _pdf_outcome(jobs[index], target, reason, exc.exit_code)
        return
    shares: list[list[int]] = []
    for thai in (True, False):  # the Thai-numerals setting lives in LibreOffice's profile
        group = [position for position, item in enumerate(items) if item[3] is thai]
        n = min(worker_count(batch.options), len(group))
        shares += [group[k::n] for k in range(n)]
    finished: queue.Queue[tuple[int, bytes | Message | BaseException]] = queue.Queue()
    halt = threading.Event()

    def cancelled() -> bool:
        return halt.is_set() or stop.is_set()

    folder = spool.folder
    assert folder is not None  # items were spooled

    def convert(k: int, share: list[int]) -> None:
        try:
            pdf.convert_files([items[p][2] for p in share], folder / f"run{k}", items[share[0]][3],
                              done=lambda i, result: finished.put((share[i], result)), cancel=cancelled)
        except BaseException as exc:  # LibreOffice could not be started, or a bug: every file of the share
            for position in share:
                finished.put((position, exc))

    threads = [threading.Thread(target=convert, args=(k, share), daemon=True) for k, share in enumerate(shares)]
    for thread in threads:
        thread.start()
    done: set[int] = set()
    try:
        while len(done) < len(items) and not stop.is_set():
            try:
                position, result = finished.get(timeout=POLL)
            except queue.Empty:
                if not any(thread.is_alive() for thread in threads) and finished.empty():
                    break  # every LibreOffice has ended (a file never reported: cannot happen, but never wait)
                continue
            if position in done:
                continue
            done.add(position)
            index, target, _source, _thai = items[position]
            if isinstance(result, bytes):
                try:
                    atomic_write(target, result)
                    outcome = _pdf_outcome(jobs[index], target)
                except ItareportError as exc:
                    outcome = _pdf_outcome(jobs[index], target, exc.message, exc.exit_code)
            elif isinstance(result, ItareportError):
                outcome = _pdf_outcome(jobs[index], target, result.message, result.exit_code)
            elif isinstance(result, BaseException):
                raise result
            else:
                outcome = _pdf_outcome(jobs[index], target, result)
            yield from order.add(position, outcome)
        yield from order.flush()
    finally:
        halt.set()
        for thread in threads:
            thread.join(timeout=5)


def _pdf_outcome(job: Job, target: Path, reason: Message | None = None, exit_code: int = Exit.USAGE) -> Outcome:
    """A data file's PDF: written, or not made and why."""
    if reason is None:
        return Outcome(job.source, [target], states=[(target, OutputState.WRITTEN)], index=job.index, stage="pdf")
    error = M_("{target}: the PDF was not made: {reason} (the other formats were written)", target=target,
               reason=reason)
    return Outcome(job.source, states=[(target, OutputState.FAILED)], error=error, exit_code=exit_code,
                   index=job.index, stage="pdf")


# --- orphans ------------------------------------------------------------------------------------------

PROVENANCE_FORMATS = ("docx", "xlsx", "pdf")  # the formats that carry their data file's name


def find_orphans(batch: Batch) -> list[Orphan]:
    """The outputs of ours in the folders the batch's outputs go to that no data file of the batch writes and
    whose data file (the name in their provenance) is not among the data files writing into that folder.
    Only the batch's formats that carry provenance (.docx, .xlsx, .pdf); .html and .md carry none."""
    suffixes = {SUFFIXES[fmt] for fmt in batch.options.formats if fmt in PROVENANCE_FORMATS}
    targets = {output_key(t) for job in batch.jobs for t in job.targets.values()}
    names: dict[Path, set[str]] = {}
    for job in batch.jobs:
        for target in job.targets.values():
            names.setdefault(target.parent, set()).add(job.source.name)
    found = []
    for folder in batch.folders():
        try:
            entries = sorted(folder.iterdir())
        except OSError:
            continue
        for path in entries:
            if path.suffix.lower() not in suffixes or output_key(path) in targets or not path.is_file():
                continue
            provenance = read_provenance(path)
            if provenance is not None and provenance.name not in names[folder]:
                found.append(Orphan(path, provenance.name))
    return found


def run_all(sources: Iterable[Path], options: BuildOptions, check: bool = False,
            stop: Stop | None = None) -> Iterator[Outcome | Orphan]:
    """plan_batch, then run_batch: the outcomes of building (or checking) these data files, streamed."""
    return run_batch(plan_batch(sources, options, check), stop)
