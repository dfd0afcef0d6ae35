"""Schema and semantic checks: every problem of a data file as a located Diagnostic."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from . import codes
from .errors import DataError, Diagnostic, ItareportError
from .keynames import misspelt_missing, unknown_key
from .kinds_check import check_kinds, fill_keys
from .loader import Loaded, iter_texts, load_file
from .messages import M_, Message, joined, verbatim
from .model import MESSAGE, READINGS, GroupedMeasure, MonthRange, PeriodReading, Report, activities_of
from .patterns import HTML_TAG
from .placeholders import placeholder_warnings
from .results import FileResult
from .review import review_warnings
from .thai import YearMonth, current_fiscal_year, fiscal_year_bounds, to_arabic_digits
from .yaml_errors import quoted
from .years import Years, check_years, month_slip


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


def validate_loaded(loaded: Loaded, current_year: int | None = None) -> Checked:
    """Every problem of a loaded file; current_year: the current fiscal year (default: today's), which the
    file's years must be near (years.py)."""
    diagnostics = list(loaded.diagnostics)
    report = None
    current = current_year or current_fiscal_year()
    if loaded.data is not None:
        if not isinstance(loaded.data, dict):
            diagnostics.append(loaded.diagnostic("error", (), codes.message("ITA201", found=describe(loaded.data))))
        else:
            diagnostics.extend(_markup_warnings(loaded, loaded.data))
            diagnostics.extend(placeholder_warnings(loaded, loaded.data))
            diagnostics.extend(review_warnings(loaded))
            readings: list[PeriodReading] = []
            try:
                report = Report.model_validate(loaded.data, context={READINGS: readings})
            except ValidationError as exc:
                diagnostics.extend(_schema_diagnostics(loaded, exc, current))
            if report is not None:
                years = check_years(loaded, report, readings, current)
                diagnostics.extend(years.diagnostics)
                diagnostics.extend(_semantic_diagnostics(loaded, report, years))
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


def _schema_diagnostics(loaded: Loaded, exc: ValidationError, current: int) -> list[Diagnostic]:
    """A diagnostic for each pydantic error: the code of its type, our message (from the model's error
    context, untranslated) or one made here from what pydantic says. current: the current fiscal year."""
    out = []
    for err in exc.errors(include_url=False):
        path = _data_path(loaded.data, err["loc"])
        kind = err["type"]
        found = describe(err.get("input"))
        context = err.get("ctx") or {}
        if kind == "missing":   # one error when an unknown key written in its place means it (ower: for owner:)
            misspelt = misspelt_missing(loaded, path)
            if misspelt is not None:
                out.append(misspelt)
                continue
            message = codes.message("ITA202", key=path[-1])
        elif kind == "extra_forbidden":
            out.append(loaded.diagnostic("error", path, unknown_key(loaded.data, path), key=True, code="ITA203"))
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
        elif kind == "itareport_reversed":
            out.append(_reversed(loaded, path, context[MESSAGE], current))
            continue
        elif kind in ("itareport_empty", "itareport_control"):
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


def _written_fiscal_year(data: Any, default: int) -> int:
    """The fiscal year as the file writes it, before the schema read it (default when it is not a number)."""
    try:
        return int(to_arabic_digits(str(data.get("fiscal_year"))).strip())
    except ValueError:
        return default


def _period_hint(data: Any, text: str) -> Message:
    first, last = fiscal_year_bounds(_written_fiscal_year(data, 2568))
    return codes.message("ITA291", text=describe(text), first=first, last=last)


def _reversed(loaded: Loaded, path: tuple, message: Message, current: int) -> Diagnostic:
    """A period whose 'from' comes after its 'to' (ITA210, 'swap them?'), unless a mistyped year made it so:
    then that year is the problem (ITA215 at it, with the year meant)."""
    fiscal_year = _written_fiscal_year(loaded.data, current)
    for key, written in (("from", message.arguments()["s"]), ("to", message.arguments()["e"])):
        year, month = (int(part) for part in written.split("-"))
        slip = month_slip(YearMonth(year, month), written, fiscal_year, current)
        if slip is not None:
            return loaded.diagnostic("error", (*path, key), slip)
    return loaded.diagnostic("error", path, message)


# --- warnings and cross-field checks ------------------------------------------

def _markup_warnings(loaded: Loaded, data: Any) -> list[Diagnostic]:
    """A warning for each text that holds an HTML tag or entity."""
    out = []
    for path, text in iter_texts(data):
        m = HTML_TAG.search(text) if ("<" in text or "&" in text) else None
        if m:
            out.append(loaded.diagnostic("warning", path, codes.message("ITA303", markup=repr(m.group()))))
    return out


def _semantic_diagnostics(loaded: Loaded, report: Report, years: Years) -> list[Diagnostic]:
    """Kinds and columns, periods outside the fiscal year (unless a wrong year says it already), empty results."""
    out = check_kinds(loaded, report)
    first, last = fiscal_year_bounds(report.fiscal_year)
    for i, measure in enumerate(report.measures):
        grouped = isinstance(measure, GroupedMeasure)
        for j, activity in enumerate(activities_of(measure)):
            base = ("measures", i, "activities", j) if grouped else ("measures", i)
            if isinstance(activity.period, MonthRange):
                for key, ym in (("from", activity.period.start), ("to", activity.period.end)):
                    if not first <= ym <= last and not years.fiscal_year_wrong \
                            and (*base, "period", key) not in years.months:
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
