"""One glob dialect (git's wildmatch) for the config, diff and .gitattributes."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from journeymap.disk.globs import expand, matches


@pytest.mark.parametrize(
    ("pattern", "path", "expected"),
    [
        ("journeys/*.yaml", "journeys/acme.yaml", True),
        ("journeys/*.yaml", "journeys/archive/old.yaml", False),  # * stays in its folder
        ("journeys/**/*.yaml", "journeys/archive/old.yaml", True),
        ("journeys/**/*.yaml", "journeys/acme.yaml", True),  # ** matches no folder too
        ("*.yaml", "deep/down/acme.yaml", True),  # no slash: a name at any depth
        ("/acme.yaml", "deep/acme.yaml", False),  # leading slash: anchored
        ("journeys/*.yaml", "other/journeys/acme.yaml", False),  # a slash anchors
        ("journeys/a?.yaml", "journeys/ab.yaml", True),
        ("journeys/[ab].yaml", "journeys/c.yaml", False),
    ],
)
def test_wildmatch(pattern: str, path: str, expected: bool) -> None:
    assert matches(path, [pattern]) is expected


def test_agrees_with_git(tmp_path: Path) -> None:
    """The same patterns, asked of git itself through .gitattributes."""
    files = ["journeys/acme.yaml", "journeys/archive/old.yaml", "other/journeys/x.yaml", "a.yaml"]
    patterns = ["journeys/*.yaml", "journeys/**/*.yaml", "*.yaml", "/a.yaml"]
    subprocess.run(["git", "init", "-q", str(tmp_path)], check=True)
    for pattern in patterns:
        (tmp_path / ".gitattributes").write_text(f"{pattern} diff=jm\n")
        out = subprocess.run(
            ["git", "check-attr", "diff", "--", *files],
            cwd=tmp_path,
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        by_git = {line.split(":")[0]: line.endswith(": jm") for line in out.splitlines()}
        assert by_git == {f: matches(f, [pattern]) for f in files}, pattern


def test_expand_walks_only_the_literal_base(tmp_path: Path) -> None:
    for name in ["journeys/a.yaml", "journeys/archive/old.yaml", "journeys/.hidden/h.yaml"]:
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("journeymap: 1\n")
    assert expand(tmp_path, "journeys/*.yaml") == ["journeys/a.yaml"]
    assert expand(tmp_path, "journeys/**/*.yaml") == [
        "journeys/a.yaml",
        "journeys/archive/old.yaml",
    ]
    assert expand(tmp_path, "nowhere/*.yaml") == []
