"""Evidence: distinct kinds per pain point, flags for unbacked figures, titles and dates."""

from __future__ import annotations

from datetime import date
from typing import Any

from conftest import EXAMPLES
from gaps.gap_helpers import journey
from journeymap.gaps.report import analyse

MAP = """\
journeymap: 1
id: ev
title: Evidence
evidence:
  - {id: i1, kind: interview, title: Interview one, date: 2026-10-01}
  - {id: i2, kind: interview, title: Interview two, date: 2026-10-02}
  - {id: s1, kind: survey, title: Survey, date: 2025-01-01}
  - {id: old, kind: crm}
stages:
  - id: s
    name: S
    metrics:
      - {id: backed, name: Backed, value: 1, target: 2, evidence: [s1]}
      - {id: bare, name: Bare, value: 1, target: 2}
      - {id: planned, name: Planned, target: 2}
    touchpoints:
      - id: t
        name: T
        pain_points:
          - {id: ten-interviews, text: Many interviews, evidence: [i1, i2]}
          - {id: mixed, text: Interview and survey, evidence: [i1, s1]}
          - {id: hearsay, text: Nobody asked}
          - {id: untitled, text: Untitled source, evidence: [old]}
"""


def cov() -> Any:
    return analyse([journey(MAP)], {}, today=date(2026, 11, 22), evidence_max_age=365).coverage[0]


def test_distinct_kinds_per_pain_point() -> None:
    kinds = {p.pain_point: p.evidence_kinds for p in cov().pain_points}
    # two interviews are one kind; an interview and a survey are two; none is zero
    assert kinds == {"ten-interviews": 1, "mixed": 2, "hearsay": 0, "untitled": 1}


def test_flags_unbacked_pain_points_and_metrics() -> None:
    c = cov()
    assert c.pain_points_without_evidence == ("hearsay",)
    # `planned` has no value yet, so there is no figure to back
    assert c.metrics_without_evidence == ("bare",)
    assert (c.pain_points_with_evidence, c.evidence_share) == (3, 0.75)  # 3 of 4


def test_evidence_age_and_staleness() -> None:
    ages = {e.id: (e.age_days, e.stale) for e in cov().evidence}
    # 2026-10-01 -> 2026-11-22: 30 + 22 = 52 days; 2025-01-01 -> 2026-11-22: 365 + 325 = 690
    assert ages == {
        "i1": (52, False),
        "i2": (51, False),
        "s1": (690, True),
        "old": (None, True),  # undated is stale
    }


def test_report_shows_titles_and_dates_not_ids(cli: Any, tmp_path: Any) -> None:
    (tmp_path / "ev.yaml").write_text(MAP, encoding="utf-8")
    md = cli("gaps", str(tmp_path / "ev.yaml"), cwd=tmp_path).stdout
    assert (
        "| Interview and survey | t | 2 | Interview one (2026-10-01), Survey (2025-01-01) |" in md
    )
    assert "| Nobody asked | t | 0 | no evidence ⚠ |" in md
    assert "untitled evidence (old) (undated)" in md
    assert "- Pain points without evidence: hearsay" in md
    assert "- Metrics without evidence: bare" in md
    assert "Survey (2025-01-01)" in md.split("## Metrics")[1].split("## Funnel")[0]


def test_example_metrics_cite_their_sources(cli: Any) -> None:
    md = cli("gaps", cwd=EXAMPLES).stdout
    row = next(line for line in md.splitlines() if "| Support CSAT |" in line)
    assert row.endswith("| Support ticket themes, Q3 2026 (1,240 tickets) (2026-10-05) |")
