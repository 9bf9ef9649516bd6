"""Diff without noise (issue 27.8): a metric's history reading by reading, one change per
list of ids, and no stage name repeated under its own heading, in text, md and JSON."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from gitrepo import ACME, edit, git

METRIC = "        as_of: 2026-10-31\n        evidence: [onboarding-analytics]\n"
HISTORY = "        history:\n          - {date: 2026-09-30, value: 60}\n          - {date: 2026-10-31, value: 58}\n"
PRICING = "        personas: [finance-director, ops-director]"


def _with_history(repo: Path) -> None:
    """The onboarding metric gets a history, committed: the diffs below start from it."""
    edit(repo / ACME, METRIC, METRIC + HISTORY)
    git(repo, "commit", "-qam", "history")


def _november(repo: Path) -> None:
    """A November reading appended, as refresh writes it, and the CFO replaced."""
    edit(
        repo / ACME,
        "          - {date: 2026-10-31, value: 58}\n",
        "          - {date: 2026-10-31, value: 58}\n          - {date: 2026-11-30, value: 86}\n",
    )
    edit(repo / ACME, "        value: 58\n", "        value: 86\n")
    edit(repo / ACME, PRICING, "        personas: [new-cfo, ops-director]")
    edit(
        repo / "personas/buying-committee.yaml",
        "  - id: finance-director",
        "  - id: new-cfo\n    name: New CFO\n  - id: finance-director",
    )


def _lines(result: Any) -> list[str]:
    return [line.strip() for line in result.stdout.splitlines()]


def test_text_says_what_was_appended_once_per_list(cli: Any, repo: Path) -> None:
    _with_history(repo)
    _november(repo)
    result = cli("diff", cwd=repo)
    assert result.exit_code == 0, result.output
    assert _lines(result) == [
        "journey acme-b2b",
        "stage decision",
        "~ touchpoint pricing-proposal: personas finance-director -> new-cfo",
        "stage onboarding",
        "~ metric time-to-first-value: value 58 -> 86 (worsened)",
        "+ metric time-to-first-value: 2026-11-30 reading 86 added to history",
        "(persona library)",
        "+ persona new-cfo added ('New CFO')",
    ]


def test_markdown_says_the_same_without_the_stage_again(cli: Any, repo: Path) -> None:
    _with_history(repo)
    _november(repo)
    text = cli("diff", "--format", "md", cwd=repo).stdout
    assert "- ~ touchpoint pricing-proposal: personas finance-director → new-cfo\n" in text
    assert "**Stage onboarding**\n\n- ~ metric time-to-first-value: value 58 → 86" in text
    assert "- \\+ metric time-to-first-value: 2026-11-30 reading 86 added to history\n" in text
    assert "stage onboarding metric" not in text
    assert "2026-09-30" not in text  # the readings that did not change are not printed


def test_json_has_one_change_per_list_and_per_reading(cli: Any, repo: Path) -> None:
    _with_history(repo)
    _november(repo)
    data = json.loads(cli("diff", "--format", "json", cwd=repo).stdout)
    assert data["version"] == 2
    pricing = [c for c in data["changes"] if c["subject"] == "touchpoint pricing-proposal"]
    assert [(c["action"], c["field"], c["old"], c["new"]) for c in pricing] == [
        (
            "changed",
            "personas",
            ["finance-director", "ops-director"],
            ["new-cfo", "ops-director"],
        )
    ]
    history = [c for c in data["changes"] if c["field"] == "history"]
    assert [(c["action"], c["new"], c["text"]) for c in history] == [
        (
            "item-added",
            {"date": "2026-11-30", "value": 86.0},
            "stage onboarding metric time-to-first-value: 2026-11-30 reading 86 added to history",
        )
    ]
    assert history[0]["subject"] == "stage onboarding metric time-to-first-value"


def test_several_items_and_a_reading_replaced(cli: Any, repo: Path) -> None:
    _with_history(repo)
    edit(repo / ACME, PRICING, "        personas: [procurement, dispatcher]")
    edit(repo / ACME, "{date: 2026-10-31, value: 58}", "{date: 2026-10-31, value: 55}")
    lines = _lines(cli("diff", cwd=repo))
    assert (
        "~ touchpoint pricing-proposal: personas +procurement +dispatcher"
        " -finance-director -ops-director" in lines
    )
    # better: lower, so a lower reading is an improvement
    assert "~ metric time-to-first-value: history[2026-10-31] 58 -> 55 (improved)" in lines
    assert len(lines) == 5, lines
