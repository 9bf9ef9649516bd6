"""`journeymap fmt`: canonical, comment-keeping, idempotent, meaning-preserving, safe."""

from __future__ import annotations

import io
import shutil
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from ruamel.yaml import YAML

from conftest import EXAMPLES
from journeymap.diff.compare import diff_sides
from journeymap.diff.sides import load_side
from journeymap.formatting.fmt import format_text
from journeymap.yaml.parse import parse
from strategies import journeys, shuffled_keys

MESSY = """\
# Top comment: keep me
title: Messy   # the title
stages:
- touchpoints:
  - performance: 2
    importance: 4   # importance comment
    name: T
    id: t
    risks:
    - one
    - two
  name: S
  id: s
id: messy
journeymap: 1
x-team: {slack: '#cx'}  # custom data
"""

CANONICAL = """\
# Top comment: keep me
journeymap: 1
id: messy
title: Messy   # the title
stages:
  - id: s
    name: S
    touchpoints:
      - id: t
        name: T
        importance: 4   # importance comment
        performance: 2
        risks: [one, two]
x-team: {slack: '#cx'}  # custom data
"""


def test_canonical_layout_keeps_comments() -> None:
    result = format_text("m.yaml", MESSY)
    assert result.text == CANONICAL
    assert format_text("m.yaml", CANONICAL).changed is False


def test_examples_are_canonical(cli: Any) -> None:
    result = cli("fmt", "--check", cwd=EXAMPLES)
    assert result.exit_code == 0, result.output


def test_check_and_diff_write_nothing(cli: Any, tmp_path: Path) -> None:
    path = tmp_path / "m.yaml"
    path.write_text(MESSY, encoding="utf-8")
    check = cli("fmt", "--check", str(path))
    assert check.exit_code == 1
    assert f"would reformat {path}" in check.stderr
    shown = cli("fmt", "--diff", str(path))
    assert shown.exit_code == 1
    assert "+  - id: s" in shown.stdout
    assert path.read_text(encoding="utf-8") == MESSY
    fixed = cli("fmt", str(path))
    assert fixed.exit_code == 0
    assert path.read_text(encoding="utf-8") == CANONICAL
    assert cli("fmt", "--check", str(path)).exit_code == 0


def test_never_writes_over_a_broken_file(cli: Any, tmp_path: Path) -> None:
    path = tmp_path / "broken.yaml"
    broken = "journeymap: 1\nid: x\nstages: [\n"
    path.write_text(broken, encoding="utf-8")
    result = cli("fmt", str(path))
    assert result.exit_code == 1
    assert "broken.yaml:3:9: error[yaml-syntax] the list opened with `[`" in result.stderr
    assert path.read_text(encoding="utf-8") == broken
    assert [p.name for p in tmp_path.iterdir()] == ["broken.yaml"]


def test_crlf_and_bom_kept(tmp_path: Path) -> None:
    text = "\ufeff" + MESSY.replace("\n", "\r\n")
    result = format_text("m.yaml", text)
    assert result.text == "\ufeff" + CANONICAL.replace("\n", "\r\n")


def test_anchors_survive() -> None:
    text = (
        "x-shared: &who [a]\njourneymap: 1\nid: j\ntitle: J\n"
        "personas: [{id: a, name: A}]\nstages:\n  - id: s\n    name: S\n    personas: *who\n"
    )
    result = format_text("a.yaml", text)
    assert result.text is not None
    assert parse("a.yaml", result.text.encode()).data == parse("a.yaml", text.encode()).data


def test_formatting_the_examples_changes_no_meaning(tmp_path: Path) -> None:
    for path in sorted((EXAMPLES / "journeys").glob("*.yaml")):
        original = path.read_text(encoding="utf-8")
        messy = _dump_messy(parse(path.name, original.encode()).data)
        result = format_text(path.name, messy)
        assert result.text is not None
        before = load_side([(path.name, original.encode())])
        after = load_side([(path.name, result.text.encode())])
        assert diff_sides(before, after).changes == []


def _dump_messy(data: Any) -> str:
    yaml = YAML(typ="rt")
    yaml.default_flow_style = None
    yaml.indent(mapping=4, sequence=2, offset=0)
    stream = io.StringIO()
    yaml.dump(data, stream)
    return stream.getvalue()


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(journey=journeys(), data=st.data())
def test_fmt_is_idempotent_and_meaning_preserving(
    journey: dict[str, Any], data: st.DataObject
) -> None:
    messy = _dump_messy(shuffled_keys(journey, data.draw))
    # ruamel's emitter can write YAML that does not read back as written (`? x`): skip those
    assume(parse("g.yaml", messy.encode()).data == journey)
    first = format_text("g.yaml", messy)
    if first.text is None:
        # refusing is allowed (never a broken file), but only with a reason
        assert first.problem is not None and first.problem.rule == "unformattable"
    assume(first.text is not None)
    assert first.text is not None
    assert parse("g.yaml", first.text.encode()).data == parse("g.yaml", messy.encode()).data
    second = format_text("g.yaml", first.text)
    assert second.text == first.text
    assert (
        diff_sides(
            load_side([("a", messy.encode())]), load_side([("b", first.text.encode())])
        ).changes
        == []
    )


@settings(max_examples=60, deadline=None)
@given(journey=journeys())
def test_diff_of_a_journey_with_itself_is_empty(journey: dict[str, Any]) -> None:
    text = _dump_messy(journey).encode()
    assume(parse("a", text).data == journey)
    side = load_side([("a", text)])
    assert side.broken == [] and len(side.journeys) == 1
    assert diff_sides(side, load_side([("b", text)])).changes == []


@settings(max_examples=40, deadline=None)
@given(journey=journeys(), new_perf=st.integers(1, 5))
def test_diff_sees_a_score_change(journey: dict[str, Any], new_perf: int) -> None:
    scored = [tp for s in journey["stages"] for tp in s["touchpoints"] if "performance" in tp]
    if not scored or scored[0]["performance"] == new_perf:
        return
    old_perf = scored[0]["performance"]
    assume(parse("a", _dump_messy(journey).encode()).data == journey)
    before = load_side([("a", _dump_messy(journey).encode())])
    scored[0]["performance"] = new_perf
    after = load_side([("b", _dump_messy(journey).encode())])
    changes = diff_sides(before, after).changes
    assert [(c.field, c.old, c.new) for c in changes] == [("performance", old_perf, new_perf)]
    assert changes[0].direction == ("improved" if new_perf > old_perf else "worsened")


def test_fmt_on_folder_reports_and_counts(cli: Any, tmp_path: Path) -> None:
    target = tmp_path / "p"
    shutil.copytree(EXAMPLES, target)
    (target / "journeys" / "messy.yaml").write_text(MESSY, encoding="utf-8")
    result = cli("fmt", "journeys", cwd=target)
    assert result.exit_code == 0
    assert "reformatted 1 of 5 files" in result.stderr
