#!/usr/bin/env bash
# Re-make the README's pictures from data/measures_2568.yaml: page 1 of the PDF (LibreOffice),
# the web page as a browser shows it (headless Chromium) and page 1 of the Excel workbook as
# LibreOffice Calc prints it. Needs tools/install-test-deps.sh. For the workbook, TH SarabunPSK is
# replaced by Laksaman at 2/3 size (as for the PDF); Calc measures column widths by Calibri's
# digits as Excel does only with Carlito installed (fonts-crosextra-carlito). The editor: tools/editor_picture.py (the test extra).
set -euo pipefail
cd "$(dirname "$0")/.."
work=$(mktemp -d)
mkdir -p "$work/xlsx"
trap 'rm -rf "$work"' EXIT
itareport build data/measures_2568.yaml --format pdf,html,xlsx -o "$work"
pdftoppm -png -r 80 -f 1 -l 1 -singlefile "$work/measures_2568.pdf" docs/pdf-page1
chromium --headless --no-sandbox --disable-gpu --no-first-run --disable-background-networking \
  --disable-component-update --disable-sync --user-data-dir="$work/profile" --hide-scrollbars \
  --window-size=1100,760 --screenshot=docs/html-page1.png "file://$work/measures_2568.html" 2>/dev/null
python3 tools/xlsx_stand_in.py "$work/measures_2568.xlsx" "$work/xlsx/measures_2568.xlsx"
soffice --headless "-env:UserInstallation=file://$work/lo" --convert-to pdf --outdir "$work/xlsx" \
  "$work/xlsx/measures_2568.xlsx" >/dev/null
pdftoppm -png -r 80 -f 1 -l 1 -singlefile "$work/xlsx/measures_2568.pdf" docs/xlsx-page1
python tools/editor_picture.py docs/editor.png
ls -l docs/*.png
