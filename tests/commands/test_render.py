"""`journeymap render`: pages, Markdown, templates, personas, failure handling."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from conftest import EXAMPLES, golden
from journeymap.core.escapes import markdown_escape, mermaid_escape

PAGES = [
    "b2b2c-shipper-partner.html",
    "gap-report.html",
    "gaps.csv",
    "index.html",
    "maps/acme-b2b-future.html",
    "maps/acme-b2b.html",
    "maps/shipper-consumer.html",
    "maps/shipper-partner.html",
]


def render(cli: Any, *args: str, cwd: Path = EXAMPLES) -> Any:
    return cli("render", *args, cwd=cwd)


def rendered(cli: Any, folder: Path, cwd: Path = EXAMPLES) -> list[Path]:
    """Render the examples into `folder`; it must succeed and write every page."""
    result = render(cli, "-o", str(folder), cwd=cwd)
    assert result.exit_code == 0, result.output
    pages = sorted(p for p in folder.rglob("*") if p.is_file())
    assert [str(p.relative_to(folder)) for p in pages] == PAGES
    return pages


def test_html_site(cli: Any, tmp_path: Path) -> None:
    result = render(cli, "-o", str(tmp_path / "site"))
    assert result.exit_code == 0, result.output
    site = tmp_path / "site"
    names = sorted(str(p.relative_to(site)) for p in site.rglob("*") if p.is_file())
    assert names == PAGES  # b2b2c-shipper-partner.html: both B2B2C layers on one page
    assert f"open {tmp_path / 'site' / 'index.html'}" in result.stderr


def test_pages_are_self_contained(cli: Any, tmp_path: Path) -> None:
    render(cli, "-o", str(tmp_path))
    pages = list(tmp_path.rglob("*.html"))
    assert len(pages) == 7
    for page in pages:
        text = page.read_text(encoding="utf-8")
        assert not re.search(r"""(src|href)=["']?(https?:)?//""", text), page.name
        assert "<link" not in text and "@import" not in text
        assert "Content-Security-Policy" in text


def test_output_is_deterministic(cli: Any, tmp_path: Path) -> None:
    render(cli, "-o", str(tmp_path / "a"))
    render(cli, "-o", str(tmp_path / "b"))
    pages = [p for p in (tmp_path / "a").rglob("*") if p.is_file()]
    assert len(pages) == 8  # the 7 pages and gaps.csv
    for page in pages:
        assert page.read_bytes() == (tmp_path / "b" / page.relative_to(tmp_path / "a")).read_bytes()


def test_map_content(cli: Any, tmp_path: Path) -> None:
    render(cli, "-o", str(tmp_path))
    page = (tmp_path / "maps" / "acme-b2b.html").read_text(encoding="utf-8")
    for anchor in (
        "stage-awareness",
        "stage-advocacy",
        "tp-pilot-on-own-data",
        "tp-security-review",
    ):
        assert f'id="{anchor}"' in page
    for lane in (
        "Stage goal",
        "Customer goal",
        "Touchpoints",
        "Emotion",
        "Pain points",
        "Opportunities",
        "Metrics",
        "Funnel",
        "Risks",
        "Frontstage actions",  # the blueprint's rows, named as in a service blueprint
        "Backstage actions",
        "Line of visibility",
    ):
        assert f'<th scope="row">{lane}</th>' in page
    assert "Buying committee" in page and "Account portrait" in page
    assert "★ Moment of truth" in page
    future = (tmp_path / "maps" / "acme-b2b-future.html").read_text(encoding="utf-8")
    assert 'href="acme-b2b.html"' in future  # future -> current
    assert "Funnel</th>" not in future  # empty lanes are left out
    consumer = (tmp_path / "maps" / "shipper-consumer.html").read_text(encoding="utf-8")
    assert 'href="shipper-partner.html#tp-checkout-widget"' in consumer  # B2B2C link


def test_index_lists_portfolio(cli: Any, tmp_path: Path) -> None:
    rendered(cli, tmp_path)
    index = (tmp_path / "index.html").read_text(encoding="utf-8")
    assert "5 journeys" not in index  # personas files are not journeys
    assert "4 journeys" in index
    assert index.index('href="maps/acme-b2b.html"') < index.index(
        'href="maps/shipper-partner.html"'
    )
    assert "consumer layer" in index and "future state of this map" in index


def test_markdown_golden(cli: Any, tmp_path: Path) -> None:
    result = render(cli, "--format", "md", "-o", str(tmp_path))
    assert result.exit_code == 0, result.output
    for name in ("maps/acme-b2b.md", "maps/shipper-partner.md", "index.md"):
        golden(f"render-{Path(name).name}", (tmp_path / name).read_text(encoding="utf-8"))


def test_persona_view(cli: Any, tmp_path: Path) -> None:
    result = render(cli, "--persona", "finance-director", "-o", str(tmp_path))
    assert result.exit_code == 0, result.output
    written = sorted(str(p.relative_to(tmp_path)) for p in tmp_path.rglob("*") if p.is_file())
    assert written == ["maps/acme-b2b--finance-director.html"]
    page = (tmp_path / "maps" / "acme-b2b--finance-director.html").read_text(encoding="utf-8")
    assert "Pricing proposal and ROI model" in page
    assert "Dispatcher training sessions" not in page  # not met by finance
    assert "Finance Director, felt" in page and "Dispatch Manager, felt" not in page


def test_unknown_persona(cli: Any, tmp_path: Path) -> None:
    result = render(cli, "--persona", "nobody", "-o", str(tmp_path))
    assert result.exit_code == 2
    assert "no journey has a persona" in result.stderr


def test_invalid_journey_is_reported_and_not_written(
    cli: Any, project: Path, tmp_path: Path
) -> None:
    broken = project / "journeys" / "shipper-consumer.yaml"
    broken.write_text(broken.read_text().replace("importance: 5", "importance: 50"))
    out = tmp_path / "site"
    result = render(cli, "-o", str(out), cwd=project)
    assert result.exit_code == 1
    assert "shipper-consumer.yaml:" in result.stderr and "error[out-of-range]" in result.stderr
    assert not (out / "maps" / "shipper-consumer.html").exists()
    assert (out / "maps" / "acme-b2b.html").exists()


def test_failed_journey_leaves_earlier_output_untouched(
    cli: Any, project: Path, tmp_path: Path
) -> None:
    out = tmp_path / "site"
    render(cli, "-o", str(out), cwd=project)
    before = (out / "maps" / "shipper-consumer.html").read_bytes()
    broken = project / "journeys" / "shipper-consumer.yaml"
    broken.write_text(broken.read_text() + "\nnot: [valid\n")
    assert render(cli, "-o", str(out), cwd=project).exit_code == 1
    assert (out / "maps" / "shipper-consumer.html").read_bytes() == before
    assert not [p for p in out.rglob(".*")]  # no temp files left


def test_config_output_folder(cli: Any, project: Path) -> None:
    result = render(cli, cwd=project)
    assert result.exit_code == 0
    assert (project / "site" / "index.html").exists()


def test_template_override_by_name(cli: Any, tmp_path: Path) -> None:
    templates = tmp_path / "templates"
    templates.mkdir()
    (templates / "index.html.j2").write_text(
        "<p>{% for j in page.journeys %}{{ j.title }}|{% endfor %}</p>\n", encoding="utf-8"
    )
    result = render(cli, "--templates", str(templates), "-o", str(tmp_path / "out"))
    assert result.exit_code == 0, result.output
    index = (tmp_path / "out" / "index.html").read_text(encoding="utf-8")
    assert index.startswith("<p>Acme Analytics, mid-market B2B journey (current state)|")
    assert '<table class="map"' in (tmp_path / "out" / "maps" / "acme-b2b.html").read_text(
        encoding="utf-8"
    )


def test_broken_template_override(cli: Any, tmp_path: Path) -> None:
    (tmp_path / "index.html.j2").write_text("{% for x in %}", encoding="utf-8")
    result = render(cli, "--templates", str(tmp_path), "-o", str(tmp_path / "out"))
    assert result.exit_code == 2
    assert "index.html.j2:1): Expected an expression" in result.stderr
    assert result.stdout == ""
    assert not (tmp_path / "out").exists()  # nothing is written when a template is broken


def test_unwritable_output(cli: Any, tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    result = render(cli, "-o", str(blocker / "site"))
    assert result.exit_code == 2
    assert "cannot write" in result.stderr


def test_markdown_escape() -> None:
    assert markdown_escape("a|b\nc") == "a\\|b<br>c"
    assert markdown_escape("<img src=x onerror=alert(1)>") == "&lt;img src=x onerror=alert(1)&gt;"
    assert markdown_escape("[click](javascript:alert(1))") == "\\[click\\](javascript:alert(1))"
    assert markdown_escape(None) == ""


def test_mermaid_escape() -> None:
    """Mermaid's entity codes: the grammar meets none of its syntax (Mermaid takes each
    `#CODE;` out before parsing), and the diagram shows the real characters."""
    assert (
        mermaid_escape("Pricing: phase #2; %%x\nnext")
        == "Pricing#58; phase #35;2#59; #37;#37;x next"
    )
    for char in ":#;%\n{}<>`":
        assert char not in re.sub(r"#\w+;", "", mermaid_escape(f"a{char}b"))
