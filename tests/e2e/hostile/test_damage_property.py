"""Random damage, through every command: zero internal errors (issue 16).

hypothesis picks a file of the example portfolio and damages it (cuts, repeats, swaps
lines, inserts YAML punctuation, control characters or hostile scalars); each command
then runs over the damaged portfolio. Whatever the damage, a command ends with 0, 1 or
2 and never with "internal error" (the last line of defence in `cli.main`).
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import EXAMPLES

FILES = sorted(p.relative_to(EXAMPLES) for p in EXAMPLES.rglob("*.yaml"))
HOSTILE = [
    ": ",
    "- ",
    "&a ",
    "*a",
    "!!python/object ",
    "{",
    "[",
    "'",
    '"',
    "\t",
    "\x1b[2J",
    "\x00",
    ".nan",
    "0x" + "f" * 60,
    "9" * 60,
    "2024-13-45",
    "2024-01-01 10:00:00 +99:00",
    "x-journeymap-ignore: [nope]",
    "journeymap: 1.0",
    "kind: [journey]",
    "<script>alert(1)</script>",
    "@octocat #1",
]
COMMANDS = [
    ("validate", "--format", "json"),
    ("validate", "--format", "sarif"),
    ("render", "-o", "site"),
    ("render", "--format", "md", "-o", "md"),
    ("gaps", "--format", "json"),
    ("export", "--format", "csv"),
    ("export", "--format", "mermaid"),
    ("fmt", "--check"),
]


@st.composite
def damage(draw: st.DrawFn) -> tuple[Path, list[tuple[str, int, str]]]:
    target = draw(st.sampled_from(FILES))
    ops = draw(
        st.lists(
            st.tuples(
                st.sampled_from(["cut", "repeat", "swap", "insert"]),
                st.integers(min_value=0, max_value=10_000),
                st.sampled_from(HOSTILE),
            ),
            min_size=1,
            max_size=4,
        )
    )
    return target, ops


def apply(text: str, ops: list[tuple[str, int, str]]) -> str:
    lines = text.split("\n")
    for op, at, piece in ops:
        i = at % max(len(lines), 1)
        if op == "cut":
            del lines[i : i + 1 + at % 3]
        elif op == "repeat":
            lines.insert(i, lines[i] if lines else piece)
        elif op == "swap" and len(lines) > 1:
            j = (i + 1) % len(lines)
            lines[i], lines[j] = lines[j], lines[i]
        else:
            line = lines[i] if lines else ""
            cut = at % (len(line) + 1)
            lines[i : i + 1] = [line[:cut] + piece + line[cut:]]
    return "\n".join(lines)


@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(case=damage())
def test_no_command_ends_in_an_internal_error(
    cli: Any, tmp_path_factory: Any, case: tuple[Path, list[tuple[str, int, str]]]
) -> None:
    project = tmp_path_factory.mktemp("damaged")
    shutil.copytree(
        EXAMPLES,
        project,
        dirs_exist_ok=True,
        ignore=shutil.ignore_patterns("site", ".journeymap_cache"),
    )
    target, ops = case
    path = project / target
    path.write_text(apply(path.read_text(encoding="utf-8"), ops), encoding="utf-8")
    for command in COMMANDS:
        result = cli(*command, cwd=project)
        assert result.exit_code in (0, 1, 2), (command, result.output)
        assert "internal error" not in result.output, (command, result.output)
