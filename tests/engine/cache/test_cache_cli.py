"""The validate cache through the real CLI: a warm run says exactly what a cold run says.

Every test compares against a run with `--no-cache` (the truth) and reads the `-v` line
`cache: N unchanged, M read` to know whether the cache answered.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

from conftest import EXAMPLES, FIXTURES, MINIMAL
from journeymap.disk.reading import ReadLimits
from journeymap.engine.cache.key import machine_key, sign

LINE = re.compile(r"cache: (\d+) unchanged, (\d+) read \((.*)\)")


def run(cli: Any, *args: str, cwd: Path) -> tuple[int, str, tuple[int, int] | None]:
    """Exit code, the JSON output, and (unchanged, read) from the cache's -v line."""
    result = cli("validate", "--format", "json", "-v", *args, cwd=cwd)
    match = LINE.search(result.stderr)
    counts = (int(match[1]), int(match[2])) if match else None
    return result.exit_code, result.stdout, counts


def cold(cli: Any, *args: str, cwd: Path) -> tuple[int, str]:
    code, out, counts = run(cli, "--no-cache", *args, cwd=cwd)
    assert counts is None  # --no-cache: no cache line, nothing used
    return code, out


def rules(out: str) -> list[tuple[str, str]]:
    return [(d["path"], d["rule"]) for d in json.loads(out)["diagnostics"]]


def age(folder: Path, seconds: int = 3600) -> None:
    """Date every file back, so the cache trusts their stat (a file written in the last
    two seconds could change again unseen within the same timestamp tick)."""
    past = time.time() - seconds
    for path in folder.rglob("*.yaml"):
        os.utime(path, (past, past))


@pytest.fixture
def cache_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv("JOURNEYMAP_CACHE_DIR", str(folder))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))  # the signing key's home
    return folder


def read_cache(file: Path) -> Any:
    """A cache file's JSON, after its signature line (if it has one)."""
    raw = file.read_bytes()
    return json.loads(raw if raw.startswith(b"{") else raw.partition(b"\n")[2])


def write_signed(file: Path, data: Any, key: bytes | None = None) -> None:
    """`data` as a cache file signed with `key` (default: this machine's, as journeymap
    writes it: what a damaged field inside a genuine cache looks like)."""
    body = json.dumps(data).encode("utf-8")
    file.write_bytes(sign(machine_key() if key is None else key, body) + b"\n" + body)


def test_warm_equals_cold_and_reads_nothing(
    cli: Any, project: Path, cache_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    age(project)
    truth = cold(cli, cwd=project)
    first = run(cli, cwd=project)
    assert first[:2] == truth and first[2] == (0, 5)
    import journeymap.engine.validate
    from journeymap.engine import worker

    reads: list[str] = []

    def counted(module: Any, name: str) -> None:
        real = getattr(module, name)

        def reading(path: Path, limits: ReadLimits) -> Any:
            reads.append(str(path))
            return real(path, limits)

        monkeypatch.setattr(module, name, reading)

    counted(worker, "read_document")
    counted(journeymap.engine.validate, "read_user_file")
    second = run(cli, cwd=project)
    assert second[:2] == truth and second[2] == (5, 0)
    assert reads == []


def test_edit_makes_a_finding_appear_and_go(cli: Any, project: Path, cache_dir: Path) -> None:
    path = project / "journeys" / "shipper-consumer.yaml"
    text = path.read_text(encoding="utf-8")
    run(cli, cwd=project)
    path.write_text(text.replace("importance: 4", "importance: 7", 1), encoding="utf-8")
    code, out, counts = run(cli, cwd=project)
    assert (code, out) == cold(cli, cwd=project)
    assert ("journeys/shipper-consumer.yaml", "out-of-range") in rules(out)
    assert counts == (4, 1)
    path.write_text(text, encoding="utf-8")
    code, out, counts = run(cli, cwd=project)
    assert code == 0 and rules(out) == []
    assert counts == (4, 1)  # entries no file holds any more are dropped


def test_a_renamed_file_reports_under_its_new_name(
    cli: Any, project: Path, cache_dir: Path
) -> None:
    old = project / "journeys" / "shipper-consumer.yaml"
    old.write_text(old.read_text(encoding="utf-8").replace("importance: 4", "importance: 9", 1))
    _, before, _ = run(cli, cwd=project)
    assert ("journeys/shipper-consumer.yaml", "out-of-range") in rules(before)
    old.rename(project / "journeys" / "renamed.yaml")
    code, out, counts = run(cli, cwd=project)
    assert (code, out) == cold(cli, cwd=project)
    assert ("journeys/renamed.yaml", "out-of-range") in rules(out)
    assert all(path != "journeys/shipper-consumer.yaml" for path, _ in rules(out))
    assert counts == (5, 0)  # same bytes: answered by the cache under the new name


def test_deleting_a_file_unresolves_what_it_defined(
    cli: Any, project: Path, cache_dir: Path
) -> None:
    assert run(cli, cwd=project)[0] == 0
    (project / "journeys" / "acme-b2b-current.yaml").unlink()
    code, out, counts = run(cli, cwd=project)
    assert (code, out) == cold(cli, cwd=project)
    found = json.loads(out)["diagnostics"]
    assert any(
        d["rule"] == "unresolved-reference" and "unknown journey 'acme-b2b'" in d["message"]
        for d in found
    ), found
    assert counts == (4, 0)


def test_touch_keeps_results_and_stays_warm(cli: Any, project: Path, cache_dir: Path) -> None:
    age(project)
    truth = run(cli, cwd=project)[:2]
    for path in project.rglob("*.yaml"):
        path.touch()
    assert run(cli, cwd=project) == (*truth, (5, 0))
    age(project)  # and once the stat is recorded again, no hashing either
    assert run(cli, cwd=project) == (*truth, (5, 0))


JOURNEY = MINIMAL.replace("    goal: G\n", "")  # one finding: stage-goal


def small_project(root: Path, rules_text: str = "") -> Path:
    (root / "journeys").mkdir(parents=True, exist_ok=True)
    (root / "journeys" / "mini.yaml").write_text(JOURNEY, encoding="utf-8")
    (root / "journeymap.yaml").write_text(
        f'journeys: ["journeys/*.yaml"]\n{rules_text}', encoding="utf-8"
    )
    return root


def test_a_config_change_takes_effect(cli: Any, tmp_path: Path, cache_dir: Path) -> None:
    root = small_project(tmp_path / "p")
    findings = {}
    for setting in ("", "rules: {stage-goal: 'off'}\n", "rules: {stage-goal: error}\n", ""):
        (root / "journeymap.yaml").write_text(f'journeys: ["journeys/*.yaml"]\n{setting}')
        code, out, _ = run(cli, cwd=root)
        assert (code, out) == cold(cli, cwd=root)
        findings[setting] = [(d["rule"], d["severity"]) for d in json.loads(out)["diagnostics"]]
    assert findings[""] == [("stage-goal", "warning")]
    assert findings["rules: {stage-goal: 'off'}\n"] == []
    assert findings["rules: {stage-goal: error}\n"] == [("stage-goal", "error")]


def test_a_comment_in_the_config_keeps_the_cache(cli: Any, tmp_path: Path, cache_dir: Path) -> None:
    root = small_project(tmp_path / "p")
    age(root)
    run(cli, cwd=root)
    (root / "journeymap.yaml").write_text('# maps\njourneys: ["journeys/*.yaml"]\n')
    assert run(cli, cwd=root)[2] == (1, 0)


def test_a_new_version_reads_everything_again(
    cli: Any, project: Path, cache_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    age(project)
    truth = run(cli, cwd=project)
    assert run(cli, cwd=project)[2] == (5, 0)
    import journeymap

    monkeypatch.setattr(journeymap, "__version__", "99.0.0")
    assert run(cli, cwd=project) == (*truth[:2], (0, 5))
    assert (cache_dir / "99.0.0").is_dir()


def test_freshness_follows_the_date(
    cli: Any, project: Path, cache_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert rules(run(cli, cwd=project)[1]) == []
    monkeypatch.setenv("JOURNEYMAP_TODAY", "2027-06-01")
    code, out, counts = run(cli, cwd=project)
    assert (code, out) == cold(cli, cwd=project)
    stale = [d for d in json.loads(out)["diagnostics"] if d["rule"] == "review-stale"]
    # acme-b2b-current was reviewed 2026-10-28: 216 days before 2027-06-01 (limit 120)
    assert any("last reviewed 216 days ago (limit 120)" in d["message"] for d in stale), stale
    assert counts == (1, 4)  # the persona library does not depend on the date
    monkeypatch.setenv("JOURNEYMAP_TODAY", "2026-11-22")
    assert rules(run(cli, cwd=project)[1]) == []


def test_freshness_off_keeps_results_across_days(
    cli: Any, tmp_path: Path, cache_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = small_project(tmp_path / "p", "rules: {review-stale: 'off', evidence-stale: 'off'}\n")
    age(root)
    run(cli, cwd=root)
    monkeypatch.setenv("JOURNEYMAP_TODAY", "2030-01-01")
    assert run(cli, cwd=root)[2] == (1, 0)


def test_a_library_change_rechecks_the_journeys(cli: Any, project: Path, cache_dir: Path) -> None:
    assert run(cli, cwd=project)[0] == 0
    library = project / "personas" / "buying-committee.yaml"
    library.write_text(library.read_text().replace("id: ops-director", "id: ops-head"))
    code, out, counts = run(cli, cwd=project)
    assert (code, out) == cold(cli, cwd=project)
    assert any(
        "unknown persona 'ops-director'" in d["message"] for d in json.loads(out)["diagnostics"]
    )
    assert counts == (0, 5)


def damaged_caches(folder: Path) -> list[tuple[str, Any]]:
    def garbage(file: Path) -> None:
        file.write_bytes(os.urandom(4096))

    def truncated(file: Path) -> None:
        file.write_bytes(file.read_bytes()[: file.stat().st_size // 2])

    def a_folder(file: Path) -> None:
        file.unlink()
        (file / "inside").mkdir(parents=True)

    def wrong_types(file: Path) -> None:
        data = read_cache(file)
        for entry in data["entries"].values():
            entry["diagnostics"] = [[1, "one", "error", "no-such-rule", 5, None]]
            entry["summary"] = ["current", "not a list", []]
        write_signed(file, data)

    def wrong_stat(file: Path) -> None:
        data = read_cache(file)
        data["paths"] = {k: ["x", None] for k in data["paths"]}
        write_signed(file, data)

    def unsigned(file: Path) -> None:  # the JSON alone, as journeymap 0.1's format 1 was
        data = read_cache(file)
        for entry in data["entries"].values():
            entry["diagnostics"] = []
        file.write_text(json.dumps({**data, "format": 1}))

    def signed_elsewhere(file: Path) -> None:  # another machine's key (or a guessed one)
        data = read_cache(file)
        for entry in data["entries"].values():
            entry["diagnostics"] = []
        write_signed(file, data, key=bytes(32))

    damages = (garbage, truncated, a_folder, wrong_types, wrong_stat, unsigned, signed_elsewhere)
    return [(f.__name__, f) for f in damages]


@pytest.mark.parametrize(
    "damage",
    [
        "garbage",
        "truncated",
        "a_folder",
        "wrong_types",
        "wrong_stat",
        "unsigned",
        "signed_elsewhere",
    ],
)
def test_a_damaged_cache_is_rebuilt(cli: Any, tmp_path: Path, cache_dir: Path, damage: str) -> None:
    project = tmp_path / "fixtures"
    shutil.copytree(FIXTURES, project)
    shutil.copytree(EXAMPLES / "journeys", project / "journeys")
    truth = cold(cli, ".", cwd=project)
    assert truth[0] == 1  # fixtures/ holds broken files: findings to compare
    run(cli, ".", cwd=project)
    (file,) = cache_dir.glob("*/*.json")
    dict(damaged_caches(cache_dir))[damage](file)
    assert run(cli, ".", cwd=project)[:2] == truth
    # and warm from the rebuilt cache; a folder in its place stays, so the runs stay cold
    warm = (0, 6) if damage == "a_folder" else (6, 0)
    assert run(cli, ".", cwd=project) == (*truth, warm)


def test_an_unusable_cache_folder_is_no_error(cli: Any, project: Path, tmp_path: Path) -> None:
    blocked = tmp_path / "a-file"
    blocked.write_text("not a folder")
    code, out, _ = run(cli, "--cache-dir", str(blocked), cwd=project)
    assert (code, out) == cold(cli, cwd=project)


def test_no_cache_writes_nothing(cli: Any, project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("JOURNEYMAP_CACHE_DIR")
    cold(cli, cwd=project)
    assert not (project / ".journeymap_cache").exists()


def test_the_default_place_is_beside_journeymap_yaml(
    cli: Any, project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("JOURNEYMAP_CACHE_DIR")
    subprocess.run(["git", "init", "-q"], cwd=project, check=True)
    run(cli, cwd=project / "journeys")  # from a subfolder: the config's folder counts
    folder = project / ".journeymap_cache"
    assert (folder / ".gitignore").read_text().splitlines()[-1] == "*"
    assert (
        (folder / "CACHEDIR.TAG")
        .read_text()
        .startswith("Signature: 8a477f597d28d172789f06886806bc55")
    )
    assert len(list(folder.glob("*/*.json"))) == 1
    git = subprocess.run(
        ["git", "status", "--porcelain", "--untracked-files=all"],
        cwd=project,
        capture_output=True,
        text=True,
        check=True,
    )
    assert "journeys/" in git.stdout  # git sees the project's files, but never the cache
    assert ".journeymap_cache" not in git.stdout


def test_cache_dir_option_and_env(
    cli: Any, project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("JOURNEYMAP_CACHE_DIR", str(tmp_path / "from-env"))
    run(cli, cwd=project)
    assert list((tmp_path / "from-env").glob("*/*.json"))
    run(cli, "--cache-dir", str(tmp_path / "from-option"), cwd=project)
    assert list((tmp_path / "from-option").glob("*/*.json"))  # the option wins over the env
    assert not (project / ".journeymap_cache").exists()


def test_one_file_of_a_portfolio_uses_the_cached_context(
    cli: Any, project: Path, cache_dir: Path
) -> None:
    age(project)
    run(cli, cwd=project)
    target = "journeys/acme-b2b-future.yaml"
    code, out, counts = run(cli, target, cwd=project)
    assert (code, out) == cold(cli, target, cwd=project)
    assert counts == (5, 0)


def test_stdin_is_never_answered_from_the_disk_copy(
    cli: Any, project: Path, cache_dir: Path
) -> None:
    from typer.testing import CliRunner

    from journeymap.cli import app

    age(project)
    run(cli, cwd=project)
    path = project / "journeys" / "shipper-consumer.yaml"
    broken = path.read_text().replace("importance: 4", "importance: 8", 1)
    args = ["validate", "-", "--stdin-filename", str(path), "--format", "json"]
    result = CliRunner().invoke(app, args, input=broken)
    assert result.exit_code == 1
    assert "out-of-range" in result.stdout
    assert run(cli, cwd=project)[0] == 0  # the disk copy is still fine, and still cached


def test_two_runs_at_once_then_a_third_is_right(project: Path, cache_dir: Path, cli: Any) -> None:
    path = project / "journeys" / "shipper-partner.yaml"
    path.write_text(path.read_text().replace("performance: 2", "performance: 6", 1))
    truth = cold(cli, cwd=project)
    command = [sys.executable, "-m", "journeymap", "validate", "--format", "json"]
    both = [
        subprocess.Popen(command, cwd=project, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        for _ in range(2)
    ]
    for process in both:
        out, _ = process.communicate(timeout=120)
        assert (process.returncode, out.decode()) == truth
    assert run(cli, cwd=project)[:2] == truth
