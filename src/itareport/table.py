"""The columns of a report's table and its rows' values: what the view draws and validation checks.

The columns are the kind's (kinds.KINDS; the plan's target column when some row fills it) or the
data's own `columns:` (widths defaulted by type and made shares of 1).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from pydantic import TypeAdapter, ValidationError

from .cells import parse_number
from .kinds import COLUMN_TYPES, TITLE_WIDTH, Col, kind_of
from .loader import Path_
from .model import Activity, Column, GroupedMeasure, MonthRange, Period, Report, Row, activities_of

_PERIOD: TypeAdapter[Any] = TypeAdapter(Period)


def table_columns(report: Report) -> list[Col]:
    """The columns of the report's table, headers as the registry writes them."""
    if report.columns is not None:
        return declared_columns(report.columns)
    kind = kind_of(report.kind)
    extra = kind.extra_column
    if extra is not None and any(value_of(row, extra.key) for row in table_rows(report)):
        return [Col(c.key, c.header, c.type, share, c.total)
                for c, share in zip((*kind.columns, extra), kind.extra_shares, strict=True)]
    return list(kind.columns)


def declared_columns(columns: list[Column]) -> list[Col]:
    """The data's `columns:`, widths defaulted by type and made shares of 1."""
    widths = [_width(c) for c in columns]
    whole = sum(widths) or 1.0
    return [Col(c.key, c.header, c.type, width / whole, c.total) for c, width in zip(columns, widths, strict=True)]


def _width(column: Column) -> float:
    value = parse_number(column.width) if column.width is not None else None
    if value is not None and value > 0:
        return float(value)
    return TITLE_WIDTH if column.key == "title" else COLUMN_TYPES.get(column.type, 1.0)


def table_rows(report: Report) -> list[Row]:
    """Every row of the table: the activities of each measure (a simple measure is its own row)."""
    return [row for measure in report.measures for row in activities_of(measure)]


def rows_with_paths(report: Report) -> Iterator[tuple[Path_, Row]]:
    """Every table row with its path in the data."""
    for i, measure in enumerate(report.measures):
        if isinstance(measure, GroupedMeasure):
            for j, activity in enumerate(activities_of(measure)):
                yield ("measures", i, "activities", j), activity
        else:
            yield ("measures", i), measure


def value_of(row: Row, key: str) -> Any:
    """A row's value of a column: a field of the model, or one of the agency's own keys."""
    if key in Activity.model_fields:
        return getattr(row, key)
    return (row.model_extra or {}).get(key)


def period_value(value: Any) -> MonthRange | str | None:
    """A period column's value (the model has read texts already) as 'fiscal-year' (or its Thai word) or a
    MonthRange; None when it is neither."""
    if isinstance(value, MonthRange):
        return value
    try:
        period: MonthRange | str = _PERIOD.validate_python(value)
    except ValidationError:
        return None
    return period
