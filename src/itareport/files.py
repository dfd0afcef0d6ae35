"""Files: where outputs go, the same-file test, atomic writes, expanding sources."""

from __future__ import annotations

import contextlib
import os
import tempfile
import time
from enum import StrEnum
from pathlib import Path

from .errors import InputError
from .i18n import _


class CheckState(StrEnum):
    """An output file, as `build --check` finds it."""

    CURRENT = "current"
    STALE = "stale"
    MISSING = "missing"


# Each output format's file suffix.
SUFFIXES = {"docx": ".docx", "pdf": ".pdf", "html": ".html", "md": ".md", "xlsx": ".xlsx"}


def output_path(source: Path, output: Path | None, suffix: str = ".docx", many: bool = False,
                also: tuple[str, ...] = ()) -> Path:
    """Where an output goes: -o as given, inside -o when it is a folder, else stem+suffix in the cwd.
    -o must end in suffix (or one of also: '.yml' beside '.yaml')."""
    if output is None:
        return Path(source.stem + suffix)
    if output.is_dir() or many:
        return output / (source.stem + suffix)
    if output.suffix.lower() not in (suffix, *also):
        raise InputError(_("{output}: expected an output path ending in {suffix}, got '{found}'").format(
            output=output, suffix=suffix, found=output.suffix or output.name))
    return output


def output_paths(source: Path, output: Path | None, formats: list[str], many: bool = False) -> dict[str, Path]:
    """Each format's file: output_path() per format; with several formats, -o NAME gives NAME.docx, NAME.pdf..."""
    if len(formats) == 1 or output is None or output.is_dir() or many:
        return {fmt: output_path(source, output, SUFFIXES[fmt], many) for fmt in formats}
    suffix = output.suffix.lower()
    if suffix and suffix not in SUFFIXES.values():
        raise InputError(_("{output}: expected an output name ending in {suffixes} (or no suffix, or a folder), "
                           "got '{found}'").format(output=output, suffixes=", ".join(SUFFIXES.values()),
                                                   found=output.suffix))
    stem = output.with_suffix("") if suffix else output
    return {fmt: stem.with_name(stem.name + SUFFIXES[fmt]) for fmt in formats}


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


def atomic_write(path: Path, data: bytes) -> None:
    """Write a file completely or not at all: a temporary file in the same folder, then rename.
    A missing folder is created (with its parents)."""
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir():
        blocked = next((p for p in (folder, *folder.parents) if p.exists() and not p.is_dir()), None)
        if blocked is not None:
            raise InputError(_("{path}: '{folder}' is a file, not a folder").format(path=path, folder=blocked))
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise InputError(_("{path}: cannot create the folder '{folder}': {error}").format(
                path=path, folder=folder, error=exc.strerror or exc)) from None
    if path.is_dir():
        raise InputError(_("{path}: is a folder, expected a file name").format(path=path))
    try:
        fd, tmp = tempfile.mkstemp(dir=folder, prefix=f".{path.name}.", suffix=".tmp")
    except OSError as exc:
        raise InputError(_("{path}: cannot write in '{folder}': {error}").format(
            path=path, folder=folder, error=exc.strerror or exc)) from None
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        mask = os.umask(0)
        os.umask(mask)
        os.chmod(tmp, 0o666 & ~mask)
        _replace(tmp, path)
    except HeldOpen:
        _unlink(tmp)
        raise InputError(_("{path}: another program has this file open: close {name} in Word "
                           "(or the program that has it open) and run again").format(
            path=path, name=path.name)) from None
    except OSError as exc:
        _unlink(tmp)
        raise InputError(_("{path}: cannot write: {error}").format(path=path, error=exc.strerror or exc)) from None
    except BaseException:
        _unlink(tmp)
        raise


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


def write_new_file(target: Path, text: str, force: bool = False, sources: tuple = ()) -> None:
    """Write a data file atomically; never over an input, nor over an existing file unless forced."""
    for source in sources:
        if same_file(Path(source), target):
            raise InputError(_("{target}: the output would overwrite the input {source}; choose another -o").format(
                target=target, source=source))
    if target.exists() and not force:
        raise InputError(_("{target}: already exists; choose another -o, or add --force to replace it").format(
            target=target))
    atomic_write(target, text.encode("utf-8"))


def expand_sources(paths: list[Path]) -> list[Path]:
    """Data files: files as given, folders as their *.yaml and *.yml files (sorted)."""
    sources: list[Path] = []
    for path in paths:
        path = Path(path)
        if path.is_dir():
            found = sorted(p for p in path.iterdir() if p.suffix.lower() in (".yaml", ".yml") and p.is_file())
            if not found:
                raise InputError(_("{path}: no .yaml data files in this folder").format(path=path))
            sources += found
        else:
            sources.append(path)
    return list(dict.fromkeys(sources))


def default_data_files(command: str = "validate") -> list[Path]:
    """Every data/*.yaml (and *.yml) under the current folder, for a command given no FILE."""
    files = sorted(Path("data").glob("*.yaml")) + sorted(Path("data").glob("*.yml"))
    if not files:
        raise InputError(_("no data/*.yaml files in this folder; name the data file, "
                           "e.g. itareport {command} data/measures_2568.yaml").format(command=command))
    return files
