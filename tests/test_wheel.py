"""The release artifacts (issue 16): `python -m build` makes the sdist and, from it, the wheel;
both pass `twine check --strict`; the wheel carries the templates and the message catalogs;
installed into a fresh virtual environment (dependencies from the index, as an agency's
machine gets them), it runs and builds the report from any folder. One test: it is slow."""

from __future__ import annotations

import os
import subprocess
import sys
import tarfile
import zipfile

import itareport
from helpers import DATA, ROOT, table_rows


def run(*command, **kwargs):
    result = subprocess.run([str(c) for c in command], capture_output=True, text=True, timeout=600, **kwargs)
    assert result.returncode == 0, (command, result.stdout[-3000:], result.stderr[-3000:])
    return result.stdout


def test_sdist_and_wheel_build_check_install_and_run(tmp_path):
    dist = tmp_path / "dist"
    # Without an isolated build environment (hatchling comes with the test extra): the wheel is
    # still built from the unpacked sdist, so a file missing from the sdist is missing here too.
    run(sys.executable, "-m", "build", "--no-isolation", "--outdir", dist, ROOT)
    [sdist] = dist.glob("itareport-*.tar.gz")
    [wheel] = dist.glob("itareport-*.whl")
    assert sdist.name == f"itareport-{itareport.__version__}.tar.gz"
    assert wheel.name == f"itareport-{itareport.__version__}-py3-none-any.whl"
    run(sys.executable, "-m", "twine", "check", "--strict", sdist, wheel)

    catalogs = sorted(p.relative_to(ROOT / "src").as_posix()
                      for p in (ROOT / "src" / "itareport" / "locale").rglob("*") if p.suffix in (".po", ".mo"))
    with zipfile.ZipFile(wheel) as zf:
        names = set(zf.namelist())
    for name in ("base.docx", "title.txt.j2", "intro.txt.j2", "columns.txt.j2", "signature.txt.j2", "report.html.j2"):
        assert f"itareport/templates/{name}" in names
    assert "itareport/locale/th/LC_MESSAGES/itareport.mo" in names  # the compiled Thai messages
    for name in ("additions.txt", "abbreviations.txt", "slips.txt"):   # the Thai dictionary's own lists
        assert f"itareport/words/{name}" in names
    assert set(catalogs) <= names, set(catalogs) - names
    with tarfile.open(sdist) as tf:
        in_sdist = set(tf.getnames())
    stem = sdist.name[:-len(".tar.gz")]
    for name in ("CHANGELOG.md", "README.md", "templates/base.docx", "data/measures_2568.yaml"):
        assert f"{stem}/{name}" in in_sdist

    venv = tmp_path / "venv"
    run(sys.executable, "-m", "venv", venv)
    scripts = venv / ("Scripts" if os.name == "nt" else "bin")
    python = scripts / ("python.exe" if os.name == "nt" else "python")
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "PYTHONHOME", "VIRTUAL_ENV")}
    env.update(CI="true", PYTHONIOENCODING="utf-8")
    run(python, "-m", "pip", "install", "-q", "--disable-pip-version-check", wheel, env=env)

    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    itareport_exe = scripts / ("itareport.exe" if os.name == "nt" else "itareport")
    assert run(itareport_exe, "--version", cwd=elsewhere, env=env).strip() == f"itareport {itareport.__version__}"
    installed = run(python, "-c", "import importlib.metadata as m, itareport, itareport.view as v; "
                    "print(m.version('itareport'), itareport.__version__, v.builtin_templates(), sep='|')",
                    cwd=elsewhere, env=env).strip().split("|")
    assert installed[:2] == [itareport.__version__] * 2  # one version: the metadata reads __version__
    assert installed[2].startswith(str(venv))  # the wheel's templates, not the checkout's
    run(itareport_exe, "build", DATA, cwd=elsewhere, env=env)
    assert len(table_rows(elsewhere / "measures_2568.docx")) == 8
    assert run(itareport_exe, "--lang", "th", "--help", cwd=elsewhere, env=env).startswith("วิธีใช้: itareport")
