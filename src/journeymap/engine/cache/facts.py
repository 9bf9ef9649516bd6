"""What a run needs to know of one file, as plain data: kept in the cache, sent by workers.

`validate` needs, of each file, its own findings and what other files need of it: the
ids it defines (a journey's state, touchpoints and pain points; a library's personas)
and the references it makes to other journeys, resolved once every journey is known.
`Facts` holds exactly that, never the model, so it is cheap to pickle from a worker and
to store as JSON. Diagnostics and references are stored without their path, which is
put back on reading: a renamed file's findings carry its new name.

Reading is strict: anything that is not exactly the shape written (a damaged or
hand-edited cache) raises `Damaged`, and the caller treats the entry as missing.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal, cast

from journeymap.checks.catalogue import RULES
from journeymap.checks.index import JourneySummary, PendingRef
from journeymap.core.diagnostics import SEVERITY_ORDER, Diagnostic, RuleName, Severity

Kind = Literal["journey", "personas"]


class Damaged(ValueError):
    """A stored entry is not in the shape `Facts.to_json` writes."""


@dataclass(frozen=True)
class Facts:
    """One file as `validate` sees it: what it defines, what it found, what it refers to."""

    kind: Kind | None  # None: not a journeymap file of a known kind (an error says why)
    valid: bool  # the model was built (no error in the file itself)
    journey_id: str | None = None  # the id the file defines, even when broken
    summary: JourneySummary | None = None  # what links to it need, even when broken
    personas: tuple[str, ...] = ()  # a library's persona ids, in order (defined, if broken)
    check_key: str | None = None  # the checks' inputs (see engine); None: read as context
    diagnostics: tuple[Diagnostic, ...] = ()  # of a checked file: every finding in it
    pending: tuple[PendingRef, ...] = ()  # its references to other journeys

    def to_json(self) -> dict[str, Any]:
        summary = self.summary
        return {
            "kind": self.kind,
            "valid": self.valid,
            "journey_id": self.journey_id,
            "summary": None
            if summary is None
            else [summary.state, sorted(summary.touchpoint_ids), sorted(summary.pain_point_ids)],
            "personas": list(self.personas),
            "check_key": self.check_key,
            "diagnostics": [
                [d.line, d.column, d.severity, d.rule, d.message, d.hint] for d in self.diagnostics
            ],
            "pending": [
                [list(r.loc), r.kind, r.journey, r.touchpoint, list(r.local)] for r in self.pending
            ],
        }

    @classmethod
    def from_json(cls, data: Any, path: str) -> Facts:
        """The facts stored for a file now found at `path`; Damaged if the shape is off."""
        if not isinstance(data, dict):
            raise Damaged("entry")
        kind = data.get("kind")
        if kind not in ("journey", "personas", None):
            raise Damaged("kind")
        summary = data.get("summary")
        return cls(
            kind=cast(Kind | None, kind),
            valid=_bool(data.get("valid")),
            journey_id=_optional_str(data.get("journey_id")),
            summary=None if summary is None else _summary(summary),
            personas=tuple(_strings(data.get("personas"))),
            check_key=_optional_str(data.get("check_key")),
            diagnostics=tuple(_diagnostic(d, path) for d in _list(data.get("diagnostics"))),
            pending=tuple(_pending(r, path) for r in _list(data.get("pending"))),
        )


def _list(value: Any) -> list[Any]:
    if not isinstance(value, list):
        raise Damaged("list")
    return value


def _bool(value: Any) -> bool:
    if not isinstance(value, bool):
        raise Damaged("bool")
    return value


def _str(value: Any) -> str:
    if not isinstance(value, str):
        raise Damaged("str")
    return value


def _optional_str(value: Any) -> str | None:
    return None if value is None else _str(value)


def _int(value: Any) -> int:
    if type(value) is not int:
        raise Damaged("int")
    return value


def _strings(value: Any) -> list[str]:
    if type(value) is list and all(type(v) is str for v in value):
        return value  # the usual case, checked in one pass
    raise Damaged("strings")


def _summary(value: Any) -> JourneySummary:
    state, touchpoints, pain_points = _fields(value, 3)
    return JourneySummary(
        _str(state), frozenset(_strings(touchpoints)), frozenset(_strings(pain_points))
    )


def _fields(value: Any, count: int) -> list[Any]:
    items = _list(value)
    if len(items) != count:
        raise Damaged("fields")
    return items


def _diagnostic(value: Any, path: str) -> Diagnostic:
    line, column, severity, rule, message, hint = _fields(value, 6)
    if severity not in SEVERITY_ORDER or rule not in RULES:
        raise Damaged("diagnostic")
    return Diagnostic(
        path,
        _int(line),
        _int(column),
        cast(Severity, severity),
        cast(RuleName, rule),
        _str(message),
        _optional_str(hint),
    )


def _pending(value: Any, path: str) -> PendingRef:
    loc, kind, journey, touchpoint, local = _fields(value, 5)
    parts = _list(loc)
    if not all(type(p) is int or isinstance(p, str) for p in parts):
        raise Damaged("loc")
    return PendingRef(
        path,
        tuple(parts),
        _str(kind),
        _str(journey),
        _optional_str(touchpoint),
        tuple(_strings(local)),
    )
