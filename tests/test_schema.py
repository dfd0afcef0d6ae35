"""The JSON Schema for editors: generated from the model, committed, and right about real files."""

import json
import re

import jsonschema
import pytest
import yaml

from helpers import DATA, ROOT, TEST_DATA, run_cli
from itareport.schema import schema_text

COMMITTED = ROOT / "schema" / "itareport.schema.json"


def validator():
    schema = json.loads(COMMITTED.read_text(encoding="utf-8"))
    cls = jsonschema.validators.validator_for(schema)
    cls.check_schema(schema)
    return cls(schema)


def test_the_committed_schema_is_the_generated_one():
    assert COMMITTED.read_text(encoding="utf-8") == schema_text(), \
        "schema/itareport.schema.json is stale: run `itareport schema -o schema/itareport.schema.json`"


def test_the_schema_command_prints_and_writes_it(tmp_path):
    result = run_cli("schema")
    assert result.returncode == 0 and result.stdout == COMMITTED.read_text(encoding="utf-8")
    out = tmp_path / "s.json"
    assert run_cli("schema", "-o", out).returncode == 0
    assert out.read_text(encoding="utf-8") == result.stdout


def test_the_data_file_points_at_the_schema_and_the_schema_accepts_it():
    first = DATA.read_text(encoding="utf-8").splitlines()[0]
    ref = re.fullmatch(r"# yaml-language-server: \$schema=(\S+)", first).group(1)
    assert (DATA.parent / ref).resolve() == COMMITTED.resolve()
    validator().validate(yaml.safe_load(DATA.read_text(encoding="utf-8")))


def test_every_property_is_described_in_thai_and_english():
    schema = json.loads(COMMITTED.read_text(encoding="utf-8"))
    objects = [schema, *list(schema["$defs"].values())]
    count = 0
    for obj in objects:
        assert re.search("[ก-๙]", obj["description"]) and re.search("[a-z]", obj["description"])
        for name, prop in obj["properties"].items():
            count += 1
            assert re.search("[ก-๙]", prop.get("description", "")), name
            assert re.search("[a-z]{3}", prop["description"]), name
    assert count >= 20


@pytest.mark.parametrize("change, where", [
    (lambda d: d.update(titel="x"), "titel"),
    (lambda d: d["measures"][0].update(period="whole-year"), "whole-year"),
    (lambda d: d["measures"][2]["period"].update({"from": "67-10"}), "67-10"),
    (lambda d: d["measures"][0].pop("steps"), "steps"),
    (lambda d: d["agency"].update(name=7), "7"),
])
def test_the_schema_catches_what_validate_catches(change, where):
    data = yaml.safe_load(DATA.read_text(encoding="utf-8"))
    change(data)
    messages = [e.message for top in validator().iter_errors(data) for e in [top, *top.context]]
    assert any(where in message for message in messages), messages


def test_files_itareport_writes_fit_the_schema(tmp_path):
    files = [tmp_path / "init.yaml", tmp_path / "seed.yaml", tmp_path / "next.yaml"]
    assert run_cli("init", "--year", "2569", "-o", files[0]).returncode == 0
    assert run_cli("import", TEST_DATA / "seed_2568.txt", "-o", files[1]).returncode == 0
    assert run_cli("new-year", DATA, "--to", "2569", "-o", files[2]).returncode == 0
    check = validator()
    for path in files:
        text = path.read_text(encoding="utf-8")
        assert text.startswith("# yaml-language-server: $schema=")
        check.validate(yaml.safe_load(text))
