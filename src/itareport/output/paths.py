"""Where the CI formats' paths start: the repository root, as GitHub shows files in a pull request."""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path


def repository_root(env: Mapping[str, str] | None = None, cwd: Path | None = None) -> Path:
    """GITHUB_WORKSPACE when set (the checkout in a workflow), else the top folder of the git work tree
    around cwd (a folder holding .git, which is a file in a worktree or submodule), else cwd."""
    env = os.environ if env is None else env
    here = Path(os.path.abspath(cwd or Path.cwd()))
    if env.get("GITHUB_WORKSPACE"):
        return Path(os.path.abspath(env["GITHUB_WORKSPACE"]))
    for folder in (here, *here.parents):
        if (folder / ".git").exists():
            return folder
    return here


def relative_to_root(file: str, root: Path) -> str:
    """FILE relative to root, with forward slashes (as in the pull request); as given when it lies outside."""
    absolute = os.path.abspath(file)
    try:
        relative = os.path.relpath(absolute, root)
    except ValueError:  # another drive (Windows)
        return Path(file).as_posix()
    if relative == ".." or relative.startswith(".." + os.sep):
        return Path(file).as_posix()
    return Path(relative).as_posix()
