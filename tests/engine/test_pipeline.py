"""The shared load -> check -> keep-valid sequence, and the pinnable clock."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest

from journeymap.core.clock import ClockError, today
from journeymap.engine.pipeline import load_checked
from journeymap.model import Journey


def test_valid_journeys_leave_out_files_with_errors(project: Path, monkeypatch: Any) -> None:
    monkeypatch.chdir(project)
    (project / "journeys" / "extra.yaml").write_text(
        "journeymap: 1\nid: extra\ntitle: Extra\nstages:\n  - id: s\n    name: S\n"
        "    touchpoints: [{id: t, name: T, importance: 50}]\n",
        encoding="utf-8",
    )
    checked = load_checked([], None, today=date(2026, 11, 22))
    assert checked.failed
    assert checked.failed_paths == {"journeys/extra.yaml"}
    assert [(e.rule, e.line) for e in checked.errors] == [("out-of-range", 7)]
    ids = ["acme-b2b", "acme-b2b-future", "shipper-consumer", "shipper-partner"]
    assert sorted(j.id for j in checked.journeys) == ids
    assert sorted(m.id for m in checked.models if isinstance(m, Journey)) == ids
    assert checked.journey_paths["acme-b2b"] == "journeys/acme-b2b-current.yaml"
    assert "finance-director" in checked.library


def test_clean_portfolio_keeps_every_journey(project: Path, monkeypatch: Any) -> None:
    monkeypatch.chdir(project)
    checked = load_checked([], None, today=date(2026, 11, 22))
    assert not checked.failed and checked.errors == []
    assert len(checked.journeys) == 4


def test_clock_is_pinned_by_the_environment() -> None:
    assert today({"JOURNEYMAP_TODAY": "2025-02-03"}) == date(2025, 2, 3)
    assert today({}) == date.today()
    with pytest.raises(ClockError, match=r"JOURNEYMAP_TODAY='2025-13-01' is not a date"):
        today({"JOURNEYMAP_TODAY": "2025-13-01"})


def test_bad_pinned_date_is_a_usage_error(cli: Any, monkeypatch: Any, project: Path) -> None:
    monkeypatch.setenv("JOURNEYMAP_TODAY", "tomorrow")
    result = cli("validate", cwd=project)
    assert result.exit_code == 2
    assert "JOURNEYMAP_TODAY='tomorrow' is not a date (YYYY-MM-DD)" in result.stderr
