"""The Mermaid `journey` blocks parse and render with the real Mermaid, in Chromium.

The test session installs the npm package `mermaid` into a cache folder on first use (the
`mermaid_js` fixture, tests/toolchain.py); JOURNEYMAP_MERMAID_JS can point at another copy
of mermaid.min.js. A missing npm is a failure, never a skip.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from conftest import EXAMPLES

HOSTILE = """\
journeymap: 1
id: hostile
title: "Renewal: phase #2; %% not a comment"
personas: [{id: p, name: "Ops: lead #1; {x}"}]
stages:
  - id: s
    name: "Decide: go/no-go #3; done"
    touchpoints:
      - {id: t, name: "Quote: 50% off; call #4 <b>now</b>", emotion: 2, personas: [p]}
      - {id: u, name: "accTitle: fake", emotion: {p: 5}}
      - {id: v, name: "section Fake\\ntitle Fake"}
"""


@pytest.fixture(
    scope="module", params=["mermaid_js", "mermaid10_js"], ids=["mermaid11", "mermaid10"]
)
def mermaid_page(browser: Any, request: pytest.FixtureRequest) -> Any:
    """A page with Mermaid loaded: each test runs with Mermaid 11 and with Mermaid 10."""
    mermaid_js: Path = request.getfixturevalue(request.param)
    context = browser.new_context()
    page = context.new_page()
    page.set_content("<!doctype html><html><body></body></html>")
    page.add_script_tag(path=str(mermaid_js))
    page.evaluate("() => mermaid.initialize({startOnLoad: false})")
    yield page
    context.close()


def render(page: Any, text: str) -> dict[str, str]:
    result: dict[str, str] = page.evaluate(
        """async (text) => {
            try {
                await mermaid.parse(text);
                const {svg} = await mermaid.render('m' + Math.floor(Math.random() * 1e9), text);
                return {ok: 'yes', svg};
            } catch (e) { return {ok: 'no', error: String(e && e.message || e)}; }
        }""",
        text,
    )
    return result


def shown(page: Any, svg: str, selector: str = "text, title") -> list[str]:
    """The text a reader sees in the drawn diagram: the SVG put into the page, each
    element's textContent (character references decoded, as the browser shows them)."""
    texts: list[str] = page.evaluate(
        """([svg, selector]) => {
            const holder = document.createElement('div');
            holder.innerHTML = svg;
            document.body.appendChild(holder);
            const found = [...holder.querySelectorAll(selector)].map(e => e.textContent);
            holder.remove();
            return found;
        }""",
        [svg, selector],
    )
    return texts


def test_examples_parse_and_render(cli: Any, mermaid_page: Any) -> None:
    for path in sorted((EXAMPLES / "journeys").glob("*.yaml")):
        result = cli("export", str(path), "--format", "mermaid", cwd=EXAMPLES)
        assert result.exit_code == 0, result.output
        drawn = render(mermaid_page, result.stdout)
        assert drawn["ok"] == "yes", (path.name, drawn.get("error"))
        assert "<svg" in drawn["svg"]


def test_hostile_names_stay_text(cli: Any, mermaid_page: Any, tmp_path: Path) -> None:
    (tmp_path / "h.yaml").write_text(HOSTILE, encoding="utf-8")
    result = cli("export", "h.yaml", "--format", "mermaid", cwd=tmp_path)
    assert result.exit_code == 0, result.output
    drawn = render(mermaid_page, result.stdout)
    assert drawn["ok"] == "yes", drawn.get("error")
    svg = drawn["svg"]
    assert "<b>now</b>" not in svg  # text, never markup
    texts = shown(mermaid_page, svg)
    # the real characters, as written (Mermaid's entity codes, no look-alikes)
    assert "Renewal: phase #2; %% not a comment" in texts
    assert "Quote: 50% off; call #4 <b>now</b>" in texts
    assert "Decide: go/no-go #3; done" in texts
    assert "section Fake title Fake (no emotion yet)" in texts  # a task, not a new section
    assert "accTitle: fake" in texts
    assert not any(c in "".join(texts) for c in "꞉％＃；\u200b")


COMMA_PERSONA = """\
journeymap: 1
id: h
title: H
personas: [{id: p, name: "Smith, Jane: CFO; #1"}, {id: q, name: Ops}]
stages:
  - id: s
    name: S
    touchpoints:
      - {id: t, name: "Call, then mail", emotion: 2, personas: [p, q]}
      - {id: u, name: Meet, emotion: 4, personas: [p]}
"""


def test_a_comma_in_a_persona_name_keeps_one_actor(
    cli: Any, mermaid_page: Any, tmp_path: Path
) -> None:
    """Mermaid splits a task's actors on commas; the name's comma becomes U+201A."""
    (tmp_path / "h.yaml").write_text(COMMA_PERSONA, encoding="utf-8")
    result = cli("export", "h.yaml", "--format", "mermaid", cwd=tmp_path)
    assert result.exit_code == 0, result.output
    assert "      Call, then mail: 2: Smith#44; Jane#58; CFO#59; #35;1, Ops\n" in result.stdout
    drawn = render(mermaid_page, result.stdout)
    assert drawn["ok"] == "yes", drawn.get("error")
    legend = shown(mermaid_page, drawn["svg"], "text.legend")
    assert sorted(legend) == ["Ops", "Smith, Jane: CFO; #1"]  # two actors, not three
    assert shown(mermaid_page, drawn["svg"], "text.task") == ["Call, then mail", "Meet"]


FENCE = re.compile(r"^```mermaid\n(.*?)^```$", re.MULTILINE | re.DOTALL)


def test_several_journeys_make_diagrams_that_each_parse(
    cli: Any, mermaid_page: Any, tmp_path: Path
) -> None:
    """A Mermaid file holds one diagram: several journeys are a Markdown page of fenced
    blocks (stdout, or -o FILE.md) or one .mmd file each (-o DIR/); each one parses."""
    page = cli("export", "--format", "mermaid", cwd=EXAMPLES)
    assert page.exit_code == 0, page.output
    blocks = FENCE.findall(page.stdout)
    names = sorted(p.name for p in (EXAMPLES / "journeys").glob("*.yaml"))
    assert len(blocks) == len(names) == 4
    folder = tmp_path / "diagrams"
    written = cli("export", "--format", "mermaid", "-o", f"{folder}/", cwd=EXAMPLES)
    assert written.exit_code == 0, written.output
    files = sorted(folder.glob("*.mmd"), key=lambda f: f.stem)
    assert [f.stem for f in files] == [
        "acme-b2b",
        "acme-b2b-future",
        "shipper-consumer",
        "shipper-partner",
    ]
    for text in blocks + [f.read_text(encoding="utf-8") for f in files]:
        drawn = render(mermaid_page, text)
        assert drawn["ok"] == "yes", (text[:80], drawn.get("error"))
    one_file = cli("export", "--format", "mermaid", "-o", str(tmp_path / "all.mmd"), cwd=EXAMPLES)
    assert one_file.exit_code == 2
    assert "a Mermaid file holds one" in one_file.stderr
    assert not (tmp_path / "all.mmd").exists()


SCORED = """\
journeymap: 1
id: scored
title: Scored
stages:
  - id: s
    name: S
    touchpoints:
      - {id: t, name: 'Quote: 50% off; "call" #4 <b>now</b>, [x] @bob', importance: 4, performance: 2}
      - {id: u, name: "section x", importance: 2, performance: 4}
"""


def test_gap_quadrant_labels_parse_and_read_as_written(
    cli: Any, mermaid_page: Any, tmp_path: Path
) -> None:
    """The gap report's quadrant chart quotes each label (its grammar takes few characters
    bare) and codes the rest, like the journey diagram."""
    (tmp_path / "g.yaml").write_text(SCORED, encoding="utf-8")
    result = cli("gaps", "g.yaml", "--format", "md", cwd=tmp_path)
    assert result.exit_code == 0, result.output
    (block,) = FENCE.findall(result.stdout)
    drawn = render(mermaid_page, block)
    assert drawn["ok"] == "yes", drawn.get("error")
    texts = shown(mermaid_page, drawn["svg"])
    assert 'Quote: 50% off; "call" #4 <b>now</b>, [x] @bob' in texts
    assert "section x" in texts
