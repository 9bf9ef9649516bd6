"""The loader: safe YAML, exact positions, hostile input refused quickly and clearly."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from conftest import DATA, EXAMPLES
from journeymap.loading.loader import load_source
from journeymap.yaml.events import ALIAS_BUDGET
from journeymap.yaml.parse import parse


def load(text: str | bytes) -> Any:
    raw = text.encode("utf-8") if isinstance(text, str) else text
    return load_source(parse("f.yaml", raw))


def rules(doc: Any) -> list[tuple[str, int, int]]:
    return [(d.rule, d.line, d.column) for d in doc.diagnostics]


HEAD = "journeymap: 1\nid: j\ntitle: J\n"


def test_example_loads_to_models() -> None:
    raw = (EXAMPLES / "journeys" / "acme-b2b-current.yaml").read_bytes()
    doc = load(raw)
    assert doc.diagnostics == []
    assert doc.journey is not None
    assert [s.id for s in doc.journey.stages] == [
        "awareness",
        "consideration",
        "decision",
        "onboarding",
        "service-support",
        "retention",
        "advocacy",
    ]


def test_deep_error_points_at_value() -> None:
    text = HEAD + (
        "stages:\n"
        "  - id: s\n    name: S\n    touchpoints:\n"
        "      - id: t\n        name: T\n"
        "        opportunities:\n"
        "          - {id: o, text: x, impact: 0}\n"
    )
    doc = load(text)
    assert rules(doc) == [("out-of-range", 11, 38)]


def test_unknown_key_did_you_mean_and_x_keys_allowed() -> None:
    text = (
        HEAD
        + "x-team: {slack: '#cx'}\nstages:\n  - id: s\n    name: S\n    x-any: [1, 2]\n    gaol: G\n"
    )
    doc = load(text)
    assert rules(doc) == [("unknown-field", 9, 5)]
    assert doc.diagnostics[0].hint.startswith("did you mean 'goal'?")


@pytest.mark.parametrize(
    ("value", "what"),
    [
        ("01234", "the number 1234"),
        ("1.10", "the number 1.1"),
        ("true", "the boolean true"),
    ],
)
def test_str_field_rejects_unquoted_scalars_with_hint(value: str, what: str) -> None:
    doc = load(HEAD.replace("title: J", f"title: {value}") + "stages: [{id: s, name: S}]\n")
    assert rules(doc) == [("invalid-type", 3, 8)]
    assert what in doc.diagnostics[0].message
    assert "quotes" in doc.diagnostics[0].hint


def test_a_date_in_a_str_field_is_its_text() -> None:
    """YAML 1.2 has no date type: `title: 2024-01-01` is the title, as editors read it."""
    doc = load(HEAD.replace("title: J", "title: 2024-01-01") + "stages: [{id: s, name: S}]\n")
    assert doc.diagnostics == []
    assert doc.journey.title == "2024-01-01"


def test_syntax_error_position() -> None:
    doc = load(HEAD + "stages: [\n  {id: s, name: S\n")
    # the parser stops at the end of the file; the error points at the `{` left open
    assert rules(doc) == [("yaml-syntax", 5, 3)]
    assert doc.diagnostics[0].message == (
        "the mapping opened with `{` here (line 5, column 3) is not closed"
    )


def test_duplicate_keys_each_reported() -> None:
    doc = load(HEAD + "title: again\nstages: [{id: s, name: S, name: T}]\n")
    assert ("duplicate-key", 4, 1) in rules(doc)
    assert ("duplicate-key", 5, 27) in rules(doc)
    assert "already set on line 3" in doc.diagnostics[0].hint


def test_python_tags_never_constructed(tmp_path: Path) -> None:
    marker = tmp_path / "pwned"
    doc = load(
        HEAD
        + f"owner: !!python/object/apply:os.system ['touch {marker}']\nstages: [{{id: s, name: S}}]\n"
    )
    assert rules(doc)[0][:2] == ("unsupported-tag", 4)
    assert not marker.exists()


@pytest.mark.parametrize(
    ("raw", "rule"),
    [
        (b"", "empty-file"),
        (b"# only a comment\n", "empty-file"),
        (b"- a\n- b\n", "not-a-mapping"),
        (b"just text\n", "not-a-mapping"),
        (b"id: x\n", "missing-version"),
        (b"journeymap: 2\nid: x\n", "unsupported-version"),
        (b"journeymap: '1'\nid: x\n", "unsupported-version"),
        (b"journeymap: true\n", "unsupported-version"),
        (b"journeymap: 1\nid: \xff\xfe\n", "encoding"),
        (b"\xff\xfej\x00", "encoding"),
        (b"journeymap: 1\n\tid: x\n", "yaml-syntax"),
        (b"journeymap: 1\nid: a\x00b\n", "yaml-syntax"),
        (b"--- {journeymap: 1}\n--- {journeymap: 1}\n", "yaml-syntax"),
        (b"journeymap: 1\nkind: persona\n", "invalid-value"),
    ],
)
def test_every_bad_file_gets_a_positioned_answer(raw: bytes, rule: str) -> None:
    doc = load(raw)
    assert doc.diagnostics, raw
    first = doc.diagnostics[0]
    assert first.rule == rule
    assert first.line >= 1 and first.column >= 1


def test_invalid_utf8_position() -> None:
    doc = load(b"journeymap: 1\nid: ok\ntitle: caf\xe9 menu\n")
    assert rules(doc) == [("encoding", 3, 11)]


def test_bom_and_crlf_are_fine() -> None:
    text = (HEAD + "stages: [{id: s, name: S, importance: 9}]\n").replace("\n", "\r\n")
    doc = load(b"\xef\xbb\xbf" + text.encode())
    assert rules(doc) == [("unknown-field", 4, 27)]


def test_tab_indentation_hint() -> None:
    doc = load("journeymap: 1\nstages:\n\t- id: s\n")
    assert doc.diagnostics[0].rule == "yaml-syntax"
    assert (doc.diagnostics[0].line, doc.diagnostics[0].column) == (3, 1)
    assert doc.diagnostics[0].hint == (
        "replace the tab with spaces (two per level, lined up with the lines above)"
    )


def test_impossible_date_reported_once() -> None:
    doc = load(HEAD + "updated: 2026-02-30\nstages: [{id: s, name: S}]\n")
    assert rules(doc) == [("invalid-value", 4, 10)]


def test_ordinary_aliases_work() -> None:
    text = HEAD + (
        "personas: [{id: a, name: A}, {id: b, name: B}]\n"
        "x-shared: &both [a, b]\n"
        "stages:\n"
        "  - {id: s1, name: S1, personas: *both}\n"
        "  - {id: s2, name: S2, personas: *both}\n"
    )
    doc = load(text)
    assert doc.diagnostics == []
    assert doc.journey.stages[1].personas == ["a", "b"]


def test_billion_laughs_refused_at_position() -> None:
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for i, name in enumerate("bcdefghi"):
        prev = "abcdefghi"[i]
        lines.append(f"{name}: &{name} [" + ",".join([f"*{prev}"] * 9) + "]")
    doc = load("\n".join(lines) + "\n")
    assert [d.rule for d in doc.diagnostics] == ["alias-bomb"]
    assert doc.diagnostics[0].line == 6  # the first list that passes the budget
    assert f"{ALIAS_BUDGET:,}" in doc.diagnostics[0].hint


def test_journey_shaped_alias_bomb_refused() -> None:
    tp = "{id: t, name: T, importance: 3, performance: 3, emotion: 3, owner: O}"
    text = HEAD + (
        f"x-tp: &tp {tp}\n"
        "x-tps: &tps [" + ", ".join(["*tp"] * 1000) + "]\n"
        "x-stage: &stage {id: s, name: S, touchpoints: *tps}\n"
        "stages: [" + ", ".join(["*stage"] * 1000) + "]\n"
    )
    doc = load(text)
    assert [(d.rule, d.line) for d in doc.diagnostics] == [("alias-bomb", 7)]


def test_recursive_alias_refused() -> None:
    doc = load("a: &a [1, *a]\n")
    assert doc.diagnostics[0].rule == "alias-cycle"


@pytest.mark.parametrize("text", ["[" * 60_000, "- " * 40_000 + "x\n", "{a: " * 30_000])
def test_deep_nesting_refused_before_parsing(text: str) -> None:
    doc = load(text)
    assert [d.rule for d in doc.diagnostics] == ["too-deep"]
    assert doc.diagnostics[0].line == 1


def test_moderate_nesting_refused_after_parsing() -> None:
    doc = load("a: " + "[" * 300 + "]" * 300 + "\n")
    assert [d.rule for d in doc.diagnostics] == ["too-deep"]


def test_brackets_in_quoted_text_are_not_nesting() -> None:
    text = HEAD + f'description: "{"[" * 5000}"\nstages: [{{id: s, name: S}}]\n'
    assert load(text).diagnostics == []


def test_huge_numbers_and_long_lines() -> None:
    doc = load(
        HEAD
        + "stages: [{id: s, name: S, touchpoints: [{id: t, name: T, importance: 1"
        + "0" * 5000
        + "}]}]\n"
    )
    assert doc.diagnostics and doc.diagnostics[0].line == 4
    doc = load(HEAD + "description: " + "x" * 1_000_000 + "\nstages: [{id: s, name: S}]\n")
    assert doc.diagnostics == []


def yaml_suite_cases() -> list[Path]:
    folder = DATA / "yaml-test-suite"
    return sorted(folder.glob("*/in.yaml"))


def test_yaml_suite_is_present() -> None:
    assert len(yaml_suite_cases()) > 300, "tests/data/yaml-test-suite is missing"


@pytest.mark.parametrize("path", yaml_suite_cases(), ids=lambda p: p.parent.name)
def test_yaml_test_suite_through_validate(path: Path, cli: Any) -> None:
    """Every case: exit 1, a positioned diagnostic for that file, no crash."""
    result = cli("validate", "--format", "json", str(path))
    assert result.exit_code == 1, result.output
    import json

    diagnostics = json.loads(result.stdout)["diagnostics"]
    assert diagnostics
    for d in diagnostics:
        assert d["path"] == str(path) and d["line"] >= 1 and d["column"] >= 1


def test_long_single_line_json_is_not_deep() -> None:
    """JSON is YAML: one line with thousands of balanced brackets is shallow, not deep."""
    import json

    stages = [{"id": f"s{i}", "name": f"[{{{i}}}]", "touchpoints": []} for i in range(1500)]
    text = json.dumps({"journeymap": 1, "id": "j", "title": "J", "stages": stages})
    assert load(text).diagnostics == []


def test_c_parser_is_in_use() -> None:
    """Speed depends on libyaml's events (ruamel.yaml.clib); a silent fallback is a bug."""
    from journeymap.yaml.events import C_PARSER

    assert C_PARSER


def test_explicit_core_tags() -> None:
    doc = load(
        HEAD.replace("title: J", "title: !!str 2024-01-01") + "stages: [{id: s, name: !!str 123}]\n"
    )
    assert doc.diagnostics == []
    assert doc.journey.title == "2024-01-01" and doc.journey.stages[0].name == "123"
    bad = load(
        HEAD + "stages: [{id: s, name: S, touchpoints: [{id: t, name: T, importance: !!int x}]}]\n"
    )
    assert [(d.rule, d.line) for d in bad.diagnostics] == [("invalid-value", 4)]


def test_undefined_alias_position() -> None:
    doc = load(HEAD + "stages: [{id: s, name: *nowhere}]\n")
    assert [(d.rule, d.line, d.column) for d in doc.diagnostics] == [("yaml-syntax", 4, 24)]


def test_late_error_in_large_file_has_exact_position() -> None:
    """The first read keeps no positions; a problem triggers a second, exact one."""
    stages = "".join(f"  - id: s{i}\n    name: Stage {i}\n" for i in range(2000))
    doc = load(HEAD + "stages:\n" + stages + "  - id: last\n    name: L\n    name: again\n")
    assert [(d.rule, d.line, d.column) for d in doc.diagnostics] == [("duplicate-key", 4007, 5)]


def test_yaml_12_core_schema() -> None:
    from journeymap.yaml.scalars import resolve_plain

    assert resolve_plain("yes") == "yes" and resolve_plain("on") == "on"
    assert resolve_plain("0o17") == 15 and resolve_plain("0x1F") == 31
    assert resolve_plain("1.10") == 1.1 and resolve_plain("01234") == 1234
    assert resolve_plain("~") is None and resolve_plain("TRUE") is True
    assert resolve_plain("1_000") == "1_000"
