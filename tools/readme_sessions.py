"""Write the README's two validate sessions (English, and Thai with --lang th) from real runs of
`itareport validate data/x.yaml` on the README's example with its three mistakes. The tests
(test_readme.py, test_codes.py) check that the README shows exactly this output."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))
from conftest import readme_x_yaml  # noqa: E402


def session(folder: Path, *extra: str) -> str:
    env = {**os.environ, "CI": "true", "PYTHONIOENCODING": "utf-8", "ITAREPORT_LANG": "en"}
    return subprocess.run([sys.executable, "-m", "itareport", "validate", "data/x.yaml", *extra], cwd=folder,
                          capture_output=True, text=True, env=env).stdout


def main() -> None:
    readme_path = ROOT / "README.md"
    readme = readme_path.read_text(encoding="utf-8")
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        (folder / "data").mkdir()
        (folder / "data" / "x.yaml").write_text(readme_x_yaml(), encoding="utf-8")
        for pattern, extra in ((r"\$ itareport validate data/x\.yaml  [^\n]*\n", ()),
                               (r"\$ itareport validate data/x\.yaml --lang th\n", ("--lang", "th"))):
            m = re.search(f"({pattern})(.*?)(```)", readme, re.S)
            readme = readme[:m.start(2)] + session(folder, *extra) + readme[m.end(2):]
    readme_path.write_text(readme, encoding="utf-8")


if __name__ == "__main__":
    main()
