"""itareport edit in a real browser: `itareport edit --no-browser` as a process, Debian's Chromium driven
by Playwright (no browser download: tools/install-test-deps.sh installs /usr/bin/chromium), axe-core
(shipped in axe-playwright-python) on the page. An officer's steps: change an owner and see the
preview change, make a fiscal-year mistake and see its code at the field, fix it, save, read the diff."""

from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Browser, Page, expect, sync_playwright

from helpers import CLI_ENV, DATA, ROOT

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]


class Editor:
    """`itareport edit FILE --no-browser --lang th` running, and the address it printed."""

    def __init__(self, folder: Path, more: str = ""):
        self.path = folder / "measures_2568.yaml"
        shutil.copy(DATA, self.path)
        if more:
            self.path.write_text(DATA.read_text(encoding="utf-8") + more, encoding="utf-8")
        env = {**os.environ, **CLI_ENV, "PYTHONPATH": str(ROOT / "src")}
        self.process = subprocess.Popen([sys.executable, "-m", "itareport", "edit", self.path.name, "--no-browser",
                                         "--lang", "th"], cwd=folder, env=env, stdout=subprocess.PIPE,
                                        stderr=subprocess.PIPE, text=True)
        line = self.process.stdout.readline()
        found = re.search(r"http://127\.0\.0\.1:\d+/\?token=\S+", line)
        assert found, line + self.process.stderr.read()
        self.address = found.group()

    def stop(self) -> tuple[int, str]:
        """Ctrl+C, as the officer stops it: the exit code and what it wrote to stderr."""
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGINT)
        try:
            code = self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.process.kill()
            raise
        return code, self.process.stderr.read()


@pytest.fixture
def editor(tmp_path) -> Iterator[Editor]:
    running = Editor(tmp_path)
    yield running
    if running.process.poll() is None:
        running.process.kill()
        running.process.wait()


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield launched
        launched.close()


def field(page: Page, name: str, kind: str = "f"):
    return page.locator(f'[id="{kind}:{name}"]')


def officer_edits(page: Page) -> None:
    """Change an owner (the preview follows), make a fiscal-year mistake (its code at the field), fix it."""
    owner = field(page, "measures.0.owner")
    expect(owner).to_have_value("สำนักปลัด")
    owner.fill("กองคลังทดสอบ")
    expect(page.frame_locator("#preview").locator("body")).to_contain_text("กองคลังทดสอบ")
    year = field(page, "fiscal_year")
    year.fill("2025")
    expect(field(page, "fiscal_year", "m")).to_contain_text("ITA211")
    expect(field(page, "fiscal_year", "m")).to_contain_text("2568")
    expect(year).to_have_attribute("aria-invalid", "true")
    expect(page.locator("#problem-list")).to_contain_text("ITA211")
    expect(page.locator("#preview-stale")).to_be_visible()
    year.fill("2568")
    expect(field(page, "fiscal_year", "m")).to_be_empty()
    expect(page.locator("#preview-stale")).to_be_hidden()


def serious(page: Page) -> list[str]:
    results = Axe().run(page)
    return [f"{v['id']}: {v['help']}" for v in results.response["violations"]
            if v.get("impact") in ("serious", "critical")]


def test_an_officer_edits_saves_and_stops_the_editor(editor, browser):
    before = editor.path.read_text(encoding="utf-8")
    page = browser.new_page(viewport={"width": 1400, "height": 900})
    page.goto(editor.address)
    expect(page).to_have_url(re.compile(r"/$"))      # the token is gone from the address bar
    officer_edits(page)
    assert serious(page) == []
    page.keyboard.press("Control+s")
    expect(page.locator("#save-state")).to_have_text("บันทึกแล้ว")
    after = editor.path.read_text(encoding="utf-8")
    changed = [(a, b) for a, b in zip(before.splitlines(), after.splitlines(), strict=True) if a != b]
    assert changed == [("    owner: สำนักปลัด", "    owner: กองคลังทดสอบ")]
    expect(page.locator("#notice pre.diff")).to_contain_text("+    owner: กองคลังทดสอบ")

    # Another program changes the file: the page (no unsaved edits) shows the new version and says so.
    editor.path.write_text(after.replace("district: ชุมแพ", "district: ภูเวียง"), encoding="utf-8")
    expect(field(page, "agency.district")).to_have_value("ภูเวียง", timeout=10_000)
    expect(page.locator("#notice")).to_contain_text("แฟ้มถูกแก้จากโปรแกรมอื่น")
    page.close()
    code, stderr = editor.stop()
    assert code == 0 and "Traceback" not in stderr, stderr


def test_the_same_on_a_phone_400_px_wide(editor, browser):
    page = browser.new_page(viewport={"width": 400, "height": 800})
    page.goto(editor.address)
    officer_edits(page)
    assert page.evaluate("document.documentElement.scrollWidth") <= 400
    assert page.evaluate("document.body.scrollWidth") <= 400
    assert serious(page) == []
    page.close()


REVIEW = "\nreview:\n  - path: measures[1].owner\n    what: ตรวจผู้รับผิดชอบกับต้นฉบับ\n    source: สำนักปลัด/กองคลัง\n"


def test_an_officer_ticks_off_a_leftover_of_import_and_it_leaves_the_file(tmp_path, browser):
    editor = Editor(tmp_path, REVIEW)
    try:
        page = browser.new_page(viewport={"width": 1400, "height": 900})
        page.goto(editor.address)
        todo = page.locator("#todo-list li", has_text="ตรวจผู้รับผิดชอบกับต้นฉบับ")
        expect(todo).to_contain_text("(สำนักปลัด/กองคลัง)")
        if not page.locator("#todo-box").evaluate("box => box.open"):
            page.locator("#todo-box summary").click()      # the list starts folded when it is long
        todo.get_by_role("checkbox").click()        # ticked: the item leaves review: (and the list)
        expect(page.locator("#todo-list")).not_to_contain_text("ตรวจผู้รับผิดชอบกับต้นฉบับ")
        page.keyboard.press("Control+s")
        expect(page.locator("#save-state")).to_have_text("บันทึกแล้ว")
        assert editor.path.read_text(encoding="utf-8") == DATA.read_text(encoding="utf-8")   # as before the import
        expect(page.locator("#problem-list")).not_to_contain_text("ITA520")
        page.close()
    finally:
        code, stderr = editor.stop()
    assert code == 0 and "Traceback" not in stderr, stderr
