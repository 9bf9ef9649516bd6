"""The typed results of the gap analysis: gaps and the report that holds them."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any


@dataclass(frozen=True)
class Gap:
    kind: str
    journey: str
    stage: str
    touchpoint: str | None
    score: float
    summary: str


@dataclass
class Report:
    gaps: list[Gap] = field(default_factory=list)
    ipa: list[dict[str, Any]] = field(default_factory=list)
    emotions: list[dict[str, Any]] = field(default_factory=list)
    metrics: list[dict[str, Any]] = field(default_factory=list)
    funnel: list[dict[str, Any]] = field(default_factory=list)
    handoffs: list[dict[str, Any]] = field(default_factory=list)
    coverage: list[dict[str, Any]] = field(default_factory=list)
    future: list[dict[str, Any]] = field(default_factory=list)
    journeys: list[dict[str, str]] = field(default_factory=list)

    def as_dict(self, top: int | None = None) -> dict[str, Any]:
        data = asdict(self)
        if top is not None:
            data["gaps"] = data["gaps"][:top]
        return data
