"""init's example texts are warnings (ITA390) while they stay in the file, so --strict and CI fail on an unfilled report."""

import yaml

from helpers import run_cli
from itareport import placeholders
from itareport.loader import load_text
from itareport.scaffold import init_text
from itareport.validate import validate_loaded


def _placeholder_warnings(text: str) -> list[str]:
    checked = validate_loaded(load_text(text, "x.yaml"))
    assert checked.ok  # warnings, not errors: the file still builds
    return [f"{d.path}: {d.message}" for d in checked.diagnostics if d.code == "ITA390"]


def test_every_example_text_of_init_is_warned():
    text = init_text(year=2569)
    assert _placeholder_warnings(text) == [
        "agency.name: 'ชื่อหน่วยงาน' is the example text 'itareport init' wrote; replace it with your own",
        "measures[1].title: 'ชื่อมาตรการที่ ๑' is the example text 'itareport init' wrote; replace it with your own",
        "measures[1].steps[1]: 'ขั้นตอนที่ ๑' is the example text 'itareport init' wrote; replace it with your own",
        "measures[1].steps[2]: 'ขั้นตอนที่ ๒' is the example text 'itareport init' wrote; replace it with your own",
        "measures[2].title: 'ชื่อมาตรการที่ ๒ (มาตรการที่มีหลายกิจกรรม)' is the example text 'itareport init' "
        "wrote; replace it with your own",
        "measures[2].activities[1].title: 'ชื่อกิจกรรมที่ ๑' is the example text 'itareport init' wrote; replace "
        "it with your own",
        "measures[2].activities[1].steps[1]: 'ขั้นตอนของกิจกรรมนี้' is the example text 'itareport init' wrote; "
        "replace it with your own",
    ]
    written = {text for _, text in _texts(yaml.safe_load(text))}
    assert written >= placeholders.PLACEHOLDERS   # one definition: what init writes is what validate knows


def _texts(node, path=()):
    if isinstance(node, str):
        yield path, node
    elif isinstance(node, dict):
        for key, value in node.items():
            yield from _texts(value, (*path, key))
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield from _texts(value, (*path, i))


def test_filled_in_texts_are_not_warned():
    text = init_text(agency="เทศบาลตำบลหนองบัว", year=2569)
    for example, real in (("ชื่อมาตรการที่ ๑", "การเปิดเผยข้อมูลสาธารณะ"), ("ขั้นตอนที่ ๑", "ขั้นตอนที่ ๑ ประชุม"),
                          ("ขั้นตอนที่ ๒", "ติดตามผล"), ("ชื่อมาตรการที่ ๒ (มาตรการที่มีหลายกิจกรรม)", "การป้องกัน"),
                          ("ชื่อกิจกรรมที่ ๑", "อบรม"), ("ขั้นตอนของกิจกรรมนี้", "จัดอบรม")):
        text = text.replace(example, real)
    assert _placeholder_warnings(text) == []


def test_strict_fails_on_an_unfilled_report(tmp_path):
    out = tmp_path / "x.yaml"
    assert run_cli("init", "--year", "2569", "-o", out).returncode == 0
    assert run_cli("validate", out).returncode == 0
    strict = run_cli("validate", "--strict", out)
    assert strict.returncode == 1
    line = out.read_text(encoding="utf-8").splitlines().index("  name: ชื่อหน่วยงาน") + 1
    assert f"{out}:{line}:9: warning: agency.name: 'ชื่อหน่วยงาน' is the example text 'itareport init' wrote; " \
           "replace it with your own [ITA390]" in strict.stdout.splitlines()
