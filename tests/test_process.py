"""`python -m itareport` as a real process: the exit codes a CI job sees (the rest of the CLI is
tested in-process with CliRunner)."""

from helpers import DATA, VALID, run_process


def test_exit_codes_of_the_process(tmp_path):
    (tmp_path / "good.yaml").write_text(VALID, encoding="utf-8")
    (tmp_path / "bad.yaml").write_text(VALID.replace("fiscal_year: 2568", "fiscal_year: 2025"), encoding="utf-8")
    assert run_process("validate", DATA).returncode == 0
    assert run_process("validate", "good.yaml", cwd=tmp_path).returncode == 0
    bad = run_process("validate", "bad.yaml", cwd=tmp_path)
    assert bad.returncode == 1 and "bad.yaml:4:14: error: fiscal_year:" in bad.stdout
    missing = run_process("build", "nothere.yaml", cwd=tmp_path)
    assert missing.returncode == 2 and "Traceback" not in missing.stderr
    assert list(tmp_path.glob("*.docx")) == []
