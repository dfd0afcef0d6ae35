"""options.py: options as people type them (Thai digits, -o FOLDER/, formats, jobs, choices), each
mistake an InputError (exit 2) saying what was expected and what was found, in either language."""

from pathlib import Path

import pytest

from itareport.errors import Exit, InputError
from itareport.files import FORMATS
from itareport.options import choice_option, number_option, output_option, parse_formats, parse_jobs


def test_numbers_in_thai_or_arabic_digits():
    assert number_option("--year", "๒๕๖๙") == number_option("--year", "2569") == 2569
    assert number_option("--year", None) is None
    with pytest.raises(InputError) as caught:
        number_option("--year", "๒๕๖x")
    assert caught.value.exit_code == Exit.USAGE
    assert str(caught.value.message.render("en")).startswith("--year ๒๕๖x: expected a number")
    assert "ตัวเลข" in caught.value.message.render("th")


@pytest.mark.parametrize(("typed", "path", "folder"), [
    ("out/", "out", True), ("out", "out", False), ("a/b.docx", "a/b.docx", False), ("/", "/", False)])
def test_a_trailing_slash_names_a_folder(typed, path, folder):
    assert output_option(typed) == (Path(path), folder)
    assert output_option(None) == (None, False)


def test_jobs_one_or_more():
    assert parse_jobs("๔") == parse_jobs(" 4 ") == 4
    assert parse_jobs(None) is None
    for bad in ("0", "-1", "two", "1.5"):
        with pytest.raises(InputError) as caught:
            parse_jobs(bad)
        assert f"got '{bad}'" in caught.value.message.render("en")


def test_formats_repeated_and_comma_separated_in_the_order_given():
    assert parse_formats(None) == ("docx",)
    assert parse_formats(["pdf,docx", ".HTML", "markdown", "pdf"]) == ("pdf", "docx", "html", "md")
    assert set(parse_formats([",".join(FORMATS)])) == set(FORMATS)
    for bad, found in ((["doc"], "'doc'"), ([" , "], "nothing")):
        with pytest.raises(InputError) as caught:
            parse_formats(bad)
        assert found in caught.value.message.render("en")
    # every format the message offers is one files.FORMATS knows, and none is missing
    offered = caught.value.message.render("en").split("expected ")[1].split(", got")[0]
    assert set(offered.replace(" or ", ", ").split(", ")) == set(FORMATS)


def test_choices():
    assert choice_option("--format", "json", ["text", "json"]) == "json"
    with pytest.raises(InputError) as caught:
        choice_option("--format", "xml", ["text", "json"])
    assert caught.value.message.render("en") == "--format xml: expected one of text, json"
