"""`journeymap serve` as a user runs it: a real process, real files, real Chromium.

Every wait is bounded: a server that hangs or never reloads fails the test.
"""

from __future__ import annotations

import http.client
import os
import queue
import re
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

import yaml
from conftest import EXAMPLES, TODAY

BIN = Path(sys.executable).with_name("journeymap")
START_TIMEOUT = 30.0
EDIT_TIMEOUT_MS = 15_000


class Served:
    """A `journeymap serve` process; stdout and stderr are read as they come."""

    def __init__(self, project: Path, *args: str) -> None:
        self.project = project
        env = {**os.environ, "JOURNEYMAP_TODAY": TODAY, "PYTHONUNBUFFERED": "1"}
        self.proc = subprocess.Popen(
            [str(BIN), "serve", *args],
            cwd=project,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        self.stdout: queue.Queue[str] = queue.Queue()
        self.stderr_lines: list[str] = []
        threading.Thread(target=self._pump, args=(self.proc.stdout, None), daemon=True).start()
        threading.Thread(
            target=self._pump, args=(self.proc.stderr, self.stderr_lines), daemon=True
        ).start()
        self.url = ""

    def _pump(self, stream: Any, into: list[str] | None) -> None:
        for line in stream:
            if into is None:
                self.stdout.put(line)
            else:
                into.append(line)

    def wait_for_url(self) -> str:
        try:
            line = self.stdout.get(timeout=START_TIMEOUT)
        except queue.Empty:
            self.stop()
            pytest.fail(f"serve printed no URL; stderr: {self.stderr}")
        match = re.search(r"http://127\.0\.0\.1:(\d+)/", line)
        assert match, line
        self.url = match.group(0)
        self.port = int(match.group(1))
        return self.url

    @property
    def stderr(self) -> str:
        return "".join(self.stderr_lines)

    def stop(self, sig: int = signal.SIGINT) -> int:
        if self.proc.poll() is None:
            self.proc.send_signal(sig)
        try:
            return self.proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait(timeout=5)
            pytest.fail("serve did not stop within 15 s of the signal")

    def finish(self) -> int:
        """Wait for a process that ends by itself (usage errors)."""
        try:
            code = self.proc.wait(timeout=START_TIMEOUT)
        except subprocess.TimeoutExpired:
            self.stop()
            pytest.fail("serve kept running")
        time.sleep(0.2)  # let the pump threads read the last lines
        return code


@pytest.fixture
def portfolio(tmp_path: Path) -> Path:
    target = tmp_path / "project"
    shutil.copytree(EXAMPLES, target, ignore=shutil.ignore_patterns("site", ".journeymap_cache"))
    return target


@pytest.fixture
def served(portfolio: Path) -> Iterator[Served]:
    server = Served(portfolio, "--port", "0")
    server.wait_for_url()
    yield server
    code = server.stop()
    assert code in (0, 130), server.stderr
    assert "Traceback" not in server.stderr


@pytest.fixture
def live_page(browser: Any, served: Served) -> Iterator[Any]:
    """A Chromium page that may talk to the server and nothing else."""
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    page = context.new_page()
    page.set_default_timeout(EDIT_TIMEOUT_MS)
    outside: list[str] = []
    problems: list[str] = []
    page.on("pageerror", lambda e: problems.append(str(e)))
    page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)

    def route(r: Any) -> None:
        if r.request.url.startswith(served.url):
            r.continue_()
        else:
            outside.append(r.request.url)
            r.abort()

    page.route("**/*", route)
    page.outside = outside
    page.problems = problems
    yield page
    context.close()
    assert outside == [], "served pages must not reach outside the site"


def journey_ids(project: Path) -> list[str]:
    ids = []
    for path in sorted((project / "journeys").glob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        ids.append(data["id"])
    return ids


def first_touchpoint_name(path: Path) -> str:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    for stage in data["stages"]:
        for touchpoint in stage.get("touchpoints", []):
            return str(touchpoint["name"])
    raise AssertionError("no touchpoint")


def save(path: Path, text: str) -> None:
    """Save as an editor does: write a temporary file, then rename it over the old one."""
    tmp = path.with_name(f".{path.name}.tmp~")
    tmp.write_text(text, encoding="utf-8")
    tmp.replace(path)


# --- in the browser ---------------------------------------------------------------------------


def test_index_lists_every_map(served: Served, live_page: Any) -> None:
    ids = journey_ids(served.project)
    assert len(ids) == 4
    live_page.goto(served.url)
    rows = live_page.locator("table.portfolio tbody tr")
    assert sorted(rows.evaluate_all("rows => rows.map(r => r.id)")) == sorted(
        f"journey-{i}" for i in ids
    )
    assert live_page.locator("#journeymap-problems").count() == 0
    live_page.locator(f"#journey-{ids[0]} a").first.click()
    live_page.wait_for_url(f"{served.url}maps/{ids[0]}.html")
    assert live_page.locator(".map-scroll table.map").is_visible()
    assert live_page.problems == [], "no CSP violation or script error on served pages"


def test_edit_shows_without_reloading_by_hand(served: Served, live_page: Any) -> None:
    path = served.project / "journeys" / "acme-b2b-current.yaml"
    text = path.read_text(encoding="utf-8")
    old = first_touchpoint_name(path)
    live_page.goto(f"{served.url}maps/acme-b2b.html")
    card = live_page.locator(".map-scroll article.card h3").filter(has_text=old)
    assert card.count() == 1
    live_page.evaluate("window.__before_edit = true")  # gone once the page reloads itself
    save(path, text.replace(f"name: {old}\n", "name: Renamed while serving\n", 1))
    live_page.locator(".map-scroll article.card h3", has_text="Renamed while serving").wait_for()
    assert live_page.evaluate("window.__before_edit === undefined")
    assert live_page.locator(".map-scroll article.card h3").filter(has_text=old).count() == 0
    assert live_page.problems == []


def test_syntax_error_overlay_then_fix_brings_the_map_back(served: Served, live_page: Any) -> None:
    path = served.project / "journeys" / "acme-b2b-current.yaml"
    good = path.read_text(encoding="utf-8")
    lines = good.splitlines(keepends=True)
    title_line = next(i for i, line in enumerate(lines, 1) if line.startswith("title: "))
    lines[title_line - 1] = "title: @oops <img src=x onerror=alert(1)>\n"
    live_page.goto(f"{served.url}maps/acme-b2b.html")
    assert live_page.locator(".map-scroll table.map").is_visible()
    dialogs: list[str] = []

    def on_dialog(dialog: Any) -> None:
        dialogs.append(dialog.message)
        dialog.dismiss()

    live_page.on("dialog", on_dialog)

    save(path, "".join(lines))
    overlay = live_page.locator("#journeymap-problems")
    overlay.wait_for()
    # `@` cannot start a YAML value: the parser stops at the title line, column 8
    where = f"journeys/acme-b2b-current.yaml:{title_line}:8"
    assert where in overlay.inner_text()
    assert "yaml-syntax" in overlay.inner_text()
    frame = overlay.locator("pre.jm-frame").inner_text()
    assert "title: @oops <img src=x onerror=alert(1)>" in frame  # shown as text, not markup
    assert overlay.locator("img").count() == 0
    assert live_page.locator(".map-scroll table.map").count() == 1, (
        "the last good map stays under it"
    )
    live_page.goto(served.url)  # the index lists the broken file with its errors
    assert where in live_page.locator("#journeymap-problems").inner_text()
    live_page.goto(f"{served.url}maps/acme-b2b.html")

    save(path, good)
    overlay.wait_for(state="detached")
    assert live_page.locator(".map-scroll table.map").is_visible()
    assert dialogs == []
    assert live_page.problems == []


def test_new_and_deleted_files_come_and_go_in_the_index(served: Served, live_page: Any) -> None:
    source = served.project / "journeys" / "shipper-consumer.yaml"
    text = source.read_text(encoding="utf-8")
    old_id = yaml.safe_load(text)["id"]
    new = served.project / "journeys" / "brand-new.yaml"
    live_page.goto(served.url)
    rows = live_page.locator("table.portfolio tbody tr")
    before = rows.count()

    new.write_text(
        text.replace(f"id: {old_id}\n", "id: brand-new-map\n", 1).replace(
            "title: ", "title: Brand new ", 1
        ),
        encoding="utf-8",
    )
    live_page.locator("#journey-brand-new-map").wait_for()
    assert rows.count() == before + 1

    new.unlink()
    live_page.locator("#journey-brand-new-map").wait_for(state="detached")
    assert rows.count() == before

    broken = served.project / "journeys" / "only-errors.yaml"
    broken.write_text("journeymap: 1\nid: only-errors\nstages: nope\n", encoding="utf-8")
    problems = live_page.locator("#journeymap-problems")
    problems.wait_for()
    assert "journeys/only-errors.yaml:" in problems.inner_text()
    link = problems.locator("a", has_text="journeys/only-errors.yaml")
    assert link.get_attribute("href") == "/maps/only-errors.html"
    link.click()
    live_page.wait_for_url(f"{served.url}maps/only-errors.html")
    assert "journeys/only-errors.yaml:3:" in live_page.locator("#journeymap-problems").inner_text()


# --- the network --------------------------------------------------------------------------------


def raw_get(port: int, target: str, host: str = "127.0.0.1") -> tuple[int, bytes]:
    """A request sent byte for byte, so no client library tidies the path first."""
    with socket.create_connection(("127.0.0.1", port), timeout=10) as conn:
        conn.sendall(
            f"GET {target} HTTP/1.1\r\nHost: {host}:{port}\r\nConnection: close\r\n\r\n".encode()
        )
        data = b""
        while chunk := conn.recv(65536):
            data += chunk
    head, _, body = data.partition(b"\r\n\r\n")
    status = int(head.split(b" ", 2)[1])
    return status, body


def test_nothing_outside_the_site(served: Served) -> None:
    secret = served.project.parent / "secret.txt"
    secret.write_text("outside-the-site", encoding="utf-8")
    (served.project / "link").symlink_to(served.project.parent, target_is_directory=True)
    (served.project / "passwd.html").symlink_to("/etc/passwd")
    port = served.port
    for target in [
        "/../secret.txt",
        "/../../../../etc/passwd",
        "/%2e%2e/secret.txt",
        "/%2E%2E%2Fsecret.txt",
        "/..%2fsecret.txt",
        "/.%2e/.%2e/etc/passwd",
        "//etc/passwd",
        "/etc/passwd",
        "/%2Fetc%2Fpasswd",
        "/..\\secret.txt",
        "/link/secret.txt",
        "/passwd.html",
        "/journeymap.yaml",
        "/journeys/acme-b2b-current.yaml",
        f"http://127.0.0.1:{port}/../secret.txt",
        "../secret.txt",
        "/index.html%00.yaml",
    ]:
        status, body = raw_get(port, target)
        assert status == 404, target
        assert b"outside-the-site" not in body and b"root:" not in body, target
    status, body = raw_get(port, "/")
    assert status == 200 and b'<table class="portfolio dashboard reflow">' in body
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    conn.request("GET", "/../secret.txt")
    response = conn.getresponse()
    assert response.status == 404 and b"outside-the-site" not in response.read()
    conn.close()


def test_the_gaps_csv_is_served_as_csv(served: Served) -> None:
    """The gap report's download link works in `serve` as in the written site."""
    conn = http.client.HTTPConnection("127.0.0.1", served.port, timeout=10)
    conn.request("GET", "/gaps.csv")
    response = conn.getresponse()
    body = response.read()
    conn.close()
    assert response.status == 200
    assert response.getheader("Content-Type") == "text/csv; charset=utf-8"
    assert body.startswith(b"\xef\xbb\xbfrank,score,size,weight,moment_of_truth_factor,kind,")
    status, page = raw_get(served.port, "/gap-report.html")
    assert status == 200 and b'<a href="gaps.csv" download>' in page


def test_another_host_name_is_refused(served: Served) -> None:
    """A page elsewhere that points its own name at 127.0.0.1 cannot read the maps."""
    status, body = raw_get(served.port, "/", host="attacker.example")
    assert status == 421 and b"journey" not in body.lower()
    assert raw_get(served.port, "/", host="localhost")[0] == 200


def _outward_address() -> str | None:
    """This machine's address on its default route (no packet is sent), if it has one."""
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
        try:
            probe.connect(("10.255.255.255", 1))
            address = str(probe.getsockname()[0])
        except OSError:
            return None
    return None if address.startswith("127.") else address


def test_listens_on_loopback_only(served: Served) -> None:
    listening = []
    for line in Path("/proc/net/tcp").read_text().splitlines()[1:]:
        local, _, state = line.split()[1:4]
        address, port = local.split(":")
        if int(port, 16) == served.port and state == "0A":  # LISTEN
            listening.append(address)
    assert listening == ["0100007F"], "bound to 127.0.0.1 and nothing else"
    tcp6 = Path("/proc/net/tcp6")
    if tcp6.exists():
        ports = [
            int(line.split()[1].split(":")[1], 16) for line in tcp6.read_text().splitlines()[1:]
        ]
        assert served.port not in ports
    outward = _outward_address()
    if outward is not None:
        with pytest.raises(OSError):
            socket.create_connection((outward, served.port), timeout=3).close()


def test_ctrl_c_ends_it_cleanly_with_a_page_open(served: Served, live_page: Any) -> None:
    live_page.goto(served.url)  # holds an event stream open
    live_page.wait_for_timeout(300)
    code = served.stop(signal.SIGINT)
    assert code in (0, 130)
    assert "Traceback" not in served.stderr
    assert served.stderr.rstrip().endswith("stopped")


def test_sigterm_ends_it_too(served: Served) -> None:
    assert served.stop(signal.SIGTERM) in (0, 130)
    assert "Traceback" not in served.stderr


def test_port_in_use_is_one_line_and_exit_2(portfolio: Path) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        server = Served(portfolio, "--port", str(port))
        code = server.finish()
    assert code == 2
    errors = [line for line in server.stderr.splitlines() if line.startswith("journeymap:")]
    assert errors == [
        f"journeymap: port {port} is already in use on 127.0.0.1; choose another with --port"
    ]
    assert "Traceback" not in server.stderr


def test_a_public_host_is_warned_about(portfolio: Path) -> None:
    with socket.socket() as taken:  # bound, never listening: nothing is exposed
        taken.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 0)
        taken.bind(("0.0.0.0", 0))
        port = taken.getsockname()[1]
        server = Served(portfolio, "--host", "0.0.0.0", "--port", str(port))
        code = server.finish()
    assert code == 2
    assert "warning: serving on 0.0.0.0: anyone who can reach this machine" in server.stderr


def test_missing_path_is_a_usage_error(portfolio: Path) -> None:
    server = Served(portfolio, "nowhere/", "--port", "0")
    assert server.finish() == 2
    assert server.stderr.strip() == "journeymap: nowhere/: no such file or folder"


# --- the addresses docs/serve.md gives ------------------------------------------------------

SERVE_DOC = EXAMPLES.parent / "docs" / "serve.md"
DOC_ADDRESS = re.compile(r"^\| `(/[^`]*)` \|", re.MULTILINE)


def example_names() -> dict[str, str]:
    """Real values for the doc's placeholders, read from examples/: a journey and one of
    its personas, and the business layer of the B2B2C pair."""
    journeys = [
        yaml.safe_load(path.read_text(encoding="utf-8"))
        for path in sorted((EXAMPLES / "journeys").glob("*.yaml"))
    ]
    journey = next(j for j in journeys if j.get("personas"))
    first = journey["personas"][0]
    business = next(j for j in journeys if j.get("layer") == "business")
    return {
        "<journey-id>": journey["id"],
        "<persona-id>": first if isinstance(first, str) else first["id"],
        "<business-journey-id>": business["id"],
    }


def documented_addresses() -> list[str]:
    names = example_names()
    found = []
    for address in DOC_ADDRESS.findall(SERVE_DOC.read_text(encoding="utf-8")):
        for placeholder, value in names.items():
            address = address.replace(placeholder, value)
        found.append(address)
    return found


def test_every_address_docs_serve_names_answers(served: Served) -> None:
    """A reader who types an address from docs/serve.md gets that page, not a 404."""
    addresses = documented_addresses()
    assert len(addresses) >= 4 and "/" in addresses, addresses  # the table was read
    assert not [a for a in addresses if "<" in a], addresses  # every placeholder filled
    for address in addresses:
        path, _, fragment = address.partition("#")
        status, body = raw_get(served.port, path)
        assert status == 200, address
        if fragment.startswith("persona="):  # the page can show that persona's view
            assert f'data-filter="{fragment.removeprefix("persona=")}"'.encode() in body, address
