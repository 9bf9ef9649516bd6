"""axe-core comes like mermaid: from a variable, the cache, or npm; without npm, a clear failure."""

from __future__ import annotations

from pathlib import Path

import pytest

import toolchain


def test_without_npm_the_failure_says_what_to_install(tmp_path: Path) -> None:
    environ = {"HOME": str(tmp_path), "PATH": str(tmp_path / "empty")}
    with pytest.raises(toolchain.ToolMissing) as caught:
        toolchain.axe_js(environ)
    message = str(caught.value)
    assert "npm was not found" in message and "axe-core@4" in message
    assert "JOURNEYMAP_AXE_JS" in message
    assert str(tmp_path / ".cache" / "journeymap-tests" / "axe") in message


def test_an_explicit_copy_is_used_or_refused(tmp_path: Path) -> None:
    copy = tmp_path / "axe.min.js"
    copy.write_text("/* axe */", encoding="utf-8")
    assert toolchain.axe_js({"JOURNEYMAP_AXE_JS": str(copy)}) == copy
    with pytest.raises(toolchain.ToolMissing, match="which is not a file"):
        toolchain.axe_js({"JOURNEYMAP_AXE_JS": str(tmp_path / "missing.js")})


def test_a_cached_copy_needs_no_npm(tmp_path: Path) -> None:
    cached = tmp_path / ".cache" / "journeymap-tests" / "axe" / toolchain.AXE_FILE
    cached.parent.mkdir(parents=True)
    cached.write_text("/* axe */", encoding="utf-8")
    assert toolchain.axe_js({"HOME": str(tmp_path), "PATH": ""}) == cached
