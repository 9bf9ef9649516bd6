"""YAML syntax errors as diagnostics a person can act on."""

from __future__ import annotations

from ruamel.yaml.error import MarkedYAMLError

from journeymap.diagnostics import Diagnostic
from journeymap.yaml.source import Pos


def syntax_diagnostic(path: str, text: str, exc: MarkedYAMLError) -> Diagnostic:
    mark = exc.problem_mark or exc.context_mark
    line, column = (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)
    problem = (exc.problem or "invalid YAML").strip()
    context = (exc.context or "").strip()
    message = f"{problem} ({context})" if context else problem
    hint = None
    offending = text.splitlines()[line - 1 : line]
    if "cannot start any token" in message and offending and "\t" in offending[0]:
        hint = "YAML does not allow tabs for indentation; use spaces"
    return Diagnostic(path, line, column, "error", "yaml-syntax", message, hint)


def position_of_index(text: str, index: int) -> Pos:
    before = text[:index]
    return before.count("\n") + 1, index - (before.rfind("\n") + 1) + 1
