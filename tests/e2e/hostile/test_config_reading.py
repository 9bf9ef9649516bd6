"""What journeymap.yaml can make journeymap read (issue 26, rows 3 and 12).

A pull request can change journeymap.yaml, or make it a link. Its `data:` sources stay
inside the project, links included; a refresh hint never echoes more of a file than a
short, escaped header; and the config itself is read under the link rules of journeys.
"""

from __future__ import annotations

import os
import shutil
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from commands.test_serve import Served, raw_get
from conftest import DATA as CONFTEST_DATA
from gitrepo import git

DATA = CONFTEST_DATA / "refresh" / "project"
SECRET = "hunter2-config-secret"
CRM = "source: data/crm-accounts.csv"


@pytest.fixture
def refreshing(tmp_path: Path) -> Path:
    """The refresh fixture project, copied to tmp_path/work/project."""
    target = tmp_path / "work" / "project"
    shutil.copytree(DATA, target)
    return target


@pytest.fixture
def secret_env() -> Iterator[None]:
    os.environ["JOURNEYMAP_TEST_SECRET"] = SECRET
    try:
        yield
    finally:
        del os.environ["JOURNEYMAP_TEST_SECRET"]


def _source_line(config: Path, text: str) -> int:
    lines = config.read_text(encoding="utf-8").splitlines()
    return next(i for i, line in enumerate(lines, 1) if text in line)


def _set_source(project: Path, value: str) -> int:
    config = project / "journeymap.yaml"
    text = config.read_text(encoding="utf-8")
    config.write_text(text.replace(CRM, f"source: {value}"), encoding="utf-8")
    return _source_line(config, f"source: {value}")


# --- row 3: data sources stay in the project ------------------------------------------------


@pytest.mark.usefixtures("secret_env")
@pytest.mark.parametrize("value", ["/proc/self/environ", "../../etc/passwd", "'C:/x.csv'"])
def test_a_data_source_outside_the_project_is_a_config_error(
    cli: Any, refreshing: Path, value: str
) -> None:
    line = _set_source(refreshing, value)
    result = cli("refresh", "--check", cwd=refreshing)
    assert result.exit_code == 2, result.output
    assert SECRET not in result.output and "root:" not in result.output
    assert f"journeymap.yaml:{line}:13:" in result.output  # at the `source:` value
    assert "leads outside the project" in result.output
    assert "Traceback" not in result.output


@pytest.mark.usefixtures("secret_env")
@pytest.mark.parametrize("target", ["/proc/self/environ", "outside"])
def test_a_data_source_that_links_out_of_the_project_is_refused(
    cli: Any, refreshing: Path, target: str
) -> None:
    if target == "outside":
        outside = refreshing.parent / "outside.csv"
        outside.write_text(f"{SECRET},account\nx,y\n", encoding="utf-8")
        link_to = "../../outside.csv"
    else:
        link_to = target
    crm = refreshing / "data" / "crm-accounts.csv"
    crm.unlink()
    crm.symlink_to(link_to)
    line = _source_line(refreshing / "journeymap.yaml", CRM)
    result = cli("refresh", "--check", cwd=refreshing)
    assert result.exit_code == 1, result.output
    assert SECRET not in result.output
    assert f"journeymap.yaml:{line}:13: error[data-source]" in result.output
    assert "outside the project" in result.output
    assert "= help:" in result.output


def test_the_columns_hint_echoes_a_short_escaped_header(cli: Any, refreshing: Path) -> None:
    columns = [f"\x1b[31m\x07col{i:03d}-{'x' * 60}" for i in range(300)]
    crm = refreshing / "data" / "crm-accounts.csv"
    crm.write_text(",".join(columns) + "\n" + ",".join("1" for _ in columns) + "\n", "utf-8")
    result = cli("refresh", "--check", cwd=refreshing)
    assert result.exit_code == 1, result.output
    hint = next(line for line in result.output.splitlines() if "the columns are:" in line)
    assert "\x1b" not in hint and "\x07" not in hint
    assert "\\x1b" in hint  # shown, not obeyed
    assert len(hint) < 400, hint
    assert "col299" not in hint and "300 columns" in hint


# --- row 12: journeymap.yaml itself is read under the link rules ----------------------------

FIRST_LINE = "SECRET-FIRST-LINE: [not, closed"


@pytest.fixture
def linked_config(project: Path) -> Path:
    """The example portfolio whose journeymap.yaml is a link to a file beside the project."""
    outside = project.parent / "outside.yaml"
    outside.write_text(FIRST_LINE + "\n", encoding="utf-8")
    (project / "journeymap.yaml").unlink()
    (project / "journeymap.yaml").symlink_to("../outside.yaml")
    return project


@pytest.mark.parametrize("command", [("validate",), ("render", "-o", "site"), ("diff",)])
def test_a_config_that_links_out_of_its_folder_is_refused(
    cli: Any, linked_config: Path, command: tuple[str, ...]
) -> None:
    if command == ("diff",):
        git(linked_config, "init", "-q", "-b", "main")
        git(linked_config, "add", "journeys")
        git(linked_config, "commit", "-qm", "first")
    result = cli(*command, cwd=linked_config)
    assert result.exit_code == 2, result.output
    assert "SECRET-FIRST-LINE" not in result.output
    assert "journeymap.yaml is a link to" in result.output
    assert "outside its folder" in result.output and "= help:" in result.output


@pytest.mark.usefixtures("secret_env")
def test_a_config_that_links_to_proc_is_refused(cli: Any, project: Path) -> None:
    (project / "journeymap.yaml").unlink()
    (project / "journeymap.yaml").symlink_to("/proc/self/environ")
    for named in ((), ("--config", "journeymap.yaml")):
        result = cli("validate", *named, cwd=project)
        assert result.exit_code == 2, result.output
        assert SECRET not in result.output
        assert "internal error" not in result.output
        assert "journeymap.yaml is a link to /proc/" in result.output


def test_a_config_linked_inside_its_folder_is_read(cli: Any, project: Path) -> None:
    (project / "journeymap.yaml").rename(project / "settings.yaml")
    (project / "journeymap.yaml").symlink_to("settings.yaml")
    assert cli("validate", cwd=project).exit_code == 0


def _inotify_watches(pid: int) -> int:
    count = 0
    for fd in Path(f"/proc/{pid}/fd").iterdir():
        try:
            if "inotify" in os.readlink(fd):
                info = (Path(f"/proc/{pid}/fdinfo") / fd.name).read_text(encoding="utf-8")
                count += info.count("inotify wd:")
        except OSError:
            continue
    return count


def test_serve_shows_no_line_of_the_target(linked_config: Path) -> None:
    server = Served(linked_config, "--port", "0")
    try:
        server.wait_for_url()
        status, body = raw_get(server.port, "/")
    finally:
        server.stop()
    assert status == 200
    assert b"SECRET-FIRST-LINE" not in body
    assert b"outside its folder" in body
    assert "Traceback" not in server.stderr


LIB_FILE = Path("/usr/lib/os-release")


@pytest.mark.skipif(
    not LIB_FILE.is_file() or not Path("/proc/self/fdinfo").is_dir(),
    reason="needs Linux's /proc and /usr/lib/os-release",
)
def test_serve_watches_only_the_project(project: Path) -> None:
    (project / "journeymap.yaml").unlink()
    (project / "journeymap.yaml").symlink_to(LIB_FILE)
    server = Served(project, "--port", "0")
    try:
        server.wait_for_url()
        deadline = time.monotonic() + 15
        while time.monotonic() < deadline and not _inotify_watches(server.proc.pid):
            time.sleep(0.1)
        time.sleep(1.0)  # let a recursive watch of a large folder grow, if one was started
        watches = _inotify_watches(server.proc.pid)
        status, body = raw_get(server.port, "/")
    finally:
        server.stop()
    folders = sum(1 for p in project.rglob("*") if p.is_dir()) + 1
    assert 0 < watches <= folders, (watches, folders)
    assert status == 200 and b"outside its folder" in body
    first = LIB_FILE.read_text(encoding="utf-8").splitlines()[0]
    assert os.fsencode(first) not in body
    assert "Traceback" not in server.stderr
