"""The pieces of `serve` on their own: path resolution, CSP, overlay, site builds, watching."""

from __future__ import annotations

import re
import shutil
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from conftest import EXAMPLES, TODAY
from journeymap.core.diagnostics import Diagnostic
from journeymap.serve.live import allow, csp_hash, live_script, render_overlay, widen_csp
from journeymap.serve.model import FileProblems, Problem
from journeymap.serve.server import is_loopback, resolve
from journeymap.serve.site import GAP_REPORT, SiteBuilder, problem_page
from journeymap.serve.watch import plan


@pytest.mark.parametrize(
    ("target", "expected"),
    [
        ("/", "index.html"),
        ("/index.html", "index.html"),
        ("/acme-b2b.html?x=1#tp", "acme-b2b.html"),
        ("/gap-report/", "gap-report/index.html"),
        ("/%61cme-b2b.html", "acme-b2b.html"),
        ("http://127.0.0.1:8000/acme-b2b.html", "acme-b2b.html"),
        ("/__journeymap/events", "__journeymap/events"),
        ("/../etc/passwd", None),
        ("/%2e%2e/etc/passwd", None),
        ("/%2E%2e%2fetc%2fpasswd", None),
        ("/a/./b.html", None),
        ("//etc/passwd", None),
        ("/%2fetc/passwd", None),
        ("/..\\x", None),
        ("/%5c..%5cx", None),
        ("/index.html%00", None),
        ("../index.html", None),
        ("*", None),
        ("etc/passwd", None),
        ("http://127.0.0.1:8000/../x", None),
    ],
)
def test_resolve(target: str, expected: str | None) -> None:
    assert resolve(target) == expected


@pytest.mark.parametrize(
    ("host", "loopback"),
    [
        ("127.0.0.1", True),
        ("127.1.2.3", True),
        ("localhost", True),
        ("::1", True),
        ("[::1]", True),
        ("0.0.0.0", False),
        ("::", False),
        ("192.168.1.10", False),
        ("example.org", False),
    ],
)
def test_is_loopback(host: str, loopback: bool) -> None:
    assert is_loopback(host) is loopback


def test_csp_allows_exactly_the_added_source() -> None:
    h = "'sha256-abc='"
    # an existing directive keeps its sources and gains one
    assert allow("default-src 'none'; script-src 'sha256-x='", "script-src", h) == (
        f"default-src 'none'; script-src 'sha256-x=' {h}"
    )
    # a missing directive falls back to default-src: 'none' becomes just the new source
    assert allow("default-src 'none'; img-src data:", "connect-src", "'self'") == (
        "default-src 'none'; img-src data:; connect-src 'self'"
    )
    # ... and keeps what default-src allowed
    assert allow("default-src 'self' data:", "script-src", h) == (
        f"default-src 'self' data:; script-src 'self' data: {h}"
    )
    # nothing restricts scripts: nothing to add
    assert allow("img-src data:", "script-src", h) == "img-src data:"
    # 'unsafe-inline' already allows it, and a hash would switch it off for the page's own code
    assert allow("style-src 'unsafe-inline'", "style-src", h) == "style-src 'unsafe-inline'"
    # adding twice changes nothing
    once = allow("script-src 'none'", "script-src", h)
    assert allow(once, "script-src", h) == once == f"script-src {h}"


def test_widen_csp_in_a_page() -> None:
    page = (
        '<head><meta http-equiv="Content-Security-Policy" content="default-src '
        "'none'; style-src 'unsafe-inline'\"></head>"
    )
    script = live_script()
    out = widen_csp(page, [("script-src", csp_hash(script)), ("connect-src", "'self'")])
    policy = re.search(r'content="([^"]*)"', out)
    assert policy is not None
    assert policy.group(1) == (
        f"default-src 'none'; style-src 'unsafe-inline'; script-src {csp_hash(script)}; "
        "connect-src 'self'"
    )


def hostile_problems() -> list[FileProblems]:
    evil = '<script>alert("x")</script><img src=x onerror=alert(1)>'
    d = Diagnostic(
        f"journeys/{evil}.yaml", 2, 3, "error", "yaml-syntax", f"bad {evil}", f"fix {evil}"
    )
    return [FileProblems(d.path, "acme-b2b.html", (Problem(d, f"title: {evil}"),))]


def test_overlay_escapes_what_the_user_wrote() -> None:
    html = render_overlay(hostile_problems())
    assert "<script>" not in html and "<img" not in html
    assert "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;" in html
    # the code frame: the line, then a caret under column 3
    assert " 2 | title: &lt;script&gt;" in html
    assert "\n   |   ^" in html
    assert "journeys/&lt;script&gt;" in html and ":2:3" in html


def test_overlay_shows_as_text_in_chromium(browser: Any) -> None:
    page = browser.new_context().new_page()
    dialogs: list[str] = []

    def on_dialog(dialog: Any) -> None:
        dialogs.append(dialog.message)
        dialog.dismiss()

    page.on("dialog", on_dialog)
    page.set_content(f"<body>{render_overlay(hostile_problems())}</body>")
    text = page.locator("#journeymap-problems").inner_text()
    assert '<script>alert("x")</script>' in text
    assert "help: fix <script>" in text
    assert page.locator("#journeymap-problems script, #journeymap-problems img").count() == 0
    page.wait_for_timeout(200)
    assert dialogs == []
    page.context.close()


# --- site builds ---------------------------------------------------------------------------------


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    target = tmp_path / "project"
    shutil.copytree(EXAMPLES, target, ignore=shutil.ignore_patterns("site", ".journeymap_cache"))
    monkeypatch.chdir(target)
    return target


def builder() -> SiteBuilder:
    return SiteBuilder([], None, None, lambda: date.fromisoformat(TODAY))


def test_served_pages_are_the_rendered_pages_plus_the_live_script(project: Path, cli: Any) -> None:
    out = project.parent / "rendered"
    result = cli("render", "-o", str(out), cwd=project)
    assert result.exit_code == 0
    site = builder().build()
    rendered = {str(p.relative_to(out)): p.read_text(encoding="utf-8") for p in out.rglob("*.html")}
    assert set(rendered) | {"gaps.csv"} == set(site.pages)
    # a download is served byte for byte as render writes it: no script, no overlay
    assert site.pages["gaps.csv"] == (out / "gaps.csv").read_bytes()
    script_hash = csp_hash(live_script())
    for name, text in rendered.items():
        assert "__journeymap" not in text, "the static output carries no serve script"
        served = site.pages[name].decode("utf-8")
        # undo exactly what serve adds: the script element and the two CSP sources
        served = re.sub(r'<script data-etag="[0-9a-f]{16}">.*?</script>\n', "", served, flags=re.S)
        served = served.replace(f"; script-src {script_hash}", "").replace(f" {script_hash}", "")
        served = served.replace("; connect-src 'self'", "")
        assert served == text, name
    # the gap report is served too; persona views are the map with a filter, not copies
    assert GAP_REPORT in site.pages
    assert "maps/acme-b2b.html#persona=finance-director" in site.pages["index.html"].decode()


def test_broken_file_keeps_its_last_map_and_is_listed(project: Path) -> None:
    b = builder()
    first = b.build()
    assert first.problems == ()
    path = project / "journeys" / "acme-b2b-current.yaml"
    path.write_text(path.read_text(encoding="utf-8") + "\n: : [\n", encoding="utf-8")
    broken = b.build()
    pages = {f.path: f.page for f in broken.problems}
    # the future-state map names the current one, which no longer parses
    assert pages == {
        "journeys/acme-b2b-current.yaml": "maps/acme-b2b.html",  # remembered from the good build
        "journeys/acme-b2b-future.yaml": "maps/acme-b2b-future.html",
    }
    future = next(f for f in broken.problems if f.path.endswith("future.yaml"))
    assert [p.diagnostic.rule for p in future.problems] == ["unresolved-reference"]
    page = broken.pages["maps/acme-b2b.html"].decode()
    assert 'class="map' in page and "journeymap-problems" in page
    assert "Below is the map as it was before the problem." in page
    assert broken.etags["maps/acme-b2b.html"] != first.etags["maps/acme-b2b.html"]
    assert broken.etags["maps/shipper-partner.html"] == first.etags["maps/shipper-partner.html"]
    index = broken.pages["index.html"].decode()
    assert 'href="/maps/acme-b2b.html">journeys/acme-b2b-current.yaml</a>' in index


def test_a_file_that_never_parsed_gets_a_page_of_its_own(project: Path) -> None:
    (project / "journeys" / "new.yaml").write_text("journeymap: 1\nid: [\n", encoding="utf-8")
    site = builder().build()
    problems = {f.path: f for f in site.problems}
    assert problems["journeys/new.yaml"].page == problem_page("journeys/new.yaml")
    assert problem_page("journeys/new.yaml") == "__journeymap/problems/journeys-new.yaml.html"
    assert "This file has no map yet" in site.pages[problem_page("journeys/new.yaml")].decode()


def test_broken_config_shows_on_every_page_and_recovers(project: Path) -> None:
    b = builder()
    good = b.build()
    config = project / "journeymap.yaml"
    text = config.read_text(encoding="utf-8")
    config.write_text(text + "colour: blue\n", encoding="utf-8")
    broken = b.build()
    assert set(broken.pages) == set(good.pages), "the last good site is still served"
    assert [f.path for f in broken.problems] == ["journeymap.yaml"]
    line = len(text.splitlines()) + 1
    for name in ("index.html", "maps/acme-b2b.html"):
        assert f"journeymap.yaml:{line}:1" in broken.pages[name].decode()
    # the download stays the last good CSV: no overlay HTML glued to its end
    assert broken.pages["gaps.csv"] == good.pages["gaps.csv"]
    assert b"<" not in broken.pages["gaps.csv"].split(b"\n")[-2]
    config.write_text(text, encoding="utf-8")
    assert b.build().etags == good.etags


def test_a_failing_template_override_is_a_problem_not_a_crash(project: Path) -> None:
    templates = project / "tpl"
    templates.mkdir()
    (templates / "index.html.j2").write_text("{{ nope.missing }}", encoding="utf-8")
    site = SiteBuilder([], None, templates, lambda: date.fromisoformat(TODAY)).build()
    assert site.problems and "template error" in site.problems[0].problems[0].diagnostic.message


# --- what is watched -----------------------------------------------------------------------------


def test_watch_plan(tmp_path: Path) -> None:
    (tmp_path / "journeys" / "sub").mkdir(parents=True)
    (tmp_path / "tpl").mkdir()
    named = tmp_path / "elsewhere" / "one.yaml"
    named.parent.mkdir()
    named.write_text("", encoding="utf-8")
    config = tmp_path / "journeymap.yaml"
    p = plan([str(tmp_path / "journeys" / "sub"), str(named)], config, tmp_path / "tpl")
    # the config's folder holds the rest; a named file is watched through its folder
    assert p.roots == (tmp_path.resolve(),)
    assert p.relevant(str(tmp_path / "journeys" / "x.yml"))
    assert p.relevant(str(config))
    assert p.relevant(str(tmp_path / "tpl" / "map.css"))
    assert not p.relevant(str(tmp_path / "site" / "index.html"))
    assert not p.relevant(str(tmp_path / "notes.txt"))
    only_named = plan([str(named)], None, None)
    assert only_named.roots == (named.parent.resolve(),)


def test_a_bug_in_a_build_is_shown_not_raised(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    b = builder()
    good = b.build()
    monkeypatch.delenv("JOURNEYMAP_DEBUG", raising=False)

    def broken(portfolio: object) -> None:
        raise RuntimeError("boom <b>")

    monkeypatch.setattr(b, "_render", broken)
    site = b.build()
    assert set(site.pages) == set(good.pages)
    message = site.problems[0].problems[0].diagnostic.message
    assert message.startswith("internal error: RuntimeError: boom <b>")
    assert "boom &lt;b&gt;" in site.pages["index.html"].decode()
