"""Hostile and damaged input, for every command; and never losing a user's work."""

from __future__ import annotations

import json
import os
import random
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import EXAMPLES
from journeymap.disk.paths import safe_output_path
from journeymap.loading.loader import load_source
from journeymap.yaml.parse import parse
from strategies import journeys

SOURCES = sorted((EXAMPLES / "journeys").glob("*.yaml")) + sorted(
    (EXAMPLES / "personas").glob("*.yaml")
)
PUNCTUATION = [
    ": ",
    "- ",
    "[",
    "]",
    "{",
    "}",
    ",",
    "&a ",
    "*a",
    "!",
    "|",
    ">",
    "'",
    '"',
    "%",
    "@",
    "`",
    "? ",
    "#",
    "\t",
]
SPLICES = [
    "&anchor ",
    "*anchor",
    "*undefined",
    "!!python/object:os.system ",
    "!custom ",
    "!!binary ",
    "<<: *anchor\n",
    "%YAML 1.1\n---\n",
    "--- \n",
    "...\n",
    "\x00",
    "\ufeff",
    "\r",
    "\x85",
    "importance: 1e999\n",
    "performance: 99999999999999999999999999999\n",
    "updated: 2026-02-30\n",
    "date: 2026-13-01\n",
    "as_of: 0000-00-00\n",
    "emotion: .nan\n",
    "value: " + "9" * 5000 + "\n",
    "x: " + "[" * 2000 + "\n",
    "- " * 3000 + "x\n",
]


def mutate(data: bytes, rng: random.Random) -> bytes:
    lines = data.split(b"\n")
    kind = rng.randrange(9)
    i = rng.randrange(len(lines))
    if kind == 0:
        del lines[i]
    elif kind == 1:
        lines.insert(i, lines[i])
    elif kind == 2:
        lines[i] = (
            b" " * rng.choice([1, 2, 3, 5]) + lines[i] if rng.random() < 0.5 else lines[i].lstrip()
        )
    elif kind == 3:
        return data[: rng.randrange(len(data))]
    elif kind == 4:
        at = rng.randrange(len(lines[i]) + 1)
        lines[i] = lines[i][:at] + rng.choice(PUNCTUATION).encode() + lines[i][at:]
    elif kind == 5:
        at = rng.randrange(len(data))
        return data[:at] + rng.choice(SPLICES).encode("utf-8") + data[at:]
    elif kind == 6:
        at = rng.randrange(len(data))
        return data[:at] + bytes(rng.randrange(256) for _ in range(rng.randint(1, 8))) + data[at:]
    elif kind == 7:
        at = rng.randrange(len(data))
        return (
            data[:at]
            + rng.choice([b"\xff", b"\xc3", b"\xe2\x82", b"\x00", b"\xed\xa0\x80"])
            + data[at:]
        )
    else:
        lines[i] = lines[i].replace(
            b": ",
            b": " + rng.choice([b"1e309", b"-0", b"0x", b"2026-02-29", b"~", b"[]", b"{}"]) + b" #",
            1,
        )
    return b"\n".join(lines)


def mutants(count: int, seed: int = 20261122) -> list[tuple[str, bytes]]:
    rng = random.Random(seed)
    out = []
    for n in range(count):
        source = rng.choice(SOURCES)
        data = source.read_bytes()
        for _ in range(rng.randint(1, 3)):
            data = mutate(data, rng) or b" "
        out.append((f"mutant-{n:03d}-{source.stem}.yaml", data))
    return out


def check_positions(diagnostics: list[dict[str, Any]], name: str, data: bytes) -> None:
    lines = data.count(b"\n") + 2
    for d in diagnostics:
        assert d["path"] == name
        assert 1 <= d["line"] <= lines, d
        assert d["column"] >= 1, d


@pytest.mark.parametrize("chunk", range(6))
def test_mutation_suite_validate(chunk: int, cli: Any, tmp_path: Path) -> None:
    """Hundreds of seeded mutants: exit 0 or 1, never a crash, every error positioned."""
    for name, data in mutants(360)[chunk::6]:
        (tmp_path / name).write_bytes(data)
        result = cli("validate", "--format", "json", name, cwd=tmp_path)
        assert result.exit_code in (0, 1), (name, result.output)
        payload = json.loads(result.stdout)
        check_positions(payload["diagnostics"], name, data)
        if result.exit_code == 1:
            assert any(d["severity"] == "error" for d in payload["diagnostics"])


def test_mutants_through_every_command(cli: Any, tmp_path: Path) -> None:
    """render, gaps, diff and fmt keep the same contract on the same damage."""
    for name, data in mutants(40, seed=7):
        folder = tmp_path / name.removesuffix(".yaml")
        folder.mkdir()
        path = folder / name
        path.write_bytes(data)
        for args in (
            ["render", name, "-o", "site"],
            ["render", name, "-f", "md", "-o", "md"],
            ["gaps", name, "-f", "json"],
            ["fmt", "--check", name],
            ["diff", str(SOURCES[0]), name],
            ["fmt", name],
        ):
            result = cli(*args, cwd=folder)
            assert result.exit_code in (0, 1, 2), (args, name, result.output)
            if result.exit_code != 0:  # a failure always says why, on stderr
                assert result.stderr.strip(), (args, name)
        assert (path.read_bytes() == data) or parse(
            name, data
        ).ok  # fmt never writes over a broken file


@settings(max_examples=50, deadline=None)
@given(journey=journeys(), seed=st.integers(0, 10_000))
def test_structured_journeys_with_damaged_values(journey: dict[str, Any], seed: int) -> None:
    """Type and range damage anywhere in a structured journey is positioned, never a crash."""
    rng = random.Random(seed)
    poison: list[object] = [
        None,
        True,
        -1,
        6,
        1.5,
        "x",
        [],
        {},
        "2026-02-30",
        "a" * 300,
        {"x-": 1},
        [[[]]],
    ]
    targets: list[tuple[Any, Any]] = []

    def collect(node: Any) -> None:
        if isinstance(node, dict):
            for key in node:
                targets.append((node, key))
                collect(node[key])
        elif isinstance(node, list):
            for index in range(len(node)):
                targets.append((node, index))
                collect(node[index])

    collect(journey)
    for _ in range(3):
        container, key = rng.choice(targets)
        container[key] = rng.choice(poison)
    text = json.dumps(journey, default=str)
    doc = load_source(parse("h.yaml", text.encode()))
    for d in doc.diagnostics:
        assert d.line == 1 and 1 <= d.column <= len(text) + 1


# --- files ---------------------------------------------------------------------------------


def test_symlink_loop_and_special_files(cli: Any, tmp_path: Path) -> None:
    folder = tmp_path / "maps"
    folder.mkdir()
    shutil.copy(SOURCES[0], folder / "a.yaml")
    (folder / "loop").symlink_to(folder)  # a folder that contains itself
    (folder / "x.yaml").symlink_to(folder / "y.yaml")
    (folder / "y.yaml").symlink_to(folder / "x.yaml")  # a file link loop
    os.mkfifo(folder / "pipe.yaml")  # reading it would block forever
    (folder / "dir.yaml").mkdir()
    result = cli("validate", "--format", "json", "maps", cwd=tmp_path)
    assert result.exit_code == 1
    found = {(Path(d["path"]).name, d["rule"]) for d in json.loads(result.stdout)["diagnostics"]}
    assert ("x.yaml", "unreadable") in found and ("y.yaml", "unreadable") in found
    assert not any(name in ("pipe.yaml", "dir.yaml") for name, _ in found)
    named = cli("validate", str(folder / "pipe.yaml"), cwd=tmp_path)
    assert named.exit_code == 1 and "not a regular file" in named.stdout


def test_file_that_is_a_folder(cli: Any, tmp_path: Path) -> None:
    (tmp_path / "j.yaml").mkdir()
    result = cli("validate", "--format", "json", str(tmp_path / "j.yaml") + "/", cwd=tmp_path)
    assert result.exit_code == 0  # a folder named on the command line is searched, and is empty
    assert "0 files" in result.stderr


def test_size_limit(cli: Any, tmp_path: Path) -> None:
    (tmp_path / "journeymap.yaml").write_text(
        "journeys: ['*.yaml']\nmax_file_size: 1000\n", encoding="utf-8"
    )
    shutil.copy(SOURCES[0], tmp_path / "big.yaml")
    result = cli("validate", "big.yaml", cwd=tmp_path)
    assert result.exit_code == 1
    assert "big.yaml:1:1: error[file-too-large]" in result.stdout


def test_output_names_cannot_escape(tmp_path: Path) -> None:
    for name in ("../x.html", "/etc/passwd", ".hidden", "a/b.html", "..", ""):
        with pytest.raises(ValueError):
            safe_output_path(tmp_path, name)
    assert safe_output_path(tmp_path, "ok.html") == tmp_path / "ok.html"


def test_render_killed_mid_write_leaves_old_or_new(tmp_path: Path) -> None:
    """SIGTERM at random moments: every page is whole (old or new) and no temp file stays."""
    project = tmp_path / "p"
    shutil.copytree(EXAMPLES, project)
    site = project / "site"
    env = {**os.environ, "JOURNEYMAP_TODAY": "2026-11-22"}
    command = [sys.executable, "-m", "journeymap", "render", "-o", "site"]
    subprocess.run(command, cwd=project, env=env, check=True, capture_output=True)
    old = {str(p.relative_to(site)): p.read_bytes() for p in site.rglob("*") if p.is_file()}
    path = project / "journeys" / "acme-b2b-current.yaml"
    path.write_text(
        path.read_text(encoding="utf-8").replace("Shorten onboarding", "Halve onboarding"),
        encoding="utf-8",
    )
    subprocess.run(
        [*command, "-o", str(tmp_path / "new")],
        cwd=project,
        env=env,
        check=True,
        capture_output=True,
    )
    fresh = tmp_path / "new"
    new = {str(p.relative_to(fresh)): p.read_bytes() for p in fresh.rglob("*") if p.is_file()}
    rng = random.Random(3)
    for _ in range(8):
        process = subprocess.Popen(
            command, cwd=project, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )
        time.sleep(rng.uniform(0.2, 1.2))
        process.send_signal(signal.SIGTERM)
        process.wait(timeout=30)
        for page in (p for p in site.rglob("*") if p.is_file()):
            name = str(page.relative_to(site))
            assert not page.name.startswith("."), f"temp file left: {name}"
            assert page.read_bytes() in (old[name], new[name]), name


def test_stale_temp_files_from_a_killed_run_are_cleared(cli: Any, tmp_path: Path) -> None:
    site = tmp_path / "site"
    (site / "maps").mkdir(parents=True)
    (site / "maps" / ".acme-b2b.html.abc123.tmp").write_text("half a page")
    result = cli(
        "render", "--config", str(EXAMPLES / "journeymap.yaml"), "-o", str(site), cwd=tmp_path
    )
    assert result.exit_code == 0
    assert not list(site.rglob(".*.tmp"))


def test_unknown_keyed_config_and_bad_values(cli: Any, tmp_path: Path) -> None:
    (tmp_path / "journeymap.yaml").write_text(
        "journeys: '*.yaml'\nrules: {stage-goal: loud}\n", encoding="utf-8"
    )
    result = cli("validate", cwd=tmp_path)
    assert result.exit_code == 2
    assert "journeymap.yaml:1:11: error[invalid-type] journeys must be a list" in result.stdout
    assert "journeymap.yaml:2:21:" in result.stdout


def test_attribute_and_svg_escaping(cli: Any, tmp_path: Path) -> None:
    """Quotes in data cannot leave an attribute; markup in data is text inside SVG too."""
    path = tmp_path / "q.yaml"
    evil = '\\" onmouseover=\\"alert(1)\\" x=\\" <script>alert(2)</script>'
    path.write_text(
        'journeymap: 1\nid: q\ntitle: Q\npersonas: [{id: p, name: "' + evil + '"}]\n'
        "stages:\n  - id: s\n    name: S\n    personas: [p]\n    touchpoints:\n"
        '      - {id: t, name: "' + evil + '", emotion: {p: 2}, target_emotion: 4}\n',
        encoding="utf-8",
    )
    result = cli("render", "q.yaml", "-o", "site", cwd=tmp_path)
    assert result.exit_code == 0, result.output
    page = (tmp_path / "site" / "maps" / "q.html").read_text(encoding="utf-8")
    assert "<script>alert(2)" not in page
    assert 'onmouseover="alert(1)"' not in page
    assert "&#34; onmouseover=&#34;alert(1)&#34;" in page


def test_a_stage_folder_of_a_killed_render_is_cleared_and_a_live_one_kept(
    cli: Any, tmp_path: Path
) -> None:
    """`render` writes a site into `.journeymap-stage-*.tmp` and moves the pages into
    place; a run killed outright (SIGKILL) leaves that folder behind. The next run
    removes it when no live run holds its lock, and leaves a running one's alone."""
    import fcntl

    site = tmp_path / "site"
    abandoned = site / ".journeymap-stage-x1.tmp"
    (abandoned / "maps").mkdir(parents=True)
    (abandoned / "maps" / "acme-b2b.html").write_text("half a site")
    (abandoned / ".lock").write_text("")
    killed = subprocess.Popen(  # a run that held its lock and was killed
        [
            sys.executable,
            "-c",
            "import fcntl, os, time; "
            f"d = os.open({str(abandoned / '.lock')!r}, os.O_RDWR); "
            "fcntl.flock(d, fcntl.LOCK_EX); print('held', flush=True); time.sleep(60)",
        ],
        stdout=subprocess.PIPE,
    )
    assert killed.stdout is not None and killed.stdout.readline() == b"held\n"
    killed.kill()
    killed.wait()
    running = site / ".journeymap-stage-x2.tmp"
    running.mkdir()
    held = os.open(running / ".lock", os.O_CREAT | os.O_RDWR)
    fcntl.flock(held, fcntl.LOCK_EX)
    try:
        result = cli(
            "render", "--config", str(EXAMPLES / "journeymap.yaml"), "-o", str(site), cwd=tmp_path
        )
    finally:
        os.close(held)
    assert result.exit_code in (0, 1), result.output
    assert not abandoned.exists()
    assert running.exists()
    assert (site / "index.html").is_file()
    assert [p.name for p in site.iterdir() if p.name.startswith(".")] == [running.name]


def test_a_folder_in_the_way_of_a_page_changes_no_file(cli: Any, tmp_path: Path) -> None:
    """Every page's place is checked before the first page moves in: `maps` being a file
    (or a page's name taken by a folder) is one line, exit 2, and the old site stays."""
    site = tmp_path / "site"
    args = ("render", "--config", str(EXAMPLES / "journeymap.yaml"), "-o", str(site))
    assert cli(*args, cwd=tmp_path).exit_code in (0, 1)
    before = {p: p.read_bytes() for p in site.rglob("*") if p.is_file()}
    shutil.rmtree(site / "maps")
    (site / "maps").write_text("not a folder")
    result: Any = cli(*args, cwd=tmp_path)
    assert result.exit_code == 2, result.output
    assert "cannot write" in result.stderr and "Traceback" not in result.output
    left = {p: p.read_bytes() for p in site.rglob("*") if p.is_file()}
    assert left == {p: b for p, b in before.items() if "maps" not in p.parts} | {
        site / "maps": b"not a folder"
    }
    (site / "maps").unlink()
    (site / "index.html").unlink()
    (site / "index.html").mkdir()
    result = cli(*args, cwd=tmp_path)
    assert result.exit_code == 2 and "a folder of that name is in the way" in result.stderr
    assert not (site / "maps").exists() and not [p for p in site.iterdir() if p.name[0] == "."]


def test_overlapping_globs_read_each_file_once(cli: Any, tmp_path: Path) -> None:
    """`journeys/*.yaml` beside `journeys/acme-*.yaml`: each map is checked and rendered
    once (it was read twice, and the second copy of its page had nothing to move)."""
    project = tmp_path / "p"
    shutil.copytree(EXAMPLES, project, ignore=shutil.ignore_patterns("site", ".journeymap_cache"))
    config = project / "journeymap.yaml"
    text = config.read_text(encoding="utf-8")
    assert '["journeys/*.yaml"]' in text
    config.write_text(
        text.replace('["journeys/*.yaml"]', '["journeys/*.yaml", "journeys/acme-*.yaml"]', 1),
        encoding="utf-8",
    )
    validated: Any = cli("validate", "--format", "json", cwd=project)
    assert validated.exit_code == 0, validated.output
    rendered: Any = cli("render", "-o", str(tmp_path / "site"), cwd=project)
    assert rendered.exit_code == 0, rendered.output
    assert len(list((tmp_path / "site" / "maps").glob("*.html"))) == 4


def test_a_page_that_was_a_link_to_a_folder_is_a_plain_file_after(cli: Any, tmp_path: Path) -> None:
    """A link in the output that stays inside it (one leading outside is refused) is
    replaced by the page, as before; the page does not take the mode of the folder the
    link led to (it became executable)."""
    site = tmp_path / "site"
    site.mkdir()
    elsewhere = site / "elsewhere"
    elsewhere.mkdir(mode=0o755)
    (site / "index.html").symlink_to(elsewhere)
    result = cli(
        "render", "--config", str(EXAMPLES / "journeymap.yaml"), "-o", str(site), cwd=tmp_path
    )
    assert result.exit_code in (0, 1), result.output
    page = site / "index.html"
    assert page.is_file() and not page.is_symlink()
    umask = os.umask(0)
    os.umask(umask)
    assert page.stat().st_mode & 0o777 == 0o666 & ~umask
    assert elsewhere.is_dir() and not list(elsewhere.iterdir())
