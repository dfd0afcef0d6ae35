"""Every .docx we write is valid WordprocessingML: openxml-audit on each variant, property
children in schema order, a font table naming TH SarabunPSK for Thai, a theme part."""

from __future__ import annotations

import zipfile

import pytest
from lxml import etree

from helpers import DATA, audit_errors, make_letterhead, write_data
from itareport.build import BuildOptions, build_file
from itareport.render.ooxml import SCHEMA_ORDER

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"

SIGNERS = [
    {"name": "นายสมชาย ใจดี", "position": "ปลัดเทศบาล", "role": "ผู้รายงาน"},
    {"name": "นายสมศักดิ์ รักไทย", "role": "ผู้เห็นชอบ",
     "position": ["ปลัดองค์การบริหารส่วนตำบลโคกสูง", "รักษาราชการแทนนายกเทศมนตรีตำบลโคกสูงสัมพันธ์"]},
    {"name": "นางสาวสมหญิง ดีงาม", "position": "หัวหน้าสำนักปลัด"},
]


def _one_measure(data):
    data["measures"] = [{"title": "มาตรการเดียว <ทดสอบ> & \"อักขระ\"", "details": ["รายละเอียด\tแท็บ\nบรรทัดใหม่"],
                         "steps": ["ขั้นตอน"], "owner": "กองคลัง", "period": {"from": "2567-12", "to": "2567-12"}}]
    data["intro"] = "คำนำ https://www.example.go.th/ita ร้อยละ 80"


VARIANTS = {
    "default": None,
    "arabic": lambda d: d.update(numerals="arabic"),
    "signers": lambda d: d.update(signers=SIGNERS, date="2568-10-15", show_indicator=True),
    "one-signer-blank-date": lambda d: d.update(signers=SIGNERS[1:2], date="blank"),
    "one-measure": _one_measure,
    "grouped-only": lambda d: d.update(measures=[m for m in d["measures"] if "activities" in m]),
}


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    work = tmp_path_factory.mktemp("variants")
    out = {}
    for name, change in VARIANTS.items():
        source = DATA if change is None else write_data(work / f"{name}.yaml", change)
        build_file(source, BuildOptions(output=work / f"{name}.docx"))
        out[name] = work / f"{name}.docx"
    reference = make_letterhead(work / "letterhead.docx")
    source = write_data(work / "reference.yaml", VARIANTS["signers"])
    build_file(source, BuildOptions(output=work / "reference.docx", reference_doc=reference))
    out["reference"] = work / "reference.docx"
    return out


@pytest.mark.parametrize("variant", [*VARIANTS, "reference"])
def test_openxml_audit_finds_no_errors(built, variant):
    assert audit_errors(built[variant]) == []


def _parts(path):
    with zipfile.ZipFile(path) as zf:
        return {n: zf.read(n) for n in zf.namelist() if n.startswith("word/") and n.endswith(".xml")}


@pytest.mark.parametrize("variant", [*VARIANTS, "reference"])
def test_property_children_in_schema_order(built, variant):
    for name, data in _parts(built[variant]).items():
        root = etree.fromstring(data)
        for parent, order in SCHEMA_ORDER.items():
            rank = {tag: i for i, tag in enumerate(order.split())}
            rank["footerReference"] = rank.get("headerReference", 0)
            for element in root.iter(W + parent):
                seen = [rank[c.tag[len(W):]] for c in element if isinstance(c.tag, str) and c.tag.startswith(W)]
                assert seen == sorted(seen), (name, parent, [c.tag[len(W):] for c in element])


def test_font_table_names_th_sarabun_for_thai(built):
    with zipfile.ZipFile(built["default"]) as zf:
        fonts = etree.fromstring(zf.read("word/fontTable.xml"))
        rels = zf.read("word/_rels/document.xml.rels").decode()
        assert "word/theme/theme1.xml" in zf.namelist()
    assert "/relationships/fontTable" in rels and "/relationships/theme" in rels
    font = next(f for f in fonts.iter(W + "font") if f.get(W + "name") == "TH SarabunPSK")
    value = {c.tag[len(W):]: c.get(W + "val") for c in font}
    assert value["charset"] == "DE" and value["altName"] == "TH Sarabun New"
    assert value["family"] == "swiss" and value["pitch"] == "variable" and len(value["panose1"]) == 20
