"""Journey and persona files -> models, with every problem as a positioned diagnostic.

`journeymap.yaml` turns bytes into data and keeps the positions; this module decides
what kind of file it is, validates it with pydantic (`typeerrors` words the errors),
and records what a broken file still defines so that one mistake gives one error.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ValidationError

from journeymap.core.diagnostics import Diagnostic
from journeymap.core.suggest import did_you_mean
from journeymap.disk.reading import ReadLimits, Refusal, read_user_file
from journeymap.loading.salvage import Salvaged, salvage
from journeymap.loading.typeerrors import translate_errors
from journeymap.loading.value_help import version_help, was_quoted
from journeymap.model import FORMAT_VERSION, Journey, PersonaLibrary
from journeymap.yaml.parse import parse
from journeymap.yaml.source import Source

DEFAULT_LIMITS = ReadLimits()


Kind = Literal["journey", "personas"]


KINDS: dict[str, type[BaseModel]] = {"journey": Journey, "personas": PersonaLibrary}


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
    # A journey that failed validation, built without its invalid values so the other
    # checks still run (see `salvage`); `skipped` is where those values were.
    partial: Journey | None = None
    salvaged: Salvaged | None = None

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
    def checkable(self) -> Journey | None:
        """The journey the checks run on: the model, or what was salvaged of it."""
        return self.journey if self.journey is not None else self.partial

    @property
    def library(self) -> PersonaLibrary | None:
        return self.model if isinstance(self.model, PersonaLibrary) else None


def read_source(path: Path, display: str, limits: ReadLimits = DEFAULT_LIMITS) -> Source:
    """Read a file's bytes and parse them; I/O problems and refusals are diagnostics too."""
    try:
        raw = read_user_file(path, limits)
    except Refusal as refusal:
        source = Source(display, "")
        source.diagnostics.append(refusal.diagnostic(display))
        return source
    return parse(display, raw)


def load_source(source: Source) -> Document:
    """Classify a parsed file and validate it against the model of its kind."""
    doc = Document(source)
    if source.data is None and not source.ok:
        return doc
    problem = _shape_problem(source)
    if problem is not None:
        source.diagnostics.append(problem)
        return doc
    data = source.data
    known: Kind = "personas" if data.get("kind", "journey") == "personas" else "journey"
    doc.kind = known
    try:
        doc.model = (
            Journey.model_validate(data)
            if known == "journey"
            else (PersonaLibrary.model_validate(data))
        )
    except ValidationError as exc:
        doc.defines = Defines.of_data(known, data)
        # A value the YAML layer already reported (an impossible date, say) is not
        # reported a second time as a type error at the same place.
        reported = {(d.line, d.column) for d in source.diagnostics}
        source.diagnostics.extend(
            d
            for d in translate_errors(exc, source, KINDS[known])
            if (d.line, d.column) not in reported
        )
        rest = salvage(data, exc, Journey) if known == "journey" else None
        if rest is not None and isinstance(rest.model, Journey):
            doc.partial, doc.salvaged = rest.model, rest
        return doc
    if not source.ok:
        doc.defines = Defines.of_data(known, data)
        doc.model = None
    elif not source.tracked:
        source.release_data()  # the model holds what is needed; the raw tree can go
    return doc


def _shape_problem(source: Source) -> Diagnostic | None:
    """Why a parsed file is not a journeymap file of a known kind and version, if it is not:
    empty, not a mapping, no `journeymap:` key, another version, an unknown kind."""
    data, path = source.data, source.path
    if data is None:
        return Diagnostic(
            path,
            1,
            1,
            "error",
            "empty-file",
            "file is empty",
            "a journey file starts with `journeymap: 1`",
        )
    if not isinstance(data, dict):
        what = "a list" if isinstance(data, list) else f"a single value ({type(data).__name__})"
        return source.diagnostic(
            (),
            "not-a-mapping",
            f"file holds {what}, not a mapping",
            hint="a journey file is a mapping that starts with `journeymap: 1`",
        )
    if "journeymap" not in data:
        return Diagnostic(
            path,
            1,
            1,
            "error",
            "missing-version",
            "not a journeymap file: no `journeymap: 1` key at the top level",
            "add `journeymap: 1` as the first line",
        )
    version = data["journeymap"]
    whole = int(version) if type(version) is float and version.is_integer() else version
    if type(whole) is not int or whole != FORMAT_VERSION:  # True == 1; 1.0 is 1 (JSON's integer)
        quoted = was_quoted(source, ("journeymap",))
        return source.diagnostic(
            ("journeymap",),
            "unsupported-version",
            f"format version {version!r} is not supported",
            hint=version_help(version, quoted, FORMAT_VERSION),
        )
    kind = data.get("kind", "journey")
    if not isinstance(kind, str) or kind not in KINDS:
        return source.diagnostic(
            ("kind",),
            "invalid-value",
            f"unknown file kind {kind!r}",
            hint=did_you_mean(str(kind), list(KINDS)) or "kind is `journey` or `personas`",
        )
    return None


def load_file(path: Path, display: str, limits: ReadLimits = DEFAULT_LIMITS) -> Document:
    return load_source(read_source(path, display, limits))


def source_locator(limits: ReadLimits) -> Callable[[str, Sequence[str | int]], tuple[int, int]]:
    """Positions of paths inside files, for findings made without them (a reference
    resolved after the file's model was built): each file is read again, once."""
    read: dict[str, Source] = {}

    def locate(path: str, loc: Sequence[str | int]) -> tuple[int, int]:
        if path not in read:
            read[path] = read_source(Path(path), path, limits)
        return read[path].locate(loc)

    return locate
