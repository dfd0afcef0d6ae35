"""Diagnostic codes: one registry (itareport.codes), used by the code, printed in text and JSON,
the same in both languages, and listed in the README exactly as the registry has them."""

from __future__ import annotations

import json
import re

from helpers import ROOT, invoke, readme_x_yaml, run_cli
from itareport.codes import CODES, markdown_table

README = ROOT / "README.md"
CODE = re.compile(r"ITA\d{3}")


def test_readme_table_is_the_registry():
    text = README.read_text(encoding="utf-8")
    table = re.search(r"<!-- codes:begin -->\n(.*?)<!-- codes:end -->", text, re.S).group(1)
    assert table == markdown_table()
    for code in CODES:
        assert f"| {code} | " in table


def test_every_code_in_the_source_is_registered_and_every_registered_code_is_used():
    source = {path: path.read_text(encoding="utf-8") for path in (ROOT / "src" / "itareport").rglob("*.py")
              if path.name != "codes.py"}
    used = {code for text in source.values() for code in CODE.findall(text)}
    assert used - set(CODES) == set(), "codes used but not in itareport/codes.py"
    assert set(CODES) - used == set(), "codes registered but never given to a diagnostic"
    assert all(re.fullmatch(r"ITA[1-7]\d\d", code) for code in CODES)


def test_code_is_in_json_and_the_same_in_both_languages(tmp_path):
    (tmp_path / "x.yaml").write_text(readme_x_yaml(), encoding="utf-8")
    outputs = {}
    for lang in ("en", "th"):
        result = invoke("validate", "x.yaml", "--format", "json", lang=lang, cwd=tmp_path)
        assert result.exit_code == 1
        outputs[lang] = json.loads(result.stdout)["files"][0]["diagnostics"]
    assert [d["code"] for d in outputs["en"]] == [d["code"] for d in outputs["th"]] == \
        ["ITA211", "ITA202", "ITA203", "ITA303"]
    assert [d["severity"] for d in outputs["th"]] == ["error", "error", "error", "warning"]  # JSON stays English
    assert outputs["en"][0]["message"] != outputs["th"][0]["message"]


def test_readme_thai_session_is_real(tmp_path):
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "x.yaml").write_text(readme_x_yaml(), encoding="utf-8")
    readme = README.read_text(encoding="utf-8")
    shown = re.search(r"\$ itareport validate data/x\.yaml --lang th\n(.*?)```", readme, re.S).group(1)
    result = run_cli("validate", "data/x.yaml", cwd=tmp_path, env={"ITAREPORT_LANG": "", "LC_ALL": "",
                                                                   "LC_MESSAGES": "", "LANG": "th_TH.UTF-8"})
    assert result.returncode == 1
    assert result.stdout == shown
    assert run_cli("validate", "data/x.yaml", "--lang", "th", cwd=tmp_path).stdout == shown
