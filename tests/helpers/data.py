"""Small data files: a valid one, the shipped file changed, the README's examples."""

from __future__ import annotations

import re
import textwrap
from pathlib import Path

from .paths import DATA, ROOT

VALID = textwrap.dedent("""\
    version: 1
    agency:
      name: เทศบาลตำบลทดสอบ
    fiscal_year: 2568
    measures:
      - title: การป้องกันการทุจริต
        steps:
          - จัดทำคู่มือ
        owner: สำนักปลัด
        period: {from: 2567-10, to: 2568-09}
        results: [ดำเนินการแล้ว]
        outcomes: [ลดโอกาสการทุจริต]
    """)


def write_data(path: Path, change=None) -> Path:
    """data/measures_2568.yaml, changed by change(data) (a dict), written to path."""
    import yaml

    data = yaml.safe_load(DATA.read_text(encoding="utf-8"))
    if change is not None:
        change(data)
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def readme_yaml() -> str:
    """The data file example of the README."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    return re.search(r"```yaml\n(.*?)```", text, re.S).group(1)


def readme_x_yaml() -> str:
    """The README's example with the mistakes its validate sessions show (data/x.yaml)."""
    return (readme_yaml().replace("fiscal_year: 2568 ", "fiscal_year: 2025 ")
            .replace("    owner: สำนักปลัด\n    period: fiscal-year", "    ower: สำนักปลัด\n    period: fiscal-year")
            .replace("ดำเนินการจัดทำคู่มือแนวปฏิบัติสำหรับเจ้าหน้าที่", "<p>ดำเนินการจัดทำคู่มือแนวปฏิบัติสำหรับเจ้าหน้าที่</p>"))
