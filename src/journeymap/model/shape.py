"""The models' own shape, read from their annotations: for hints and for fmt's key order."""

from __future__ import annotations

import types
import typing
from typing import Any, Literal, Union

from pydantic import BaseModel

UNION_TAGS = {
    "ref",
    "def",
    "score",
    "per-persona",
    "setting",
    "options",
}  # pydantic's tags for union members: not part of a path


def unwrap(tp: Any) -> list[Any]:
    """The alternatives of a type, through Annotated and unions."""
    origin = typing.get_origin(tp)
    if origin is typing.Annotated:
        return unwrap(typing.get_args(tp)[0])
    if origin in (Union, types.UnionType):
        out: list[Any] = []
        for arg in typing.get_args(tp):
            out.extend(unwrap(arg))
        return out
    return [tp]


def annotation_at(model_cls: type[BaseModel], loc: tuple[str | int, ...]) -> list[Any]:
    """The possible types of the value at `loc`, walking the models' annotations."""
    current: list[Any] = [model_cls]
    for part in loc:
        if part in UNION_TAGS:
            continue
        following: list[Any] = []
        for tp in current:
            for alt in unwrap(tp):
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


def known_fields(model_cls: type[BaseModel], loc: tuple[str | int, ...]) -> list[str]:
    names: list[str] = []
    for tp in annotation_at(model_cls, loc):
        for alt in unwrap(tp):
            if isinstance(alt, type) and issubclass(alt, BaseModel):
                names.extend(f.alias or n for n, f in alt.model_fields.items())
    return names


def literal_options(model_cls: type[BaseModel], loc: tuple[str | int, ...]) -> list[str]:
    options: list[str] = []
    for tp in annotation_at(model_cls, loc):
        for alt in unwrap(tp):
            if typing.get_origin(alt) is Literal:
                options.extend(str(a) for a in typing.get_args(alt))
    return options


def bounds(model_cls: type[BaseModel], loc: tuple[str | int, ...]) -> tuple[Any, Any]:
    low: Any = None
    high: Any = None
    for tp in annotation_at(model_cls, loc):
        for meta in metadata(tp):
            low = getattr(meta, "ge", low) if getattr(meta, "ge", None) is not None else low
            high = getattr(meta, "le", high) if getattr(meta, "le", None) is not None else high
    return low, high


def metadata(tp: Any) -> list[Any]:
    out: list[Any] = []
    if typing.get_origin(tp) is typing.Annotated:
        args = typing.get_args(tp)
        out.extend(args[1:])
        out.extend(metadata(args[0]))
    elif typing.get_origin(tp) in (Union, types.UnionType):
        for arg in typing.get_args(tp):
            out.extend(metadata(arg))
    for meta in list(out):
        out.extend(getattr(meta, "metadata", []))
    return out


def models_in(tp: Any) -> tuple[type[BaseModel] | None, bool]:
    """The model a value of this type is (or holds a list of), and whether it is a list."""
    for alt in unwrap(tp):
        if isinstance(alt, type) and issubclass(alt, BaseModel):
            return alt, False
        if typing.get_origin(alt) is list:
            inner, _ = models_in(typing.get_args(alt)[0])
            if inner is not None:
                return inner, True
    return None, False


def key_order(model: type[BaseModel]) -> list[str]:
    """The keys of a mapping in the order fmt writes them: the fields' order (`x-` aside)."""
    return [
        f.alias or name
        for name, f in model.model_fields.items()
        if not (f.alias or "").startswith("x-")
    ]
