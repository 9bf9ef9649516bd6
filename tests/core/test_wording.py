"""Counts and units in words, the same in every output (issue #27, point 13).

One function says "1 stage" and "2 stages", one writes "1.4%" and "3 days"; every page,
report and message goes through them. The end-to-end test renders a map of one stage,
one touchpoint and a metric of each kind through every output and reads them as a
person would.
"""

from __future__ import annotations

import io
import json
import re
import tokenize
from pathlib import Path
from typing import Any

import pytest

from conftest import MINIMAL, ROOT
from journeymap.core.wording import count_of, plural, with_unit

SRC = ROOT / "src" / "journeymap"


@pytest.mark.parametrize(
    ("count", "word", "many", "expected"),
    [
        (0, "stage", None, "0 stages"),
        (1, "stage", None, "1 stage"),
        (2, "stage", None, "2 stages"),
        (1.5, "day", None, "1.5 days"),
        (1.0, "day", None, "1 day"),
        (0, "opportunity", None, "0 opportunities"),
        (1, "opportunity", None, "1 opportunity"),
        (2, "match", None, "2 matches"),
        (1, "moment of truth", "moments of truth", "1 moment of truth"),
        (2, "moment of truth", "moments of truth", "2 moments of truth"),
        (1, "person", "people", "1 person"),
        (12400, "person", "people", "12,400 people"),
    ],
)
def test_count_of(count: float, word: str, many: str | None, expected: str) -> None:
    assert count_of(count, word, many) == expected
    assert plural(count, word, many) == expected.split(" ", 1)[1]


@pytest.mark.parametrize(
    ("value", "unit", "expected"),
    [
        (0, "%", "0%"),
        (1, "%", "1%"),
        (1.4, "%", "1.4%"),
        (3.0, "%", "3%"),
        (0, "days", "0 days"),
        (1, "days", "1 day"),
        (2, "days", "2 days"),
        (1.5, "days", "1.5 days"),
        (1, "weeks", "1 week"),
        (1, "replies", "1 reply"),
        (1, "NPS", "1 NPS"),  # not a plural word: kept as written
        (1, "ms", "1 ms"),
        (1, "kbps", "1 kbps"),
        (1, "a month", "1 a month"),
        (4.567, "EUR", "4.57 EUR"),
        (42, None, "42"),
        (None, "%", ""),
    ],
)
def test_with_unit(value: float | None, unit: str | None, expected: str) -> None:
    assert with_unit(value, unit) == expected


# --- nothing says it another way ----------------------------------------------------------

COUNTED = r"(stages?|touchpoints?|gaps?|links?|days?|files?|moments?|people|errors?|journeys?)"


def test_templates_display_phrases_the_views_made() -> None:
    """A number pasted before a noun in a template cannot agree with it ("1 stages"), and
    a unit joined there cannot follow the `%` rule: the view makes the phrase."""
    found = []
    for path in sorted((SRC / "templates").glob("*.j2")):
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if re.search(rf"\}}\}}\s*{COUNTED}\b", line) or re.search(r"~\s*[\w.]*unit", line):
                found.append(f"{path.name}:{number}: {line.strip()[:80]}")
    assert not found, "\n".join(found)


def _texts(path: Path) -> list[tuple[int, str]]:
    """The text a file can show: string literals of Python, every line of a template."""
    source = path.read_text(encoding="utf-8")
    if path.suffix != ".py":
        return list(enumerate(source.splitlines(), 1))
    tokens = tokenize.generate_tokens(io.StringIO(source).readline)
    return [(t.start[0], t.string) for t in tokens if t.type == tokenize.STRING]


def test_no_message_hedges_its_plural() -> None:
    """`file(s)` is what a program says when it did not count: every message counts."""
    hedged = [
        f"{path.relative_to(SRC)}:{number}"
        for path in sorted(SRC.rglob("*"))
        if path.suffix in {".py", ".j2", ".js"}
        for number, text in _texts(path)
        if re.search(r"[a-z]\(s\)", text)
    ]
    assert not hedged, hedged


# --- a map of one of everything, through every output ------------------------------------

ONE_OF_EACH = MINIMAL.replace(
    "        emotion: 3\n",
    "        emotion: 3\n"
    "        funnel: {entered: 10, continued: 9}\n"
    "        metrics:\n"
    "          - {id: ctr, name: Click-through rate, unit: '%', value: 1.4, target: 3}\n"
    "          - id: onboarding\n"
    "            name: Time to onboard\n"
    "            unit: days\n"
    "            value: 3\n"
    "            target: 1\n"
    "            better: lower\n",
)
WRONG = [
    r"\b1 (stages|touchpoints|gaps|links|days|weeks|files|moments|people|errors|journeys)\b",
    r"\d %",  # a space before a percent sign
]


def _wrong(text: str) -> list[str]:
    return [m.group(0) for pattern in WRONG for m in re.finditer(pattern, text)]


@pytest.fixture
def one_of_each(tmp_path: Path) -> Path:
    (tmp_path / "journeys").mkdir()
    (tmp_path / "journeys" / "mini.yaml").write_text(ONE_OF_EACH, encoding="utf-8")
    (tmp_path / "journeymap.yaml").write_text('journeys: ["journeys/*.yaml"]\n', encoding="utf-8")
    return tmp_path


def test_every_output_of_a_one_stage_map_agrees(cli: Any, one_of_each: Path) -> None:
    run = {
        "html": cli("render", "-o", "html", cwd=one_of_each),
        "md": cli("render", "-f", "md", "-o", "md", cwd=one_of_each),
        "gaps": cli("gaps", cwd=one_of_each),
        "gaps-json": cli("gaps", "-f", "json", cwd=one_of_each),
        "mermaid": cli("export", "journeys", "-f", "mermaid", cwd=one_of_each),
        "validate": cli("validate", cwd=one_of_each),
    }
    for name, result in run.items():
        assert result.exit_code == 0, (name, result.output)
    pages = {
        path.relative_to(one_of_each).as_posix(): path.read_text(encoding="utf-8")
        for folder in ("html", "md")
        for path in sorted((one_of_each / folder).rglob("*"))
        if path.suffix in {".html", ".md"}
    }
    outputs = pages | {name: r.stdout + r.stderr for name, r in run.items()}
    wrong = {name: _wrong(text) for name, text in outputs.items() if _wrong(text)}
    assert not wrong, wrong

    journey_html, journey_md = pages["html/maps/mini.html"], pages["md/maps/mini.md"]
    assert "Overview: 1 stage at a glance" in journey_html
    assert "1.4%" in journey_html and "target 3%" in journey_html
    assert "3 days" in journey_html and "target 1 day " in journey_html
    assert "| Click-through rate | 1.4% | 3% |" in journey_md
    assert "| Time to onboard | 3 days | 1 day |" in journey_md
    assert "**1 person lost**" in journey_md
    assert "1 stage · 1 touchpoint · 0 moments of truth" in pages["html/index.html"]
    assert "1 journey · 1 stage · 1 touchpoint" in pages["md/index.md"]
    summaries = {g["summary"] for g in json.loads(run["gaps-json"].stdout)["gaps"]}
    assert "Click-through rate: 1.4% against a target of 3% (higher is better, 53% short)" in (
        summaries
    )
    assert any(
        s.startswith("Time to onboard: 3 days against a target of 1 day (") for s in summaries
    )
    assert "1 journey analysed" in run["gaps"].stdout
    assert "1 stage (S)" in run["mermaid"].stdout
    assert "wrote 4 files to html" in run["html"].stderr
