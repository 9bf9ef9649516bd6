"""`journeymap diff` against real git repositories in temp folders."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

from conftest import EXAMPLES
from gitrepo import ACME, edit, git


def lines(result: Any) -> list[str]:
    return [line.strip() for line in result.stdout.splitlines()]


def test_working_tree_against_head(cli: Any, repo: Path) -> None:
    edit(repo / ACME, "        performance: 1\n", "        performance: 3\n")
    result = cli("diff", cwd=repo)
    assert result.exit_code == 0, result.output
    assert lines(result) == [
        "journey acme-b2b",
        "stage consideration",
        "~ touchpoint security-review: performance 1 -> 3 (improved)",
    ]


def test_no_changes_and_exit_code(cli: Any, repo: Path) -> None:
    assert cli("diff", "--exit-code", cwd=repo).exit_code == 0
    edit(
        repo / ACME,
        "importance: 3\n        performance: 2\n",
        "importance: 3\n        performance: 1\n",
    )
    result = cli("diff", "--exit-code", cwd=repo)
    assert result.exit_code == 1
    assert "performance 2 -> 1 (worsened)" in result.stdout


def test_formatting_only_changes_produce_nothing(cli: Any, repo: Path) -> None:
    path = repo / ACME
    text = path.read_text(encoding="utf-8")
    text = text.replace(
        "tags: [logistics, mid-market, visibility]",
        "tags:\n  - logistics\n  - mid-market\n  - visibility  # a comment",
    )
    text = text.replace("title: Acme Analytics", "# a new comment\ntitle: 'Acme Analytics")
    text = text.replace("journey (current state)\n", "journey (current state)'\n", 1)
    text = text.replace("id: acme-b2b\n", "", 1).replace(
        "journeymap: 1\n", "journeymap: 1\nid: acme-b2b\n", 1
    )
    path.write_text(text, encoding="utf-8")
    result = cli("diff", "--exit-code", cwd=repo)
    assert result.exit_code == 0, result.stdout
    assert result.stdout == ""


def test_move_rename_status_and_metrics(cli: Any, repo: Path) -> None:
    path = repo / ACME
    text = path.read_text(encoding="utf-8")
    start = text.index("      - id: contract-negotiation")
    end = text.index("  - id: onboarding")
    block = text[start:end]
    text = text[:start] + text[end:]
    anchor = text.index("      - id: security-review")
    text = text[:anchor] + block + text[anchor:]
    text = text.replace("name: Quarterly business review\n", "name: QBR with ROI report\n")
    text = text.replace(
        "status: planned\n            ref: SEC-31", "status: in-progress\n            ref: SEC-31"
    )
    text = text.replace("value: 81\n", "value: 84\n")
    path.write_text(text, encoding="utf-8")
    result = cli("diff", "--format", "json", cwd=repo)
    texts = [c["text"] for c in json.loads(result.stdout)["changes"]]
    assert "touchpoint contract-negotiation moved from decision to consideration" in texts
    assert (
        "touchpoint quarterly-business-review renamed: 'Quarterly business review' -> 'QBR with ROI report'"
        in texts
    )
    assert (
        "touchpoint security-review opportunity trust-center: status planned -> in-progress"
        in texts
    )
    assert "stage retention metric renewal-rate: value 81 -> 84 (improved)" in texts


def test_added_removed_and_personas(cli: Any, repo: Path) -> None:
    edit(repo / ACME, "      - id: expansion-offer\n", "      - id: expansion-upsell\n")
    edit(
        repo / "personas/buying-committee.yaml",
        "name: Procurement Manager",
        "name: Head of Procurement",
    )
    result = cli("diff", cwd=repo)
    out = result.stdout
    assert "- touchpoint expansion-offer removed ('Expansion to new regions')" in out
    assert "+ touchpoint expansion-upsell added ('Expansion to new regions')" in out
    assert "persona procurement renamed: 'Procurement Manager' -> 'Head of Procurement'" in out


def test_one_revision_and_two_revisions(cli: Any, repo: Path) -> None:
    edit(repo / ACME, "value: 24\n", "value: 31\n")
    git(repo, "commit", "-qam", "nps up")
    edit(repo / ACME, "value: 31\n", "value: 35\n")
    since_main_first = cli("diff", "HEAD~1", cwd=repo).stdout
    assert "value 24 -> 35 (improved)" in since_main_first
    between = cli("diff", "HEAD~1", "HEAD", cwd=repo).stdout
    assert "value 24 -> 31 (improved)" in between


def test_pathspec_limits_files(cli: Any, repo: Path) -> None:
    edit(repo / ACME, "value: 24\n", "value: 31\n")
    edit(repo / "journeys/shipper-consumer.yaml", "value: 9\n", "value: 7\n")
    result = cli("diff", "--", "journeys/shipper-consumer.yaml", cwd=repo)
    assert "shipper-consumer" in result.stdout and "acme-b2b" not in result.stdout
    result = cli("diff", "HEAD", "--", "journeys/acme-b2b-current.yaml", cwd=repo)
    assert "acme-b2b" in result.stdout and "shipper-consumer" not in result.stdout


def test_renamed_and_new_files(cli: Any, repo: Path) -> None:
    git(repo, "mv", ACME, "journeys/acme.yaml")
    result = cli("diff", "--exit-code", cwd=repo)
    assert result.exit_code == 0 and result.stdout == ""  # a renamed file is no change in meaning
    new = repo / "journeys" / "extra.yaml"
    new.write_text(
        "journeymap: 1\nid: extra\ntitle: Extra\nstages: [{id: s, name: S}]\n", encoding="utf-8"
    )
    assert "+ journey extra added (Extra)" in cli("diff", cwd=repo).stdout


def test_broken_revision_is_reported_not_a_crash(cli: Any, repo: Path) -> None:
    edit(repo / ACME, "stages:\n", "stages: [\n")
    git(repo, "commit", "-qam", "broken")
    result = cli("diff", "HEAD~1", "HEAD", cwd=repo)
    assert result.exit_code == 1
    assert (
        "! journeys/acme-b2b-current.yaml at HEAD does not load (1 error; first at" in result.stdout
    )
    # the errors themselves are diagnostics, printed as validate prints them
    assert "journeys/acme-b2b-current.yaml at HEAD:" in result.stderr
    assert "error[yaml-syntax]" in result.stderr
    assert "1 file could not be compared" in result.stderr
    data = json.loads(cli("diff", "HEAD~1", "HEAD", "--format", "json", cwd=repo).stdout)
    assert data["version"] == 2
    assert [(d["path"], d["rule"], d["severity"]) for d in data["broken"]] == [
        ("journeys/acme-b2b-current.yaml at HEAD", "yaml-syntax", "error")
    ]
    # nothing is known of its meaning at HEAD: not a journey removed
    assert data["changes"] == []
    assert "removed" not in result.stdout


def test_a_file_that_stops_loading_is_not_a_removal(cli: Any, repo: Path) -> None:
    """A tab in the working tree, a broken persona library: each is reported as not
    loading, and what it defined is not reported as removed (a reviewer reading the pull
    request comment saw the whole map deleted); fixed again, it is compared as before."""
    edit(repo / ACME, "stages:\n", "stages:\n\t\n")
    library = next((repo / "personas").glob("*.yaml"))
    library.write_text(library.read_text(encoding="utf-8") + "  - [\n", encoding="utf-8")
    for fmt in ("text", "md", "json"):
        result = cli("diff", "--format", fmt, cwd=repo)
        assert result.exit_code == 1, result.output
        assert "does not load" in result.stdout or '"broken"' in result.stdout
        if fmt == "json":
            data = json.loads(result.stdout)
            assert data["changes"] == []
            assert len({d["path"] for d in data["broken"]}) == 2
        else:
            assert "removed" not in result.stdout
            assert "added" not in result.stdout
    git(repo, "checkout", "--", ".")
    edit(repo / ACME, "        performance: 1\n", "        performance: 3\n")
    result = cli("diff", cwd=repo)
    assert result.exit_code == 0 and "performance 1 -> 3" in result.stdout


def test_markdown_format(cli: Any, repo: Path) -> None:
    edit(repo / ACME, "        performance: 1\n", "        performance: 3\n")
    result = cli("diff", "--format", "md", cwd=repo)
    assert result.stdout.startswith("## Journey map changes\n")
    assert "- ~ touchpoint security-review: performance 1 → 3 (improved)" in result.stdout


def test_two_files_outside_git(cli: Any, tmp_path: Path) -> None:
    old = tmp_path / "old.yaml"
    new = tmp_path / "new.yaml"
    shutil.copy(EXAMPLES / ACME, old)
    shutil.copy(EXAMPLES / ACME, new)
    edit(new, "emotion: 2\n        target_emotion: 3\n", "emotion: 3\n        target_emotion: 3\n")
    result = cli("diff", str(old), str(new), cwd=tmp_path)
    assert result.exit_code == 0
    assert "touchpoint security-review: emotion 2 -> 3 (improved)" in result.stdout


def test_unknown_revision_is_usage_error(cli: Any, repo: Path) -> None:
    result = cli("diff", "no-such-branch", cwd=repo)
    assert result.exit_code == 2
    assert "'no-such-branch' is not a revision" in result.stderr


def test_outside_git_with_revisions(cli: Any, tmp_path: Path) -> None:
    result = cli("diff", "main", cwd=tmp_path)
    assert result.exit_code == 2
    assert "not inside a git repository" in result.stderr


def test_markdown_signs_survive_commonmark(cli: Any, repo: Path) -> None:
    """A pull-request comment shows `+` and `-` before what was added and removed; bare,
    `- +` and `- -` became an empty bullet holding a nested one, and the sign was lost."""
    from markdown_it import MarkdownIt

    edit(repo / ACME, "        performance: 1\n", "        performance: 3\n")
    lines = (repo / ACME).read_text(encoding="utf-8").splitlines(keepends=True)
    start = lines.index("      - id: security-review\n")
    end = start + 1  # the touchpoint's own lines are indented deeper than its dash
    while end < len(lines) and lines[end].startswith("        "):
        end += 1
    (repo / ACME).write_text("".join(lines[:start] + lines[end:]), encoding="utf-8")
    markdown = cli("diff", "--format", "md", cwd=repo).stdout
    assert "- \\- touchpoint security-review removed" in markdown
    html = MarkdownIt("commonmark").render(markdown)
    assert "<li>- touchpoint security-review removed" in html
    assert "<ul>\n<li>\n<ul>" not in html  # no list inside a list item


def test_a_renamed_file_that_breaks_is_not_a_removal(cli: Any, repo: Path) -> None:
    """`git mv` then a tab: the journey's old path is gone and its new path does not
    load; the id it still declares says the journey is there, only unreadable."""
    git(repo, "mv", "journeys/shipper-partner.yaml", "journeys/partner.yaml")
    edit(repo / "journeys" / "partner.yaml", "stages:\n", "stages:\n\t\n")
    data = json.loads(cli("diff", "--format", "json", cwd=repo).stdout)
    assert [d["path"] for d in data["broken"]][:1] == ["journeys/partner.yaml (working tree)"]
    assert data["changes"] == []


def test_a_broken_journey_hides_no_persona_of_the_same_id(cli: Any, repo: Path) -> None:
    """Journey ids and persona ids are apart: a broken journey whose id is also a
    persona's id leaves that persona's removal reported."""
    library = next((repo / "personas").glob("*.yaml"))
    text = library.read_text(encoding="utf-8")
    start = text.index("  - id: ")
    end = text.index("  - id: ", start + 1)
    pid = text[start + len("  - id: ") : text.index("\n", start)].strip()
    consumer = repo / "journeys" / "shipper-consumer.yaml"
    edit(consumer, "id: shipper-consumer\n", f"id: {pid}\n")
    git(repo, "commit", "-qam", "the consumer map's id is also a persona's id")
    library.write_text(text[:start] + text[end:], encoding="utf-8")
    edit(consumer, "stages:\n", "stages:\n\t\n")
    data = json.loads(cli("diff", "--format", "json", cwd=repo).stdout)
    texts = [c["text"] for c in data["changes"]]
    assert any(t.startswith(f"persona {pid} removed") for t in texts), texts
    assert not any("journey" in t and "removed" in t for t in texts), texts
