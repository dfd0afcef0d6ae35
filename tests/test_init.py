"""`itareport init`: a starter data file with Thai comments that validates."""

import re

import yaml

from helpers import run_cli
from itareport.thai import current_fiscal_year
from itareport.validate import validate_file


def test_init_writes_a_commented_file_that_validates(tmp_path):
    out = tmp_path / "x.yaml"
    result = run_cli("init", "--agency", "เทศบาลตำบลหนองบัว", "--year", "2569", "-o", out)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[0] == f"wrote {out}"
    text = out.read_text(encoding="utf-8")   # outside a project: the schema is written beside the file
    assert text.splitlines()[0] == "# yaml-language-server: $schema=itareport.schema.json"
    assert result.stdout.splitlines()[1].startswith(f"wrote {tmp_path / 'itareport.schema.json'}")
    thai_comments = [line for line in text.splitlines() if line.lstrip().startswith("#") and re.search("[ก-๙]", line)]
    assert len(thai_comments) >= 15
    data = yaml.safe_load(text)
    assert data["agency"] == {"name": "เทศบาลตำบลหนองบัว"} and data["fiscal_year"] == 2569
    assert data["measures"][1]["activities"][0]["period"] == {"from": "2568-10", "to": "2568-12"}
    checked = validate_file(out)
    assert checked.ok
    # only what is still to fill in is reported: results, outcomes and init's example texts (ITA390)
    assert {d.message.split(":")[0] for d in checked.diagnostics if d.code == "ITA302"} == {"no results yet", "no outcomes yet"}
    assert len([d for d in checked.diagnostics if d.code == "ITA390"]) == 6
    validate = run_cli("validate", out)
    assert validate.returncode == 0, validate.stdout


def test_init_defaults_to_data_folder_and_the_current_fiscal_year(tmp_path):
    result = run_cli("init", cwd=tmp_path)
    year = current_fiscal_year()
    out = tmp_path / "data" / f"measures_{year}.yaml"
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[0] == f"wrote data/measures_{year}.yaml"
    data = yaml.safe_load(out.read_text(encoding="utf-8"))
    assert data["fiscal_year"] == year and data["agency"]["name"] == "ชื่อหน่วยงาน"
    assert run_cli("validate", cwd=tmp_path).returncode == 0   # `validate` finds data/*.yaml


def test_init_points_at_the_nearest_schema(tmp_path):
    (tmp_path / "schema").mkdir()
    (tmp_path / "schema" / "itareport.schema.json").write_text("{}", encoding="utf-8")
    (tmp_path / "data" / "sub").mkdir(parents=True)
    for target, ref in (("data/a.yaml", "../schema/itareport.schema.json"),
                        ("data/sub/b.yaml", "../../schema/itareport.schema.json"),
                        ("c.yaml", "schema/itareport.schema.json")):
        assert run_cli("init", "--year", "2569", "-o", target, cwd=tmp_path).returncode == 0
        first = (tmp_path / target).read_text(encoding="utf-8").splitlines()[0]
        assert first == f"# yaml-language-server: $schema={ref}"


def test_init_quotes_an_agency_name_yaml_would_misread(tmp_path):
    out = tmp_path / "x.yaml"
    assert run_cli("init", "--agency", "yes: # no", "--year", "2569", "-o", out).returncode == 0
    assert yaml.safe_load(out.read_text(encoding="utf-8"))["agency"]["name"] == "yes: # no"
    assert validate_file(out).ok


def test_init_refuses_bad_years_and_existing_files(tmp_path):
    out = tmp_path / "x.yaml"
    result = run_cli("init", "--year", "2025", "-o", out)
    assert result.returncode == 2
    assert result.stderr.strip() == ("itareport: error: --year 2025: expected a Buddhist-era year such as 2569 "
                                     "(did you mean 2568?)")
    assert not out.exists()
    result = run_cli("init", "--year", "2596", "-o", out)   # a slip of the current fiscal year's digits
    current = current_fiscal_year()
    assert result.returncode == 2 and result.stderr.strip().startswith(
        f"itareport: error: --year: expected a fiscal year from {current - 10} to {current + 1} (the current one "
        f"is {current}), got 2596")
    assert not out.exists()
    assert run_cli("init", "--year", "3000", "-o", out).stderr.strip() == (
        "itareport: error: --year 3000: expected a Buddhist-era year such as 2569")   # no 'None' for a hint
    out.write_text("mine\n", encoding="utf-8")
    result = run_cli("init", "--year", "2569", "-o", out)
    assert result.returncode == 2 and "already exists" in result.stderr
    assert out.read_text(encoding="utf-8") == "mine\n"
    assert run_cli("init", "--year", "2569", "-o", out, "--force").returncode == 0
    assert validate_file(out).ok
