"""List every rule with its default severity, or explain one with its example.

The configurable rules can be set to off, warning or error in journeymap.yaml; the
others are always errors. `--format json` prints the whole catalogue for tools.

Examples:

  journeymap rules | grep warning
  journeymap rules touchpoint-owner        # what it checks and how to satisfy it
  journeymap rules --format json           # the catalogue, versioned JSON
"""

from __future__ import annotations

import difflib
import json
from collections.abc import Sequence
from typing import Any

from journeymap.checks.catalogue import RULES
from journeymap.checks.registry import Rule
from journeymap.commands._choices import RulesFormat
from journeymap.commands._output import EXIT_OK, Console
from journeymap.core.errors import UsageError

JSON_VERSION = 1


def catalogue() -> list[Rule]:
    """Every rule: the configurable (completeness) ones first, then the structural ones."""
    rules = list(RULES.values())
    return [r for r in rules if r.configurable] + [r for r in rules if not r.configurable]


def rule_dict(rule: Rule) -> dict[str, Any]:
    return {
        "name": rule.name,
        "default": rule.default,
        "configurable": rule.configurable,
        "summary": rule.summary,
        "group": rule.group,
        "explanation": rule.explanation,
        "bad": rule.bad,
        "good": rule.good,
        "option": rule.option,
        "option_default": rule.option_default,
    }


def catalogue_json(rules: Sequence[Rule]) -> str:
    payload = {"version": JSON_VERSION, "rules": [rule_dict(r) for r in rules]}
    return json.dumps(payload, indent=2, ensure_ascii=False) + "\n"


def catalogue_table(rules: Sequence[Rule]) -> str:
    """One rule a line, columns aligned, never wrapped: made for reading and for grep."""
    rows = [["rule", "default", "configurable", "checks"]]
    rows += [[r.name, r.default, "yes" if r.configurable else "no", r.summary] for r in rules]
    widths = [max(len(row[i]) for row in rows) for i in range(3)]
    lines = [
        "  ".join([*(c.ljust(w) for c, w in zip(row, widths, strict=False)), row[3]])
        for row in rows
    ]
    return "\n".join(lines) + "\n"


def _indented(block: str) -> list[str]:
    return ["    " + line if line else "" for line in block.rstrip("\n").splitlines()]


def explain(rule: Rule) -> str:
    """One rule for a reader at a terminal: what it checks, why, and how to satisfy it."""
    out = [f"{rule.name}", "", rule.summary, ""]
    if rule.configurable:
        out.append(f"Default: {rule.default}. Set it to off, warning or error in journeymap.yaml:")
        out.append("")
        out.extend(_indented(f"rules:\n  {rule.name}: {rule.default}"))
        if rule.option is not None:
            out.extend(["", f"Option: `{rule.option}` (default {rule.option_default}):", ""])
            example = f"rules:\n  {rule.name}:\n    severity: {rule.default}\n"
            out.extend(_indented(example + f"    {rule.option}: {rule.option_default}"))
        out.append("")
        out.append(f"Silence it for one element with `x-journeymap-ignore: [{rule.name}]`.")
    else:
        out.append("Always an error: a map that breaks it cannot be rendered or compared.")
    out.extend(["", rule.explanation.rstrip("\n")])
    for title, example in (("Bad", rule.bad), ("Good", rule.good)):
        out.extend(["", f"{title}:", "", *_indented(example)])
    return "\n".join(out) + "\n"


def find(name: str, rules: Sequence[Rule]) -> Rule:
    """The rule called `name`; a usage error with the closest names when there is none."""
    by_name = {r.name: r for r in rules}
    if name in by_name:
        return by_name[name]
    close = difflib.get_close_matches(name, list(by_name), n=3, cutoff=0.5)
    hint = ""
    if close:
        names = close[0] if len(close) == 1 else f"{', '.join(close[:-1])} or {close[-1]}"
        hint = f"; did you mean {names}?"
    raise UsageError(f"no rule named {name!r}{hint} (`journeymap rules` lists them)")


def rules(ui: Console, name: str | None = None, *, output_format: RulesFormat = "text") -> int:
    """The whole catalogue (table or JSON), or one rule (text, or its JSON object)."""
    every = catalogue()
    if name is not None:
        rule = find(name, every)
        if output_format == "json":
            one = {"version": JSON_VERSION, **rule_dict(rule)}
            ui.data(json.dumps(one, indent=2, ensure_ascii=False) + "\n")
        else:
            ui.data(explain(rule))
        return EXIT_OK
    if output_format == "json":
        ui.data(catalogue_json(every))
    else:
        ui.data(catalogue_table(every))
    return EXIT_OK
