"""One failing and one passing input for every rule found while a file is read: its
bytes, its YAML, and `fmt`'s own rule; syntax errors in the words of the mistake.

Positions are counted by hand on BASE (tests/findings.py; line 3 is `title`, line 12 the
touchpoint's `owner`, line 13 its `importance`).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from conftest import golden
from findings import BASE, HEADLINE, JOURNEY, append, edit, validate
from journeymap.formats.text import diagnostics_text
from journeymap.yaml.parse import parse
from journeymap.yaml.source import Source

TITLE = "title: Customer onboarding\n"
OWNER = "        owner: Delivery lead\n"
Expected = tuple[int, int, str, str | None]


@dataclass(frozen=True)
class Case:
    rule: str
    bad: dict[str, str | bytes]
    expected: list[Expected]
    good: dict[str, str | bytes]
    why: str = ""
    code: int = 1


def j(text: str | bytes) -> dict[str, str | bytes]:
    return {JOURNEY: text}


def top(lines: str) -> str:
    return edit((TITLE, TITLE + lines))


CASES = [
    Case(
        "file-too-large",
        {"journeymap.yaml": "max_file_size: 200\n", JOURNEY: BASE},
        [
            (
                1,
                1,
                f"file is {len(BASE.encode()):,} bytes, over the limit of 200",
                "split the portfolio into smaller files, or raise `max_file_size` in "
                "journeymap.yaml",
            )
        ],
        {"journeymap.yaml": f"max_file_size: {len(BASE.encode())}\n", JOURNEY: BASE},
        why="exactly at the limit passes",
    ),
    Case(
        "encoding",
        j(edit(("Customer onboarding", "Café onboarding")).encode("latin-1")),
        [
            (
                3,
                11,
                "invalid UTF-8 byte 0xe9",
                "journey files must be UTF-8; re-save the file as UTF-8",
            )
        ],
        j(edit(("Customer onboarding", "Café onboarding")).encode("utf-8")),
    ),
    Case(
        "encoding",
        j(BASE.encode("utf-16")),
        [(1, 1, "file is UTF-16 encoded; journeymap reads UTF-8", "re-save the file as UTF-8")],
        j(b"\xef\xbb\xbf" + BASE.encode("utf-8")),
        why="UTF-16; a UTF-8 byte-order mark passes",
    ),
    Case(
        "duplicate-key",
        j(append("        owner: Customer success\n")),
        [
            (
                16,
                9,
                "duplicate key 'owner'",
                "'owner' is already set on line 12; a key may appear once per mapping",
            )
        ],
        j(append("        x-owner: Customer success\n")),
    ),
    Case(
        "unsupported-tag",
        j(edit(("owner: Delivery lead", "owner: !vault delivery_lead"))),
        [
            (
                12,
                16,
                "the tag !vault is not allowed in journey files",
                "journey files use plain YAML values; remove the tag",
            )
        ],
        j(edit(("owner: Delivery lead", "owner: !!str Delivery lead"))),
        why="the core !!str tag is allowed",
    ),
    Case(
        "alias-cycle",
        j(top("x-team: &team [Dana, Sam, *team]\n")),
        [
            (
                4,
                27,
                "this alias is used inside the value it names, so the data would be infinite",
                "an alias (*name) cannot refer to the node that contains it",
            )
        ],
        j(top("x-team: &team [Dana, Sam]\nx-owners: *team\n")),
    ),
    Case(
        "too-deep",
        # the root mapping is level 1, so the 100th `[` (column 10 + 99) is level 101
        j(top("x-notes: " + "[" * 101 + "]" * 101 + "\n")),
        [
            (
                4,
                109,
                "the data nests more than 100 levels deep here",
                "journey files need about ten levels; this looks like generated or damaged YAML",
            )
        ],
        j(top("x-notes: " + "[" * 99 + "]" * 99 + "\n")),
        why="99 brackets (100 levels) pass",
    ),
    Case(
        "invalid-key",
        j(top("x-budget: {[2026, Q1]: 40000}\n")),
        [(4, 12, "a key must be a plain value, not a list or mapping", None)],
        j(top("x-budget: {2026-Q1: 40000}\n")),
    ),
    # --- syntax: what the writer did, and how to fix it ---------------------------------
    Case(
        "yaml-syntax",
        j(edit(("        importance: 5", "\timportance: 5"))),
        [
            (
                13,
                1,
                "a tab character in the indentation: YAML indents with spaces only",
                "replace the tab with spaces (two per level, lined up with the lines above)",
            )
        ],
        j(BASE),
        why="tab",
    ),
    Case(
        "yaml-syntax",
        j(edit((TITLE, "title: Onboarding: from contract to kickoff\n"))),
        [
            (
                3,
                18,
                "a colon followed by a space inside a value: YAML reads it as the start of "
                "another key",
                'put the value in quotes: `title: "Onboarding: from contract to kickoff"`',
            )
        ],
        j(edit((TITLE, 'title: "Onboarding: from contract to kickoff"\n'))),
        why="colon in a value",
    ),
    Case(
        "yaml-syntax",
        j(edit((TITLE, "title:Customer onboarding\n"))),
        [
            (
                3,
                6,
                "no space after the colon in `title:Customer onboarding`",
                "YAML needs a space after the colon: write `title: Customer onboarding`",
            )
        ],
        j(BASE),
        why="no space after the colon",
    ),
    Case(
        "yaml-syntax",
        j(top("tags:\n  - b2b\n  -saas\n")),
        [
            (
                6,
                3,
                "no space after the dash in `-saas`",
                "a list item is a dash and a space: write `- saas`",
            )
        ],
        j(top("tags:\n  - b2b\n  - saas\n")),
        why="no space after the dash",
    ),
    Case(
        "yaml-syntax",
        j(edit((TITLE, 'title: "Customer onboarding\n'))),
        [
            (
                3,
                8,
                "the double quote opened here (line 3, column 8) is never closed",
                'end the value with a closing "',
            )
        ],
        j(edit((TITLE, 'title: "Customer onboarding"\n'))),
        why="unclosed quote",
    ),
    Case(
        "yaml-syntax",
        j(edit(("date: 2026-10-01}", "date: 2026-10-01"))),
        [
            (
                4,
                11,
                "the mapping opened with `{` here (line 4, column 11) is not closed",
                "close it with `}` at the end of the mapping, with a comma between items "
                "(quote an item that holds a comma or a bracket)",
            )
        ],
        j(BASE),
        why="unclosed bracket",
    ),
    Case(
        "yaml-syntax",
        j(edit(("    goal: The", "   goal: The"))),
        [
            (
                8,
                4,
                "`goal` is indented to column 4, which lines up with no block above it",
                "line it up with the keys it belongs with: column 5 (like `name` on line 7) "
                "or column 3 (a new list item, like line 6) or column 1 (like `stages` on line 5)",
            )
        ],
        j(BASE),
        why="indented too little",
    ),
    Case(
        "yaml-syntax",
        j(edit(("    goal: The", "      goal: The"))),
        [
            (
                8,
                7,
                "`goal` is indented more than the line above, so YAML reads it as part of the "
                "value on line 7",
                "indent `goal` to column 5, like `name` on line 7",
            )
        ],
        j(BASE),
        why="indented too much",
    ),
]


@pytest.mark.parametrize("case", CASES, ids=lambda c: f"{c.rule}-{c.why}" if c.why else c.rule)
def test_failing_input(cli: Any, tmp_path: Path, case: Case) -> None:
    code, found = validate(cli, tmp_path, case.bad)
    assert [(f.rule, f.line, f.column, f.message, f.hint) for f in found] == [
        (case.rule, *expected) for expected in case.expected
    ]
    assert code == case.code


@pytest.mark.parametrize("case", CASES, ids=lambda c: f"{c.rule}-{c.why}" if c.why else c.rule)
def test_passing_input(cli: Any, tmp_path: Path, case: Case) -> None:
    assert validate(cli, tmp_path, case.good, "--strict") == (0, [])


def test_alias_bomb(cli: Any, tmp_path: Path) -> None:
    """The budget is 2,000,000 bytes of expanded data. A scalar weighs its text + 8, a list 8
    plus its items: a = 8 + 9 x 9 + 10 = 99; b = 8 + 10 x 99 = 998; c = 9,988; d = 99,888;
    e = 998,888. Aliases add 990 (b) + 9,980 (c) + 99,880 (d) + 998,880 (e) = 1,109,730;
    the first `*e` on line 9 adds 998,888 more: 2,108,618, over the budget, at column 10."""
    aliases = "x-a: &a [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]\n" + "".join(
        f"x-{b}: &{b} [{', '.join([f'*{a}'] * 10)}]\n"
        for a, b in zip("abcde", "bcdef", strict=True)
    )
    code, found = validate(cli, tmp_path / "bad", j(top(aliases)))
    assert code == 1
    assert [(f.rule, f.line, f.column) for f in found] == [("alias-bomb", 9, 10)]
    assert found[0].message.startswith("aliases expand to over 2,108,618 bytes of data here")
    assert found[0].hint == (
        "aliases may add at most 2,000,000 bytes to a file; share less, or write the repeated "
        "parts out"
    )
    fewer = aliases.rsplit("x-f:", 1)[0]  # 1,109,730 bytes: within the budget
    assert validate(cli, tmp_path / "good", j(top(fewer)), "--strict") == (0, [])


def test_unreadable(cli: Any, tmp_path: Path) -> None:
    """A link to a file that was moved away: the one rule whose input cannot be text."""
    folder = tmp_path / "bad"
    (folder / "journeys").mkdir(parents=True)
    (folder / JOURNEY).symlink_to(folder / "moved-away.yaml")
    result = cli("validate", "--format", "json", JOURNEY, cwd=folder)
    assert result.exit_code == 1
    assert '"rule": "unreadable"' in result.stdout
    assert '"message": "cannot be read: No such file or directory"' in result.stdout
    (folder / "moved-away.yaml").write_text(BASE, encoding="utf-8")
    assert validate(cli, folder, {}, JOURNEY, "--strict") == (0, [])


def test_unformattable(cli: Any, tmp_path: Path) -> None:
    """fmt refuses what it cannot prove it keeps: `.nan` as a key equals nothing, itself
    included. The refusal points at the value under it (line 16, column 26)."""
    path = tmp_path / "onboarding.yaml"
    path.write_text(append("        x-scores: {.nan: 1}\n"), encoding="utf-8")
    result = cli("fmt", "--check", path.name, cwd=tmp_path)
    assert result.exit_code == 1
    heads = [HEADLINE.match(line) for line in result.stderr.splitlines()]
    assert [m.groupdict()["rule"] for m in heads if m] == ["unformattable"]
    assert (
        "onboarding.yaml:16:26: error[unformattable] cannot format this file without changing "
        "its meaning\n"
        "  = help: the file was left as it is; please report it to the journeymap maintainers\n"
    ) in result.stderr
    path.write_text(append('        x-scores: {".nan": 1}\n'), encoding="utf-8")
    result = cli("fmt", "--check", path.name, cwd=tmp_path)
    assert result.exit_code == 0, result.stderr


YAML_RULES = {case.rule for case in CASES} | {"alias-bomb", "unreadable", "unformattable"}


def _lines_of(source: Source) -> Callable[[str, int], str | None]:
    return lambda _path, number: source.line(number)


def test_syntax_errors_golden_with_code_frames() -> None:
    """The syntax errors as a user reads them: headline, code frame, help (like ruff)."""
    out = []
    for case in CASES:
        if case.rule != "yaml-syntax":
            continue
        text = case.bad[JOURNEY]
        assert isinstance(text, str)
        source = parse(f"{case.why.replace(' ', '-')}.yaml", text.encode("utf-8"))
        out.append(diagnostics_text(source.diagnostics, _lines_of(source)))
    golden("yaml-syntax-errors.txt", "\n".join(out))
