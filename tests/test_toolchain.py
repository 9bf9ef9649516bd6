"""The test suite's own tools: what it installs, and how it says what is missing."""

from __future__ import annotations

from pathlib import Path

import pytest

import toolchain


def test_missing_npm_is_a_clear_failure(tmp_path: Path) -> None:
    """No npm on PATH and nothing cached: the message names npm and how to install it."""
    environ = {"PATH": str(tmp_path / "bin"), "HOME": str(tmp_path / "home")}
    with pytest.raises(toolchain.ToolMissing) as caught:
        toolchain.mermaid_js(environ)
    message = str(caught.value)
    assert "npm was not found" in message
    assert "apt-get install npm" in message
    assert str(tmp_path / "home" / ".cache" / "journeymap-tests" / "mermaid") in message


def test_cached_mermaid_is_used_without_npm(tmp_path: Path) -> None:
    """A copy in $XDG_CACHE_HOME is found before npm is looked for (PATH is empty here)."""
    cached = tmp_path / "cache" / "journeymap-tests" / "mermaid" / toolchain.MERMAID_FILE
    cached.parent.mkdir(parents=True)
    cached.write_text("// mermaid", encoding="utf-8")
    environ = {
        "PATH": "",
        "HOME": str(tmp_path / "home"),
        "XDG_CACHE_HOME": str(tmp_path / "cache"),
    }
    assert toolchain.mermaid_js(environ) == cached


def test_explicit_mermaid_must_exist(tmp_path: Path) -> None:
    environ = {"JOURNEYMAP_MERMAID_JS": str(tmp_path / "nowhere.js"), "PATH": ""}
    with pytest.raises(toolchain.ToolMissing, match="JOURNEYMAP_MERMAID_JS names"):
        toolchain.mermaid_js(environ)
    (tmp_path / "here.js").write_text("// mermaid", encoding="utf-8")
    environ["JOURNEYMAP_MERMAID_JS"] = str(tmp_path / "here.js")
    assert toolchain.mermaid_js(environ) == tmp_path / "here.js"


def test_missing_chromium_is_a_clear_failure(tmp_path: Path) -> None:
    with pytest.raises(toolchain.ToolMissing) as caught:
        toolchain.chromium(tmp_path / "chromium")
    assert "apt-get install chromium" in str(caught.value)
    (tmp_path / "chromium").write_text("#!/bin/sh\n", encoding="utf-8")
    assert toolchain.chromium(tmp_path / "chromium") == tmp_path / "chromium"


def test_cached_multitool_is_made_executable(tmp_path: Path) -> None:
    """npm may skip the package's `chmod u+x`; the cached copy runs all the same."""
    folder = tmp_path / "cache" / "journeymap-tests" / "sarif-multitool" / toolchain.SARIF_FOLDER
    folder.mkdir(parents=True)
    (folder / "Sarif.Multitool").write_text("#!/bin/sh\n", encoding="utf-8")
    (folder / "Sarif.Multitool").chmod(0o644)
    environ = {"PATH": "", "HOME": str(tmp_path), "XDG_CACHE_HOME": str(tmp_path / "cache")}
    with pytest.raises(toolchain.ToolMissing, match=r"should ship sarif-2\.1\.0\.json"):
        toolchain.sarif_schema(environ)
    assert (folder / "Sarif.Multitool").stat().st_mode & 0o100
    (folder / toolchain.SARIF_SCHEMA_NAME).write_text("{}", encoding="utf-8")
    assert toolchain.sarif_schema(environ) == folder / "sarif-2.1.0.json"
