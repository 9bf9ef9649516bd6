"""pydantic's validation errors -> diagnostics at the user's line and column.

pydantic speaks in paths like `stages.3.touchpoints.1.importance` and in its own words;
this module finds the place in the file and writes the message for people who edit
YAML by hand, with a help line that fits the mistake.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from pydantic import BaseModel, ValidationError

from journeymap.core.diagnostics import Diagnostic, RuleName
from journeymap.core.suggest import did_you_mean
from journeymap.loading.value_help import (
    bool_help,
    choice_help,
    date_help,
    number_help,
    range_words,
    shape_help,
    was_quoted,
)
from journeymap.model.base import NotADate
from journeymap.model.shape import UNION_TAGS, bounds, known_fields, literal_options
from journeymap.yaml.source import Source


def translate_errors(
    exc: ValidationError, source: Source, model_cls: type[BaseModel]
) -> list[Diagnostic]:
    return [_translate(error, source, model_cls) for error in exc.errors(include_url=False)]


def _field_name(loc: tuple[str | int, ...]) -> str:
    if loc and loc[-1] == "[key]":  # a mapping's key, such as a role under `roles`
        return f"a key of {_field_name(loc[:-2])}"
    if "per-persona" in loc[:-1]:
        at = loc.index("per-persona")
        return f"{_field_name(loc[:at])} for persona {loc[-1]!r}"
    for part in reversed(loc):
        if isinstance(part, str) and part not in UNION_TAGS:
            return part
    return "value"


def _describe(value: Any) -> str:
    if isinstance(value, bool):
        return f"the boolean {str(value).lower()}"
    if isinstance(value, datetime):
        return "a timestamp"
    if isinstance(value, date):
        return "a date"
    if isinstance(value, int):
        return f"the number {value}"
    if isinstance(value, float):
        return f"the number {value:g}"
    if value is None:
        return "nothing (null)"
    if isinstance(value, str):
        shown = value if len(value) <= 40 else value[:37] + "..."
        return f"the text {shown!r}"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return type(value).__name__


@dataclass(frozen=True)
class _Error:
    """One pydantic error with what every wording needs: where, what, and the model."""

    error: Any
    source: Source
    model_cls: type[BaseModel]
    loc: tuple[str | int, ...]
    value: Any
    name: str
    ctx: dict[str, Any]

    def at(self, rule: RuleName, message: str, hint: str | None = None) -> Diagnostic:
        if self.loc and self.loc[-1] == "[key]":  # shown at the key, not at its value
            return self.source.diagnostic(
                self.loc[:-2] + self.loc[-2:-1], rule, message, hint=hint, on_key=True
            )
        return self.source.diagnostic(self.loc, rule, message, hint=hint)


def _translate(error: Any, source: Source, model_cls: type[BaseModel]) -> Diagnostic:
    loc: tuple[str | int, ...] = tuple(error["loc"])
    e = _Error(
        error, source, model_cls, loc, error.get("input"), _field_name(loc), error.get("ctx") or {}
    )
    kind: str = error["type"]
    for kinds, word in _WORDINGS:
        if kind in kinds:
            return word(e, kind)
    return e.at("invalid-value", f"{e.name}: {error['msg']}")


def _unknown_field(e: _Error, kind: str) -> Diagnostic:
    known = known_fields(e.model_cls, e.loc[:-1])
    hint = did_you_mean(str(e.loc[-1]), known)
    extension = "custom data goes under a key that starts with `x-`"
    return e.source.diagnostic(
        e.loc,
        "unknown-field",
        f"unknown field {str(e.loc[-1])!r}",
        hint=f"{hint} ({extension})" if hint else extension,
        on_key=True,
    )


def _missing(e: _Error, kind: str) -> Diagnostic:
    return e.source.diagnostic(e.loc[:-1], "missing-field", f"missing required field {e.name!r}")


def _out_of_range(e: _Error, kind: str) -> Diagnostic:
    low, high = bounds(e.model_cls, e.loc)
    low = e.ctx.get("ge", low) if low is None else low
    high = e.ctx.get("le", high) if high is None else high
    allowed, hint = range_words(e.value, low, high, e.ctx.get("gt"), e.ctx.get("lt"))
    return e.at("out-of-range", f"{e.name} must be {allowed}, found {e.value!r}", hint)


def _pattern(e: _Error, kind: str) -> Diagnostic:
    if e.loc and e.loc[-1] == "name":
        return e.at("invalid-value", "name is blank", "write the name people will read on the map")
    if e.name == "to":
        return e.at(
            "invalid-reference",
            f"link target {e.value!r} is not JOURNEY_ID#TOUCHPOINT_ID",
            "write the other journey's id, `#`, and a touchpoint id: "
            "`shipper-consumer#delivery-eta`",
        )
    return e.at(
        "invalid-id",
        f"{e.value!r} is not a valid id",
        "ids use lowercase letters, digits, `-` and `_`, and start with a letter or digit",
    )


def _choice(e: _Error, kind: str) -> Diagnostic:
    options = literal_options(e.model_cls, e.loc)
    if not options:  # a place the models' shape does not reach: pydantic's own list
        options = re.findall(r"'([^']*)'", str(e.ctx.get("expected", "")))
    hint = choice_help(e.name, e.value, options)
    listed = ", ".join(options)
    return e.at(
        "invalid-value", f"{e.name} must be one of: {listed}; found {_describe(e.value)}", hint
    )


def _text(e: _Error, kind: str) -> Diagnostic:
    hint = None
    if isinstance(e.value, (int, float, bool)):
        hint = f"YAML read this as {_describe(e.value)}; put it in quotes to keep it as text"
    return e.at("invalid-type", f"{e.name} must be text, found {_describe(e.value)}", hint)


def _number(e: _Error, kind: str) -> Diagnostic:
    whole = kind.startswith("int")
    low, high = bounds(e.model_cls, e.loc)
    quoted = isinstance(e.value, str) and was_quoted(e.source, e.loc)
    return e.at(
        "invalid-type",
        f"{e.name} must be {'a whole number' if whole else 'a number'}, found {_describe(e.value)}",
        number_help(e.value, quoted, low, high, whole=whole, field=e.name),
    )


def _bool(e: _Error, kind: str) -> Diagnostic:
    quoted = isinstance(e.value, str) and was_quoted(e.source, e.loc)
    return e.at(
        "invalid-type",
        f"{e.name} must be true or false, found {_describe(e.value)}",
        bool_help(e.value, quoted),
    )


def _shape(e: _Error, kind: str) -> Diagnostic:
    wanted = "a list" if kind == "list_type" else "a mapping"
    return e.at(
        "invalid-type",
        f"{e.name} must be {wanted}, found {_describe(e.value)}",
        shape_help(e.value, wanted),
    )


def _too_short(e: _Error, kind: str) -> Diagnostic:
    return e.at("invalid-value", f"{e.name} must have at least {e.ctx.get('min_length', 1)} entry")


def _finite(e: _Error, kind: str) -> Diagnostic:
    return e.at(
        "invalid-value",
        f"{e.name} must be a finite number, found {_describe(e.value)}",
        "`.nan` and `.inf` cannot be shown or compared; write a number, or leave it out",
    )


def _too_long(e: _Error, kind: str) -> Diagnostic:
    limit = e.ctx.get("max_length")
    is_id = e.name == "id" or e.name.endswith(" id")
    return e.at(
        "invalid-id" if is_id else "invalid-value",
        f"{e.name} is {len(e.value) if isinstance(e.value, str) else '?'} characters long; "
        f"the limit is {limit}",
        "ids name files and anchors; keep them short" if e.name == "id" else None,
    )


def _date_or_value(e: _Error, kind: str) -> Diagnostic:
    error = e.ctx.get("error")
    if kind == "value_error" and not isinstance(error, NotADate):
        return e.at("invalid-value", str(error if error is not None else e.error["msg"]))
    label = e.name
    if label == "date":  # `reviewed: {date: ...}`: say whose date it is
        owner = next((p for p in reversed(e.loc[:-1]) if isinstance(p, str)), None)
        label = f"{owner} date" if owner else label
    return e.at(
        "invalid-value",
        f"{label} must be a date (YYYY-MM-DD), found {_describe(e.value)}",
        date_help(e.value, e.name),
    )


# pydantic's error types, each with the function that words it for a person
_WORDINGS: tuple[tuple[frozenset[str], Callable[[_Error, str], Diagnostic]], ...] = (
    (frozenset({"extra_forbidden"}), _unknown_field),
    (frozenset({"missing"}), _missing),
    (
        frozenset({"greater_than_equal", "less_than_equal", "greater_than", "less_than"}),
        _out_of_range,
    ),
    (frozenset({"string_pattern_mismatch"}), _pattern),
    (frozenset({"literal_error"}), _choice),
    (frozenset({"string_type"}), _text),
    (
        frozenset({"int_type", "int_parsing", "int_from_float", "float_type", "float_parsing"}),
        _number,
    ),
    (frozenset({"bool_type"}), _bool),
    (frozenset({"list_type", "model_type", "dict_type", "model_attributes_type"}), _shape),
    (frozenset({"too_short"}), _too_short),
    (frozenset({"finite_number"}), _finite),
    (frozenset({"string_too_long"}), _too_long),
    (
        frozenset({"date_type", "date_parsing", "date_from_datetime_inexact", "value_error"}),
        _date_or_value,
    ),
)
