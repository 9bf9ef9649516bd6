"""fmt's fast path (journeymap.formatting.fast): it may only ever skip work, never change a verdict.

The central property: for any text, formatting with the fast path gives exactly what the
full round trip gives (JOURNEYMAP_FMT_FAST=0). Inputs are journeys written in many
styles, their canonical form, and that canonical form with one small change that may
or may not keep it canonical (the cases a wrong prediction would hide in).
"""

from __future__ import annotations

import io
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st
from ruamel.yaml import YAML

import journeymap.engine.parallel as parallel_module
import journeymap.formatting.fmt as fmt_module
from conftest import DATA, EXAMPLES, FIXTURES, GOLDEN
from journeymap.formatting.fast import already_canonical
from journeymap.formatting.files import format_file
from journeymap.formatting.fmt import Formatted, format_text
from journeymap.model import Journey
from journeymap.yaml.parse import parse
from strategies import journeys, shuffled_keys


def both(path: str, text: str) -> tuple[Formatted, Formatted]:
    """format_text with the fast path, then with the full round trip only."""
    before = os.environ.get("JOURNEYMAP_FMT_FAST")
    try:
        os.environ["JOURNEYMAP_FMT_FAST"] = "1"
        fast = format_text(path, text)
        os.environ["JOURNEYMAP_FMT_FAST"] = "0"
        slow = format_text(path, text)
    finally:
        if before is None:
            os.environ.pop("JOURNEYMAP_FMT_FAST", None)
        else:
            os.environ["JOURNEYMAP_FMT_FAST"] = before
    return fast, slow


def predicts(text: str) -> bool:
    source = parse("p.yaml", text.encode("utf-8"))
    if not source.ok or not isinstance(source.data, dict):
        return False
    return already_canonical(text, Journey, parses=lambda b: parse("p.yaml", b.encode()).ok)


# --- the property -----------------------------------------------------------------------------


def _dump(data: Any, mapping: int, sequence: int, offset: int, flow: bool | None) -> str:
    yaml = YAML(typ="rt")
    yaml.default_flow_style = flow
    yaml.width = 4096
    yaml.indent(mapping=mapping, sequence=sequence, offset=offset)
    stream = io.StringIO()
    yaml.dump(data, stream)
    return stream.getvalue()


TRICKY = [
    "True", "null", "~", "+3", "0x1F", "1.50", "1e3", "-0.5", "007", "2026-11-01",
    "2026-11-01 10:00:00", "'quoted'", '"double"', '"tab\\there"', "'it''s'", "-x", "- x",
    "a: b", "a #b", "a:b", "[a, b]", "{}", "[]", "yes", "Café", "😀", "'😀'", '"😀"',
    "x" * 1100, "|\n  literal\n  text", "|-\n  kept", ">\n  folded", "&a x", "*a", "!!str 3",
]  # fmt: skip
MUTATIONS = [
    "none", "indent", "dedent", "swap", "token", "blank", "comment", "eol",
    "trailing-space", "no-newline", "extra-newline", "crlf", "bom", "x-flow", "x-block",
]  # fmt: skip


def _mutate(text: str, draw: st.DrawFn) -> str:
    """One small change to a canonical text, which may or may not keep it canonical."""
    how = draw(st.sampled_from(MUTATIONS))
    event(f"mutation: {how}")
    lines = text.split("\n")[:-1]
    at = draw(st.integers(0, len(lines) - 1))
    line = lines[at]
    indent = len(line) - len(line.lstrip(" "))
    if how == "indent":
        lines[at] = " " * draw(st.integers(1, 2)) + line
    elif how == "dedent" and indent:
        lines[at] = line[1:]
    elif how == "swap" and at + 1 < len(lines):
        lines[at], lines[at + 1] = lines[at + 1], line
    elif how == "token" and ": " in line:
        key = line.split(": ", 1)[0]
        token = draw(st.sampled_from(TRICKY)).replace("\n", "\n" + " " * indent)
        lines[at] = f"{key}: {token}"
    elif how == "blank":
        lines.insert(at, "")
    elif how == "comment":
        lines.insert(at, " " * draw(st.sampled_from([indent, 0, indent + 2])) + "# note")
    elif how == "eol":
        lines[at] = line + draw(st.sampled_from(["  # why", " # why", "    # why"]))
    elif how == "trailing-space":
        lines[at] = line + " "
    elif how == "x-flow":
        lines.append(draw(st.sampled_from(["x-a: [1, b]", "x-a: {k: v}", "x-a: [[1], 2]"])))
    elif how == "x-block":
        lines.append(draw(st.sampled_from(["x-a:\n  k: v", "x-a:\n  - k: v", "x-a:\n- 1"])))
    out = "\n".join(lines) + "\n"
    if how == "no-newline":
        out = out[:-1]
    elif how == "extra-newline":
        out += "\n"
    elif how == "crlf":
        out = out.replace("\n", "\r\n")
    elif how == "bom":
        out = "\ufeff" + out
    return out


# Text as people write it, with the characters that make the emitter quote or escape:
# `journeys()` alone draws from all of Unicode, where nearly every file is a doubt.
WORDS = st.text(
    alphabet=st.sampled_from(list("abcdefghij ABC0123") + list(" '\"#:-,.[]{}!?&*|>%@/~é€😀")),
    min_size=1,
    max_size=30,
).filter(lambda s: s.strip() == s)
PLAIN = st.from_regex(r"[A-Za-z][a-z0-9 ,.'-]{0,30}[a-z]", fullmatch=True)
PROSE = st.one_of(
    PLAIN,
    PLAIN,
    PLAIN,
    WORDS,
    st.sampled_from(["Kick-off call", "true", "12", "2026-01-02", "a: b", "Café", "a\tb"]),
)
TEXT_KEYS = {"title", "name", "goal", "owner", "text", "x-note", "risks", "tags"}


def _reworded(data: Any, draw: st.DrawFn, key: str = "") -> Any:
    if isinstance(data, dict):
        return {k: _reworded(v, draw, k) for k, v in data.items()}
    if isinstance(data, list):
        return [_reworded(v, draw, key) for v in data]
    if isinstance(data, str) and key in TEXT_KEYS:
        return draw(PROSE)
    return data


@st.composite
def candidates(draw: st.DrawFn) -> str:
    journey = _reworded(draw(journeys()), draw)
    if draw(st.booleans()):
        journey["x-meta"] = draw(
            st.sampled_from([{"a": [1, 2]}, {"b": {"c": "d"}}, ["e", {"f": 1}], "g"])
        )
    data = shuffled_keys(journey, draw) if draw(st.booleans()) else journey
    messy = _dump(
        data,
        draw(st.sampled_from([2, 4])),
        draw(st.sampled_from([2, 4])),
        draw(st.sampled_from([0, 2])),
        draw(st.sampled_from([None, False, True])),
    )
    form = draw(st.sampled_from(["messy", "canonical", "canonical", "mutated", "mutated"]))
    event(f"form: {form}")
    if form == "messy":
        return messy
    canonical = format_text("g.yaml", messy).text
    if canonical is None:
        return messy
    return canonical if form == "canonical" else _mutate(canonical, draw)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=candidates())
def test_the_fast_path_never_changes_a_verdict(text: str) -> None:
    fast, slow = both("g.yaml", text)
    if predicts(text):
        event("fast path: canonical")
        assert slow.text == text, "the fast path called a file canonical that fmt changes"
    assert (fast.text, fast.problem) == (slow.text, slow.problem)


# --- hand-made cases --------------------------------------------------------------------------

CANONICAL = """\
# The acme journey
journeymap: 1
id: acme
title: 'Acme: onboarding'  # quoted: it holds a colon
updated: 2026-11-01
tags: [b2b, pilot]

stages:
  # the first stage
  - id: kickoff
    name: Kick-off call
    goal: |
      Agree on the pilot.
      Name the owners.
    touchpoints:
      - id: call
        name: Call
        importance: 4
        emotion: {buyer: 3}
        risks:
          - no-show  # one call in ten
          - wrong attendees
x-team: {slack: '#cx'}
"""


@pytest.mark.parametrize(
    ("change", "canonical"),
    [
        (lambda t: t, True),
        (lambda t: t.replace("importance: 4", "importance: +4"), False),
        (lambda t: t.replace("tags: [b2b, pilot]", "tags:\n  - b2b\n  - pilot"), False),
        (lambda t: t.replace("'Acme: onboarding'", '"Acme: onboarding"'), True),
        (lambda t: t.replace("journeymap: 1\nid: acme", "id: acme\njourneymap: 1"), False),
        # a flow mapping's keys are put in order too (the fast path once let them be)
        (
            lambda t: t.replace(
                "attendees\n", "attendees\n        funnel: {continued: 1, entered: 2}\n"
            ),
            False,
        ),
        (
            lambda t: t.replace(
                "attendees\n", "attendees\n        funnel: {entered: 2, continued: 1}\n"
            ),
            True,
        ),
        (lambda t: t.replace("name: Call", "name: 'Call'"), True),
        (lambda t: t.replace("name: Call", "name: null"), False),
        (lambda t: t.replace("  - id: kickoff", "  - id: &k kickoff"), False),
        (lambda t: t.replace("\n", "\r\n"), True),
        (lambda t: "\ufeff" + t, True),
        (lambda t: t.rstrip("\n"), False),
    ],
)
def test_prediction_on_hand_made_cases(change: Any, canonical: bool) -> None:
    text = change(CANONICAL)
    assert predicts(text) is canonical
    fast, slow = both("acme.yaml", text)
    assert (fast.text, fast.problem) == (slow.text, slow.problem)
    if canonical:
        assert slow.text == text


def _yaml_files() -> Iterator[Path]:
    for folder in (EXAMPLES, DATA, FIXTURES, GOLDEN):
        for pattern in ("*.yaml", "*.yml"):
            yield from sorted(folder.rglob(pattern))


def test_every_committed_yaml_file_gets_the_same_result_both_ways(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Every YAML file in tests/data, tests/fixtures and examples/, as fmt --check sees it."""
    files = list(_yaml_files())
    assert len(files) > 100
    seen_canonical = 0
    for path in files:
        monkeypatch.setenv("JOURNEYMAP_FMT_FAST", "1")
        fast = format_file(path)
        monkeypatch.setenv("JOURNEYMAP_FMT_FAST", "0")
        slow = format_file(path)
        assert (fast.text, fast.problem) == (slow.text, slow.problem), path
        seen_canonical += slow.text is not None and not slow.changed
    assert seen_canonical >= 5  # the examples, at least: the comparison is not vacuous


def test_fmt_check_exit_codes_are_the_same_both_ways(
    cli: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    for folder in (EXAMPLES, DATA / "portfolio-large", DATA / "xss", DATA / "refresh"):
        for path in [folder, *sorted(folder.rglob("*.yaml"))]:
            monkeypatch.setenv("JOURNEYMAP_FMT_FAST", "1")
            fast = cli("fmt", "--check", "--skip-other", str(path))
            monkeypatch.setenv("JOURNEYMAP_FMT_FAST", "0")
            slow = cli("fmt", "--check", "--skip-other", str(path))
            assert (fast.exit_code, fast.output) == (slow.exit_code, slow.output), path


# --- what a user sees -------------------------------------------------------------------------


def _no_round_trip(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: Any, **kwargs: Any) -> Any:
        raise AssertionError("the full round trip ran on a canonical file")

    monkeypatch.setattr(fmt_module, "_with_comments", refuse)


def test_a_canonical_file_is_left_untouched(
    cli: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "acme.yaml"
    path.write_text(CANONICAL, encoding="utf-8")
    os.utime(path, ns=(1_000_000_000_000_000_000, 1_000_000_000_000_000_000))
    _no_round_trip(monkeypatch)
    for args in (["fmt", "--check"], ["fmt"]):
        result = cli(*args, str(path), cwd=tmp_path)
        assert result.exit_code == 0, result.output
    assert path.read_bytes() == CANONICAL.encode("utf-8")
    assert path.stat().st_mtime_ns == 1_000_000_000_000_000_000


def test_a_file_that_is_not_canonical_is_formatted_as_before(
    cli: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    messy = CANONICAL.replace("journeymap: 1\nid: acme", "id: acme\njourneymap: 1").replace(
        "tags: [b2b, pilot]", "tags:\n- b2b\n- pilot"
    )
    fast, slow = tmp_path / "fast.yaml", tmp_path / "slow.yaml"
    for path, switch in ((fast, "1"), (slow, "0")):
        path.write_text(messy, encoding="utf-8")
        monkeypatch.setenv("JOURNEYMAP_FMT_FAST", switch)
        result = cli("fmt", str(path), cwd=tmp_path)
        assert result.exit_code == 0, result.output
        assert "reformatted 1 of 1 file" in result.output
    assert fast.read_text(encoding="utf-8") == CANONICAL
    assert slow.read_text(encoding="utf-8") == CANONICAL


def test_big_runs_use_worker_processes_with_the_same_output(
    cli: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Messages come in file order and files are written the same, with or without workers."""
    pools: list[int] = []
    real = parallel_module._in_pool

    def spy(func: Any, items: Any, workers: int, done: Any) -> list[Any]:
        pools.append(workers)
        return real(func, items, workers, done)

    monkeypatch.setattr(parallel_module, "_in_pool", spy)
    monkeypatch.setattr(parallel_module, "MIN_PARALLEL_BYTES", 0)
    monkeypatch.setattr(parallel_module, "_threaded", lambda: False)  # threads other tests left
    messy = CANONICAL.replace("tags: [b2b, pilot]", "tags:\n- b2b\n- pilot")
    outputs = {}
    for workers in ("1", "2"):
        root = tmp_path / f"w{workers}"
        for i in range(6):
            text = (CANONICAL, messy, "journeymap: 1\nid: [broken\n")[i % 3]
            (root / "journeys").mkdir(parents=True, exist_ok=True)
            (root / "journeys" / f"j{i}.yaml").write_text(text, encoding="utf-8")
        monkeypatch.setenv("JOURNEYMAP_WORKERS", workers)
        result = cli("fmt", "journeys", cwd=root)
        assert result.exit_code == 1
        outputs[workers] = result.output
        assert (root / "journeys" / "j1.yaml").read_text(encoding="utf-8") == CANONICAL
        assert (root / "journeys" / "j4.yaml").read_text(encoding="utf-8") == CANONICAL
    assert pools == [2]
    assert outputs["1"] == outputs["2"]
    assert outputs["1"].index("j2.yaml") < outputs["1"].index("j5.yaml")
    assert "reformatted 2 of 6 files, 2 left alone" in outputs["1"]


def test_the_prediction_uses_fmts_own_limits() -> None:
    """fmt_fast cannot import these from journeymap.formatting.fmt (fmt imports it): kept equal here."""
    import journeymap.formatting.fast as fast

    assert (fast.FLOW_WIDTH, fast.MAX_PASSES) == (fmt_module.FLOW_WIDTH, fmt_module.MAX_PASSES)
