"""How old a review or a piece of evidence is, and whether it is stale: one definition.

The gap report and the completeness checks both judge freshness; they share these two
functions so that "stale" means the same thing everywhere: older than the limit in whole
days, and a missing date is always stale (a reader cannot judge undated research).
"""

from __future__ import annotations

from datetime import date


def age_days(day: date | None, today: date) -> int | None:
    """Whole days from `day` to `today` (negative for a future date); None when undated."""
    if day is None:
        return None
    return (today - day).days


def is_stale(day: date | None, today: date, max_age_days: int) -> bool:
    """Older than `max_age_days`, or undated. Exactly `max_age_days` old is still fresh."""
    age = age_days(day, today)
    return age is None or age > max_age_days
