"""pytest's fixtures shared by the test files; the helpers they use live in tests/helpers/."""

from __future__ import annotations

from pathlib import Path

import pytest

from helpers import DATA, run_cli


@pytest.fixture(params=["libyaml", "pyyaml"])
def yaml_parser(request, monkeypatch):
    """The same located advice whether PyYAML runs on libyaml (its own words differ) or on its pure-Python parser."""
    import yaml

    from itareport import loader

    if request.param == "pyyaml":
        monkeypatch.setattr(loader, "_Loader", yaml.SafeLoader)
    elif not yaml.__with_libyaml__:
        pytest.fail("PyYAML was installed without libyaml")
    return request.param


@pytest.fixture(scope="session")
def seed_docx(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """data/measures_2568.yaml built once for the session."""
    out = tmp_path_factory.mktemp("seed") / "measures_2568.docx"
    result = run_cli("build", DATA, "-o", out)
    assert result.returncode == 0, result.stderr
    return out
