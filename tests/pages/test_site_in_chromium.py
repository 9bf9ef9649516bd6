"""The site a CX lead presents, in real Chromium, on a real-size portfolio (issue 14).

tests/data/portfolio-large: an 8-stage, 27-touchpoint current map with a committee of
ten, a focused future map, a B2B2C pair and a go-live service blueprint.
"""

from __future__ import annotations

import io
import json
import re
from pathlib import Path
from typing import Any

import pytest

from journeymap.loading.loader import load_source
from journeymap.model import Journey
from journeymap.yaml.parse import parse
from pages.pages_helpers import LARGE

MAIN = "maps/northwind-fleet.html"
BLUEPRINT = "maps/northwind-go-live-blueprint.html"
COMBINED = "b2b2c-parcel-partner.html"
PAGE_KINDS = ["index.html", MAIN, BLUEPRINT, COMBINED, "gap-report.html"]


def journey(name: str) -> Journey:
    path = LARGE / "journeys" / name
    doc = load_source(parse(str(path), path.read_bytes()))
    assert doc.journey is not None
    return doc.journey


def words(text: str) -> str:
    """Text with line breaks undone: "go-\nahead" is "go-ahead", "on the\nwebsite" one line."""
    return " ".join(text.replace("-\n", "-").split())


def test_the_printed_map_holds_every_touchpoint(large_site: Path, viewer: Any) -> None:
    from pypdf import PdfReader

    main = journey("northwind-current.yaml")
    names = [tp.name for *_, tp in main.touchpoints()]
    assert len(names) == 27
    page = viewer(large_site / MAIN)
    pdf = PdfReader(io.BytesIO(page.pdf(prefer_css_page_size=True, print_background=True)))
    pages = [words(p.extract_text()) for p in pdf.pages]
    text = " ".join(pages)
    missing = [n for n in names if words(n) not in text]
    assert missing == [], f"{len(missing)} touchpoint names missing from the PDF"
    for stage in main.stages:  # the overview comes first: every stage on page one
        assert words(stage.name) in pages[0], stage.name
    box = pdf.pages[0].mediabox
    assert box.width > box.height, "landscape"
    for tp in (tp for *_, tp in main.touchpoints()):  # pain points and opportunities too
        for pp in tp.pain_points:
            assert words(pp.text) in text
        for o in tp.opportunities:
            assert words(o.text) in text


def test_every_stage_is_visible_within_1400_px(large_site: Path, viewer: Any) -> None:
    main = journey("northwind-current.yaml")
    page = viewer(large_site / MAIN, width=1400)
    for stage in main.stages:
        link = page.locator(".ov-stage h3 a", has_text=stage.name)
        box = link.bounding_box()
        assert box is not None and link.is_visible(), stage.name
        assert box["x"] >= 0 and box["x"] + box["width"] <= 1400, stage.name
        assert box["y"] + box["height"] <= 900, f"{stage.name} is below the first screen"
    # each stage's figures are there, and its name leads to its detail
    first = page.locator(".ov-stage").first
    assert "4 touchpoints" in first.inner_text()
    assert "3,800 people lost" in first.inner_text()  # 5,200 entered, 1,400 continued
    first.locator("h3 a").click()
    assert page.evaluate("location.hash") == "#stage-awareness"


@pytest.mark.parametrize("name", [*PAGE_KINDS, "maps/parcel-consumer.html"])
def test_no_page_scrolls_sideways_at_420_px(large_site: Path, viewer: Any, name: str) -> None:
    page = viewer(large_site / name, width=420)
    assert page.evaluate("document.documentElement.scrollWidth") <= 420
    grid = page.locator(".map-scroll")
    if grid.count():  # the grid is wider than the screen: it scrolls inside its own box
        assert grid.first.evaluate("el => el.scrollWidth > el.clientWidth")
        assert grid.first.get_attribute("tabindex") == "0", "reachable to scroll by keyboard"


def _persona_colours(page: Any) -> dict[str, set[str]]:
    found: dict[str, set[str]] = page.evaluate(
        """() => {
            const out = {};
            for (const el of document.querySelectorAll('[data-persona]')) {
                const id = el.getAttribute('data-persona');
                const colour = getComputedStyle(el).getPropertyValue('--persona-color').trim();
                if (!id) continue;
                (out[id] = out[id] || []).push(colour);
            }
            return out;
        }"""
    )
    return {k: set(v) for k, v in found.items()}


def test_ten_personas_ten_colours_the_same_on_every_page(large_site: Path, viewer: Any) -> None:
    committee = [
        p if isinstance(p, str) else p.id for p in journey("northwind-current.yaml").personas
    ]
    assert len(committee) == 10
    seen: dict[str, set[str]] = {}
    for name in ["index.html", MAIN, BLUEPRINT, "maps/northwind-future.html"]:
        for persona, colours in _persona_colours(viewer(large_site / name)).items():
            assert len(colours) == 1 and "" not in colours, (name, persona, colours)
            seen.setdefault(persona, set()).update(colours)
    assert all(len(c) == 1 for c in seen.values()), "a persona changes colour between pages"
    main = {p: next(iter(seen[p])) for p in committee}
    assert len(set(main.values())) == 10, main


def test_one_page_shows_both_b2b2c_layers(large_site: Path, viewer: Any) -> None:
    page = viewer(large_site / COMBINED)
    text = page.inner_text("main")
    for name in ("parcel-partner.yaml", "parcel-consumer.yaml"):
        for *_, tp in journey(name).touchpoints():
            assert tp.name in text, tp.name
    layers = page.locator("tr.layer th[scope=row]")
    assert layers.count() == 2
    business, consumer = (layers.nth(i).bounding_box() for i in range(2))
    assert business is not None and consumer is not None
    assert business["y"] < consumer["y"], "the business layer is above the consumer layer"
    # three touchpoint pairs are linked; two start where the partner is hurting
    assert page.locator("svg.links g.link").count() == 3
    assert page.locator("svg.links g.link.friction").count() == 2
    index = viewer(large_site / "index.html")
    assert index.locator(f"a[href='{COMBINED}']").count() >= 1


def test_the_blueprint_names_its_three_lines_in_order(large_site: Path, viewer: Any) -> None:
    page = viewer(large_site / BLUEPRINT)
    order = [
        "Physical evidence",
        "Customer actions",
        "Line of interaction",
        "Frontstage actions",
        "Line of visibility",
        "Backstage actions",
        "Line of internal interaction",
        "Support processes",
    ]
    ys = []
    for label in order:
        header = page.locator(".map-scroll tbody th[scope=row]", has_text=re.compile(f"^{label}$"))
        assert header.count() == 1 and header.is_visible(), label
        box = header.bounding_box()
        assert box is not None
        ys.append(box["y"])
    assert ys == sorted(ys), "blueprint rows are not in the standard order"
    for line in ("Line of interaction", "Line of visibility", "Line of internal interaction"):
        row = page.locator("tr.bp-line", has_text=line).first
        border = row.locator("td").evaluate("td => getComputedStyle(td).borderBottomStyle")
        assert border == "dashed", f"{line} is not drawn"


def test_index_links_every_view(large_site: Path, viewer: Any) -> None:
    page = viewer(large_site / "index.html")
    hrefs = page.locator("a").evaluate_all("links => links.map(a => a.getAttribute('href'))")
    assert "gap-report.html" in hrefs
    for name in ("northwind-current.yaml", "parcel-consumer.yaml", "northwind-future.yaml"):
        j = journey(name)
        assert f"maps/{j.id}.html" in hrefs
    assert "maps/northwind-fleet.html#persona=cfo" in hrefs
    for href in hrefs:  # every link leads to a file of the site
        target = (large_site / href.split("#")[0]).resolve()
        assert target.is_file(), href
    # a persona link opens the map filtered for that persona
    page.locator("#journey-northwind-fleet a[href$='#persona=cfo']").click()
    page.wait_for_load_state("load")
    assert page.locator("button[data-filter=cfo]").get_attribute("aria-pressed") == "true"
    assert page.locator(".col.dim").count() > 0
    assert page.locator(".per-persona.chosen[data-persona=cfo]").count() >= 1


def test_gap_report_links_resolve_to_touchpoints(large_site: Path, viewer: Any) -> None:
    page = viewer(large_site / "gap-report.html")
    links = page.locator("main a[href*='#tp-']").evaluate_all(
        "links => links.map(a => a.getAttribute('href'))"
    )
    assert len(links) > 50
    pages: dict[str, str] = {}
    for href in set(links):
        file, _, anchor = href.partition("#")
        text = pages.setdefault(file, (large_site / file).read_text(encoding="utf-8"))
        assert f'id="{anchor}"' in text, href
    # names, never ids, in the ranked table
    first_row = page.locator("table.gaps tbody tr").first.inner_text()
    assert "northwind-fleet" not in first_row and "Northwind Fleet" in first_row
    # following one lands on the touchpoint's card
    target = page.locator("table.gaps tbody tr a[href*='#tp-']").first
    href = target.get_attribute("href")
    target.click()
    page.wait_for_load_state("load")
    assert page.url.endswith(href.split("/")[-1])
    assert page.locator(f"#{href.split('#')[1]}").is_visible()


def test_charts_never_cut_or_overlap_labels(large_site: Path, viewer: Any) -> None:
    page = viewer(large_site / "gap-report.html")
    boxes = page.evaluate(
        """() => {
            const svg = document.querySelector('svg.ipa');
            const frame = svg.getBoundingClientRect();
            const labels = [...svg.querySelectorAll(':scope > text')].map(t => {
                const b = t.getBoundingClientRect();
                return {text: t.textContent, x: b.x, y: b.y, r: b.right, b: b.bottom};
            });
            const points = [...svg.querySelectorAll('g.point circle')].map(c => {
                const b = c.getBoundingClientRect();
                return {x: b.x, y: b.y, r: b.right, b: b.bottom};
            });
            return {frame: {x: frame.x, y: frame.y, r: frame.right, b: frame.bottom}, labels, points};
        }"""
    )

    def overlap(a: dict[str, float], b: dict[str, float]) -> bool:
        return a["x"] < b["r"] and b["x"] < a["r"] and a["y"] < b["b"] and b["y"] < a["b"]

    frame = boxes["frame"]
    for label in boxes["labels"]:
        inside = frame["x"] <= label["x"] and label["r"] <= frame["r"] + 0.5
        assert inside and frame["y"] <= label["y"] and label["b"] <= frame["b"] + 0.5, label
        assert not any(overlap(label, p) for p in boxes["points"]), label["text"]
    points = boxes["points"]
    for i, a in enumerate(points):
        for b in points[i + 1 :]:
            shrunk = {"x": a["x"] + 1, "y": a["y"] + 1, "r": a["r"] - 1, "b": a["b"] - 1}
            assert not overlap(shrunk, b), "two IPA points cover each other"
    # emotion gap labels wrap in their own column instead of being cut off
    for label in page.locator(".eb-label").all():
        assert label.evaluate("el => el.scrollWidth <= el.clientWidth + 1")


def test_keyboard_reaches_the_filter_and_the_persona_lines(large_site: Path, viewer: Any) -> None:
    page = viewer(large_site / MAIN)
    button = page.locator("button[data-filter='fleet-manager']")
    button.focus()
    page.keyboard.press("Enter")
    assert button.get_attribute("aria-pressed") == "true"
    assert page.evaluate("location.hash") == "#persona=fleet-manager"
    assert page.locator("svg.emotion .per-persona[data-persona='fleet-manager']").first.is_visible()
    page.keyboard.press("Shift+Tab")  # the button before it: the CFO
    page.keyboard.press("Enter")
    assert page.locator("button[data-filter='cfo']").get_attribute("aria-pressed") == "true"
    everyone = page.locator("button[data-filter='']")
    everyone.focus()
    page.keyboard.press("Enter")
    assert page.locator("#persona-filter button[aria-pressed=true]").count() == 1
    lines = page.locator("svg.emotion .per-persona[data-persona='cfo']").first
    assert lines.is_hidden()
    box = page.locator("input.show-personas").first
    box.focus()
    page.keyboard.press("Space")
    assert lines.is_visible()


def _axe(page: Any, script: Path) -> list[dict[str, Any]]:
    page.add_script_tag(content=script.read_text(encoding="utf-8"))
    result: list[dict[str, Any]] = page.evaluate(
        """async () => {
            const r = await axe.run(document, {resultTypes: ['violations']});
            return r.violations.map(v => ({id: v.id, impact: v.impact,
                nodes: v.nodes.slice(0, 3).map(n => n.target.join(' '))}));
        }"""
    )
    return [v for v in result if v["impact"] in ("serious", "critical")]


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_finds_nothing_serious(
    large_site: Path, viewer: Any, axe_js: Path, scheme: str
) -> None:
    problems = {}
    for name in [*PAGE_KINDS, "maps/parcel-consumer.html"]:
        page = viewer(large_site / name, scheme=scheme, bypass_csp=True)
        found = _axe(page, axe_js)
        if found:
            problems[name] = found
        assert page.locator("main").count() == 1, f"{name} has no <main> landmark"
    # the filter on: the pressed button in dark mode had 2.22:1 contrast (issue 14)
    page = viewer(large_site / MAIN, scheme=scheme, hash="#persona=cfo", bypass_csp=True)
    found = _axe(page, axe_js)
    if found:
        problems["filtered map"] = found
    assert problems == {}, json.dumps(problems, indent=1)


def test_ranked_gaps_are_cards_at_420_px_and_a_table_when_wide(
    large_site: Path, viewer: Any
) -> None:
    """Eight columns squeezed into 420 px made every row a tower of one-word lines; on a
    phone each gap is a card whose fields say what they are (labels from the stylesheet,
    so thousands of rows carry no extra bytes)."""
    script = """() => {
        const cells = document.querySelectorAll('table.gaps tbody tr:first-child td');
        return Array.from(cells, td => [getComputedStyle(td).display,
            getComputedStyle(td, '::before').content]);
    }"""
    page = viewer(large_site / "gap-report.html", width=420)
    narrow = page.evaluate(script)
    assert [display for display, _ in narrow] == ["block"] * 8
    labels = [content for _, content in narrow]
    assert labels[:2] == ['"#"', '"Score: "'] and labels[-1] == '"Why: "'
    first = page.locator("table.gaps tbody tr").first.bounding_box()
    assert first is not None and first["width"] <= 420
    wide = viewer(large_site / "gap-report.html", width=1300).evaluate(script)
    assert [display for display, _ in wide] == ["table-cell"] * 8
    assert {content for _, content in wide} == {"none"}


def test_no_lane_label_breaks_inside_a_word_at_420_px(large_site: Path, viewer: Any) -> None:
    """The narrow lane column read "OPPORTUNITI / ES"; a one-word label keeps one line."""
    page = viewer(large_site / MAIN, width=420)
    broken = page.evaluate(
        """() => Array.from(document.querySelectorAll('table.map th[scope=row]'))
            .filter(th => th.clientWidth > 0 && !th.textContent.trim().includes(' '))
            .filter(th => { const r = document.createRange(); r.selectNodeContents(th);
                            return r.getClientRects().length > 1; })
            .map(th => th.textContent.trim())"""
    )
    assert broken == []
    labels = page.evaluate(
        "() => Array.from(document.querySelectorAll('table.map th[scope=row]'), th => th.textContent.trim())"
    )
    assert "Opportunities" in labels
