"""The IPA crosshair: midpoint or mean, a value on it counts as high, stated in every report."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from gaps.gap_helpers import journey
from journeymap.gaps.report import analyse
from journeymap.gaps.scoring import Crosshair, crosshair, quadrant

# (importance, performance) = (5,4), (5,4), (4,5), (4,5): the done-when case of issue 13
FOUR = """\
journeymap: 1
id: four
title: Four
stages:
  - id: s
    name: S
    touchpoints:
      - {id: a, name: A, importance: 5, performance: 4}
      - {id: b, name: B, importance: 5, performance: 4}
      - {id: c, name: C, importance: 4, performance: 5}
      - {id: d, name: D, importance: 4, performance: 5}
"""


def quadrants(method: Any) -> dict[str, str]:
    report = analyse([journey(FOUR)], {}, today=date(2026, 11, 22), ipa_crosshair=method)
    return {row.touchpoint: row.quadrant for row in report.ipa}


def test_midpoint_puts_all_four_in_keep_up() -> None:
    # importance 5 and 4 are >= 3, performance 4 and 5 are >= 3: high on both
    assert quadrants("midpoint") == {"a": "keep-up", "b": "keep-up", "c": "keep-up", "d": "keep-up"}


def test_mean_splits_them() -> None:
    # mean importance (5+5+4+4)/4 = 4.5, mean performance (4+4+5+5)/4 = 4.5
    # (5,4): 5 >= 4.5 high, 4 < 4.5 low -> concentrate-here
    # (4,5): 4 < 4.5 low, 5 >= 4.5 high -> possible-overkill
    assert crosshair("mean", [(5, 4), (5, 4), (4, 5), (4, 5)]) == Crosshair("mean", 4.5, 4.5, 4)
    assert quadrants("mean") == {
        "a": "concentrate-here",
        "b": "concentrate-here",
        "c": "possible-overkill",
        "d": "possible-overkill",
    }


@pytest.mark.parametrize(
    ("scores", "expected"),
    [
        ((3, 3), "keep-up"),  # on both lines: high importance, high performance
        ((3, 2), "concentrate-here"),
        ((2, 3), "possible-overkill"),
        ((2, 2), "low-priority"),
    ],
)
def test_a_value_on_the_crosshair_counts_as_high(scores: tuple[int, int], expected: str) -> None:
    assert quadrant(*scores) == expected


def test_mean_with_an_integer_mean_counts_equal_as_high() -> None:
    # means (4+2)/2 = 3 and (4+2)/2 = 3: (4,2) has importance above, performance below
    centre = crosshair("mean", [(4, 2), (2, 4)])
    assert (centre.importance, centre.performance) == (3.0, 3.0)
    assert quadrant(3, 3, centre) == "keep-up"
    assert quadrant(4, 2, centre) == "concentrate-here"


def test_mean_without_scores_falls_back_to_the_midpoint() -> None:
    assert crosshair("mean", []) == Crosshair("mean", 3.0, 3.0, 0)


@pytest.fixture
def four_project(tmp_path: Path) -> Path:
    (tmp_path / "journeys").mkdir()
    (tmp_path / "journeys" / "four.yaml").write_text(FOUR, encoding="utf-8")
    (tmp_path / "journeymap.yaml").write_text(
        'journeys: ["journeys/*.yaml"]\ngaps: {ipa_crosshair: mean}\n', encoding="utf-8"
    )
    return tmp_path


def test_config_mean_reaches_every_format(cli: Any, four_project: Path) -> None:
    md = cli("gaps", cwd=four_project)
    html = cli("gaps", "--format", "html", cwd=four_project)
    data = cli("gaps", "--format", "json", cwd=four_project)
    for result in (md, html, data):
        assert result.exit_code in (0, 1), result.output  # completeness warnings are fine
    sentence = "Crosshair: the mean of the 4 touchpoints analysed (importance 4.5, performance 4.5)"
    assert sentence in md.stdout
    assert sentence in html.stdout
    assert json.loads(data.stdout)["crosshair"] == {
        "method": "mean",
        "importance": 4.5,
        "performance": 4.5,
        "touchpoints": 4,
    }
    assert "**Concentrate here (2)**" in md.stdout and "**Possible overkill (2)**" in md.stdout


def test_html_crosshair_lines_sit_at_the_mean(cli: Any, four_project: Path) -> None:
    html = cli("gaps", "--format", "html", cwd=four_project).stdout
    # x = 48 + (4.5 - 0.5) / 5 * 360 = 336; y = 48 + (5.5 - 4.5) / 5 * 360 = 120
    assert '<line class="crosshair" x1="336.0" x2="336.0"' in html
    assert '<line class="crosshair" y1="120.0" y2="120.0"' in html


def test_unknown_crosshair_is_a_config_error(cli: Any, four_project: Path) -> None:
    (four_project / "journeymap.yaml").write_text(
        'journeys: ["journeys/*.yaml"]\ngaps: {ipa_crosshair: median}\n', encoding="utf-8"
    )
    result = cli("gaps", cwd=four_project)
    assert result.exit_code == 2
    everything = result.stdout + result.stderr
    assert "journeymap.yaml:2:23: error[invalid-value] ipa_crosshair must be one of" in everything
    assert "did you mean 'mean'?" in everything
