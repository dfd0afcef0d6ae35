"""What is around the table: the title block and intro, the ITA results section, the signers, and
the workbook's sheet of values (each value with its place in the data file).

Signers: each signer's block (role lines, the '(ลงชื่อ)' line, '(name)', position lines, the date
line) goes back key by key: role, name, each position line, and the date (shared by every signer);
two signers never merge, as each is its own cell (Word) or its own run of lines (Excel).
"""

from __future__ import annotations

import re
from typing import Any

from ..cells import parse_number
from ..i18n import N_
from ..importer.labels import SIGN_LINE, clean
from ..loader import format_path
from ..model import Report
from ..render.xlsx import fact_rows
from ..update import ABSENT
from ..update.match import pair_items
from ..view import WEAKNESSES, View, final_text
from .back import FileStyle, normalized, revert_amount, revert_date, revert_text, same_text, strip_label
from .edits import SIGNERS_ADDED, SIGNERS_REMOVED, DataPath, Edits
from .table import revert_list

NO_SIGN_LINE = N_("signer {number}: no '(ลงชื่อ)' line, so the lines cannot be told apart; not kept: {text}")
SIGNER_KEPT = N_("signer {number} ({name}) was deleted in the document; kept in the data file (add --allow-delete "
                 "to remove)")
NOT_A_DATE = N_("the date line '{text}' is not a date such as 'วันที่ 15 เดือน ตุลาคม พ.ศ. 2568'; not kept")
TITLE_LINE = N_("the title line '{text}' is written by the document kind; the change was not kept")
UNKNOWN_PLACE = N_("'{place}' is not a place in the data file; '{text}' was not kept")
NO_PLACE = N_("text outside the report's places was not kept: {text}")

_PLACE = re.compile(r"([A-Za-z_][A-Za-z0-9_]*)|\[(\d+)\]|\.")
_YEAR = re.compile(r"[0-9]{4}")
_SCORE = re.compile(r"คะแนน\s*([0-9]+(?:\.[0-9]+)?)")
_LISTED = re.compile(r"\s*[0-9๐-๙]{1,3}[.)]\t")
FOLLOWING = ("intro", "weaknesses", "improvements")   # roles a paragraph added after one of them takes


def parse_place(text: str) -> DataPath | None:
    """'signers[1].position[2]' (as format_path writes it, 1-based) -> ('signers', 0, 'position', 1)."""
    out: list[str | int] = []
    pos = 0
    while pos < len(text):
        m = _PLACE.match(text, pos)
        if not m or m.end() == pos:
            return None
        if m.group(1):
            out.append(m.group(1))
        elif m.group(2):
            out.append(int(m.group(2)) - 1)
        pos = m.end()
    return tuple(out) if out and format_path(tuple(out)) == text else None


class AroundEdits:
    """The edits outside the table, applied to Edits."""

    def __init__(self, edits: Edits, report: Report, view: View, style: FileStyle, allow_delete: bool):
        self.edits, self.report, self.view, self.style = edits, report, view, style
        self.allow_delete = allow_delete
        self.digits = style.text_digits
        self.fmt = final_text(report.numerals)

    def text(self, path: DataPath, rendered: str, edited: str) -> None:
        orig = self.edits.get(path)
        self.edits.change(path, revert_text(None if orig is ABSENT else orig, rendered, edited, self.digits))

    # --- signers ----------------------------------------------------------------------------------

    def signers(self, blocks: list[list[str]], where: str) -> None:
        facts = self.view.facts
        if facts is None:
            return
        base = facts.signers
        date_done = False
        for i, block in enumerate(blocks):
            lines = [clean(line) for line in block if clean(line)]
            sign = next((k for k, line in enumerate(lines) if SIGN_LINE.match(line)), None)
            if sign is None or sign + 1 >= len(lines):
                self.edits.note(where, NO_SIGN_LINE, number=i + 1, text=" / ".join(lines)[:200])
                continue
            role = " ".join(lines[:sign])
            name = re.sub(r"^\((.*)\)$", r"\1", lines[sign + 1].strip()).strip()
            rest = lines[sign + 2:]
            date = rest.pop() if rest and rest[-1].startswith("วันที่") else None
            if i >= len(base):
                signer: dict[str, Any] = {"name": revert_text(None, "", name, self.digits),
                                          "position": [revert_text(None, "", p, self.digits) for p in rest]}
                if role:
                    signer = {"role": revert_text(None, "", role, self.digits), **signer}
                if not signer["position"]:
                    signer["position"] = "-"
                elif len(signer["position"]) == 1:
                    signer["position"] = signer["position"][0]
                self.edits.set(("signers", i), signer)
                self.edits.count(SIGNERS_ADDED)
            else:
                old = base[i]
                if role and not same_text(role, old.role or ""):
                    self.text(("signers", i, "role"), old.role or "", role)
                elif not role and old.role:
                    self.edits.change(("signers", i, "role"), ABSENT)
                self.text(("signers", i, "name"), old.name, name)
                path: DataPath = ("signers", i, "position")
                self.edits.change(path, revert_list(self.edits.get(path), old.position, rest, self.digits))
            if date is not None and not date_done and not same_text(date, facts.date_line or ""):
                date_done = self.date(date, where)
        if len(blocks) < len(base):
            self._removed(len(blocks), where)

    def _removed(self, count: int, where: str) -> None:
        facts = self.view.facts
        assert facts is not None
        if not self.allow_delete:
            for i in range(count, len(facts.signers)):
                self.edits.note(where, SIGNER_KEPT, number=i + 1, name=facts.signers[i].name)
            return
        signers = self.edits.get(("signers",))
        self.edits.count(SIGNERS_REMOVED, len(signers) - count)
        self.edits.set(("signers",), signers[:count])

    def date(self, edited: str, where: str) -> bool:
        facts = self.view.facts
        assert facts is not None
        orig = self.edits.get(("date",))
        try:
            new = revert_date(None if orig is ABSENT else orig, facts.date_line, edited, self.style.value_digits)
        except ValueError:
            self.edits.note(where, NOT_A_DATE, text=edited)
            return False
        self.edits.change(("date",), ABSENT if new is None else new)
        return True

    # --- the paragraphs above the table (Word) ------------------------------------------------------

    def before(self, edited: list[str], where: str) -> None:
        """Title lines (the agency's line), intro and the ITA results' lines and lists, matched to the base's:
        a paragraph added after one goes with it (another intro line, another weakness)."""
        view = self.view
        places: list[tuple[str, str]] = []   # (role, text as printed)
        if view.indicator_line:
            places.append(("indicator", view.indicator_line))
        places += [("title", line) for line in view.title_lines if line.strip()]
        places += [("intro", line) for line in view.intro_lines]
        if view.results is not None:
            places += [("heading", view.results.lines[0]), ("score", view.results.lines[1])]
            for heading, paras in view.results.lists:
                places.append(("list-heading", heading))
                places += [("weaknesses" if heading == WEAKNESSES else "improvements", p.text) for p in paras]
        texts = [strip_label(t) if _LISTED.match(t) else t.strip() for t in edited]
        pairs = {j: i for i, j in pair_items([normalized(t) for _r, t in places], [normalized(t) for t in texts])}
        found: dict[str, list[str]] = {}
        role: str | None = None
        for j, text in enumerate(texts):
            i = pairs.get(j)
            if i is not None:
                role = places[i][0]
                if role in ("title", "list-heading"):
                    if not same_text(text, places[i][1]):
                        self._title(places[i][1], text, where)
                    if role == "list-heading":   # its list is shown, even when every item was deleted
                        role = places[i + 1][0] if i + 1 < len(places) else role
                        found.setdefault(role, [])
                    continue
            elif role not in FOLLOWING:
                self.edits.note(where, NO_PLACE, text=text[:200])
                continue
            assert role is not None
            found.setdefault(role, []).append(text)
        for role_name, texts_of in found.items():
            printed = [t for r, t in places if r == role_name]
            if [normalized(t) for t in texts_of] != [normalized(t) for t in printed]:
                self._place(role_name, printed, texts_of)

    def _title(self, printed: str, edited: str, where: str) -> None:
        agency = self.report.agency
        line = self.fmt(agency.name + "".join(f" {w}{v}" for w, v in (("อำเภอ", agency.district),
                                                                          ("จังหวัด", agency.province)) if v))
        if not same_text(printed, line):
            self.edits.note(where, TITLE_LINE, text=edited)
            return
        parts = re.split(r"\s+(?=อำเภอ|จังหวัด)", edited.strip())
        values = {"name": parts[0]}
        for part in parts[1:]:
            key = "district" if part.startswith("อำเภอ") else "province"
            values[key] = part.removeprefix("อำเภอ" if key == "district" else "จังหวัด").strip()
        for key in ("name", "district", "province"):
            old = getattr(agency, key)
            if key in values:
                self.text(("agency", key), self.fmt(old) if old else "", values[key])

    def _place(self, role: str, printed: list[str], texts: list[str]) -> None:
        results = self.report.ita_results
        if role == "indicator" and texts:
            self.text(("ita_indicator",), printed[0] if printed else "", texts[0])
        elif role == "intro" and texts:
            self.text(("intro",), "\n".join(printed), "\n".join(texts))
        elif role == "heading" and results is not None and texts:
            year = _YEAR.search(normalized(texts[0]))
            shown = _YEAR.search(normalized(printed[0]))
            if year and shown and year.group() != shown.group():
                orig = self.edits.get(("ita_results", "fiscal_year"))
                self.edits.change(("ita_results", "fiscal_year"), revert_amount(
                    None if orig is ABSENT else orig, year.group(), False, self.style.value_digits))
        elif role == "score" and results is not None and texts:
            m = _SCORE.search(normalized(texts[0]))
            if m:
                self.edits.change(("ita_results", "score"), revert_amount(
                    results.score, m.group(1), False, self.style.value_digits))
        elif role in ("weaknesses", "improvements"):
            path: DataPath = ("ita_results", role)
            self.edits.change(path, revert_list(self.edits.get(path), printed, texts, self.digits))

    def indicators(self, rows: list[list[list[Any]]], where: str) -> None:
        """The ITA results' indicators table (Word): name and score of each row."""
        results = self.view.results
        if results is None or not results.rows:
            return
        for i, (cells, base) in enumerate(zip(rows, results.rows, strict=False)):
            name = " ".join(str(p) for p in cells[0] if str(p).strip()) if cells else ""
            score = " ".join(str(p) for p in cells[1] if str(p).strip()) if len(cells) > 1 else ""
            if name and not same_text(name, base.cells[0][0].text):
                self.text(("ita_results", "indicators", i, "name"), base.cells[0][0].text, name)
            path: DataPath = ("ita_results", "indicators", i, "score")
            if parse_number(score) != parse_number(base.cells[1][0].text):
                orig = self.edits.get(path)
                self.edits.change(path, revert_amount(None if orig is ABSENT else orig, score, False,
                                                      self.style.value_digits))

    # --- the workbook's sheet of values ------------------------------------------------------------------

    def facts(self, values: dict[str, Any], where: str) -> None:
        for label, shown, place in fact_rows(self.view):
            if place not in values:
                continue
            edited = values[place]
            path = parse_place(place)
            if path is None:
                continue
            orig = self.edits.get(path)
            orig_value = None if orig is ABSENT else orig
            if path in (("fiscal_year",), ("ita_results", "fiscal_year")) or path[-1] == "score":
                new = revert_amount(orig_value if orig_value is not None else shown, edited, False,
                                    self.style.value_digits)
                if parse_number(new) == parse_number(orig_value if orig_value is not None else shown):
                    continue
            elif path == ("date",):
                if same_text(str(edited or ""), str(shown or "")):
                    continue
                self.date(str(edited or ""), f"{where}: {label}")
                continue
            else:
                text = "" if edited is None else str(edited)
                if same_text(text, str(shown or "")):
                    continue
                new = revert_text(orig_value, str(shown or ""), text, self.digits) if text.strip() else ABSENT
            self.edits.change(path, new)
        known = {place for _label, _shown, place in fact_rows(self.view)}
        for place, value in values.items():
            if place not in known and value is not None and str(value).strip():
                self.edits.note(where, UNKNOWN_PLACE, place=place, text=str(value)[:100])
