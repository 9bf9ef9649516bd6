"""Templates from `--templates` render in Jinja's sandbox (issue #26 round 3, row 9).

A template is code from whoever wrote it; in CI that may be a pull request. Outside
the sandbox `{{ cycler.__init__.__globals__.os.popen('touch ...').read() }}` ran a
shell command during `render` and `serve`. Every known way out is tried here, each
trying to create a file: none may, and each is one line naming the template.
"""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from conftest import EXAMPLES, TODAY
from journeymap.serve.site import SiteBuilder

ESCAPES = {
    "cycler": "{{ cycler.__init__.__globals__.os.popen('touch PWNED').read() }}",
    "joiner": "{{ joiner.__init__.__globals__.os.system('touch PWNED') }}",
    "namespace": "{{ namespace.__init__.__globals__.os.system('touch PWNED') }}",
    "lipsum": "{{ lipsum.__globals__['os'].popen('touch PWNED').read() }}",
    "subclasses": "{% for c in ''.__class__.__mro__[1].__subclasses__() %}"
    "{% if c.__name__ == 'Popen' %}{{ c(['touch', 'PWNED']) }}{% endif %}{% endfor %}",
    "self": "{{ self.__init__.__globals__.__builtins__.__import__('os').system('touch PWNED') }}",
    "attr filter": "{{ (cycler|attr('__init__')|attr('__globals__'))['os'].system('touch PWNED') }}",
    "format": "{{ '{0.__class__.__init__.__globals__}'.format(cycler) }}",
    "page class": "{{ page.__class__.__init__.__globals__ }}",
    "mutating the view": "{% set _ = page.update({'x': 1}) %}{{ page.x }}",
    "config": "{{ config.__class__.__init__.__globals__['os'].popen('touch PWNED').read() }}",
    "request": "{{ request.application.__globals__.__builtins__.__import__('os')"
    ".popen('touch PWNED').read() }}",
}


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    target = tmp_path / "project"
    shutil.copytree(EXAMPLES, target, ignore=shutil.ignore_patterns("site", ".journeymap_cache"))
    monkeypatch.chdir(target)
    return target


def hostile(folder: Path, payload: str, pwned: Path) -> Path:
    """A templates folder whose journey page is `payload`, aimed at creating `pwned`."""
    folder.mkdir()
    (folder / "journey.html.j2").write_text(payload.replace("PWNED", str(pwned)))
    (folder / "journey.md.j2").write_text(payload.replace("PWNED", str(pwned)))
    return folder


# what each one gets instead: the sandbox's refusal, or a value that is not there
OUTCOME = {
    "mutating the view": "has no attribute 'update'",  # view data are frozen dataclasses
    "request": "'request' is undefined",
    "attr filter": "has no attribute '__globals__'",  # `attr` gave an unsafe undefined
}
CASES = [(escape, "html") for escape in ESCAPES] + [("cycler", "md"), ("lipsum", "md")]


@pytest.mark.parametrize(("escape", "fmt"), CASES)
def test_no_way_out_of_the_sandbox_in_render(
    cli: Any, project: Path, tmp_path: Path, escape: str, fmt: str
) -> None:
    pwned = tmp_path / "pwned"
    templates = hostile(tmp_path / "tpl", ESCAPES[escape], pwned)
    out = tmp_path / "out"
    result = cli("render", "--format", fmt, "--templates", str(templates), "-o", str(out))
    assert not pwned.exists(), f"{escape}: the template ran a command"
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output and result.stdout == ""
    (line,) = result.stderr.splitlines()
    assert line.startswith(f"journeymap: template error ({templates}/journey.{fmt}.j2:1): ")
    assert OUTCOME.get(escape, "is unsafe") in line, line
    assert not out.exists()


@pytest.mark.parametrize("escape", ["cycler", "lipsum", "subclasses", "self"])
def test_no_way_out_of_the_sandbox_in_serve(project: Path, tmp_path: Path, escape: str) -> None:
    pwned = tmp_path / "pwned"
    templates = hostile(tmp_path / "tpl", ESCAPES[escape], pwned)
    site = SiteBuilder([], None, templates, lambda: date.fromisoformat(TODAY)).build()
    assert not pwned.exists()
    message = site.problems[0].problems[0].diagnostic.message
    assert "template error (" in message and "journey.html.j2:1): " in message
    assert "is unsafe" in message


def test_an_ordinary_override_still_renders(cli: Any, project: Path, tmp_path: Path) -> None:
    """What a team's template does: loops, filters, macros of the built-in library,
    `str.format`, a namespace, filters on the view's fields."""
    templates = tmp_path / "tpl"
    templates.mkdir()
    (templates / "journey.html.j2").write_text(
        '{% import "_macros.html.j2" as m %}{% set ns = namespace(n=0) %}'
        "<h1>{{ page.journey.title|upper }}</h1>\n"
        "{% for s in page.stages %}{% set ns.n = ns.n + 1 %}"
        "<p>{{ loop.index }}. {{ '{}: {}'.format(s.id, s.name) }}</p>\n{% endfor %}"
        "<p>{{ ns.n }} stages, {{ page.journey.title|length > 0 }}</p>\n"
        "<style>{{ styles }}</style>\n",
        encoding="utf-8",
    )
    out = tmp_path / "out"
    result = cli("render", "--templates", str(templates), "-o", str(out))
    assert result.exit_code == 0, result.output
    page = (out / "maps" / "acme-b2b.html").read_text(encoding="utf-8")
    assert page.startswith("<h1>ACME ANALYTICS, MID-MARKET B2B JOURNEY (CURRENT STATE)</h1>")
    assert "<p>1. awareness: " in page and " stages, True</p>" in page
