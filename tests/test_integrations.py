"""Fitting in: init templates, exports, pre-commit hooks, everyday CLI conventions."""

from __future__ import annotations

import csv
import io
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import typer

from conftest import EXAMPLES, ROOT
from journeymap.cli import app
from journeymap.export import safe_cell


@pytest.mark.parametrize("template", ["b2b", "b2b2c", "blueprint"])
def test_init_templates_are_ready(template: str, cli: Any, tmp_path: Path) -> None:
    target = tmp_path / "project"
    result = cli("init", str(target), "--template", template)
    assert result.exit_code == 0, result.output
    assert cli("validate", "--strict", cwd=target).exit_code == 0
    assert cli("render", "-q", cwd=target).exit_code == 0
    assert (target / "site" / "index.html").exists()
    assert cli("fmt", "--check", cwd=target).exit_code == 0
    for path in [
        *target.glob("journeys/*.yaml"),
        *target.glob("personas/*.yaml"),
        target / "journeymap.yaml",
    ]:
        first = path.read_text(encoding="utf-8").splitlines()[0]
        assert first.startswith("# yaml-language-server: $schema=https://"), path
        assert first.endswith(".schema.json")
    assert (target / ".github" / "workflows" / "journeymap.yml").exists()


def test_blueprint_template_fills_the_lanes(cli: Any, tmp_path: Path) -> None:
    cli("init", str(tmp_path / "bp"), "--template", "blueprint")
    cli("render", "-q", cwd=tmp_path / "bp")
    page = (tmp_path / "bp" / "site" / "maps" / "incident-blueprint.html").read_text(
        encoding="utf-8"
    )
    for lane in (
        "Physical evidence",
        "Frontstage actions",
        "Backstage actions",
        "Support processes",
    ):
        assert f'<th scope="row">{lane}</th>' in page


def test_init_never_overwrites_without_force(cli: Any, tmp_path: Path) -> None:
    target = tmp_path / "p"
    target.mkdir()
    mine = target / "journeymap.yaml"
    mine.write_text("# mine\n", encoding="utf-8")
    result = cli("init", str(target))
    assert result.exit_code == 2
    assert "would overwrite" in result.stderr and "--force" in result.stderr
    assert mine.read_text(encoding="utf-8") == "# mine\n"
    assert not (target / "journeys").exists()  # nothing at all was written
    assert cli("init", str(target), "--force").exit_code == 0
    assert mine.read_text(encoding="utf-8") != "# mine\n"


def test_export_mermaid(cli: Any) -> None:
    result = cli("export", "journeys/shipper-partner.yaml", "--format", "mermaid", cwd=EXAMPLES)
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("%% journey: shipper-partner\njourney\n    accTitle: ")
    assert "      Checkout delivery-date widget: 3: E-commerce Manager\n" in result.stdout


def test_export_csv(cli: Any, tmp_path: Path) -> None:
    out = tmp_path / "touchpoints.csv"
    result = cli("export", "journeys", "personas", "--format", "csv", "-o", str(out), cwd=EXAMPLES)
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8"))))
    assert len(rows) == 16 + 6 + 2 + 2  # current, future, partner, consumer
    pilot = next(r for r in rows if r["touchpoint"] == "pilot-on-own-data")
    assert pilot["stage"] == "consideration" and pilot["importance"] == "5"
    assert pilot["emotion"] == "dispatch-manager: 2; dispatcher: 3"
    assert (
        "Pre-build connectors for the 20 most common carriers [in-progress]"
        in pilot["opportunities"]
    )


def test_csv_neutralises_formulas(cli: Any, tmp_path: Path) -> None:
    (tmp_path / "f.yaml").write_text(
        "journeymap: 1\nid: f\ntitle: F\nstages:\n  - id: s\n    name: '=HYPERLINK(\"http://x\")'\n"
        "    touchpoints:\n      - {id: t, name: '+1-2', owner: '@me', department: '-x'}\n",
        encoding="utf-8",
    )
    result = cli("export", "f.yaml", "--format", "csv", cwd=tmp_path)
    row = next(csv.DictReader(io.StringIO(result.stdout)))
    assert row["stage_name"] == '\'=HYPERLINK("http://x")'
    assert row["name"] == "'+1-2" and row["owner"] == "'@me" and row["department"] == "'-x"
    assert safe_cell(3) == "3" and safe_cell(None) == ""


def test_export_json_is_stable(cli: Any) -> None:
    first = cli("export", "journeys", "personas", "--format", "json", cwd=EXAMPLES).stdout
    second = cli("export", "journeys", "personas", "--format", "json", cwd=EXAMPLES).stdout
    assert first == second
    data = json.loads(first)
    assert [j["id"] for j in data["journeys"]] == [
        "acme-b2b",
        "acme-b2b-future",
        "shipper-consumer",
        "shipper-partner",
    ]
    assert list(data["journeys"][0])[:4] == ["x-journeymap-ignore", "journeymap", "kind", "id"]
    assert len(data["personas"]) == 6


def test_export_reports_invalid_journey(cli: Any, tmp_path: Path) -> None:
    (tmp_path / "bad.yaml").write_text(
        "journeymap: 1\nid: b\ntitle: B\nstages: []\n", encoding="utf-8"
    )
    result = cli("export", "bad.yaml", "--format", "csv", cwd=tmp_path)
    assert result.exit_code == 1
    assert "bad.yaml:4:9: error[invalid-value]" in result.stderr


# --- pre-commit ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
def pre_commit_home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("pre-commit-home")


def try_repo(repo: Path, hook: str, home: Path, *files: str) -> subprocess.CompletedProcess[str]:
    binary = Path(sys.executable).with_name("pre-commit")
    assert binary.exists(), "pre-commit is a test dependency"
    args = ["--files", *files] if files else ["--all-files"]
    env = {**os.environ, "PRE_COMMIT_HOME": str(home), "JOURNEYMAP_TODAY": "2026-11-22"}
    return subprocess.run(
        [str(binary), "try-repo", str(ROOT), hook, *args],
        cwd=repo,
        env=env,
        capture_output=True,
        text=True,
        check=False,
        timeout=600,
    )


@pytest.fixture
def journey_repo(tmp_path: Path) -> Path:
    repo = tmp_path / "maps"
    shutil.copytree(EXAMPLES, repo, ignore=shutil.ignore_patterns("site"))
    (repo / "docker-compose.yaml").write_text("services: {web: {image: nginx}}\n", encoding="utf-8")
    subprocess.run(["git", "init", "-q"], cwd=repo, check=True)
    subprocess.run(["git", "add", "-A"], cwd=repo, check=True)
    return repo


def test_pre_commit_hooks(journey_repo: Path, pre_commit_home: Path) -> None:
    ok = try_repo(journey_repo, "journeymap-validate", pre_commit_home)
    assert ok.returncode == 0, ok.stdout + ok.stderr
    # one changed file still resolves its references against the whole portfolio
    one = try_repo(
        journey_repo, "journeymap-validate", pre_commit_home, "journeys/acme-b2b-future.yaml"
    )
    assert one.returncode == 0, one.stdout
    future = journey_repo / "journeys" / "acme-b2b-future.yaml"
    future.write_text(
        future.read_text(encoding="utf-8").replace("importance: 5", "importance: 9", 1),
        encoding="utf-8",
    )
    bad = try_repo(
        journey_repo, "journeymap-validate", pre_commit_home, "journeys/acme-b2b-future.yaml"
    )
    assert bad.returncode == 1
    assert "error[out-of-range]" in bad.stdout
    messy = journey_repo / "journeys" / "shipper-consumer.yaml"
    messy.write_text(
        messy.read_text(encoding="utf-8").replace(
            "  - id: purchase\n    name: Purchase\n", "  - name: Purchase\n    id: purchase\n"
        ),
        encoding="utf-8",
    )
    check = try_repo(
        journey_repo, "journeymap-fmt-check", pre_commit_home, "journeys/shipper-consumer.yaml"
    )
    assert check.returncode == 1 and "would reformat" in check.stdout
    assert "  - name: Purchase\n" in messy.read_text(encoding="utf-8")
    fix = try_repo(
        journey_repo,
        "journeymap-fmt",
        pre_commit_home,
        "journeys/shipper-consumer.yaml",
        "docker-compose.yaml",
    )
    assert fix.returncode == 1  # pre-commit reports a hook that changed files as failed
    assert "  - id: purchase\n    name: Purchase\n" in messy.read_text(encoding="utf-8")
    assert (
        (journey_repo / "docker-compose.yaml").read_text(encoding="utf-8").startswith("services:")
    )


# --- conventions ----------------------------------------------------------------------------


def _commands() -> list[Any]:
    group = typer.main.get_command(app)
    return [group.commands[name] for name in sorted(group.commands)]  # type: ignore[attr-defined]


def test_every_command_has_quiet_verbose_and_examples(cli: Any) -> None:
    for command in _commands():
        flags = {opt for param in command.params for opt in getattr(param, "opts", [])}
        assert {"-q", "--quiet", "-v", "--verbose"} <= flags, command.name
        result = cli(command.name, "--help")
        assert result.exit_code == 0
        assert "Example" in result.stdout, command.name


def test_version(cli: Any) -> None:
    from journeymap import __version__

    assert cli("--version").stdout == f"journeymap {__version__}\n"


def test_no_color_and_force_color(cli: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FORCE_COLOR", "1")
    coloured = cli(
        "validate",
        str(EXAMPLES / "journeys" / "acme-b2b-current.yaml"),
        "refs-broken.yaml",
        cwd=Path(__file__).parent / "fixtures",
    )
    assert "\x1b[" in coloured.stdout
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.delenv("FORCE_COLOR")
    plain = cli("validate", "refs-broken.yaml", cwd=Path(__file__).parent / "fixtures")
    assert "\x1b[" not in plain.stdout + plain.stderr


def test_shell_completion_is_offered(cli: Any) -> None:
    assert "--install-completion" in cli("--help").stdout
