"""JSON Schemas: generated from the models, committed, and as strict as the models on types."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from conftest import EXAMPLES, ROOT
from journeymap.formats.schema import SCHEMA_FILES, schema_text
from journeymap.loading.loader import load_source
from journeymap.yaml.parse import parse

CHECK_JSONSCHEMA = Path(sys.executable).with_name("check-jsonschema")


def check(schema: str, path: Path) -> subprocess.CompletedProcess[str]:
    assert CHECK_JSONSCHEMA.exists(), "check-jsonschema is a test dependency"
    return subprocess.run(
        [str(CHECK_JSONSCHEMA), "--schemafile", str(ROOT / "schemas" / schema), str(path)],
        capture_output=True,
        text=True,
        check=False,
    )


@pytest.mark.parametrize("kind", list(SCHEMA_FILES))
def test_committed_schema_is_current(kind: str) -> None:
    committed = (ROOT / "schemas" / SCHEMA_FILES[kind]).read_text(encoding="utf-8")
    assert committed == schema_text(kind), "run `journeymap schema -o schemas` and commit"


def test_schema_command_writes_both(cli: Any, tmp_path: Path) -> None:
    result = cli("schema", "-o", str(tmp_path / "out"))
    assert result.exit_code == 0
    for kind, name in SCHEMA_FILES.items():
        assert (tmp_path / "out" / name).read_text(encoding="utf-8") == schema_text(kind)


def test_schemas_accept_the_examples() -> None:
    for path in sorted((EXAMPLES / "journeys").glob("*.yaml")):
        result = check("journey.schema.json", path)
        assert result.returncode == 0, result.stdout + result.stderr
    for path in sorted((EXAMPLES / "personas").glob("*.yaml")):
        result = check("personas.schema.json", path)
        assert result.returncode == 0, result.stdout + result.stderr


BASE = """\
journeymap: 1
id: j
title: J
stages:
  - id: s
    name: S
    touchpoints:
      - id: t
        name: T
"""

# Not here: an unquoted date in a text field. check-jsonschema hands dates to the schema
# as strings, so only journeymap itself can say "quote it" (tested in test_loader).
REJECTED = {
    "score-too-high": BASE + "        importance: 6\n",
    "score-as-text": BASE + '        performance: "3"\n',
    "bool-as-yes": BASE + "        moment_of_truth: yes\n",
    "unknown-field": BASE + "        ownr: x\n",
    "bad-channel": BASE + "        channel: carrier-pigeon\n",
    "bad-id": BASE.replace("id: t", "id: Touch Point"),
    "missing-name": BASE.replace("        name: T\n", ""),
    "no-stages": "journeymap: 1\nid: j\ntitle: J\nstages: []\n",
    "wrong-version": BASE.replace("journeymap: 1", "journeymap: 2"),
    "negative-funnel": BASE + "        funnel: {entered: -1, continued: 0}\n",
    "emotion-per-persona-range": BASE + "        emotion: {a: 0}\n",
    "bad-link": BASE + "        links: [{to: nowhere}]\n",
}


@pytest.mark.parametrize("name", sorted(REJECTED))
def test_schema_rejects_what_the_models_reject(name: str, tmp_path: Path) -> None:
    text = REJECTED[name]
    doc = load_source(parse("f.yaml", text.encode()))
    assert doc.model is None and doc.diagnostics, "the model must reject this case"
    path = tmp_path / f"{name}.yaml"
    path.write_text(text, encoding="utf-8")
    assert check("journey.schema.json", path).returncode == 1


def test_schema_allows_x_keys(tmp_path: Path) -> None:
    path = tmp_path / "x.yaml"
    path.write_text(BASE + "        x-jira: CX-1\n", encoding="utf-8")
    assert check("journey.schema.json", path).returncode == 0


def test_check_jsonschema_is_available() -> None:
    assert shutil.which(str(CHECK_JSONSCHEMA)) or CHECK_JSONSCHEMA.exists()
