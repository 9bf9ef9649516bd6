"""fmt's output always means what the file meant, and fmt leaves its own output alone.

For every input YAML reads, fmt either writes a text that (read again) holds the same data,
types and all, and that a second fmt leaves unchanged, or refuses with an `unformattable`
error at a line of the file. Checked on every mapping case of the YAML test suite
(tests/data/yaml-test-suite, wrapped into journey files three ways), on hand-made mapping
edge cases, and on generated journeys full of odd keys (hypothesis).
"""

from __future__ import annotations

import textwrap
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from conftest import DATA
from journeymap.formatting.fmt import format_text
from journeymap.formatting.proof import difference
from journeymap.yaml.parse import parse

SUITE = DATA / "yaml-test-suite"


def formats_safely(text: str, path: str = "j.yaml") -> str | None:
    """The formatted text (None: refused), after checking fmt's promises on it."""
    source = parse(path, text.encode("utf-8"))
    assert source.ok, source.diagnostics
    result = format_text(path, text)
    if result.problem is not None:
        assert result.text is None
        assert result.problem.rule == "unformattable", result.problem
        assert 1 <= result.problem.line <= max(1, len(text.splitlines())), result.problem
        assert "\n" not in result.problem.message, result.problem.message
        return None
    out = result.text
    assert out is not None
    again = parse(path, out.encode("utf-8"))
    assert again.ok, (out, again.diagnostics)
    assert difference(source.data, again.data) is None, out
    second = format_text(path, out)
    assert second.problem is None, (out, second.problem)
    assert second.text == out, f"not a fixed point:\n{out}\n---\n{second.text}"
    return out


# --- the YAML test suite's mappings ------------------------------------------------------------


def _holds_mapping(data: Any) -> bool:
    if isinstance(data, dict):
        return True
    return isinstance(data, list) and any(_holds_mapping(item) for item in data)


def _wrapped(case: Path) -> list[tuple[str, str]]:
    """A case as a journey file: the case's own top level, or under a key fmt lays out,
    or under an `x-` key whose collections keep their style."""
    text = case.read_text(encoding="utf-8", errors="replace")
    indented = textwrap.indent(text, "  ", lambda line: True)
    return [
        ("top", "journeymap: 1\n" + text),
        ("key", "journeymap: 1\ncase:\n" + indented),
        ("x", "journeymap: 1\nx-case:\n" + indented),
    ]


def suite_mappings() -> list[Any]:
    cases = []
    for case in sorted(SUITE.glob("*/in.yaml")):
        if (case.parent / "error").exists():
            continue
        for how, text in _wrapped(case):
            source = parse("j.yaml", text.encode("utf-8"))
            if source.ok and isinstance(source.data, dict) and _holds_mapping(source.data):
                cases.append(pytest.param(text, id=f"{case.parent.name}-{how}"))
    return cases


SUITE_MAPPINGS = suite_mappings()


def test_the_suite_gives_hundreds_of_mapping_cases() -> None:
    assert len(SUITE_MAPPINGS) > 400


@pytest.mark.parametrize("text", SUITE_MAPPINGS)
def test_yaml_test_suite_mappings_keep_their_meaning_and_format_once(text: str) -> None:
    formats_safely(text)


def test_suite_case_26dv_alias_keys_are_written_so_yaml_reads_them_back() -> None:
    """26DV: `*alias1 : scalar3`. Written `{*alias1: scalar3}`, YAML 1.2 reads the alias
    `alias1:`, which does not exist: fmt's own next run could not read its output."""
    text = "journeymap: 1\n" + (SUITE / "26DV" / "in.yaml").read_text(encoding="utf-8")
    out = formats_safely(text)
    assert out is not None
    assert "  *alias1 : scalar3\n" in out and "  *alias2 : scalar4\n" in out


# --- hand-made mapping edge cases, as journey files -----------------------------------------------

JOURNEY = """\
journeymap: 1
title: Edge cases
id: j
personas:
  - name: Ops
    id: &ops ops
stages:
  - name: S
    id: s
    touchpoints:
      - name: N
        id: t
{touchpoint}"""

# (name, what goes into the touchpoint, at 8 spaces; None: formatted, else the line refused)
EDGES: list[tuple[str, str, int | None]] = [
    ("alias key, block", "emotion:\n  *ops : 4\n", None),
    ("alias key, flow", "emotion: {*ops : 4}\n", None),
    ("alias key and anchors in x-", "x-a: &v 1\nx-b:\n  *v : one\n  &k key: *v\n", None),
    ("alias key under x- in flow", "x-a: &k k\nx-b: {*k : 1, b: 2}\n", None),
    ("alias key in a flow list", "x-a: &k k\nx-b: [{*k : 1}]\n", None),
    ("anchor on a key", "x-a:\n  &k key: v\n  other: *k\n", None),
    ("explicit key", "x-a:\n  ? simple\n  : value\n", None),
    ("explicit key, no value", "x-a:\n  ? lonely\n", None),
    ("multi-line explicit key", "x-a:\n  ? multi\n    line\n  : v\n", None),
    ("empty string key", 'x-a:\n  "": empty\n', None),
    ("null key", "x-a:\n  ~: none\n", None),
    ("flow mappings in block", "x-a: {a: 1, b: {c: 2}}\nx-b:\n  - {a: 1}\n", None),
    ("quoted keys with colons", "x-a:\n  \"a: b\": 1\n  'c: d': 2\n", None),
    ("keys with #", "x-a:\n  \"a #b\": 1\n  a#b: 2\n  '#c': 3\n", None),
    ("multi-line plain value", "owner: first line\n  second line\n", None),
    ("multi-line plain in x-", "x-a:\n  k: one\n    two\n", None),
    ("key of 130 characters", f"x-a:\n  {'k' * 130}: v\n", None),
    ("number and bool keys", "x-a:\n  2: two\n  true: yes\n  1.5: x\n", None),
    ("keys like indicators", "x-a:\n  -x: 1\n  x:y: 2\n  '? q': 3\n", None),
    ("not a number", "x-a: .nan\nx-b: [.nan, .inf]\n", None),
    ("anchor name used twice", "x-a: &d 1\nx-b: &d 2\nx-c: *d\n", None),
    ("comment after an empty item", "x-a:\n  - # empty\n  - b\n", None),
    # libyaml reads a tab after `:`; the YAML library fmt writes with does not
    ("tab before a value", "x-a:\n  k:\tv\n", 14),
]


@pytest.mark.parametrize(("name", "touchpoint", "refused"), EDGES, ids=[e[0] for e in EDGES])
def test_mapping_edge_cases(name: str, touchpoint: str, refused: int | None) -> None:
    text = JOURNEY.format(touchpoint=textwrap.indent(touchpoint, " " * 8))
    out = formats_safely(text)
    if refused is None:
        assert out is not None, name
    else:
        problem = format_text("j.yaml", text).problem
        assert out is None and problem is not None and problem.line == refused, problem


def test_the_alias_key_of_the_issue_formats_and_then_passes_check(cli: Any, tmp_path: Path) -> None:
    """Issue #26 row 11: `emotion: {*ops: 4}` was written, and `fmt --check` failed forever."""
    path = tmp_path / "j.yaml"
    text = JOURNEY.format(touchpoint="        emotion:\n          *ops : 4\n")
    path.write_text(text, encoding="utf-8")
    assert cli("validate", "j.yaml", cwd=tmp_path).exit_code == 0
    result = cli("fmt", "j.yaml", cwd=tmp_path)
    assert result.exit_code == 0, result.output
    written = path.read_text(encoding="utf-8")
    assert "        emotion:\n          *ops : 4\n" in written
    assert "{*ops: 4}" not in written
    check = cli("fmt", "--check", "j.yaml", cwd=tmp_path)
    assert check.exit_code == 0, check.output
    assert cli("validate", "j.yaml", cwd=tmp_path).exit_code == 0


def test_a_file_yaml_writes_but_cannot_read_is_refused_where_it_is(
    cli: Any, tmp_path: Path
) -> None:
    """libyaml reads `{*ops: 4}` as the alias `ops`; the YAML 1.2 reader fmt writes with
    reads the alias `ops:`. Such a file is refused at the alias, never rewritten."""
    path = tmp_path / "j.yaml"
    text = JOURNEY.format(touchpoint="        emotion: {*ops: 4}\n")
    path.write_text(text, encoding="utf-8")
    result = cli("fmt", "j.yaml", cwd=tmp_path)
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    assert (
        "j.yaml:13:19: error[unformattable] cannot format this file: its YAML writer cannot "
        "read it (found undefined alias 'ops:')\n" in result.stderr
    )
    assert path.read_text(encoding="utf-8") == text


def test_a_timestamp_is_kept_as_written() -> None:
    """A timestamp is text to journeymap (YAML 1.2's core schema): the round trip keeps it
    to the nanosecond, where ruamel's timestamps once cut it (and fmt had to refuse)."""
    text = JOURNEY.format(touchpoint="        x-logged: 2026-09-14T10:00:00.123456789Z\n")
    result = format_text("j.yaml", text)
    assert result.problem is None
    assert result.text is not None
    assert "        x-logged: 2026-09-14T10:00:00.123456789Z\n" in result.text


def test_difference_keeps_types_apart() -> None:
    assert difference({"a": [1, {"b": 2}]}, {"a": [1, {"b": 2}]}) is None
    assert difference({"a": [1, {"b": 2}]}, {"a": [1, {"b": 2.0}]}) == ("a", 1, "b")
    assert difference({"a": 1}, {"a": True}) == ("a",)
    assert difference([float("nan")], [float("nan")]) is None
    assert difference({"a": 1}, {"a": 1, "b": 2}) == ()
    assert difference([1, 2], [1]) == ()


# --- hypothesis: journeys full of odd keys -------------------------------------------------------

KEYS = st.sampled_from(
    [
        "plain",
        '"a: b"',
        "'c: d'",
        '"x #y"',
        "a#b",
        '"#z"',
        '""',
        "~",
        "1",
        "true",
        "-dash",
        "x:y",
        "k" * 130,
        "multi\n  line",
    ]
)
VALUES = st.sampled_from(
    [
        "v",
        "'quoted'",
        '"double"',
        "{a: 1, b: {c: 2}}",
        "[1, two]",
        "{}",
        "one\n  two",
        ".nan",
        "1.0",
        "2026-01-02",
    ]
)


def _loaded(token: str) -> str:
    """Roughly the key a token reads as, to keep the keys of one mapping apart."""
    return " ".join(token.strip("'\"").split()).lower().replace(".0", "")


@st.composite
def odd_mapping(draw: st.DrawFn, anchors: dict[str, str], depth: int = 0) -> str:
    """A block mapping (at indentation 0) of odd keys and values, anchors and aliases.
    `anchors`: the scalar anchors defined so far (name -> text), for alias keys and values."""
    lines: list[str] = []
    used: set[str] = set()
    for _ in range(draw(st.integers(1, 4))):
        how = draw(st.sampled_from(["key", "anchored key", "alias key", "explicit", "nested"]))
        key = draw(KEYS)
        loaded = _loaded(key)
        if how == "alias key" and anchors:
            name = draw(st.sampled_from(sorted(anchors)))
            key, loaded = f"*{name} ", _loaded(anchors[name])
        if loaded in used:
            continue
        used.add(loaded)
        if how == "anchored key" and "\n" not in key:
            name = f"k{len(anchors)}"
            anchors[name] = key
            key = f"&{name} {key}"
        value = draw(VALUES)
        if how == "nested" and depth < 2:
            value = "\n" + textwrap.indent(draw(odd_mapping(anchors, depth + 1)), "  ").rstrip()
        elif bool(anchors) and draw(st.booleans()):
            value = "*" + draw(st.sampled_from(sorted(anchors)))
        elif value[0] not in "{[." and "\n" not in value and draw(st.booleans()):
            # (a `.nan` key is refused: NaN equals nothing, so no key can be found again)
            name = f"v{len(anchors)}"
            anchors[name] = value
            value = f"&{name} {value}"
        if how == "explicit" or "\n" in key:
            lines.append(f"? {key}\n:{'' if value.startswith(chr(10)) else ' '}{value}")
        else:
            lines.append(f"{key}:{'' if value.startswith(chr(10)) else ' '}{value}")
    return "\n".join(lines) + "\n" if lines else "plain: v\n"


@st.composite
def odd_journeys(draw: st.DrawFn) -> str:
    anchors: dict[str, str] = {}
    personas = draw(st.lists(st.sampled_from(["ops", "cfo", "it"]), min_size=1, unique=True))
    out = ["journeymap: 1", "title: Odd keys", "id: j", "personas:"]
    for persona in personas:
        out += [f"  - name: {persona.upper()}", f"    id: &{persona} {persona}"]
    if draw(st.booleans()):
        out.append("x-top:\n" + textwrap.indent(draw(odd_mapping(anchors)), "  ").rstrip("\n"))
    out.append("stages:")
    for s in range(draw(st.integers(1, 3))):
        out += [f"  - name: Stage {s}", f"    id: s{s}", "    touchpoints:"]
        for t in range(draw(st.integers(1, 3))):
            out += [f"      - name: Touchpoint {t}", f"        id: t{s}-{t}"]
            voters = draw(st.lists(st.sampled_from(personas), min_size=1, unique=True))
            if draw(st.booleans()):
                pairs = ", ".join(f"*{p} : {draw(st.integers(1, 5))}" for p in voters)
                out.append(f"        emotion: {{{pairs}}}")
            else:
                out.append("        emotion:")
                out += [f"          *{p} : {draw(st.integers(1, 5))}" for p in voters]
            if draw(st.booleans()):
                odd = draw(odd_mapping(anchors))
                out.append("        x-odd:\n" + textwrap.indent(odd, " " * 10).rstrip("\n"))
    return "\n".join(out) + "\n"


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=odd_journeys())
def test_fmt_keeps_the_meaning_of_odd_keys_and_is_idempotent(text: str) -> None:
    source = parse("j.yaml", text.encode("utf-8"))
    event("reads" if source.ok else f"not read: {source.diagnostics[0].rule}")
    if not source.ok:
        return  # a duplicate key, say: validate reports it, fmt refuses it the same way
    out = formats_safely(text)
    event("formatted" if out is not None else "refused")
