"""The tab-separated text reader: lines before the header line, one table row per line, lines after."""

from __future__ import annotations

from ..errors import InputError
from ..messages import M_, Message
from .labels import clean, header_fields, html_paragraphs
from .source import OTHER, Cell, Source, SourcePara, SourceRow


def read_text(text: str, name: str) -> Source:
    """Tab-separated text: lines before the header, one table row per line, lines after it."""
    source = Source(name)
    fields: list[str | None] | None = None
    headers: list[str] = []
    tail: list[tuple[int, str]] = []
    for number, line in enumerate(text.splitlines(), start=1):
        cells = line.split("\t")
        found = header_fields([" ".join(html_paragraphs(c)) for c in cells]) if len(cells) >= 4 else None
        if found:
            fields, headers = (fields, headers) if fields and found == fields else (found, [clean(c) for c in cells])
            source.number_column = source.number_column or "number" in found
            source.header = source.header or [(f, h or f"column {i + 1}")
                                              for i, (f, h) in enumerate(zip(found, headers, strict=False))]
            continue
        if fields is None:
            source.before.append(SourcePara(line, where=M_("line {number}", number=number)))
            continue
        if "\t" not in line:
            tail.append((number, line))
            continue
        for n, text_line in tail:
            if text_line.strip():
                source.stray.append((M_("line {number}", number=n), clean(text_line)))
        tail = []
        source.rows.append(_text_row(cells, fields, headers, M_("line {number}", number=number)))
    source.after = [SourcePara(line, where=M_("line {number}", number=n)) for n, line in tail]
    if fields is None:
        raise InputError(M_("{path}: no measures table found: expected a tab-separated header line with the "
                           "columns มาตรการ/แนวทาง, ขั้นตอนหรือวิธีการปฏิบัติ, ผู้รับผิดชอบ, ระยะเวลา, ...", path=name))
    return source


def _text_row(cells: list[str], fields: list[str | None], headers: list[str], where: Message | str) -> SourceRow:
    row = SourceRow({}, where)
    for i, raw in enumerate(cells):
        paras = [SourcePara(p, where=where) for p in html_paragraphs(raw)]
        name = fields[i] if i < len(fields) else None
        if name:
            row.cells.setdefault(name, Cell()).paras.extend(paras)
        else:
            text = " ".join(t for t in (clean(p.text) for p in paras) if t)
            if text:
                header = headers[i] if i < len(headers) and headers[i] else f"column {i + 1}"
                row.extra.append((header, text))
                row.cells.setdefault((OTHER, header), Cell()).paras.extend(paras)
    return row
