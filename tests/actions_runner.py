"""A small stand-in for the GitHub Actions runner, enough to run our example workflows and our composite
action (action.yml) on this machine: each job's steps in order, `run:` steps through bash as the runner
calls it, our action's own steps with its inputs, GITHUB_OUTPUT / GITHUB_ENV / GITHUB_PATH, `if:`
with always(), success(), failure() and comparisons, and the `${{ }}` expressions the files use.

Steps of other actions are not run: actions/checkout (the sample repository is the checkout),
actions/setup-python (the test's virtual environment is the Python put on PATH), actions/cache (a cache
only saves time) and actions/upload-artifact (its path must exist: what would be uploaded is recorded).
An expression, an action or an input it does not know fails the test: a workflow that would fail on
GitHub for that reason fails here first."""

from __future__ import annotations

import os
import re
import subprocess
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

EXPRESSION = re.compile(r"\$\{\{\s*(.*?)\s*\}\}")
OUR_ACTION = re.compile(r"\./?|[\w.-]+/itareport@[\w.-]+")
SKIPPED = ("actions/checkout@", "actions/setup-python@", "actions/cache@")
# How the runner starts a `run:` step: `shell: bash` explicitly, or the default shell on Linux.
BASH = ["bash", "--noprofile", "--norc", "-eo", "pipefail"]
DEFAULT_SHELL = ["bash", "-e"]


@dataclass
class Job:
    """One job's state as the runner keeps it."""

    workspace: Path
    action_root: Path                  # where `uses: ./` and `uses: OWNER/itareport@...` are found
    env: dict[str, str]                # the process environment (GITHUB_ENV adds to it)
    outputs: dict[str, dict[str, str]] = field(default_factory=dict)   # step id -> outputs
    failed: bool = False
    log: list[str] = field(default_factory=list)        # what each step printed, and what was skipped
    uploads: dict[str, list[str]] = field(default_factory=dict)   # artifact name -> files under its path
    ran: list[str] = field(default_factory=list)        # the names of the steps that ran


def evaluate(expression: str, context: dict[str, Any]) -> str:
    """One expression of the forms the workflows use: a.b.c lookups, 'x' literals, == and !=."""
    for op in ("==", "!="):
        if op in expression:
            left, right = (evaluate(part.strip(), context) for part in expression.split(op, 1))
            return str((left == right) == (op == "=="))
    if re.fullmatch(r"'[^']*'", expression):
        return expression[1:-1]
    value: Any = context
    for part in expression.split("."):
        if not isinstance(value, dict) or part not in value:
            if expression.startswith("steps."):
                return ""  # a step that failed or did not run has no such output: the runner gives ""
            raise AssertionError(f"unknown expression: {expression}")
        value = value[part]
    return str(value)


def substitute(text: Any, context: dict[str, Any]) -> str:
    return EXPRESSION.sub(lambda m: evaluate(m.group(1), context), str(text))


def should_run(condition: Any, job: Job, context: dict[str, Any]) -> bool:
    if condition is None:
        return not job.failed
    text = EXPRESSION.sub(lambda m: m.group(1), str(condition)).strip()
    status = {"always()": True, "success()": not job.failed, "failure()": job.failed, "cancelled()": False}
    if text in status:
        return status[text]
    return not job.failed and evaluate(text, context) == "True"


def read_command_file(path: Path) -> dict[str, str]:
    """NAME=value lines and NAME<<DELIMITER ... DELIMITER blocks (GITHUB_OUTPUT, GITHUB_ENV)."""
    values: dict[str, str] = {}
    lines = path.read_text(encoding="utf-8").splitlines()
    i = 0
    while i < len(lines):
        line = lines[i]
        if "<<" in line and ("=" not in line or line.index("<<") < line.index("=")):
            name, delimiter = line.split("<<", 1)
            end = lines.index(delimiter, i + 1)
            values[name] = "\n".join(lines[i + 1:end])
            i = end + 1
            continue
        if line:
            name, value = line.split("=", 1)
            values[name] = value
        i += 1
    return values


def run_script(job: Job, name: str, script: str, shell: list[str], env: dict[str, str], cwd: Path) -> dict[str, str]:
    """A `run:` step: the script in a file, GITHUB_OUTPUT/ENV/PATH files; the step's outputs."""
    with tempfile.TemporaryDirectory() as folder:
        files = {key: Path(folder) / key.lower() for key in ("GITHUB_OUTPUT", "GITHUB_ENV", "GITHUB_PATH")}
        for path in files.values():
            path.touch()
        (Path(folder) / "step.sh").write_text(script, encoding="utf-8")
        full_env = {**job.env, **env, **{key: str(path) for key, path in files.items()}}
        result = subprocess.run([*shell, str(Path(folder) / "step.sh")], cwd=cwd, env=full_env, text=True,
                                capture_output=True, timeout=600)
        job.log.append(f"--- {name}: exit {result.returncode}\n{result.stdout}{result.stderr}")
        if result.returncode != 0:
            job.failed = True
        job.env.update(read_command_file(files["GITHUB_ENV"]))
        for entry in reversed(files["GITHUB_PATH"].read_text(encoding="utf-8").splitlines()):
            job.env["PATH"] = entry + os.pathsep + job.env["PATH"]
        return read_command_file(files["GITHUB_OUTPUT"])


def run_action(job: Job, name: str, given: dict[str, Any], context: dict[str, Any]) -> dict[str, str]:
    """Our composite action: its inputs (defaults, then `with:`), its run steps, its outputs."""
    action = yaml.safe_load((job.action_root / "action.yml").read_text(encoding="utf-8"))
    unknown = set(given) - set(action["inputs"])
    assert not unknown, f"{name}: inputs the action does not have: {sorted(unknown)}"
    inputs = {key: str(spec.get("default", "")) for key, spec in action["inputs"].items()}
    inputs.update({key: substitute(value, context) for key, value in given.items()})
    inner = {"inputs": inputs, "steps": {}, "runner": context["runner"],
             "github": {**context["github"], "action_path": str(job.action_root)}}
    env = {"GITHUB_ACTION_PATH": str(job.action_root)}
    for i, step in enumerate(action["runs"]["steps"]):
        label = f"{name} / {step.get('id', i)}"
        if not should_run(step.get("if"), job, inner):
            job.log.append(f"--- {label}: skipped")
            continue
        if "uses" in step:
            assert step["uses"].startswith(SKIPPED), f"{label}: an action this runner does not know: {step['uses']}"
            job.log.append(f"--- {label}: {step['uses']} not run here")
            continue
        assert step["shell"] == "bash", f"{label}: a composite action's run step names its shell"
        step_env = {key: substitute(value, inner) for key, value in (step.get("env") or {}).items()}
        outputs = run_script(job, label, step["run"], BASH, {**env, **step_env}, job.workspace)
        if "id" in step:
            inner["steps"][step["id"]] = {"outputs": outputs}
        if job.failed:
            break
    return {key: substitute(spec["value"], inner) for key, spec in action.get("outputs", {}).items()}


def run_workflow(path: Path, job: Job) -> Job:
    """The workflow's one job, step by step, as the runner would on a push."""
    workflow = yaml.safe_load(path.read_text(encoding="utf-8"))
    [spec] = workflow["jobs"].values()
    context: dict[str, Any] = {"github": {"workspace": str(job.workspace), "ref": "refs/heads/main",
                                          "ref_name": "main", "event_name": "push"},
                               "runner": {"os": "Linux", "arch": "X64", "temp": tempfile.gettempdir()},
                               "steps": {}, "env": {}}
    for source in (workflow.get("env") or {}, spec.get("env") or {}):
        for key, value in source.items():
            job.env[key] = context["env"][key] = substitute(value, context)
    for i, step in enumerate(spec["steps"]):
        name = step.get("name") or step.get("uses") or f"step {i + 1}"
        if not should_run(step.get("if"), job, context):
            job.log.append(f"--- {name}: skipped")
            continue
        outputs: dict[str, str] = {}
        uses = step.get("uses")
        if uses and OUR_ACTION.fullmatch(uses):
            outputs = run_action(job, name, step.get("with") or {}, context)
            job.ran.append(name)
        elif uses and uses.startswith("actions/upload-artifact@"):
            options = {key: substitute(value, context) for key, value in (step.get("with") or {}).items()}
            folder = job.workspace / options["path"]
            if options.get("if-no-files-found", "warn") == "error":
                assert folder.exists(), f"{name}: nothing at {options['path']}"
            job.uploads[options.get("name", "artifact")] = sorted(
                p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file()) if folder.exists() else []
            job.ran.append(name)
        elif uses:
            assert uses.startswith(SKIPPED), f"{name}: an action this runner does not know: {uses}"
            job.log.append(f"--- {name}: not run here")
            continue
        else:
            env = {key: substitute(value, context) for key, value in (step.get("env") or {}).items()}
            shell = BASH if step.get("shell") == "bash" else DEFAULT_SHELL
            outputs = run_script(job, name, substitute(step["run"], context), shell, env,
                                 job.workspace / step.get("working-directory", "."))
            job.ran.append(name)
        if "id" in step:
            context["steps"][step["id"]] = {"outputs": outputs}
    return job


def run_scripts(path: Path) -> list[tuple[str, str, list[str]]]:
    """(name, script, the names its `env:` sets) of every `run:` step of a workflow or of action.yml."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    steps = data["runs"]["steps"] if "runs" in data else [s for job in data["jobs"].values() for s in job["steps"]]
    return [(step.get("name") or step.get("id") or f"step {i + 1}", step["run"], list(step.get("env") or {}))
            for i, step in enumerate(steps) if "run" in step]
