"""The tools outside Python that the test suite needs, found or installed on first use.

The README's one test command must pass on a fresh clone, so what pip cannot install is
either installed here (the npm package `mermaid`, into a per-user cache folder, once) or
named in a clear failure (npm itself, Debian's chromium). A missing tool is a failure,
never a skip: a skipped browser test looks like a passing one in a CI summary.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Callable, Mapping
from pathlib import Path

CHROMIUM = Path("/usr/bin/chromium")
MERMAID_PACKAGE = "mermaid@11"
MERMAID_FILE = Path("node_modules/mermaid/dist/mermaid.min.js")
NPM_TIMEOUT = 900  # seconds; a first install on a slow network takes a minute or two


class ToolMissing(Exception):
    """A tool the tests need is absent and cannot be installed; the message says how to fix it."""


def cache_folder(environ: Mapping[str, str]) -> Path:
    """Where the test suite keeps what it downloads: $XDG_CACHE_HOME or ~/.cache."""
    base = environ.get("XDG_CACHE_HOME") or str(Path(environ.get("HOME", "~")) / ".cache")
    return Path(base).expanduser() / "journeymap-tests"


def mermaid_js(environ: Mapping[str, str]) -> Path:
    """mermaid.min.js: from JOURNEYMAP_MERMAID_JS, the cache, or `npm install` into the cache."""
    return npm_file(environ, MERMAID_PACKAGE, MERMAID_FILE, "mermaid", "JOURNEYMAP_MERMAID_JS")


MERMAID10_PACKAGE = "mermaid@10"  # the previous major version, still what many sites embed


def mermaid10_js(environ: Mapping[str, str]) -> Path:
    """Mermaid 10's mermaid.min.js, like `mermaid_js` (JOURNEYMAP_MERMAID10_JS, the cache
    folder mermaid10, or `npm install`): exports are checked against both versions."""
    return npm_file(
        environ, MERMAID10_PACKAGE, MERMAID_FILE, "mermaid10", "JOURNEYMAP_MERMAID10_JS"
    )


def chromium(path: Path = CHROMIUM) -> Path:
    """Debian's chromium, which Playwright drives; Playwright's own download is not used."""
    if not path.is_file():
        raise ToolMissing(
            f"the browser tests need Debian's chromium at {path}, and it is missing: "
            "apt-get install chromium"
        )
    return path


AXE_PACKAGE = "axe-core@4"
AXE_FILE = Path("node_modules/axe-core/axe.min.js")


def axe_js(environ: Mapping[str, str]) -> Path:
    """axe.min.js (the npm package axe-core) for the accessibility tests, like `mermaid_js`:
    from JOURNEYMAP_AXE_JS, the cache, or `npm install` into the cache."""
    return npm_file(environ, AXE_PACKAGE, AXE_FILE, "axe", "JOURNEYMAP_AXE_JS")


def npm_file(
    environ: Mapping[str, str], package: str, file: Path, folder: str, variable: str
) -> Path:
    """A file of an npm package: named by `variable`, in the cache, or installed there."""
    explicit = environ.get(variable)
    if explicit:
        path = Path(explicit).expanduser()
        if not path.is_file():
            raise ToolMissing(
                f"{variable} names {path}, which is not a file; point it at {file.name} "
                f"or unset it to let the tests install {package} with npm"
            )
        return path
    prefix = cache_folder(environ) / folder
    path = prefix / file
    if path.is_file():
        return path
    npm = shutil.which("npm", path=environ.get("PATH", os.defpath))
    if npm is None:
        raise ToolMissing(
            f"npm is needed to install the npm package {package} for the tests (into "
            f"{prefix}), and npm was not found: install Node.js and npm, e.g. apt-get "
            f"install npm (or set {variable} to a {file.name})"
        )
    command = [npm, "install", "--no-audit", "--no-fund", "--prefix", str(prefix), package]
    try:
        result = subprocess.run(
            command,
            capture_output=True,
            text=True,
            check=False,
            timeout=NPM_TIMEOUT,
            env=dict(environ),
        )
    except subprocess.TimeoutExpired:
        raise ToolMissing(
            f"`npm install {package}` into {prefix} took over {NPM_TIMEOUT} s"
        ) from None
    if result.returncode != 0 or not path.is_file():
        output = (result.stdout + result.stderr).strip()[-2000:]
        raise ToolMissing(
            f"`npm install {package}` into {prefix} failed (exit {result.returncode}); "
            f"npm said:\n{output}"
        )
    return path


SARIF_PACKAGE = "@microsoft/sarif-multitool-linux@5"
SARIF_FOLDER = Path("node_modules/@microsoft/sarif-multitool-linux")
SARIF_SCHEMA_NAME = "sarif-2.1.0.json"


def sarif_multitool(environ: Mapping[str, str]) -> Path:
    """Microsoft's SARIF Multitool (the SARIF SDK's validator, a self-contained linux-x64
    program in the npm package @microsoft/sarif-multitool-linux), installed into the cache
    like `mermaid_js`; JOURNEYMAP_SARIF_MULTITOOL names another copy. The package also
    ships the SARIF 2.1.0 JSON schema beside it (`sarif_schema`).

    npm may skip the package's install script (a `chmod u+x`), so the bit is set here."""
    tool = npm_file(
        environ,
        SARIF_PACKAGE,
        SARIF_FOLDER / "Sarif.Multitool",
        "sarif-multitool",
        "JOURNEYMAP_SARIF_MULTITOOL",
    )
    if not os.access(tool, os.X_OK):
        tool.chmod(tool.stat().st_mode | 0o100)
    return tool


def sarif_schema(environ: Mapping[str, str]) -> Path:
    """The SARIF 2.1.0 JSON schema that the SARIF SDK validates with, from the same package."""
    schema = sarif_multitool(environ).with_name(SARIF_SCHEMA_NAME)
    if not schema.is_file():
        raise ToolMissing(f"{SARIF_PACKAGE} should ship {SARIF_SCHEMA_NAME} beside the tool")
    return schema


ACTIONS_CORE_PACKAGE = "@actions/core@1"
ACTIONS_CORE_FILE = Path("node_modules/@actions/core/lib/command.js")


def actions_core_command(environ: Mapping[str, str]) -> Path:
    """GitHub's own toolkit module that writes workflow commands (`::error file=…::…`),
    installed into the cache like `mermaid_js`; JOURNEYMAP_ACTIONS_CORE names another copy."""
    return npm_file(
        environ, ACTIONS_CORE_PACKAGE, ACTIONS_CORE_FILE, "actions-core", "JOURNEYMAP_ACTIONS_CORE"
    )


def needed(find: Callable[[Mapping[str, str]], Path]) -> Path:
    """The tool `find` installs or locates; when it cannot, the test fails with its message
    (never a skip, and no traceback: the message says what to install)."""
    import pytest

    try:
        return find(os.environ)
    except ToolMissing as exc:
        missing = str(exc)
    pytest.fail(missing, pytrace=False)
