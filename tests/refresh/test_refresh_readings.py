"""refresh (issue 27.11): one reading per date in a metric's history, and the metric's
evidence names the CSV its value came from. On the fixture of tests/test_refresh.py."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest

from conftest import DATA
from journeymap.loading.loader import load_file
from journeymap.model import Journey, Metric

PROJECT = DATA / "refresh" / "project"
JOURNEY = Path("journeys") / "acme.yaml"
# The survey export gives the nps metric 13, as of 2026-09-29 (see tests/test_refresh.py).
NPS = """\
        value: 38   # last quarter's survey
        target: 40
        as_of: 2026-06-30
"""


@pytest.fixture
def project(tmp_path: Path) -> Path:
    target = tmp_path / "project"
    shutil.copytree(PROJECT, target)
    return target


def _edit(project: Path, old: str, new: str) -> None:
    path = project / JOURNEY
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _journey(project: Path) -> Journey:
    doc = load_file(project / JOURNEY, str(JOURNEY))
    assert doc.journey is not None, doc.diagnostics
    return doc.journey


def _nps(journey: Journey) -> Metric:
    return next(m for m in journey.stages[0].metrics if m.id == "nps")


def _readings(metric: Metric) -> list[tuple[str | None, float]]:
    return [(p.date.isoformat() if p.date else None, p.value) for p in metric.history]


def _refresh(cli: Any, project: Path) -> None:
    result = cli("refresh", cwd=project)
    assert result.exit_code == 0, result.output
    again = cli("refresh", "--check", cwd=project)  # and a second run has nothing to do
    assert again.exit_code == 0, again.output


def test_a_second_reading_on_a_date_replaces_the_first(cli: Any, project: Path) -> None:
    """The map says 86 as of 2026-09-29 (a first count); the export says 13 for that day."""
    _edit(project, NPS, NPS.replace("value: 38", "value: 86").replace("06-30", "09-29"))
    _refresh(cli, project)
    assert _readings(_nps(_journey(project))) == [("2026-09-29", 13)]


def test_a_reading_for_a_date_in_the_history_replaces_it(cli: Any, project: Path) -> None:
    history = "        history:\n          - {date: 2026-06-30, value: 38}\n"
    history += "          - {date: 2026-09-29, value: 86}\n"
    _edit(project, NPS, NPS.replace("value: 38", "value: 86").replace("06-30", "09-29") + history)
    _refresh(cli, project)
    assert _readings(_nps(_journey(project))) == [("2026-06-30", 38), ("2026-09-29", 13)]


OCTOBER = """
evidence:
  - {id: nps-october, kind: survey, title: October NPS survey, date: 2026-06-30}
"""


def test_the_evidence_names_the_export_the_value_came_from(cli: Any, project: Path) -> None:
    _edit(project, NPS, NPS + "        evidence: [nps-october]\n")
    _edit(project, "\n# end of journey", OCTOBER + "\n# end of journey")
    _refresh(cli, project)
    journey = _journey(project)
    assert _nps(journey).evidence == ["survey-export"]
    entries = {e.id: e for e in journey.evidence}
    assert entries["nps-october"].title == "October NPS survey"  # kept, no longer cited
    cited = entries["survey-export"]
    assert (cited.kind, cited.url, str(cited.date)) == (
        "survey",
        "data/survey-export.csv",
        "2026-09-29",
    )
    helpdesk = [m for m in journey.stages[2].touchpoints[0].metrics if m.evidence]
    # one entry for the helpdesk export, however many of its metrics were refreshed
    assert {m.id: m.evidence for m in helpdesk} == {
        "support-csat": ["helpdesk-tickets"],
        "ces": ["helpdesk-tickets"],
        "first-response-hours": ["helpdesk-tickets"],
    }
    assert [e.id for e in journey.evidence] == ["nps-october", "survey-export", "helpdesk-tickets"]
    text = (project / JOURNEY).read_text(encoding="utf-8")
    assert "as_of: 2026-09-28 # matches the export already\n" in text  # stays on its line
    assert text.endswith("\n\n# end of journey\n")
    validate = cli("validate", cwd=project)
    assert "Found 0 errors" in validate.stderr, validate.output


def test_an_entry_for_the_export_is_reused_by_its_url(cli: Any, project: Path) -> None:
    _edit(project, NPS, NPS + "        evidence: [q3-survey]\n")
    entry = "\nevidence:\n  - {id: q3-survey, kind: survey, date: 2026-06-30, url: data/survey-export.csv}\n"
    _edit(project, "\n# end of journey", entry + "\n# end of journey")
    _refresh(cli, project)
    journey = _journey(project)
    assert _nps(journey).evidence == ["q3-survey"]
    survey = [e for e in journey.evidence if e.url == "data/survey-export.csv"]
    assert [(e.id, str(e.date)) for e in survey] == [("q3-survey", "2026-09-29")]
