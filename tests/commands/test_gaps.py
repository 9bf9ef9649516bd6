"""`journeymap gaps`: the report's formats, --top, -o, and bad input."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from conftest import EXAMPLES, golden, screenshot


def test_json_output_keys(cli: Any) -> None:
    result = cli("gaps", "--format", "json", cwd=EXAMPLES)
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    for key in ("gaps", "ipa", "funnel", "metrics", "emotions", "coverage", "future"):
        assert key in data
    scores = [g["score"] for g in data["gaps"]]
    assert scores == sorted(scores, reverse=True)
    assert data["version"] == 1
    assert set(data["gaps"][0]) == {
        "kind",
        "journey",
        "stage",
        "touchpoint",
        "score",
        "size",
        "weight",
        "moment_of_truth_factor",
        "summary",
    }
    assert data["crosshair"] == {
        "method": "midpoint",
        "importance": 3.0,
        "performance": 3.0,
        "touchpoints": 20,
    }
    assert set(data["ipa"][0]) >= {"journey", "touchpoint", "importance", "performance", "quadrant"}
    assert set(data["funnel"][0]) >= {"journey", "touchpoint", "entered", "continued", "lost"}
    assert data["funnel"][0]["lost"] == max(f["lost"] for f in data["funnel"])


def test_markdown_golden(cli: Any) -> None:
    result = cli("gaps", "--top", "15", cwd=EXAMPLES)
    assert result.exit_code == 0, result.output
    golden("gaps-examples.md", result.stdout)


def test_top_and_output_file(cli: Any, tmp_path: Path) -> None:
    out = tmp_path / "gaps.json"
    result = cli("gaps", "--format", "json", "--top", "3", "-o", str(out), cwd=EXAMPLES)
    assert result.exit_code == 0
    assert result.stdout == ""
    assert len(json.loads(out.read_text(encoding="utf-8"))["gaps"]) == 3


def test_invalid_journey_reported_and_skipped(cli: Any, project: Path) -> None:
    path = project / "journeys" / "shipper-consumer.yaml"
    path.write_text(path.read_text().replace("performance: 2", "performance: nine"))
    result = cli("gaps", "--format", "json", cwd=project)
    assert result.exit_code == 1
    assert "error[invalid-type]" in result.stderr
    journeys = {j["id"] for j in json.loads(result.stdout)["journeys"]}
    assert "shipper-consumer" not in journeys and "acme-b2b" in journeys


def test_html_report_in_browser(cli: Any, tmp_path: Path, open_page: Any) -> None:
    out = tmp_path / "gaps.html"
    result = cli("gaps", "--format", "html", "-o", str(out), cwd=EXAMPLES)
    assert result.exit_code == 0, result.output
    watch = open_page(out)
    page = watch.page
    assert watch.errors == [] and watch.requests == []
    assert [m for m in watch.console if m[0] == "error"] == []
    assert page.locator("svg.ipa g.point").count() == 20
    # with the midpoint crosshair and "equal counts as high", 7 of the 20 need attention
    assert page.locator("svg.ipa g.point.concentrate-here").count() == 7
    assert "Crosshair: the scale midpoint (importance 3, performance 3)" in page.inner_text("body")
    assert page.locator("ul.emotion-bars li").count() >= 5
    screenshot(page, "gaps-examples.png")
