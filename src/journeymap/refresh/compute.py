"""Rows of a CSV export -> the numbers a journey map shows.

Arithmetic is done in Decimal so that sums of cents stay exact and rounding is the
half-up rounding people do by hand and spreadsheets do (NPS 12.5 is 13, not Python's
round-half-to-even 12). The rules, with worked examples, are in docs/refresh.md.

Exact, not 28 digits: a cell may hold at most `MAX_WHOLE_DIGITS` digits before the
decimal point (what a spreadsheet keeps) and `MAX_DIGITS` digits in all (as the YAML
reader's integers), else it is a positioned error; the arithmetic runs in a context of
`PRECISION` digits, enough for the exact sum of every row a file within the size limit
can hold, and for rounding a mean of them to its places.
"""

from __future__ import annotations

import difflib
import re
import statistics
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from decimal import (
    ROUND_HALF_EVEN,
    ROUND_HALF_UP,
    Context,
    Decimal,
    DivisionByZero,
    InvalidOperation,
    Overflow,
    localcontext,
)

from journeymap.refresh.csvread import Row, Table, excerpt
from journeymap.refresh.sources import FunnelSource, MetricCompute, MetricSource

_NUMBER = re.compile(r"[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)")
_DECIMAL_COMMA = re.compile(r"[+-]?[0-9]+,[0-9]+")
_ISO_DAY = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_ISO_TIME = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}[T ].+")

SCALES: dict[str, tuple[int, int]] = {"nps": (0, 10), "csat": (1, 5)}
PLACES: dict[str, Decimal] = {
    "nps": Decimal(1),
    "csat": Decimal("0.1"),
    "ces": Decimal("0.01"),
    "mean": Decimal("0.01"),
    "median": Decimal("0.01"),
}


MAX_WHOLE_DIGITS = 15  # Excel, LibreOffice and Google Sheets keep 15 significant digits
MAX_DIGITS = 40  # the YAML reader refuses integers longer than this
# digits of an exact sum: the whole digits, 9 more for up to 10^9 rows (a 20 MiB file
# holds far fewer), every fractional digit a cell may have, and room to round a mean
PRECISION = MAX_WHOLE_DIGITS + 9 + MAX_DIGITS + 6
EXACT = Context(
    prec=PRECISION,
    rounding=ROUND_HALF_EVEN,
    traps=[InvalidOperation, DivisionByZero, Overflow],
)


class NoData(Exception):
    """No row gave a number to compute from; the caller says where the entry is."""


@dataclass(frozen=True)
class MetricResult:
    value: Decimal
    as_of: date | None  # the latest date among the rows used, with a date_column
    used: int  # how many rows the value was computed from


@dataclass(frozen=True)
class FunnelStep:
    touchpoint: str
    entered: int
    continued: int


# --- cells ---------------------------------------------------------------------------------


def parse_number(text: str, *, decimal_comma: bool) -> Decimal | None:
    """A plain decimal number (`4`, `-2.5`, `.5`); `4,5` too in a semicolon file."""
    if _NUMBER.fullmatch(text):
        return Decimal(text)
    if decimal_comma and _DECIMAL_COMMA.fullmatch(text):
        return Decimal(text.replace(",", "."))
    return None


def parse_day(text: str) -> date | None:
    """An ISO date (2026-09-30) or ISO datetime (2026-09-30T14:05:00Z): its calendar day
    as written, without converting time zones."""
    try:
        if _ISO_DAY.fullmatch(text):
            return date.fromisoformat(text)
        if _ISO_TIME.fullmatch(text):
            return datetime.fromisoformat(text).date()
    except ValueError:
        return None
    return None


def _number(table: Table, row: Row, index: int, column: str) -> Decimal | None:
    text = table.cell(row, index)
    if not text:
        return None
    value = parse_number(text, decimal_comma=table.delimiter == ";")
    if value is None:
        raise table.error(
            row,
            index,
            "data-value",
            f"{excerpt(text)} is not a number in column {column}",
            "blank cells are skipped; fix the cell, or leave rows out with `where:`",
        )
    too_long = _too_long(text, value, column)
    if too_long is not None:
        raise table.error(row, index, "data-value", *too_long)
    return value


def _too_long(text: str, value: Decimal, column: str) -> tuple[str, str] | None:
    """(message, hint) for a number past what journeymap computes with exactly."""
    shown = text if len(text) <= 30 else f"{text[:27]}..."
    whole = value.adjusted() + 1  # digits before the point, leading zeros not counted
    if whole > MAX_WHOLE_DIGITS:
        return (
            f"{shown!r} in column {column} has {whole} digits before the decimal point; "
            f"journeymap computes with at most {MAX_WHOLE_DIGITS}",
            f"spreadsheets keep {MAX_WHOLE_DIGITS} significant digits, so no metric needs "
            "more; is this the right column (an id, a phone number)?",
        )
    digits = sum(c.isdigit() for c in text)
    if digits > MAX_DIGITS:
        return (
            f"{shown!r} in column {column} has {digits} digits; journeymap reads numbers "
            f"of at most {MAX_DIGITS}",
            "round it in the export; the map shows at most two decimal places",
        )
    return None


def _answer(table: Table, row: Row, index: int, column: str, compute: str) -> Decimal | None:
    """A number that must be a whole answer on the scale of an NPS or CSAT question."""
    value = _number(table, row, index, column)
    if value is None or compute not in SCALES:
        return value
    low, high = SCALES[compute]
    article = "an" if compute == "nps" else "a"
    if value != value.to_integral_value() or not low <= value <= high:
        raise table.error(
            row,
            index,
            "data-value",
            f"{excerpt(table.cell(row, index))} in column {column} is not {article} {compute.upper()} answer "
            f"(a whole number from {low} to {high})",
            f"{compute.upper()} answers are {low}-{high}; is this the right column?",
        )
    return value


def _day(table: Table, row: Row, index: int, column: str) -> date | None:
    text = table.cell(row, index)
    if not text:
        return None
    day = parse_day(text)
    if day is None:
        raise table.error(
            row,
            index,
            "data-value",
            f"{excerpt(text)} is not an ISO date in column {column}",
            "dates are read as YYYY-MM-DD or YYYY-MM-DDTHH:MM:SS; "
            "export them that way (14/09/2026 could be two different days)",
        )
    return day


# --- rows ----------------------------------------------------------------------------------


def selected_rows(table: Table, where: dict[str, str], named_by: str) -> list[Row]:
    """The rows whose cells equal every `where:` value (compared as text, spaces trimmed)."""
    tests = [(table.index(column, named_by), value.strip()) for column, value in where.items()]
    return [row for row in table.rows if all(table.cell(row, i) == v for i, v in tests)]


# --- the computations ---------------------------------------------------------------------


def aggregate(compute: MetricCompute, values: Sequence[Decimal]) -> Decimal:
    """The number one computation makes of a list of values, rounded as documented;
    exact up to that rounding (see `EXACT`)."""
    with localcontext(EXACT):
        return _aggregate(compute, values)


def _aggregate(compute: MetricCompute, values: Sequence[Decimal]) -> Decimal:
    n = len(values)
    if compute == "count":
        return Decimal(n)
    if compute == "sum":
        return sum(values, Decimal(0))
    if not values:
        raise NoData
    if compute == "nps":
        promoters = sum(1 for v in values if v >= 9)
        detractors = sum(1 for v in values if v <= 6)
        raw = Decimal(100 * (promoters - detractors)) / n
    elif compute == "csat":
        raw = Decimal(100 * sum(1 for v in values if v >= 4)) / n
    elif compute == "median":
        raw = Decimal(statistics.median(values))
    else:  # ces, mean
        raw = sum(values, Decimal(0)) / n
    return raw.quantize(PLACES[compute], rounding=ROUND_HALF_UP)


def compute_metric(table: Table, entry: MetricSource, named_by: str) -> MetricResult:
    """One metric's value, and its as_of when the entry names a date column."""
    rows = selected_rows(table, entry.where, named_by)
    value_index = table.index(entry.column, named_by) if entry.column else None
    date_index = table.index(entry.date_column, named_by) if entry.date_column else None
    values: list[Decimal] = []
    used: list[Row] = []
    for row in rows:
        if value_index is None:
            used.append(row)
            continue
        assert entry.column is not None
        value = _answer(table, row, value_index, entry.column, entry.compute)
        if value is not None:
            values.append(value)
            used.append(row)
    result = Decimal(len(used)) if value_index is None else aggregate(entry.compute, values)
    as_of = None
    if date_index is not None:
        assert entry.date_column is not None
        days = [_day(table, row, date_index, entry.date_column) for row in used]
        as_of = max((d for d in days if d is not None), default=None)
    return MetricResult(result, as_of, len(used))


def compute_funnel(
    table: Table,
    entry: FunnelSource,
    touchpoints: Sequence[tuple[str, str]],
    named_by: str,
) -> list[FunnelStep]:
    """Entered and continued for every touchpoint but the last, in journey order.

    `touchpoints` are (id, name) pairs in journey order. Entered: distinct accounts with a
    row for the touchpoint. Continued: those of them with a row for any later touchpoint.
    """
    order = {tp_id: i for i, (tp_id, _) in enumerate(touchpoints)}
    account_index = table.index(entry.account_column, named_by)
    touchpoint_index = table.index(entry.touchpoint_column, named_by)
    reached: list[set[str]] = [set() for _ in touchpoints]
    for row in selected_rows(table, entry.where, named_by):
        account = table.cell(row, account_index)
        touchpoint = table.cell(row, touchpoint_index)
        if not account or not touchpoint:
            continue
        if touchpoint not in order:
            raise table.error(
                row,
                touchpoint_index,
                "data-reference",
                f"journey {entry.journey!r} has no touchpoint {excerpt(touchpoint)} "
                f"(column {entry.touchpoint_column})",
                _touchpoint_hint(touchpoint, touchpoints),
            )
        reached[order[touchpoint]].add(account)
    steps: list[FunnelStep] = []
    later: set[str] = set()
    for i in range(len(touchpoints) - 1, -1, -1):
        if i < len(touchpoints) - 1:
            steps.append(FunnelStep(touchpoints[i][0], len(reached[i]), len(reached[i] & later)))
        later |= reached[i]
    steps.reverse()
    return steps


def _touchpoint_hint(value: str, touchpoints: Sequence[tuple[str, str]]) -> str:
    for tp_id, name in touchpoints:
        if value.casefold() == name.casefold():
            return f"that is the name of touchpoint {tp_id!r}; the column holds touchpoint ids"
    close = difflib.get_close_matches(value, [tp_id for tp_id, _ in touchpoints], n=1)
    if close:
        return f"did you mean {close[0]!r}?"
    return "the column holds touchpoint ids: " + ", ".join(tp_id for tp_id, _ in touchpoints)
