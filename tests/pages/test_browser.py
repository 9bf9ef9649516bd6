"""Rendered pages in a real headless Chromium: they work, filter, and resist hostile data."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from conftest import DATA, EXAMPLES, screenshot


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from typer.testing import CliRunner

    from journeymap.cli import app

    out = tmp_path_factory.mktemp("site")
    result = CliRunner().invoke(
        app, ["render", "--config", str(EXAMPLES / "journeymap.yaml"), "-o", str(out)]
    )
    assert result.exit_code == 0, result.output
    return out


def test_example_pages_load_cleanly(site: Path, open_page: Any) -> None:
    pages = sorted(site.rglob("*.html"))
    assert len(pages) == 7
    for page in pages:
        watch = open_page(page)
        assert watch.errors == [], page.name
        assert [m for m in watch.console if m[0] in ("error", "warning")] == [], page.name
        assert watch.requests == [], page.name
        assert watch.dialogs == []
        screenshot(watch.page, f"render-{page.stem}.png")


def test_grid_and_emotion_curve(site: Path, open_page: Any) -> None:
    watch = open_page(site / "maps" / "acme-b2b.html")
    page = watch.page
    assert page.locator(".map-scroll table.map thead tr.stages th[scope=col]").count() == 7
    assert page.locator(".map-scroll article.card").count() == 16
    svg = page.locator("svg.emotion")
    assert svg.count() == 1 and svg.is_visible()
    assert page.locator("svg.emotion g.series.felt").count() >= 1
    assert page.locator("svg.emotion g.series.target").count() >= 1
    # stable anchors: a link to a touchpoint scrolls to it
    page.goto(page.url.split("#")[0] + "#tp-security-review")
    assert page.locator("#tp-security-review").is_visible()


def test_lane_labels_stay_in_view_when_scrolling(site: Path, open_page: Any) -> None:
    page = open_page(site / "maps" / "acme-b2b.html").page
    label = page.locator(".map-scroll tr.lane-touchpoints th[scope=row]")
    before = label.bounding_box()
    page.locator(".map-scroll").evaluate("el => el.scrollLeft = 1500")
    after = label.bounding_box()
    assert before is not None and after is not None
    assert abs(after["x"] - before["x"]) < 1


def test_persona_filter(site: Path, open_page: Any) -> None:
    page = open_page(site / "maps" / "acme-b2b.html").page
    bar = page.locator("#persona-filter")
    assert bar.is_visible()
    pilot = page.locator(".map-scroll .col:has(#tp-pilot-on-own-data)")
    pricing = page.locator(".map-scroll .col:has(#tp-pricing-proposal)")
    page.click("button[data-filter='finance-director']")
    assert "dim" in (pilot.get_attribute("class") or "")
    assert "dim" not in (pricing.get_attribute("class") or "")
    assert page.locator("g.series[data-persona='dispatch-manager']").first.is_hidden()
    assert page.locator("g.series[data-persona='finance-director']").first.is_visible()
    screenshot(page, "render-acme-b2b-finance-filter.png")
    page.click("button[data-filter='']")
    assert "dim" not in (pilot.get_attribute("class") or "")


def test_reads_without_javascript(site: Path, open_page: Any) -> None:
    page = open_page(site / "maps" / "acme-b2b.html", javascript=False).page
    assert page.locator("#persona-filter").is_hidden()
    assert page.locator(".map-scroll article.card").count() == 16
    assert page.locator(".dim").count() == 0
    assert page.locator("svg.emotion").is_visible()


def _payloads() -> list[str]:
    path = DATA / "xss" / "payloads.txt"
    lines = path.read_text(encoding="utf-8", errors="replace").splitlines()
    return [line for line in lines if line.strip()]


def _hostile_journey(payloads: list[str]) -> dict[str, Any]:
    """A valid journey whose every text field holds XSS payloads."""
    it = iter(payloads)

    def take() -> str:
        return next(it, "<script>alert(1)</script>")

    stages = []
    for s in range(12):
        touchpoints = []
        for t in range(len(payloads) // (12 * 14) + 1):
            touchpoints.append(
                {
                    "id": f"t{s}-{t}",
                    "name": take(),
                    "description": take(),
                    "owner": take(),
                    "department": take(),
                    "customer_action": take(),
                    "thoughts": take(),
                    "importance": 3,
                    "performance": 2,
                    "emotion": 2,
                    "target_emotion": 4,
                    "moment_of_truth": True,
                    "risks": [take()],
                    "funnel": {"entered": 10, "continued": 5},
                    "blueprint": {"evidence": [take()], "frontstage": [take()]},
                    "pain_points": [{"id": f"p{s}-{t}", "text": take()}],
                    "opportunities": [
                        {
                            "id": f"o{s}-{t}",
                            "text": take(),
                            "ref": take(),
                            "addresses": [f"p{s}-{t}"],
                        }
                    ],
                    "metrics": [
                        {"id": f"m{s}-{t}", "name": take(), "unit": take(), "value": 1, "target": 2}
                    ],
                }
            )
        stages.append(
            {
                "id": f"s{s}",
                "name": take(),
                "goal": take(),
                "customer_goal": take(),
                "personas": ["p"],
                "touchpoints": touchpoints,
            }
        )
    return {
        "journeymap": 1,
        "id": "hostile",
        "title": take(),
        "objective": take(),
        "owner": take(),
        "tags": [take(), take()],
        "layer": take(),
        "reviewed": {"by": take(), "date": "2026-11-01"},
        "account": {"industry": take(), "competitors": [take()], "buying_process": take()},
        "personas": [
            {
                "id": "p",
                "name": take(),
                "description": take(),
                "goals": [take()],
                "concerns": [take()],
            }
        ],
        "stages": stages,
    }


@pytest.mark.parametrize("fmt", ["html"])
def test_xss_payloads_are_inert(fmt: str, tmp_path: Path, open_page: Any, cli: Any) -> None:
    payloads = _payloads()
    assert len(payloads) > 1000
    journey = _hostile_journey(payloads)
    (tmp_path / "hostile.yaml").write_text(json.dumps(journey), encoding="utf-8")  # JSON is YAML
    result = cli("render", "hostile.yaml", "-o", "site", cwd=tmp_path)
    assert result.exit_code == 0, result.output
    for page_file in ("maps/hostile.html", "index.html", "gap-report.html"):
        watch = open_page(tmp_path / "site" / page_file)
        page = watch.page
        page.wait_for_timeout(300)
        assert watch.dialogs == [], watch.dialogs[:3]
        assert watch.requests == [], watch.requests[:3]
        injected = page.evaluate(
            """() => {
                const bad = [];
                for (const el of document.querySelectorAll('*')) {
                    for (const a of el.attributes) {
                        if (a.name.startsWith('on')) bad.push(el.tagName + ' ' + a.name);
                        if (/^\\s*javascript:/i.test(a.value)) bad.push(el.tagName + ' ' + a.name);
                    }
                }
                return {bad, scripts: document.scripts.length,
                        iframes: document.querySelectorAll('iframe,object,embed').length};
            }"""
        )
        assert injected["bad"] == []
        assert injected["iframes"] == 0
        assert injected["scripts"] == (1 if page_file == "maps/hostile.html" else 0)
    # the payloads are shown as text, not dropped
    page = open_page(tmp_path / "site" / "maps" / "hostile.html").page
    assert page.locator("text=<svg onload=alert(1)>").count() >= 1
