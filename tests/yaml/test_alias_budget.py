"""The alias budget is on the size of the expanded data, not the count of values."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from journeymap.yaml.events import ALIAS_BUDGET
from journeymap.yaml.parse import parse

HEAD = "journeymap: 1\nid: j\ntitle: J\n"


def test_few_aliases_of_a_long_string_are_refused() -> None:
    """105 KB of text: one 100 KB string aliased 1,000 times would expand to 100 MB."""
    text = (
        HEAD
        + "x-long: &long "
        + "a" * 100_000
        + "\nx-many: ["
        + ", ".join(["*long"] * 1000)
        + "]\n"
    )
    assert len(text) < 110_000
    source = parse("j.yaml", text.encode())
    assert [(d.rule, d.line) for d in source.diagnostics] == [("alias-bomb", 5)]
    assert f"{ALIAS_BUDGET:,} bytes" in (source.diagnostics[0].hint or "")


def test_aliases_just_under_the_budget_are_fine() -> None:
    # each alias adds 1,000 characters + 8 = 1,008 bytes; 1,900 of them add 1,915,200 bytes
    text = HEAD + "x-s: &s " + "b" * 1000 + "\nx-many: [" + ", ".join(["*s"] * 1900) + "]\n"
    assert parse("j.yaml", text.encode()).diagnostics == []
    over = HEAD + "x-s: &s " + "b" * 1000 + "\nx-many: [" + ", ".join(["*s"] * 2000) + "]\n"
    # 2,000 x 1,008 = 2,016,000 bytes: over 2,000,000 at the 1,985th alias
    assert [d.rule for d in parse("j.yaml", over.encode()).diagnostics] == ["alias-bomb"]


def test_render_and_textconv_refuse_the_bomb_too(cli: Any, tmp_path: Path) -> None:
    text = (
        HEAD
        + "x-long: &long "
        + "a" * 100_000
        + "\nx-many: ["
        + ", ".join(["*long"] * 1000)
        + "]\n"
    )
    (tmp_path / "bomb.yaml").write_text(text, encoding="utf-8")
    result = cli("validate", "--format", "json", "bomb.yaml", cwd=tmp_path)
    assert result.exit_code == 1
    assert [d["rule"] for d in json.loads(result.stdout)["diagnostics"]] == ["alias-bomb"]
    result = cli("render", "bomb.yaml", "-o", str(tmp_path / "site"), cwd=tmp_path)
    assert result.exit_code == 1
    assert not (tmp_path / "site" / "maps" / "j.html").exists()
