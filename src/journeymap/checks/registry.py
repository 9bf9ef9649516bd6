"""The rule type, and the registry that ties each rule to the function that checks it.

A rule is declared once, as a module-level constant beside the code that checks it (or,
for rules found while reading a file, in `structural.py`); `catalogue.py` gathers them.
Check functions receive a `JourneyContext` and yield `Finding`s; the runner turns those
into diagnostics, applying the rule's severity and `x-journeymap-ignore` silences.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

from journeymap.core.diagnostics import Loc, RuleName
from journeymap.core.rules import Setting

if TYPE_CHECKING:
    from journeymap.checks.context import JourneyContext

Group = Literal[
    "files and YAML",
    "format and types",
    "project file",
    "identity and references",
    "completeness",
    "freshness and privacy",
    "data for refresh",
    "formatting",
]


@dataclass(frozen=True)
class Rule:
    """One rule: what it checks, why, and a failing and a passing example."""

    name: RuleName
    default: Setting
    summary: str
    group: Group
    explanation: str = ""
    bad: str = ""  # a small file that breaks the rule
    good: str = ""  # the same file, mended
    configurable: bool = False  # completeness rules can be set off/warning/error
    option: str | None = None  # the name of a numeric option, if the rule takes one
    option_default: int | None = None


SILENCE_NOTE = (
    " Set its severity in journeymap.yaml (`rules: {NAME: off}`), or silence it on one "
    "element and everything inside it with `x-journeymap-ignore: [NAME]`."
)


@dataclass(frozen=True)
class RuleGroup:
    """The heading, default severity and settings that the rules of one module share.

    A rule is declared through its group with its documentation written as a docstring
    (summary line, blank line, explanation), the way ruff documents a rule beside its
    code: the prose reads as prose, and the heading and severity are said once.
    """

    name: Group
    default: Setting
    configurable: bool = False
    silence_note: bool = False  # end each explanation with how to turn the rule off

    def rule(
        self,
        name: RuleName,
        doc: str,
        *,
        bad: str,
        good: str,
        default: Setting | None = None,
        option: str | None = None,
        option_default: int | None = None,
    ) -> Rule:
        summary, _, explanation = inspect.cleandoc(doc).partition("\n\n")
        explanation = " ".join(explanation.split())
        if self.silence_note:
            explanation += SILENCE_NOTE.replace("NAME", name)
        return Rule(
            name,
            default or self.default,
            summary,
            self.name,
            explanation=explanation,
            bad=bad,
            good=good,
            configurable=self.configurable,
            option=option,
            option_default=option_default,
        )


@dataclass(frozen=True)
class Finding:
    """A rule broken at `loc` inside one journey; `silenced` are the rules ignored there."""

    loc: Loc
    message: str
    hint: str | None = None
    silenced: frozenset[str] = frozenset()
    on_key: bool = False
    rule: RuleName | None = None  # another rule than the check's own (a related one)


Check = Callable[["JourneyContext"], Iterator[Finding]]

# Rules with a journey-level check function, in registration order (the order in which
# their findings are produced; output is sorted by position afterwards anyway).
CHECKS: list[tuple[Rule, Check]] = []


def checks(rule: Rule) -> Callable[[Check], Check]:
    """Register the decorated function as the check of `rule`."""

    def register(function: Check) -> Check:
        CHECKS.append((rule, function))
        return function

    return register
