"""Foreign PDF reports for measuring `itareport import`: twenty layouts of another agency's Word report,
two documents each, made with python-docx and turned into PDF by LibreOffice, with the truth of every
table cell, and the measure of how much of that truth an import gives back.

The split was fixed before the PDF reader was tuned (issue 22): the layouts of the TUNING half may be
looked at while tuning; the HELD-OUT half is only measured. Both halves hold each kind of difficulty:
narrow columns whose headers wrap, tables without rules, tables over several pages (header repeated
and not), other column orders and header wordings, Thai and Arabic digits, a money column with a
รวม (total) row, measures of several rows. Two held-out layouts fell short at their first measure and
were then looked at (a repeated header, a merged number cell), so a second held-out half (HELDOUT2)
was written and committed before its first measure: cells centred vertically, cell padding and
paragraph spacing, Word's own list numbering, headers bold in Thai (w:bCs), label "ลำดับ".
HELDOUT2 was tuned on after its first measure too, so a third held-out half (HELDOUT3) was written
from what the real report (and other agencies') vary, and committed before its first measure; it is
only measured, never tuned on: an empty หมายเหตุ column, portrait A4 with narrow columns, periods
written with พ.ศ. ('ตุลาคม พ.ศ.2567'), projects without a steps column, a รวมทั้งสิ้น total row,
fonts not used elsewhere (Laksaman, Umpush, Sawasdee), Word's paragraph spacing in cells. Its first
measure (PDFs): 89.6% of the text, 50 of 60 measures; per layout 95.4%, 100% (14 measures of 12: the
รวมทั้งสิ้น row), 100%, 100%, 0% (no steps column: no table found); median 100%.

The measure (`score`):
- The truth is each table row's cells (key -> paragraphs). A cell's text is normalised: list labels
  (๑. 1) - •) at the start of a paragraph dropped, whitespace removed, Thai digits as Arabic.
- The imported data's rows are its activities (a one-row measure is one row); a row's `title` is the
  measure's title (on its first activity), the activity's title and its details.
- A true cell is matched against the imported cell under the same key: text keys (title, steps, owner,
  results, outcomes) count the characters of the longest common blocks (difflib, no junk heuristic);
  a period counts whole when the imported value is what the true text means (periods.parse_period),
  a money cell when the imported amount is the true amount.
- True rows are paired with imported rows in order, so that the most characters match (a row can be
  paired once; text in an invented row or under another key counts for nothing).
- share = matched characters / true characters, over the document's table (the running number
  column and the total row left out). Beside it: the number of measures imported against the truth,
  and whether the total row became `total: true` on its column.
"""

from __future__ import annotations

import difflib
import random
import re
import shutil
import subprocess
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

HALVES = ("tuning", "heldout", "heldout2", "heldout3")
TEXT_KEYS = ("title", "steps", "owner", "results", "outcomes")
THAI = str.maketrans("0123456789", "๐๑๒๓๔๕๖๗๘๙")
ARABIC = str.maketrans("๐๑๒๓๔๕๖๗๘๙", "0123456789")


@dataclass(frozen=True)
class Layout:
    name: str
    half: str
    columns: tuple[tuple[str, str, float], ...]   # (key, header as printed, width in cm); a key the
    #                                               generator does not fill (remarks) is a blank column
    font: str
    size: float                  # points
    landscape: bool = False
    ruled: bool = True
    repeat_header: bool = True
    digits: str = "thai"         # 'thai' or 'arabic'
    measures: int = 4
    long: bool = False           # several long items per cell: the table runs over pages
    activities: bool = False     # one measure of two rows (its title cell merged down)
    baht: bool = False           # money written '๑๕,๐๐๐ บาท'
    valign: str = ""             # 'center': cells centred vertically
    padding: float = 0           # points of cell margin above and below
    spacing: float = 0           # points after each paragraph
    word_lists: bool = False     # steps and results numbered and bulleted by Word (List Number, List Bullet)
    bold: bool = False           # the header bold in Thai too (w:bCs, as Word's Ctrl+B sets it)
    era: str = ""                # written before the year of a month in periods ('พ.ศ.': 'ตุลาคม พ.ศ.2567')
    total_label: str = "รวม"     # the label of the total row ('รวมทั้งสิ้น')


STANDARD = (("title", "มาตรการ/แนวทาง", 3.0), ("steps", "ขั้นตอนหรือวิธีการปฏิบัติ", 5.0),
            ("owner", "ผู้รับผิดชอบ", 2.6), ("period", "ระยะเวลา", 2.6),
            ("results", "สรุปผลการดำเนินการตามมาตรการ/กิจกรรม", 5.0),
            ("outcomes", "ผลลัพธ์หรือความสำเร็จของการดำเนินการ", 4.5))

LAYOUTS = (
    # --- tuning -------------------------------------------------------------------------------------
    Layout("narrow-wrapped", "tuning",
           (("title", "มาตรการ/แนวทาง", 1.9), ("steps", "ขั้นตอนหรือวิธีการปฏิบัติ", 3.6),
            ("owner", "ผู้รับผิดชอบ", 1.5), ("period", "ระยะเวลา", 1.5),
            ("results", "สรุปผลการดำเนินการ", 3.4), ("outcomes", "ผลลัพธ์หรือความสำเร็จ", 3.0)),
           "TH SarabunPSK", 14, activities=True),
    Layout("unruled-landscape", "tuning", STANDARD, "Garuda", 11, landscape=True, ruled=False,
           repeat_header=False, digits="arabic", measures=5),
    Layout("pages-repeated", "tuning", STANDARD, "Norasi", 13, landscape=True, long=True, measures=8),
    Layout("number-budget", "tuning",
           (("number", "ที่", 0.9), ("title", "มาตรการ", 3.2), ("steps", "ขั้นตอนการดำเนินการ", 4.6),
            ("budget", "งบประมาณ (บาท)", 2.2), ("owner", "ผู้รับผิดชอบ", 2.6), ("period", "ระยะเวลา", 2.4),
            ("results", "ผลการดำเนินงาน", 4.2), ("outcomes", "ผลลัพธ์", 3.6)),
           "Loma", 11, landscape=True, digits="arabic", measures=5),
    Layout("reordered-wordings", "tuning",
           (("title", "โครงการ/กิจกรรม", 3.2), ("owner", "หน่วยงานที่รับผิดชอบ", 2.6),
            ("period", "ห้วงเวลาดำเนินการ", 2.6), ("steps", "วิธีดำเนินการ", 5.0),
            ("results", "ผลการปฏิบัติงาน", 4.8), ("outcomes", "ตัวชี้วัดความสำเร็จ", 4.0)),
           "Kinnari", 13, landscape=True, repeat_header=False, long=True, measures=6),
    # --- held out -----------------------------------------------------------------------------------
    Layout("narrow-unruled", "heldout",
           (("title", "มาตรการ/แนวทาง", 2.0), ("steps", "ขั้นตอนหรือวิธีการปฏิบัติ", 3.6),
            ("owner", "ผู้รับผิดชอบ", 1.5), ("period", "ระยะเวลา", 1.6),
            ("results", "สรุปผลการดำเนินการ", 3.3), ("outcomes", "ผลลัพธ์หรือความสำเร็จ", 3.0)),
           "TH SarabunPSK", 14, ruled=False, measures=5),
    Layout("pages-not-repeated", "heldout", STANDARD, "Garuda", 11, landscape=True, repeat_header=False,
           digits="arabic", long=True, measures=8),
    Layout("budget-baht", "heldout",
           (("number", "ลำดับที่", 1.1), ("title", "มาตรการ/โครงการ", 2.6), ("steps", "วิธีการดำเนินงาน", 3.4),
            ("owner", "ผู้รับผิดชอบ", 1.8), ("period", "ระยะเวลา", 1.8), ("budget", "จำนวนเงิน", 2.0),
            ("results", "ผลการดำเนินงาน", 3.2)),
           "Waree", 11, activities=True, baht=True, measures=4),
    Layout("wordings-wrapped", "heldout",
           (("title", "มาตรการ/กิจกรรม", 3.0), ("steps", "ขั้นตอน/วิธีการปฏิบัติงานตามมาตรการ", 3.4),
            ("period", "ระยะเวลาดำเนินการ", 2.0), ("results", "สรุปผลการดำเนินการตามมาตรการ/กิจกรรม", 4.6),
            ("outcomes", "ผลลัพธ์หรือความสำเร็จของการดำเนินการ", 4.0), ("owner", "ผู้รับผิดชอบดำเนินการ", 2.2)),
           "TH SarabunPSK", 16, landscape=True, digits="arabic", measures=5),
    Layout("pages-unruled-repeated", "heldout", STANDARD, "Loma", 11, landscape=True, ruled=False, long=True,
           measures=8),
    # --- held out, second half (written after the first held-out measure, before its own) -----------
    Layout("centred-ruled", "heldout2",
           (("number", "ลำดับ", 1.2), ("title", "มาตรการ/กิจกรรม", 3.4), ("steps", "ขั้นตอนการดำเนินงาน", 4.6),
            ("owner", "ผู้รับผิดชอบ", 2.4), ("period", "ระยะเวลา", 2.4), ("results", "ผลการดำเนินงาน", 4.4),
            ("outcomes", "ผลลัพธ์", 3.6)),
           "Kinnari", 13, landscape=True, digits="thai", activities=True, valign="center", bold=True, measures=5),
    Layout("unruled-padded", "heldout2", STANDARD, "Garuda", 11, landscape=True, ruled=False, digits="arabic",
           long=True, padding=4, spacing=4, bold=True, measures=7),
    Layout("narrow-portrait-baht", "heldout2",
           (("title", "มาตรการ", 2.2), ("steps", "วิธีการปฏิบัติ", 3.2), ("owner", "ผู้รับผิด ชอบ", 1.6),
            ("period", "ระยะ เวลา", 1.6), ("budget", "งบประมาณ (บาท)", 1.9), ("results", "ผลการดำเนินการ", 3.0),
            ("outcomes", "ผลสำเร็จ", 2.4)),
           "Loma", 11, repeat_header=False, long=True, baht=True, measures=6),
    Layout("unruled-reordered", "heldout2",
           (("number", "ที่", 0.9), ("title", "โครงการ/กิจกรรม", 3.4), ("period", "ระยะเวลาดำเนินการ", 2.6),
            ("owner", "หน่วยงานรับผิดชอบ", 2.8), ("steps", "วิธีดำเนินการ", 4.6), ("results", "ผลการดำเนินงาน", 4.4),
            ("outcomes", "ผลที่ได้รับ", 3.6)),
           "Norasi", 13, landscape=True, ruled=False, repeat_header=False, digits="arabic", long=True, measures=6),
    Layout("word-numbering", "heldout2", STANDARD, "Waree", 11, landscape=True, word_lists=True, bold=True,
           spacing=2, measures=6),
    # --- held out, third half (written from the real report's variations, committed before its first
    # measure; no reader change was made after it) -----------------------------------------------------
    Layout("portrait-remarks", "heldout3",
           (("number", "ที่", 0.9), ("title", "มาตรการ/กิจกรรม", 3.0), ("steps", "ขั้นตอนการดำเนินการ", 4.2),
            ("owner", "ผู้รับผิดชอบ", 2.0), ("period", "ระยะเวลา", 2.4), ("results", "ผลการดำเนินงาน", 3.6),
            ("remarks", "หมายเหตุ", 1.4)),
           "Laksaman", 13, long=True, era="พ.ศ.", measures=5),
    Layout("unruled-projects-total", "heldout3",
           (("number", "ลำดับ", 1.3), ("title", "โครงการ/กิจกรรม", 3.8), ("steps", "วิธีดำเนินการ", 4.8),
            ("budget", "งบประมาณ (บาท)", 2.6), ("period", "ระยะเวลาดำเนินการ", 2.8),
            ("owner", "หน่วยงานที่รับผิดชอบ", 2.8), ("results", "ผลการดำเนินงาน", 4.4),
            ("outcomes", "ผลลัพธ์/ตัวชี้วัด", 3.7)),
           "Umpush", 14, landscape=True, ruled=False, repeat_header=False, digits="arabic", activities=True,
           total_label="รวมทั้งสิ้น", measures=6),
    Layout("centred-padded-remarks", "heldout3",
           (("title", "มาตรการ/แนวทาง", 3.8), ("steps", "ขั้นตอน/วิธีการดำเนินการ", 5.4), ("owner", "ผู้รับผิดชอบ", 2.4),
            ("period", "ระยะเวลาดำเนินการ", 2.6), ("results", "สรุปผลการดำเนินการ", 5.4),
            ("outcomes", "ผลลัพธ์หรือความสำเร็จ", 4.6), ("remarks", "หมายเหตุ", 2.0)),
           "Sawasdee", 12, landscape=True, activities=True, valign="center", bold=True, padding=3, long=True,
           era="พ.ศ. ", measures=7),
    Layout("portrait-template-spaced", "heldout3",
           (("title", "มาตรการ/แนวทาง", 2.6), ("steps", "ขั้นตอนหรือวิธีการปฏิบัติ", 3.6), ("owner", "ผู้รับผิดชอบ", 2.0),
            ("period", "ระยะเวลา", 2.1), ("results", "สรุปผลการดำเนินการตามมาตรการ/กิจกรรม", 3.8),
            ("outcomes", "ผลลัพธ์หรือความสำเร็จของการดำเนินการ", 3.4)),
           "Garuda", 12, repeat_header=False, digits="arabic", long=True, spacing=6, measures=6),
    Layout("projects-no-steps-baht", "heldout3",
           (("number", "ที่", 1.0), ("title", "โครงการ/กิจกรรม", 4.8), ("results", "ผลการดำเนินงาน", 5.6),
            ("outcomes", "ผลลัพธ์ที่ได้รับ", 4.6), ("period", "ระยะเวลา", 2.8), ("owner", "ผู้รับผิดชอบ", 2.8),
            ("budget", "งบประมาณ", 2.8), ("remarks", "หมายเหตุ", 1.8)),
           "Laksaman", 14, landscape=True, baht=True, padding=2, measures=6),
)

# --- the documents' content ---------------------------------------------------------------------------

AGENCIES = (("เทศบาลตำบลหนองเรือ", "หนองเรือ", "ขอนแก่น"), ("องค์การบริหารส่วนตำบลบ้านโคก", "ภูผาม่าน", "ขอนแก่น"),
            ("เทศบาลเมืองชุมแพ", "ชุมแพ", "ขอนแก่น"), ("องค์การบริหารส่วนตำบลท่าศาลา", "เมืองลพบุรี", "ลพบุรี"),
            ("เทศบาลตำบลป่าแดด", "ป่าแดด", "เชียงราย"), ("องค์การบริหารส่วนตำบลนาดี", "นาดี", "ปราจีนบุรี"),
            ("เทศบาลตำบลบ้านไผ่", "บ้านไผ่", "ขอนแก่น"), ("องค์การบริหารส่วนตำบลสำโรง", "โพนทอง", "ร้อยเอ็ด"))
TITLES = (
    "มาตรการป้องกันการรับสินบนและผลประโยชน์ทับซ้อน", "มาตรการส่งเสริมความโปร่งใสในการจัดซื้อจัดจ้าง",
    "มาตรการจัดการเรื่องร้องเรียนการทุจริตและประพฤติมิชอบ", "มาตรการเสริมสร้างวัฒนธรรมองค์กรที่ไม่ทนต่อการทุจริต",
    "มาตรการเผยแพร่ข้อมูลต่อสาธารณะผ่านเว็บไซต์ของหน่วยงาน", "มาตรการป้องกันการใช้ทรัพย์สินของราชการเพื่อประโยชน์ส่วนตน",
    "มาตรการส่งเสริมการมีส่วนร่วมของประชาชนในการตรวจสอบการดำเนินงาน", "มาตรการตรวจสอบการใช้ดุลยพินิจของผู้บังคับบัญชา",
    "มาตรการบริหารงานบุคคลอย่างเป็นธรรมและโปร่งใส", "มาตรการลดขั้นตอนและระยะเวลาการให้บริการประชาชน",
    "มาตรการ \"ไม่รับของขวัญ\" (No Gift Policy)", "มาตรการประเมินความเสี่ยงการทุจริตประจำปี",
    "มาตรการควบคุมภายในและการบริหารความเสี่ยง", "มาตรการเปิดโอกาสให้ผู้มีส่วนได้ส่วนเสียร่วมแสดงความคิดเห็น",
)
STEPS = (
    "จัดทำประกาศเจตนารมณ์การต่อต้านการทุจริตของผู้บริหารท้องถิ่น", "ประชาสัมพันธ์ประกาศผ่านเว็บไซต์และบอร์ดของสำนักงาน",
    "แต่งตั้งคณะทำงานเพื่อจัดทำแผนปฏิบัติการ", "จัดประชุมชี้แจงแนวทางปฏิบัติให้แก่พนักงานทุกคน",
    "รวบรวมข้อมูลและวิเคราะห์ความเสี่ยงที่อาจเกิดขึ้น", "รายงานผลการดำเนินงานต่อผู้บริหารทุกไตรมาส",
    "เผยแพร่แผนการจัดซื้อจัดจ้างประจำปีภายใน 30 วัน", "จัดทำคู่มือการปฏิบัติงานและเผยแพร่ให้ประชาชนทราบ",
    "เปิดช่องทางรับเรื่องร้องเรียนทางโทรศัพท์ ไลน์ และเว็บไซต์", "ติดตามและประเมินผลการดำเนินงานเมื่อสิ้นปีงบประมาณ",
    "จัดอบรมคุณธรรมจริยธรรมให้แก่บุคลากรทุกระดับ", "ตรวจสอบการใช้รถยนต์ส่วนกลางตามระเบียบ",
    "สำรวจความพึงพอใจของผู้รับบริการ", "ปรับปรุงขั้นตอนการขออนุญาตก่อสร้างให้สั้นลง",
    "ยกย่องเชิดชูเกียรติบุคลากรที่ประพฤติตนเป็นแบบอย่างที่ดี", "ทบทวนคำสั่งมอบอำนาจของนายกเทศมนตรี",
    "จัดเวทีประชาคมเพื่อรับฟังความคิดเห็นของประชาชน", "บันทึกการยืมคืนพัสดุในทะเบียนทุกครั้ง",
)
OWNERS = ("สำนักปลัดเทศบาล", "กองคลัง", "กองช่าง", "กองการศึกษา", "งานนิติการ สำนักปลัด", "หน่วยตรวจสอบภายใน",
          "กองสาธารณสุขและสิ่งแวดล้อม", "งานการเจ้าหน้าที่", "ทุกส่วนราชการ", "กองยุทธศาสตร์และงบประมาณ")
RESULTS = (
    "ผู้บริหารลงนามประกาศเจตนารมณ์เมื่อวันที่ 2 ตุลาคม {y0}", "เผยแพร่ทางเว็บไซต์ของหน่วยงานแล้ว",
    "จัดประชุมแล้ว 2 ครั้ง มีผู้เข้าร่วม 45 คน", "รายงานผลครบทั้ง 12 เดือน", "ได้รับเรื่องร้องเรียน 3 เรื่อง ดำเนินการแล้วเสร็จทั้งหมด",
    "จัดทำคู่มือแล้วเสร็จและเผยแพร่ทางเว็บไซต์", "ประเมินความเสี่ยงแล้ว พบความเสี่ยงระดับสูง 1 เรื่อง",
    "จัดอบรมเมื่อวันที่ 14 มิถุนายน {y1} มีผู้เข้าร่วม 85 คน", "อยู่ระหว่างรวบรวมข้อมูลเพื่อสรุปผล",
    "ตรวจสอบแล้วไม่พบการใช้ทรัพย์สินของราชการผิดระเบียบ", "ลดระยะเวลาการให้บริการจาก 15 วัน เหลือ 7 วัน",
    "ผู้รับบริการพึงพอใจร้อยละ 92.5", "มอบเกียรติบัตรแก่บุคลากรดีเด่น 5 คน",
)
OUTCOMES = (
    "พนักงานทุกคนรับทราบและถือปฏิบัติ ไม่พบเรื่องร้องเรียน", "ประชาชนตรวจสอบข้อมูลได้ร้อยละ 100 ของโครงการ",
    "เรื่องร้องเรียนได้รับการแก้ไขภายใน 15 วันทำการ", "ผู้เข้าร่วมมีความรู้เพิ่มขึ้นร้อยละ 80 จากแบบทดสอบ",
    "ลดโอกาสในการเกิดการทุจริตในหน่วยงาน", "การจัดซื้อจัดจ้างเป็นไปตามระเบียบทุกโครงการ",
    "ประชาชนมีส่วนร่วมในการตรวจสอบการดำเนินงานมากขึ้น", "บุคลากรมีวัฒนธรรมองค์กรที่ไม่ทนต่อการทุจริต",
    "ไม่พบการใช้ดุลยพินิจที่ไม่เป็นธรรม", "ความพึงพอใจของผู้รับบริการไม่น้อยกว่าร้อยละ 85",
)
MONTHS = ("ตุลาคม", "พฤศจิกายน", "ธันวาคม", "มกราคม", "กุมภาพันธ์", "มีนาคม", "เมษายน", "พฤษภาคม", "มิถุนายน",
          "กรกฎาคม", "สิงหาคม", "กันยายน")
SIGNERS = ("นางสาวมาลี ศรีสุข", "นายสมชาย ใจดี", "นายประเสริฐ มั่นคง", "นางวิไล แก้วมณี")


@dataclass
class Document:
    """One report of a layout: its title lines, fiscal year, table rows (key -> paragraphs as printed,
    grouped by measure) and total row; `name` is its file stem."""

    layout: Layout
    name: str
    fiscal_year: int
    agency: tuple[str, str, str]
    title: list[str]
    measures: list[list[dict[str, list[str]]]]
    total: str | None = None
    signer: tuple[str, str] = ("", "")     # name, position


def _period(rng: random.Random, year: int) -> str:
    style = rng.randrange(4)
    if style == 0:
        return f"ตลอดปีงบประมาณ พ.ศ. {year}"
    first = rng.randrange(0, 9)
    last = rng.randrange(first, 12)
    y_first, y_last = (year - 1 if first < 3 else year), (year - 1 if last < 3 else year)
    if style == 1:
        return f"{MONTHS[first]} {y_first} - {MONTHS[last]} {y_last}"
    if style == 2 and y_first == y_last and first != last:
        return f"{MONTHS[first]} - {MONTHS[last]} {y_last}"
    return f"{MONTHS[first]} {y_first}" if first == last else f"{MONTHS[first]} {y_first} - {MONTHS[last]} {y_last}"


def _items(rng: random.Random, pool: Sequence[str], count: int, year: int) -> list[str]:
    return [text.format(y0=year - 1, y1=year) for text in rng.sample(list(pool), count)]


def make_document(layout: Layout, index: int) -> Document:
    """The index-th document of a layout (deterministic: the layout's name and index seed it)."""
    rng = random.Random(f"{layout.name}/{index}")
    year = rng.choice((2567, 2568))
    agency = rng.choice(AGENCIES)
    keys = [key for key, _, _ in layout.columns]
    long = 2 if layout.long else 0
    measures = []
    titles = rng.sample(TITLES, layout.measures)
    for m, title in enumerate(titles):
        rows = 2 if layout.activities and m == 1 else 1
        group = []
        for r in range(rows):
            row: dict[str, list[str]] = {}
            steps = _items(rng, STEPS, rng.randint(1, 3) + long, year)
            numbered = rng.random() < 0.7 or len(steps) > 1
            row["title"] = [f"{m + 1}. {title}" if "number" not in keys else title] if r == 0 else []
            row["steps"] = [f"{k}. {s}" for k, s in enumerate(steps, 1)] if numbered else steps
            row["owner"] = [rng.choice(OWNERS)]
            row["period"] = [_period(rng, year)]
            row["results"] = [f"- {t}" for t in _items(rng, RESULTS, rng.randint(1, 2) + long, year)]
            outcomes = _items(rng, OUTCOMES, rng.randint(1, 2) + (1 if long else 0), year)
            row["outcomes"] = outcomes if len(outcomes) == 1 else [f"- {t}" for t in outcomes]
            amount = rng.choice((0, 5000, 12500, 15000, 20000, 35000, 100000, 250000))
            row["budget"] = [f"{amount:,}" + (" บาท" if layout.baht else "")] if amount else ["-"]
            if "number" in keys:
                row["number"] = [str(m + 1)] if r == 0 else []
            group.append({k: v for k, v in row.items() if k in keys})
        measures.append(group)
    total = None
    if "budget" in keys:
        amount = sum(int(r["budget"][0].split()[0].replace(",", "")) for g in measures for r in g
                     if r["budget"][0] != "-")
        total = f"{amount:,}" + (" บาท" if layout.baht else "")
    if layout.era:    # 'ตุลาคม พ.ศ.2567', as the real report writes its periods (no random draw: the rest stays)
        months = "|".join(MONTHS)
        for row in (row for group in measures for row in group if "period" in row):
            row["period"] = [re.sub(rf"({months}) ([0-9]{{4}})", rf"\1 {layout.era}\2", t) for t in row["period"]]
    agency_line = f"{agency[0]} อำเภอ{agency[1]} จังหวัด{agency[2]}"
    title = ["รายงานผลการดำเนินการตามมาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน",
             f"ประจำปีงบประมาณ พ.ศ. {year}", agency_line]
    if agency[0].startswith("เทศบาล"):
        position = "นายกเทศมนตรี" + agency[0].removeprefix("เทศบาล")
    else:
        position = "นายกองค์การบริหารส่วนตำบล" + agency[0].removeprefix("องค์การบริหารส่วนตำบล")
    doc = Document(layout, f"{layout.name}-{index}", year, agency, title, measures, total,
                   (rng.choice(SIGNERS), position))
    if layout.digits == "thai":
        doc = _thai_digits(doc)
    return doc


def _thai_digits(doc: Document) -> Document:
    def thai(texts: list[str]) -> list[str]:
        return [t.translate(THAI) for t in texts]
    measures = [[{k: thai(v) for k, v in row.items()} for row in group] for group in doc.measures]
    return Document(doc.layout, doc.name, doc.fiscal_year, doc.agency, thai(doc.title), measures,
                    doc.total.translate(THAI) if doc.total else None, doc.signer)


def corpus(documents_per_layout: int = 2) -> list[Document]:
    return [make_document(layout, i) for layout in LAYOUTS for i in range(1, documents_per_layout + 1)]


# --- the Word file --------------------------------------------------------------------------------------

def write_docx(doc: Document, path: Path) -> Path:
    """The document as a Word file, as an officer of another agency would type it."""
    from docx import Document as NewDocument
    from docx.enum.section import WD_ORIENT
    from docx.enum.table import WD_ALIGN_VERTICAL
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Cm, Pt

    layout = doc.layout
    word = NewDocument()
    section = word.sections[0]
    section.page_width, section.page_height = Cm(21), Cm(29.7)
    if layout.landscape:
        section.orientation = WD_ORIENT.LANDSCAPE
        section.page_width, section.page_height = Cm(29.7), Cm(21)
    section.left_margin, section.right_margin = Cm(2.0), Cm(1.5)
    section.top_margin = section.bottom_margin = Cm(2.0)
    normal = word.styles["Normal"]
    normal.font.name = layout.font
    normal.font.size = Pt(layout.size)
    fonts = normal.element.get_or_add_rPr().get_or_add_rFonts()
    for slot in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        fonts.set(qn(slot), layout.font)
    size_cs = OxmlElement("w:szCs")
    size_cs.set(qn("w:val"), str(int(layout.size * 2)))
    normal.element.get_or_add_rPr().append(size_cs)
    normal.paragraph_format.space_after = Pt(layout.spacing)
    normal.paragraph_format.space_before = Pt(0)

    for line in doc.title:
        p = word.add_paragraph()
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        run = p.add_run(line)
        run.bold = True
    word.add_paragraph()

    widths = [Cm(w) for _, _, w in layout.columns]
    table = word.add_table(rows=0, cols=len(layout.columns))
    if layout.ruled:
        table.style = word.styles["Table Grid"]
    table.autofit = False
    if layout.padding:
        margins = OxmlElement("w:tblCellMar")
        for side in ("top", "bottom"):
            margin = OxmlElement(f"w:{side}")
            margin.set(qn("w:w"), str(int(layout.padding * 20)))
            margin.set(qn("w:type"), "dxa")
            margins.append(margin)
        table._tbl.tblPr.append(margins)
    for grid_col, width in zip(table._tbl.tblGrid.findall(qn("w:gridCol")), widths, strict=True):
        grid_col.set(qn("w:w"), str(int(width.twips)))

    lists = [layout.word_lists and key in ("steps", "results", "outcomes") for key, _, _ in layout.columns]

    def add_row(texts: list[list[str]], bold: bool = False):
        row = table.add_row()
        for cell, paras, width, listed in zip(row.cells, texts, widths, lists, strict=True):
            cell.width = width
            if layout.valign == "center":
                cell.vertical_alignment = WD_ALIGN_VERTICAL.CENTER
            cell.paragraphs[0].text = ""
            for k, text in enumerate(paras):
                p = cell.paragraphs[0] if k == 0 else cell.add_paragraph()
                style, text = _word_list(text) if listed and not bold else (None, text)
                if style:
                    p.style = word.styles[style]
                run = p.add_run(text)
                run.bold = bold
                if bold and layout.bold:
                    run._r.get_or_add_rPr().append(OxmlElement("w:bCs"))
                if bold:
                    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        return row

    header = add_row([[text] for _, text, _ in layout.columns], bold=True)
    if layout.repeat_header:
        tr_pr = header._tr.get_or_add_trPr()
        repeat = OxmlElement("w:tblHeader")
        tr_pr.append(repeat)
    keys = [key for key, _, _ in layout.columns]
    for group in doc.measures:
        first = None
        for r, row_cells in enumerate(group):
            row = add_row([row_cells.get(key, []) for key in keys])
            if r == 0:
                first = row
            else:   # the measure's title (and number) merged down over its rows
                for key in ("title", "number"):
                    if key in keys:
                        c = keys.index(key)
                        first.cells[c].merge(row.cells[c])
    if doc.total is not None:
        label_at = keys.index("number") if "number" in keys else keys.index("title")
        cells = [[layout.total_label] if k == label_at else [doc.total] if key == "budget" else []
                 for k, key in enumerate(keys)]
        row = add_row(cells)
        if "number" in keys:   # 'รวม' across the number and title columns
            row.cells[keys.index("number")].merge(row.cells[keys.index("title")])
    word.add_paragraph()
    for line in ("(ลงชื่อ) ......................................", f"({doc.signer[0]})", doc.signer[1]):
        p = word.add_paragraph(line)
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    path.parent.mkdir(parents=True, exist_ok=True)
    word.save(path)
    return path


def _word_list(text: str) -> tuple[str | None, str]:
    """A typed label ('1. ', '- ') as Word's own numbering or bullets: the style, the text without it."""
    m = re.match(r"^(?:[0-9๐-๙]{1,3}\.|-)\s+", text)
    if not m:
        return None, text
    return ("List Bullet" if m.group().startswith("-") else "List Number"), text[m.end():]


def make_pdfs(docs: Sequence[Document], folder: Path) -> dict[str, Path]:
    """Each document as a Word file and then a PDF, all converted by one LibreOffice start."""
    folder.mkdir(parents=True, exist_ok=True)
    words = [write_docx(doc, folder / f"{doc.name}.docx") for doc in docs]
    result = subprocess.run(["soffice", "--headless", f"-env:UserInstallation=file://{folder}/profile",
                             "--convert-to", "pdf", "--outdir", str(folder), *map(str, words)],
                            capture_output=True, text=True, timeout=600)
    shutil.rmtree(folder / "profile", ignore_errors=True)
    out = {doc.name: folder / f"{doc.name}.pdf" for doc in docs}
    missing = [name for name, pdf in out.items() if not pdf.is_file()]
    if missing:
        raise RuntimeError(f"LibreOffice made no PDF of {missing}: {result.stdout}{result.stderr}")
    return out


# --- the measure ---------------------------------------------------------------------------------------

_LABEL = re.compile(r"^\s*(?:\(?[0-9๐-๙]{1,3}\s*[.)]|[-–•])(?=\s)\s*")


def normalise(texts: Sequence[str]) -> str:
    """Paragraphs as one string to compare: labels, whitespace gone, Arabic digits."""
    return "".join(re.sub(r"\s+", "", _LABEL.sub("", t)) for t in texts).translate(ARABIC)


def _texts(value: Any) -> list[str]:
    if value is None:
        return []
    if isinstance(value, list):
        return [str(v) for v in value if v is not None]
    return [str(value)]


def imported_rows(data: dict) -> list[dict[str, Any]]:
    """The imported data's table rows (activities), each with a title as the truth counts it."""
    rows = []
    for measure in data.get("measures") or []:
        if not isinstance(measure, dict):
            continue
        for j, activity in enumerate(measure.get("activities") or [measure]):
            row = dict(activity)
            head = [measure.get("title")] if "activities" in measure and j == 0 else []
            own = [activity.get("title")] if activity.get("title") is not None else []
            row["title"] = [*head, *own, *_texts(activity.get("details"))]
            rows.append(row)
    return rows


def _amount(text: str) -> float | None:
    text = text.translate(ARABIC).replace("บาท", "").replace(",", "").strip()
    try:
        return float(text)
    except ValueError:
        return 0.0 if text == "-" else None


def cell_score(key: str, truth: list[str], got: Any, fiscal_year: int) -> tuple[int, int]:
    """(matched, true) characters of one cell."""
    expected = normalise(truth)
    if not expected:
        return 0, 0
    if key == "period":
        from itareport.periods import parse_period
        want = parse_period(" ".join(truth), fiscal_year).value
        return (len(expected) if got is not None and (got == want or normalise(_texts(got)) == expected)
                else 0), len(expected)
    if key == "budget":    # no amount is printed '-', as the report prints it
        value = " ".join(_texts(got)) or "-"
        return (len(expected) if _amount(value) == _amount(" ".join(truth)) else 0), len(expected)
    found = normalise(_texts(got))
    matcher = difflib.SequenceMatcher(None, expected, found, autojunk=False)
    return sum(b.size for b in matcher.get_matching_blocks()), len(expected)


@dataclass
class Score:
    matched: int = 0
    total: int = 0
    by_key: dict[str, list[int]] = field(default_factory=dict)
    measures: int = 0
    true_measures: int = 0
    total_ok: bool | None = None      # None: the truth has no total row
    error: str = ""

    @property
    def share(self) -> float:
        return self.matched / self.total if self.total else 0.0


def score(doc: Document, data: dict | None, error: str = "") -> Score:
    """How much of the document's true table an import's data holds under the right keys."""
    truth = [row for group in doc.measures for row in group]
    keys = [k for k in dict.fromkeys(key for key, _, _ in doc.layout.columns) if k != "number"]
    out = Score(true_measures=len(doc.measures), error=error)
    for key in keys:
        out.by_key[key] = [0, sum(len(normalise(row.get(key, []))) for row in truth)]
    out.total = sum(t for _, t in out.by_key.values())
    if data is None:
        return out
    got = imported_rows(data)
    out.measures = len(data.get("measures") or [])
    year = data.get("fiscal_year") if isinstance(data.get("fiscal_year"), int) else doc.fiscal_year
    pair = [[{key: cell_score(key, t.get(key, []), g.get(key), year) for key in keys} for g in got] for t in truth]
    gain = [[sum(m for m, _ in cells.values()) for cells in row] for row in pair]
    best = [[0] * (len(got) + 1) for _ in range(len(truth) + 1)]
    for i in range(1, len(truth) + 1):
        for j in range(1, len(got) + 1):
            best[i][j] = max(best[i - 1][j], best[i][j - 1], best[i - 1][j - 1] + gain[i - 1][j - 1])
    i, j = len(truth), len(got)
    while i and j:
        if best[i][j] == best[i - 1][j]:
            i -= 1
        elif best[i][j] == best[i][j - 1]:
            j -= 1
        else:
            for key, (m, _) in pair[i - 1][j - 1].items():
                out.by_key[key][0] += m
            i, j = i - 1, j - 1
    out.matched = sum(m for m, _ in out.by_key.values())
    if doc.total is not None:
        columns = data.get("columns") or []
        out.total_ok = any(c.get("key") == "budget" and c.get("total") and c.get("type") == "money"
                           for c in columns if isinstance(c, dict))
    return out
