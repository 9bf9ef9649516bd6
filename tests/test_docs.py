"""The user docs stay true: examples validate, every rule is listed, links resolve.

docs/format.md is the format reference CX leads read; an example that no longer
validates or a rule missing from its tables would mislead them, so both are tested.
"""

from __future__ import annotations

import importlib
import inspect
import json
import pkgutil
import re
from pathlib import Path
from typing import Any

from pydantic import BaseModel

import journeymap.model
import journeymap.project.config
import journeymap.refresh.sources
from conftest import ROOT
from journeymap.checks.catalogue import RULES
from journeymap.yaml.parse import parse

DOCS = ROOT / "docs"
FORMAT = DOCS / "format.md"
YAML_BLOCK = re.compile(r"^```yaml\n(.*?)^```", re.MULTILINE | re.DOTALL)
FILE_HEADER = re.compile(r"# ([\w./-]+\.yaml)\n")
LINK = re.compile(r"\]\(([^)\s]+)\)")


def yaml_blocks() -> list[str]:
    return YAML_BLOCK.findall(FORMAT.read_text(encoding="utf-8"))


def test_every_yaml_block_is_well_formed_yaml() -> None:
    blocks = yaml_blocks()
    assert len(blocks) >= 8
    for block in blocks:
        source = parse("docs/format.md", block.encode())
        assert source.ok, (block[:80], [d.message for d in source.diagnostics])


def test_example_project_validates_strictly(cli: Any, tmp_path: Path) -> None:
    """The blocks headed `# path.yaml` form one project; it is complete and correct."""
    written = []
    for block in yaml_blocks():
        header = FILE_HEADER.match(block)
        if header:
            path = tmp_path / header.group(1)
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(block, encoding="utf-8")
            written.append(header.group(1))
    assert sorted(written) == [
        "journeymap.yaml",
        "journeys/acme-b2b-future.yaml",
        "journeys/acme-b2b.yaml",
        "journeys/shipper-consumer.yaml",
        "personas/buying-committee.yaml",
    ]
    result = cli("validate", "--strict", "--format", "json", cwd=tmp_path)
    assert json.loads(result.stdout)["diagnostics"] == []
    assert result.exit_code == 0


def test_rule_tables_list_every_rule_with_its_default() -> None:
    text = FORMAT.read_text(encoding="utf-8")
    completeness = [r for r in RULES.values() if r.configurable]
    structural = [r for r in RULES.values() if not r.configurable]
    for rule in completeness:
        assert f"\n| `{rule.name}` | {rule.default} | " in text, rule.name
    for rule in structural:
        assert f"\n| `{rule.name}` | " in text, rule.name


def _slug(heading: str) -> str:
    """GitHub's anchor for a heading: lower case, punctuation dropped, spaces as dashes."""
    return re.sub(r"[^\w\- ]", "", heading.strip().lower()).replace(" ", "-")


def test_links_in_docs_and_readme_resolve() -> None:
    pages = [ROOT / "README.md", *sorted(DOCS.glob("*.md"))]
    checked = 0
    for page in pages:
        text = page.read_text(encoding="utf-8")
        anchors = {_slug(h) for h in re.findall(r"^#+ (.+)$", text, re.MULTILINE)}
        for target in LINK.findall(text):
            if target.startswith(("http://", "https://", "mailto:")):
                continue
            path, _, anchor = target.partition("#")
            if path:
                assert (page.parent / path).exists(), f"{page.name}: {target}"
            elif anchor:
                assert anchor in anchors, f"{page.name}: #{anchor}"
            checked += 1
    assert checked > 20


def test_docs_index_lists_every_page() -> None:
    index = (DOCS / "index.md").read_text(encoding="utf-8")
    for page in DOCS.glob("*.md"):
        if page.name != "index.md":
            assert f"]({page.name})" in index, page.name
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "](docs/format.md)" in readme


SKIP_DIRS = {".git", ".venv", "build", "site", "test-artifacts", "__pycache__", "out"}


def test_nothing_refers_to_files_outside_the_repository() -> None:
    """A fresh clone has nothing beside it: no file may point at a sibling folder."""
    outside = ("../" + "shared").encode(), ("shared/" + "testdata").encode()
    offenders = []
    for path in ROOT.rglob("*"):
        parts = set(path.relative_to(ROOT).parts)
        if parts & SKIP_DIRS or any(p.endswith((".egg-info", "_cache")) for p in parts):
            continue
        if path.is_file() and any(word in path.read_bytes() for word in outside):
            offenders.append(str(path.relative_to(ROOT)))
    assert offenders == []


# --- every field of the format and of journeymap.yaml is described -------------------------

# Where docs/format.md describes the fields each model defines (its own fields; inherited
# ones are described with the model that defines them). A new model fails the test below
# until it has a place here and in the reference.
FIELD_SECTIONS = {
    "Element": "## Silencing a rule: `x-journeymap-ignore`",
    "Journey": "### The journey",
    "Review": "### The journey",
    "Account": "### The account",
    "Persona": "### Personas",
    "PersonaLibrary": "## A personas library",
    "Phase": "### Phases",
    "Stage": "### Stages",
    "Touchpoint": "### Touchpoints",
    "Funnel": "### Touchpoints",
    "Blueprint": "### Touchpoints",
    "PainPoint": "### Pain points",
    "Opportunity": "### Opportunities",
    "Metric": "### Metrics",
    "HistoryPoint": "### Metrics",
    "Link": "### Links",
    "Evidence": "### Evidence",
    "CommitteeChange": "## When the buying committee changes: `committee_changes`",
    "Config": "## The project file: journeymap.yaml",
    "RuleOptions": "## The project file: journeymap.yaml",
    "GapsOptions": "## The project file: journeymap.yaml",
    "DataEntry": "## The project file: journeymap.yaml",
}
CODE_SPAN = re.compile(r"`([^`\n]+)`")
YAML_KEY = re.compile(r"^[ -]*([\w-]+):", re.MULTILINE)


def format_models() -> list[type[BaseModel]]:
    """Every pydantic model of journeymap/model/ and of the config (journeymap.yaml)."""
    modules = [
        importlib.import_module(f"journeymap.model.{info.name}")
        for info in pkgutil.iter_modules(journeymap.model.__path__)
    ]
    found = {
        obj
        for module in [*modules, journeymap.project.config, journeymap.refresh.sources]
        for obj in vars(module).values()
        if inspect.isclass(obj)
        and issubclass(obj, BaseModel)
        and obj.__module__.startswith("journeymap.")
    }
    return sorted(found, key=lambda model: model.__name__)


def own_fields(model: type[BaseModel]) -> list[str]:
    """The keys a file writes for the fields `model` itself defines (aliases included)."""
    inherited = {name for base in model.__mro__[1:] for name in getattr(base, "model_fields", {})}
    return [f.alias or n for n, f in model.model_fields.items() if n not in inherited]


def section(text: str, heading: str) -> str:
    """The text under `heading`, down to the next heading of the same level or above (a
    `# comment` in a code block is no heading)."""
    lines = text.splitlines()
    start = lines.index(heading)
    level = len(heading.split(" ", 1)[0])
    fenced = False
    for number in range(start + 1, len(lines)):
        line = lines[number]
        fenced ^= line.startswith("```")
        hashes = len(line) - len(line.lstrip("#"))
        if not fenced and 0 < hashes <= level and line[hashes : hashes + 1] == " ":
            return "\n".join(lines[start:number])
    return "\n".join(lines[start:])


def named(field: str, text: str) -> bool:
    """`field` in a code span (`retires`, `{by: text, date: date}`) or as a YAML key."""
    word = re.compile(rf"(?<![\w-]){re.escape(field)}(?![\w-])")
    spans = CODE_SPAN.findall(text)
    keys = {key for block in YAML_BLOCK.findall(text) for key in YAML_KEY.findall(block)}
    return field in keys or any(word.search(span) for span in spans)


def test_every_field_of_every_model_is_in_the_format_reference() -> None:
    text = FORMAT.read_text(encoding="utf-8")
    models = format_models()
    assert {"Journey", "Touchpoint", "Metric", "Config", "DataEntry"} <= {
        m.__name__ for m in models
    }
    unplaced = [m.__name__ for m in models if own_fields(m) and m.__name__ not in FIELD_SECTIONS]
    assert not unplaced, f"models docs/format.md has no section for: {unplaced}"
    missing = [
        f"{model.__name__}.{field} (under {FIELD_SECTIONS[model.__name__]!r})"
        for model in models
        if own_fields(model)
        for field in own_fields(model)
        if not named(field, section(text, FIELD_SECTIONS[model.__name__]))
    ]
    assert not missing, "fields docs/format.md does not describe:\n" + "\n".join(missing)
