"""A rule's severity and option for a run: the project's setting, else the rule's default.

The config holds only what the user wrote; the defaults are the rules' own, declared
beside each check, so the two are joined here, above both.
"""

from __future__ import annotations

from journeymap.checks.registry import Rule
from journeymap.core.rules import Setting
from journeymap.project.config import Settings


def severity(settings: Settings, rule: Rule) -> Setting:
    """The severity `rule` reports at under `settings`."""
    configured = settings.configured_severity(rule.name)
    return rule.default if configured is None else configured


def roles(settings: Settings, rule: Rule) -> dict[str, str]:
    """The roles `rule` (`committee-coverage`) requires, each with the stage id by which."""
    return settings.configured_roles(rule.name)


def option(settings: Settings, rule: Rule) -> int:
    """The value of `rule`'s numeric option (`max_age_days`) under `settings`."""
    configured = settings.configured_option(rule.name)
    if configured is not None:
        return configured
    assert rule.option_default is not None, f"{rule.name} takes no option"
    return rule.option_default
