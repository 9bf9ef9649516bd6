"""Rule names and settings as types, for the rooms below the checks that need them.

The rules themselves (what each checks, its default, its examples) are declared beside
their checks in `journeymap.checks`; the config only needs to know which names a user
may set and what a setting looks like. A test holds `CONFIGURABLE_RULES` equal to the
catalogue's configurable rules, as `RuleName` is held equal to the whole catalogue.
"""

from __future__ import annotations

from typing import Literal, get_args

Setting = Literal["off", "warning", "error"]

ConfigurableRule = Literal[
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
    "review-stale",
    "evidence-stale",
    "personal-data",
]

CONFIGURABLE_RULES: tuple[str, ...] = get_args(ConfigurableRule)

# The option each configurable rule takes beside its severity (held equal to the
# catalogue's `Rule.option` by a test); a rule not named here takes none.
RULE_OPTIONS: dict[str, str] = {
    "review-stale": "max_age_days",
    "evidence-stale": "max_age_days",
    "committee-coverage": "roles",
}

# The rules that take `max_age_days` (a test holds this equal to the catalogue's options).
RULES_WITH_MAX_AGE: tuple[str, ...] = tuple(
    name for name, option in RULE_OPTIONS.items() if option == "max_age_days"
)
