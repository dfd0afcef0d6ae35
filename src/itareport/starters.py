"""Starter data files of `itareport init --kind` for the plan, the progress report and a table of one's own columns.

Each starter validates as written (only "fill in" warnings) and explains in Thai comments
what goes where. The default kind (measures-report) is scaffold.init_text's own starter.
"""

from __future__ import annotations

from .thai import to_thai_digits
from .yaml_writer import BLANK

INIT_KINDS = ("measures-report", "measures-plan", "progress-report", "columns")

_KIND_COMMENT = {
    "measures-plan": "ชนิดเอกสาร: แผนมาตรการส่งเสริมคุณธรรมและความโปร่งใส (จัดทำก่อนเริ่มปีงบประมาณ ยังไม่มีผล)",
    "progress-report": "ชนิดเอกสาร: รายงานความก้าวหน้า (รอบ ๖ เดือน หรือ ๑๒ เดือน) พร้อมสถานะ ปัญหาและข้อเสนอแนะ",
    "columns": "ตารางที่กำหนดคอลัมน์เอง (columns:) ชนิดเอกสารเป็นรายงานผล (measures-report)",
}
_ITA_RESULTS_EXAMPLE = [
    "ผลการประเมิน ITA ของปีที่แล้ว (ไม่บังคับ) พิมพ์ไว้ก่อนตาราง พร้อมระดับ AA-F ตามช่วงคะแนน เช่น",
    "ita_results:",
    "  fiscal_year: {prev}",
    "  score: 72.40",
    "  indicators:",
    "    - {{name: การเปิดเผยข้อมูล, score: 90.50}}",
    "    - {{name: การป้องกันการทุจริต, score: 60}}      (ต่ำกว่า ๘๕ จะมีหมายเหตุ)",
    "  weaknesses: [ประเด็นที่ต้องแก้ไขโดยเร่งด่วน]",
    "  improvements: [ประเด็นที่ต้องพัฒนาให้ดีขึ้น]",
]


def starter(kind: str, agency: str, year: int) -> tuple[dict, dict]:
    """The data and comments of a starter file of this kind (not measures-report)."""
    data: dict = {"version": 1, "agency": {"name": agency}, "fiscal_year": year}
    comments: dict = {
        ("agency",): [BLANK],
        ("agency", "name"): ["ชื่อหน่วยงานเต็ม เช่น เทศบาลตำบลโคกสูงสัมพันธ์ และถ้าต้องการ (ไม่บังคับ):",
                             "district: ชุมแพ      (อำเภอ)", "province: ขอนแก่น    (จังหวัด)"],
        ("fiscal_year",): [f"ปีงบประมาณ {year} = ตุลาคม {year - 1} ถึง กันยายน {year}"],
        ("measures",): [BLANK] + [line.format(prev=year - 1) for line in _ITA_RESULTS_EXAMPLE] +
                       [BLANK, "มาตรการ เรียงตามลำดับในรายงาน (แก้ตัวอย่างเป็นของจริง)"],
        ("measures", 0): [to_thai_digits("1.")],
        ("measures", 1): [BLANK, to_thai_digits("2.")],
    }
    first = {"title": "ชื่อมาตรการที่ ๑", "steps": ["ขั้นตอนที่ ๑", "ขั้นตอนที่ ๒"], "owner": "สำนักปลัด",
             "period": "fiscal-year"}
    second = {"title": "ชื่อมาตรการที่ ๒", "steps": ["ขั้นตอนของมาตรการนี้"], "owner": "กองคลัง",
              "period": {"from": f"{year - 1}-10", "to": f"{year - 1}-12"}}
    comments[("measures", 1, "period")] = [f"ช่วงเดือน ปี พ.ศ.-เดือน: ตุลาคม {year - 1} ถึง ธันวาคม {year - 1}"]
    if kind == "measures-plan":
        data["kind"] = kind
        first["target"] = ["ร้อยละ ๑๐๐ ของบุคลากรรับทราบแนวทาง"]
        comments[("measures", 0, "target")] = ["เป้าหมาย/ตัวชี้วัด (ไม่บังคับ): ถ้ามาตรการใดมี จะมีคอลัมน์นี้ในตาราง"]
    elif kind == "progress-report":
        data.update(kind=kind, round="6-months")
        comments[("round",)] = ["รอบการรายงาน: 6-months (ต.ค.-มี.ค.) หรือ 12-months (ต.ค.-ก.ย.)"]
        first.update(status="in-progress", results=["ผลการดำเนินงานถึงปัจจุบัน"], problems=[])
        second.update(status="not-started", results=[], problems=[])
        comments[("measures", 0, "status")] = [
            "สถานะ: done (ดำเนินการแล้ว), in-progress (อยู่ระหว่างดำเนินการ),",
            "not-started (ยังไม่ได้ดำเนินการ), cancelled (ยกเลิก)"]
        comments[("measures", 0, "problems")] = ["ปัญหา อุปสรรค และข้อเสนอแนะ (ถ้ามี)"]
    else:  # columns
        data["columns"] = [
            {"key": "title", "header": "มาตรการ"},
            {"key": "objective", "header": "วัตถุประสงค์"},
            {"key": "steps", "header": "กิจกรรม/วิธีดำเนินการ", "type": "numbered"},
            {"key": "budget", "header": "งบประมาณ (บาท)", "type": "money", "total": True},
            {"key": "owner", "header": "ผู้รับผิดชอบ"},
            {"key": "period", "header": "ระยะเวลาดำเนินการ", "type": "period"},
            {"key": "results", "header": "ผลการดำเนินงาน", "type": "list"},
            {"key": "status", "header": "สถานะ", "type": "status"},
        ]
        comments[("columns",)] = [
            BLANK, "คอลัมน์ของตาราง เรียงซ้ายไปขวา: key = ชื่อช่องข้อมูลในแต่ละมาตรการ, header = หัวคอลัมน์",
            "type: text (ข้อความ), list (รายการ -), numbered (๑. ๒.), period (ระยะเวลา),",
            "money (จำนวนเงิน ใส่ , ได้), number (ตัวเลข), status (done/in-progress/not-started/cancelled)",
            "width: สัดส่วนความกว้าง (ไม่บังคับ), total: true = มีแถวรวมท้ายตาราง"]
        first.update(objective="วัตถุประสงค์ของมาตรการ", budget="15,000", results=[], status="in-progress")
        second.update(objective="วัตถุประสงค์ของมาตรการ", budget="0", results=[], status="not-started")
        comments[("measures", 0, "budget")] = ["งบประมาณ (บาท): ตัวเลขไทยหรืออารบิก เช่น 15,000 หรือ ๑๕,๐๐๐"]
    comments[("kind",)] = [BLANK, _KIND_COMMENT[kind]]
    if kind == "columns":
        comments[("columns",)] = [BLANK, _KIND_COMMENT[kind], *comments["columns",][1:]]
        del comments[("kind",)]
    data["measures"] = [first, second]
    return data, comments
