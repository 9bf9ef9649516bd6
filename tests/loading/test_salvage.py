"""One run reports every problem: a value that fails its type is left out and the rest of
the file is still checked (references, completeness, config rules), with no cascade.

Each expected list below was worked out by reading the file: which lines hold a
mistake, and which rule each one breaks.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from journeymap.loading.salvage import Salvaged, hides

FINDING = re.compile(r"^j\.yaml:(\d+):(\d+): (error|warning)\[([a-z-]+)\]", re.MULTILINE)

HEAD = """journeymap: 1
id: accounting
title: Accounting firm onboarding
reviewed: {by: Dana, date: 2026-12-01}
personas:
  - id: partner
    name: Managing partner
    role: decision-maker
    influence: high
stages:
  - id: awareness
    name: Awareness
    goal: Find a firm
    touchpoints:
      - id: webinar
        name: Tax webinar
        channel: digital
        owner: marketing
        department: marketing
        personas: [partner]
"""
# line 21 onwards: the touchpoint's scores; `addresses:` is line 32, the NPS metric 35

TAIL = """        emotion: 3
        pain_points:
          - id: no-fee-range
            text: Fees unclear
          - id: slow-reply
            text: Replies take a week
        opportunities:
          - id: fee-calc
            text: Fee calculator
            addresses: ADDRESSES
            status: idea
    metrics:
      - id: nps
        name: NPS
        kind: nps
        value: 12
"""


def journey(scores: str, addresses: str = "[no-fee-range, slow-reply]") -> str:
    return HEAD + scores + TAIL.replace("ADDRESSES", addresses)


def findings(cli: Any, tmp_path: Path, text: str, config: str = "") -> list[tuple[int, str]]:
    (tmp_path / "j.yaml").write_text(text, encoding="utf-8")
    if config:
        (tmp_path / "journeymap.yaml").write_text(config, encoding="utf-8")
    result = cli("validate", "--no-cache", "j.yaml", cwd=tmp_path)
    assert "Traceback" not in result.output
    return sorted((int(m[0]), m[3]) for m in FINDING.findall(result.output))


def test_every_problem_in_one_run(cli: Any, tmp_path: Path) -> None:
    """importance 7 (line 21), an unknown pain point (line 32), an NPS with no target
    (line 35): all three at once, where before only the first was reported."""
    text = journey(
        "        importance: 7\n        performance: 3\n", "[no-fee-range, slow-reply, no-fee-rang]"
    )
    assert findings(cli, tmp_path, text) == [
        (21, "out-of-range"),
        (32, "unresolved-reference"),
        (35, "metric-target"),
    ]


def test_the_control_shows_the_same_checks_fire_on_a_valid_file(cli: Any, tmp_path: Path) -> None:
    text = journey("        importance: 4\n        performance: 3\n", "[no-fee-range, no-fee-rang]")
    assert findings(cli, tmp_path, text) == [
        (27, "pain-point-without-opportunity"),  # slow-reply, no longer addressed
        (32, "unresolved-reference"),
        (35, "metric-target"),
    ]


def test_a_value_left_out_causes_no_cascade(cli: Any, tmp_path: Path) -> None:
    """Without its importance the touchpoint would be "missing a score"; that repeats the
    one mistake, so it is not reported. Leaving importance out for real does report it."""
    bad = journey("        importance: 7\n        performance: 3\n")
    assert findings(cli, tmp_path, bad) == [(21, "out-of-range"), (35, "metric-target")]
    missing = journey("        performance: 3\n")
    assert (15, "touchpoint-scores") in findings(cli, tmp_path, missing)


def test_a_bad_item_leaves_the_others_in_place(cli: Any, tmp_path: Path) -> None:
    """`addresses: [Bad Id, no-fee-range, slow-reply, gone]`: the first item is not an id;
    the other three still count, and the unknown `gone` is reported at its own place
    (on line 32), not where it sits once the bad item is taken out."""
    text = journey(
        "        importance: 4\n        performance: 3\n",
        "[Bad Id, no-fee-range, slow-reply, gone]",
    )
    (tmp_path / "j.yaml").write_text(text, encoding="utf-8")
    out = findings(cli, tmp_path, text)
    assert out == [(32, "invalid-id"), (32, "unresolved-reference"), (35, "metric-target")]
    result = cli("validate", "--no-cache", "j.yaml", cwd=tmp_path)
    line = text.splitlines()[31]
    assert f"j.yaml:32:{line.index('gone') + 1}: error[unresolved-reference]" in result.output
    assert f"j.yaml:32:{line.index('Bad Id') + 1}: error[invalid-id]" in result.output


def test_config_rules_do_not_wait_for_the_types(cli: Any, tmp_path: Path) -> None:
    config = "departments: [sales, support]\n"
    text = journey("        importance: 7\n        performance: 3\n")
    assert findings(cli, tmp_path, text, config) == [
        (19, "unknown-department"),
        (21, "out-of-range"),
        (35, "metric-target"),
    ]


def test_a_bad_id_of_an_element_is_reported_alone(cli: Any, tmp_path: Path) -> None:
    """A touchpoint's id is what others refer to: leaving the touchpoint out would turn
    one mistake into many, so the file is reported as before, by its one error."""
    text = journey("        importance: 4\n        performance: 3\n").replace(
        "id: webinar", "id: Web Inar"
    )
    assert findings(cli, tmp_path, text) == [(15, "invalid-id")]


def test_a_missing_required_field_is_reported_alone(cli: Any, tmp_path: Path) -> None:
    text = journey("        importance: 7\n        performance: 3\n").replace(
        "        name: Tax webinar\n", ""
    )
    assert findings(cli, tmp_path, text) == [(15, "missing-field"), (20, "out-of-range")]


@pytest.mark.parametrize(
    ("removed", "loc", "expected"),
    [
        ((), ("a", 3), ("a", 3)),
        ((("a", 0),), ("a", 0), ("a", 1)),  # item 0 taken out: salvaged 0 was the file's 1
        ((("a", 0), ("a", 2)), ("a", 1), ("a", 3)),  # 0 and 2 out: 0->1, 1->3
        ((("a", 2),), ("a", 1, "x"), ("a", 1, "x")),  # before the removed item: unchanged
        ((("a", 1),), ("b", 1), ("b", 1)),  # another list: unchanged
    ],
)
def test_positions_map_back_to_the_file(
    removed: tuple[tuple[str | int, ...], ...],
    loc: tuple[str | int, ...],
    expected: tuple[str | int, ...],
) -> None:
    assert Salvaged(model=None, skipped=(), removed_items=removed).original(loc) == expected  # type: ignore[arg-type]


def test_hides_the_value_its_insides_and_its_owner_only() -> None:
    skipped = [("stages", 0, "touchpoints", 1, "importance")]
    assert hides(skipped, ("stages", 0, "touchpoints", 1, "importance"))
    assert hides(skipped, ("stages", 0, "touchpoints", 1))  # the touchpoint that owned it
    assert not hides(skipped, ("stages", 0))
    assert not hides(skipped, ("stages", 0, "touchpoints", 0))
    assert not hides(skipped, ())
