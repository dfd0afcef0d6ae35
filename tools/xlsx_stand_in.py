"""A copy of a built .xlsx whose TH SarabunPSK fonts are Laksaman at 2/3 of their size, for looking
at the workbook on a machine without TH SarabunPSK (as render/pdf.py does for the PDF):

    python tools/xlsx_stand_in.py report.xlsx copy.xlsx

Laksaman (fonts-thai-tlwg) draws TH Sarabun New's glyphs about 1.5 times larger; the copy wraps
and fills its rows as the real font does in Excel. Used by docs/make-pictures.sh.
"""

from __future__ import annotations

import re
import sys
import zipfile

_FONT = re.compile(r"<font>(?:(?!</font>).)*?TH SarabunPSK.*?</font>", re.S)
_SIZE = re.compile(r'<sz val="([\d.]+)"/>')


def stand_in(styles: str) -> str:
    def smaller(size: re.Match[str]) -> str:
        return f'<sz val="{float(size.group(1)) * 2 / 3:.2f}"/>'

    return _FONT.sub(lambda font: _SIZE.sub(smaller, font.group(0)).replace("TH SarabunPSK", "Laksaman"), styles)


def main(source: str, target: str) -> None:
    with zipfile.ZipFile(source) as zin, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            data = zin.read(info)
            if info.filename == "xl/styles.xml":
                data = stand_in(data.decode("utf-8")).encode("utf-8")
            zout.writestr(info, data)


if __name__ == "__main__":
    main(*sys.argv[1:3])
