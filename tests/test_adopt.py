"""Adopting another agency's file: `new-year OTHER.yaml --to 2569 --agency "..." [--district --province]`
replaces the old agency's name (and its place name, district and province) in every text, clears its
signers and web addresses as leftovers to fill (review:), reports each change, and writes through the
model's dump as new-year does. The title's year moves on in its own digits."""

from __future__ import annotations

import yaml

from helpers import run_cli, write_data
from itareport.validate import validate_file

OLD = "เทศบาลตำบลโคกสูงสัมพันธ์"
NEW = "องค์การบริหารส่วนตำบลหนองแก"


def other_agency(data: dict) -> None:
    data["agency"].update(district="ชุมแพ", province="ขอนแก่น")
    data["title"] = ["รายงานผลการดำเนินการ ประจำปีงบประมาณ พ.ศ. ๒๕๖๘ (ตุลาคม ๒๕๖๗ - กันยายน ๒๕๖๘)",
                     f"{OLD} อำเภอชุมแพ จังหวัดขอนแก่น"]
    data["signers"] = [{"name": "นายสมชาย ใจดี", "position": "นายกเทศมนตรีตำบลโคกสูงสัมพันธ์", "role": "ผู้รายงาน"}]
    data["measures"][0]["steps"].append("เผยแพร่ทาง https://www.khoksung.go.th/ita และ https://itas.nacc.go.th")


def test_another_agencys_file_is_taken_over(tmp_path):
    source = write_data(tmp_path / "khoksung_2568.yaml", other_agency)
    before = source.read_bytes()
    out = tmp_path / "mine" / "measures_2569.yaml"
    result = run_cli("new-year", source, "--to", "2569", "--agency", NEW, "--district", "พล", "-o", out)
    assert result.returncode == 0, result.stderr
    assert source.read_bytes() == before
    text = out.read_text(encoding="utf-8")
    data = yaml.safe_load(text)
    assert data["agency"] == {"name": NEW, "district": "พล", "province": "ขอนแก่น"}
    assert OLD not in text.split("\nreview:")[0] and "อำเภอชุมแพ" not in text.split("\nreview:")[0]
    assert data["title"] == ["รายงานผลการดำเนินการ ประจำปีงบประมาณ พ.ศ. ๒๕๖๙ (ตุลาคม ๒๕๖๘ - กันยายน ๒๕๖๙)",
                             f"{NEW} อำเภอพล จังหวัดขอนแก่น"]
    assert f"ของ{NEW}" in data["intro"]
    # the signer is cleared to fill in; the position's place name is replaced and flagged (the kind of agency differs)
    assert data["signers"] == [{"name": "(ชื่อ-สกุล ผู้ลงนาม)", "position": ["นายกเทศมนตรีตำบลหนองแก"],
                                "role": "ผู้รายงาน"}]
    # the old agency's address is cleared, the NACC's kept
    assert data["measures"][0]["steps"][-1] == "เผยแพร่ทาง (ที่อยู่เว็บไซต์ของหน่วยงาน) และ https://itas.nacc.go.th"
    review = {(item["path"], item["source"]) for item in data["review"]}
    assert review == {("signers[1].name", "นายสมชาย ใจดี"),
                      ("signers[1].position[1]", "นายกเทศมนตรีตำบลโคกสูงสัมพันธ์"),
                      ("measures[1].steps[3]", "https://www.khoksung.go.th/ita")}
    # each change reported, located in the new file
    assert f"warning: title[2]: '{OLD}' replaced by '{NEW}' [ITA307]" in result.stderr
    assert "warning: title[2]: 'อำเภอชุมแพ' replaced by 'อำเภอพล' [ITA307]" in result.stderr
    assert "warning: signers[1].name: the old agency's signer 'นายสมชาย ใจดี' cleared: fill in this agency's " \
           "signer [ITA308]" in result.stderr
    assert "the old agency's web address https://www.khoksung.go.th/ita cleared" in result.stderr
    # the new file loads and validates; --strict fails until the leftovers are filled in and deleted
    checked = validate_file(out)
    assert checked.ok
    assert {d.code for d in checked.diagnostics} >= {"ITA520", "ITA521"}
    assert run_cli("validate", "--strict", out).returncode == 1


def test_the_same_kind_of_agency_needs_no_check_of_its_titles(tmp_path):
    source = write_data(tmp_path / "a.yaml", other_agency)
    out = tmp_path / "b.yaml"
    assert run_cli("new-year", source, "--to", "2569", "--agency", "เทศบาลตำบลหนองแก", "-o", out).returncode == 0
    data = yaml.safe_load(out.read_text(encoding="utf-8"))
    assert data["signers"][0]["position"] == ["นายกเทศมนตรีตำบลหนองแก"]
    assert data["agency"] == {"name": "เทศบาลตำบลหนองแก", "district": "ชุมแพ", "province": "ขอนแก่น"}
    assert [item["path"] for item in data["review"]] == ["measures[1].steps[3]", "signers[1].name"]


def test_district_without_agency_and_empty_names_are_usage_errors(tmp_path):
    source = write_data(tmp_path / "a.yaml")
    result = run_cli("new-year", source, "--to", "2569", "--district", "พล")
    assert result.returncode == 2 and "--district and --province go with --agency" in result.stderr
    result = run_cli("new-year", source, "--to", "2569", "--agency", " ")
    assert result.returncode == 2 and "--agency: expected a name, got an empty text" in result.stderr
    assert not (tmp_path / "a_2569.yaml").exists()
