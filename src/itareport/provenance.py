"""What a built file was made from: the data file's name, a hash of its text, itareport's version,
and the text itself, carried invisibly in every .docx and .xlsx (and the PDF's metadata) for the
round trip (`import --update` merges an edited document three ways against the data it was built from).

Where it lives (docs/architecture.md, "Provenance"):

- .docx and .xlsx: custom document properties (docProps/custom.xml: ItareportSource,
  ItareportSourceSHA256, ItareportVersion, as vt:lpwstr, pid from 2), and a custom XML part
  (customXml/itemN.xml, its itemProps and relationship, related from the main part) holding the
  same three and the data file's whole text. Word and Excel keep both when they save the file.
- PDF: the name, hash and version in the document information's Keywords (LibreOffice carries the
  .docx's keywords over), and the data file's text as an embedded file added after LibreOffice wrote
  the PDF (render/pdf_source.py), read back when its hash is the one the Keywords name.

The name is the data file's base name: the same on a laptop and in CI, whatever the folder or the
current directory (a path would make `--check` call an unchanged report stale on another machine).
The hash is SHA-256 of the text as UTF-8 with LF line ends and no BOM, so a checkout with CRLF line
ends (git's autocrlf on Windows) builds the same bytes as one with LF.
"""

from __future__ import annotations

import hashlib
import io
import re
import uuid
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote, unquote

from lxml import etree

from . import __version__
from .loader import MAX_BYTES
from .render.ooxml import esc

NAMESPACE = "urn:itareport:provenance:1"  # the custom XML part's root namespace (and its schema reference)
ITEM_ID = "{" + str(uuid.uuid5(uuid.NAMESPACE_URL, NAMESPACE)).upper() + "}"  # fixed: builds stay reproducible
PROPERTIES = ("ItareportSource", "ItareportSourceSHA256", "ItareportVersion")

CUSTOM_PART = "docProps/custom.xml"
CUSTOM_TYPE = "application/vnd.openxmlformats-officedocument.custom-properties+xml"
CUSTOM_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/custom-properties"
CUSTOM_NS = "http://schemas.openxmlformats.org/officeDocument/2006/custom-properties"
VT_NS = "http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"
FMTID = "{D5CDD505-2E9C-101B-9397-08002B2CF9AE}"  # the user-defined properties' format id
ITEM_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/customXml"
ITEM_PROPS_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/customXmlProps"
ITEM_PROPS_TYPE = "application/vnd.openxmlformats-officedocument.customXmlProperties+xml"
DS_NS = "http://schemas.openxmlformats.org/officeDocument/2006/customXml"
RELS_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
XML_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'


@dataclass(frozen=True)
class Provenance:
    """What a document was built from."""

    name: str                  # the data file's base name, e.g. measures_2569.yaml
    sha256: str                # SHA-256 (hex) of its text: UTF-8, LF line ends, no BOM
    version: str               # itareport's version that built it
    source: str | None = None  # the data file's text as built (None where the document does not carry it)


def normalized(text: str) -> str:
    """A data file's text as hashed and carried: no BOM, LF line ends."""
    return text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")


def source_hash(text: str) -> str:
    """The hash a document records for a data file's text (compare it with a data file's now)."""
    return hashlib.sha256(normalized(text).encode("utf-8")).hexdigest()


def provenance_of(path: Path, text: str) -> Provenance:
    """The provenance of a build from the data file at path, whose text is text."""
    return Provenance(Path(path).name, source_hash(text), __version__, normalized(text))


# --- writing: parts of an Office package ------------------------------------------------------------

def custom_properties(provenance: Provenance, others: Sequence[tuple[str, str]] = ()) -> str:
    """docProps/custom.xml: the other properties (name, XML of the value) first, then ours."""
    values = [*others, *((name, f"<vt:lpwstr>{esc(value)}</vt:lpwstr>") for name, value in
                         zip(PROPERTIES, (provenance.name, provenance.sha256, provenance.version), strict=True))]
    props = "".join(f'<property fmtid="{FMTID}" pid="{pid}" name="{esc(name)}">{value}</property>'
                    for pid, (name, value) in enumerate(values, start=2))
    return f'{XML_HEAD}<Properties xmlns="{CUSTOM_NS}" xmlns:vt="{VT_NS}">{props}</Properties>'


def item_xml(provenance: Provenance) -> str:
    """The custom XML part: the provenance and the data file's text."""
    return (f'{XML_HEAD}<itareport xmlns="{NAMESPACE}" source="{esc(provenance.name)}" '
            f'sha256="{provenance.sha256}" version="{esc(provenance.version)}">'
            f'<data xml:space="preserve">{esc(provenance.source or "")}</data></itareport>')


def item_props_xml() -> str:
    return (f'{XML_HEAD}<ds:datastoreItem ds:itemID="{ITEM_ID}" xmlns:ds="{DS_NS}">'
            f'<ds:schemaRefs><ds:schemaRef ds:uri="{NAMESPACE}"/></ds:schemaRefs></ds:datastoreItem>')


def rels_path(part: str) -> str:
    """The relationships part of an Office package's part (xl/workbook.xml -> xl/_rels/workbook.xml.rels)."""
    folder, _, name = part.rpartition("/")
    return f"{folder}/_rels/{name}.rels" if folder else f"_rels/{name}.rels"


def _add_relationship(rels: bytes | None, rel_type: str, target: str) -> bytes:
    """A relationships part with one more relationship (a fresh rId), unless it has it already."""
    text = rels.decode("utf-8") if rels else f'{XML_HEAD}<Relationships xmlns="{RELS_NS}"></Relationships>'
    if re.search(rf'Type="{re.escape(rel_type)}"[^>]*Target="/?{re.escape(target)}"', text) or \
            re.search(rf'Target="/?{re.escape(target)}"[^>]*Type="{re.escape(rel_type)}"', text):
        return text.encode("utf-8")
    used = set(re.findall(r'Id="([^"]*)"', text))
    n = 1
    while f"rId{n}" in used:
        n += 1
    tag = f'<Relationship Id="rId{n}" Type="{rel_type}" Target="{target}"/>'
    if "</Relationships>" not in text:  # <Relationships .../>
        text = re.sub(r"<Relationships\b([^>]*)/>", r"<Relationships\1></Relationships>", text)
    return text.replace("</Relationships>", tag + "</Relationships>").encode("utf-8")


def _add_override(types: bytes, part: str, content_type: str) -> bytes:
    text = types.decode("utf-8")
    if f'PartName="/{part}"' in text:
        text = re.sub(rf'(<Override PartName="/{re.escape(part)}" ContentType=")[^"]*(")', rf"\g<1>{content_type}\2",
                      text)
        return text.encode("utf-8")
    return text.replace("</Types>", f'<Override PartName="/{part}" ContentType="{content_type}"/></Types>').encode()


def _our_item(parts: dict[str, bytes]) -> str | None:
    """The name of a custom XML part of ours already in the package (a base document built by us)."""
    for name in sorted(parts):
        if re.fullmatch(r"customXml/item\d+\.xml", name) and NAMESPACE.encode() in parts[name][:500]:
            return name
    return None


def _other_properties(custom: bytes | None) -> list[tuple[str, str]]:
    """The package's own custom properties (a letterhead's), ours left out: (name, XML of the value)."""
    if not custom:
        return []
    try:
        root = etree.fromstring(custom, etree.XMLParser(resolve_entities=False, no_network=True))
    except etree.XMLSyntaxError:
        return []
    out = []
    for prop in root.iter(f"{{{CUSTOM_NS}}}property"):
        name = prop.get("name") or ""
        value = prop[0] if len(prop) else None
        if name in PROPERTIES or value is None or not str(value.tag).startswith(f"{{{VT_NS}}}") or len(value):
            continue   # ours (written anew), or not a simple value (a vector): left out
        kind = str(value.tag).split("}")[1]
        out.append((name, f"<vt:{kind}>{esc(value.text or '')}</vt:{kind}>"))
    return out


def add_provenance(entries: list[tuple[str, bytes]], main_part: str, provenance: Provenance) -> list[tuple[str, bytes]]:
    """The package's parts with the provenance added: custom properties and the custom XML part."""
    parts = dict(entries)
    names = [name for name, _data in entries]
    item = _our_item(parts)
    if item is None:
        n = 1
        while f"customXml/item{n}.xml" in parts or f"customXml/itemProps{n}.xml" in parts:
            n += 1
        item = f"customXml/item{n}.xml"
    props = item.replace("/item", "/itemProps")
    new = {
        CUSTOM_PART: custom_properties(provenance, _other_properties(parts.get(CUSTOM_PART))).encode("utf-8"),
        item: item_xml(provenance).encode("utf-8"),
        props: item_props_xml().encode("utf-8"),
        rels_path(item): _add_relationship(parts.get(rels_path(item)), ITEM_PROPS_REL, props.rpartition("/")[2]),
        "_rels/.rels": _add_relationship(parts["_rels/.rels"], CUSTOM_REL, CUSTOM_PART),
        rels_path(main_part): _add_relationship(parts.get(rels_path(main_part)), ITEM_REL,
                                                 _relative(main_part, item)),
    }
    types = parts["[Content_Types].xml"]
    types = _add_override(types, CUSTOM_PART, CUSTOM_TYPE)
    types = _add_override(types, props, ITEM_PROPS_TYPE)
    if b'Extension="xml"' not in types:
        types = _add_override(types, item, "application/xml")
    new["[Content_Types].xml"] = types
    parts.update(new)
    names += [name for name in new if name not in names]
    return [(name, parts[name]) for name in names]


def _relative(source_part: str, target_part: str) -> str:
    depth = source_part.count("/")
    return "../" * depth + target_part


# --- reading -----------------------------------------------------------------------------------------

_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=True)  # a data file may pass 10 MB
MAX_PART_BYTES = 6 * MAX_BYTES   # the largest data file, escaped: bigger parts are not ours
_ITEM = re.compile(r"customXml/item\d+\.xml")


def read_provenance(path: Path) -> Provenance | None:
    """What a .docx, .xlsx or .pdf was built from, or None (not built by itareport, or its provenance
    lost), with the data file's text (`source`) when the file carries it."""
    try:
        with open(path, "rb") as handle:
            data = handle.read()
    except OSError:
        return None
    if data.startswith(b"%PDF"):
        return pdf_provenance(data)
    parts = _provenance_parts(data)
    return None if parts is None else package_provenance(parts)


def _provenance_parts(package: bytes) -> dict[str, bytes] | None:
    """An Office package's parts that carry the provenance (None: not a zip package)."""
    try:
        with zipfile.ZipFile(io.BytesIO(package)) as zf:
            return {info.filename: zf.read(info) for info in zf.infolist()
                    if (info.filename == CUSTOM_PART or _ITEM.fullmatch(info.filename))
                    and info.file_size <= MAX_PART_BYTES}
    except (zipfile.BadZipFile, OSError, KeyError, RuntimeError, EOFError):
        return None


def package_provenance(parts: dict[str, bytes]) -> Provenance | None:
    """The provenance in an Office package's parts: the custom properties, with the text from the
    custom XML part when that part belongs to the same build (same hash); the part alone when the
    properties are gone."""
    found = _from_properties(parts.get(CUSTOM_PART))
    item = _from_items([parts[n] for n in sorted(parts) if _ITEM.fullmatch(n)])
    if found is None:
        return item
    source = item.source if item is not None and item.sha256 == found.sha256 else None
    return Provenance(found.name, found.sha256, found.version, source)


def _parse(data: bytes | None) -> etree._Element | None:
    if data is None:
        return None
    try:
        return etree.fromstring(data, _PARSER)
    except etree.XMLSyntaxError:
        return None


def _from_properties(custom: bytes | None) -> Provenance | None:
    root = _parse(custom)
    if root is None:
        return None
    values = {prop.get("name"): "".join(prop.itertext()) for prop in root.iter(f"{{{CUSTOM_NS}}}property")}
    return _from_values(*(values.get(name) for name in PROPERTIES))


def _from_values(name: str | None, sha256: str | None, version: str | None,
                 source: str | None = None) -> Provenance | None:
    if not name or not sha256 or not re.fullmatch(r"[0-9a-f]{64}", sha256):
        return None
    return Provenance(name, sha256, version or "", source)


def _from_items(items: list[bytes]) -> Provenance | None:
    for data in items:
        root = _parse(data)
        if root is None or root.tag != f"{{{NAMESPACE}}}itareport":
            continue
        text = root.find(f"{{{NAMESPACE}}}data")
        return _from_values(root.get("source"), root.get("sha256"), root.get("version"),
                            (text.text or "") if text is not None else None)
    return None


# --- the PDF: keywords ----------------------------------------------------------------------------------
# LibreOffice 7.4 does not carry a document's custom properties into the PDF (only title, author, subject
# and keywords reach its document info), so the PDF's provenance rides in its Keywords, as words
# without spaces or colons (LibreOffice splits keywords there): the name percent-encoded.

KEYWORD_NAME, KEYWORD_SHA256, KEYWORD_VERSION = "itareport-data-name-", "itareport-data-sha256-", "itareport-version-"


def keywords(provenance: Provenance) -> str:
    """The provenance as keywords (joined by spaces)."""
    return " ".join((KEYWORD_NAME + quote(provenance.name, safe=""), KEYWORD_SHA256 + provenance.sha256,
                     KEYWORD_VERSION + quote(provenance.version, safe="")))


def from_keywords(texts: list[str]) -> Provenance | None:
    words = [word for text in texts for word in re.split(r"[\s,;]+", text) if word]

    def value(prefix: str) -> str | None:
        return next((unquote(w[len(prefix):]) for w in words if w.startswith(prefix)), None)

    return _from_values(value(KEYWORD_NAME), value(KEYWORD_SHA256), value(KEYWORD_VERSION))


_KEYWORDS = re.compile(rb"/Keywords\s*(<[0-9A-Fa-f\s]*>|\((?:\\.|[^\\)])*\))", re.S)
_ESCAPE = re.compile(rb"\\([0-7]{1,3}|\r\n|.)", re.S)
_ESCAPED = {b"n": b"\n", b"r": b"\r", b"t": b"\t", b"b": b"\b", b"f": b"\f", b"\r\n": b"", b"\n": b"", b"\r": b""}


def _unescape(match: re.Match[bytes]) -> bytes:
    """One escape of a PDF literal string: \\ddd in octal, \\n and its kind, a line continued, else the byte."""
    code = match.group(1)
    if b"0" <= code[:1] <= b"7":
        return bytes([int(code, 8) & 0xFF])
    return _ESCAPED.get(code, code)


def pdf_keywords(pdf: bytes) -> list[str]:
    """The Keywords of a PDF's document information (each occurrence: an updated PDF has several, and the
    information pypdf writes again in our update escapes its punctuation as octal)."""
    out = []
    for match in _KEYWORDS.finditer(pdf):
        value = match.group(1)
        if value.startswith(b"<"):
            raw = bytes.fromhex(re.sub(rb"\s", b"", value[1:-1]).decode())
        else:
            raw = _ESCAPE.sub(_unescape, value[1:-1])
        out.append(raw[2:].decode("utf-16-be", "replace") if raw[:2] == b"\xfe\xff" else raw.decode("latin-1"))
    return out


# --- the PDF: the data file's text, embedded ------------------------------------------------------------
# render/pdf_source.py (pypdf, 0.13 s to import) is imported only for a PDF (cli.py lists the lazy imports).

def pdf_with_source(pdf: bytes, docx: bytes) -> bytes:
    """LibreOffice's PDF of a .docx we built, with the data file's text the .docx carries embedded (under the
    data file's name): the PDF unchanged when the .docx carries none."""
    parts = _provenance_parts(docx)
    provenance = None if parts is None else package_provenance(parts)
    if provenance is None or provenance.source is None:
        return pdf
    from .render.pdf_source import attach  # lazy: pypdf, only once a PDF is made

    return attach(pdf, provenance.name, normalized(provenance.source).encode("utf-8"))


def pdf_provenance(pdf: bytes) -> Provenance | None:
    """A PDF's provenance: the Keywords' name, hash and version, with the text of the embedded file whose
    hash is the Keywords' (None without one: an older build, or the file replaced or changed)."""
    found = from_keywords(pdf_keywords(pdf))
    if found is None:
        return None
    from .render.pdf_source import attachments  # lazy: pypdf, only for a PDF of ours

    for _name, content in attachments(pdf):
        try:
            text = content.decode("utf-8")
        except UnicodeDecodeError:
            continue
        if source_hash(text) == found.sha256:
            return Provenance(found.name, found.sha256, found.version, text)
    return found
