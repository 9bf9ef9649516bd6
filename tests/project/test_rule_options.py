"""An option given to a rule that does not take it is an error where it is written (it
used to be read and ignored, while the JSON Schema refused it)."""

from __future__ import annotations

from pathlib import Path
from typing import Any


def test_an_option_a_rule_does_not_take(cli: Any, tmp_path: Path) -> None:
    (tmp_path / "journeymap.yaml").write_text(
        "rules:\n"
        "  stage-goal: {severity: error, max_age_days: 3}\n"
        "  review-stale: {severity: warning, max_age_days: 90}\n"
        "  evidence-stale: {roles: {champion: renewal}}\n",
        encoding="utf-8",
    )
    result = cli("validate", cwd=tmp_path)
    assert result.exit_code == 2
    assert (
        "journeymap.yaml:2:33: error[invalid-config] rule 'stage-goal' takes no option "
        "'max_age_days'\n  = help: stage-goal takes only `severity`; remove `max_age_days`"
    ) in result.output
    assert (
        "journeymap.yaml:4:20: error[invalid-config] rule 'evidence-stale' takes no option "
        "'roles'\n  = help: evidence-stale takes `max_age_days`; remove `roles`"
    ) in result.output
    assert "review-stale" not in result.output  # its own option is fine
