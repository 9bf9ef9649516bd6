"""The fast sandboxed Jinja environment renders exactly what Jinja's own renders.

Whole sites from real portfolios are rendered with `FastSandbox` and with a plain
`jinja2.Environment` configured alike (the sandbox changes nothing in the built-in
templates' pages); the corners the shortcuts touch (dict attributes, escaping of every
kind of value, every way of calling a macro, what the sandbox refuses) are compared
with Jinja's own `ImmutableSandboxedEnvironment`, text or error.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from jinja2 import DictLoader, Environment, StrictUndefined, UndefinedError
from jinja2.sandbox import ImmutableSandboxedEnvironment
from markupsafe import Markup

from conftest import DATA, EXAMPLES
from journeymap.engine.pipeline import load_checked
from journeymap.pages.render import environment
from journeymap.pages.site import build_site, site_inputs
from journeymap.pages.templating import FastSandbox, output_escape

OPTIONS: dict[str, Any] = {
    "undefined": StrictUndefined,
    "trim_blocks": True,
    "lstrip_blocks": True,
    "keep_trailing_newline": True,
}


def twin(env: Environment) -> Environment:
    """A plain Jinja environment set up as `env` is: same loader, escaping and filters."""
    plain = Environment(loader=env.loader, autoescape=env.autoescape, **OPTIONS)
    plain.filters.update(env.filters)
    return plain


def both(templates: dict[str, str], autoescape: bool = True) -> tuple[Environment, Environment]:
    fast = FastSandbox(loader=DictLoader(templates), autoescape=autoescape, **OPTIONS)
    plain = ImmutableSandboxedEnvironment(
        loader=DictLoader(templates), autoescape=autoescape, **OPTIONS
    )
    return fast, plain


def outcome(env: Environment, name: str, **values: Any) -> tuple[str, str]:
    """("ok", text) or (the exception's type, its message)."""
    try:
        return "ok", env.get_template(name).render(**values)
    except Exception as exc:
        return type(exc).__name__, str(exc)


@pytest.mark.parametrize("config", [DATA / "portfolio-large", EXAMPLES], ids=["large", "examples"])
@pytest.mark.parametrize("fmt", ["html", "md"])
def test_a_whole_site_is_the_same_text(config: Path, fmt: str) -> None:
    today = date(2026, 11, 22)
    checked = load_checked([], config / "journeymap.yaml", today=today)
    inputs = site_inputs(checked.portfolio, checked.journeys, checked.diagnostics, today)
    fast_env = environment()
    assert isinstance(fast_env, FastSandbox)
    fast = build_site(inputs, fmt=fmt, env=fast_env)
    plain = build_site(inputs, fmt=fmt, env=twin(fast_env))
    assert sorted(fast) == sorted(plain)
    assert len(fast) > len(checked.journeys)  # the maps and the site's own pages
    for name in plain:
        assert fast[name] == plain[name], name


LOOKUPS = {
    "t": "{{ d.name }}|{{ d['name'] }}|{{ d.items is defined }}|{{ d.get('name') }}"
    "|{% for k, v in d.items() %}{{ k }}={{ v }};{% endfor %}|{{ d.keys is callable }}",
    "missing": "{{ d.nothing }}",
    "nested": "{{ d.inner.name }}",
}


@pytest.mark.parametrize(
    "value",
    [
        {"name": "<b>Acme & Co</b>"},
        {"name": 3, "items": "shadowed by dict.items", "keys": "shadowed too"},
        {"name": None},
    ],
)
def test_dict_keys_and_dict_attributes_resolve_as_jinja_does(value: dict[str, Any]) -> None:
    fast, plain = both(LOOKUPS)
    assert outcome(fast, "t", d=value) == outcome(plain, "t", d=value)
    assert outcome(fast, "t", d=value)[0] == "ok"


def test_a_missing_key_is_the_same_undefined_error() -> None:
    fast, plain = both(LOOKUPS)
    got = outcome(fast, "missing", d={"name": "x"})
    assert got == outcome(plain, "missing", d={"name": "x"})
    assert got[0] == UndefinedError.__name__
    assert "nothing" in got[1]
    assert outcome(fast, "nested", d={"inner": {}}) == outcome(plain, "nested", d={"inner": {}})


@dataclass(frozen=True, slots=True)
class Row:
    """A view's dataclass: the pages are lookups into these."""

    name: str
    inner: Any = None

    def __getitem__(self, key: str) -> str:
        if key != "lane":
            raise KeyError(key)
        return "by key"


class Opaque:
    """Neither the attribute nor an item: Jinja's own lookup decides."""


FIELDS = {
    "t": "{{ r.name }}|{{ r['name'] }}|{{ r['lane'] }}|{{ r.inner.name if r.inner }}"
    "|{{ r.nothing is defined }}",
    "missing": "{{ r.nothing }}",
    "opaque": "{{ r.nothing }}",
}


@pytest.mark.parametrize(
    "value", [Row("<b>Acme & Co</b>"), Row("x", Row("<i>")), Row("y", {"name": "<d>"})]
)
def test_dataclass_fields_resolve_as_jinja_does(value: Row) -> None:
    fast, plain = both(FIELDS)
    assert outcome(fast, "t", r=value) == outcome(plain, "t", r=value)
    assert outcome(fast, "t", r=value)[0] == "ok"
    got = outcome(fast, "missing", r=value)
    assert got == outcome(plain, "missing", r=value)
    assert got[0] == UndefinedError.__name__ and "nothing" in got[1]
    assert outcome(fast, "opaque", r=Opaque()) == outcome(plain, "opaque", r=Opaque())
    # the field shortcut stays inside the sandbox: no way to the class of a view
    hidden = both({"t": "{{ r.__class__ }}"})[0]
    assert outcome(hidden, "t", r=value)[0] == "SecurityError"


class Mood(enum.IntEnum):
    LOW = 1

    def __str__(self) -> str:
        return "<low>"


class Html:
    def __html__(self) -> str:
        return "<i>trusted</i>"


class Text:
    def __str__(self) -> str:
        return "a < b & \"c\" 'd'"


@pytest.mark.parametrize(
    "value",
    [
        "<script>alert('x')</script> & \"q\"",
        Markup("<em>safe</em>"),
        Html(),
        Text(),
        Mood.LOW,
        True,
        None,
        42,
        -0.5,
        float("inf"),
        date(2026, 11, 22),
        ["<a>", 1],
    ],
    ids=repr,
)
def test_every_kind_of_value_is_escaped_as_markupsafe_does(value: Any) -> None:
    fast, plain = both({"t": "[{{ v }}]{{ v ~ '<' }}{{ v | e }}"})
    got = outcome(fast, "t", v=value)
    assert got == outcome(plain, "t", v=value)
    assert got[0] == "ok"
    assert str(output_escape(value)) == str(Markup.escape(value))


@settings(max_examples=200, deadline=None)
@given(st.text())
def test_any_text_is_escaped_as_markupsafe_does(text: str) -> None:
    fast, plain = both({"t": "<p title='{{ v }}'>{{ v }}</p>{{ {'k': v}.k }}"})
    assert fast.get_template("t").render(v=text) == plain.get_template("t").render(v=text)


def test_templates_without_autoescape_stay_unescaped() -> None:
    fast, plain = both({"t": "{{ v }} {{ d.k }}"}, autoescape=False)
    values = {"v": "<b>", "d": {"k": "a & b"}}
    assert outcome(fast, "t", **values) == outcome(plain, "t", **values) == ("ok", "<b> a & b")


MACROS = {
    "m": """\
{% macro plain(a, b) %}<{{ a }}|{{ b }}>{% endmacro %}
{% macro defaults(a, b="<d>") %}{{ a }}{{ b }}{% endmacro %}
{% macro rest() %}{{ varargs }}{{ kwargs }}{% endmacro %}
{% macro wrap(x) %}[{{ caller(x) }}]{% endmacro %}
""",
    "t": """\
{% import "m" as m %}
{{ m.plain("<x>", 1) }}
{{ m.plain(b=2, a="<y>") }}
{{ m.defaults("a") }} {{ m.defaults("a", "b") }} {{ m.defaults(a=1) }}
{{ m.rest(1, "<", k="&") }}
{% call(v) m.wrap("<w>") %}in {{ v }}{% endcall %}
{% set kept = m.plain("<k>", 2) %}{{ kept }}{{ kept ~ "<" }}
{% for i in [1, 2] %}{{ m.plain(i, loop.index) }}{% endfor %}
""",
    "missing_argument": '{% import "m" as m %}{{ m.plain("<only one>") }}',
    "too_many": '{% import "m" as m %}{{ m.plain(1, 2, 3) }}',
    "unknown_keyword": '{% import "m" as m %}{{ m.plain(1, c=3) }}',
}


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("t", "ok"),
        ("too_many", "TypeError"),
        ("unknown_keyword", "TypeError"),
        ("missing_argument", "UndefinedError"),
    ],
)
def test_macros_are_called_as_jinja_calls_them(name: str, expected: str) -> None:
    fast, plain = both(MACROS)
    got = outcome(fast, name)
    assert got == outcome(plain, name)
    assert got[0] == expected


def test_macro_output_is_markup_and_never_escaped_twice() -> None:
    fast, _ = both(MACROS)
    text = fast.get_template("t").render()
    assert "<&lt;x&gt;|1>" in text
    assert "[in &lt;w&gt;]" in text
    assert "<&lt;k&gt;|2><&lt;k&gt;|2>&lt;" in text


REFUSED = {
    "module dunder": '{% import "m" as m %}{{ m.__class__ }}',
    "module private": '{% import "m" as m %}{{ m._body_stream }}',
    "module missing": '{% import "m" as m %}{{ m.nothing }}',
    "dict dunder": "{{ d.__class__ }}",
    "dict mutation": "{{ d.update({'k': 1}) }}",
    "dict underscore key": "{{ d._k }}",
    "macro code": '{% import "m" as m %}{{ m.plain._func.__globals__ }}',
    "format": "{{ '{0.__class__}'.format(d) }}",
}
NOT_REFUSED = {"dict underscore key": "ok", "module missing": "UndefinedError"}


@pytest.mark.parametrize("name", list(REFUSED))
def test_the_shortcuts_refuse_what_the_sandbox_refuses(name: str) -> None:
    fast, plain = both({**MACROS, "t": REFUSED[name]})
    got = outcome(fast, "t", d={"_k": "<v>"})
    assert got == outcome(plain, "t", d={"_k": "<v>"})
    assert got[0] == NOT_REFUSED.get(name, "SecurityError"), got
    if got[0] == "SecurityError":
        assert "unsafe" in got[1]
