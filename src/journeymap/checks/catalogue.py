"""The catalogue: every rule journeymap can report, gathered from where each is declared.

`journeymap rules` prints it, `journeymap rules NAME` explains one rule, the config
schema lists the names, and tests hold it equal to `diagnostics.RuleName`.
"""

from __future__ import annotations

from journeymap.checks import (
    committee,
    completeness,
    data,
    files,
    freshness,
    privacy,
    references,
    structural,
)
from journeymap.checks.registry import CHECKS, Rule

_MODULES = (files, structural, references, committee, completeness, freshness, privacy, data)

RULES: dict[str, Rule] = {
    value.name: value
    for module in _MODULES
    for value in vars(module).values()
    if isinstance(value, Rule)
}
CONFIGURABLE: dict[str, Rule] = {name: r for name, r in RULES.items() if r.configurable}

__all__ = ["CHECKS", "CONFIGURABLE", "RULES", "Rule"]
