"""The same report table, rendered the way one would with docxtpl: the peer itareport is timed against.

    python benchmarks/docxtpl_report.py DATA.yaml TEMPLATE.docx OUT.docx

Reads the same data file (yaml.safe_load, no validation), lays out the same six columns
(numbered steps, '-' items, the period in Thai) with the digits converted by the same
thai_numerals, and renders benchmarks' template (made by bench.py with python-docx: a table
with a {%tr for %} row) with autoescaping on. No checks, no located errors, no atomic write:
only what it takes to get the table into Word.
"""

from __future__ import annotations

import sys

import yaml

from itareport.thai import MONTHS, no_break_spaces, thai_numerals, to_arabic_digits


def period_text(period, fiscal_year: int) -> str:
    if not isinstance(period, dict):
        return f"ปีงบประมาณ พ.ศ. {fiscal_year}"
    (y1, m1), (y2, m2) = ((int(p) for p in to_arabic_digits(str(period[k])).split("-")) for k in ("from", "to"))
    first = f"{MONTHS[m1 - 1]} พ.ศ. {y1}"
    return first if (y1, m1) == (y2, m2) else f"{first} - {MONTHS[m2 - 1]} พ.ศ. {y2}"


def layout(data: dict, sep: str = " ") -> dict:
    """The report's texts from plain data: title lines, intro, and table rows of six cells, each a
    list of paragraphs ('label' + sep + 'text' for numbered and '-' items), digits converted."""
    digits = thai_numerals if data.get("numerals", "thai") == "thai" else to_arabic_digits

    def fmt(text: str) -> str:  # Thai typography: no-break space after พ.ศ. / ร้อยละ, before unit words
        return no_break_spaces(digits(text))
    fiscal_year = int(to_arabic_digits(str(data["fiscal_year"])))

    def items(label, texts):
        return [f"{fmt(label(i))}{sep}{fmt(text)}" for i, text in enumerate(texts, start=1)]

    rows = []
    for number, measure in enumerate(data["measures"], start=1):
        grouped = "activities" in measure
        for index, act in enumerate(measure["activities"] if grouped else [measure]):
            head = items(lambda i, number=number: f"{number}.", [measure["title"]]) if index == 0 else []
            head += items(lambda i: "-", ([act["title"]] if grouped else []) + list(act.get("details") or []))
            rows.append([head, items(lambda i: f"{i}.", act["steps"]), [fmt(act["owner"])],
                         [fmt(period_text(act["period"], fiscal_year))],
                         items(lambda i: "-", act.get("results") or []),
                         items(lambda i: "-", act.get("outcomes") or [])])
    agency = data["agency"]
    place = agency["name"] + (f" อำเภอ{agency['district']}" if agency.get("district") else "") \
        + (f" จังหวัด{agency['province']}" if agency.get("province") else "")
    title = ["รายงานผลการดำเนินการเพื่อส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน",
             "ตามมาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน",
             f"ประจำปีงบประมาณ พ.ศ. {fiscal_year}", "", place]
    return {"title_lines": [fmt(t) for t in title], "intro": fmt(data.get("intro") or ""), "rows": rows}


def main(source: str, template: str, output: str) -> None:
    from docxtpl import DocxTemplate

    with open(source, encoding="utf-8") as handle:
        data = yaml.load(handle, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    document = DocxTemplate(template)
    document.render(layout(data), autoescape=True)
    document.save(output)


if __name__ == "__main__":
    main(*sys.argv[1:4])
