"""The GitHub Actions workflow `journeymap init` writes, and where CI gets journeymap from.

journeymap has no public release: no package index has it, and no public repository or
tag to install from. What a team has is a clone, from which `python -m build --wheel`
makes `dist/journeymap-<version>-py3-none-any.whl`. The workflow installs that wheel
from the repository of maps (`tools/`), with the version of the journeymap that wrote
it, and fails with a line saying what to do when the wheel is not there yet. A team
with an internal package index replaces that one step (the comment above it says so).

The workflow follows the usual hardening (zizmor's audits; tests/scaffold/test_ci_recipes.py runs
zizmor over it): no permissions at the top, read-only contents for the job, actions
pinned by commit hash (the tag in the comment), and no Git credentials left in the
checkout for later steps to read.
"""

from __future__ import annotations

from dataclasses import dataclass

import journeymap

PACKAGE = "journeymap"
WHEEL_FOLDER = "tools"

# Each action at the commit of one release; the README and docs/ use the same pins
# (tests/scaffold/test_ci_recipes.py checks that they agree).
CHECKOUT = "actions/checkout@3d3c42e5aac5ba805825da76410c181273ba90b1  # v7.0.1"
SETUP_PYTHON = "actions/setup-python@5fda3b95a4ea91299a34e894583c3862153e4b97  # v7.0.0"

WORKFLOW = """\
# Check the journey maps on every pull request (journeymap init wrote this file).
name: journeys
on:
  pull_request:
  push:
    branches: [main]  # the default branch only: a pull request's branch is checked once
permissions: {{}}
jobs:
  journeymap:
    name: validate and check the layout
    runs-on: ubuntu-latest
    permissions:
      contents: read  # to check out the repository
    steps:
      - uses: {checkout}
        with:
          persist-credentials: false
      - uses: {setup_python}
        with:
          python-version: "3.12"
      # journeymap has no public release to install: this step installs its wheel from
      # this repository. Make the wheel in a clone of journeymap with
      #   python -m build --wheel      (writes dist/{wheel_name})
      # and commit it as {wheel}. If your team keeps journeymap on an
      # internal package index instead, replace this step with a pip install from it.
      - name: install journeymap from {wheel}
        env:
          WHEEL: {wheel}
        run: |
          if [ ! -f "$WHEEL" ]; then
            echo "::error::$WHEEL is missing: build it with 'python -m build --wheel' in a journeymap clone and commit it"
            exit 1
          fi
          pip install "$WHEEL"
      - run: journeymap validate --strict --format github
      - run: journeymap fmt --check
"""


@dataclass(frozen=True)
class PackageSource:
    """Where CI installs journeymap from: its wheel, kept in the repository of maps."""

    version: str

    @property
    def wheel_name(self) -> str:
        """The name `python -m build --wheel` gives the wheel (pure Python: py3-none-any)."""
        return f"{PACKAGE}-{self.version}-py3-none-any.whl"

    @property
    def wheel(self) -> str:
        """The wheel's path in the repository of maps, the argument to `pip install`."""
        return f"{WHEEL_FOLDER}/{self.wheel_name}"


def installed_source() -> PackageSource:
    """The wheel of the journeymap that is running, by the version in its metadata (a
    release bump changes the workflow the new version writes, with nothing to edit here)."""
    return PackageSource(journeymap.__version__)


def workflow_text(source: PackageSource | None = None) -> str:
    """The workflow file, installing journeymap from `source` (default: this journeymap)."""
    chosen = source or installed_source()
    return WORKFLOW.format(
        checkout=CHECKOUT,
        setup_python=SETUP_PYTHON,
        wheel=chosen.wheel,
        wheel_name=chosen.wheel_name,
    )
