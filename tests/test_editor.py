"""itareport edit, in-process (Starlette's test client): every route, every refusal of the guard,
checking as you type, saving as a minimal diff, changes on disk, building, the form from the schema."""

from __future__ import annotations

import copy
import json
import os
import re
import shutil
import socket
from pathlib import Path

import pytest
from starlette.testclient import TestClient

from helpers import DATA, VALID, run_cli
from itareport.editor.app import create_app
from itareport.editor.form import form_spec
from itareport.editor.problems import field_path
from itareport.editor.security import Keys
from itareport.editor.session import Session, Settings
from itareport.i18n import set_language
from itareport.loader import load_text
from itareport.model import Report

PORT = 8123
ORIGIN = f"http://127.0.0.1:{PORT}"
ROUTES = [("GET", "/"), ("GET", "/assets/editor.js"), ("GET", "/assets/editor.css"), ("GET", "/api/state"),
          ("POST", "/api/check"), ("POST", "/api/check-text"), ("POST", "/api/save"), ("POST", "/api/save-text"),
          ("POST", "/api/conflict"), ("POST", "/api/create"), ("POST", "/api/build"), ("GET", "/preview"),
          ("GET", "/output/measures_2568.html"), ("GET", "/events"), ("GET", "/favicon.ico")]


@pytest.fixture
def folder(tmp_path, monkeypatch) -> Path:
    shutil.copy(DATA, tmp_path / "measures_2568.yaml")
    monkeypatch.chdir(tmp_path)   # build writes where `itareport build FILE` would: the current folder
    set_language("en")
    return tmp_path


def make(path: Path, max_body: int | None = None) -> tuple[TestClient, Session, Keys]:
    session = Session(Settings(path, lint=False))
    keys = Keys(port=PORT)
    app = create_app(session, keys, watch=False, **({"max_body": max_body} if max_body else {}))
    return TestClient(app, base_url=ORIGIN, follow_redirects=False), session, keys


def signed_in(path: Path, **kwargs) -> tuple[TestClient, Session, Keys]:
    client, session, keys = make(path, **kwargs)
    answer = client.get(f"/?token={keys.token}")
    assert answer.status_code == 303 and answer.headers["location"] == "/"
    return client, session, keys


def post(client: TestClient, path: str, body: dict, origin: str = ORIGIN):
    return client.post(path, content=json.dumps(body, ensure_ascii=False).encode(),
                       headers={"origin": origin, "content-type": "application/json"})


# --- the guard ---------------------------------------------------------------------------------

def test_the_token_becomes_an_httponly_strict_cookie_and_nothing_answers_without_it(folder):
    client, _session, keys = make(folder / "measures_2568.yaml")
    for method, path in ROUTES:
        answer = client.request(method, path, headers={"origin": ORIGIN})
        assert answer.status_code == 403, (method, path)
    assert client.get("/?token=wrong").status_code == 403
    assert client.get(f"/api/state?token={keys.token}").status_code == 403   # exchanged at the page only
    answer = client.get(f"/?token={keys.token}")
    assert answer.status_code == 303 and answer.headers["location"] == "/"
    cookie = answer.headers["set-cookie"]
    assert cookie.startswith(f"itareport-edit-{PORT}={keys.cookie_value};")
    assert "HttpOnly" in cookie and "SameSite=Strict" in cookie and keys.token not in cookie
    assert client.get("/").status_code == 200
    client.cookies.clear()
    client.cookies.set(f"itareport-edit-{PORT}", "guessed")
    assert client.get("/").status_code == 403


def test_a_host_other_than_loopback_with_the_port_is_refused(folder):
    client, _session, _keys = signed_in(folder / "measures_2568.yaml")
    for host in ("evil.example", f"evil.example:{PORT}", "127.0.0.1", "127.0.0.1:9999", f"10.0.0.5:{PORT}"):
        assert client.get("/api/state", headers={"host": host}).status_code == 403, host
    for host in (f"127.0.0.1:{PORT}", f"localhost:{PORT}"):
        assert client.get("/api/state", headers={"host": host}).status_code == 200, host


def test_a_change_from_another_origin_or_none_is_refused(folder):
    client, _session, _keys = signed_in(folder / "measures_2568.yaml")
    data = client.get("/api/state").json()["data"]
    for origin in ("", "null", "http://evil.example", f"http://evil.example:{PORT}", f"https://127.0.0.1:{PORT}",
                   "http://127.0.0.1:9999"):
        headers = {"content-type": "application/json", **({"origin": origin} if origin else {})}
        answer = client.post("/api/check", content=json.dumps({"data": data}), headers=headers)
        assert answer.status_code == 403, origin
    assert post(client, "/api/check", {"data": data}).status_code == 200
    assert post(client, "/api/check", {"data": data}, f"http://localhost:{PORT}").status_code == 200


@pytest.mark.parametrize("path", [
    "/assets/../app.py", "/assets/%2e%2e/app.py", "/assets/%2e%2e%2fapp.py", "/assets/..%2f..%2fapp.py",
    "/assets/page.html", "/assets/%2Fetc%2Fpasswd", "//etc/passwd", "/output/measures_2568.yaml",
    "/output/..%2fmeasures_2568.yaml", "/output/%2e%2e%2f%2e%2e%2fetc%2fpasswd", "/output/%2Fetc%2Fpasswd",
    "/output/C:%5Cwindows%5Cwin.ini", "/measures_2568.yaml", "/data/measures_2568.yaml", "/api/../measures_2568.yaml",
])
def test_no_request_path_reaches_the_file_system(folder, path):
    client, _session, _keys = signed_in(folder / "measures_2568.yaml")
    answer = client.get(path)
    assert answer.status_code == 404, path
    assert b"version: 1" not in answer.content and b"root:" not in answer.content


def test_a_symlink_named_like_an_output_is_not_followed(folder, tmp_path_factory):
    secret = tmp_path_factory.mktemp("outside") / "secret.txt"
    secret.write_text("secret", encoding="utf-8")
    (folder / "measures_2568.html").symlink_to(secret)
    client, _session, _keys = signed_in(folder / "measures_2568.yaml")
    assert client.get("/output/measures_2568.html").status_code == 404


def test_request_bodies_are_capped(folder):
    client, _session, _keys = signed_in(folder / "measures_2568.yaml", max_body=2000)
    big = json.dumps({"data": {"intro": "ก" * 3000}}).encode()
    answer = client.post("/api/check", content=big, headers={"origin": ORIGIN, "content-type": "application/json"})
    assert answer.status_code == 413

    def chunks():  # no Content-Length: counted as it arrives
        for _ in range(10):
            yield b"x" * 500

    answer = client.post("/api/check", content=chunks(), headers={"origin": ORIGIN})
    assert answer.status_code == 413


def test_every_answer_has_a_strict_content_security_policy(folder):
    client, _session, _keys = signed_in(folder / "measures_2568.yaml")
    page = client.get("/")
    policy = page.headers["content-security-policy"]
    assert "default-src 'none'" in policy and "script-src 'self'" in policy and "unsafe" not in policy
    assert "frame-ancestors 'none'" in policy
    assert page.headers["x-content-type-options"] == "nosniff" and page.headers["cache-control"] == "no-store"
    scripts = re.findall(r"<script\b[^>]*>(.*?)</script>", page.text, re.S)
    assert scripts == [""]   # one script, from its file
    assert not re.search(r"\son[a-z]+=", page.text)   # no inline handlers either
    for path in ("/api/state", "/assets/editor.js"):
        assert "script-src 'self'" in client.get(path).headers["content-security-policy"]
    preview = client.get("/preview").headers["content-security-policy"]
    assert "sandbox" in preview and "script-src" not in preview and "default-src 'none'" in preview


# --- the page's data, checking, the preview -----------------------------------------------------

def test_state_gives_the_form_data_the_spec_and_the_words(folder):
    client, _session, _keys = signed_in(folder / "measures_2568.yaml")
    state = client.get("/api/state").json()
    assert state["mode"] == "form" and state["valid"] is True and state["read_only"] is False
    assert state["data"]["agency"]["name"] == "เทศบาลตำบลโคกสูงสัมพันธ์"
    assert state["spec"]["root"]["fields"][0]["key"] == "agency"
    assert state["words"]["save"] == "Save"
    assert any(t["kind"] == "leftover" and t["text"].startswith("ต้นฉบับ") for t in state["todo"])


def test_an_edit_changes_the_preview_and_a_mistake_keeps_the_last_valid_one(folder):
    client, _session, _keys = signed_in(folder / "measures_2568.yaml")
    state = client.get("/api/state").json()
    data = copy.deepcopy(state["data"])
    data["measures"][0]["owner"] = "กองคลังทดสอบ"
    checked = post(client, "/api/check", {"data": data}).json()
    assert checked["valid"] and checked["problems"] == [] and checked["preview"] > state["preview"]
    assert "กองคลังทดสอบ" in client.get("/preview").text
    data["fiscal_year"] = "2025"
    wrong = post(client, "/api/check", {"data": data}).json()
    assert not wrong["valid"] and wrong["preview"] == checked["preview"]
    [problem] = wrong["problems"]
    assert (problem["field"], problem["code"], problem["severity"]) == ("fiscal_year", "ITA211", "error")
    assert "did you mean 2568" in problem["message"]
    assert "กองคลังทดสอบ" in client.get("/preview").text   # the last valid preview, still shown


def test_problems_go_to_their_fields(folder):
    assert field_path("measures[3].period.to") == ["measures", 2, "period", "to"]
    assert field_path("measures[2].activities[1].steps[4]") == ["measures", 1, "activities", 0, "steps", 3]
    client, _session, _keys = signed_in(folder / "measures_2568.yaml")
    data = client.get("/api/state").json()["data"]
    data["measures"][2]["period"] = {"from": "2567-10", "to": "2569-02"}
    problems = post(client, "/api/check", {"data": data}).json()["problems"]
    assert [(p["field"], p["code"], p["severity"]) for p in problems] == [("measures.2.period.to", "ITA301", "warning")]
    data["measures"][0]["ownr"] = "x"
    problems = post(client, "/api/check", {"data": data}).json()["problems"]
    assert [(p["field"], p["code"]) for p in problems] == [("measures.0.ownr", "ITA203")]
    assert "did you mean 'owner'" in problems[0]["message"]


def test_a_file_with_yaml_errors_opens_as_text_and_its_fixed_text_is_saved(folder):
    path = folder / "broken.yaml"
    path.write_text(VALID.replace("owner: สำนักปลัด", "owner: สำนักปลัด: กองคลัง"), encoding="utf-8")
    client, _session, _keys = signed_in(path)
    state = client.get("/api/state").json()
    assert state["mode"] == "text" and "data" not in state
    [problem] = state["problems"]
    assert problem["line"] == 9 and problem["code"].startswith("ITA1")
    assert post(client, "/api/check-text", {"text": VALID}).json()["mode"] == "form"
    saved = post(client, "/api/save-text", {"text": VALID, "version": state["version"]}).json()
    assert saved["mode"] == "form" and path.read_text(encoding="utf-8") == VALID


def test_a_missing_file_is_made_from_a_starter(folder):
    path = folder / "data" / "measures_2569.yaml"
    client, _session, _keys = signed_in(path)
    state = client.get("/api/state").json()
    assert state["mode"] == "missing" and "measures-plan" in state["kinds"]
    refused = post(client, "/api/create", {"kind": "measures-report", "agency": "", "year": "2025"})
    assert refused.status_code == 400 and "2568" in refused.json()["message"] and not path.exists()
    made = post(client, "/api/create", {"kind": "measures-plan", "agency": "เทศบาลตำบลทดสอบ", "year": "๒๕๖๙"}).json()
    assert made["mode"] == "form" and made["data"]["kind"] == "measures-plan"
    assert load_text(path.read_text(encoding="utf-8")).data["agency"]["name"] == "เทศบาลตำบลทดสอบ"


# --- saving ------------------------------------------------------------------------------------------

def changed_lines(diff: str) -> tuple[list[str], list[str]]:
    lines = [line for line in diff.splitlines() if not line.startswith(("---", "+++"))]
    return [line for line in lines if line.startswith("-")], [line for line in lines if line.startswith("+")]


def editing(folder: Path) -> tuple[Path, str, TestClient, dict]:
    """The shipped file opened in the editor: its path, its text, the client, the page's state."""
    path = folder / "measures_2568.yaml"
    before = path.read_text(encoding="utf-8")
    client, _session, _keys = signed_in(path)
    return path, before, client, client.get("/api/state").json()


def test_saving_one_owner_changes_one_line_and_keeps_every_comment(folder):
    path, before, client, state = editing(folder)
    data = state["data"]
    data["measures"][2]["owner"] = "กองคลัง"
    saved = post(client, "/api/save", {"data": data, "version": state["version"]})
    assert saved.status_code == 200
    after = path.read_text(encoding="utf-8")
    removed, added = changed_lines(saved.json()["diff"])
    assert removed == ["-    owner: สำนักปลัด"] and added == ["+    owner: กองคลัง"]
    old, new = before.splitlines(), after.splitlines()
    assert len(old) == len(new) and sum(a != b for a, b in zip(old, new, strict=True)) == 1
    assert [line for line in new if line.lstrip().startswith("#")] == [line for line in old if line.lstrip().startswith("#")]
    assert load_text(after).data == data


def test_a_new_measure_adds_only_its_lines(folder):
    path, before, client, state = editing(folder)
    data = state["data"]
    data["measures"].append({"title": "มาตรการใหม่", "steps": ["ขั้นตอนแรก"], "owner": "กองช่าง",
                             "period": "fiscal-year", "results": ["ดำเนินการแล้ว"], "outcomes": ["ดีขึ้น"]})
    saved = post(client, "/api/save", {"data": data, "version": state["version"]}).json()
    removed, added = changed_lines(saved["diff"])
    assert removed == [] and any("มาตรการใหม่" in line for line in added)
    after = path.read_text(encoding="utf-8")
    assert load_text(after).data == data
    kept = iter(after.splitlines())
    assert all(line in kept for line in before.splitlines())   # every old line, in order


def test_a_change_on_disk_is_never_overwritten_silently(folder):
    path = folder / "measures_2568.yaml"
    client, session, _keys = signed_in(path)
    state = client.get("/api/state").json()
    theirs = path.read_text(encoding="utf-8").replace("district: ชุมแพ", "district: ภูเวียง")
    path.write_text(theirs, encoding="utf-8")     # VS Code, git pull
    assert session.changed_on_disk()["data"]["agency"]["district"] == "ภูเวียง"
    ours = state["data"]
    ours["measures"][0]["owner"] = "กองคลัง"
    answer = post(client, "/api/save", {"data": ours, "version": state["version"]})
    assert answer.status_code == 409 and path.read_text(encoding="utf-8") == theirs
    conflict = answer.json()
    assert conflict["disk"]["data"]["agency"]["district"] == "ภูเวียง"
    assert "+    owner: กองคลัง" in conflict["diff"] and "-  district: ภูเวียง" in conflict["diff"]
    merged = conflict["merged"]     # different places: both kept
    assert merged["agency"]["district"] == "ภูเวียง" and merged["measures"][0]["owner"] == "กองคลัง"
    saved = post(client, "/api/save", {"data": merged, "version": conflict["disk"]["version"]})
    assert saved.status_code == 200
    assert load_text(path.read_text(encoding="utf-8")).data == merged


def test_a_read_only_file_is_not_saved_and_says_so(folder):
    path = folder / "measures_2568.yaml"
    client, _session, _keys = signed_in(path)
    state = client.get("/api/state").json()
    before = path.read_bytes()
    path.chmod(0o444)
    try:
        assert client.get("/api/state").json()["read_only"] is True
        state["data"]["measures"][0]["owner"] = "กองคลัง"
        answer = post(client, "/api/save", {"data": state["data"], "version": state["version"]})
        assert answer.status_code == 400 and "read-only" in answer.json()["message"]
        assert path.read_bytes() == before
        answer = post(client, "/api/save-text", {"text": VALID, "version": state["version"]})
        assert answer.status_code == 423 and "read-only" in answer.json()["message"]
        assert path.read_bytes() == before
    finally:
        path.chmod(0o644)


# --- building -----------------------------------------------------------------------------------------

def test_the_build_buttons_write_what_build_writes(folder, tmp_path_factory):
    client, _session, _keys = signed_in(folder / "measures_2568.yaml")
    for fmt in ("html", "md", "docx"):
        result = post(client, "/api/build", {"format": fmt}).json()
        assert result["ok"] and result["outputs"] == [f"measures_2568.{fmt}"], result
    reference = tmp_path_factory.mktemp("cli")
    assert run_cli("build", folder / "measures_2568.yaml", "-f", "html,md,docx", cwd=reference).returncode == 0
    for fmt in ("html", "md", "docx"):
        assert (folder / f"measures_2568.{fmt}").read_bytes() == (reference / f"measures_2568.{fmt}").read_bytes()
    page = client.get("/output/measures_2568.html")
    assert page.status_code == 200 and "sandbox" in page.headers["content-security-policy"]
    word = client.get("/output/measures_2568.docx")
    assert word.status_code == 200 and "attachment" in word.headers["content-disposition"]
    assert post(client, "/api/build", {"format": "exe"}).status_code == 400


def test_building_an_invalid_file_reports_its_problems(folder):
    path = folder / "bad.yaml"
    path.write_text(VALID.replace("2568", "2025", 1), encoding="utf-8")
    client, _session, _keys = signed_in(path)
    result = post(client, "/api/build", {"format": "html"}).json()
    assert not result["ok"] and result["problems"][0]["code"] == "ITA211" and not (folder / "bad.html").exists()


# --- the command ------------------------------------------------------------------------------------

def test_a_port_in_use_and_a_remote_host_are_refused_with_exit_2(folder):
    taken = socket.socket()
    taken.bind(("127.0.0.1", 0))
    taken.listen(1)
    try:
        result = run_cli("edit", "measures_2568.yaml", "--no-browser", "--port", str(taken.getsockname()[1]),
                         cwd=folder)
    finally:
        taken.close()
    assert result.returncode == 2 and "already in use" in result.stderr
    result = run_cli("edit", "measures_2568.yaml", "--no-browser", "--host", "0.0.0.0", cwd=folder)
    assert result.returncode == 2 and "--allow-remote" in result.stderr
    (folder / "data").mkdir()
    for name in ("a.yaml", "b.yaml"):
        (folder / "data" / name).write_text(VALID, encoding="utf-8")
    result = run_cli("edit", "--no-browser", cwd=folder)
    assert result.returncode == 2 and "data/a.yaml, data/b.yaml" in result.stderr and "using" not in result.stderr


# --- the form comes from the model's schema ---------------------------------------------------------

def test_a_field_added_to_the_model_appears_in_the_form():
    schema = copy.deepcopy(Report.model_json_schema(by_alias=True))
    schema["$defs"]["Agency"]["properties"]["phone"] = {
        "anyOf": [{"type": "string"}, {"type": "null"}], "default": None,
        "description": "telephone number / หมายเลขโทรศัพท์"}
    schema["properties"]["approved"] = {"type": "boolean", "default": False,
                                        "description": "approved by the mayor / นายกเทศมนตรีเห็นชอบแล้ว"}
    set_language("th")
    try:
        root = form_spec(schema)["root"]
    finally:
        set_language("en")
    agency = next(f for f in root["fields"] if f["key"] == "agency")
    phone = next(f for f in agency["fields"] if f["key"] == "phone")
    assert phone["type"] == "text" and phone["label"] == "หมายเลขโทรศัพท์" and phone.get("optional")
    approved = next(f for f in root["fields"] if f["key"] == "approved")
    assert approved["type"] == "bool" and approved["label"] == "นายกเทศมนตรีเห็นชอบแล้ว"


def test_labels_are_thai_from_the_descriptions_and_never_yaml_words():
    set_language("th")
    try:
        spec = form_spec()
    finally:
        set_language("en")

    def labels(node):
        yield node.get("label", "")
        for child in node.get("fields", []):
            yield from labels(child)
        if "item" in node:
            yield from labels(node["item"])
        for option in node.get("options", []):
            yield option.get("label", "")
            if "node" in option:
                yield from labels(option["node"])

    found = [label for label in labels(spec["root"]) if label]
    assert "ชื่อหน่วยงาน" in found and "ผู้รับผิดชอบ" in found and "เดือนเริ่ม" in found
    assert "ตลอดปีงบประมาณ" in found and "ช่วงเดือน" in found
    for label in found:
        assert not re.search(r"[{}:_]|YYYY|fiscal-year|\bkey\b", label), label
    measures = next(f for f in spec["root"]["fields"] if f["key"] == "measures")
    assert measures["item"]["label"] == "มาตรการ"
    assert spec["row_keys"]["measures-plan"] == ["title", "details", "steps", "owner", "period", "target"]
    assert spec["columns"]["money"]["type"] == "number" and spec["columns"]["status"]["type"] == "choice"


def test_the_page_assets_stay_small_and_free_of_inline_code():
    assets = Path(__file__).resolve().parents[1] / "src" / "itareport" / "editor" / "assets"
    page = (assets / "page.html").read_text(encoding="utf-8")
    assert "<script src=\"/assets/editor.js\"" in page and "style=" not in page
    assert os.path.getsize(assets / "editor.js") < 60_000


def test_with_lint_thai_typos_show_at_their_fields_too(folder):
    session = Session(Settings(folder / "measures_2568.yaml", lint=True))
    data = session.state()["data"]
    data["measures"][0]["owner"] = "การป้องกันการทุจจริต"
    codes = {(p["field"], p["code"]) for p in session.check(data)["problems"]}
    assert ("measures.0.owner", "ITA401") in codes, codes
