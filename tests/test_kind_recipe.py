"""docs/architecture.md's "Adding a document kind", followed for a throwaway kind in a copy of the
package: one registry entry in kinds.py and its two templates; then init, validate and build
(docx, html, md) take it with nothing else changed.

A process, because the model's `kind` is built from the registry when itareport is imported."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import yaml

from helpers import CLI_ENV, ROOT, audit_errors, body_paragraphs, table_rows

# Step 1: the registry entry (kinds.py), as a newcomer writes it.
ENTRY = '''
AUDIT_REPORT = Kind(
    name="audit-report",
    columns=(Col("title", "ประเด็นที่ตรวจ", "text", 0.40), Col("owner", "ผู้รับผิดชอบ", "text", 0.20),
             Col("period", "ช่วงเวลา", "period", 0.15), Col("results", "ผลการตรวจ", "list", 0.25)),
    row_keys=("title", "details", "steps", "owner", "period", "results"),
    fill_keys=("results",),
    templates={"title": "title-audit-report.txt.j2", "intro": "intro-audit-report.txt.j2"},
    wording=Wording(title=("รายงานผลการตรวจติดตามมาตรการ", "ประจำปีงบประมาณ พ.ศ. {fiscal_year}", "", "{agency_line}"),
                    intro="{agency}ได้ตรวจติดตามมาตรการ ประจำปีงบประมาณ พ.ศ. {fiscal_year} ดังนี้"),
    starter=Starter(
        name="audit-report", kind="audit-report",
        data={"kind": "audit-report", "measures": [
            {"title": "ประเด็นที่ ๑", "steps": ["ตรวจเอกสาร"], "owner": "หน่วยตรวจสอบภายใน",
             "period": {"from": "{previous_year}-10", "to": "{previous_year}-12"}, "results": []}]},
        comments={("kind",): ("ชนิดเอกสาร: รายงานผลการตรวจติดตาม",),
                  ("measures", 0, "results"): ("ผลการตรวจ: กรอกเมื่อตรวจแล้ว",)}),
)
'''
REGISTER = ("KINDS: Mapping[str, Kind] = {kind.name: kind for kind in (MEASURES_REPORT, MEASURES_PLAN, "
            "PROGRESS_REPORT)}")
# Step 2: its templates (here with a line of their own, to see they are the ones used).
TEMPLATES = {
    "title-audit-report.txt.j2": "{% for line in standard.title %}\n{{ line }}\n{% endfor %}\n",
    "intro-audit-report.txt.j2": "(แม่แบบของรายงานตรวจติดตาม)\n"
                                 "{% if intro %}{{ intro }}{% else %}{{ standard.intro }}{% endif %}\n",
}
# Then every command, in one process of the copy.
SCRIPT = """\
import json, sys
import itareport
from itareport.cli import main
from itareport.schema import report_schema
print("PACKAGE", itareport.__file__)
print("ENUM", json.dumps(report_schema()["properties"]["kind"]["enum"]))
for args in (["init", "--kind", "audit-report", "--year", "2569", "--agency", "เทศบาลตำบลทดสอบ", "-o", "audit.yaml"],
             ["validate", "audit.yaml", "--format", "json"],
             ["build", "audit.yaml", "-f", "docx,html,md"]):
    sys.argv = ["itareport", *args]
    try:
        main()
    except SystemExit as exc:
        print("EXIT", args[0], exc.code)
"""


def copy_with_a_new_kind(tmp_path: Path) -> Path:
    copy = tmp_path / "copy"
    shutil.copytree(ROOT / "src" / "itareport", copy / "src" / "itareport",
                    ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copytree(ROOT / "templates", copy / "templates")
    kinds = copy / "src" / "itareport" / "kinds.py"
    text = kinds.read_text(encoding="utf-8")
    assert text.count(REGISTER) == 1, "the recipe's registry line moved: update docs/architecture.md and this test"
    kinds.write_text(text.replace(REGISTER, ENTRY + "\n" + REGISTER.replace("PROGRESS_REPORT)", "PROGRESS_REPORT, "
                                                                            "AUDIT_REPORT)")), encoding="utf-8")
    for name, template in TEMPLATES.items():
        (copy / "templates" / name).write_text(template, encoding="utf-8")
    return copy


def test_a_new_kind_is_one_registry_entry_and_its_templates(tmp_path):
    copy = copy_with_a_new_kind(tmp_path)
    work = tmp_path / "work"
    work.mkdir()
    env = {**os.environ, **CLI_ENV, "PYTHONPATH": str(copy / "src")}
    result = subprocess.run([sys.executable, "-c", SCRIPT], cwd=work, env=env, capture_output=True, text=True,
                            timeout=120)
    out = result.stdout.splitlines()
    assert f"PACKAGE {copy / 'src' / 'itareport' / '__init__.py'}" in out, result.stdout + result.stderr
    assert 'ENUM ["measures-report", "measures-plan", "progress-report", "audit-report"]' in out
    assert [line for line in out if line.startswith("EXIT")] == ["EXIT init 0", "EXIT validate 0", "EXIT build 0"], \
        result.stdout + result.stderr

    # init: the starter, filled in for the year, with its comments
    written = (work / "audit.yaml").read_text(encoding="utf-8")
    assert "# ชนิดเอกสาร: รายงานผลการตรวจติดตาม\nkind: audit-report\n" in written
    assert yaml.safe_load(written)["measures"][0]["period"] == {"from": "2568-10", "to": "2568-12"}
    # validate: only the kind's "fill in" warning
    report, _end = json.JSONDecoder().raw_decode(result.stdout[result.stdout.index("\n{") + 1:])
    assert [d["code"] for d in report["files"][0]["diagnostics"]] == ["ITA302"]
    # build: the kind's columns, wording and templates in every format
    docx = work / "audit.docx"
    assert audit_errors(docx) == []
    assert [cell[0] for cell in table_rows(docx)[0]] == ["ประเด็นที่ตรวจ", "ผู้รับผิดชอบ", "ช่วงเวลา", "ผลการตรวจ"]
    paragraphs = [text.replace("\xa0", " ") for text in body_paragraphs(docx)]
    assert paragraphs[:6] == ["รายงานผลการตรวจติดตามมาตรการ", "ประจำปีงบประมาณ พ.ศ. ๒๕๖๙", "", "เทศบาลตำบลทดสอบ",
                              "(แม่แบบของรายงานตรวจติดตาม)",
                              "เทศบาลตำบลทดสอบได้ตรวจติดตามมาตรการ ประจำปีงบประมาณ พ.ศ. ๒๕๖๙ ดังนี้"]
    html = (work / "audit.html").read_text(encoding="utf-8")
    assert '<p class="title">รายงานผลการตรวจติดตามมาตรการ</p>' in html and '<th scope="col">ผลการตรวจ</th>' in html
    markdown = (work / "audit.md").read_text(encoding="utf-8")
    assert "| ประเด็นที่ตรวจ | ผู้รับผิดชอบ | ช่วงเวลา | ผลการตรวจ |" in markdown
