"""Schema and semantic checks: every problem of a data file as a located Diagnostic."""

from __future__ import annotations

import difflib
import typing
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from . import codes
from .errors import DataError, Diagnostic, ItareportError
from .kinds import row_keys
from .kinds_check import check_kinds, fill_keys
from .loader import Loaded, iter_texts, load_file
from .messages import M_, Message, joined, verbatim
from .model import MESSAGE, READINGS, Activity, GroupedMeasure, MonthRange, PeriodReading, Report, activities_of
from .patterns import HTML_TAG
from .placeholders import placeholder_warnings
from .results import FileResult
from .thai import fiscal_year_bounds, to_arabic_digits
from .yaml_errors import quoted


@dataclass
class Checked:
    """The outcome of validation: the report when the schema accepted it, and every diagnostic."""

    loaded: Loaded
    report: Report | None
    diagnostics: list[Diagnostic]

    @property
    def ok(self) -> bool:
        return self.report is not None and not any(d.severity == "error" for d in self.diagnostics)


def validate_file(path) -> Checked:
    """Load and validate one data file (InputError when it cannot be read at all)."""
    try:
        loaded = load_file(path)
    except DataError as exc:  # undecodable: nothing to go on
        return Checked(Loaded(str(path), None), None, exc.diagnostics)
    return validate_loaded(loaded)


@dataclass(frozen=True)
class Valid:
    """A data file that passed: its report, its warnings and the text they come from (read once)."""

    report: Report
    diagnostics: list[Diagnostic]
    text: str


def load_valid(source: Path, strict: bool = False) -> Valid:
    """The validated report, its warnings and text; DataError with every diagnostic otherwise."""
    checked = validate_file(source)
    fatal = [d for d in checked.diagnostics if d.severity == "error" or strict]
    if not checked.ok or fatal or checked.report is None:
        raise DataError(checked.diagnostics)
    return Valid(checked.report, checked.diagnostics, checked.loaded.text)


def load_valid_report(source: Path, strict: bool = False) -> tuple[Report, list[Diagnostic]]:
    """The validated report and its warnings; DataError with every diagnostic otherwise."""
    valid = load_valid(source, strict)
    return valid.report, valid.diagnostics


def validate_files(paths: list[Path], strict: bool = False,
                   more: Callable[[Path], list[Diagnostic]] | None = None) -> Iterator[FileResult]:
    """Each file's result as it is checked; more(path) adds findings (lint) to a file that loaded."""
    for path in paths:
        try:
            checked = validate_file(path)
        except ItareportError as exc:
            yield FileResult(Path(path), error=exc.message)
            continue
        diagnostics = checked.diagnostics
        if more is not None and checked.loaded.data is not None:  # not when the file is not even UTF-8 YAML
            diagnostics = sorted(diagnostics + more(path), key=lambda d: (d.line, d.col))
        warned = any(d.severity == "warning" for d in diagnostics)
        yield FileResult(Path(path), diagnostics, checked.ok and not (strict and warned))


def validate_loaded(loaded: Loaded) -> Checked:
    diagnostics = list(loaded.diagnostics)
    report = None
    if loaded.data is not None:
        if not isinstance(loaded.data, dict):
            diagnostics.append(loaded.diagnostic("error", (), codes.message("ITA201", found=describe(loaded.data))))
        else:
            diagnostics.extend(_markup_warnings(loaded, loaded.data))
            diagnostics.extend(placeholder_warnings(loaded, loaded.data))
            readings: list[PeriodReading] = []
            try:
                report = Report.model_validate(loaded.data, context={READINGS: readings})
            except ValidationError as exc:
                diagnostics.extend(_schema_diagnostics(loaded, exc))
            if report is not None:
                diagnostics.extend(_semantic_diagnostics(loaded, report))
                diagnostics.extend(_christian_era_periods(loaded, readings))
    if any(d.severity == "error" for d in diagnostics):
        report = None
    diagnostics.sort(key=lambda d: (d.line, d.col))
    return Checked(loaded, report, _dedupe(diagnostics))


def _dedupe(diagnostics: list[Diagnostic]) -> list[Diagnostic]:
    seen, out = set(), []
    for d in diagnostics:
        if d not in seen:
            seen.add(d)
            out.append(d)
    return out


def describe(value: Any) -> Message:
    """What was found, for messages: 'a list', 'a mapping', "'2025-09'", 'nothing'."""
    if value is None:
        return M_("nothing (an empty value)")
    if isinstance(value, list):
        return M_("a list")
    if isinstance(value, dict):
        return M_("a mapping")
    text = str(value)
    if len(text) > 40:
        text = text[:37] + "..."
    return verbatim(repr(text))


# --- schema errors ---------------------------------------------------------

_EXPECTED = {
    "string_type": M_("expected text"),
    "list_type": M_("expected a list (lines starting with '- ')"),
    "model_type": M_("expected a mapping (lines of 'key: value')"),
    "model_attributes_type": M_("expected a mapping (lines of 'key: value')"),
    "dict_type": M_("expected a mapping (lines of 'key: value')"),
}


def _data_path(data: Any, loc: tuple) -> tuple:
    """The part of a pydantic loc that names real keys and indexes (drops union tags)."""
    path, node = [], data
    for part in loc:
        if (isinstance(node, dict) and part in node) or (
                isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node)):
            path.append(part)
            node = node[part]
        elif isinstance(node, dict) and isinstance(part, str) and part not in ("simple", "grouped", "word", "range",
                                                                                "declared"):
            path.append(part)  # a missing or unknown key
            node = None
    return tuple(path)


def _model_at(path: tuple, data: Any) -> type[BaseModel] | None:
    """The model class whose fields apply to the mapping at path."""
    cls: type[BaseModel] | None = Report
    pending, node = None, data
    for part in path:
        if isinstance(part, str):
            if pending is not None:
                cls = _inner_model(pending, node)
            field = _fields_by_alias(cls).get(part) if cls else None
            if field is None:
                return None
            pending = field.annotation
            node = node.get(part) if isinstance(node, dict) else None
        else:
            node = node[part] if isinstance(node, list) and 0 <= part < len(node) else None
    return _inner_model(pending, node) if pending is not None else cls


def _fields_by_alias(cls: type[BaseModel]) -> dict:
    return {(f.alias or name): f for name, f in cls.model_fields.items()}


def _inner_model(annotation: Any, node: Any) -> type[BaseModel] | None:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    if annotation is Activity or annotation is GroupedMeasure:
        return annotation
    candidates = [m for a in typing.get_args(annotation) if (m := _inner_model(a, node))]
    if GroupedMeasure in candidates and Activity in candidates:
        return GroupedMeasure if isinstance(node, dict) and "activities" in node else Activity
    return candidates[0] if candidates else None


def _schema_diagnostics(loaded: Loaded, exc: ValidationError) -> list[Diagnostic]:
    """A diagnostic for each pydantic error: the code of its type, our message (from the model's error
    context, untranslated) or one made here from what pydantic says."""
    out = []
    for err in exc.errors(include_url=False):
        path = _data_path(loaded.data, err["loc"])
        kind = err["type"]
        found = describe(err.get("input"))
        context = err.get("ctx") or {}
        if kind == "missing":
            message = codes.message("ITA202", key=path[-1])
        elif kind == "extra_forbidden":
            out.append(loaded.diagnostic("error", path, _unknown_key(loaded.data, path), key=True, code="ITA203"))
            continue
        elif kind in ("string_type", "list_type") and _text_as_mapping(loaded, path, err.get("input")):
            message = _quote_hint(path, err["input"], kind == "list_type")
        elif kind in _EXPECTED:
            message = codes.message("ITA204", expected=_EXPECTED[kind], found=found)
        elif kind == "literal_error" and path and path[-1] == "period" and isinstance(err.get("input"), str):
            message = _period_hint(loaded.data, err["input"])
        elif kind == "itareport_period" or (kind == "literal_error" and path and path[-1] == "period"):
            message = codes.message("ITA205", found=found)
        elif kind == "literal_error":
            choices = str(context["expected"]).split(" or ")
            message = codes.message("ITA206", expected=joined(choices, M_(" or ")), found=found)
        elif kind == "too_short":
            message = codes.message("ITA207")
        elif kind in ("itareport_empty", "itareport_reversed", "itareport_control"):
            message = context[MESSAGE]
        elif MESSAGE in context:   # our own errors: the message, what was found, a hint
            ours: Message = context[MESSAGE]
            message = M_("{message}, got {found}{hint}", message=ours, found=found, hint=context.get("hint", ""))
            out.append(loaded.diagnostic("error", path, message, code=ours.code))
            continue
        else:
            message = M_("{message}, got {found}{hint}", message=codes.message("ITA219", problem=err["msg"]),
                         found=found, hint="")
            out.append(loaded.diagnostic("error", path, message, code="ITA219"))
            continue
        out.append(loaded.diagnostic("error", path, message))
    return out


def _text_as_mapping(loaded: Loaded, path: tuple, value: Any) -> bool:
    """A mapping of one key meant as a text with ': ' in it ('- ติดตามผล: รายงานผู้บริหาร'), not '{a: b}'."""
    if not (isinstance(value, dict) and len(value) == 1 and all(isinstance(v, str) or v is None
                                                                 for v in value.values())):
        return False
    key_at = loaded.key_positions.get((*path, next(iter(value))))
    return key_at is not None and key_at == loaded.positions.get(path)   # a block mapping starts at its key


def _quote_hint(path: tuple, value: dict, in_list: bool) -> Message:
    [(key, rest)] = value.items()
    text = quoted(f"{key}: {rest}" if rest is not None else f"{key}:")
    written = f"- {text}" if in_list or (path and isinstance(path[-1], int)) else f"{path[-1]}: {text}"
    return codes.message("ITA290", fixed=written)


def _period_hint(data: Any, text: str) -> Message:
    try:
        first, last = fiscal_year_bounds(int(to_arabic_digits(str(data.get("fiscal_year"))).strip()))
    except ValueError:
        first, last = fiscal_year_bounds(2568)
    return codes.message("ITA291", text=describe(text), first=first, last=last)


def _unknown_key(data: Any, path: tuple) -> Message:
    key = path[-1]
    cls = _model_at(path[:-1], data)
    allowed = list(_fields_by_alias(cls)) if cls else []
    if cls is Activity:  # the keys of the document's kind
        allowed = row_keys(data.get("kind") if isinstance(data, dict) else None, None)
    message = codes.message("ITA203", key=key)
    if cls is GroupedMeasure and key in Activity.model_fields:
        return message + M_(": a measure with activities keeps steps, owner, period, results and outcomes "
                            "inside each activity")
    close = difflib.get_close_matches(str(key), allowed, n=1, cutoff=0.6)
    if close:
        message += M_(" (did you mean '{key}'?)", key=close[0])
    if allowed:
        message += M_("; expected one of: {keys}", keys=", ".join(allowed))
    return message


# --- warnings and cross-field checks ------------------------------------------

def _markup_warnings(loaded: Loaded, data: Any) -> list[Diagnostic]:
    """A warning for each text that holds an HTML tag or entity."""
    out = []
    for path, text in iter_texts(data):
        m = HTML_TAG.search(text) if ("<" in text or "&" in text) else None
        if m:
            out.append(loaded.diagnostic("warning", path, codes.message("ITA303", markup=repr(m.group()))))
    return out


def _semantic_diagnostics(loaded: Loaded, report: Report) -> list[Diagnostic]:
    out = check_kinds(loaded, report)
    first, last = fiscal_year_bounds(report.fiscal_year)
    for i, measure in enumerate(report.measures):
        grouped = isinstance(measure, GroupedMeasure)
        for j, activity in enumerate(activities_of(measure)):
            base = ("measures", i, "activities", j) if grouped else ("measures", i)
            if isinstance(activity.period, MonthRange):
                for key, ym in (("from", activity.period.start), ("to", activity.period.end)):
                    if not first <= ym <= last:
                        out.append(loaded.diagnostic("warning", (*base, "period", key), codes.message(
                            "ITA301", year=report.fiscal_year, first=first, last=last, found=ym)))
            for key in fill_keys(report):
                if not getattr(activity, key):
                    message = codes.message("ITA302", "results") if key == "results" else \
                        codes.message("ITA302", "outcomes") if key == "outcomes" else codes.message("ITA302", key=key)
                    out.append(loaded.diagnostic(
                        "warning", (*base, key) if key in _raw(loaded.data, base) else base, message))
    return out


def _christian_era_periods(loaded: Loaded, readings: list[PeriodReading]) -> list[Diagnostic]:
    """A warning for each period the model read from text with a Christian-era year (read as B.E.)."""
    out = []
    for reading in readings:
        if reading.read.converted_ce:
            value = reading.read.value
            read = f"{value['from']} to {value['to']}" if isinstance(value, dict) else str(value)
            out.append(loaded.diagnostic("warning", reading.path, codes.message(
                "ITA391", text=describe(reading.text), read=read)))
    return out


def _raw(data: Any, path: tuple) -> Any:
    for part in path:
        data = data[part]
    return data
