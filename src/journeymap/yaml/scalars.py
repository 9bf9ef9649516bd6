"""The YAML 1.2 core schema for plain scalars: null, booleans, integers, floats, text.

Our own resolver: ruamel's was the main cost of reading a file, and only these types
are ever constructed (never an arbitrary tag). YAML 1.2 has no date type: `2026-01-05`
is text here, as it is for editors and for check-jsonschema (which loads dates as
strings), and a field that holds a date reads it from the text, `YYYY-MM-DD` exactly
(model/base.py's Day). So a date in a text field is that text, and `2026-1-5` is not a
date anywhere.
"""

from __future__ import annotations

import re
from typing import Any

CORE_TAG = "tag:yaml.org,2002:"


_INT = re.compile(r"[-+]?[0-9]+")


_OCT = re.compile(r"0o[0-7]+")


_HEX = re.compile(r"0x[0-9a-fA-F]+")


_FLOAT = re.compile(r"[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?")


_INF = re.compile(r"[-+]?\.(?:inf|Inf|INF)")


_NAN = re.compile(r"\.(?:nan|NaN|NAN)")


# What `!!timestamp` may tag: a date, or a date and a time (YAML 1.1's timestamp).
_TIMESTAMP = re.compile(
    r"[0-9]{4}-[0-9]{2}-[0-9]{2}(?:(?:[Tt]|[ \t]+)[0-9]{1,2}:[0-9]{2}:[0-9]{2}(?:\.[0-9]*)?"
    r"(?:[ \t]*(?:Z|[-+][0-9]{1,2}(?::?[0-9]{2})?))?)?"
)


_NULLS = {"~", "null", "Null", "NULL"}


_BOOLS = {"true": True, "True": True, "TRUE": True, "false": False, "False": False, "FALSE": False}


# Integers longer than this are refused where they are read: no journey holds one, and
# Python's int/str conversion of thousands of digits is slow or refused outright.
MAX_NUMBER_CHARS = 40


def _looks_integral(value: str) -> bool:
    return bool(_INT.fullmatch(value) or _OCT.fullmatch(value) or _HEX.fullmatch(value))


class ScalarProblem(ValueError):
    """A plain scalar that looks like a number but is not a usable one."""


def resolve_plain(value: str) -> Any:
    """What an unquoted scalar means in YAML 1.2's core schema."""
    if not value:
        return None
    first = value[0]
    if first in "~nN" and value in _NULLS:
        return None
    if first in "tTfF" and value in _BOOLS:
        return _BOOLS[value]
    if first in "-+0123456789.":
        if len(value) > MAX_NUMBER_CHARS and _looks_integral(value):
            raise ScalarProblem(
                f"{value[:20]}... is a number of {len(value):,} characters, too large to use"
            )
        try:
            if _INT.fullmatch(value):
                return int(value, 10)
            if _OCT.fullmatch(value):
                return int(value[2:], 8)
            if _HEX.fullmatch(value):
                return int(value[2:], 16)
            if _FLOAT.fullmatch(value) and value not in (".", "+.", "-."):
                return float(value)
        except ValueError as exc:  # more than 4,300 digits
            raise ScalarProblem(f"{value[:20]}... is not a usable number: {exc}") from None
        if _INF.fullmatch(value):
            return float("-inf") if value.startswith("-") else float("inf")
        if _NAN.fullmatch(value):
            return float("nan")
    return value


def resolve_tagged(tag: str, value: str) -> Any:
    """A scalar with an explicit core tag, such as `!!str 2024-01-01`."""
    kind = tag[len(CORE_TAG) :]
    if kind == "str":
        return value
    if kind == "null":
        return None
    if kind == "timestamp":
        if not _TIMESTAMP.fullmatch(value):
            raise ScalarProblem(f"{value!r} is not a valid timestamp")
        return value  # text, like an untagged date (see the module doc)
    resolved = resolve_plain(value)
    expected: dict[str, type | tuple[type, ...]] = {"int": int, "float": (int, float), "bool": bool}
    if isinstance(resolved, bool) and kind != "bool":
        raise ScalarProblem(f"{value!r} is not a valid {kind}")
    if not isinstance(resolved, expected[kind]):
        raise ScalarProblem(f"{value!r} is not a valid {kind}")
    return float(resolved) if kind == "float" and isinstance(resolved, (int, float)) else resolved


SCALAR_TAGS = {CORE_TAG + t for t in ("str", "int", "float", "bool", "null", "timestamp")}


def short_tag(tag: str | None) -> str:
    if tag is None:
        return "(none)"
    return "!!" + tag[len(CORE_TAG) :] if tag.startswith(CORE_TAG) else tag
