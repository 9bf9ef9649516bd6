"""The GitHub Actions workflow `journeymap init` writes, and where CI installs journeymap from.

journeymap is not on a package index, so CI installs it from its repository at the tag
of a release. Both come from the installed package's metadata (`[project] version` and
`[project.urls] Repository` in pyproject.toml): a release bump changes the workflow that
the new version writes, with nothing else to edit here.

The workflow follows the usual hardening (zizmor's audits; tests/test_ci_recipes.py runs
zizmor over it): no permissions at the top, read-only contents for the job, actions
pinned by commit hash (the tag in the comment), and no Git credentials left in the
checkout for later steps to read.
"""

from __future__ import annotations

from dataclasses import dataclass
from importlib import metadata

PACKAGE = "journeymap"
REPOSITORY = "https://github.com/journeymap/journeymap"  # only when no metadata can be read

# Each action at the commit of one release; the README and docs/ use the same pins
# (tests/test_ci_recipes.py checks that they agree).
CHECKOUT = "actions/checkout@3d3c42e5aac5ba805825da76410c181273ba90b1  # v7.0.1"
SETUP_PYTHON = "actions/setup-python@5fda3b95a4ea91299a34e894583c3862153e4b97  # v7.0.0"

WORKFLOW = """\
# Check the journey maps on every pull request (journeymap init wrote this file).
# journeymap comes from its repository, at the release of the journeymap that wrote this file.
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
      - run: pip install "{spec}"
      - run: journeymap validate --strict --format github
      - run: journeymap fmt --check
"""


@dataclass(frozen=True)
class PackageSource:
    """Where pip fetches journeymap from: the repository, at the tag of a release."""

    repository: str
    version: str | None  # None: not installed (a bare source tree), so no tag is known

    @property
    def tag(self) -> str | None:
        return None if self.version is None else f"v{self.version}"

    @property
    def requirement(self) -> str:
        """`journeymap @ git+URL@vX.Y.Z`, the argument to `pip install`."""
        at = "" if self.tag is None else f"@{self.tag}"
        return f"{PACKAGE} @ git+{self.repository}{at}"


def installed_source() -> PackageSource:
    """The repository and version of the journeymap that is running, from its metadata."""
    try:
        meta = metadata.metadata(PACKAGE)
    except metadata.PackageNotFoundError:
        return PackageSource(REPOSITORY, None)
    urls = dict(entry.split(",", 1) for entry in meta.get_all("Project-URL") or [] if "," in entry)
    repository = urls.get("Repository", REPOSITORY).strip()
    return PackageSource(repository, meta["Version"])


def workflow_text(source: PackageSource | None = None) -> str:
    """The workflow file, installing journeymap from `source` (default: this journeymap)."""
    spec = (source or installed_source()).requirement
    return WORKFLOW.format(checkout=CHECKOUT, setup_python=SETUP_PYTHON, spec=spec)
