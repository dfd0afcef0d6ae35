"""Office packages as zips of parts: reading one, and writing one whose bytes depend only on its parts."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterable
from pathlib import Path

from ..errors import InputError
from ..messages import M_

ZIP_DATE = (1980, 1, 1, 0, 0, 0)


def deterministic_zip(entries: Iterable[tuple[str, bytes]]) -> bytes:
    """A zip whose bytes depend only on the entries: fixed dates, modes and order."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in entries:
            info = zipfile.ZipInfo(name, date_time=ZIP_DATE)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 0
            info.external_attr = 0o644 << 16
            zf.writestr(info, data, compress_type=zipfile.ZIP_DEFLATED, compresslevel=1)
    return out.getvalue()


def read_package(base: Path | bytes) -> list[tuple[str, bytes]]:
    name = "the reference document" if isinstance(base, bytes) else base
    try:
        with zipfile.ZipFile(io.BytesIO(base) if isinstance(base, bytes) else base) as zf:
            entries = [(info.filename, zf.read(info)) for info in zf.infolist() if not info.is_dir()]
    except (OSError, zipfile.BadZipFile, RuntimeError) as exc:
        raise InputError(M_("{path}: not a usable Word (.docx) base document: {problem}",
                            path=name, problem=str(exc))) from None
    names = {entry for entry, _ in entries}
    if "[Content_Types].xml" not in names or "_rels/.rels" not in names:
        raise InputError(M_("{path}: not a usable Word (.docx) base document: not an Office package", path=name))
    return entries
