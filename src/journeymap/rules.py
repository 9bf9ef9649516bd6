"""The catalogue of diagnostic rules: names, default severities and what each means.

Completeness rules can be set to off/warning/error in journeymap.yaml and silenced per
element; structural rules (syntax, types, references) are always errors, because a map
that breaks them cannot be rendered or compared faithfully.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Setting = Literal["off", "warning", "error"]


@dataclass(frozen=True)
class Rule:
    name: str
    default: Setting
    summary: str
    configurable: bool = True
    option: str | None = None  # the name of a numeric option, if the rule takes one
    option_default: int | None = None


COMPLETENESS = [
    Rule("touchpoint-owner", "warning", "Every touchpoint has an owner or a department."),
    Rule("touchpoint-scores", "warning", "Every touchpoint has importance and performance scores."),
    Rule("touchpoint-emotion", "warning", "Every touchpoint has an emotion."),
    Rule("stage-goal", "warning", "Every stage has a goal."),
    Rule("stage-touchpoints", "warning", "Every stage has at least one touchpoint."),
    Rule("moment-of-truth-risks", "warning", "Every moment of truth names its risks."),
    Rule(
        "pain-point-without-opportunity",
        "warning",
        "Every pain point is addressed by at least one opportunity.",
    ),
    Rule(
        "persona-unused", "warning", "Every persona of a journey appears in a stage or touchpoint."
    ),
    Rule("metric-target", "warning", "Every metric has a target."),
    Rule(
        "future-without-current",
        "warning",
        "A future-state map names the current-state map it improves (`current`).",
    ),
    Rule(
        "review-stale",
        "warning",
        "The map has a `reviewed.date` no older than `max_age_days` (default 180).",
        option="max_age_days",
        option_default=180,
    ),
    Rule(
        "evidence-stale",
        "warning",
        "Evidence is dated and no older than `max_age_days` (default 365).",
        option="max_age_days",
        option_default=365,
    ),
    Rule(
        "personal-data",
        "error",
        "Free text holds no e-mail addresses or phone numbers: quote customers, do not identify them.",
    ),
    Rule(
        "unknown-department",
        "error",
        "A touchpoint's department is one of the config's `departments` (when that list is set).",
    ),
]

STRUCTURAL = [
    Rule("yaml-syntax", "error", "The file is well-formed YAML.", configurable=False),
    Rule("encoding", "error", "The file is UTF-8.", configurable=False),
    Rule("duplicate-key", "error", "A key appears once per mapping.", configurable=False),
    Rule("unsupported-tag", "error", "Only plain YAML values; no tags.", configurable=False),
    Rule("alias-bomb", "error", "Aliases do not expand past a safe budget.", configurable=False),
    Rule(
        "alias-cycle", "error", "An alias does not refer to its own container.", configurable=False
    ),
    Rule("too-deep", "error", "Nesting stays within a sane depth.", configurable=False),
    Rule(
        "empty-file", "error", "A file named on the command line is not empty.", configurable=False
    ),
    Rule("not-a-mapping", "error", "The file is a YAML mapping.", configurable=False),
    Rule("missing-version", "error", "The file starts with `journeymap: 1`.", configurable=False),
    Rule(
        "unsupported-version",
        "error",
        "The format version is one this tool reads.",
        configurable=False,
    ),
    Rule("unknown-field", "error", "Every key is known (or starts with `x-`).", configurable=False),
    Rule("missing-field", "error", "Required fields are present.", configurable=False),
    Rule("invalid-type", "error", "Values have the right type.", configurable=False),
    Rule("invalid-value", "error", "Values are among the allowed ones.", configurable=False),
    Rule("invalid-id", "error", "Ids match `^[a-z0-9][a-z0-9_-]*$`.", configurable=False),
    Rule("invalid-key", "error", "Mapping keys are plain values.", configurable=False),
    Rule(
        "invalid-reference",
        "error",
        "Link targets are written `JOURNEY#TOUCHPOINT`.",
        configurable=False,
    ),
    Rule(
        "out-of-range", "error", "Scores are within 1-5, counts not negative.", configurable=False
    ),
    Rule("duplicate-id", "error", "Ids are unique within their scope.", configurable=False),
    Rule(
        "unresolved-reference",
        "error",
        "Every reference names something that exists.",
        configurable=False,
    ),
    Rule(
        "funnel-order",
        "error",
        "`funnel.continued` is not more than `funnel.entered`.",
        configurable=False,
    ),
    Rule("unknown-rule", "error", "`x-journeymap-ignore` names real rules.", configurable=False),
    Rule("file-too-large", "error", "A file is below the size limit.", configurable=False),
    Rule("unreadable", "error", "A file can be read.", configurable=False),
    Rule(
        "unformattable",
        "error",
        "`fmt` can lay the file out without changing its meaning or moving a comment.",
        configurable=False,
    ),
    Rule(
        "changed-while-formatting",
        "error",
        "Nobody saved the file while `fmt` was formatting it.",
        configurable=False,
    ),
    Rule("write-failed", "error", "`fmt` can write the file it formatted.", configurable=False),
]

RULES: dict[str, Rule] = {rule.name: rule for rule in COMPLETENESS + STRUCTURAL}
CONFIGURABLE = {rule.name: rule for rule in COMPLETENESS}
