"""Adopting another agency's data file (`itareport new-year OTHER.yaml --to 2569 --agency "..."`):
the old agency's name replaced wherever the data's texts hold it (its place name too: นายกเทศมนตรี
ตำบลโคกสูงสัมพันธ์ → ...หนองแก), its district and province where new ones are given, its signers'
names and its web addresses cleared as leftovers to fill (review.py), and each change reported.

A function of the data as model.dump_report gives it (the data is changed in place): the caller
writes the file as new-year does.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from . import codes, placeholders
from .loader import Path_
from .messages import Message
from .patterns import WEB_ADDRESS
from .review import REVIEW, Leftover

# What a local government's name starts with: the rest is its place (เทศบาลตำบล + โคกสูงสัมพันธ์).
KINDS_OF_AGENCY = ("องค์การบริหารส่วนตำบล", "องค์การบริหารส่วนจังหวัด", "เทศบาลตำบล", "เทศบาลเมือง", "เทศบาลนคร",
                   "อบต.", "อบจ.", "ทต.", "ทม.", "ทน.")
# Web sites every agency links to (the NACC's, the Department of Local Administration's ...): kept.
SHARED_HOSTS = ("nacc.go.th", "dla.go.th", "opdc.go.th", "ocsc.go.th", "moi.go.th", "oag.go.th",
                "gprocurement.go.th", "ratchakitcha.soc.go.th", "egov.go.th", "data.go.th")


@dataclass(frozen=True)
class NewAgency:
    """The agency that takes the file over: its name, and its district and province when given."""

    name: str
    district: str | None = None
    province: str | None = None


@dataclass
class Adopted:
    """What adoption changed: a located note for each change, and the leftovers to fill in."""

    notes: list[tuple[Path_, Message]]
    leftovers: list[Leftover]


def _split(name: str) -> tuple[str, str]:
    """(kind of agency, place): 'เทศบาลตำบลโคกสูงสัมพันธ์' -> ('เทศบาลตำบล', 'โคกสูงสัมพันธ์'); ('', name) otherwise."""
    for kind in KINDS_OF_AGENCY:
        if name.startswith(kind) and len(name) > len(kind) + 1:
            return kind, name[len(kind):].strip()
    return "", name


def _shared(url: str) -> bool:
    host = re.sub(r"^(?:https?://)?", "", url.lower()).split("/")[0]
    return any(host == shared or host.endswith("." + shared) for shared in SHARED_HOSTS)


def _texts(node: Any, path: Path_ = ()) -> list[tuple[Any, Any, Path_]]:
    """(container, key, path) of every text in the data, agency and review: left out."""
    out = []
    items = node.items() if isinstance(node, dict) else enumerate(node) if isinstance(node, list) else ()
    for key, value in items:
        if path == () and key in ("agency", REVIEW):
            continue
        if isinstance(value, str):
            out.append((node, key, (*path, key)))
        else:
            out += _texts(value, (*path, key))
    return out


def adopt(data: dict[str, Any], new: NewAgency) -> Adopted:
    """The data taken over by the new agency (changed in place), and what was changed."""
    old = data["agency"]
    done = Adopted([], [])
    old_kind, old_place = _split(old["name"])
    new_kind, new_place = _split(new.name)
    pairs = {old["name"]: new.name}
    if old_kind and new_kind and old_place != new_place:
        pairs[old_place] = new_place
    for key, word in (("district", "อำเภอ"), ("province", "จังหวัด")):
        if getattr(new, key) and old.get(key) and old[key] != getattr(new, key):
            for prefix in (word, word[0] + "."):
                pairs[prefix + old[key]] = prefix + getattr(new, key)
                pairs[f"{prefix} {old[key]}"] = f"{prefix} {getattr(new, key)}"
    pattern = re.compile("|".join(re.escape(text) for text in sorted(pairs, key=len, reverse=True)))
    agency = {"name": new.name, "district": new.district or old.get("district"),
              "province": new.province or old.get("province")}
    data["agency"] = {key: value for key, value in agency.items() if value}
    for holder, key, path in _texts(data):
        text = holder[key]
        found = list(dict.fromkeys(pattern.findall(text)))
        if found:
            holder[key] = pattern.sub(lambda m: pairs[m.group()], text)
            for old_text in found:
                done.notes.append((path, codes.message("ITA307", old=old_text, new=pairs[old_text])))
            if old_kind != new_kind and old_place in text and old["name"] not in text:
                done.leftovers.append(Leftover(path, f"ชื่อ{old_place}ในข้อความนี้เปลี่ยนเป็น{new_place}แล้ว แต่หน่วยงานเดิม"
                                                     f"เป็น{old_kind} หน่วยงานใหม่เป็น{new_kind}: ตรวจคำนำหน้าและตำแหน่ง",
                                                     text))
        urls = [url for url in WEB_ADDRESS.findall(holder[key]) if not _shared(url)]
        for url in urls:
            holder[key] = holder[key].replace(url, placeholders.LINK)
            done.notes.append((path, codes.message("ITA308", "link", url=url)))
            done.leftovers.append(Leftover(path, "ที่อยู่เว็บไซต์ของหน่วยงานเดิมถูกลบ: ใส่ของหน่วยงานนี้", url))
    for i, signer in enumerate(data.get("signers") or []):
        path = ("signers", i, "name")
        done.notes.append((path, codes.message("ITA308", "signer", name=signer["name"])))
        done.leftovers.append(Leftover(path, "ผู้ลงนามของหน่วยงานเดิมถูกลบ: กรอกชื่อ-สกุลและตรวจตำแหน่งของผู้ลงนาม",
                                       signer["name"]))
        signer["name"] = placeholders.SIGNER
    return done
