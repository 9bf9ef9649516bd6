"""One definition of age and staleness, shared by the gap report and the checks."""

from __future__ import annotations

from datetime import date

from journeymap.model.freshness import age_days, is_stale

TODAY = date(2026, 11, 22)


def test_age_in_whole_days() -> None:
    assert age_days(date(2026, 11, 1), TODAY) == 21
    assert age_days(date(2026, 11, 23), TODAY) == -1  # dated tomorrow
    assert age_days(None, TODAY) is None


def test_stale_only_past_the_limit() -> None:
    assert is_stale(date(2026, 11, 2), TODAY, 20) is False  # 20 days: on the limit, fresh
    assert is_stale(date(2026, 11, 1), TODAY, 20) is True  # 21 days
    assert is_stale(None, TODAY, 10_000) is True  # undated is always stale
