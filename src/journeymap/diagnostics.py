"""The one Diagnostic type every command reports with, and its output formats.

Formatters return strings; printing (and colour) is the CLI's business. Keeping the
formats here means `validate`, `render`, `gaps`, `diff` and `fmt` all speak the same
language about bad input.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Sequence
from dataclasses import asdict, dataclass, replace
from typing import Literal

Severity = Literal["error", "warning", "info"]

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
    # freshness and privacy
    "review-stale",
    "evidence-stale",
    "personal-data",
    # formatting
    "unformattable",
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
        def plural(n: int, word: str) -> str:
            return f"{n} {word}{'' if n == 1 else 's'}"

        checked = plural(self.files, "file")
        if not (self.errors or self.warnings or self.infos):
            return f"No problems found in {checked}."
        parts = [plural(self.errors, "error"), plural(self.warnings, "warning")]
        if self.infos:
            parts.append(plural(self.infos, "note"))
        return f"Found {', '.join(parts)} in {checked}."


# --- text ------------------------------------------------------------------------------


def headline(d: Diagnostic) -> str:
    """The grep-able, editor-clickable first line: `path:line:col: severity[rule] message`."""
    return f"{d.path}:{d.line}:{d.column}: {d.severity}[{d.rule}] {d.message}"


def code_frame(d: Diagnostic, source_line: str | None) -> list[str]:
    """The offending source line and a caret under the column, like a compiler."""
    if source_line is None:
        return []
    gutter = str(d.line)
    text = source_line.rstrip("\r\n").expandtabs(1)
    if len(text) > 200:  # a minified line must not flood the terminal
        start = max(0, d.column - 100)
        text = ("…" if start else "") + text[start : start + 200]
        caret_col = d.column - start + (1 if start else 0)
    else:
        caret_col = d.column
    pad = " " * len(gutter)
    return [f" {gutter} | {text}", f" {pad} | {' ' * (caret_col - 1)}^"]


def format_text(
    diagnostics: Sequence[Diagnostic],
    source_line: Callable[[str, int], str | None] | None = None,
) -> str:
    """Plain text; with `source_line` (path, line) -> text, each entry gets a code frame."""
    out: list[str] = []
    for d in diagnostics:
        out.append(headline(d))
        if source_line is not None:
            out.extend(code_frame(d, source_line(d.path, d.line)))
        if d.hint:
            out.append(f"  = help: {d.hint}")
    return "\n".join(out) + ("\n" if out else "")


# --- json ------------------------------------------------------------------------------


def format_json(diagnostics: Sequence[Diagnostic], files: int) -> str:
    summary = Summary.of(diagnostics, files)
    payload = {
        "diagnostics": [asdict(d) for d in diagnostics],
        "summary": asdict(summary),
    }
    return json.dumps(payload, indent=2, ensure_ascii=False) + "\n"


# --- GitHub Actions workflow commands ---------------------------------------------------


def _gh_escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _gh_escape_property(text: str) -> str:
    return _gh_escape_data(text).replace(":", "%3A").replace(",", "%2C")


def format_github(diagnostics: Sequence[Diagnostic]) -> str:
    """`::error file=…,line=…` annotations that GitHub shows on the pull request's diff."""
    level = {"error": "error", "warning": "warning", "info": "notice"}
    lines = []
    for d in diagnostics:
        message = d.message + (f" ({d.hint})" if d.hint else "")
        props = (
            f"file={_gh_escape_property(d.path)},line={d.line},col={d.column},"
            f"title={_gh_escape_property('journeymap ' + d.rule)}"
        )
        lines.append(f"::{level[d.severity]} {props}::{_gh_escape_data(message)}")
    return "\n".join(lines) + ("\n" if lines else "")


# --- SARIF 2.1.0 -----------------------------------------------------------------------


def format_sarif(diagnostics: Sequence[Diagnostic], rule_help: dict[str, str], version: str) -> str:
    """SARIF 2.1.0 for GitHub code scanning and other static-analysis dashboards."""
    level = {"error": "error", "warning": "warning", "info": "note"}
    used = sorted({d.rule for d in diagnostics})
    index = {rule: i for i, rule in enumerate(used)}
    results = []
    for d in diagnostics:
        text = d.message + (f" Help: {d.hint}" if d.hint else "")
        results.append(
            {
                "ruleId": d.rule,
                "ruleIndex": index[d.rule],
                "level": level[d.severity],
                "message": {"text": text},
                "locations": [
                    {
                        "physicalLocation": {
                            "artifactLocation": {"uri": d.path.replace("\\", "/")},
                            "region": {"startLine": d.line, "startColumn": d.column},
                        }
                    }
                ],
            }
        )
    rules = [
        {
            "id": rule,
            "name": rule,
            "shortDescription": {"text": rule_help.get(rule, rule)},
        }
        for rule in used
    ]
    sarif = {
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "journeymap",
                        "version": version,
                        "informationUri": "https://github.com/journeymap/journeymap",
                        "rules": rules,
                    }
                },
                "results": results,
            }
        ],
    }
    return json.dumps(sarif, indent=2, ensure_ascii=False) + "\n"
