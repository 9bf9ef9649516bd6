"""Diagnostics for machines: JSON, GitHub Actions workflow commands, SARIF 2.1.0."""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import asdict

from journeymap.diagnostics import Diagnostic, Summary

# --- json ------------------------------------------------------------------------------


def diagnostics_json(
    diagnostics: Sequence[Diagnostic], files: int, error: str | None = None
) -> str:
    """`{"version": 1, "diagnostics", "summary", "error"}`; `error` is the usage error
    that stopped the run (exit 2), else null, so a consumer never meets plain text."""
    summary = Summary.of(diagnostics, files)
    payload = {
        "version": 1,
        "diagnostics": [asdict(d) for d in diagnostics],
        "summary": asdict(summary),
        "error": error,
    }
    return json.dumps(payload, indent=2, ensure_ascii=False) + "\n"


# --- GitHub Actions workflow commands ---------------------------------------------------


def _gh_escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _gh_escape_property(text: str) -> str:
    return _gh_escape_data(text).replace(":", "%3A").replace(",", "%2C")


def github_annotations(diagnostics: Sequence[Diagnostic], error: str | None = None) -> str:
    """`::error file=…,line=…` annotations that GitHub shows on the pull request's diff;
    a usage error with no position of its own becomes a file-less `::error` line."""
    level = {"error": "error", "warning": "warning", "info": "notice"}
    lines = []
    if error is not None and not diagnostics:
        lines.append(f"::error title=journeymap::{_gh_escape_data(error)}")
    for d in diagnostics:
        message = d.message + (f" ({d.hint})" if d.hint else "")
        props = (
            f"file={_gh_escape_property(d.path)},line={d.line},col={d.column},"
            f"title={_gh_escape_property('journeymap ' + d.rule)}"
        )
        lines.append(f"::{level[d.severity]} {props}::{_gh_escape_data(message)}")
    return "\n".join(lines) + ("\n" if lines else "")


# --- SARIF 2.1.0 -----------------------------------------------------------------------


def sarif_log(
    diagnostics: Sequence[Diagnostic],
    rule_help: Mapping[str, str],
    version: str,
    error: str | None = None,
) -> str:
    """SARIF 2.1.0 for GitHub code scanning and other static-analysis dashboards.

    A usage error (exit 2) is a `toolExecutionNotifications` entry of an unsuccessful
    invocation, beside the results on journeymap.yaml when it has positions."""
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
                "invocations": [_invocation(error)],
            }
        ],
    }
    return json.dumps(sarif, indent=2, ensure_ascii=False) + "\n"


def _invocation(error: str | None) -> dict[str, object]:
    if error is None:
        return {"executionSuccessful": True}
    notification = {"level": "error", "message": {"text": error}}
    return {"executionSuccessful": False, "toolExecutionNotifications": [notification]}
