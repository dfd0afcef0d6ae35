"""`itareport build`: validate, then write each data file's reports (or, with check, compare them)."""

from __future__ import annotations

from pathlib import Path

from ..build import BuildOptions, run_all
from ..console import print_batch, rebuild_command
from ..errors import InputError
from ..files import SUFFIXES, make_folder
from ..messages import M_
from . import choose_sources


def build(files: list[Path], output: Path | None = None, output_is_folder: bool = False,
          formats: tuple[str, ...] = ("docx",), check: bool = False, reference_doc: Path | None = None,
          templates: Path | None = None, jobs: int | None = None, strict: bool = False) -> int:
    """Build (or check) every data file; output_is_folder: -o ended in / (always a folder)."""
    sources = choose_sources(files, "build")
    many = len(sources) > 1 or output_is_folder
    if many and output is not None and not output_is_folder and not output.is_dir() and (
            output.exists() or output.suffix.lower() in SUFFIXES.values()):
        raise InputError(M_("{path}: with several input files, -o must be a folder (end it with /)", path=output))
    if many and output is not None and not check:
        make_folder(output)
    options = BuildOptions(output=output, templates=templates, strict=strict, many=many, formats=formats,
                           reference_doc=reference_doc, jobs=jobs)
    pdfs = not check and "pdf" in formats
    return print_batch(run_all(sources, options, check), len(sources), check, pdfs,
                       lambda source: rebuild_command(source, options, output_is_folder))
