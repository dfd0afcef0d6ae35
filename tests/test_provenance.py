"""What a built file was made from (provenance.py): the data file's name, the hash of its text,
itareport's version and the text itself, in the .docx and .xlsx (custom properties and a custom XML
part: valid OOXML, kept by LibreOffice when it saves the file) and in the PDF's Keywords (see
test_formats.py); the same bytes from any folder, path or line ends; read back by read_provenance."""

from __future__ import annotations

import hashlib
import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import openpyxl
import pytest
from lxml import etree

from helpers import DATA, ROOT, audit_errors, make_letterhead
from itareport import __version__
from itareport.build import BuildOptions, build_file
from itareport.provenance import (
    CUSTOM_NS,
    FMTID,
    NAMESPACE,
    Provenance,
    from_keywords,
    keywords,
    pdf_keywords,
    read_provenance,
    source_hash,
)

COLUMNS = ROOT / "docs" / "kinds" / "columns.yaml"   # a money column with a total
TEXT = DATA.read_text(encoding="utf-8")
SHA = hashlib.sha256(DATA.read_bytes()).hexdigest()
EXPECTED = Provenance("measures_2568.yaml", SHA, __version__, TEXT)
VT = "{http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes}"
RELS = "{http://schemas.openxmlformats.org/package/2006/relationships}"


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    work = tmp_path_factory.mktemp("provenance")
    build_file(DATA, BuildOptions(output=work / "out/", formats=("docx", "xlsx"), many=True))
    build_file(COLUMNS, BuildOptions(output=work / "out/", formats=("xlsx",), many=True))
    return {"docx": work / "out" / "measures_2568.docx", "xlsx": work / "out" / "measures_2568.xlsx",
            "columns": work / "out" / "columns.xlsx", "folder": work}


def _xml(path: Path, name: str) -> etree._Element:
    with zipfile.ZipFile(path) as zf:
        return etree.fromstring(zf.read(name))


@pytest.mark.parametrize("fmt", ["docx", "xlsx"])
def test_read_back_with_the_data_files_text(built, fmt):
    assert read_provenance(built[fmt]) == EXPECTED


@pytest.mark.parametrize(("fmt", "main"), [("docx", "word/document.xml"), ("xlsx", "xl/workbook.xml")])
def test_custom_properties_and_the_custom_xml_part_are_valid_opc(built, fmt, main):
    path = built[fmt]
    props = _xml(path, "docProps/custom.xml")
    assert props.tag == f"{{{CUSTOM_NS}}}Properties"
    assert [(p.get("fmtid"), p.get("pid"), p.get("name"), p[0].tag, p[0].text) for p in props] == [
        (FMTID, "2", "ItareportSource", f"{VT}lpwstr", "measures_2568.yaml"),
        (FMTID, "3", "ItareportSourceSHA256", f"{VT}lpwstr", SHA),
        (FMTID, "4", "ItareportVersion", f"{VT}lpwstr", __version__)]
    types = {o.get("PartName"): o.get("ContentType") for o in _xml(path, "[Content_Types].xml")}
    assert types["/docProps/custom.xml"] == "application/vnd.openxmlformats-officedocument.custom-properties+xml"
    assert types["/customXml/itemProps1.xml"] == \
        "application/vnd.openxmlformats-officedocument.customXmlProperties+xml"

    def targets(rels: str) -> dict[str, str]:
        return {r.get("Type").rsplit("/", 1)[1]: r.get("Target") for r in _xml(path, rels).iter(f"{RELS}Relationship")}

    assert targets("_rels/.rels")["custom-properties"] == "docProps/custom.xml"
    folder, name = main.split("/")
    assert targets(f"{folder}/_rels/{name}.rels")["customXml"] == "../customXml/item1.xml"
    assert targets("customXml/_rels/item1.xml.rels") == {"customXmlProps": "itemProps1.xml"}
    item = _xml(path, "customXml/item1.xml")
    assert item.tag == f"{{{NAMESPACE}}}itareport" and item.get("sha256") == SHA
    assert _xml(path, "customXml/itemProps1.xml")[0][0].get(
        "{http://schemas.openxmlformats.org/officeDocument/2006/customXml}uri") == NAMESPACE


def test_openxml_audit_clean_with_a_letterheads_own_custom_properties(tmp_path):
    """The agency's letterhead has its own custom property: it stays (pid 2), ours follow."""
    letterhead = make_letterhead(tmp_path / "letterhead.docx")
    with zipfile.ZipFile(letterhead) as zf:
        entries = {n: zf.read(n) for n in zf.namelist()}
    entries["docProps/custom.xml"] = (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Properties xmlns="{CUSTOM_NS}" '
        f'xmlns:vt="{VT[1:-1]}"><property fmtid="{FMTID}" pid="2" name="หน่วยงาน"><vt:lpwstr>กองคลัง</vt:lpwstr>'
        "</property></Properties>").encode()
    entries["[Content_Types].xml"] = entries["[Content_Types].xml"].replace(b"</Types>", (
        b'<Override PartName="/docProps/custom.xml" ContentType="application/vnd.openxmlformats-officedocument.'
        b'custom-properties+xml"/></Types>'))
    entries["_rels/.rels"] = entries["_rels/.rels"].replace(b"</Relationships>", (
        b'<Relationship Id="rId99" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
        b'custom-properties" Target="docProps/custom.xml"/></Relationships>'))
    with zipfile.ZipFile(letterhead, "w") as zf:
        for name, data in entries.items():
            zf.writestr(name, data)
    build_file(DATA, BuildOptions(output=tmp_path / "report.docx", reference_doc=letterhead))
    props = _xml(tmp_path / "report.docx", "docProps/custom.xml")
    assert [(p.get("pid"), p.get("name")) for p in props] == [
        ("2", "หน่วยงาน"), ("3", "ItareportSource"), ("4", "ItareportSourceSHA256"), ("5", "ItareportVersion")]
    assert audit_errors(tmp_path / "report.docx") == []
    assert read_provenance(tmp_path / "report.docx") == EXPECTED
    # a report itareport built, used as the next letterhead: still one custom XML part of ours, beside
    # the letterhead's own (python-docx's template carries Word's bibliography part, customXml/item1.xml)
    build_file(DATA, BuildOptions(output=tmp_path / "again.docx", reference_doc=tmp_path / "report.docx"))
    for name in ("report.docx", "again.docx"):
        with zipfile.ZipFile(tmp_path / name) as zf:
            items = {n: etree.fromstring(zf.read(n)).tag for n in zf.namelist() if re.fullmatch(r"customXml/item\d\.xml", n)}
        assert items == {"customXml/item1.xml": "{http://schemas.openxmlformats.org/officeDocument/2006/bibliography}Sources",
                         "customXml/item2.xml": f"{{{NAMESPACE}}}itareport"}, name
    assert audit_errors(tmp_path / "again.docx") == []


def test_same_bytes_from_another_folder_path_and_line_ends(built, tmp_path, monkeypatch):
    """The name recorded is the base name and the hash is of the text with LF line ends: a build
    from a CRLF checkout elsewhere (relative path, another current folder) gives the same bytes."""
    (tmp_path / "data").mkdir()
    crlf = tmp_path / "data" / "measures_2568.yaml"
    crlf.write_bytes(b"\xef\xbb\xbf" + DATA.read_bytes().replace(b"\n", b"\r\n"))
    monkeypatch.chdir(tmp_path)
    build_file(Path("data/measures_2568.yaml"), BuildOptions(output=Path("out/"), formats=("docx", "xlsx"),
                                                             many=True))
    for fmt in ("docx", "xlsx"):
        assert (tmp_path / "out" / f"measures_2568.{fmt}").read_bytes() == built[fmt].read_bytes(), fmt
    assert source_hash(crlf.read_text(encoding="utf-8")) == SHA


def test_another_data_file_another_hash(built, tmp_path):
    changed = tmp_path / "measures_2568.yaml"
    changed.write_text(TEXT.replace("สำนักปลัด", "กองคลัง", 1), encoding="utf-8")
    build_file(changed, BuildOptions(output=tmp_path / "changed.docx"))
    found = read_provenance(tmp_path / "changed.docx")
    assert found is not None and found.sha256 != SHA and found.source == changed.read_text(encoding="utf-8")


def test_not_built_by_itareport_gives_none(tmp_path):
    assert read_provenance(make_letterhead(tmp_path / "foreign.docx")) is None
    book = openpyxl.Workbook()
    book.save(tmp_path / "foreign.xlsx")
    assert read_provenance(tmp_path / "foreign.xlsx") is None
    (tmp_path / "plain.pdf").write_bytes(b"%PDF-1.4\n1 0 obj << /Keywords (ITA, O26) >> endobj\n%%EOF\n")
    assert read_provenance(tmp_path / "plain.pdf") is None
    (tmp_path / "broken.docx").write_bytes(b"PK\x03\x04 not a zip")
    assert read_provenance(tmp_path / "broken.docx") is None
    assert read_provenance(tmp_path / "missing.docx") is None


def test_keywords_carry_any_name():
    odd = Provenance("รายงาน ปี 2569, ฉบับ: แก้ไข.yaml", SHA, "1.0.0+local")
    words = keywords(odd)
    assert " " not in words.replace(" itareport-", "") and ":" not in words and "," not in words
    # LibreOffice writes the keywords joined by ", "
    assert from_keywords([words.replace(" ", ", ")]) == odd


def test_pdf_keywords_read_as_a_pdf_writes_them_escaped_or_in_hex():
    """pypdf writes the information again with its punctuation in octal (our embedding's update);
    other writers escape parentheses, continue lines, or write UTF-16 in hex."""
    plain = f"itareport-data-name-x.yaml itareport-data-sha256-{SHA}"
    escaped = plain.replace("-", "\\055").replace(".", "\\056").encode()
    hexed = "<FEFF" + plain.encode("utf-16-be").hex().upper() + ">"
    pdf = (b"%PDF-1.6\n<< /Keywords (" + plain.encode() + b") >>\n<< /Keywords (" + escaped + b") >>\n"
           b"<< /Keywords " + hexed.encode() + b" >>\n<< /Keywords (a\\(b\\) c\\\nd \\101\\9) >>")
    assert pdf_keywords(pdf) == [plain, plain, plain, "a(b) cd A9"]
    assert from_keywords(pdf_keywords(pdf)[1:2]) == Provenance("x.yaml", SHA, "")


def test_libreoffice_keeps_it_when_it_saves_the_file(built):
    """Saved again by LibreOffice (Writer: .docx, Calc: .xlsx), the properties and the data file's
    text come back unchanged; Calc also recalculates the total from its formula."""
    folder = built["folder"] / "resaved"
    folder.mkdir()
    no_cache = folder / "no-cache.xlsx"   # the total without its cached value: Calc must calculate it
    with zipfile.ZipFile(built["columns"]) as zin, zipfile.ZipFile(no_cache, "w") as zout:
        for info in zin.infolist():
            data = zin.read(info)
            if info.filename == "xl/worksheets/sheet1.xml":
                data = re.sub(rb"(</f>)<v>[^<]*</v>", rb"\1<v></v>", data)
            zout.writestr(info, data)
    shutil.copy(built["xlsx"], folder / "report.xlsx")
    shutil.copy(built["docx"], folder / "report.docx")
    profile = f"-env:UserInstallation=file://{folder}/profile"
    for fmt, files in (("xlsx", ["report.xlsx", "no-cache.xlsx"]), ("docx", ["report.docx"])):
        subprocess.run(["soffice", "--headless", profile, "--convert-to", fmt, "--outdir", str(folder / "out"),
                        *(str(folder / f) for f in files)], check=True, capture_output=True, timeout=180)
    for fmt in ("docx", "xlsx"):
        saved = folder / "out" / f"report.{fmt}"
        assert saved.read_bytes() != built[fmt].read_bytes()      # LibreOffice wrote it anew
        assert read_provenance(saved) == EXPECTED, fmt
    assert read_provenance(folder / "out" / "no-cache.xlsx").name == "columns.yaml"
    sheet = openpyxl.load_workbook(folder / "out" / "no-cache.xlsx", data_only=True).worksheets[0]
    total = next(row for row in sheet.iter_rows(values_only=True) if row[0] == "รวม")
    assert total[3] == 27500.5     # =SUM over 15,000 and ๑๒,๕๐๐.๕๐, calculated by Calc
