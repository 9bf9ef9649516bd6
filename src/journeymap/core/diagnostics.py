"""The one Diagnostic type every command reports with.

`validate`, `render`, `gaps`, `diff` and `fmt` all speak this language about bad input;
its output formats (text, JSON, GitHub annotations, SARIF) are in `journeymap.formats`.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from typing import Literal

from journeymap.core.wording import count_of

Severity = Literal["error", "warning", "info"]

# Where in a document: the keys and list indexes from its top, as pydantic reports them.
Loc = tuple[str | int, ...]

# Every rule a diagnostic can name. Each is declared once, with its explanation and
# examples, in `journeymap.checks` (see checks/catalogue.py); this type lets mypy refuse a
# diagnostic whose rule is not in the catalogue, and a test keeps the two lists equal.
RuleName = Literal[
    # files and YAML
    "unreadable",
    "file-too-large",
    "encoding",
    "yaml-syntax",
    "duplicate-key",
    "unsupported-tag",
    "alias-bomb",
    "alias-cycle",
    "too-deep",
    "invalid-key",
    # the journeymap format and its types
    "empty-file",
    "not-a-mapping",
    "missing-version",
    "unsupported-version",
    "unknown-field",
    "missing-field",
    "invalid-type",
    "invalid-value",
    "invalid-id",
    "invalid-reference",
    "out-of-range",
    # the project file
    "invalid-config",
    "unknown-rule",
    # identity and references
    "duplicate-id",
    "unresolved-reference",
    "funnel-order",
    "committee-change",
    # completeness
    "touchpoint-owner",
    "touchpoint-scores",
    "touchpoint-emotion",
    "stage-goal",
    "stage-touchpoints",
    "moment-of-truth-risks",
    "pain-point-without-opportunity",
    "persona-unused",
    "metric-target",
    "future-without-current",
    "unknown-department",
    "committee-coverage",
    # freshness and privacy
    "review-stale",
    "evidence-stale",
    "personal-data",
    # data for `refresh`
    "data-source",
    "data-value",
    "data-reference",
    "changed-while-refreshing",
    # formatting
    "unformattable",
    "changed-while-formatting",
    "write-failed",
]

SEVERITY_ORDER = {"error": 0, "warning": 1, "info": 2}


@dataclass(frozen=True, slots=True)
class Diagnostic:
    """A problem at a 1-based position in a user's file."""

    path: str
    line: int
    column: int
    severity: Severity
    rule: RuleName
    message: str
    hint: str | None = None

    def sort_key(self) -> tuple[str, int, int, int, str, str]:
        return (
            self.path,
            self.line,
            self.column,
            SEVERITY_ORDER[self.severity],
            self.rule,
            self.message,
        )

    def with_severity(self, severity: Severity) -> Diagnostic:
        return replace(self, severity=severity)


def sort_diagnostics(diagnostics: Iterable[Diagnostic]) -> list[Diagnostic]:
    """Stable, position-ordered, without exact duplicates (aliases can repeat a finding)."""
    return sorted(set(diagnostics), key=Diagnostic.sort_key)


def is_failure(diagnostics: Sequence[Diagnostic], *, strict: bool) -> bool:
    """Errors always fail a run; warnings fail it under --strict."""
    failing = {"error", "warning"} if strict else {"error"}
    return any(d.severity in failing for d in diagnostics)


@dataclass(frozen=True, slots=True)
class Summary:
    files: int
    errors: int
    warnings: int
    infos: int

    @classmethod
    def of(cls, diagnostics: Sequence[Diagnostic], files: int) -> Summary:
        count = {"error": 0, "warning": 0, "info": 0}
        for d in diagnostics:
            count[d.severity] += 1
        return cls(files, count["error"], count["warning"], count["info"])

    def sentence(self) -> str:
        checked = count_of(self.files, "file")
        if not (self.errors or self.warnings or self.infos):
            return f"No problems found in {checked}."
        parts = [count_of(self.errors, "error"), count_of(self.warnings, "warning")]
        if self.infos:
            parts.append(count_of(self.infos, "note"))
        return f"Found {', '.join(parts)} in {checked}."
