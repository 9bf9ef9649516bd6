"""Editors: the schemas teach (descriptions, examples, rule names), checked with the real
yaml-language-server (the server inside VS Code's YAML extension) over stdio, and with
check-jsonschema.

The server is the npm package `yaml-language-server`, installed on first use into
~/.cache/journeymap-tests/yaml-language-server (JOURNEYMAP_TEST_CACHE moves it). Without
node and npm the tests fail with a message saying so; they never skip.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any, get_args

import jsonschema
import pytest

from conftest import EXAMPLES, ROOT
from journeymap.checks.catalogue import CONFIGURABLE, RULES
from journeymap.checks.settings import option as option_of
from journeymap.checks.settings import roles
from journeymap.checks.settings import severity as severity_of
from journeymap.core.errors import UsageError
from journeymap.core.rules import CONFIGURABLE_RULES, RULE_OPTIONS, Setting
from journeymap.formats.schema import IGNORE_DEF, SCHEMA_FILES, schema, schema_text
from journeymap.model import IGNORE_KEY, Touchpoint
from journeymap.project.config import RuleOptions, Settings, load_settings
from journeymap.scaffold.editor_setup import SCHEMA_DIR
from lsp import LanguageServer

YAML_LS_VERSION = "1"  # the major version the tests were written against
CACHE = Path(os.environ.get("JOURNEYMAP_TEST_CACHE", Path.home() / ".cache" / "journeymap-tests"))
CHECK_JSONSCHEMA = Path(sys.executable).with_name("check-jsonschema")


# --- the schemas themselves ----------------------------------------------------------------


def _properties(node: Any, at: str = "") -> Iterator[tuple[str, dict[str, Any]]]:
    """Every (path, property schema) in a schema, however deep."""
    if isinstance(node, dict):
        for name, prop in node.get("properties", {}).items():
            yield f"{at}.{name}", prop
        for key, value in node.items():
            yield from _properties(value, f"{at}/{key}")
    elif isinstance(node, list):
        for i, item in enumerate(node):
            yield from _properties(item, f"{at}[{i}]")


def _resolve(root: dict[str, Any], prop: dict[str, Any]) -> dict[str, Any]:
    ref = prop.get("$ref")
    if ref is None:
        return prop
    target = root["$defs"][ref.rsplit("/", 1)[1]]
    assert isinstance(target, dict), ref
    return target


@pytest.mark.parametrize("kind", list(SCHEMA_FILES))
def test_every_property_is_described(kind: str) -> None:
    root = schema(kind)
    props = list(_properties(root))
    assert len(props) > 5
    missing = [path for path, prop in props if not _resolve(root, prop).get("description")]
    assert missing == []
    # Written once: no description is pasted onto many properties.
    ignore_text = Touchpoint.model_fields["ignore"].description
    assert ignore_text is not None
    texts = re.findall(r'"description": "([^"]*)"', json.dumps(root, ensure_ascii=False))
    assert sum(t.startswith(ignore_text[:40]) for t in texts) == (kind != "config")


def test_markdown_descriptions_have_a_plain_twin() -> None:
    tp = schema("journey")["$defs"]["Touchpoint"]["properties"]
    assert tp["channel"]["markdownDescription"].startswith("How the customer meets it: `digital`")
    assert "`" not in tp["channel"]["description"]
    assert "markdownDescription" not in tp["owner"]  # plain text needs no twin


def test_important_properties_have_examples() -> None:
    journey = schema("journey")
    tp = journey["$defs"]["Touchpoint"]["properties"]
    for name in ("id", "name", "importance", "performance", "emotion", "funnel", "links"):
        assert tp[name].get("examples"), name
    assert tp["emotion"]["examples"] == [2, {"ops-director": 4, "finance": 2}]
    for name in ("id", "title", "stages", "personas", "reviewed"):
        assert journey["properties"][name].get("examples"), name


def test_ignore_key_is_one_shared_definition_naming_the_rules() -> None:
    journey = schema("journey")
    refs = [p for path, p in _properties(journey) if path.endswith("." + IGNORE_KEY)]
    assert len(refs) >= 9 and all(p == {"$ref": f"#/$defs/{IGNORE_DEF}"} for p in refs)
    assert journey["$defs"][IGNORE_DEF]["items"]["enum"] == sorted(RULES)  # any rule can be named


def test_config_schema_knows_every_rule_and_its_options() -> None:
    rules = schema("config")["properties"]["rules"]
    assert rules["additionalProperties"] is False
    assert list(rules["properties"]) == sorted(CONFIGURABLE)
    for name, rule in CONFIGURABLE.items():
        entry = rules["properties"][name]
        assert rule.summary.replace("`", "") in entry["description"]
        options = entry["oneOf"][1]["properties"]
        assert set(options) == {"severity"} | ({rule.option} if rule.option else set())
    stale = rules["properties"]["review-stale"]["oneOf"][1]["properties"]["max_age_days"]
    assert "180" in stale["description"]


# --- check-jsonschema -------------------------------------------------------------------------


def check(schema_file: Path, *paths: Path) -> subprocess.CompletedProcess[str]:
    assert CHECK_JSONSCHEMA.exists(), "check-jsonschema is a test dependency"
    return subprocess.run(
        [str(CHECK_JSONSCHEMA), "--schemafile", str(schema_file), *map(str, paths)],
        capture_output=True,
        text=True,
        check=False,
    )


def test_config_schema_accepts_the_example_config_and_rejects_a_misspelt_rule(
    tmp_path: Path,
) -> None:
    config = ROOT / "schemas" / "config.schema.json"
    result = check(config, EXAMPLES / "journeymap.yaml")
    assert result.returncode == 0, result.stdout + result.stderr
    bad = tmp_path / "journeymap.yaml"
    bad.write_text("rules:\n  touchpoint-ownr: error\n", encoding="utf-8")
    result = check(config, bad)
    assert result.returncode == 1 and "touchpoint-ownr" in result.stdout
    options = tmp_path / "options.yaml"
    options.write_text("rules:\n  stage-goal: {severity: error, max_age_days: 3}\n", "utf-8")
    assert check(config, options).returncode == 1  # stage-goal takes no options


def _accepted_by_journeymap(config: dict[str, Any], folder: Path) -> Settings | None:
    """The settings journeymap reads from this journeymap.yaml, or None if it refuses it."""
    folder.mkdir()
    path = folder / "journeymap.yaml"
    path.write_text(json.dumps(config), encoding="utf-8")  # JSON is YAML
    try:
        return load_settings(explicit=path)
    except UsageError:
        return None


def test_the_schema_agrees_with_the_models_on_rule_settings(tmp_path: Path) -> None:
    """The committed config schema (what editors check journeymap.yaml with) names the
    rules, severities, defaults and options journeymap has, and accepts a rule setting
    exactly when journeymap does."""
    root = json.loads((ROOT / "schemas" / SCHEMA_FILES["config"]).read_text(encoding="utf-8"))
    in_schema: dict[str, Any] = root["properties"]["rules"]["properties"]
    # names: the catalogue's configurable rules, and the names journeymap.yaml may set
    assert sorted(in_schema) == sorted(CONFIGURABLE) == sorted(CONFIGURABLE_RULES)
    severities = _resolve(root, {"$ref": "#/$defs/Severity"})["enum"]
    assert severities == list(get_args(Setting))
    options: dict[str, dict[str, Any]] = {}  # rule -> its option's schema
    for name, entry in in_schema.items():
        rule = CONFIGURABLE[name]
        word, mapping = entry["oneOf"]
        assert _resolve(root, word)["enum"] == severities, name
        allowed = mapping["properties"]
        assert _resolve(root, allowed["severity"])["enum"] == severities, name
        assert set(allowed) - {"severity"} == ({rule.option} if rule.option else set()), name
        assert f"Severity by default: `{rule.default}`." in entry["markdownDescription"], name
        if rule.option:
            assert rule.option in RuleOptions.model_fields, name
            if rule.option_default is not None:
                assert (
                    f"Default for this rule: {rule.option_default}."
                    in (allowed[rule.option]["description"])
                ), name
            options[name] = allowed[rule.option]
    assert {n: r.option for n, r in CONFIGURABLE.items() if r.option} == RULE_OPTIONS
    assert options, "some rule takes an option"

    # every setting the schema allows, journeymap reads back as written
    validator = jsonschema.Draft202012Validator(root)
    settings: list[dict[str, Any]] = []
    for severity in severities:
        settings.append({name: severity for name in in_schema})
        settings.append({name: {"severity": severity} for name in in_schema})
    for name, option in options.items():
        for value in (*option["examples"], *([option["minimum"]] if "minimum" in option else [])):
            settings.append({name: {"severity": "error", CONFIGURABLE[name].option: value}})
    for i, rules in enumerate(settings):
        assert validator.is_valid({"rules": rules}), rules
        read = _accepted_by_journeymap({"rules": rules}, tmp_path / f"ok{i}")
        assert read is not None, rules
        for name, written in rules.items():
            rule = CONFIGURABLE[name]
            level = written if isinstance(written, str) else written["severity"]
            assert severity_of(read, rule) == level, (name, written)
            if isinstance(written, dict) and rule.option in written:
                got = roles(read, rule) if rule.option == "roles" else option_of(read, rule)
                assert got == written[rule.option], (name, written)

    # and what the schema refuses, journeymap refuses
    name, option = next((n, o) for n, o in options.items() if "minimum" in o)
    refused: list[dict[str, Any]] = [
        {"touchpoint-ownr": "error"},
        {name: "fatal"},
        {name: "Error"},
        {name: True},
        {name: {"severity": "fatal"}},
        {name: {"severity": "error", "colour": "red"}},
        {name: {"severity": "error", CONFIGURABLE[name].option: option["minimum"] - 1}},
        {name: {"severity": "error", CONFIGURABLE[name].option: "many"}},
        {"stage-goal": {"severity": "error", "max_age_days": 3}},  # it takes no option
        {name: {"severity": "error", "roles": {"champion": "renewal"}}},  # not this one's
        {"committee-coverage": {"roles": {"chief": "renewal"}}},  # not a role
    ]
    for i, rules in enumerate(refused):
        assert not validator.is_valid({"rules": rules}), rules
        assert _accepted_by_journeymap({"rules": rules}, tmp_path / f"no{i}") is None, rules


def test_init_writes_schemas_that_the_modelines_reach(cli: Any, tmp_path: Path) -> None:
    target = tmp_path / "project"
    assert cli("init", str(target)).exit_code == 0
    for kind, name in SCHEMA_FILES.items():
        assert (target / SCHEMA_DIR / name).read_text(encoding="utf-8") == schema_text(kind)
    files = [
        target / "journeymap.yaml",
        *target.glob("journeys/*.yaml"),
        *target.glob("personas/*.yaml"),
    ]
    by_schema: dict[Path, list[Path]] = {}
    for path in files:
        first = path.read_text(encoding="utf-8").splitlines()[0]
        match = re.fullmatch(r"# yaml-language-server: \$schema=(\S+)", first)
        assert match, path
        pointed = (path.parent / match.group(1)).resolve()
        assert pointed.is_file(), (path, match.group(1))
        by_schema.setdefault(pointed, []).append(path)
    assert len(by_schema) == 3
    for pointed, paths in by_schema.items():
        result = check(pointed, *paths)
        assert result.returncode == 0, result.stdout + result.stderr
    settings = json.loads((target / ".vscode/settings.json").read_text(encoding="utf-8"))
    for schema_path in settings["yaml.schemas"]:
        assert (target / schema_path).is_file()
    extensions = json.loads((target / ".vscode/extensions.json").read_text(encoding="utf-8"))
    assert extensions == {"recommendations": ["redhat.vscode-yaml"]}


def test_init_keeps_existing_vscode_settings_even_with_force(cli: Any, tmp_path: Path) -> None:
    target = tmp_path / "project"
    mine = target / ".vscode" / "settings.json"
    mine.parent.mkdir(parents=True)
    mine.write_text('{\n  // my settings\n  "editor.tabSize": 4\n}\n', encoding="utf-8")
    result = cli("init", str(target), "--force")
    assert result.exit_code == 0, result.output
    assert mine.read_text(encoding="utf-8") == '{\n  // my settings\n  "editor.tabSize": 4\n}\n'
    assert "kept your" in result.stderr and "settings.json" in result.stderr
    assert (target / ".vscode" / "extensions.json").exists()


# --- yaml-language-server -----------------------------------------------------------------


@pytest.fixture(scope="session")
def yaml_ls() -> list[str]:
    """The command that starts yaml-language-server on stdio; installed if missing."""
    node = shutil.which("node")
    if node is None:
        pytest.fail("node is required for the editor tests (yaml-language-server); install Node.js")
    folder = CACHE / "yaml-language-server"
    script = folder / "node_modules" / "yaml-language-server" / "bin" / "yaml-language-server"
    if not script.exists():
        npm = shutil.which("npm")
        if npm is None:
            pytest.fail(
                f"npm is required to install yaml-language-server into {folder}; "
                "install Node.js with npm (or put the package there yourself)"
            )
        folder.mkdir(parents=True, exist_ok=True)
        done = subprocess.run(
            [
                npm,
                "install",
                "--no-audit",
                "--no-fund",
                "--prefix",
                str(folder),
                f"yaml-language-server@{YAML_LS_VERSION}",
            ],
            capture_output=True,
            text=True,
            check=False,
        )
        if done.returncode != 0 or not script.exists():
            pytest.fail(f"npm could not install yaml-language-server:\n{done.stderr[-2000:]}")
    return [node, str(script), "--stdio"]


def yaml_settings(schemas: dict[str, Any] | None = None) -> dict[str, Any]:
    """What VS Code's YAML extension sends by default, offline (no SchemaStore lookups)."""
    return {
        "yaml": {
            "validate": True,
            "hover": True,
            "completion": True,
            "schemas": schemas or {},
            "schemaStore": {"enable": False},
            "kubernetesCRDStore": {"enable": False},
        },
        "http": {"proxy": "", "proxyStrictSSL": False},
        "[yaml]": {},
        "editor": {},
    }


@pytest.fixture
def server_for(yaml_ls: list[str]) -> Iterator[Any]:
    started: list[LanguageServer] = []

    def start(root: Path, schemas: dict[str, Any] | None = None) -> LanguageServer:
        server = LanguageServer(yaml_ls, root, yaml_settings(schemas))
        started.append(server)
        return server

    yield start
    for server in started:
        server.shutdown()


def line_of(text: str, pattern: str) -> tuple[int, int]:
    """0-based (line, column) of the first line matching `pattern` (column of its key)."""
    for number, line in enumerate(text.splitlines()):
        if re.search(pattern, line):
            return number, len(line) - len(line.lstrip(" -"))
    raise AssertionError(f"no line matches {pattern!r}")


def messages(diagnostics: list[dict[str, Any]]) -> list[tuple[int, str]]:
    return [(d["range"]["start"]["line"], d["message"]) for d in diagnostics]


@pytest.fixture
def project(cli: Any, tmp_path: Path) -> Path:
    target = tmp_path / "cx"
    assert cli("init", str(target)).exit_code == 0
    return target


def vscode_schemas(project: Path) -> dict[str, Any]:
    """The `yaml.schemas` mapping exactly as init wrote it into .vscode/settings.json."""
    settings = json.loads((project / ".vscode" / "settings.json").read_text(encoding="utf-8"))
    schemas = settings["yaml.schemas"]
    assert isinstance(schemas, dict), settings
    return schemas


def test_hover_on_a_touchpoint_key_shows_its_description(project: Path, server_for: Any) -> None:
    server = server_for(project, vscode_schemas(project))
    path = project / "journeys" / "acme-b2b-current.yaml"
    text = path.read_text(encoding="utf-8")
    uri = server.open(path)
    assert server.wait_diagnostics(uri) == []
    line, column = line_of(text, r"^        owner: ")  # a touchpoint's owner
    hover = server.hover(uri, line, column + 1)
    assert Touchpoint.model_fields["owner"].description in hover
    line, column = line_of(text, r"^        importance: ")
    hover = server.hover(uri, line, column + 1)
    assert "How much this touchpoint matters to the customer" in hover
    assert "```yaml\n4\n```" in hover  # the example


def test_misspelt_key_and_score_of_nine_are_flagged(project: Path, server_for: Any) -> None:
    """Through the modeline alone: no yaml.schemas setting at all."""
    server = server_for(project)
    path = project / "journeys" / "acme-b2b-current.yaml"
    text = path.read_text(encoding="utf-8")
    owner_line, _ = line_of(text, r"^        owner: ")
    importance_line, _ = line_of(text, r"^        importance: ")
    broken = text.splitlines(keepends=True)
    broken[owner_line] = broken[owner_line].replace("owner:", "ownr:")
    broken[importance_line] = re.sub(r"importance: \d", "importance: 9", broken[importance_line])
    uri = server.open(path, "".join(broken))
    found = messages(server.wait_diagnostics(uri))
    assert any(n == owner_line and "ownr" in m for n, m in found), found
    assert any(n == importance_line and "maximum of 5" in m for n, m in found), found
    assert len(found) == 2, found


INIT_SETTINGS_MARK = (
    "<!-- tested: init writes exactly this block (tests/formats/test_editors.py) -->\n"
)


def documented_init_settings(page: Path) -> str:
    """The `.vscode/settings.json` a page shows as init's, as text (list indent removed)."""
    after = page.read_text(encoding="utf-8").split(INIT_SETTINGS_MARK, 1)[1]
    block = re.match(r"( *)```json\n(.*?)^\1```", after, re.DOTALL | re.MULTILINE)
    assert block, f"{page.name}: no json block after the marker"
    indent = block.group(1)
    return "".join(line.removeprefix(indent) for line in block.group(2).splitlines(True))


@pytest.mark.parametrize("page", ["README.md", "docs/editors.md"])
def test_the_documented_init_settings_are_what_init_writes(page: str, project: Path) -> None:
    written = (project / ".vscode" / "settings.json").read_text(encoding="utf-8")
    assert documented_init_settings(ROOT / page) == written
    if page == "README.md":  # and the modeline it quotes is the first line of a journey
        modeline = (project / "journeys" / "acme-b2b-current.yaml").open().readline().strip()
        assert f"`{modeline}`" in (ROOT / page).read_text(encoding="utf-8")


def test_a_new_file_without_modeline_is_known_through_vscode_settings(
    project: Path, server_for: Any
) -> None:
    """Through the README's settings block, which the test above ties to init's file."""
    readme = json.loads(documented_init_settings(ROOT / "README.md"))
    server = server_for(project, readme["yaml.schemas"])
    path = project / "journeys" / "sub" / "new.yaml"
    path.parent.mkdir()
    text = "journeymap: 1\nid: new\ntitle: New\nstages:\n  - id: s\n    name: S\n    gaol: x\n"
    path.write_text(text, encoding="utf-8")
    uri = server.open(path)
    assert [(n, "gaol" in m) for n, m in messages(server.wait_diagnostics(uri))] == [(6, True)]


def test_a_misspelt_rule_in_the_config_is_flagged(project: Path, server_for: Any) -> None:
    server = server_for(project)
    path = project / "journeymap.yaml"
    text = path.read_text(encoding="utf-8")
    uri = server.open(path)
    assert server.wait_diagnostics(uri) == []
    line, column = line_of(text, r"^  review-stale:")
    hover = server.hover(uri, line, column + 1)
    assert CONFIGURABLE["review-stale"].summary in hover
    broken = text.replace("  touchpoint-owner: error", "  touchpoint-ownr: error")
    uri = server.open(path, broken)
    found = messages(server.wait_diagnostics(uri))
    wrong, _ = line_of(broken, "touchpoint-ownr")
    assert [n for n, _ in found] == [wrong] and "touchpoint-ownr" in found[0][1], found


def test_the_examples_get_no_diagnostics(server_for: Any) -> None:
    schemas = ROOT / "schemas"
    server = server_for(
        EXAMPLES,
        {
            str(schemas / "journey.schema.json"): "journeys/*.yaml",
            str(schemas / "personas.schema.json"): "personas/*.yaml",
            str(schemas / "config.schema.json"): "journeymap.yaml",
        },
    )
    paths = [
        *sorted(EXAMPLES.glob("journeys/*.yaml")),
        *sorted(EXAMPLES.glob("personas/*.yaml")),
        EXAMPLES / "journeymap.yaml",
    ]
    for path in paths:
        uri = server.open(path)
        assert server.wait_diagnostics(uri) == [], path.name
        # and the schema was applied, or "no diagnostics" would prove nothing
        line, column = line_of(path.read_text(encoding="utf-8"), r"^(journeymap|journeys):")
        assert "Source: [" in server.hover(uri, line, column + 1), path.name


def documented_subfolder_settings() -> dict[str, Any]:
    """The `.vscode/settings.json` block of docs/editors.md, as a user would copy it."""
    text = (ROOT / "docs" / "editors.md").read_text(encoding="utf-8")
    block = text.split(
        "<!-- tested: tests/formats/test_editors.py reads this block -->\n```json\n"
    )[1]
    settings = json.loads(block.split("```", 1)[0])
    assert isinstance(settings, dict), block
    return settings


def test_the_documented_subfolder_setup_works(cli: Any, tmp_path: Path, server_for: Any) -> None:
    repo = tmp_path / "repo"
    assert cli("init", str(repo / "cx")).exit_code == 0
    settings = documented_subfolder_settings()
    server = server_for(repo, settings["yaml.schemas"])
    path = repo / "cx" / "journeys" / "later.yaml"  # written later, without a first line
    path.write_text(
        "journeymap: 1\nid: l\ntitle: L\nstages: [{id: s, name: S, gaol: x}]\n", "utf-8"
    )
    uri = server.open(path)
    assert [(n, "gaol" in m) for n, m in messages(server.wait_diagnostics(uri))] == [(3, True)]
    config = repo / "cx" / "journeymap.yaml"
    without_first_line = config.read_text(encoding="utf-8").split("\n", 1)[1]
    uri = server.open(config, without_first_line.replace("rules:", "rulez:"))
    assert any("rulez" in m for _, m in messages(server.wait_diagnostics(uri)))
