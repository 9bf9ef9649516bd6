"""Diagnostics for machines: JSON, GitHub Actions workflow commands, SARIF 2.1.0."""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import asdict
from typing import Protocol
from urllib.parse import quote

from journeymap.core.diagnostics import Diagnostic, Summary
from journeymap.core.textsafe import visible_in_lines, visible_json
from journeymap.formats.sourceroot import SourceRoot

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
    return visible_json(json.dumps(payload, indent=2, ensure_ascii=False)) + "\n"


# --- GitHub Actions workflow commands ---------------------------------------------------


def _gh_escape_data(text: str) -> str:
    """As @actions/core escapes, after control and bidi characters are shown as escapes."""
    return visible_in_lines(text).replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _gh_escape_property(text: str) -> str:
    return _gh_escape_data(text).replace(":", "%3A").replace(",", "%2C")


def github_annotations(
    diagnostics: Sequence[Diagnostic], error: str | None = None, root: SourceRoot | None = None
) -> str:
    """`::error file=…,line=…` annotations that GitHub shows on the pull request's diff;
    a usage error with no position of its own becomes a file-less `::error` line.

    GitHub places an annotation by its path from the repository's root: with `root`, each
    path is written relative to it (a file outside it keeps the path it was given)."""
    level = {"error": "error", "warning": "warning", "info": "notice"}
    lines = []
    if error is not None and not diagnostics:
        lines.append(f"::error title=journeymap::{_gh_escape_data(error)}")
    for d in diagnostics:
        message = d.message + (f" ({d.hint})" if d.hint else "")
        path = (root.relative(d.path) if root else None) or d.path
        props = (
            f"file={_gh_escape_property(path)},line={d.line},col={d.column},"
            f"title={_gh_escape_property('journeymap ' + d.rule)}"
        )
        lines.append(f"::{level[d.severity]} {props}::{_gh_escape_data(message)}")
    return "\n".join(lines) + ("\n" if lines else "")


# --- SARIF 2.1.0 -----------------------------------------------------------------------


class RuleDoc(Protocol):
    """What SARIF tells about a rule; `checks.registry.Rule` has it."""

    @property
    def summary(self) -> str: ...
    @property
    def explanation(self) -> str: ...
    @property
    def bad(self) -> str: ...
    @property
    def good(self) -> str: ...


def _rule_descriptor(rule: str, doc: RuleDoc | None) -> dict[str, object]:
    """The rule's summary, explanation and examples, so code scanning can show them
    beside an alert (GitHub reads `help.markdown`)."""
    if doc is None:
        return {"id": rule, "shortDescription": {"text": rule}}
    explanation = doc.explanation or doc.summary
    text, markdown = [explanation], [explanation]
    for label, example in (("Breaks the rule", doc.bad), ("Mended", doc.good)):
        if example:
            text.append(f"{label}:\n{example}")
            markdown.append(f"{label}:\n\n```yaml\n{example.rstrip()}\n```")
    return {
        "id": rule,
        "shortDescription": {"text": doc.summary},
        "fullDescription": {"text": explanation},
        "help": {"text": "\n\n".join(text), "markdown": "\n\n".join(markdown)},
    }


SRCROOT = "%SRCROOT%"


def _artifact(path: str, root: SourceRoot) -> dict[str, str]:
    """A file relative to `%SRCROOT%` (percent-encoded, `with%20space.yaml`), as code
    scanning maps it onto the repository; a file outside the root by its absolute URI."""
    relative = root.relative(path)
    if relative is None:
        return {"uri": root.absolute(path).as_uri()}
    return {"uri": quote(relative), "uriBaseId": SRCROOT}


def sarif_log(
    diagnostics: Sequence[Diagnostic],
    rule_help: Mapping[str, RuleDoc],
    version: str,
    error: str | None = None,
    *,
    root: SourceRoot,
) -> str:
    """SARIF 2.1.0 for GitHub code scanning and other static-analysis dashboards.

    Locations are relative to `%SRCROOT%`, which `originalUriBaseIds` defines as `root`
    (the repository's top level, or the current folder outside git).
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
                            "artifactLocation": _artifact(d.path, root),
                            "region": {"startLine": d.line, "startColumn": d.column},
                        }
                    }
                ],
            }
        )
    rules = [_rule_descriptor(rule, rule_help.get(rule)) for rule in used]
    sarif = {
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "journeymap",
                        "version": version,
                        "rules": rules,
                    }
                },
                "originalUriBaseIds": {SRCROOT: {"uri": root.uri()}},
                "results": results,
                "invocations": [_invocation(error)],
            }
        ],
    }
    return visible_json(json.dumps(sarif, indent=2, ensure_ascii=False)) + "\n"


def _invocation(error: str | None) -> dict[str, object]:
    if error is None:
        return {"executionSuccessful": True}
    notification = {"level": "error", "message": {"text": error}}
    return {"executionSuccessful": False, "toolExecutionNotifications": [notification]}
