"""Markdown meant for PR comments pings nobody: `@user`, `@org/team`, `#123`, `GH-123`.

The Markdown is rendered with markdown-it-py (CommonMark, as GitHub's renderer is) and
the visible text is searched with patterns broader than GitHub's own: no `@` directly
before a name, no `#` or `GH-` directly before a number. The same visible text, without
the zero-width spaces, must still read exactly as the user wrote it.
"""

from __future__ import annotations

import html
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

from markdown_it import MarkdownIt

from journeymap.core.escapes import markdown_escape

HOSTILE_NAME = "Call @octocat & @acme/cx-team re #123, acme/web#45 and GH-7 *now*"
PERSONA_NAME = "@dana-ruiz (see #9)"
METRIC_NAME = "NPS for @acme/cx (GH-77)"
PINGS = re.compile(r"@[A-Za-z0-9]|#[0-9]|GH-[0-9]", re.IGNORECASE)
ZWSP = "\u200b"


def visible_text(markdown: str) -> str:
    """What a reader sees: the rendered HTML's text, entities decoded."""
    rendered = MarkdownIt("commonmark").enable("table").render(markdown)
    return html.unescape(re.sub(r"<[^>]+>", " ", rendered))


MERMAID_BLOCK = re.compile(r"^```mermaid\n.*?^```$", re.MULTILINE | re.DOTALL)


def without_mermaid_codes(markdown: str) -> str:
    """Mermaid's entity codes (`#35;` for `#`) taken out of ```mermaid blocks: GitHub
    draws those blocks as diagrams and links nothing in code, and the diagram shows the
    character, not the code. Anything else in the block is still searched."""
    return MERMAID_BLOCK.sub(lambda m: re.sub(r"#[0-9]+;", "", m.group(0)), markdown)


def assert_pings_nobody(markdown: str, *names: str) -> None:
    seen = visible_text(markdown)
    pings = PINGS.findall(visible_text(without_mermaid_codes(markdown)))
    assert pings == [], pings
    readable = seen.replace(ZWSP, "")
    for name in names:
        assert name in readable, name


def test_escape_neutralises_each_kind() -> None:
    assert markdown_escape("@octocat") == "@&#8203;octocat"
    assert markdown_escape("@org/team") == "@&#8203;org/team"
    assert markdown_escape("#123") == "\\#&#8203;123"
    assert markdown_escape("owner/repo#123") == "owner/repo\\#&#8203;123"
    assert markdown_escape("gh-12") == "gh-&#8203;12"
    # what is no reference stays as it was
    assert markdown_escape("C# and #hashtag, team @ 3pm") == "C\\# and \\#hashtag, team @ 3pm"
    assert markdown_escape("high-5") == "high-5"


def test_escaped_text_reads_as_written() -> None:
    assert_pings_nobody(markdown_escape(HOSTILE_NAME), HOSTILE_NAME)
    table = f"| a |\n| --- |\n| {markdown_escape(HOSTILE_NAME)} |\n"
    assert_pings_nobody(table, HOSTILE_NAME)


JOURNEY = """\
journeymap: 1
id: j
title: J
personas: [{{id: p, name: "{persona}"}}]
stages:
  - id: s
    name: S
    goal: G
    touchpoints:
      - id: t
        name: "{name}"
        owner: o
        importance: 5
        performance: {performance}
        emotion: 2
        target_emotion: 4
        metrics: [{{id: m, name: "{metric}", value: 10, target: 40}}]
"""


def journey(name: str, performance: int) -> str:
    return JOURNEY.format(
        name=name, persona=PERSONA_NAME, metric=METRIC_NAME, performance=performance
    )


def test_diff_markdown_pings_nobody(cli: Any, tmp_path: Path) -> None:
    old, new = tmp_path / "old.yaml", tmp_path / "new.yaml"
    old.write_text(journey("Plain name", 1), encoding="utf-8")
    new.write_text(journey(HOSTILE_NAME, 2), encoding="utf-8")
    result = cli("diff", str(old), str(new), "--format", "md", cwd=tmp_path)
    assert result.exit_code == 0, result.output
    assert "@&#8203;octocat" in result.stdout
    assert_pings_nobody(result.stdout, HOSTILE_NAME)


def test_diff_markdown_from_git_pings_nobody(cli: Any, tmp_path: Path) -> None:
    assert shutil.which("git"), "git is required for the diff tests"
    repo = tmp_path / "repo"
    repo.mkdir()
    path = repo / "j.yaml"
    path.write_text(journey("Plain name", 1), encoding="utf-8")
    env = ["-c", "user.name=t", "-c", "user.email=t@example.invalid"]
    for args in (["init", "-q", "-b", "main"], ["add", "-A"], [*env, "commit", "-qm", "one"]):
        subprocess.run(["git", *args], cwd=repo, check=True, capture_output=True)
    path.write_text(journey(HOSTILE_NAME, 2), encoding="utf-8")
    result = cli("diff", "--format", "md", cwd=repo)
    assert result.exit_code == 0, result.output
    assert_pings_nobody(result.stdout, HOSTILE_NAME)


def test_gaps_markdown_pings_nobody(cli: Any, tmp_path: Path) -> None:
    (tmp_path / "j.yaml").write_text(journey(HOSTILE_NAME, 1), encoding="utf-8")
    result = cli("gaps", "j.yaml", "--format", "md", cwd=tmp_path)
    assert result.exit_code == 0, result.output
    assert "@&#8203;octocat" in result.stdout
    assert "NPS for @&#8203;acme/cx (GH-&#8203;77)" in result.stdout  # the metrics table
    assert_pings_nobody(result.stdout, HOSTILE_NAME, METRIC_NAME)
