"""The diff of a revision that adds a committee change is one change, not ten +/- lines."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from checks.test_committee import BASE
from gitrepo import git

BEFORE = (
    BASE.split("committee_changes:")[0]
    .replace("        personas: [cfo, new-cfo]\n", "        personas: [cfo]\n")
    .replace("        personas: [new-cfo, ops]\n", "        personas: [cfo, ops]\n")
    .replace("emotion: {new-cfo: 3, ops: 4}", "emotion: {cfo: 3, ops: 4}")
)
LINE = (
    "CFO leaves at Renewal, New CFO takes over at Handover call (The CFO moved to the "
    "parent company); personas updated on 2 touchpoints"
)


def repo(tmp_path: Path) -> Path:
    root = tmp_path / "maps"
    root.mkdir()
    git(root, "init", "-q", "-b", "main")
    (root / "renewal.yaml").write_text(BEFORE, encoding="utf-8")
    git(root, "add", "-A")
    git(root, "commit", "-qm", "before")
    return root


def test_adding_a_change_reads_as_one_line(cli: Any, tmp_path: Path) -> None:
    root = repo(tmp_path)
    (root / "renewal.yaml").write_text(BASE, encoding="utf-8")
    text = cli("diff", "main", cwd=root)
    assert text.stdout == f"journey renewal\n  stage renewal\n    + {LINE}\n"
    data = json.loads(cli("diff", "main", "--format", "json", cwd=root).stdout)
    assert [(c["action"], c["stage"], c["text"]) for c in data["changes"]] == [
        ("added", "renewal", LINE)
    ]


def test_a_swap_the_change_does_not_explain_is_still_shown(cli: Any, tmp_path: Path) -> None:
    """Ops swapped for the CFO in Adoption, before the change: not the change's doing."""
    root = repo(tmp_path)
    after = BASE.replace("        personas: [cfo, ops]\n", "        personas: [cfo]\n", 1)
    (root / "renewal.yaml").write_text(after, encoding="utf-8")
    lines = cli("diff", "main", cwd=root).stdout.splitlines()
    assert lines[0] == "journey renewal"
    assert "    - touchpoint quarterly-review: ops removed from personas" in lines
    assert f"    + {LINE}" in lines


def test_removing_a_change_says_so(cli: Any, tmp_path: Path) -> None:
    root = repo(tmp_path)
    (root / "renewal.yaml").write_text(BASE, encoding="utf-8")
    git(root, "add", "-A")
    git(root, "commit", "-qm", "after")
    (root / "renewal.yaml").write_text(BEFORE, encoding="utf-8")
    out = cli("diff", "HEAD", cwd=root).stdout
    assert (
        "- CFO leaves at Renewal, New CFO takes over at Handover call (The CFO moved to the "
        "parent company) (removed)"
    ) in out


def test_library_personas_are_named(cli: Any, repo: Path) -> None:
    """The example's committee comes from a persona library: the line names them."""
    path = repo / "journeys" / "acme-b2b-current.yaml"
    path.write_text(
        path.read_text(encoding="utf-8").replace("why: The Finance Director moved", "why: Moved"),
        encoding="utf-8",
    )
    out = cli("diff", "HEAD", cwd=repo).stdout
    assert (
        "~ Finance Director leaves at Retention and renewal, New Finance Director takes over "
        "at Quarterly business review (Moved to the group's holding before the first renewal)"
    ) in out
