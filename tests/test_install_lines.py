"""Every install line in the README and in examples/ installs itareport from this project's own
source (a checkout, a wheel file, a git URL) — never the bare name from the package index, where
the project has not published (issue 16)."""

from __future__ import annotations

import re

import yaml

from helpers import ROOT

INSTALL = re.compile(r"(?:pip|pipx|uv tool|uv pip) install\b([^`&;|\n]*)")
# `itareport` or `itareport[thai]` as a whole requirement: not a path, a wheel file, nor `name @ url`
BARE = re.compile(r"""(?:^|[\s"'])itareport(?:\[[\w,]+\])?(?=["'\s]|$)(?!\s*@)""")


def install_lines():
    for path in [ROOT / "README.md", ROOT / "action.yml", *sorted((ROOT / "examples").glob("*.yml"))]:
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            for match in INSTALL.finditer(line):
                yield f"{path.name}:{number}", match.group(1)


def test_no_install_line_takes_itareport_from_the_index():
    lines = list(install_lines())
    assert len(lines) > 10
    assert [(where, args) for where, args in lines if BARE.search(args)] == []


def test_the_pattern_catches_the_old_lines():
    for old in (' itareport', ' "itareport[thai]"', " 'itareport'", " --upgrade itareport"):
        assert BARE.search(old), old
    for good in (' ".[thai]"', ' "itareport-0.1.0-py3-none-any.whl[thai]"', ' "$ITAREPORT_SOURCE"',
                 ' "itareport[thai] @ git+https://github.com/YOUR-ORG/itareport@v0.1.0"'):
        assert not BARE.search(good), good


def test_the_ci_example_installs_through_the_action_from_its_own_checkout():
    """The agency template installs nothing itself: the action does, from the ref the workflow names
    (its `source` defaults to the action's own checkout; a bare name is refused: tests/test_workflows.py)."""
    workflow = yaml.safe_load((ROOT / "examples" / "github-actions.yml").read_text(encoding="utf-8"))
    steps = workflow["jobs"]["reports"]["steps"]
    assert not [s for s in steps if "install" in s.get("run", "")]
    assert {s["uses"] for s in steps if "itareport" in s.get("uses", "")} == {"OWNER/itareport@v0.x"}
    action = yaml.safe_load((ROOT / "action.yml").read_text(encoding="utf-8"))
    assert action["inputs"]["source"]["default"] == ""
    assert 'source="${SOURCE:-$GITHUB_ACTION_PATH}"' in (ROOT / "action.yml").read_text(encoding="utf-8")
