"""Every gap shows size, weight and moment-of-truth factor, in md, html and json."""

from __future__ import annotations

import json
from typing import Any

from conftest import EXAMPLES
from journeymap.gaps.results import make_gap


def test_parts_are_rounded_before_they_are_multiplied() -> None:
    # funnel at the pilot: 54 of 95 lost, importance 5, a moment of truth
    # size = 5 x 54/95 = 2.8421... -> 2.84; weight = 5/5 = 1; factor 1.5
    # score = 2.84 x 1 x 1.5 = 4.26 (a reader with the shown parts gets the same)
    gap = make_gap("funnel", "j", "s", "t", size=5 * 54 / 95, weight=1.0, factor=1.5, summary="")
    assert (gap.size, gap.weight, gap.moment_of_truth_factor, gap.score) == (2.84, 1.0, 1.5, 4.26)
    # metric: 58 days against a target of 30, lower is better: shortfall 28/30
    # size = 5 x 0.9333... = 4.666... -> 4.67; score 4.67 x 1 x 1 = 4.67
    gap = make_gap("metric", "j", "s", None, size=5 * 28 / 30, weight=1.0, factor=1.0, summary="")
    assert (gap.size, gap.score) == (4.67, 4.67)


def test_every_format_shows_the_parts(cli: Any) -> None:
    data = json.loads(cli("gaps", "--format", "json", cwd=EXAMPLES).stdout)
    security = next(g for g in data["gaps"] if g["touchpoint"] == "security-review")
    # importance 4, performance 1, a moment of truth: (4 - 1) x 4/5 x 1.5 = 3.6
    assert (security["size"], security["weight"], security["moment_of_truth_factor"]) == (
        3.0,
        0.8,
        1.5,
    )
    assert security["score"] == 3.6
    md = cli("gaps", cwd=EXAMPLES).stdout
    assert "| 3.6 | 3 × 0.8 × 1.5 | importance vs performance | acme-b2b |" in md
    html = cli("gaps", "--format", "html", cwd=EXAMPLES).stdout
    assert '<td class="num">3.6</td><td class="num formula">3 × 0.8 × 1.5</td>' in html
    for gap in data["gaps"]:
        assert gap["score"] == round(
            gap["size"] * gap["weight"] * gap["moment_of_truth_factor"], 2
        ), gap
