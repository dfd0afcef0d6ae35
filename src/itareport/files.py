"""Files: where outputs go, the same-file test, atomic writes (and their leftovers), output folders,
expanding sources."""

from __future__ import annotations

import contextlib
import difflib
import os
import re
import tempfile
import time
from enum import StrEnum
from pathlib import Path

from .errors import InputError
from .messages import M_, Message
from .oserrors import os_error_text


class OutputState(StrEnum):
    """An output file, as a batch leaves it (build) or finds it (build --check)."""

    WRITTEN = "written"
    FAILED = "failed"          # not made: its data file failed, or its PDF could not be made
    CANCELLED = "cancelled"    # not reached: the batch was stopped before it
    CURRENT = "current"
    STALE = "stale"
    MISSING = "missing"
    ORPHAN = "orphan"          # ours (its provenance says so), but its data file is gone


# Each output format's file suffix, and the formats in the order `--format` names them.
SUFFIXES = {"docx": ".docx", "pdf": ".pdf", "html": ".html", "md": ".md", "xlsx": ".xlsx"}
FORMATS = tuple(SUFFIXES)
DATA_SUFFIXES = (".yaml", ".yml")


def output_path(source: Path, output: Path | None, suffix: str = ".docx", many: bool = False,
                also: tuple[str, ...] = (), keep_folders: bool = False) -> Path:
    """Where an output goes: -o as given, inside -o when it is a folder, else stem+suffix in the cwd.
    -o must end in suffix (or one of also: '.yml' beside '.yaml'). keep_folders: under -o (or the current
    folder) in the data file's own folder, as it is below the current folder (mirrored_folder)."""
    if keep_folders:
        return mirrored_folder(source, output) / (source.stem + suffix)
    if output is None:
        return Path(source.stem + suffix)
    if output.is_dir() or many:
        return output / (source.stem + suffix)
    if output.suffix.lower() not in (suffix, *also):
        raise InputError(M_("{output}: expected an output path ending in {suffix}, got '{found}'",
                            output=output, suffix=suffix, found=output.suffix or output.name))
    return output


def output_paths(source: Path, output: Path | None, formats: list[str] | tuple[str, ...], many: bool = False,
                 keep_folders: bool = False) -> dict[str, Path]:
    """Each format's file: output_path() per format; with several formats, -o NAME gives NAME.docx, NAME.pdf..."""
    if len(formats) == 1 or output is None or output.is_dir() or many or keep_folders:
        return {fmt: output_path(source, output, SUFFIXES[fmt], many, keep_folders=keep_folders) for fmt in formats}
    suffix = output.suffix.lower()
    if suffix and suffix not in SUFFIXES.values():
        raise InputError(M_("{output}: expected an output name ending in {suffixes} (or no suffix, or a folder), "
                           "got '{found}'", output=output, suffixes=", ".join(SUFFIXES.values()), found=output.suffix))
    stem = output.with_suffix("") if suffix else output
    return {fmt: stem.with_name(stem.name + SUFFIXES[fmt]) for fmt in formats}


def mirrored_folder(source: Path, output: Path | None) -> Path:
    """--keep-folders: the data file's folder, as it is below the current folder, under -o (without -o, the
    data file's own folder). Relative to the current folder, not to the sources' common parent, so a report
    goes to the same place whichever data files a run names (pre-commit names only the changed ones)."""
    here = os.path.abspath(os.curdir)
    folder = os.path.relpath(os.path.abspath(source.parent if str(source.parent) else "."), here)
    if folder == os.pardir or folder.startswith(os.pardir + os.sep) or os.path.isabs(folder):
        raise InputError(M_("{source}: --keep-folders keeps each data file's folder as it is below the current "
                            "folder, and this one is outside it; run itareport from a folder that holds every "
                            "data file (e.g. the repository's root)", source=source))
    base = output if output is not None else Path(".")
    return base if folder == os.curdir else base / folder


def output_key(path: Path) -> str:
    """What tells two output paths apart on every system: absolute, normalised, case folded (Windows and
    macOS see Report.docx and report.docx as one file)."""
    return os.path.normcase(os.path.abspath(path)).casefold()


def same_file(a: Path, b: Path) -> bool:
    """True when a and b name the same file (through links too)."""
    try:
        if a.exists() and b.exists():
            return os.path.samefile(a, b)
    except OSError:
        pass
    try:
        return a.resolve() == b.resolve()
    except (OSError, RuntimeError):  # a symlink loop: reading it will report the problem
        return False


def atomic_write(path: Path, data: bytes, mode: int | None = None) -> None:
    """Write a file completely or not at all: a temporary file in the same folder, then rename.
    A missing folder is created (with its parents). mode: the permissions to give it (a data file
    keeps its own); else the usual ones for a new file (0o666 less the umask)."""
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir():
        blocked = next((p for p in (folder, *folder.parents) if p.exists() and not p.is_dir()), None)
        if blocked is not None:
            raise InputError(M_("{path}: '{folder}' is a file, not a folder", path=path, folder=blocked))
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise InputError(M_("{path}: cannot create the folder '{folder}': {error}",
                                path=path, folder=folder, error=os_error_text(exc))) from None
    if path.is_dir():
        raise InputError(M_("{path}: is a folder, expected a file name", path=path))
    try:
        fd, tmp = tempfile.mkstemp(dir=folder, prefix=f".{path.name}.{TEMPORARY_MARK}", suffix=".tmp")
    except OSError as exc:
        raise InputError(M_("{path}: cannot write in '{folder}': {error}",
                            path=path, folder=folder, error=os_error_text(exc))) from None
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        if mode is None:
            mask = os.umask(0)
            os.umask(mask)
            mode = 0o666 & ~mask
        os.chmod(tmp, mode)
        _replace(tmp, path)
    except HeldOpen:
        _unlink(tmp)
        raise InputError(M_("{path}: another program has this file open: close {name} in Word "
                           "(or the program that has it open) and run again", path=path, name=path.name)) from None
    except OSError as exc:
        _unlink(tmp)
        raise InputError(M_("{path}: cannot write: {error}", path=path, error=os_error_text(exc))) from None
    except BaseException:
        _unlink(tmp)
        raise


# A temporary file of atomic_write: `.NAME.itareport-XXXXXXXX.tmp` beside NAME (hidden; recognisably ours).
TEMPORARY_MARK = "itareport-"
TEMPORARY = re.compile(r"^\..+\." + TEMPORARY_MARK + r"[A-Za-z0-9_]+\.tmp$")
STALE_TEMPORARY_SECONDS = 60  # older than this, a temporary file of ours is a leftover (a write takes ms)


def remove_stale_temporaries(folder: Path, older_than: float = STALE_TEMPORARY_SECONDS) -> list[Path]:
    """Remove the temporary files of atomic_write that a killed process (kill -9, a power cut) left in this
    folder; only ours, and only those older than `older_than` seconds (another run may be writing now).
    The ones removed."""
    removed: list[Path] = []
    limit = time.time() - older_than
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return removed
    for entry in entries:
        try:
            if TEMPORARY.match(entry.name) and entry.is_file(follow_symlinks=False) and \
                    entry.stat(follow_symlinks=False).st_mtime < limit:
                os.unlink(entry.path)
                removed.append(Path(entry.path))
        except OSError:
            continue
    return removed


# Seconds to wait before each new attempt at replacing a file another program holds open (Windows:
# Word keeps its document locked; an antivirus or a sync client, for a moment): about 1.5 s in all.
REPLACE_RETRY_DELAYS = (0.05, 0.1, 0.2, 0.4, 0.8)


class HeldOpen(Exception):
    """The target exists and cannot be replaced, even after retrying: a program has it open."""


def _replace(tmp: str, path: Path) -> None:
    """os.replace, retried briefly while the existing target is held open (PermissionError)."""
    for delay in (*REPLACE_RETRY_DELAYS, None):
        try:
            os.replace(tmp, path)
            return
        except PermissionError:
            if not path.exists():  # not a held file: the folder's permissions; reported as they are
                raise
            if delay is None:
                raise HeldOpen() from None
            time.sleep(delay)


def _unlink(name: str) -> None:
    with contextlib.suppress(OSError):
        os.unlink(name)


def write_new_file(target: Path, text: str, force: bool = False, sources: tuple[Path, ...] = ()) -> None:
    """Write a data file atomically; never over an input, nor over an existing file unless forced."""
    for source in sources:
        if same_file(Path(source), target):
            raise InputError(M_("{target}: the output would overwrite the input {source}; choose another -o",
                                target=target, source=source))
    if target.exists() and not force:
        raise InputError(M_("{target}: already exists; choose another -o, or add --force to replace it",
                            target=target))
    atomic_write(target, text.encode("utf-8"))


def make_folder(path: Path) -> None:
    """Create an output folder (and its parents) unless it is there; a file in the way is an error."""
    if path.is_dir():
        return
    if path.exists():
        raise InputError(M_("{path}: is a file, expected a folder for the output", path=path))
    try:
        path.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise InputError(M_("{path}: cannot create the folder: {error}", path=path, error=os_error_text(exc))) from None


def check_output_folder(folder: Path, target: Path) -> None:
    """Before a batch writes anything (target: its first output file there, named in the error): the folder
    (or, while it does not exist, the nearest folder above it, where it will be created) must be a folder this
    process can write in. Tried by creating a file there, as
    the permissions alone do not tell (Windows' access lists, read-only mounts)."""
    existing = folder if str(folder) else Path(".")
    while not existing.exists() and existing != existing.parent:
        existing = existing.parent
    if not existing.is_dir():
        raise InputError(M_("{path}: '{folder}' is a file, not a folder", path=target, folder=existing))
    try:
        fd, probe = tempfile.mkstemp(dir=existing, prefix=f".{TEMPORARY_MARK}probe-", suffix=".tmp")
        os.close(fd)
        os.unlink(probe)
    except OSError as exc:
        raise InputError(M_("{path}: cannot write in '{folder}': {error}",
                            path=target, folder=existing, error=os_error_text(exc))) from None


def expand_sources(paths: list[Path]) -> list[Path]:
    """Data files: files as given, folders as their *.yaml and *.yml files (sorted)."""
    sources: list[Path] = []
    for path in paths:
        path = Path(path)
        if path.is_dir():
            found = sorted(p for p in path.iterdir() if p.suffix.lower() in DATA_SUFFIXES and p.is_file())
            if not found:
                raise InputError(M_("{path}: no .yaml data files in this folder", path=path))
            sources += found
        else:
            sources.append(path)
    return list(dict.fromkeys(sources))


# A data file, told cheaply from other YAML (CI workflows, docker-compose): these two top-level keys
# within its first few kilobytes.
DATA_FILE_KEYS = (re.compile(rb"^version\s*:", re.M), re.compile(rb"^measures\s*:", re.M))
DATA_FILE_HEAD = 65536


def looks_like_data_file(path: Path) -> bool:
    """True when the file starts like an itareport data file (`version:` and `measures:` at the top level)."""
    try:
        with open(path, "rb") as handle:
            head = handle.read(DATA_FILE_HEAD)
    except OSError:
        return False
    return all(key.search(head) for key in DATA_FILE_KEYS)


def default_data_files(command: str = "validate") -> tuple[list[Path], Message]:
    """The data files for a command given no FILE, and a line saying which were chosen: every
    data/*.yaml (and *.yml); else the *.yaml files of the current folder that are data files."""
    files = sorted(p for suffix in DATA_SUFFIXES for p in Path("data").glob("*" + suffix))
    if not files:
        here = sorted(p for suffix in DATA_SUFFIXES for p in Path(".").glob("*" + suffix))
        files = [p for p in here if p.is_file() and looks_like_data_file(p)]
    if not files:
        raise InputError(M_("no data files here: neither data/*.yaml nor a data file (.yaml with version: and "
                           "measures:) in this folder; name the data file, e.g. itareport {command} "
                           "data/measures_2568.yaml", command=command))
    return files, M_("no FILE given: using {files}", files=", ".join(str(p) for p in files))


def similar_names(path: Path, limit: int = 3) -> list[str]:
    """Names beside a missing file that look like it (my_2596.yaml -> my_2569.yaml), closest first."""
    folder = path.parent if str(path.parent) else Path(".")
    try:
        names = [p.name for p in folder.iterdir()]
    except OSError:
        return []
    close = difflib.get_close_matches(path.name, names, n=limit, cutoff=0.6)
    return [str(folder / name) if str(path.parent) not in ("", ".") else name for name in close]


def missing_file_message(path: Path | str) -> Message:
    """'{path}: no such file', with the names beside it that look like it."""
    message = M_("{name}: no such file", name=path)
    close = similar_names(Path(path))
    if close:
        message += M_(" (did you mean {names}?)", names=", ".join(close))
    return message

