#!/usr/bin/env bash
# Re-make the README's pictures of each document kind: page 1 of the PDF (LibreOffice) at 60 dpi,
# cropped to the printed area without the page number (Pillow, if installed). Needs tools/install-test-deps.sh.
set -euo pipefail
cd "$(dirname "$0")"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
itareport build plan.yaml progress.yaml columns.yaml --format pdf -o "$work"
for name in plan progress columns; do
  pdftoppm -png -r 60 -f 1 -l 1 -singlefile "$work/$name.pdf" "$name"
  python3 - "$name.png" <<'PY' || true
import sys
from PIL import Image, ImageOps
path = sys.argv[1]
page = Image.open(path).convert("L")
body = page.crop((0, 0, page.width, page.height - 45))        # leave out the page number
box = ImageOps.invert(body).getbbox()
if box:
    left, top, right, bottom = box
    page.crop((max(left - 8, 0), max(top - 8, 0), min(right + 8, page.width), bottom + 8)).save(path, optimize=True)
PY
done
ls -l ./*.png
