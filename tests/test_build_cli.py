"""`itareport build`: validates first, writes atomically, never clobbers the input or an old report."""

from helpers import DATA, VALID, body_paragraphs, run_cli, table_rows


def write(tmp_path, text, name="x.yaml"):
    (tmp_path / name).write_text(text, encoding="utf-8")
    return tmp_path / name


def test_default_output_is_the_input_stem_in_the_current_folder(tmp_path):
    result = run_cli("build", DATA, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "wrote measures_2568.docx"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["measures_2568.docx"]


def test_invalid_data_is_refused_with_diagnostics_and_the_old_report_kept(tmp_path):
    write(tmp_path, VALID.replace("fiscal_year: 2568", "fiscal_year: 2025"))
    old = tmp_path / "x.docx"
    old.write_bytes(b"previous report")
    result = run_cli("build", "x.yaml", cwd=tmp_path)
    assert result.returncode == 1
    assert "x.yaml:4:14: error: fiscal_year: expected a Buddhist-era year" in result.stderr
    assert "Traceback" not in result.stderr
    assert old.read_bytes() == b"previous report"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["x.docx", "x.yaml"]


def test_output_equal_to_input_is_refused(tmp_path):
    source = write(tmp_path, VALID, "x.docx")
    before = source.read_bytes()
    result = run_cli("build", "x.docx", "-o", "x.docx", cwd=tmp_path)
    assert result.returncode == 2
    assert "the output would overwrite the input data file" in result.stderr
    assert source.read_bytes() == before


def test_output_must_be_a_docx_so_a_data_file_is_never_overwritten(tmp_path):
    write(tmp_path, VALID)
    other = write(tmp_path, VALID, "other.yaml")
    result = run_cli("build", "x.yaml", "-o", "other.yaml", cwd=tmp_path)
    assert result.returncode == 2
    assert "expected an output path ending in .docx" in result.stderr
    assert other.read_text(encoding="utf-8") == VALID


def test_missing_output_folder_is_created(tmp_path):
    write(tmp_path, VALID)
    result = run_cli("build", "x.yaml", "-o", "no/such/dir/x.docx", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "no/such/dir/x.docx").is_file()


def test_template_syntax_in_data_is_printed_literally(tmp_path):
    text = VALID.replace("จัดทำคู่มือ\n", "'{{ 7*7 }} {% if x %}y{% endif %} <b>ตัวหนา</b> & ต่อ'\n")
    write(tmp_path, text)
    result = run_cli("build", "x.yaml", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert table_rows(tmp_path / "x.docx")[1][1] == ["๑.\t{{ ๗*๗ }} {% if x %}y{% endif %} <b>ตัวหนา</b> & ต่อ"]


def test_user_templates_override_and_their_errors_are_located(tmp_path):
    write(tmp_path, VALID)
    mine = tmp_path / "mine"
    mine.mkdir()
    (mine / "title.txt.j2").write_text("รายงานของ{{ agency.name }}\nปี {{ fiscal_year }}\n", encoding="utf-8")
    result = run_cli("build", "x.yaml", "--templates", "mine", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert body_paragraphs(tmp_path / "x.docx")[:2] == ["รายงานของเทศบาลตำบลทดสอบ", "ปี ๒๕๖๘"]

    (mine / "title.txt.j2").write_text("ok\n{{ agency.name \n", encoding="utf-8")
    before = (tmp_path / "x.docx").read_bytes()
    result = run_cli("build", "x.yaml", "--templates", "mine", cwd=tmp_path)
    assert result.returncode == 2
    assert "title.txt.j2:2: template error:" in result.stderr
    assert (tmp_path / "x.docx").read_bytes() == before

    (mine / "title.txt.j2").write_text("{{ ''.__class__.__mro__ }}\n", encoding="utf-8")
    result = run_cli("build", "x.yaml", "--templates", "mine", cwd=tmp_path)
    assert result.returncode == 2 and "template error" in result.stderr  # sandboxed
