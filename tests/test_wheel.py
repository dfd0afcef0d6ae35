"""Templates ship inside the wheel: an installed (not editable) itareport builds from any folder."""

import subprocess
import sys
import zipfile

from conftest import DATA, ROOT
from docx_read import table_rows


def test_wheel_carries_templates_and_builds_elsewhere(tmp_path):
    wheels = tmp_path / "wheels"
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q",
                    "-w", str(wheels), str(ROOT)], check=True, capture_output=True, timeout=300)
    [wheel] = wheels.glob("itareport-*.whl")
    site = tmp_path / "site"
    with zipfile.ZipFile(wheel) as zf:
        names = set(zf.namelist())
        zf.extractall(site)
    for name in ("base.docx", "title.txt.j2", "intro.txt.j2", "columns.txt.j2", "signature.txt.j2"):
        assert f"itareport/templates/{name}" in names
    assert "itareport/locale/th/LC_MESSAGES/itareport.mo" in names  # the compiled Thai messages
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    env = {"PYTHONPATH": str(site), "PATH": "/usr/bin:/bin", "CI": "true"}
    where = subprocess.run([sys.executable, "-c", "import itareport.view as v; print(v.builtin_templates())"],
                           cwd=elsewhere, env=env, capture_output=True, text=True, check=True).stdout.strip()
    assert where == str(site / "itareport" / "templates")
    subprocess.run([sys.executable, "-m", "itareport", "build", str(DATA)], cwd=elsewhere, env=env,
                   check=True, capture_output=True, timeout=300)
    assert len(table_rows(elsewhere / "measures_2568.docx")) == 8
    thai = subprocess.run([sys.executable, "-m", "itareport", "--lang", "th", "--help"], cwd=elsewhere, env=env,
                          check=True, capture_output=True, timeout=60, text=True, encoding="utf-8").stdout
    assert thai.startswith("วิธีใช้: itareport")
