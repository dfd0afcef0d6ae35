"""The web page: http(s) addresses as links (nothing else), cards on narrow screens, no horizontal
scroll at 400 px; checked in headless Chromium, with screenshots kept for a person to look at."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

from helpers import chromium, write_data
from itareport.build import BuildOptions, build_file
from itareport.render.html import linkify

URL = "https://www.example.go.th/ita/o26?year=2568&a=1"


@pytest.mark.parametrize("text, html", [
    (f"ดูที่ {URL}.", f'ดูที่ <a href="{URL.replace("&", "&amp;")}" rel="noopener">'
                     f'{URL.replace("&", "&amp;")}</a>.'),
    ("http://a.go.th/x_(y)", '<a href="http://a.go.th/x_(y)" rel="noopener">http://a.go.th/x_(y)</a>'),
    ("(http://a.go.th)", '(<a href="http://a.go.th" rel="noopener">http://a.go.th</a>)'),
    ("http://a.go.thเว็บไซต์", '<a href="http://a.go.th" rel="noopener">http://a.go.th</a>เว็บไซต์'),
    ("javascript:alert(1)", "javascript:alert(1)"),
    ("<script>x</script> ftp://a.b mailto:a@b.c data:text/html,x",
     "&lt;script&gt;x&lt;/script&gt; ftp://a.b mailto:a@b.c data:text/html,x"),
    ('http://a.b/"onmouseover="x', '<a href="http://a.b/" rel="noopener">http://a.b/</a>&#34;onmouseover=&#34;x'),
])
def test_linkify(text, html):
    assert str(linkify(text)) == html


def _change(data):
    data["measures"][0]["results"].append(f"เผยแพร่ที่ {URL} และ javascript:alert(1) มีผู้เข้าร่วม 45 คน")
    data["signers"] = [{"name": "นายสมชาย ใจดี", "position": "ปลัดเทศบาล", "role": "ผู้รายงาน"},
                       {"name": "นายสมศักดิ์ รักไทย", "position": ["ปลัดองค์การบริหารส่วนตำบลโคกสูง",
                                                               "รักษาราชการแทนนายกเทศมนตรีตำบลโคกสูงสัมพันธ์"]}]
    data["show_indicator"] = True


@pytest.fixture(scope="module")
def page(tmp_path_factory):
    work = tmp_path_factory.mktemp("html")
    source = write_data(work / "page.yaml", _change)
    build_file(source, BuildOptions(output=work / "page.html", formats=("html",)))
    return work / "page.html"


def test_links_only_for_http_and_https(page):
    text = page.read_text(encoding="utf-8")
    hrefs = re.findall(r'<a href="([^"]*)" rel="noopener">', text)
    assert hrefs == [URL.replace("&", "&amp;")]
    assert len(re.findall(r"<a\b", text)) == 1
    assert "javascript:alert(๑)" in text and 'href="javascript' not in text


def test_cells_carry_their_column_header(page):
    text = page.read_text(encoding="utf-8")
    assert text.count('data-label="ผู้รับผิดชอบ"') == 7
    assert '<p class="indicator">O26</p>' in text


# Chromium's window is never narrower than 500 px: the page is measured in a 400 px wide iframe
# (srcdoc: same origin, so the outer page can read it) and the result put into the dumped DOM.
PROBE = """<!DOCTYPE html><html><body style="margin:0">
<iframe id="f" style="width:{width}px;height:900px;border:0" srcdoc="{page}"></iframe>
<script>
addEventListener("load", () => {{
  const w = document.getElementById("f").contentWindow, d = w.document;
  const cell = d.querySelector("tbody td"), row = d.querySelector("tbody tr");
  document.body.dataset.probe = JSON.stringify({{
    scrollWidth: d.documentElement.scrollWidth, innerWidth: w.innerWidth,
    row: w.getComputedStyle(row).display, label: w.getComputedStyle(cell, "::before").content,
    head: w.getComputedStyle(d.querySelector("thead")).display,
    signers: w.getComputedStyle(d.querySelector(".signature")).gridTemplateColumns.split(" ").length}});
}});
</script></body></html>"""


def probe(page: Path, width: int) -> dict:
    from html import escape

    probed = page.with_name(f"probe-{width}.html")
    probed.write_text(PROBE.format(width=width, page=escape(page.read_text(encoding="utf-8"))), encoding="utf-8")
    dom = chromium(probed, max(width, 600) + 20, "--dump-dom")
    found = re.search(r'data-probe="([^"]*)"', dom)
    assert found, dom[-500:]
    return json.loads(found.group(1).replace("&quot;", '"'))


def test_400px_cards_without_horizontal_scroll(page):
    found = probe(page, 400)
    assert found["scrollWidth"] <= found["innerWidth"] == 400, found
    assert found["row"] == "block" and found["head"] == "none" and found["label"] == '"มาตรการ/แนวทาง"'
    assert found["signers"] == 1


def test_1400px_keeps_the_table(page):
    found = probe(page, 1400)
    assert found["row"] == "table-row" and found["head"] == "table-header-group" and found["label"] == "none"
    assert found["signers"] == 2 and found["scrollWidth"] <= 1400


@pytest.mark.parametrize("width, height", [(400, 2600), (1400, 1200)])
def test_screenshots(page, width, height):
    """Screenshots to look at (kept in the test's folder; ITAREPORT_SCREENSHOTS=DIR copies them there)."""
    import os

    shot = page.with_name(f"page-{width}.png")
    chromium(page, width, f"--screenshot={shot}", height=height)
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and shot.stat().st_size > 10_000
    if os.environ.get("ITAREPORT_SCREENSHOTS"):
        shutil.copy(shot, Path(os.environ["ITAREPORT_SCREENSHOTS"]) / shot.name)
