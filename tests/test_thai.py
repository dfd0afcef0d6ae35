import pytest

from itareport.thai import (
    YearMonth,
    fiscal_year_bounds,
    fiscal_year_of,
    format_range,
    thai_numerals,
    to_arabic_digits,
)


@pytest.mark.parametrize("text, expected", [
    ("ร้อยละ 80", "ร้อยละ ๘๐"),
    ("พ.ศ.2568", "พ.ศ.๒๕๖๘"),
    ("ตัวชี้วัด O26 ข้อ 3", "ตัวชี้วัด O26 ข้อ ๓"),
    ("ดูที่ https://www.example.go.th/ita2568/o26.pdf ครับ", "ดูที่ https://www.example.go.th/ita2568/o26.pdf ครับ"),
    ("www.koksung2.go.th 12", "www.koksung2.go.th ๑๒"),
    ("saraban1@example.go.th", "saraban1@example.go.th"),
    ("ISO9001 และ 9001", "ISO9001 และ ๙๐๐๑"),
    ("ไม่มีตัวเลข", "ไม่มีตัวเลข"),
    ("๑๒ 34", "๑๒ ๓๔"),
])
def test_thai_numerals_converts_digits_but_not_in_urls_or_latin_words(text, expected):
    assert thai_numerals(text) == expected


def test_thai_digits_read_as_arabic():
    assert to_arabic_digits("๒๕๖๗-๑๐") == "2567-10"


@pytest.mark.parametrize("ym, fy", [((2567, 9), 2567), ((2567, 10), 2568), ((2568, 9), 2568), ((2568, 12), 2569)])
def test_fiscal_year_starts_in_october(ym, fy):
    assert fiscal_year_of(YearMonth(*ym)) == fy


def test_fiscal_year_bounds_and_range_wording():
    first, last = fiscal_year_bounds(2568)
    assert (first, last) == (YearMonth(2567, 10), YearMonth(2568, 9))
    assert format_range(first, last) == "ตุลาคม พ.ศ. 2567 - กันยายน พ.ศ. 2568"
    assert format_range(first, first) == "ตุลาคม พ.ศ. 2567"
