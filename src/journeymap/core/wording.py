"""Counts and quantities in words, written one way in every output.

`count_of(1, "stage")` is `1 stage`, `count_of(2, "stage")` `2 stages`, and a fraction
takes the plural (`1.5 days`), as English does. `with_unit` writes a figure with its
unit: `%` sticks to the number (`1.4%`), every other unit follows a space (`4 weeks`),
and a one-word plural unit becomes singular for exactly one (`1 day`). Views, the gap
report, messages and summaries all say it through these, so a page, its table and the
terminal never disagree; templates only display the phrases the views make.
"""

from __future__ import annotations

import re

_ONE_WORD = re.compile(r"[a-z]{3,}")
_RATES = frozenset({"bps", "kbps", "mbps", "gbps", "fps", "rps", "qps", "tps"})


def number(value: float) -> str:
    """A figure as people write it: `3`, `1.5`, `0.6`, `12,400`; two decimals at most."""
    rounded = round(float(value), 2)
    if rounded.is_integer():
        return f"{int(rounded):,}"
    return f"{rounded:,}"


def _is_one(count: float) -> bool:
    return round(float(count), 2) == 1


def plural_of(word: str) -> str:
    """The regular English plural: `stage` -> `stages`, `opportunity` -> `opportunities`,
    `touch` -> `touches`. Irregular ones are given to `plural` as `many`."""
    if re.search(r"[^aeiou]y$", word):
        return word[:-1] + "ies"
    if re.search(r"(s|x|z|ch|sh)$", word):
        return word + "es"
    return word + "s"


def plural(count: float, word: str, many: str | None = None) -> str:
    """`word` for exactly one, else its plural (`many`, or the regular plural)."""
    return word if _is_one(count) else (many or plural_of(word))


def count_of(count: float, word: str, many: str | None = None) -> str:
    """`1 stage`, `0 stages`, `2 stages`, `1.5 days`, `1,200 touchpoints`."""
    return f"{number(count)} {plural(count, word, many)}"


def singular_of(word: str) -> str:
    """A one-word plural unit for one of it: `days` -> `day`, `replies` -> `reply`.
    Anything else (`%`, `NPS`, `ms`, `kbps`, `a month`) is kept as written."""
    if not _ONE_WORD.fullmatch(word) or word in _RATES:
        return word
    if word.endswith("ies"):
        return word[:-3] + "y"
    if re.search(r"(ss|x|z|ch|sh)es$", word):
        return word[:-2]
    if word.endswith("s") and not re.search(r"(ss|us|is)$", word):
        return word[:-1]
    return word


def with_unit(value: float | None, unit: str | None) -> str:
    """A figure and its unit: `1.4%`, `3 days`, `1 day`, `1.5 days`; empty when unknown."""
    if value is None:
        return ""
    text = number(value)
    if not unit:
        return text
    if unit == "%":
        return f"{text}%"
    return f"{text} {singular_of(unit) if _is_one(value) else unit}"
