"""The site as files: names that cannot collide, size that grows with the maps, the
Markdown map that holds the whole map, and the gap report's quadrantChart in Mermaid."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

from conftest import TODAY
from pages.pages_helpers import LARGE


def _journey(jid: str, personas: int = 2, touchpoints: int = 3) -> dict[str, Any]:
    people = [{"id": f"p{i}", "name": f"Person {i}"} for i in range(personas)]
    return {
        "journeymap": 1,
        "id": jid,
        "title": f"Map {jid}",
        "personas": people,
        "stages": [
            {
                "id": "s",
                "name": "Stage",
                "personas": [p["id"] for p in people],
                "touchpoints": [
                    {"id": f"t{k}", "name": f"Touchpoint {k}", "emotion": 3, "importance": 3}
                    for k in range(touchpoints)
                ],
            }
        ],
    }


def _files(folder: Path) -> dict[str, int]:
    return {str(p.relative_to(folder)): p.stat().st_size for p in folder.rglob("*") if p.is_file()}


def test_a_journey_cannot_take_a_site_page_name(cli: Any, tmp_path: Path) -> None:
    for jid in ("index", "gap-report", "b2b2c-x"):
        (tmp_path / f"{jid}.yaml").write_text(json.dumps(_journey(jid)), encoding="utf-8")
    result = cli(
        "render", "index.yaml", "gap-report.yaml", "b2b2c-x.yaml", "-o", "out", cwd=tmp_path
    )
    assert result.exit_code == 0, result.output
    out = tmp_path / "out"
    assert set(_files(out)) == {
        "index.html",
        "gap-report.html",
        "gaps.csv",
        "maps/index.html",
        "maps/gap-report.html",
        "maps/b2b2c-x.html",
    }
    index = (out / "index.html").read_text(encoding="utf-8")
    assert "<h1>Journey maps</h1>" in index and 'href="maps/index.html"' in index
    assert "<h1>Gap report</h1>" in (out / "gap-report.html").read_text(encoding="utf-8")
    assert "<h1>Map index" in (out / "maps" / "index.html").read_text(encoding="utf-8")


def test_output_grows_with_the_maps_not_with_maps_times_personas(cli: Any, tmp_path: Path) -> None:
    sizes = {}
    for personas in (4, 40):
        folder = tmp_path / f"p{personas}"
        folder.mkdir()
        for j in range(3):
            text = json.dumps(_journey(f"j{j}", personas=personas, touchpoints=20))
            (folder / f"j{j}.yaml").write_text(text, encoding="utf-8")
        result = cli("render", "j0.yaml", "j1.yaml", "j2.yaml", "-o", "out", cwd=folder)
        assert result.exit_code == 0, result.output
        sizes[personas] = _files(folder / "out")
    assert set(sizes[4]) == set(sizes[40])  # one page per map: persona views are a filter
    assert len(sizes[40]) == 6  # 3 maps, the index, the gap report and its CSV
    # 10 times the personas: each page grows by its committee table and filter buttons only
    assert sum(sizes[40].values()) < 3 * sum(sizes[4].values())


@pytest.fixture(scope="module")
def markdown_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from typer.testing import CliRunner

    from journeymap.cli import app

    out = tmp_path_factory.mktemp("md")
    result = CliRunner().invoke(
        app,
        ["render", "--config", str(LARGE / "journeymap.yaml"), "-f", "md", "-o", str(out)],
        env={"JOURNEYMAP_TODAY": TODAY},
    )
    assert result.exit_code == 0, result.output
    return out


def test_the_markdown_map_holds_the_whole_map(markdown_site: Path) -> None:
    text = (markdown_site / "maps" / "northwind-fleet.md").read_text(encoding="utf-8")
    assert "## Account portrait" in text
    assert "| Buying process | Pilot, security review and works council" in text
    assert "**Risk:** Works council blocks the pilot" in text
    assert "Win/loss interviews, H1 2026 (2026-07-15)" in text  # evidence by its title
    assert "**3,800 people lost**" in text  # the benchmark report: 5,200 in, 1,400 on
    assert "**Customer action:** Installs trackers in 20 vans of one depot" in text
    assert "**Thinks:** “Will drivers accept the boxes?”" in text
    assert "| Awareness | 4 touchpoints |" in text  # the overview table
    for *_, tp in _touchpoints("northwind-current.yaml"):
        assert f"### {tp}" in text
    blueprint = (markdown_site / "maps" / "northwind-go-live-blueprint.md").read_text(
        encoding="utf-8"
    )
    for lane in (
        "**Physical evidence:** Live map with every van",
        "**Frontstage:** Hypercare engineer on a shared call",
        "**Backstage:** Old feed switched off",
        "**Support process:** Telematics gateway",
    ):
        assert lane in blueprint
    consumer = (markdown_site / "maps" / "parcel-consumer.md").read_text(encoding="utf-8")
    assert "## People" in consumer and "Buying committee" not in consumer


def _touchpoints(name: str) -> list[tuple[str, str, str]]:
    import yaml

    data = yaml.safe_load((LARGE / "journeys" / name).read_text(encoding="utf-8"))
    return [(s["id"], t["id"], t["name"]) for s in data["stages"] for t in s["touchpoints"]]


def test_the_gap_report_markdown_draws_the_ipa_grid_in_mermaid(
    markdown_site: Path, browser: Any, mermaid_js: Path
) -> None:
    text = (markdown_site / "gap-report.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```mermaid\n(.*?)```", text, re.S)
    quadrant = [b for b in blocks if b.startswith("quadrantChart")]
    assert len(quadrant) == 1
    assert "Where Mermaid is not rendered, the same grid as tables" in text
    points = [
        line for line in quadrant[0].splitlines() if re.search(r": \[[0-9.]+, [0-9.]+\]$", line)
    ]
    scored = len(_scored())
    assert len(points) == scored
    context = browser.new_context()
    page = context.new_page()
    page.set_content("<!doctype html><html><body></body></html>")
    page.add_script_tag(path=str(mermaid_js))
    drawn = page.evaluate(
        """async (text) => {
            mermaid.initialize({startOnLoad: false});
            try { await mermaid.parse(text); const {svg} = await mermaid.render('q', text);
                  return {ok: true, circles: (svg.match(/<circle/g) || []).length}; }
            catch (e) { return {ok: false, error: String(e && e.message || e)}; }
        }""",
        quadrant[0],
    )
    context.close()
    assert drawn["ok"], drawn
    assert drawn["circles"] == scored


def _scored() -> list[str]:
    import yaml

    out = []
    for path in sorted((LARGE / "journeys").glob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        if data.get("state") == "future":  # the IPA grid is about today's experience
            continue
        for s in data["stages"]:
            for t in s["touchpoints"]:
                if "importance" in t and "performance" in t:
                    out.append(t["name"])
    return out


def test_the_site_gap_report_shows_the_top_100_and_links_every_gap_as_csv(
    cli: Any, tmp_path: Path, markdown_site: Path
) -> None:
    """The large portfolio has 105 ranked gaps (as `gaps --format json` counts them): the page
    lists the 100 biggest, says so, and links gaps.csv, which holds all 105 in rank order."""
    import csv
    import io

    as_json = cli("gaps", "--config", str(LARGE / "journeymap.yaml"), "--format", "json")
    ranked = json.loads(as_json.stdout)
    assert ranked["total_gaps"] == 105
    result = cli("render", "--config", str(LARGE / "journeymap.yaml"), "-o", str(tmp_path / "s"))
    assert result.exit_code == 0, result.output
    site = tmp_path / "s"
    page = (site / "gap-report.html").read_text(encoding="utf-8")
    body = page.split('<table class="portfolio gaps reflow">')[1].split("</table>")[0]
    assert body.count("<tr>") == 1 + 100  # the header row and the 100 biggest
    assert "105 gaps found · top 100 shown" in page
    assert (
        '<h2 id="ranked">Ranked gaps</h2>\n<p class="meta">Score = size × weight × '
        'moment-of-truth factor.</p>\n<p class="download">The table shows the 100 biggest. '
        '<a href="gaps.csv" download>Download all 105 ranked gaps as CSV</a>'
    ) in page  # above the table, where the reader starts
    data = (site / "gaps.csv").read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")  # Excel reads it as UTF-8
    rows = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"), newline="")))
    assert len(rows) == 105
    assert [r["rank"] for r in rows] == [str(n) for n in range(1, 106)]
    assert [(r["kind_id"], r["touchpoint_id"] or None) for r in rows] == [
        (g["kind"], g["touchpoint"]) for g in ranked["gaps"]
    ]
    # the first columns read like the page's rows: names, not ids
    first = body.split("<tr>")[2]
    for column in ("score", "kind", "journey", "stage", "touchpoint"):
        assert f">{rows[0][column]}<" in first.replace("&#39;", "'"), column
    # the Markdown site says the same and links the same file
    text = (markdown_site / "gap-report.md").read_text(encoding="utf-8")
    assert (
        "The table shows the 100 biggest. [Download all 105 ranked gaps as CSV](gaps.csv) (a CSV file for Excel or any spreadsheet)."
        in text
    )
    assert (markdown_site / "gaps.csv").read_bytes() == data
