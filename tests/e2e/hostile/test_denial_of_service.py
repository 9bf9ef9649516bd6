"""Small files that used to take minutes (issue 16), each with the bound it proves.

The bounds are wide (tens of seconds) so a loaded CI machine passes; before the fixes
these inputs took 39 s, 52 s and days. Speed itself is measured in benchmarks/run.py.
"""

from __future__ import annotations

import json
import time
from pathlib import Path
from typing import Any

BOUND_SECONDS = 20


def test_a_200_kb_title_is_scanned_in_linear_time(cli: Any, tmp_path: Path) -> None:
    title = "a" * 200_000 + "@" + "b" * 10  # one long word: quadratic for the old pattern
    text = f"journeymap: 1\nid: j\ntitle: {title}\nstages:\n  - {{id: s, name: S}}\n"
    (tmp_path / "j.yaml").write_text(text, encoding="utf-8")
    started = time.perf_counter()
    result = cli("validate", "--format", "json", "j.yaml", cwd=tmp_path)
    assert time.perf_counter() - started < BOUND_SECONDS
    assert result.exit_code in (0, 1)
    rules = {d["rule"] for d in json.loads(result.stdout)["diagnostics"]}
    assert "personal-data" not in rules  # no top-level domain after the @: not an address


def test_2000_unresolved_references_get_bounded_hints(cli: Any, tmp_path: Path) -> None:
    personas = ", ".join(f"{{id: known-{i}, name: K{i}}}" for i in range(2000))
    refs = ", ".join(f"ghost-{i}" for i in range(2000))
    text = (
        f"journeymap: 1\nid: j\ntitle: J\npersonas: [{personas}]\n"
        f"stages:\n  - {{id: s, name: S, personas: [{refs}]}}\n"
    )
    (tmp_path / "j.yaml").write_text(text, encoding="utf-8")
    started = time.perf_counter()
    result = cli("validate", "--format", "json", "j.yaml", cwd=tmp_path)
    assert time.perf_counter() - started < BOUND_SECONDS
    found = [
        d for d in json.loads(result.stdout)["diagnostics"] if d["rule"] == "unresolved-reference"
    ]
    assert len(found) == 2000  # one error where each mistake is, each with a hint


def test_textconv_refuses_a_folder_a_missing_file_and_dev_zero(cli: Any, tmp_path: Path) -> None:
    for target in (str(tmp_path), str(tmp_path / "missing.yaml"), "/dev/zero"):
        result = cli("diff", "--textconv", target, cwd=tmp_path)
        assert result.exit_code == 2, (target, result.output)
        assert "internal error" not in result.output
