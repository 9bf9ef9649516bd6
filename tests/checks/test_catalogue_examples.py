"""Every rule's `bad` example really breaks that rule, and its `good` example does not.

The examples are run through the real CLI in a fresh folder, as a reader who pastes them
would: `journeymap validate --format json` (or `fmt --check` for the rule only fmt
reports). An example of several files marks each with a `# file: NAME` comment line; a
file whose note says it is saved as Latin-1 is written in that encoding, and the
`unreadable` example, which cannot be text, is a link to a file that does not exist.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

from journeymap.checks.catalogue import RULES, Rule

FILE_MARK = re.compile(r"^# file: (\S+)(.*)\n", re.MULTILINE)
HEADLINE = re.compile(
    r"^(?P<path>[^\s:][^:]*):(?P<line>\d+):(?P<column>\d+): "
    r"(?P<severity>error|warning|info)\[(?P<rule>[\w-]+)\] ",
    re.MULTILINE,
)
DEFAULT_NAME = "journeys/onboarding.yaml"


def split_files(example: str) -> list[tuple[str, str, str]]:
    """(name, note, text) for each file of an example."""
    marks = list(FILE_MARK.finditer(example))
    if not marks:
        return [(DEFAULT_NAME, "", example)]
    out = []
    for i, mark in enumerate(marks):
        end = marks[i + 1].start() if i + 1 < len(marks) else len(example)
        out.append((mark.group(1), mark.group(2), example[mark.end() : end]))
    return out


def run_example(
    cli: Any, folder: Path, rule: Rule, example: str, *, bad: bool
) -> tuple[int, list[dict[str, Any]]]:
    """Write the example's files into `folder`, run journeymap there; (exit code, findings)."""
    folder.mkdir()
    targets = []
    for name, note, text in split_files(example):
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if rule.name == "unreadable" and bad:
            path.symlink_to(folder / "moved-away.yaml")
        else:
            path.write_bytes(text.encode("latin-1" if "Latin-1" in note else "utf-8"))
        if name != "journeymap.yaml":
            targets.append(name)
    if rule.name == "unformattable":
        result = cli("fmt", "--check", *targets, cwd=folder)
        return result.exit_code, [m.groupdict() for m in HEADLINE.finditer(result.stderr)]
    result = cli("validate", "--format", "json", *targets, cwd=folder)
    # a broken journeymap.yaml stops the run (exit 2), still as JSON
    return result.exit_code, json.loads(result.stdout)["diagnostics"]


@pytest.mark.parametrize("name", sorted(RULES))
def test_every_rule_is_explained_with_examples(name: str) -> None:
    rule = RULES[name]
    sentences = [s for s in re.split(r"(?<=[.!?])\s+", rule.explanation.strip()) if s]
    assert 2 <= len(sentences) <= 6, sentences
    assert rule.bad.strip() and rule.good.strip()
    assert rule.bad != rule.good
    for example in (rule.bad, rule.good):
        for _, _, text in split_files(example) if name not in EVENTS else ():
            assert len(text.splitlines()) <= 24, text


# Events, not file contents: tests/formatting/test_fmt_safety.py makes each of them happen.
EVENTS = {"changed-while-formatting", "write-failed"}
# CSV exports for `refresh`, not journey files: tests/commands/test_refresh.py reads real-shaped ones.
EVENTS |= {"data-source", "data-value", "data-reference"}
FILE_RULES = sorted(set(RULES) - EVENTS)


@pytest.mark.parametrize("name", FILE_RULES)
def test_bad_example_breaks_exactly_its_rule(cli: Any, tmp_path: Path, name: str) -> None:
    rule = RULES[name]
    code, found = run_example(cli, tmp_path / "bad", rule, rule.bad, bad=True)
    assert {d["rule"] for d in found} == {name}, found
    # warnings fail a run only under --strict; a broken journeymap.yaml stops it (exit 2)
    expected = 2 if name == "invalid-config" else 1 if rule.default == "error" else 0
    assert code == expected


@pytest.mark.parametrize("name", FILE_RULES)
def test_good_example_is_clean(cli: Any, tmp_path: Path, name: str) -> None:
    rule = RULES[name]
    code, found = run_example(cli, tmp_path / "good", rule, rule.good, bad=False)
    assert found == []
    if name != "unformattable":  # fmt --check also fails on a file it would lay out anew
        assert code == 0
