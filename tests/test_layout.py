"""The layout rules (docs/architecture.md): no import cycles, no module over 500 lines, and the
lazy imports that keep `validate` and `--help` fast."""

import os
import subprocess
import sys

from helpers import CLI_ENV, DATA, ROOT

sys.path.insert(0, str(ROOT / "tools"))
from check_layout import ARCHITECTURE, MAX_LINES, cycles, problems, undocumented


def test_no_import_cycles_and_no_module_over_500_lines():
    assert problems() == []


def test_the_cycle_finder_finds_a_cycle():
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == [["a", "b", "c", "a"]]
    assert MAX_LINES == 500


def test_the_module_table_check_finds_a_missing_line_and_a_line_of_nothing():
    text = ARCHITECTURE.read_text(encoding="utf-8")
    assert undocumented(text) == []
    without = "\n".join(line for line in text.splitlines()
                         if not line.startswith(("| `loader.py`", "| `update/`")))
    missing = undocumented(without + "\n| `gone.py` | a module that was removed |\n")
    assert "docs/architecture.md: `gone.py` names nothing in src/itareport" in missing
    assert "loader.py: no line in docs/architecture.md's module table" in missing
    assert "update/tree.py: no line in docs/architecture.md's module table" in missing
    # a package's line must name each of its modules
    renamed = text.replace("`tree.py` the nodes", "`the_tree.py` the nodes")
    assert undocumented(renamed) == ["update/tree.py: no line in docs/architecture.md's module table"]


def test_validate_and_help_stay_off_the_heavy_imports():
    code = ("import sys\nfrom itareport.cli import main\nsys.argv = ['itareport', *sys.argv[1:]]\n"
            "try:\n    main()\nexcept SystemExit:\n    pass\n"
            "print('HEAVY', sorted(m for m in ('jinja2', 'lxml', 'docx', 'pythainlp', 'itareport.render.docx',"
            " 'itareport.importer', 'itareport.build') if m in sys.modules))\n")
    for args in (["validate", str(DATA)], ["--help"]):
        result = subprocess.run([sys.executable, "-c", code, *args], cwd=ROOT, capture_output=True, text=True,
                                env={**os.environ, **CLI_ENV}, timeout=120)
        assert result.stdout.splitlines()[-1] == "HEAVY []", result.stdout + result.stderr
