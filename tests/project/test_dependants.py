"""A hook that passes one changed file checks the journeys that change can break.

pre-commit passes only the staged files; a persona renamed in a library, or a journey
whose id others link to, breaks journeys that were not staged. `validate FILE` checks
those journeys too, and only those.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

CONFIG = "journeys: ['journeys/*.yaml']\npersonas: ['personas/*.yaml']\n"
LIBRARY = "journeymap: 1\nkind: personas\npersonas:\n  - {id: cfo, name: CFO}\n  - {id: it, name: IT lead}\n"


def journey(ident: str, persona: str, extra: str = "") -> str:
    return (
        f"journeymap: 1\nid: {ident}\ntitle: {ident.title()}\n{extra}personas: [{persona}]\nstages:\n"
        f"  - id: start\n    name: Start\n    personas: [{persona}]\n"
    )


def project(root: Path) -> Path:
    (root / "journeys").mkdir(parents=True)
    (root / "personas").mkdir()
    (root / "journeymap.yaml").write_text(CONFIG, encoding="utf-8")
    (root / "personas" / "committee.yaml").write_text(LIBRARY, encoding="utf-8")
    (root / "journeys" / "buy.yaml").write_text(journey("buy", "cfo"), encoding="utf-8")
    (root / "journeys" / "run.yaml").write_text(journey("run", "it"), encoding="utf-8")
    return root


def errors(output: str) -> list[str]:
    return sorted(line.split(": error[")[0] for line in output.splitlines() if ": error[" in line)


def test_a_renamed_persona_breaks_the_journeys_that_use_it(cli: Any, tmp_path: Path) -> None:
    root = project(tmp_path)
    library = root / "personas" / "committee.yaml"
    library.write_text(LIBRARY.replace("id: cfo", "id: chief-financial-officer"), encoding="utf-8")
    result = cli("validate", "--no-cache", "personas/committee.yaml", cwd=root)
    assert result.exit_code == 1, result.output
    assert errors(result.output) == ["journeys/buy.yaml:4:12"]
    assert "unknown persona 'cfo'" in result.output


def test_a_renamed_journey_id_that_others_name(cli: Any, tmp_path: Path) -> None:
    """A future map names its current map; renaming the current map's id breaks it. The
    cache remembers the id the file had, so the hook checks the future map; the unrelated
    `run` journey is not checked (its warnings stay out of the hook's run)."""
    root = project(tmp_path)
    future = journey("buy-future", "cfo", "state: future\ncurrent: buy\n")
    (root / "journeys" / "buy-future.yaml").write_text(future, encoding="utf-8")
    assert "error[" not in cli("validate", cwd=root).output  # the cache sees `id: buy`
    buy = root / "journeys" / "buy.yaml"
    buy.write_text(journey("purchase", "cfo"), encoding="utf-8")
    result = cli("validate", "journeys/buy.yaml", cwd=root)
    assert result.exit_code == 1, result.output
    assert [e.split(":")[0] for e in errors(result.output)] == ["journeys/buy-future.yaml"]
    assert "unknown journey 'buy'" in result.output
    assert "run.yaml" not in result.output


def test_a_journey_that_names_a_changed_one_by_its_id(cli: Any, tmp_path: Path) -> None:
    """Without a cache the id the file has now still finds who names it: the future map
    retires a touchpoint the staged current map no longer has."""
    root = project(tmp_path)
    buy = journey("buy", "cfo").replace(
        "    personas: [cfo]\n",
        "    personas: [cfo]\n    touchpoints:\n      - {id: call, name: Call}\n",
    )
    (root / "journeys" / "buy.yaml").write_text(buy, encoding="utf-8")
    future = journey("buy-future", "cfo", "state: future\ncurrent: buy\nretires: [call]\n")
    (root / "journeys" / "buy-future.yaml").write_text(future, encoding="utf-8")
    assert "error[" not in cli("validate", "--no-cache", cwd=root).output
    (root / "journeys" / "buy.yaml").write_text(journey("buy", "cfo"), encoding="utf-8")
    result = cli("validate", "--no-cache", "journeys/buy.yaml", cwd=root)
    assert result.exit_code == 1, result.output
    assert [e.split(":")[0] for e in errors(result.output)] == ["journeys/buy-future.yaml"]
    assert "run.yaml" not in result.output


def test_an_unrelated_change_checks_only_itself(cli: Any, tmp_path: Path) -> None:
    root = project(tmp_path)
    (root / "journeys" / "run.yaml").write_text(journey("run", "nobody"), encoding="utf-8")
    result = cli("validate", "--no-cache", "journeys/buy.yaml", cwd=root)
    assert "error[" not in result.output and "run.yaml" not in result.output
