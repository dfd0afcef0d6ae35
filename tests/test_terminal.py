"""On a terminal the output is coloured by rich; in CI and pipes it is plain (tested elsewhere)."""

from conftest import VALID, run_in_terminal


def test_validate_on_a_terminal_is_coloured(tmp_path):
    (tmp_path / "x.yaml").write_text(VALID.replace("2568\n", "2025\n"), encoding="utf-8")
    code, output = run_in_terminal(["validate", "x.yaml"], tmp_path)
    assert code == 1
    assert "\x1b[" in output
    assert "x.yaml:4:14: " in output and "did you mean 2568?" in output
    assert "Traceback" not in output
