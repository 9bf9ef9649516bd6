"""pydantic's validation errors -> diagnostics at the user's line and column.

pydantic speaks in paths like `stages.3.touchpoints.1.importance` and in its own words;
this module finds the place in the file and writes the message for people who edit
YAML by hand, with a help line that fits the mistake.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from pydantic import BaseModel, ValidationError

from journeymap.core.diagnostics import Diagnostic
from journeymap.core.suggest import did_you_mean
from journeymap.loading.value_help import (
    bool_help,
    choice_help,
    number_help,
    range_words,
    shape_help,
    was_quoted,
)
from journeymap.model.shape import UNION_TAGS, bounds, known_fields, literal_options
from journeymap.yaml.source import Source


def translate_errors(
    exc: ValidationError, source: Source, model_cls: type[BaseModel]
) -> list[Diagnostic]:
    return [_translate(error, source, model_cls) for error in exc.errors(include_url=False)]


def _field_name(loc: tuple[str | int, ...]) -> str:
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


def _translate(error: Any, source: Source, model_cls: type[BaseModel]) -> Diagnostic:
    loc: tuple[str | int, ...] = tuple(error["loc"])
    kind: str = error["type"]
    value = error.get("input")
    name = _field_name(loc)
    ctx = error.get("ctx") or {}

    if kind == "extra_forbidden":
        known = known_fields(model_cls, loc[:-1])
        hint = did_you_mean(str(loc[-1]), known)
        extension = "custom data goes under a key that starts with `x-`"
        return source.diagnostic(
            loc,
            "unknown-field",
            f"unknown field {str(loc[-1])!r}",
            hint=f"{hint} ({extension})" if hint else extension,
            on_key=True,
        )
    if kind == "missing":
        return source.diagnostic(
            loc[:-1],
            "missing-field",
            f"missing required field {name!r}",
        )
    if kind in {"greater_than_equal", "less_than_equal", "greater_than", "less_than"}:
        low, high = bounds(model_cls, loc)
        low = ctx.get("ge", low) if low is None else low
        high = ctx.get("le", high) if high is None else high
        allowed, hint = range_words(value, low, high, ctx.get("gt"), ctx.get("lt"))
        return source.diagnostic(
            loc, "out-of-range", f"{name} must be {allowed}, found {value!r}", hint=hint
        )
    if kind == "string_pattern_mismatch":
        if loc and loc[-1] == "name":
            return source.diagnostic(
                loc,
                "invalid-value",
                "name is blank",
                hint="write the name people will read on the map",
            )
        if name == "to":
            return source.diagnostic(
                loc,
                "invalid-reference",
                f"link target {value!r} is not JOURNEY_ID#TOUCHPOINT_ID",
                hint="write the other journey's id, `#`, and a touchpoint id: "
                "`shipper-consumer#delivery-eta`",
            )
        return source.diagnostic(
            loc,
            "invalid-id",
            f"{value!r} is not a valid id",
            hint="ids use lowercase letters, digits, `-` and `_`, and start with a letter or digit",
        )
    if kind == "literal_error":
        options = literal_options(model_cls, loc)
        hint = did_you_mean(str(value), options) if isinstance(value, str) else None
        hint = hint or choice_help(name, value, options)
        listed = ", ".join(options)
        return source.diagnostic(
            loc,
            "invalid-value",
            f"{name} must be one of: {listed}; found {_describe(value)}",
            hint=hint,
        )
    if kind == "string_type":
        hint = None
        if isinstance(value, (date, int, float, bool)):
            hint = f"YAML read this as {_describe(value)}; put it in quotes to keep it as text"
        return source.diagnostic(
            loc, "invalid-type", f"{name} must be text, found {_describe(value)}", hint=hint
        )
    if kind in {"int_type", "int_parsing", "int_from_float", "float_type", "float_parsing"}:
        whole = kind.startswith("int")
        low, high = bounds(model_cls, loc)
        quoted = isinstance(value, str) and was_quoted(source, loc)
        return source.diagnostic(
            loc,
            "invalid-type",
            f"{name} must be {'a whole number' if whole else 'a number'}, found {_describe(value)}",
            hint=number_help(value, quoted, low, high, whole=whole, field=name),
        )
    if kind == "bool_type":
        quoted = isinstance(value, str) and was_quoted(source, loc)
        return source.diagnostic(
            loc,
            "invalid-type",
            f"{name} must be true or false, found {_describe(value)}",
            hint=bool_help(value, quoted),
        )
    if kind in {"list_type", "model_type", "dict_type", "model_attributes_type"}:
        wanted = "a list" if kind == "list_type" else "a mapping"
        return source.diagnostic(
            loc,
            "invalid-type",
            f"{name} must be {wanted}, found {_describe(value)}",
            hint=shape_help(value, wanted),
        )
    if kind in {"too_short"}:
        return source.diagnostic(
            loc,
            "invalid-value",
            f"{name} must have at least {ctx.get('min_length', 1)} entry",
        )
    if kind == "finite_number":
        return source.diagnostic(
            loc,
            "invalid-value",
            f"{name} must be a finite number, found {_describe(value)}",
            hint="`.nan` and `.inf` cannot be shown or compared; write a number, or leave it out",
        )
    if kind == "string_too_long":
        limit = ctx.get("max_length")
        return source.diagnostic(
            loc,
            "invalid-id" if name == "id" or name.endswith(" id") else "invalid-value",
            f"{name} is {len(value) if isinstance(value, str) else '?'} characters long; "
            f"the limit is {limit}",
            hint="ids name files and anchors; keep them short" if name == "id" else None,
        )
    if kind in {"date_type", "date_parsing", "date_from_datetime_inexact", "value_error"}:
        message = (
            str(ctx.get("error", error["msg"]))
            if kind == "value_error"
            else (f"{name} must be a date (YYYY-MM-DD), found {_describe(value)}")
        )
        return source.diagnostic(loc, "invalid-value", message)
    return source.diagnostic(loc, "invalid-value", f"{name}: {error['msg']}")
