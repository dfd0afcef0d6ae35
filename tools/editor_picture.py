"""docs/editor.png, the README's picture of `itareport edit`: the shipped data file in the editor (Thai),
1400 x 900, measure ๓'s last month moved past the fiscal year so its warning shows at the field.
Needs the test extra (Playwright) and Debian's Chromium (tools/install-test-deps.sh)."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parents[1]
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run", "--hide-scrollbars"]


def main(target: Path) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        data = Path(tmp) / "measures_2568.yaml"
        shutil.copy(ROOT / "data" / "measures_2568.yaml", data)
        process = subprocess.Popen([sys.executable, "-m", "itareport", "edit", data.name, "--no-browser", "--lang",
                                    "th"], cwd=tmp, stdout=subprocess.PIPE, text=True)
        try:
            address = re.search(r"http://\S+", process.stdout.readline()).group()
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=ARGS)
                page = browser.new_page(viewport={"width": 1400, "height": 900})
                page.goto(address)
                page.locator('[id="y:measures.2.period.to"]').fill("2569")
                page.locator('[id="m:measures.2.period.to"]').get_by_text("ITA301").wait_for()
                page.locator('[id="w:measures.2.period"]').scroll_into_view_if_needed()
                page.evaluate("window.scrollBy(0, 260)")
                page.wait_for_timeout(300)
                page.screenshot(path=str(target))
                browser.close()
        finally:
            process.terminate()
            process.wait()


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "docs" / "editor.png")
