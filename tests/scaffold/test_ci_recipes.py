"""The CI recipes people copy: the workflow `journeymap init` writes, and every GitHub
Actions workflow shown in README.md and docs/*.md.

Each is audited with the real zizmor (offline, its default persona, no ignore comments
honoured) and must have no findings at all; each is valid YAML and valid against the
GitHub workflow schema that check-jsonschema ships. A workflow is any ```yaml block with a
top-level `on:` or `jobs:`, so a recipe added to the docs is checked without listing it
here. journeymap has no published release: every recipe installs the wheel the team
keeps in its repository (`tools/journeymap-<version>-py3-none-any.whl`).
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
import tomllib
from pathlib import Path
from typing import Any

import pytest

import journeymap
import yaml
from conftest import ROOT
from gitrepo import git
from journeymap.scaffold.ci_workflow import installed_source

ZIZMOR = Path(sys.executable).with_name("zizmor")
CHECK_JSONSCHEMA = Path(sys.executable).with_name("check-jsonschema")
PAGES = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
YAML_BLOCK = re.compile(r"^```yaml\n(.*?)^```", re.MULTILINE | re.DOTALL)
CODE_BLOCK = re.compile(r"^```[a-z]*\n(.*?)^```", re.MULTILINE | re.DOTALL)
WORKFLOW_KEY = re.compile(r"^(on|jobs):", re.MULTILINE)
USES = re.compile(r"^\s*-?\s*uses: ([\w./-]+)@(\S+)(.*)$", re.MULTILINE)
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
INIT_WORKFLOW = Path(".github/workflows/journeymap.yml")


def documented_workflows() -> dict[str, str]:
    """{file name: text} of every workflow in the docs, named after page and position."""
    found: dict[str, str] = {}
    for page in PAGES:
        blocks = YAML_BLOCK.findall(page.read_text(encoding="utf-8"))
        workflows = [b for b in blocks if WORKFLOW_KEY.search(b)]
        for number, block in enumerate(workflows, 1):
            found[f"{page.stem}-{number}.yml"] = block
    return found


def write_workflows(folder: Path, workflows: dict[str, str]) -> list[Path]:
    """The workflows where GitHub reads them, `.github/workflows/`, in `folder`."""
    target = folder / ".github" / "workflows"
    target.mkdir(parents=True)
    paths = []
    for name, text in workflows.items():
        (target / name).write_text(text, encoding="utf-8")
        paths.append(target / name)
    return paths


def zizmor(*paths: Path) -> list[dict[str, Any]]:
    """zizmor's findings on these workflows; a file it cannot read fails the test."""
    assert ZIZMOR.exists(), "zizmor is a test dependency (pip install -e '.[test]')"
    done = subprocess.run(
        [
            str(ZIZMOR),
            "--offline",  # no GitHub API: the audits that read the files alone
            "--no-config",  # a zizmor.yml on the machine cannot relax them
            "--no-ignores",  # nor a `# zizmor: ignore` comment in a recipe
            "--strict-collection",  # a workflow it cannot parse is an error, not skipped
            "--format",
            "json",
            *map(str, paths),
        ],
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    # 0: no findings; 10-14: findings at the highest severity found; others: zizmor failed
    assert done.returncode == 0 or 10 <= done.returncode <= 14, done.stderr
    findings = json.loads(done.stdout)
    assert isinstance(findings, list), done.stdout
    return findings


def summary(findings: list[dict[str, Any]]) -> list[str]:
    """`ident file:line feature` of each finding: what a failing test should say."""
    out = []
    for finding in findings:
        where = finding["locations"][0]
        path = where["symbolic"]["key"]["Local"]["verbatim_path"]
        line = where["concrete"]["location"]["start_point"]["row"] + 1
        feature = where["concrete"]["feature"].splitlines()[0].strip()
        out.append(f"{finding['ident']} {Path(path).name}:{line} {feature}")
    return out


def schema_check(*paths: Path) -> subprocess.CompletedProcess[str]:
    assert CHECK_JSONSCHEMA.exists(), "check-jsonschema is a test dependency"
    return subprocess.run(
        [str(CHECK_JSONSCHEMA), "--builtin-schema", "vendor.github-workflows", *map(str, paths)],
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )


@pytest.fixture
def init_workflow(cli: Any, tmp_path: Path) -> Path:
    target = tmp_path / "maps"
    result = cli("init", str(target))
    assert result.exit_code == 0, result.output
    return target / INIT_WORKFLOW


# --- the harness can fail ------------------------------------------------------------------


def test_the_docs_hold_the_workflows_this_file_audits() -> None:
    names = set(documented_workflows())
    assert {"README-1.yml", "refresh-1.yml"} <= names  # GitHub Actions, the scheduled check


def test_zizmor_and_the_schema_catch_what_the_recipes_avoid(tmp_path: Path) -> None:
    """The old README pattern: a branch name pasted into a script, an unpinned action that
    keeps its credentials, no permissions block; and a misspelt key for the schema."""
    [bad] = write_workflows(
        tmp_path,
        {
            "bad.yml": "name: bad\non: pull_request\njobs:\n  check:\n"
            "    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n"
            "      - run: journeymap diff origin/${{ github.base_ref }}\n"
        },
    )
    found = summary(zizmor(bad))
    assert sorted({f.split()[0] for f in found}) == [
        "artipacked",
        "excessive-permissions",
        "template-injection",
        "unpinned-uses",
    ], found
    assert (
        "template-injection bad.yml:8 run: journeymap diff origin/${{ github.base_ref }}" in found
    )
    assert schema_check(bad).returncode == 0
    bad.write_text(bad.read_text(encoding="utf-8").replace("runs-on", "run-on"), "utf-8")
    assert schema_check(bad).returncode == 1


# --- the recipes ---------------------------------------------------------------------------


def test_documented_workflows_have_no_zizmor_findings(tmp_path: Path) -> None:
    paths = write_workflows(tmp_path, documented_workflows())
    assert summary(zizmor(*paths)) == []


def test_documented_workflows_are_valid_yaml_and_valid_workflows(tmp_path: Path) -> None:
    paths = write_workflows(tmp_path, documented_workflows())
    for path in paths:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        assert isinstance(data, dict) and isinstance(data.get("jobs"), dict), path.name
    result = schema_check(*paths)
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_workflow_init_writes_has_no_zizmor_findings(init_workflow: Path) -> None:
    assert summary(zizmor(init_workflow)) == []
    result = schema_check(init_workflow)
    assert result.returncode == 0, result.stdout + result.stderr


def test_init_installs_journeymap_from_the_wheel_of_its_own_version(
    init_workflow: Path,
) -> None:
    """No public release exists to install: the workflow installs the wheel the team
    keeps in the repository, named for the version of the journeymap that wrote it."""
    text = init_workflow.read_text(encoding="utf-8")
    wheel = f"tools/journeymap-{PYPROJECT['version']}-py3-none-any.whl"
    assert f"          WHEEL: {wheel}\n" in text
    assert '          pip install "$WHEEL"\n' in text
    assert "python -m build --wheel" in text  # the comment says how to make it
    assert "git+" not in text and "@v" not in text


def test_the_workflow_says_what_to_do_while_the_wheel_is_missing(
    init_workflow: Path, tmp_path: Path
) -> None:
    """The install step, run as GitHub runs it (bash -e), in a repository without the
    wheel: one annotation naming the file and the command that makes it, and a failure."""
    data = yaml.safe_load(init_workflow.read_text(encoding="utf-8"))
    [step] = [s for s in data["jobs"]["journeymap"]["steps"] if "WHEEL" in s.get("env", {})]
    done = subprocess.run(
        ["bash", "-e", "-c", step["run"]],
        cwd=tmp_path,
        env={"PATH": "/usr/bin:/bin", **step["env"]},
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 1
    assert done.stdout.startswith(f"::error::{step['env']['WHEEL']} is missing: build it with ")


def test_a_release_bump_changes_the_wheel_init_names(
    cli: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The wheel's version comes from the installed journeymap, not from a copy in the code."""
    monkeypatch.setattr(journeymap, "__version__", "2.3.4", raising=False)
    result = cli("init", str(tmp_path / "maps"))
    assert result.exit_code == 0
    text = (tmp_path / "maps" / INIT_WORKFLOW).read_text(encoding="utf-8")
    assert "WHEEL: tools/journeymap-2.3.4-py3-none-any.whl\n" in text
    assert "tools/journeymap-2.3.4-py3-none-any.whl" in " ".join(result.stderr.split())


# Every way the docs install journeymap, each of which works from what a user has: a
# clone, or the wheel built from one. `{wheel}` is the current version's wheel file.
INSTALL_FORMS = [
    r"pipx install \.",
    r"pip install \.",
    r"python3 -m venv \.venv && \.venv/bin/pip install -q -e (\.|'\.\[test\]')( && .*)?",
    r"python3 -m pip install build && python3 -m build --wheel",
    r"pipx install {wheel}",
    r"(- )?(run: )?pip install tools/{wheel}",
]


def test_every_install_line_works_from_a_clone_or_a_wheel() -> None:
    """No line installs from a package index, a repository URL or a tag: journeymap has
    none. A version bump fails here until the docs name the new wheel."""
    source = installed_source()
    assert source.version == PYPROJECT["version"], "reinstall: pip install -e '.[test]'"
    forms = [
        re.compile(form.replace("{wheel}", re.escape(source.wheel_name))) for form in INSTALL_FORMS
    ]
    lines = [
        (page.name, line.split(" #", 1)[0].strip())
        for page in PAGES
        for block in CODE_BLOCK.findall(page.read_text(encoding="utf-8"))
        for line in block.splitlines()
        if re.search(r"\bpipx? install\b", line)
    ]
    assert len(lines) >= 6, lines
    wrong = [(page, line) for page, line in lines if not any(f.fullmatch(line) for f in forms)]
    assert not wrong, wrong


# No exception: even SARIF names no address (journeymap has no public one to give).
KNOWN_DEAD_LINKS: set[str] = set()


def test_no_page_or_file_names_a_repository_or_tag_that_does_not_exist() -> None:
    """The old install lines named a GitHub repository and a tag v0.1.0; neither exists."""
    fake = ("github.com/" + "journeymap", "git+" + "https://", "rev: v" + "0.")
    listed = git(ROOT, "ls-files", "-co", "--exclude-standard").splitlines()
    found = [
        name
        for name in listed
        if (ROOT / name).is_file()
        and name not in KNOWN_DEAD_LINKS
        and not name.startswith("tests/data/")
        and (ROOT / name).suffix in {".md", ".py", ".toml", ".yaml", ".yml", ".j2", ".json", ""}
        and any(f in (ROOT / name).read_text(encoding="utf-8", errors="replace") for f in fake)
    ]
    assert not found, found
    assert "urls" not in PYPROJECT


def test_the_licence_the_metadata_claims_is_there() -> None:
    assert PYPROJECT["license"] == "MIT" and PYPROJECT["license-files"] == ["LICENSE"]
    text = (ROOT / "LICENSE").read_text(encoding="utf-8")
    assert text.startswith("MIT License\n\nCopyright (c) ") and "the journeymap authors" in text
    assert any(
        c.startswith("Programming Language :: Python :: 3.11") for c in PYPROJECT["classifiers"]
    )


def test_documented_actions_are_pinned_like_inits(init_workflow: Path) -> None:
    """One commit per action everywhere, with its release in the comment."""
    texts = [init_workflow.read_text(encoding="utf-8"), *documented_workflows().values()]
    pins: dict[str, set[tuple[str, str]]] = {}
    for text in texts:
        for action, ref, comment in USES.findall(text):
            pins.setdefault(action, set()).add((ref, comment.strip()))
    assert {"actions/checkout", "actions/setup-python"} <= set(pins)
    for action, seen in pins.items():
        assert len(seen) == 1, (action, seen)
        [(ref, comment)] = seen
        assert re.fullmatch(r"[0-9a-f]{40}", ref), action
        assert re.fullmatch(r"# v\d+\.\d+\.\d+", comment), action


# --- init and git: the rendered site stays out of the repository --------------------------


def test_init_ignores_the_rendered_site_in_a_real_repository(cli: Any, tmp_path: Path) -> None:
    target = tmp_path / "maps"
    assert cli("init", str(target)).exit_code == 0
    git(target, "init", "-q")
    assert cli("render", str(target / "journeys"), "-o", str(target / "site")).exit_code == 0
    assert (target / "site" / "index.html").is_file()
    status = git(target, "status", "--porcelain", "--untracked-files=all")
    assert "site/" not in status  # ignored: git does not even list it
    assert ".gitignore" in status and "journeys/" in status  # what the team commits
    assert git(target, "check-ignore", "site/index.html").strip() == "site/index.html"


def test_init_keeps_an_existing_gitignore_and_says_what_to_add(cli: Any, tmp_path: Path) -> None:
    target = tmp_path / "repo"
    target.mkdir()
    mine = target / ".gitignore"
    mine.write_text("node_modules/\n", encoding="utf-8")
    result = cli("init", str(target), "--force")
    assert result.exit_code == 0, result.output
    assert mine.read_text(encoding="utf-8") == "node_modules/\n"
    message = " ".join(result.stderr.split())
    assert f"kept your {mine}; add `site/` to it" in message
    mine.write_text("node_modules/\n/site/\n", encoding="utf-8")
    result = cli("init", str(target), "--force")
    assert "it already keeps site/ out of git" in " ".join(result.stderr.split())


def test_the_workflow_init_writes_runs_once_per_change(init_workflow: Path) -> None:
    """Every pull request, and pushes to the default branch only: with a bare `push` a
    branch with an open pull request would be checked twice for each commit."""
    data = yaml.safe_load(init_workflow.read_text(encoding="utf-8"))
    triggers = data.get("on", data.get(True))  # PyYAML reads a bare `on` as YAML 1.1's true
    assert triggers == {"pull_request": None, "push": {"branches": ["main"]}}, triggers
