"""The one registry of document kinds: what a kind means, as data (and a few tiny lookups).

A Kind names its table's columns (key, header, type, share of the width), the row keys a data file
may give it, the keys validate asks to fill, its templates, its standard wording (title lines and
intro, which the built-in templates print and import compares against) and its `init` starter.
`columns:` in a data file replaces the kind's columns. The starter `columns` of `init --kind` is not
a kind: it starts a measures-report with columns of one's own (STARTERS lists every starter).

This module imports no model and no view: the model's `kind`, validation, the view, `init` and
import all read it. Adding a kind: docs/architecture.md, "Adding a document kind".
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from . import placeholders
from .thai import to_thai_digits
from .yaml_writer import BLANK

DEFAULT_KIND = "measures-report"

# Column types and their relative width when a declared column gives none (the title column is wider).
COLUMN_TYPES: Mapping[str, float] = {"text": 1.0, "list": 1.5, "numbered": 1.5, "period": 0.9, "money": 1.1,
                                     "number": 0.6, "status": 0.8}
TITLE_WIDTH = 1.6
NUMERIC_TYPES = ("money", "number")   # the types a total row adds up


@dataclass(frozen=True)
class Col:
    """One column of a table: the row key it prints, its header, type, share of the width, total row."""

    key: str
    header: str
    type: str = "text"
    share: float = 1.0
    total: bool = False


@dataclass(frozen=True)
class Wording:
    """A kind's standard wording, as str.format templates.

    Fields: {fiscal_year}, {previous_year}, {agency} (the name), {agency_line} (name, district,
    province), {round} (the round's words, for a kind that prints one). A title line that is
    exactly ROUND_LINE is the round's title line, left out when the report names no round."""

    title: tuple[str, ...]
    intro: str
    rounds: Mapping[str, tuple[str, str]] = field(default_factory=dict)   # round -> (title line, intro words)


ROUND_LINE = "{round}"


@dataclass(frozen=True)
class Starter:
    """A starter data file (`init --kind NAME`): the keys after version, agency and fiscal_year
    (measures included), and Thai comments by path (BLANK: an empty line). Texts are str.format
    templates with {fiscal_year} and {previous_year}."""

    name: str
    kind: str
    data: Mapping[str, Any]
    comments: Mapping[tuple[str | int, ...], tuple[str | None, ...]]


@dataclass(frozen=True)
class Kind:
    name: str
    columns: tuple[Col, ...]
    row_keys: tuple[str, ...]             # keys a row may carry (a key the kind does not print would be lost)
    fill_keys: tuple[str, ...]            # keys validate warns about while a row leaves them empty
    templates: Mapping[str, str]          # part (title, intro, columns when its headers are a template) -> name
    wording: Wording
    starter: Starter
    extra_column: Col | None = None       # printed only when some row fills it ...
    extra_shares: tuple[float, ...] = ()  # ... the shares of the columns then


@dataclass(frozen=True)
class Standard:
    """A kind's standard wording for one report: its title lines and intro paragraph."""

    title: list[str]
    intro: str


# --- the starters' shared comments ------------------------------------------------------------

_AGENCY = ("ชื่อหน่วยงานเต็ม เช่น เทศบาลตำบลโคกสูงสัมพันธ์ และถ้าต้องการ (ไม่บังคับ):",
           "district: ชุมแพ      (อำเภอ)", "province: ขอนแก่น    (จังหวัด)")
_COMMON = {
    ("agency",): (BLANK,),
    ("agency", "name"): _AGENCY,
    ("fiscal_year",): ("ปีงบประมาณ {fiscal_year} = ตุลาคม {previous_year} ถึง กันยายน {fiscal_year}",),
    ("measures", 0): (to_thai_digits("1."),),
    ("measures", 1): (BLANK, to_thai_digits("2.")),
}
_MEASURES = "มาตรการ เรียงตามลำดับในรายงาน (แก้ตัวอย่างเป็นของจริง)"
_MONTHS = "ช่วงเดือน ปี พ.ศ.-เดือน: ตุลาคม {previous_year} ถึง ธันวาคม {previous_year}"
_ITA_RESULTS_EXAMPLE = (
    "ผลการประเมิน ITA ของปีที่แล้ว (ไม่บังคับ) พิมพ์ไว้ก่อนตาราง พร้อมระดับ AA-F ตามช่วงคะแนน เช่น",
    "ita_results:",
    "  fiscal_year: {previous_year}",
    "  score: 72.40",
    "  indicators:",
    "    - {{name: การเปิดเผยข้อมูล, score: 90.50}}",
    "    - {{name: การป้องกันการทุจริต, score: 60}}      (ต่ำกว่า ๘๕ จะมีหมายเหตุ)",
    "  weaknesses: [ประเด็นที่ต้องแก้ไขโดยเร่งด่วน]",
    "  improvements: [ประเด็นที่ต้องพัฒนาให้ดีขึ้น]",
)
_WITH_RESULTS = {**_COMMON, ("measures",): (BLANK, *_ITA_RESULTS_EXAMPLE, BLANK, _MEASURES),
                 ("measures", 1, "period"): (_MONTHS,)}
_FIRST = {"title": "ชื่อมาตรการที่ ๑", "steps": ["ขั้นตอนที่ ๑", "ขั้นตอนที่ ๒"], "owner": "สำนักปลัด",
          "period": "fiscal-year"}
_SECOND = {"title": "ชื่อมาตรการที่ ๒", "steps": ["ขั้นตอนของมาตรการนี้"], "owner": "กองคลัง",
           "period": {"from": "{previous_year}-10", "to": "{previous_year}-12"}}
_STATUS_HELP = ("สถานะ: done (ดำเนินการแล้ว), in-progress (อยู่ระหว่างดำเนินการ),",
                "not-started (ยังไม่ได้ดำเนินการ), cancelled (ยกเลิก)")

# --- the kinds -----------------------------------------------------------------------------------

_AGENCY_LINE = "{agency_line}"
_BASE_KEYS = ("title", "details", "steps", "owner", "period")

MEASURES_REPORT = Kind(
    name="measures-report",
    columns=(Col("title", "มาตรการ/แนวทาง", "text", 0.17), Col("steps", "ขั้นตอนหรือวิธีการปฏิบัติ", "numbered", 0.22),
             Col("owner", "ผู้รับผิดชอบ", "text", 0.10), Col("period", "ระยะเวลา", "period", 0.12),
             Col("results", "สรุปผลการดำเนินการตามมาตรการ/กิจกรรม", "list", 0.19),
             Col("outcomes", "ผลลัพธ์หรือความสำเร็จของการดำเนินการ", "list", 0.20)),
    row_keys=(*_BASE_KEYS, "results", "outcomes"),
    fill_keys=("results", "outcomes"),
    templates={"title": "title.txt.j2", "intro": "intro.txt.j2", "columns": "columns.txt.j2"},
    wording=Wording(
        title=("รายงานผลการดำเนินการเพื่อส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน",
               "ตามมาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน", "ประจำปีงบประมาณ พ.ศ. {fiscal_year}", "",
               _AGENCY_LINE),
        intro="รายงานผลการดำเนินการตามมาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงานของ{agency} "
              "ประจำปีงบประมาณ พ.ศ. {fiscal_year} ดังต่อไปนี้"),
    starter=Starter(
        name="measures-report", kind="measures-report",
        data={"measures": [
            {"title": placeholders.MEASURE, "steps": list(placeholders.STEPS), "owner": "สำนักปลัด",
             "period": "fiscal-year", "results": [], "outcomes": []},
            {"title": placeholders.GROUPED_MEASURE, "activities": [
                {"title": placeholders.ACTIVITY, "steps": [placeholders.ACTIVITY_STEP], "owner": "กองคลัง",
                 "period": {"from": "{previous_year}-10", "to": "{previous_year}-12"}, "results": [],
                 "outcomes": []},
            ]},
        ]},
        comments={**_COMMON, ("measures",): (BLANK, _MEASURES),
                  ("measures", 0, "results"): ("สรุปผลการดำเนินการ: กรอกเมื่อดำเนินการแล้ว (ก่อนนั้น validate จะเตือน)",),
                  ("measures", 0, "outcomes"): ("ผลลัพธ์หรือความสำเร็จของการดำเนินการ",),
                  ("measures", 1, "activities", 0, "period"): (_MONTHS,)}),
)

MEASURES_PLAN = Kind(
    name="measures-plan",
    columns=(Col("title", "มาตรการ/แนวทาง", "text", 0.30), Col("steps", "ขั้นตอนหรือวิธีการปฏิบัติ", "numbered", 0.36),
             Col("owner", "ผู้รับผิดชอบ", "text", 0.16), Col("period", "ระยะเวลา", "period", 0.18)),
    extra_column=Col("target", "เป้าหมาย/ตัวชี้วัด", "list"),
    extra_shares=(0.25, 0.30, 0.13, 0.15, 0.17),
    row_keys=(*_BASE_KEYS, "target"),
    fill_keys=(),
    templates={"title": "title-measures-plan.txt.j2", "intro": "intro-measures-plan.txt.j2"},
    wording=Wording(
        title=("มาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน", "ประจำปีงบประมาณ พ.ศ. {fiscal_year}", "",
               _AGENCY_LINE),
        intro="{agency}ได้กำหนดมาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน ประจำปีงบประมาณ พ.ศ. "
              "{fiscal_year} เพื่อนำไปสู่การปฏิบัติ ดังต่อไปนี้"),
    starter=Starter(
        name="measures-plan", kind="measures-plan",
        data={"kind": "measures-plan",
              "measures": [{**_FIRST, "target": ["ร้อยละ ๑๐๐ ของบุคลากรรับทราบแนวทาง"]}, _SECOND]},
        comments={**_WITH_RESULTS,
                  ("measures", 0, "target"): ("เป้าหมาย/ตัวชี้วัด (ไม่บังคับ): ถ้ามาตรการใดมี จะมีคอลัมน์นี้ในตาราง",),
                  ("kind",): (BLANK, "ชนิดเอกสาร: แผนมาตรการส่งเสริมคุณธรรมและความโปร่งใส "
                                     "(จัดทำก่อนเริ่มปีงบประมาณ ยังไม่มีผล)")}),
)

PROGRESS_REPORT = Kind(
    name="progress-report",
    columns=(Col("title", "มาตรการ/กิจกรรม", "text", 0.22), Col("owner", "ผู้รับผิดชอบ", "text", 0.11),
             Col("period", "ระยะเวลา", "period", 0.13), Col("status", "สถานะการดำเนินงาน", "status", 0.12),
             Col("results", "ผลการดำเนินงาน", "list", 0.22),
             Col("problems", "ปัญหา อุปสรรค และข้อเสนอแนะ", "list", 0.20)),
    row_keys=(*_BASE_KEYS, "results", "outcomes", "status", "problems"),
    fill_keys=("status", "results"),
    templates={"title": "title-progress-report.txt.j2", "intro": "intro-progress-report.txt.j2"},
    wording=Wording(
        title=("รายงานความก้าวหน้าการดำเนินการตามมาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน", ROUND_LINE,
               "ประจำปีงบประมาณ พ.ศ. {fiscal_year}", "", _AGENCY_LINE),
        intro="รายงานความก้าวหน้าการดำเนินการตามมาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงานของ{agency} "
              "{round}ประจำปีงบประมาณ พ.ศ. {fiscal_year} ดังต่อไปนี้",
        rounds={"6-months": ("รอบ ๖ เดือน (ตุลาคม พ.ศ. {previous_year} - มีนาคม พ.ศ. {fiscal_year})", "รอบ ๖ เดือน "),
                "12-months": ("รอบ ๑๒ เดือน (ตุลาคม พ.ศ. {previous_year} - กันยายน พ.ศ. {fiscal_year})",
                              "รอบ ๑๒ เดือน ")}),
    starter=Starter(
        name="progress-report", kind="progress-report",
        data={"kind": "progress-report", "round": "6-months", "measures": [
            {**_FIRST, "status": "in-progress", "results": ["ผลการดำเนินงานถึงปัจจุบัน"], "problems": []},
            {**_SECOND, "status": "not-started", "results": [], "problems": []}]},
        comments={**_WITH_RESULTS,
                  ("round",): ("รอบการรายงาน: 6-months (ต.ค.-มี.ค.) หรือ 12-months (ต.ค.-ก.ย.)",),
                  ("measures", 0, "status"): _STATUS_HELP,
                  ("measures", 0, "problems"): ("ปัญหา อุปสรรค และข้อเสนอแนะ (ถ้ามี)",),
                  ("kind",): (BLANK, "ชนิดเอกสาร: รายงานความก้าวหน้า (รอบ ๖ เดือน หรือ ๑๒ เดือน) "
                                     "พร้อมสถานะ ปัญหาและข้อเสนอแนะ")}),
)

KINDS: Mapping[str, Kind] = {kind.name: kind for kind in (MEASURES_REPORT, MEASURES_PLAN, PROGRESS_REPORT)}

# `init --kind columns`: a measures-report whose table has columns of one's own.
COLUMNS_STARTER = Starter(
    name="columns", kind="measures-report",
    data={
        "columns": [
            {"key": "title", "header": "มาตรการ"},
            {"key": "objective", "header": "วัตถุประสงค์"},
            {"key": "steps", "header": "กิจกรรม/วิธีดำเนินการ", "type": "numbered"},
            {"key": "budget", "header": "งบประมาณ (บาท)", "type": "money", "total": True},
            {"key": "owner", "header": "ผู้รับผิดชอบ"},
            {"key": "period", "header": "ระยะเวลาดำเนินการ", "type": "period"},
            {"key": "results", "header": "ผลการดำเนินงาน", "type": "list"},
            {"key": "status", "header": "สถานะ", "type": "status"},
        ],
        "measures": [
            {**_FIRST, "objective": "วัตถุประสงค์ของมาตรการ", "budget": "15,000", "results": [],
             "status": "in-progress"},
            {**_SECOND, "objective": "วัตถุประสงค์ของมาตรการ", "budget": "0", "results": [], "status": "not-started"},
        ]},
    comments={
        **_WITH_RESULTS,
        ("columns",): (BLANK, "ตารางที่กำหนดคอลัมน์เอง (columns:) ชนิดเอกสารเป็นรายงานผล (measures-report)",
                       "คอลัมน์ของตาราง เรียงซ้ายไปขวา: key = ชื่อช่องข้อมูลในแต่ละมาตรการ, header = หัวคอลัมน์",
                       "type: text (ข้อความ), list (รายการ -), numbered (๑. ๒.), period (ระยะเวลา),",
                       "money (จำนวนเงิน ใส่ , ได้), number (ตัวเลข), status (done/in-progress/not-started/cancelled)",
                       "width: สัดส่วนความกว้าง (ไม่บังคับ), total: true = มีแถวรวมท้ายตาราง"),
        ("measures", 0, "budget"): ("งบประมาณ (บาท): ตัวเลขไทยหรืออารบิก เช่น 15,000 หรือ ๑๕,๐๐๐",),
    })

STARTERS: Mapping[str, Starter] = {**{kind.name: kind.starter for kind in KINDS.values()},
                                   COLUMNS_STARTER.name: COLUMNS_STARTER}


# --- lookups ----------------------------------------------------------------------------------------

def kind_of(name: object) -> Kind:
    """The kind of this name; the default kind for a name the registry does not hold (not yet validated)."""
    return KINDS.get(name, KINDS[DEFAULT_KIND]) if isinstance(name, str) else KINDS[DEFAULT_KIND]


def row_keys(kind_name: object, declared: list[str] | None) -> list[str]:
    """The keys a row may carry: the declared columns' (with title and details), else the kind's."""
    if declared is None:
        return list(kind_of(kind_name).row_keys)
    return list(dict.fromkeys(["title", "details", *declared]))


def standard_wording(kind: Kind, agency: Mapping[str, Any], fiscal_year: int, round_: str | None) -> Standard:
    """The kind's title lines and intro for this agency, year and round (digits as written: Arabic)."""
    line = agency["name"] + "".join(f" {word}{agency[key]}" for key, word in (("district", "อำเภอ"),
                                                                               ("province", "จังหวัด"))
                                    if agency.get(key))
    round_title, round_words = kind.wording.rounds.get(round_ or "", ("", ""))
    fields = {"fiscal_year": fiscal_year, "previous_year": fiscal_year - 1, "agency": agency["name"],
              "agency_line": line, "round": round_words}
    title = [round_title.format(**fields) if text == ROUND_LINE else text.format(**fields)
             for text in kind.wording.title if text != ROUND_LINE or round_title]
    return Standard(title, kind.wording.intro.format(**fields))


def fill_in(value: Any, fields: Mapping[str, Any]) -> Any:
    """A starter's data or comment with its {fields} filled in."""
    if isinstance(value, str):
        return value.format(**fields)
    if isinstance(value, Mapping):
        return {key: fill_in(item, fields) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [fill_in(item, fields) for item in value]
    return value
