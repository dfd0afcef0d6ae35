"""itareport edit: how fast a change reaches the preview, how fast the page loads, how much memory the
server holds, side by side with `itareport build FILE -f html` as a new process (what an officer ran
before the editor existed: save, build, open).

    python benchmarks/editor.py            # the seed and 1,000 measures; medians of 15 (1,000: 5)
    python benchmarks/editor.py --quick    # the seed only, 3 runs
    python benchmarks/editor.py --strict   # exit 1 when a goal is missed

The server is a real `python -m itareport edit FILE --no-browser` process. A change: the data with one
owner changed, POSTed to /api/check as the page does after its debounce (300 ms), then the new preview
fetched (GET /preview): the time between the keystroke's debounce ending and the preview in hand.
Page load: Debian's Chromium (Playwright), from navigation to the preview drawn in the page. Memory:
the server's peak resident set (VmHWM) after the page loads and every change. Goals (issue 20):
preview <= 0.15 s (seed), <= 1.5 s (1,000 measures); page load <= 1 s; memory <= 120 MB.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx2 as httpx

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench import SEED, make_data
from itareport.thai import to_thai_digits

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]
GOALS = {"preview seed": 0.15, "preview 1000": 1.5, "page load": 1.0, "memory": 120.0}


def start(path: Path) -> tuple[subprocess.Popen, str]:
    process = subprocess.Popen([sys.executable, "-m", "itareport", "edit", str(path), "--no-browser"],
                               cwd=path.parent, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True,
                               env={**os.environ, "ITAREPORT_LANG": "th"})
    found = re.search(r"http://\S+", process.stdout.readline())
    if not found:
        process.kill()
        sys.exit("bench: itareport edit did not print its address")
    return process, found.group()


def peak_mb(pid: int) -> float:
    status = Path(f"/proc/{pid}/status").read_text()
    return int(re.search(r"VmHWM:\s+(\d+) kB", status).group(1)) / 1024


def preview_times(address: str, runs: int) -> list[float]:
    """Seconds from the POST of a changed owner to the new preview received, `runs` times."""
    base = address.split("/?")[0]
    with httpx.Client(base_url=base, headers={"origin": base}, follow_redirects=True, timeout=60) as client:
        client.get(address)
        data = client.get("/api/state").json()["data"]
        times = []
        for i in range(runs):
            first = data["measures"][0]
            row = first["activities"][0] if "activities" in first else first
            row["owner"] = f"กองคลัง {i}"
            began = time.perf_counter()
            checked = client.post("/api/check", content=json.dumps({"data": data}, ensure_ascii=False).encode(),
                                  headers={"content-type": "application/json"}).json()
            page = client.get(f"/preview?v={checked['preview']}").text
            times.append(time.perf_counter() - began)
            if to_thai_digits(f"กองคลัง {i}") not in page:
                sys.exit("bench: the preview did not show the change")
        return times


def page_load_times(address: str, runs: int) -> list[float]:
    """Seconds from navigation to the preview drawn, in Chromium (a new page each run)."""
    from playwright.sync_api import sync_playwright

    times = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        context = browser.new_context()
        context.new_page().goto(address)     # the token exchanged once, as the officer's browser does
        for _ in range(runs):
            page = context.new_page()
            began = time.perf_counter()
            page.goto(address.split("/?")[0] + "/")
            page.wait_for_selector("#preview[data-version]", state="attached")
            times.append(time.perf_counter() - began)
            page.close()
        browser.close()
    return times


def build_times(path: Path, runs: int) -> list[float]:
    times = []
    for _ in range(runs):
        began = time.perf_counter()
        subprocess.run([sys.executable, "-m", "itareport", "build", str(path), "-f", "html", "-o",
                        str(path.with_suffix(".html"))], check=True, capture_output=True)
        times.append(time.perf_counter() - began)
    return times


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--strict", action="store_true")
    args = parser.parse_args()
    rows, missed = [], []
    with tempfile.TemporaryDirectory() as tmp:
        seed = Path(tmp) / SEED.name
        seed.write_bytes(SEED.read_bytes())
        sizes = [("seed", seed, 3 if args.quick else 15)]
        if not args.quick:
            big = Path(tmp) / "measures_1000.yaml"
            make_data(1000, big)
            sizes.append(("1000", big, 5))
        for name, path, runs in sizes:
            process, address = start(path)
            try:
                loads = page_load_times(address, runs) if name == "seed" else []
                changes = preview_times(address, runs)
                memory = peak_mb(process.pid)
            finally:
                process.terminate()
                process.wait()
            builds = build_times(path, runs)
            rows.append((name, statistics.median(changes), statistics.median(builds),
                         statistics.median(loads) if loads else None, memory))
            if statistics.median(changes) > GOALS[f"preview {name}"]:
                missed.append(f"preview {name}")
            if loads and statistics.median(loads) > GOALS["page load"]:
                missed.append("page load")
            if name == "seed" and memory > GOALS["memory"]:
                missed.append("memory")
    print(f"{'file':<6} {'change -> preview':>18} {'build -f html (process)':>24} {'page load':>10} "
          f"{'server peak':>12}")
    for name, change, build, load, memory in rows:
        shown = f"{load:.3f} s" if load is not None else "-"
        print(f"{name:<6} {change:>16.3f} s {build:>22.3f} s {shown:>10} {memory:>9.0f} MB")
    print("goals: change -> preview <= 0.15 s (seed), <= 1.5 s (1,000); page load <= 1 s; server <= 120 MB (seed)")
    print("missed: " + (", ".join(missed) if missed else "none"))
    return 1 if missed and args.strict else 0


if __name__ == "__main__":
    sys.exit(main())
