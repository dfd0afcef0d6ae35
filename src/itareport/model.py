"""The data file's schema (version 1): Report, Agency, Measure, Activity, Period, Signer, columns.

The loader hands over every scalar as text; these types decide what is a year,
a month or a list. Thai and Arabic digits are both accepted wherever a number is
expected. Messages of our own checks start with 'expected ...' and are finished
with what was found by validate.py.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date as calendar_date
from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Discriminator,
    Field,
    PlainSerializer,
    PlainValidator,
    Tag,
    ValidationInfo,
    WithJsonSchema,
    model_validator,
)
from pydantic_core import PydanticCustomError, PydanticKnownError

from . import codes
from .kinds import COLUMN_TYPES, DEFAULT_KIND, KINDS
from .messages import M_, Message
from .patterns import CONTROL_CHARS
from .periods import FISCAL_YEAR_WORDS, ParsedPeriod, parse_period
from .thai import BE_OFFSET, MAX_BE_YEAR, MIN_BE_YEAR, YearMonth, from_christian_era, to_arabic_digits

SCHEMA_VERSION = 1
MESSAGE = "message"   # the context key of our errors: their Message (validate.py renders it, never the model)


def _error(kind: str, message: Message, hint: Message | None = None) -> PydanticCustomError:
    """A pydantic error that carries our message untranslated (its msgid is pydantic's own English text)."""
    context: dict[str, Any] = {MESSAGE: message}
    if hint is not None:
        context["hint"] = hint
    return PydanticCustomError(kind, message.msgid, context)


def _check_line(value: str) -> str:
    m = CONTROL_CHARS.search(value)
    if m:
        raise _error("itareport_control", codes.message("ITA209", code=f"{ord(m.group()):04X}"))
    return value


def _check_text(value: str) -> str:
    _check_line(value)
    if not value.strip():
        raise _error("itareport_empty", codes.message("ITA208"))
    return value


def _one_as_list(value: Any) -> Any:
    """A single text where a list is expected counts as a list of one item."""
    return [value] if isinstance(value, str) else value


Text = Annotated[str, AfterValidator(_check_text)]
Line = Annotated[str, AfterValidator(_check_line)]   # a line of a block, which may be empty (a blank line)
TextList = Annotated[list[Text], BeforeValidator(_one_as_list, json_schema_input_type=str | list[str])]


def year_problem(year: int) -> tuple[Message, Message | None] | None:
    """Why a year is not a plausible Buddhist-era year: (message, hint or None), or None when it is."""
    meant = from_christian_era(year) if 1800 <= year < MIN_BE_YEAR else None
    if meant is not None:
        return codes.message("ITA211", "christian"), M_(" (did you mean {year}?)", year=meant)
    if not MIN_BE_YEAR <= year <= MAX_BE_YEAR:
        return codes.message("ITA211"), None
    return None


def _be_year(value: Any) -> int:
    if not isinstance(value, (str, int)) or isinstance(value, bool):
        raise _error("itareport_year", codes.message("ITA211"))
    text = to_arabic_digits(str(value)).strip()
    if not re.fullmatch(r"\d{1,5}", text):
        raise _error("itareport_year", codes.message("ITA211"))
    year = int(text)
    problem = year_problem(year)
    if problem:
        raise _error("itareport_year", *problem)
    return year


def _parse_month(value: Any) -> YearMonth:
    expected = codes.message("ITA212")
    if isinstance(value, YearMonth):
        return value
    if not isinstance(value, str):
        raise _error("itareport_month", expected)
    text = to_arabic_digits(value).strip()
    m = re.fullmatch(r"(\d{4})-(\d{1,2})(-\d{1,2})?", text)
    if not m:
        raise _error("itareport_month", expected)
    year, month = int(m.group(1)), int(m.group(2))
    if not 1 <= month <= 12:
        raise _error("itareport_month", expected + M_("; the month must be 01 to 12"))
    if m.group(3):
        raise _error("itareport_month", expected + M_(", without a day"),
                     M_(" (did you mean {month}?)", month=YearMonth(year, month)))
    meant = from_christian_era(year) if 1800 <= year < MIN_BE_YEAR else None
    if meant is not None:
        raise _error("itareport_month", expected, M_(" (did you mean {month}?)", month=YearMonth(meant, month)))
    if not MIN_BE_YEAR <= year <= MAX_BE_YEAR:
        raise _error("itareport_month", expected)
    return YearMonth(year, month)


def _check_version(value: Any) -> int:
    if isinstance(value, str) and to_arabic_digits(value).strip() == str(SCHEMA_VERSION):
        return SCHEMA_VERSION
    if value == SCHEMA_VERSION and not isinstance(value, bool):
        return SCHEMA_VERSION
    raise _error("itareport_version", codes.message("ITA213"))


Version = Annotated[int, PlainValidator(_check_version, json_schema_input_type=int),
                    WithJsonSchema({"const": SCHEMA_VERSION})]
BEYear = Annotated[int, PlainValidator(_be_year, json_schema_input_type=int),
                   WithJsonSchema({"type": ["integer", "string"], "pattern": "^[0-9๐-๙]{4}$",
                                   "minimum": MIN_BE_YEAR, "maximum": MAX_BE_YEAR})]
Month = Annotated[YearMonth, PlainValidator(_parse_month, json_schema_input_type=str), PlainSerializer(str),
                  WithJsonSchema({"type": "string", "pattern": "^[0-9๐-๙]{4}-[0-9๐-๙]{1,2}$"})]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)


class MonthRange(_Strict):
    """From one Buddhist-era month to another, both included / ช่วงเดือน (พ.ศ.)."""

    start: Month = Field(alias="from", description="first month, YYYY-MM in B.E. / เดือนเริ่ม เช่น 2567-10")
    end: Month = Field(alias="to", description="last month, YYYY-MM in B.E. / เดือนสิ้นสุด เช่น 2568-09")

    @model_validator(mode="after")
    def _ordered(self) -> MonthRange:
        if self.start > self.end:
            raise _error("itareport_reversed", codes.message("ITA210", s=str(self.start), e=str(self.end)))
        return self


def _period_kind(value: Any) -> str | None:
    if isinstance(value, str):
        return "word"
    if isinstance(value, (dict, MonthRange)):
        return "range"
    return None


# A period written as text ('ต.ค. 67 - ก.ย. 68', 'ไตรมาสที่ 2') is read by Report, which knows the fiscal year;
# what reaches Period is a word or a mapping. Editors are told which texts may be read.
PERIOD_TEXT_PATTERN = ("^(fiscal-year|.*(ปี|ไตรมาส|[Qq][1-4]|มกรา|กุมภา|มีนา|เมษา|พฤษภา|มิถุนา|กรกฎา|สิงหา|กันยา|ตุลา|"
                       "พฤศจิ|ธันวา|ม\\.?ค|ก\\.?พ|มี\\.?ค|เม\\.?ย|พ\\.?ค|มิ\\.?ย|ก\\.?ค|ส\\.?ค|ก\\.?ย|ต\\.?ค|พ\\.?ย|ธ\\.?ค).*)$")
_PERIOD_WORD_SCHEMA = {"type": "string", "pattern": PERIOD_TEXT_PATTERN,
                       "examples": ["fiscal-year", "ต.ค. 67 - ธ.ค. 67", "ไตรมาสที่ 2", "ตลอดปีงบประมาณ"]}

Period = Annotated[
    Annotated[Literal["fiscal-year", "ปีงบประมาณ"], Tag("word"), WithJsonSchema(_PERIOD_WORD_SCHEMA)]
    | Annotated[MonthRange, Tag("range")],
    Discriminator(_period_kind, custom_error_type="itareport_period",
                  custom_error_message="expected 'fiscal-year' (or 'ปีงบประมาณ') or a mapping "
                                       "{from: YYYY-MM, to: YYYY-MM}"),
]


class Activity(_Strict):
    """One row of the table / กิจกรรม (หนึ่งแถวของตาราง)."""

    title: Text = Field(description="the activity or measure title, without its number / "
                                    "ชื่อมาตรการหรือกิจกรรม ไม่ต้องใส่เลขข้อ")
    details: TextList = Field(default=[], description="extra lines under the title / รายละเอียดเพิ่มเติมใต้ชื่อ")
    steps: Annotated[TextList, Field(min_length=1)] = Field(
        description="steps, numbered in the report / ขั้นตอนหรือวิธีการปฏิบัติ (ระบบใส่เลข ๑. ๒. ให้)")
    owner: Text = Field(description="who is responsible / ผู้รับผิดชอบ")
    period: Period = Field(description="'fiscal-year', {from: YYYY-MM, to: YYYY-MM} in B.E., or Thai text such as "
                                       "'ต.ค. 67 - ธ.ค. 67' or 'ไตรมาสที่ 2' / ระยะเวลา")
    results: TextList = Field(default=[], description="what was done / สรุปผลการดำเนินการ")
    outcomes: TextList = Field(default=[], description="outcomes, one per line / ผลลัพธ์หรือความสำเร็จ")
    target: TextList = Field(default=[], description="targets or indicators (measures-plan) / เป้าหมาย/ตัวชี้วัด")
    status: Text | None = Field(default=None, description="done, in-progress, not-started or cancelled / สถานะ")
    problems: TextList = Field(default=[], description="problems and suggestions / ปัญหา อุปสรรค และข้อเสนอแนะ")


class ColumnRow(Activity):
    """A row of a table with declared columns, with the agency's own keys / แถวของตารางที่กำหนดคอลัมน์เอง."""

    model_config = ConfigDict(extra="allow", frozen=True, populate_by_name=True)
    steps: TextList = Field(default=[], description="steps / ขั้นตอน")
    owner: Text | None = Field(default=None, description="who is responsible / ผู้รับผิดชอบ")
    period: Period | None = Field(default=None, description="period / ระยะเวลา")


class _Declared(dict):
    """A row mapping of a file with `columns:` (tagged by Report before validation)."""


def _row_kind(value: Any) -> str:
    return "declared" if isinstance(value, (_Declared, ColumnRow)) else "simple"


ActivityRow = Annotated[Annotated[Activity, Tag("simple")] | Annotated[ColumnRow, Tag("declared")],
                Discriminator(_row_kind)]


class GroupedMeasure(_Strict):
    """A measure with several activities, one table row each / มาตรการที่มีหลายกิจกรรม."""

    title: Text = Field(description="the measure title, without its number / ชื่อมาตรการ ไม่ต้องใส่เลขข้อ")
    activities: Annotated[list[ActivityRow], Field(min_length=1)] = Field(
        description="the rows of this measure / กิจกรรมของมาตรการนี้")


def _measure_kind(value: Any) -> str:
    if isinstance(value, GroupedMeasure) or (isinstance(value, dict) and "activities" in value):
        return "grouped"
    return _row_kind(value)


Measure = Annotated[
    Annotated[Activity, Tag("simple")] | Annotated[ColumnRow, Tag("declared")]
    | Annotated[GroupedMeasure, Tag("grouped")],
    Discriminator(_measure_kind),
]



def _one_of(names: list[str]) -> str:
    """'a', 'b' or 'c', as pydantic words a Literal's choices."""
    return " or ".join(filter(None, (", ".join(names[:-1]), names[-1])))


def _kind_name(value: Any) -> str:
    if isinstance(value, str) and value in KINDS:
        return value
    raise PydanticKnownError("literal_error", {"expected": _one_of([repr(name) for name in KINDS])})


# A kind of the registry (kinds.KINDS): the same error and schema as a Literal of their names.
KindName = Annotated[str, PlainValidator(_kind_name, json_schema_input_type=str),
                     WithJsonSchema({"enum": list(KINDS), "type": "string"})]
# Numbers are checked by columns.py (located ITA6xx errors); Thai digits and separators are allowed.
Number = Annotated[str | int | float, WithJsonSchema({"type": ["number", "string"]})]


class Column(_Strict):
    """A declared table column / คอลัมน์ของตาราง."""

    key: Text = Field(description="a built-in key (title, steps, owner, period, results, ...) or the agency's own "
                                  "/ ชื่อช่องข้อมูล")
    header: Text = Field(description="the header text / หัวคอลัมน์")
    type: Annotated[str, WithJsonSchema({"enum": list(COLUMN_TYPES)})] = Field(
        default="text", description="text, list, numbered, period, money, number or status / ชนิดข้อมูล")
    width: Number | None = Field(default=None, description="relative share of the width / สัดส่วนความกว้าง")
    total: bool = Field(default=False, description="a total row (money, number) / แถวรวม")


class Indicator(_Strict):
    """An ITA indicator's score / คะแนนรายตัวชี้วัด."""

    name: Text = Field(description="indicator / ตัวชี้วัด")
    score: Number = Field(description="score 0-100 / คะแนน")


class ItaResults(_Strict):
    """Last year's ITA results, printed before the table / ผลการประเมิน ITA ปีที่ผ่านมา."""

    fiscal_year: BEYear | None = Field(default=None, description="the year assessed / ปีที่ประเมิน")
    score: Number = Field(description="overall score 0-100 / คะแนนรวม")
    indicators: list[Indicator] = Field(default=[], description="scores by indicator / คะแนนรายตัวชี้วัด")
    weaknesses: TextList = Field(default=[], description="to fix urgently / ประเด็นที่ต้องแก้ไขโดยเร่งด่วน")
    improvements: TextList = Field(default=[], description="to improve / ประเด็นที่ต้องพัฒนา")


def tag_declared_rows(data: Any) -> Any:
    """With `columns:`, rows are ColumnRows: tag their mappings for the discriminators."""
    if not (isinstance(data, dict) and isinstance(data.get("columns"), list)
            and isinstance(data.get("measures"), list)):
        return data

    def tag(m: Any) -> Any:
        if isinstance(m, dict) and isinstance(m.get("activities"), list):
            return {**m, "activities": [_Declared(a) if isinstance(a, dict) else a for a in m["activities"]]}
        return _Declared(m) if isinstance(m, dict) and "activities" not in m else m

    return {**data, "measures": [tag(m) for m in data["measures"]]}


class Agency(_Strict):
    """The agency / หน่วยงาน."""

    name: Text = Field(description="full name / ชื่อหน่วยงาน เช่น เทศบาลตำบลโคกสูงสัมพันธ์")
    district: Text | None = Field(default=None, description="district, without 'อำเภอ' / อำเภอ")
    province: Text | None = Field(default=None, description="province, without 'จังหวัด' / จังหวัด")


class Signer(_Strict):
    """Who signs the report / ผู้ลงนาม."""

    name: Text = Field(description="name / ชื่อ-สกุล")
    position: Annotated[TextList, Field(min_length=1)] = Field(
        description="position, one text or several lines / ตำแหน่ง "
                               "(บรรทัดเดียว หรือหลายบรรทัด เช่น ตำแหน่งจริงและ รักษาราชการแทน)")
    role: Text | None = Field(default=None, description="line above the signature, e.g. ผู้รายงาน / "
                              "บทบาท เช่น ผู้รายงาน ผู้เห็นชอบ")


class ReviewItem(_Strict):
    """What import (or new-year --agency) guessed, dropped or could not place: validate warns about it
    until it is deleted / สิ่งที่ต้องตรวจ (ลบรายการนี้เมื่อตรวจแล้ว)."""

    path: str | None = Field(default=None, description="where in this file, e.g. measures[3].owner / "
                                                       "ตำแหน่งในไฟล์นี้ เช่น measures[3].owner")
    what: Text = Field(description="what to check / สิ่งที่ต้องตรวจ")
    source: Text | None = Field(default=None, description="the source's own text, to put in its place / "
                                                          "ข้อความในต้นฉบับ")


SIGN_DATE_BLANK = ("blank", "เว้นว่าง")


def _sign_date(value: Any) -> str:
    """'blank' (a date line to fill by hand) or a Buddhist-era date YYYY-MM-DD."""
    expected = codes.message("ITA214")
    if not isinstance(value, str):
        raise _error("itareport_date", expected)
    text = to_arabic_digits(value).strip()
    if text in SIGN_DATE_BLANK:
        return "blank"
    m = re.fullmatch(r"(\d{4})-(\d{1,2})-(\d{1,2})", text)
    if not m:
        raise _error("itareport_date", expected)
    year, month, day = (int(g) for g in m.groups())
    meant = from_christian_era(year) if 1800 <= year < MIN_BE_YEAR else None
    if meant is not None:
        date = f"{meant}-{month:02d}-{day:02d}"
        raise _error("itareport_date", expected, M_(" (did you mean {date}?)", date=date))
    try:
        calendar_date(year - BE_OFFSET, month, day)
    except ValueError:
        raise _error("itareport_date", expected + M_("; no such day")) from None
    if not MIN_BE_YEAR <= year <= MAX_BE_YEAR:
        raise _error("itareport_date", expected)
    return f"{year}-{month:02d}-{day:02d}"


SignDate = Annotated[str, PlainValidator(_sign_date, json_schema_input_type=str),
                     WithJsonSchema({"type": "string",
                                     "pattern": "^([0-9๐-๙]{4}-[0-9๐-๙]{1,2}-[0-9๐-๙]{1,2}|blank|เว้นว่าง)$"})]


class Report(_Strict):
    """An itareport data file / แฟ้มข้อมูลรายงานผลการดำเนินการตามมาตรการส่งเสริมคุณธรรมและความโปร่งใส."""

    version: Version = Field(description="data format version, always 1 / รุ่นของรูปแบบข้อมูล ใส่ 1")
    agency: Agency = Field(description="the reporting agency / หน่วยงานที่รายงาน")
    fiscal_year: BEYear = Field(description="fiscal year in B.E. / ปีงบประมาณ (พ.ศ.) เช่น 2568")
    ita_indicator: Text | None = Field(default=None, description="ITA item code, e.g. O26 / ตัวชี้วัด ITA เช่น O26")
    numerals: Literal["thai", "arabic"] = Field(
        default="thai", description="digits in the report / เลขไทย (thai) หรือเลขอารบิก (arabic)")
    title_numerals: Literal["thai", "arabic"] | None = Field(
        default=None, description="digits of the title block and intro when they differ from numerals / "
                                  "เลขในหัวเรื่องและคำนำ (ถ้าต่างจาก numerals)")
    title: Annotated[list[Line], Field(min_length=1)] | None = Field(
        default=None, description="the title block's lines, in place of the standard wording / "
                                  "หัวเรื่อง บรรทัดละข้อ (แทนข้อความมาตรฐาน)")
    intro: Text | None = Field(default=None, description="paragraph under the title / ย่อหน้าคำนำใต้หัวเรื่อง")
    show_indicator: bool = Field(default=False, description="print ita_indicator at the top right of page 1 / "
                                 "พิมพ์รหัสตัวชี้วัดที่มุมขวาบนของหน้าแรก")
    signers: list[Signer] = Field(default=[], description="signature block / ผู้ลงนามท้ายรายงาน")
    date: SignDate | None = Field(default=None, description="date under the signatures, YYYY-MM-DD in B.E., or "
                                  "'blank' for a line to fill / วันที่ใต้ลายมือชื่อ เช่น 2568-10-15 "
                                  "หรือ เว้นว่าง")
    measures: Annotated[list[Measure], Field(min_length=1)] = Field(
        description="the measures, in report order / มาตรการ เรียงตามลำดับในรายงาน")
    kind: KindName = Field(default=DEFAULT_KIND, description=f"{_one_of(list(KINDS))} / ชนิดเอกสาร")
    round: Literal["6-months", "12-months"] | None = Field(
        default=None, description="progress-report: 6-months or 12-months / รอบการรายงาน")
    columns: Annotated[list[Column], Field(min_length=1)] | None = Field(
        default=None, description="the table's own columns / คอลัมน์ของตาราง (ถ้าไม่ใช้แบบมาตรฐาน)")
    ita_results: ItaResults | None = Field(default=None, description="last year's ITA results / ผลการประเมิน ITA")
    review: list[ReviewItem] = Field(default=[], description="what import left to check; delete each item once "
                                     "checked / สิ่งที่ต้องตรวจหลังนำเข้า ลบแต่ละรายการเมื่อตรวจแล้ว")

    @model_validator(mode="before")
    @classmethod
    def _before_the_schema(cls, data: Any, info: ValidationInfo) -> Any:
        """The steps before the schema, in this order: read the periods written as text, then tag the
        rows of a file with `columns:`. Reading copies a row's mapping, and a copy is no longer tagged."""
        readings = info.context.get(READINGS) if isinstance(info.context, dict) else None
        return tag_declared_rows(read_text_periods(data, readings))


READINGS = "period_readings"   # the validation context's list that collects a PeriodReading per text read


@dataclass(frozen=True)
class PeriodReading:
    """A period the model read from text: where, the text, and what it was read as."""

    path: tuple[str | int, ...]
    text: str
    read: ParsedPeriod


def _period_keys(data: dict[str, Any]) -> set[str]:
    """The row keys holding periods: period, and the keys of declared columns of type period."""
    columns = data.get("columns")
    declared = {c.get("key") for c in columns if isinstance(c, dict) and c.get("type") == "period"} \
        if isinstance(columns, list) else set()
    return {"period", *(key for key in declared if isinstance(key, str))}


def read_text_periods(data: Any, readings: list[PeriodReading] | None = None) -> Any:
    """The data with each period written as text ('ต.ค. 67 - ก.ย. 68', 'ไตรมาสที่ 2') read against its
    fiscal year (the one parse of a text period; each reading is added to readings); a text that cannot
    be read stays, for the schema or the column checks to refuse. The data is not changed."""
    if not isinstance(data, dict) or not isinstance(data.get("measures"), list):
        return data
    try:
        year = _be_year(data.get("fiscal_year"))
    except PydanticCustomError:
        year = None
    keys = _period_keys(data)

    def read(row: Any, path: tuple[str | int, ...]) -> Any:
        if not isinstance(row, dict):
            return row
        found = {}
        for key, text in row.items():
            if key in keys and isinstance(text, str) and text not in FISCAL_YEAR_WORDS:
                period = parse_period(text, year)
                if period.value is not None:
                    found[key] = period.value
                    if readings is not None:
                        readings.append(PeriodReading((*path, key), text, period))
        return {**row, **found} if found else row

    measures = []
    for i, measure in enumerate(data["measures"]):
        measure = read(measure, ("measures", i))
        if isinstance(measure, dict) and isinstance(measure.get("activities"), list):
            measure = {**measure, "activities": [read(a, ("measures", i, "activities", j))
                                                 for j, a in enumerate(measure["activities"])]}
        measures.append(measure)
    return {**data, "measures": measures}


# The order of the keys in a data file itareport writes (the schema's own order puts measures early).
FILE_ORDER = ("version", "agency", "fiscal_year", "kind", "round", "ita_indicator", "show_indicator", "numerals",
              "title_numerals", "title", "intro", "signers", "date", "columns", "ita_results", "measures", "review")


def dump_report(report: Report) -> dict[str, Any]:
    """The report as a data file holds it: the model's own dump (keys as written, defaults left out),
    in FILE_ORDER; a field FILE_ORDER does not name yet comes last, never lost. Every command that
    rewrites a data file starts from this."""
    data = report.model_dump(by_alias=True, exclude_defaults=True)
    return {**{key: data[key] for key in FILE_ORDER if key in data}, **data}


def activities_of(measure: Activity | GroupedMeasure) -> list[Activity]:
    """The table rows of a measure (a simple measure is its own single row)."""
    return list(measure.activities) if isinstance(measure, GroupedMeasure) else [measure]
