"""A cache committed to the repository can never change a result (issue #26, round 3).

The attacker: a pull request that breaks a journey (`stages: 42`) and commits a
`.journeymap_cache/` claiming the broken file is clean. They make it as anyone could:
run journeymap on their own machine at the path CI uses, then edit the cache it wrote
so that the broken file's content hash maps to the clean file's entry, signing it again
with their own machine's key when the cache is signed. The victim (CI) runs
journeymap in a fresh process with a key of its own.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

from conftest import MINIMAL
from journeymap.engine.cache.store import digest

CLEAN = MINIMAL
# schema-broken, and out of fmt's layout (title before id), so fmt --check has work too
BROKEN = "journeymap: 1\ntitle: Mini\nid: mini\nstages: 42\n"


def journeymap(root: Path, home: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """journeymap in a process of its own, as one machine (`home` keeps its cache key)."""
    env = {k: v for k, v in os.environ.items() if k != "JOURNEYMAP_CACHE_DIR"}
    env.update(HOME=str(home), XDG_CACHE_HOME=str(home / ".cache"), JOURNEYMAP_WORKERS="1")
    command = [sys.executable, "-m", "journeymap", *args]
    return subprocess.run(command, cwd=root, env=env, capture_output=True, text=True, timeout=120)


def forge(cache_file: Path, broken: Path, attacker: Path) -> None:
    """Make the broken file's content hash answer as the clean file's entry did."""
    raw = cache_file.read_bytes()
    signed = not raw.startswith(b"{")
    data: dict[str, Any] = json.loads(raw.partition(b"\n")[2] if signed else raw)
    (clean_entry,) = data["entries"].values()
    assert clean_entry["valid"] is True and clean_entry["diagnostics"] == []
    content = digest(broken.read_bytes())
    data["entries"][content] = clean_entry
    data["paths"][str(broken)] = [-1, -1, -1, content, False]
    body = json.dumps(data).encode("utf-8")
    if signed:  # the attacker signs with the only key they have: their own machine's
        key = (attacker / ".cache" / "journeymap" / "key").read_bytes()
        mac = hashlib.blake2b(body, key=key, digest_size=32, person=b"journeymap-cache")
        body = mac.hexdigest().encode() + b"\n" + body
    cache_file.write_bytes(body)


def project(root: Path, text: str) -> Path:
    """A project of one journey; the journey's path."""
    (root / "journeys").mkdir(parents=True)
    (root / "journeymap.yaml").write_text('journeys: ["journeys/*.yaml"]\n', encoding="utf-8")
    journey = root / "journeys" / "mini.yaml"
    journey.write_text(text, encoding="utf-8")
    return journey


def test_a_committed_forged_cache_never_passes_a_broken_file(tmp_path: Path) -> None:
    root = tmp_path / "checkout"
    journey = project(root, CLEAN)
    attacker, victim = tmp_path / "attacker-home", tmp_path / "ci-home"
    assert journeymap(root, attacker, "validate", "--strict").returncode == 0
    journey.write_text(BROKEN, encoding="utf-8")
    (cache_file,) = (root / ".journeymap_cache").glob("*/*.json")
    forge(cache_file, journey, attacker)
    # the forgery works for the machine whose key signed it: the attack is real
    fooled = journeymap(root, attacker, "validate", "--strict", "--format", "github")
    assert fooled.returncode == 0, fooled.stdout + fooled.stderr
    # the pull request's checkout arrives on CI: the forged cache with it
    shutil.rmtree(attacker, ignore_errors=True)
    ci = journeymap(root, victim, "validate", "--strict", "--format", "github", "-v")
    assert ci.returncode == 1, ci.stdout + ci.stderr
    assert "journeymap invalid-type::stages must be a list, found the number 42" in ci.stdout
    assert "cache: 0 unchanged, 1 read" in ci.stderr
    assert "Traceback" not in ci.stderr
    fmt = journeymap(root, victim, "fmt", "--check")
    assert fmt.returncode == 1, fmt.stdout + fmt.stderr
    assert "would reformat journeys/mini.yaml" in fmt.stderr
    # and CI's own cache, written over the forgery, answers the next run rightly
    again = journeymap(root, victim, "validate", "--strict", "--format", "github", "-v")
    assert again.returncode == 1 and "cache: 1 unchanged, 0 read" in again.stderr


def test_the_key_is_the_users_alone(tmp_path: Path) -> None:
    root = tmp_path / "p"
    project(root, CLEAN)
    home = tmp_path / "home"
    assert journeymap(root, home, "validate").returncode == 0
    key = home / ".cache" / "journeymap" / "key"
    assert key.stat().st_mode & 0o777 == 0o600 and key.stat().st_size == 32
    assert key.parent.stat().st_mode & 0o777 == 0o700
    first = key.read_bytes()
    run = journeymap(root, home, "validate", "-v")
    assert "cache: 1 unchanged, 0 read" in run.stderr and key.read_bytes() == first
    # a key others could read may have been read: it is replaced, and the cache with it
    key.chmod(0o644)
    run = journeymap(root, home, "validate", "-v")
    assert run.returncode == 0 and "cache: 0 unchanged, 1 read" in run.stderr
    assert key.stat().st_mode & 0o777 == 0o600 and key.read_bytes() != first


def test_no_place_for_a_key_means_no_cache_and_no_error(tmp_path: Path) -> None:
    root = tmp_path / "p"
    project(root, BROKEN)
    home = tmp_path / "home"
    home.mkdir()
    (home / ".cache").write_text("a file where the cache folder should be")
    run = journeymap(root, home, "validate", "-v")
    assert run.returncode == 1 and "invalid-type" in run.stdout
    assert "cache: off (cannot keep the cache key in" in run.stderr
    assert "Traceback" not in run.stderr
    assert not (root / ".journeymap_cache").exists()
