"""The Word reader: the measures table(s) of a .docx and the paragraphs around them, read from the
package's XML (body, list numbering, paragraph styles) with lxml."""

from __future__ import annotations

import zipfile
from pathlib import Path

from lxml import etree

from ..errors import InputError
from ..messages import M_, Message
from .grid import Table, assemble
from .source import MAX_PART_BYTES, Cell, Source, SourcePara

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_MC_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"


def _attr(element, name: str) -> str | None:
    return None if element is None else element.get(W + name)


class _Docx:
    """The parts of a .docx the importer reads: body, list numbering, paragraph styles."""

    def __init__(self, path: Path):
        self.path = path
        parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)
        try:
            with zipfile.ZipFile(path) as zf:
                def part(name: str):
                    try:
                        info = zf.getinfo(name)
                    except KeyError:
                        return None
                    if info.file_size > MAX_PART_BYTES:
                        raise InputError(M_("{path}: {name} is larger than {size} MB",
                                            path=path, name=name, size=MAX_PART_BYTES // 1048576))
                    return etree.fromstring(zf.read(info), parser)

                self.document = part("word/document.xml")
                numbering, styles = part("word/numbering.xml"), part("word/styles.xml")
        except zipfile.BadZipFile:
            raise InputError(not_docx(path)) from None
        except etree.XMLSyntaxError as exc:
            raise InputError(M_("{path}: damaged Word file: {problem}", path=path, problem=str(exc))) from None
        if self.document is None:
            raise InputError(M_("{path}: not a Word document (no word/document.xml inside)", path=path))
        self.formats = self._numbering_formats(numbering)
        self.style_numbering = self._style_numbering(styles)

    @staticmethod
    def _numbering_formats(root) -> dict[str, dict[str, str]]:
        """numId -> {ilvl: 'number' | 'bullet' | 'none'}."""
        if root is None:
            return {}

        def levels(node) -> dict[str, str]:
            out = {}
            for lvl in node.iter(W + "lvl"):
                fmt = _attr(lvl.find(W + "numFmt"), "val") or "decimal"
                out[_attr(lvl, "ilvl") or "0"] = {"bullet": "bullet", "none": "none"}.get(fmt, "number")
            return out

        abstract = {_attr(a, "abstractNumId"): levels(a) for a in root.findall(W + "abstractNum")}
        formats = {}
        for num in root.findall(W + "num"):
            kinds = dict(abstract.get(_attr(num.find(W + "abstractNumId"), "val"), {}))
            for override in num.findall(W + "lvlOverride"):
                kinds.update(levels(override))
            formats[_attr(num, "numId")] = kinds
        return formats

    @staticmethod
    def _style_numbering(root) -> dict[str, tuple[str, str]]:
        """styleId -> (numId, ilvl) for paragraph styles that number their paragraphs (basedOn followed)."""
        if root is None:
            return {}
        own, based = {}, {}
        for style in root.findall(W + "style"):
            sid = _attr(style, "styleId")
            num_pr = style.find(f"{W}pPr/{W}numPr")
            if num_pr is not None:
                own[sid] = (_attr(num_pr.find(W + "numId"), "val"), _attr(num_pr.find(W + "ilvl"), "val") or "0")
            based[sid] = _attr(style.find(W + "basedOn"), "val")
        out = {}
        for sid in based:
            seen, current = set(), sid
            while current and current not in own and current not in seen:
                seen.add(current)
                current = based.get(current)
            if current in own:
                out[sid] = own[current]
        return out

    def paragraph(self, p, where: Message | str) -> SourcePara:
        parts = []
        for node in p.iter(W + "t", W + "tab", W + "br", W + "cr", W + "noBreakHyphen", W + "p", W + "txbxContent",
                           _MC_FALLBACK):
            if node is p or node.tag in (W + "p", W + "txbxContent", _MC_FALLBACK):
                continue
            if _inside_other(node, p):
                continue
            tag = node.tag
            parts.append(node.text or "" if tag == W + "t" else "\t" if tag == W + "tab"
                         else "-" if tag == W + "noBreakHyphen" else "\n")
        style = _attr(p.find(f"{W}pPr/{W}pStyle"), "val")
        num_pr = p.find(f"{W}pPr/{W}numPr")
        ref = None
        if num_pr is not None:
            ref = (_attr(num_pr.find(W + "numId"), "val"), _attr(num_pr.find(W + "ilvl"), "val") or "0")
        elif style in self.style_numbering:
            ref = self.style_numbering[style]
        numbering = None
        if ref and ref[0] not in (None, "0"):
            kind = self.formats.get(ref[0], {}).get(ref[1], "number")
            numbering = None if kind == "none" else kind
        return SourcePara("".join(parts), numbering, style, where)


def _inside_other(node, p) -> bool:
    """True when node belongs to a paragraph nested in p (a text box) or to a compatibility fallback."""
    parent = node.getparent()
    while parent is not None and parent is not p:
        if parent.tag in (W + "p", _MC_FALLBACK):
            return True
        parent = parent.getparent()
    return False


def not_docx(path: Path) -> str:
    try:
        head = path.read_bytes()[:8]
    except OSError:
        head = b""
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        return M_("{path}: an old Word .doc file; save it as .docx in Word, or convert it with "
                 "`soffice --headless --convert-to docx {name}`", path=path, name=path.name)
    return M_("{path}: not a Word .docx file (expected a zip package)", path=path)


def _children(element, *tags):
    """Direct children with these tags, looking through content controls (w:sdt)."""
    for child in element:
        if child.tag == W + "sdt":
            content = child.find(W + "sdtContent")
            if content is not None:
                yield from _children(content, *tags)
        elif child.tag in tags:
            yield child


def _grid_row(doc: _Docx, tr, where: Message | str) -> list[tuple[int, int, Cell]]:
    """(first grid column, span, cell) for each cell of a table row."""
    column = int(_attr(tr.find(f"{W}trPr/{W}gridBefore"), "val") or 0)
    out = []
    for tc in _children(tr, W + "tc"):
        span = int(_attr(tc.find(f"{W}tcPr/{W}gridSpan"), "val") or 1)
        v_merge = tc.find(f"{W}tcPr/{W}vMerge")
        merged = v_merge is not None and (_attr(v_merge, "val") or "continue") == "continue"
        paras = [doc.paragraph(p, where) for p in tc.iter(W + "p") if not _in_textbox_or_fallback(p, tc)]
        out.append((column, span, Cell(paras, merged)))
        column += span
    return out


def _in_textbox_or_fallback(p, tc) -> bool:
    parent = p.getparent()
    while parent is not None and parent is not tc:
        if parent.tag == _MC_FALLBACK:
            return True
        parent = parent.getparent()
    return False


def _blocks(doc: _Docx):
    """The body's paragraphs (SourcePara) and tables (Table of grid rows), in order."""
    tables = 0
    for index, block in enumerate(_children(doc.document.find(W + "body"), W + "p", W + "tbl"), start=1):
        if block.tag == W + "p":
            yield doc.paragraph(block, M_("paragraph {number}", number=index))
            continue
        tables += 1
        where = M_("table {table} row {row}")
        yield Table([(where.format(table=tables, row=n), _grid_row(doc, tr, where.format(table=tables, row=n)))
                     for n, tr in enumerate(_children(block, W + "tr"), 1)])


def read_docx(path: Path) -> Source:
    """The measures table(s) of a Word file, and the paragraphs around them."""
    return assemble(str(path), _blocks(_Docx(path)))
