"""On a terminal the output is coloured by rich; in CI and pipes it is plain (tested elsewhere)."""

from helpers import VALID, run_in_terminal


def test_validate_on_a_terminal_is_coloured(tmp_path):
    (tmp_path / "x.yaml").write_text(VALID.replace("2568\n", "2025\n"), encoding="utf-8")
    code, output = run_in_terminal(["validate", "x.yaml"], tmp_path)
    assert code == 1
    assert "\x1b[" in output
    assert "x.yaml:4:14: " in output and "did you mean 2568?" in output
    assert "Traceback" not in output


def test_no_color_on_a_terminal_gives_no_escape_codes(tmp_path):
    (tmp_path / "x.yaml").write_text(VALID.replace("2568\n", "2025\n"), encoding="utf-8")
    (tmp_path / "data").mkdir()
    for name in ("a", "b"):  # a batch: the progress bar is off too
        (tmp_path / "data" / f"{name}.yaml").write_text(VALID, encoding="utf-8")
    for args, env in ((["validate", "x.yaml"], {"NO_COLOR": "1"}), (["validate", "x.yaml", "--no-color"], {}),
                      (["build", "data/", "-o", "out/", "-f", "md"], {"NO_COLOR": "yes"})):
        code, output = run_in_terminal(args, tmp_path, env)
        assert "\x1b" not in output, (args, env, output)
        if args[0] == "validate":
            assert code == 1 and "x.yaml:4:14: error: fiscal_year:" in output, output
        else:
            assert code == 0 and "wrote out/a.md" in output, output


def test_an_empty_no_color_keeps_the_colours(tmp_path):
    (tmp_path / "x.yaml").write_text(VALID.replace("2568\n", "2025\n"), encoding="utf-8")
    code, output = run_in_terminal(["validate", "x.yaml"], tmp_path, {"NO_COLOR": ""})
    assert code == 1 and "\x1b[" in output
