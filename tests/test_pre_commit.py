"""The pre-commit hooks (.pre-commit-hooks.yaml, issue 24 item 2), run by the real pre-commit:
`pre-commit try-repo` of this checkout in a new git repository with a good and a bad data file.

pre-commit clones this checkout and installs it into a virtual environment of its own with pip
(network: the package index only). VIRTUALENV_SYSTEM_SITE_PACKAGES lets that environment see the
dependencies the test machine already has, so pip has only itareport itself to build and install
(a few seconds instead of half a minute of downloads); that it is this checkout's itareport that
runs, from the hook's own environment, is checked below. A fresh environment with every dependency
from the index is tests/test_wheel.py's job."""

from __future__ import annotations

import os
import re
import subprocess
import sys

import pytest
import yaml

from helpers import ROOT, VALID, run_cli

HOOKS = ROOT / ".pre-commit-hooks.yaml"
BAD = (VALID.replace("fiscal_year: 2568", "fiscal_year: 2025")   # validate: ITA211
       .replace("จัดทำคู่มือ", "จัดทำคู่มืือ"))                         # lint: a doubled vowel


def test_the_manifest_names_three_python_hooks_on_data_files():
    hooks = {hook["id"]: hook for hook in yaml.safe_load(HOOKS.read_text(encoding="utf-8"))}
    assert list(hooks) == ["itareport-validate", "itareport-lint", "itareport-check"]
    assert {hook["language"] for hook in hooks.values()} == {"python"}
    pattern = re.compile(hooks["itareport-validate"]["files"])
    for hook in hooks.values():
        assert hook["files"] == pattern.pattern
    assert [bool(pattern.search(p)) for p in ("data/measures_2569.yaml", "agencies/ก/data/x.yml", "data/x.words.txt",
                                              ".pre-commit-config.yaml", "data/sub/x.yaml", "mydata/x.yaml")] == [
        True, True, False, False, False, False]
    assert hooks["itareport-validate"]["entry"] == "itareport validate --strict"
    assert hooks["itareport-check"]["entry"] == "itareport build --check"
    assert hooks["itareport-lint"]["additional_dependencies"] == ["pythainlp>=5.3"]


@pytest.mark.slow
def test_try_repo_on_good_and_bad_data_files(tmp_path):
    """One try-repo run (each builds fresh environments: ~20 s with the lint hook's PyThaiNLP) over three files: good.yaml (valid, its
    report current), stale.yaml (valid, changed since its report was built) and bad.yaml (an error and a
    typo). Each hook fails, naming only the files it should."""
    repo = tmp_path / "agency"
    (repo / "data").mkdir(parents=True)
    for name in ("good", "stale"):
        (repo / "data" / f"{name}.yaml").write_text(VALID, encoding="utf-8")
    (repo / "data" / "bad.yaml").write_text(BAD, encoding="utf-8")
    assert run_cli("build", "data/good.yaml", "data/stale.yaml", "-o", "reports/", cwd=repo).returncode == 0
    (repo / "data" / "stale.yaml").write_text(VALID.replace("สำนักปลัด", "กองคลัง"), encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    env.update(PRE_COMMIT_HOME=str(tmp_path / "cache"), ITAREPORT_LANG="en", CI="true",
               VIRTUALENV_SYSTEM_SITE_PACKAGES="1",  # the dependencies the machine has (see above)
               PIP_NO_BUILD_ISOLATION="0",  # pip's spelling of "build without isolation" (hatchling is here)
               GIT_AUTHOR_NAME="t", GIT_AUTHOR_EMAIL="t@example.org", GIT_COMMITTER_NAME="t",
               GIT_COMMITTER_EMAIL="t@example.org")
    for command in (["init", "-q"], ["add", "-A"], ["commit", "-qm", "data and reports"]):
        subprocess.run(["git", *command], cwd=repo, check=True, env=env, capture_output=True, timeout=60)

    files = ["data/good.yaml", "data/stale.yaml", "data/bad.yaml"]
    command = [sys.executable, "-m", "pre_commit", "try-repo", str(ROOT), "--verbose", "--files", *files]
    result = subprocess.run(command, cwd=repo, capture_output=True, text=True, timeout=600,
                            env={**env, "PYTHONVERBOSE": "1"})  # imports on stderr: where itareport came from
    output = result.stdout + result.stderr
    assert result.returncode == 1, output[-3000:]
    assert "Traceback" not in output
    assert dict(re.findall(r"^(itareport[^.\n]*?)\.{3,}(Passed|Failed)$", output, re.M)) == {
        "itareport validate": "Failed", "itareport lint": "Failed", "itareport build --check": "Failed"}
    installed = re.search(r"(\S*/py_env-[^/]+/\S*site-packages/itareport/)output/__init__\.py", output)
    assert installed and not installed.group(1).startswith(str(ROOT)), "not this checkout, in the hook's env"
    findings = [line for line in output.splitlines() if re.match(r"(stale: |missing: |data/\w+\.yaml:\d)", line)]
    assert ("data/bad.yaml:4:14: error: fiscal_year: expected a Buddhist-era year (พ.ศ.), not a Christian-era one, "
            "got '2025' (did you mean 2568?) [ITA211]") in findings
    assert all(line.startswith(("data/bad.yaml:", "stale: reports/stale.docx")) for line in findings), findings
    assert re.search(r"^data/bad\.yaml:8:\d+: warning: measures\[1\]\.steps\[1\]: .*\[ITA4\d\d\]$", output, re.M)
    assert "stale: reports/stale.docx (run: itareport build data/stale.yaml -o reports/)" in output
