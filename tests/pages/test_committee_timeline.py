"""Who is in the room: the committee timeline of a map whose buying committee changes,
in real Chromium at 1400 and 420 px and in print (the bundled example: the Finance
Director hands over to a new one at Retention and renewal)."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from conftest import EXAMPLES, TODAY
from journeymap.cli import app

CHANGE = (
    "Finance Director leaves at Retention and renewal, New Finance Director takes over at "
    "Quarterly business review (The Finance Director moved to the group's holding before "
    "the first renewal)"
)


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("example-site")
    result = CliRunner().invoke(
        app,
        ["render", "--config", str(EXAMPLES / "journeymap.yaml"), "-o", str(out)],
        env={"JOURNEYMAP_TODAY": TODAY},
    )
    assert result.exit_code == 0, result.output
    return out / "maps" / "acme-b2b.html"


def cells(page: Any, person: str) -> list[str]:
    row = page.locator("table.timeline tbody tr", has_text=person).first
    return [c.get_attribute("class") or "" for c in row.locator("td").all()]


@pytest.mark.parametrize("width", [1400, 420])
def test_the_timeline_shows_who_leaves_and_who_joins(site: Path, viewer: Any, width: int) -> None:
    page = viewer(site, width=width)
    panel = page.locator(".timeline-panel")
    assert panel.is_visible()
    assert panel.locator("li").all_inner_texts() == [CHANGE]
    # seven stages; the Finance Director hands over in the sixth, absent in the seventh
    old = cells(page, "Finance Director")
    assert len(old) == 7 and "changes" in old[5] and old[6] == "off"
    new = cells(page, "New Finance Director")
    assert all(c == "off" for c in new[:5]) and "changes" in new[5] and new[6] == "met"
    marks = panel.locator("td.changes")
    assert [m.get_attribute("title") for m in marks.all()] == [CHANGE, CHANGE]
    assert [" ".join(m.split()) for m in marks.locator(".mark").all_inner_texts()] == [
        "hands over",
        "joins",
    ]
    # the panel stays inside the page: the table scrolls within it, the page does not
    assert page.evaluate("document.documentElement.scrollWidth") <= width


def test_the_timeline_prints(site: Path, viewer: Any) -> None:
    from pypdf import PdfReader

    page = viewer(site)
    pdf = PdfReader(io.BytesIO(page.pdf(prefer_css_page_size=True, print_background=True)))
    text = " ".join(" ".join(p.extract_text().split()) for p in pdf.pages)
    assert "Who is in the room" in text
    assert " ".join(CHANGE.split()) in text
