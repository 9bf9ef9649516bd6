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


@pytest.fixture(scope="module")
def mermaid_page(browser: Any, mermaid_js: Path) -> Any:
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
    assert "50％ off" in svg and "call ＃4" in svg  # shown, with look-alike characters
    assert "<b>now</b>" not in svg
    assert "section Fake title Fake" in svg  # a task name, not a new section


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
    assert "      Call, then mail: 2: Smith\u201a Jane꞉ CFO； ＃1, Ops\n" in result.stdout
    drawn = render(mermaid_page, result.stdout)
    assert drawn["ok"] == "yes", drawn.get("error")
    legend = re.findall(r'<text[^>]*class="legend"[^>]*><tspan[^>]*>([^<]*)</tspan>', drawn["svg"])
    assert sorted(legend) == ["Ops", "Smith\u201a Jane꞉ CFO； ＃1"]  # two actors, not three
    assert re.findall(r'class="task"[^>]*><tspan[^>]*>([^<]*)<', drawn["svg"]) == [
        "Call, then mail",
        "Meet",
    ]
