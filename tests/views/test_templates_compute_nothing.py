"""Templates display; views compute. Every built-in template is parsed and searched for
arithmetic, sorting, counting, rounding and ordering comparisons.

The checker is tested on small bad templates too, so that it cannot pass by finding
nothing at all.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from jinja2 import Environment, nodes

import journeymap

TEMPLATES = Path(journeymap.__file__).parent / "templates"

ARITHMETIC = (
    nodes.Add,
    nodes.Sub,
    nodes.Mul,
    nodes.Div,
    nodes.FloorDiv,
    nodes.Mod,
    nodes.Pow,
    nodes.Neg,
    nodes.Pos,
)
COMPUTING_FILTERS = {
    "sort",
    "dictsort",
    "sum",
    "length",
    "count",
    "round",
    "max",
    "min",
    "groupby",
    "batch",
    "slice",
    "reverse",
    "unique",
    "select",
    "reject",
    "selectattr",
    "rejectattr",
    "abs",
    "int",
    "float",
    "wordcount",
}
COMPUTING_TESTS = {"divisibleby", "even", "odd", "gt", "ge", "lt", "le", "greaterthan", "lessthan"}
ORDERING = {"lt", "gt", "lteq", "gteq"}


def _literal(node: nodes.Node) -> bool:
    if isinstance(node, nodes.Const):
        return True
    if isinstance(node, nodes.Tuple | nodes.List):
        return all(_literal(item) for item in node.items)
    return False


def _operands(node: nodes.Node) -> list[nodes.Node]:
    if isinstance(node, nodes.BinExpr):
        return [node.left, node.right]
    if isinstance(node, nodes.UnaryExpr):
        return [node.node]
    return []


def computations(source: str) -> list[str]:
    """Each place a template computes instead of displaying, as "line N: what"."""
    tree = Environment().parse(source)
    found: list[str] = []
    for node in tree.find_all(nodes.Node):
        line = getattr(node, "lineno", "?")
        if isinstance(node, ARITHMETIC) and not all(_literal(o) for o in _operands(node)):
            found.append(f"line {line}: arithmetic ({type(node).__name__})")
        elif isinstance(node, nodes.Filter):
            if node.name in COMPUTING_FILTERS:
                found.append(f"line {line}: filter {node.name!r}")
            elif node.name == "map" and (
                any(kw.key == "attribute" for kw in node.kwargs)
                or any(
                    isinstance(a, nodes.Const) and a.value in COMPUTING_FILTERS for a in node.args
                )
            ):
                found.append(f"line {line}: map over attributes or with a computing filter")
        elif isinstance(node, nodes.Test) and node.name in COMPUTING_TESTS:
            found.append(f"line {line}: test {node.name!r}")
        elif isinstance(node, nodes.Compare):
            sides = [node.expr, *(op.expr for op in node.ops)]
            for op in node.ops:
                if op.op in ORDERING:
                    found.append(f"line {line}: ordering comparison ({op.op})")
                elif not any(_literal(side) for side in sides):
                    found.append(f"line {line}: comparison of two values ({op.op})")
        elif (
            isinstance(node, nodes.Call)
            and isinstance(node.node, nodes.Name)
            and node.node.name == "range"
        ):
            found.append(f"line {line}: range()")
    return found


BUILT_IN = sorted(p.name for p in TEMPLATES.glob("*.j2"))


def test_every_built_in_template_is_checked() -> None:
    assert {"gaps.html.j2", "gaps.md.j2", "journey.html.j2", "journey.md.j2"} <= set(BUILT_IN)


@pytest.mark.parametrize("name", BUILT_IN)
def test_template_computes_nothing(name: str) -> None:
    source = (TEMPLATES / name).read_text(encoding="utf-8")
    assert computations(source) == [], f"{name} computes; move it into journeymap/views"


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("{{ c.margin + c.plot }}", "line 1: arithmetic (Add)"),
        ("{{ 6 - item.severity }}", "line 1: arithmetic (Sub)"),
        ("{{ p.x * 2 }}", "line 1: arithmetic (Mul)"),
        ("{{ c.plot / 2 }}", "line 1: arithmetic (Div)"),
        ("{{ n // 2 }}", "line 1: arithmetic (FloorDiv)"),
        ("{{ n % 2 }}", "line 1: arithmetic (Mod)"),
        ("{{ n ** 2 }}", "line 1: arithmetic (Pow)"),
        ("{{ -value }}", "line 1: arithmetic (Neg)"),
        ("{{ items | sort }}", "line 1: filter 'sort'"),
        ("{{ items | length }}", "line 1: filter 'length'"),
        ("{{ items | count }}", "line 1: filter 'count'"),
        ("{{ share | round }}", "line 1: filter 'round'"),
        ("{{ rows | groupby('x') }}", "line 1: filter 'groupby'"),
        ("{{ rows | batch(3) }}", "line 1: filter 'batch'"),
        ("{{ rows | max }}", "line 1: filter 'max'"),
        (
            "{{ xs | map('round') | join }}",
            "line 1: map over attributes or with a computing filter",
        ),
        (
            "{{ cols | map(attribute='pains') | join }}",
            "line 1: map over attributes or with a computing filter",
        ),
        ("{% if shown < total %}x{% endif %}", "line 1: ordering comparison (lt)"),
        ("{% if a.id == b.id %}x{% endif %}", "line 1: comparison of two values (eq)"),
        ("{% if n is divisibleby 3 %}x{% endif %}", "line 1: test 'divisibleby'"),
        ("{% for i in range(3) %}{{ i }}{% endfor %}", "line 1: range()"),
        ("\n{% set pains = cols | sum(start=[]) %}", "line 2: filter 'sum'"),
    ],
)
def test_checker_finds_computation(source: str, expected: str) -> None:
    assert expected in computations(source)


def test_checker_allows_display() -> None:
    source = (
        "{% for r in rows %}{% if r.ok %}{{ loop.index }}. {{ r.name | upper }}{% endif %}"
        '{{ "met" if r.status == "met" }}{{ r.goals | map("md") | join(", ") }}'
        '{% if r.marker in ("a", "b") %}{{ r.unit and " " ~ r.unit }}{% endif %}'
        "{{ -1 }}{% if r.value is not none %}{{ r.value }}{% endif %}{% endfor %}"
    )
    assert computations(source) == []
