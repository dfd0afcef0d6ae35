"""The README's examples are true: its data example validates and builds, with its signature block."""

import re

from helpers import ROOT, body_paragraphs, readme_x_yaml, readme_yaml, run_cli, table_rows


def test_readme_example_builds_with_signature(tmp_path):
    (tmp_path / "example.yaml").write_text(readme_yaml(), encoding="utf-8")
    result = run_cli("validate", "example.yaml", cwd=tmp_path)
    assert result.returncode == 0, result.stdout
    result = run_cli("build", "example.yaml", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    docx = tmp_path / "example.docx"
    assert len(table_rows(docx)) == 1 + 2
    assert body_paragraphs(docx)[0] == "O26"  # show_indicator: true
    date = "วันที่ ๑๕\u00a0เดือน ตุลาคม พ.ศ.\u00a0๒๕๖๘"
    assert table_rows(docx, 1) == [[
        ["ผู้รายงาน", "(ลงชื่อ) ..............................................", "(นายตัวอย่าง ใจดี)",
         "ปลัดเทศบาลตำบลโคกสูงสัมพันธ์", date],
        ["ผู้เห็นชอบ", "(ลงชื่อ) ..............................................", "(นายตัวอย่าง รักดี)",
         "ปลัดเทศบาลตำบลโคกสูงสัมพันธ์", "รักษาราชการแทนนายกเทศมนตรีตำบลโคกสูงสัมพันธ์", date]]]


def test_readme_validate_output_is_real(tmp_path):
    text = readme_x_yaml()
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "x.yaml").write_text(text, encoding="utf-8")
    result = run_cli("validate", "data/x.yaml", cwd=tmp_path)
    assert result.returncode == 1
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    shown = re.search(r"\$ itareport validate data/x\.yaml[^\n]*\n(.*?)```", readme, re.S).group(1)
    assert result.stdout == shown


def test_ci_runs_the_readme_test_command():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    command = next(line for line in readme.splitlines() if line.startswith("bash tools/install-test-deps.sh"))
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines()
    for step in command.split(" && "):
        assert any(line.replace("python -m pip", "pip").replace(" -q ", " ") == step for line in ci), step
