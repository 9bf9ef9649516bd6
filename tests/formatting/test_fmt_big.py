"""fmt on a big file with its keys out of order costs about what reading it does.

Issue #26: `fmt --check` on a 2.6 MB journey with its keys out of order took 32 s and
416 MB (validate: 0.9 s), and near the 20 MiB limit minutes and gigabytes. Two causes:
every such file went through ruamel's pure-Python round trip, and the garbage collector
walked the growing trees again and again (four times the size took seven times the
time). Timing is measured in benchmarks/run.py (`fmt_big` / `validate_big`), never
asserted here; these tests hold the two fixes in place.
"""

from __future__ import annotations

import gc
import importlib.util
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

import journeymap.formatting.fmt as fmt_module
import yaml
from conftest import EXAMPLES
from journeymap.formatting.fmt import format_text
from journeymap.yaml.parse import parse

BENCHMARKS = Path(__file__).resolve().parents[2] / "benchmarks"


def _portfolio() -> ModuleType:
    """benchmarks/portfolio.py, which makes the big file of the benchmark."""
    spec = importlib.util.spec_from_file_location("bench_portfolio", BENCHMARKS / "portfolio.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules["bench_portfolio"] = module
    spec.loader.exec_module(module)
    return module


def _full_path_only(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("JOURNEYMAP_FMT_FAST", "0")


def _no_round_trip(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: Any) -> str:
        raise AssertionError("ruamel's round trip was run")

    monkeypatch.setenv("JOURNEYMAP_FMT_FAST", "1")
    monkeypatch.setattr(fmt_module, "_layout_once", refuse)


def out_of_order_files(tmp_path: Path) -> list[tuple[str, str]]:
    """The benchmark's big journey, made small, and each example journey with every
    mapping's keys in alphabetical order (so nearly every mapping is out of fmt's order)."""
    root = tmp_path / "big"
    _portfolio().write_big_journey(root, stages=2, touchpoints=3)
    files = [("big.yaml", (root / "journeys" / "big.yaml").read_text(encoding="utf-8"))]
    for path in sorted((EXAMPLES / "journeys").glob("*.yaml")):
        data = parse(path.name, path.read_bytes()).data
        files.append((path.name, yaml.safe_dump(data, sort_keys=True, allow_unicode=True)))
    return files


def test_keys_out_of_order_are_put_in_order_without_the_round_trip(
    monkeypatch: pytest.MonkeyPatch, cli: Any, tmp_path: Path
) -> None:
    """What the fast path writes is what the full round trip writes, byte for byte."""
    files = out_of_order_files(tmp_path)
    _full_path_only(monkeypatch)
    expected = {}
    for name, text in files:
        result = format_text(name, text)
        assert result.problem is None and result.changed, (name, result.problem)
        expected[name] = result.text
    _no_round_trip(monkeypatch)
    folder = tmp_path / "journeys"
    folder.mkdir()
    for name, text in files:
        (folder / name).write_text(text, encoding="utf-8")
    result = cli("fmt", "journeys", cwd=tmp_path)
    assert result.exit_code == 0, result.output
    assert f"reformatted {len(files)} of {len(files)} files" in result.stderr
    for name, _ in files:
        assert (folder / name).read_text(encoding="utf-8") == expected[name], name
    assert cli("fmt", "--check", "journeys", cwd=tmp_path).exit_code == 0


def test_formatting_pauses_the_garbage_collector(monkeypatch: pytest.MonkeyPatch) -> None:
    """Paused while one file is formatted (as `yaml.parse` does), on again afterwards,
    also when formatting fails."""
    seen: list[bool] = []
    real = fmt_module._format_text

    def spy(path: str, text: str) -> Any:
        seen.append(gc.isenabled())
        if path == "boom.yaml":
            raise RuntimeError("boom")
        return real(path, text)

    monkeypatch.setattr(fmt_module, "_format_text", spy)
    was = gc.isenabled()  # commands that validate switch it off for their whole run
    gc.enable()
    try:
        assert format_text("j.yaml", "journeymap: 1\nid: j\ntitle: T\n").problem is None
        assert format_text("boom.yaml", "journeymap: 1\n").problem is not None
        assert gc.isenabled()
    finally:
        if not was:
            gc.disable()
    assert seen == [False, False]
