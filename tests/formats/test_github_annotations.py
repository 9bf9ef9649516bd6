"""`--format github` writes the workflow commands byte for byte as GitHub's own toolkit
(@actions/core, the library actions use to annotate) writes them for the same
diagnostics: the escaping of `%`, `:`, `,`, CR and LF in paths and messages included."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

import toolchain

# Each diagnostic as @actions/core's issueCommand is called with it: the properties in the
# order journeymap writes them, so the two outputs can be compared byte for byte.
NODE = """
const command = require(process.argv[1]);
const items = JSON.parse(require("fs").readFileSync(0, "utf8"));
for (const item of items) {
  command.issueCommand(item.level, item.properties, item.message);
}
"""
LEVEL = {"error": "error", "warning": "warning", "info": "notice"}


@pytest.fixture(scope="module")
def actions_core() -> Path:
    return toolchain.needed(toolchain.actions_core_command)


def toolkit_commands(module: Path, diagnostics: list[dict[str, Any]]) -> str:
    node = shutil.which("node")
    assert node, "node is needed to run @actions/core (it comes with npm)"
    items = [
        {
            "level": LEVEL[d["severity"]],
            "properties": {
                "file": d["path"],
                "line": d["line"],
                "col": d["column"],
                "title": f"journeymap {d['rule']}",
            },
            "message": d["message"] + (f" ({d['hint']})" if d["hint"] else ""),
        }
        for d in diagnostics
    ]
    result = subprocess.run(
        [node, "-e", NODE, str(module)],
        input=json.dumps(items),
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    )
    return result.stdout


def test_annotations_equal_what_actions_core_writes(
    cli: Any, tmp_path: Path, actions_core: Path
) -> None:
    """A file name with `,`, `:` and `%`, and a key holding a newline, a percent sign and
    a comma: each must stay inside its property or message."""
    name = "acme, 100%: pilot.yaml"
    (tmp_path / name).write_text(
        "journeymap: 1\n"
        "id: acme\n"
        "title: Acme\n"
        '"owner\\nnote, 50%: x": 1\n'
        "stages:\n"
        "  - id: kickoff\n"
        "    name: Kick-off\n"
        "    touchpoints:\n"
        "      - {id: call, name: Call, importance: 9}\n",
        encoding="utf-8",
    )
    as_json = cli("validate", name, "--format", "json", cwd=tmp_path)
    diagnostics = json.loads(as_json.stdout)["diagnostics"]
    assert {d["rule"] for d in diagnostics} >= {"unknown-field", "out-of-range"}
    assert any("\n" in d["message"] or "%" in d["message"] for d in diagnostics)

    ours = cli("validate", name, "--format", "github", cwd=tmp_path)
    assert ours.exit_code == 1
    theirs = toolkit_commands(actions_core, diagnostics)
    assert ours.stdout == theirs
    assert len(ours.stdout.splitlines()) == len(diagnostics)  # no message split a line
