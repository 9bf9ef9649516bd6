"""Journey and persona files -> models, with every problem as a positioned diagnostic.

`journeymap.yaml` turns bytes into data and keeps the node tree; this module decides what
kind of file it is, validates it with pydantic, and translates pydantic's errors (which
speak in paths like `stages.3.touchpoints.1.importance`) into the user's lines and
columns, with messages written for people who edit YAML by hand.
"""

from __future__ import annotations

import difflib
import types
import typing
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any, Literal, Union

from pydantic import BaseModel, ValidationError

from journeymap.diagnostics import Diagnostic
from journeymap.files import ReadLimits, Refusal, read_user_file
from journeymap.model import FORMAT_VERSION, Journey, PersonaLibrary
from journeymap.value_help import bool_help, number_help, shape_help, version_help, was_quoted
from journeymap.yaml.parse import parse
from journeymap.yaml.source import Source

DEFAULT_LIMITS = ReadLimits()
Kind = Literal["journey", "personas"]
KINDS: dict[str, type[BaseModel]] = {"journey": Journey, "personas": PersonaLibrary}
UNION_TAGS = {"ref", "def", "score", "per-persona"}


@dataclass(frozen=True)
class Defines:
    """The ids a file defines, read from its data even when it fails validation.

    Other files refer to these ids; registering them for a broken file means one mistake
    gives one error, where it is, and not a cascade of "unknown persona" elsewhere.
    """

    journey_id: str | None = None
    state: str = "current"
    touchpoint_ids: frozenset[str] = frozenset()
    persona_ids: frozenset[str] = frozenset()
    pain_point_ids: frozenset[str] = frozenset()

    @classmethod
    def of_data(cls, kind: Kind, data: dict[Any, Any]) -> Defines:
        def ids(items: Any) -> Iterator[str]:
            for item in items if isinstance(items, list) else ():
                if isinstance(item, dict) and isinstance(item.get("id"), str):
                    yield item["id"]

        if kind == "personas":
            return cls(persona_ids=frozenset(ids(data.get("personas"))))
        stages = data.get("stages")
        touchpoints: list[dict[Any, Any]] = []
        for stage in stages if isinstance(stages, list) else ():
            listed = stage.get("touchpoints") if isinstance(stage, dict) else None
            if isinstance(listed, list):
                touchpoints.extend(tp for tp in listed if isinstance(tp, dict))
        journey_id = data.get("id")
        state = data.get("state", "current")
        return cls(
            journey_id if isinstance(journey_id, str) else None,
            state if isinstance(state, str) else "current",
            frozenset(ids(touchpoints)),
            frozenset(ids(data.get("personas"))),
            frozenset(pid for tp in touchpoints for pid in ids(tp.get("pain_points"))),
        )


@dataclass
class Document:
    """A file as read: its source (text, nodes, data, diagnostics) and model if valid."""

    source: Source
    kind: Kind | None = None
    model: Journey | PersonaLibrary | None = None
    defines: Defines | None = None  # for a file of a known kind that failed validation

    @property
    def path(self) -> str:
        return self.source.path

    @property
    def diagnostics(self) -> list[Diagnostic]:
        return self.source.diagnostics

    @property
    def journey(self) -> Journey | None:
        return self.model if isinstance(self.model, Journey) else None

    @property
    def library(self) -> PersonaLibrary | None:
        return self.model if isinstance(self.model, PersonaLibrary) else None


def read_source(path: Path, display: str, limits: ReadLimits = DEFAULT_LIMITS) -> Source:
    """Read a file's bytes and parse them; I/O problems and refusals are diagnostics too."""
    try:
        raw = read_user_file(path, limits)
    except Refusal as refusal:
        source = Source(display, "")
        if refusal.too_large:
            source.diagnostics.append(
                Diagnostic(
                    display,
                    1,
                    1,
                    "error",
                    "file-too-large",
                    str(refusal),
                    "split the portfolio into smaller files, or raise `max_file_size` "
                    "in journeymap.yaml",
                )
            )
        else:
            source.diagnostics.append(
                Diagnostic(display, 1, 1, "error", "unreadable", str(refusal))
            )
        return source
    return parse(display, raw)


def load_source(source: Source) -> Document:
    """Classify a parsed file and validate it against the model of its kind."""
    doc = Document(source)
    if source.data is None and not source.ok:
        return doc
    data = source.data
    path = source.path
    if data is None:
        source.diagnostics.append(
            Diagnostic(
                path,
                1,
                1,
                "error",
                "empty-file",
                "file is empty",
                "a journey file starts with `journeymap: 1`",
            )
        )
        return doc
    if not isinstance(data, dict):
        what = "a list" if isinstance(data, list) else f"a single value ({type(data).__name__})"
        source.diagnostics.append(
            source.diagnostic(
                (),
                "not-a-mapping",
                f"file holds {what}, not a mapping",
                hint="a journey file is a mapping that starts with `journeymap: 1`",
            )
        )
        return doc
    if "journeymap" not in data:
        source.diagnostics.append(
            Diagnostic(
                path,
                1,
                1,
                "error",
                "missing-version",
                "not a journeymap file: no `journeymap: 1` key at the top level",
                "add `journeymap: 1` as the first line",
            )
        )
        return doc
    version = data["journeymap"]
    if type(version) is not int or version != FORMAT_VERSION:  # 1.0 == 1 and True == 1
        quoted = was_quoted(source, ("journeymap",))
        source.diagnostics.append(
            source.diagnostic(
                ("journeymap",),
                "unsupported-version",
                f"format version {version!r} is not supported",
                hint=version_help(version, quoted, FORMAT_VERSION),
            )
        )
        return doc
    kind = data.get("kind", "journey")
    if not isinstance(kind, str) or kind not in KINDS:
        source.diagnostics.append(
            source.diagnostic(
                ("kind",),
                "invalid-value",
                f"unknown file kind {kind!r}",
                hint=_did_you_mean(str(kind), list(KINDS)) or "kind is `journey` or `personas`",
            )
        )
        return doc
    known: Kind = "personas" if kind == "personas" else "journey"
    doc.kind = known
    model_cls = KINDS[known]
    try:
        doc.model = model_cls.model_validate(data)  # type: ignore[assignment]
    except ValidationError as exc:
        doc.defines = Defines.of_data(known, data)
        # A value the YAML layer already reported (an impossible date, say) is not
        # reported a second time as a type error at the same place.
        reported = {(d.line, d.column) for d in source.diagnostics}
        source.diagnostics.extend(
            d
            for d in translate_errors(exc, source, model_cls)
            if (d.line, d.column) not in reported
        )
        return doc
    if not source.ok:
        doc.defines = Defines.of_data(known, data)
        doc.model = None
    elif not source.tracked:
        source.release_data()  # the model holds what is needed; the raw tree can go
    return doc


def load_file(path: Path, display: str, limits: ReadLimits = DEFAULT_LIMITS) -> Document:
    return load_source(read_source(path, display, limits))


# --- pydantic errors -> diagnostics -------------------------------------------------------


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


def _did_you_mean(word: str, options: list[str]) -> str | None:
    close = difflib.get_close_matches(word, options, n=1, cutoff=0.6)
    return f"did you mean {close[0]!r}?" if close else None


def _translate(error: Any, source: Source, model_cls: type[BaseModel]) -> Diagnostic:
    loc: tuple[str | int, ...] = tuple(error["loc"])
    kind: str = error["type"]
    value = error.get("input")
    name = _field_name(loc)
    ctx = error.get("ctx") or {}

    if kind == "extra_forbidden":
        known = _known_fields(model_cls, loc[:-1])
        hint = _did_you_mean(str(loc[-1]), known)
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
        low, high = _bounds(model_cls, loc)
        low = ctx.get("ge", low) if low is None else low
        high = ctx.get("le", high) if high is None else high
        if low is not None and high is not None:
            allowed = f"between {low} and {high}"
        else:
            allowed = f"at least {low}" if low is not None else f"at most {high}"
        return source.diagnostic(
            loc,
            "out-of-range",
            f"{name} must be {allowed}, found {value!r}",
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
        options = _literal_options(model_cls, loc)
        hint = _did_you_mean(str(value), options) if isinstance(value, str) else None
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
        low, high = _bounds(model_cls, loc)
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


# --- reading the models' own shape, for hints ---------------------------------------------


def _unwrap(tp: Any) -> list[Any]:
    """The alternatives of a type, through Annotated and unions."""
    origin = typing.get_origin(tp)
    if origin is typing.Annotated:
        return _unwrap(typing.get_args(tp)[0])
    if origin in (Union, types.UnionType):
        out: list[Any] = []
        for arg in typing.get_args(tp):
            out.extend(_unwrap(arg))
        return out
    return [tp]


def _annotation_at(model_cls: type[BaseModel], loc: tuple[str | int, ...]) -> list[Any]:
    """The possible types of the value at `loc`, walking the models' annotations."""
    current: list[Any] = [model_cls]
    for part in loc:
        if part in UNION_TAGS:
            continue
        following: list[Any] = []
        for tp in current:
            for alt in _unwrap(tp):
                origin = typing.get_origin(alt)
                if isinstance(alt, type) and issubclass(alt, BaseModel):
                    field = alt.model_fields.get(str(part))
                    if field is None:
                        field = next(
                            (f for f in alt.model_fields.values() if f.alias == part), None
                        )
                    if field is not None:
                        following.append(field.annotation)
                elif origin is list and isinstance(part, int):
                    following.append(typing.get_args(alt)[0])
                elif origin is dict:
                    following.append(typing.get_args(alt)[1])
        current = following
    return current


def _known_fields(model_cls: type[BaseModel], loc: tuple[str | int, ...]) -> list[str]:
    names: list[str] = []
    for tp in _annotation_at(model_cls, loc):
        for alt in _unwrap(tp):
            if isinstance(alt, type) and issubclass(alt, BaseModel):
                names.extend(f.alias or n for n, f in alt.model_fields.items())
    return names


def _literal_options(model_cls: type[BaseModel], loc: tuple[str | int, ...]) -> list[str]:
    options: list[str] = []
    for tp in _annotation_at(model_cls, loc):
        for alt in _unwrap(tp):
            if typing.get_origin(alt) is Literal:
                options.extend(str(a) for a in typing.get_args(alt))
    return options


def _bounds(model_cls: type[BaseModel], loc: tuple[str | int, ...]) -> tuple[Any, Any]:
    low: Any = None
    high: Any = None
    for tp in _annotation_at(model_cls, loc):
        for meta in _metadata(tp):
            low = getattr(meta, "ge", low) if getattr(meta, "ge", None) is not None else low
            high = getattr(meta, "le", high) if getattr(meta, "le", None) is not None else high
    return low, high


def _metadata(tp: Any) -> list[Any]:
    out: list[Any] = []
    if typing.get_origin(tp) is typing.Annotated:
        args = typing.get_args(tp)
        out.extend(args[1:])
        out.extend(_metadata(args[0]))
    elif typing.get_origin(tp) in (Union, types.UnionType):
        for arg in typing.get_args(tp):
            out.extend(_metadata(arg))
    for meta in list(out):
        out.extend(getattr(meta, "metadata", []))
    return out
