"""`journeymap serve`: build the site in memory, serve it, rebuild on every saved edit.

The order matters for the user: problems with how serve was called (a missing path, a
port in use) end it at once with one line and exit 2; problems in what they wrote
(YAML, the config, a template) never end it: they are shown in the pages until fixed.
Ctrl-C (or SIGTERM) stops it with exit 0.
"""

from __future__ import annotations

import errno
import sys
import threading
import time
from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path

EXIT_OK, EXIT_USAGE = 0, 2


def _say(text: str, style: str = "") -> None:
    from rich.console import Console
    from rich.text import Text

    Console(stderr=True, soft_wrap=True, highlight=False).print(Text(text, style=style))


def _fail(text: str) -> int:
    _say(f"journeymap: {text}", "bold red")
    return EXIT_USAGE


def _describe(site: object) -> tuple[str, str]:
    """One line on what a build holds, and its style."""
    from journeymap.serve.model import Site

    assert isinstance(site, Site)
    if site.problems:
        files = len(site.problems)
        return (
            f"{site.errors} error(s) in {files} file(s), shown in the pages: "
            + ", ".join(f.path for f in site.problems),
            "bold red",
        )
    return f"{site.journeys} map(s), no errors", "green"


def run(
    paths: Sequence[str],
    *,
    config: Path | None,
    templates: Path | None,
    host: str,
    port: int,
    open_browser: bool,
    today: Callable[[], date],
    verbosity: int = 0,
) -> int:
    """Serve until interrupted; the exit code.

    `verbosity` -1 (--quiet) reports only builds with errors; 1 (--verbose) names every
    changed file.
    """
    from journeymap.config import UsageError, find_config
    from journeymap.serve import watch
    from journeymap.serve.server import LiveSite, SiteServer, is_loopback
    from journeymap.serve.site import SiteBuilder

    if not 0 <= port <= 65535:
        return _fail(f"--port {port}: a port is a number from 0 to 65535")
    if templates is not None and not templates.is_dir():
        return _fail(f"--templates {templates}: no such folder")
    if config is not None and not config.is_file():
        return _fail(f"--config {config}: no such file")
    for name in paths:
        if not Path(name).exists():
            return _fail(f"{name}: no such file or folder")
    config_path = config or find_config(Path.cwd())
    if not paths and config_path is None:
        return _fail(
            str(
                UsageError(
                    "no files given and no journeymap.yaml found; "
                    "name files or folders, or run `journeymap init`"
                )
            )
        )
    if not is_loopback(host):
        _say(
            f"warning: serving on {host}: anyone who can reach this machine on port {port} "
            "can read these journey maps",
            "bold yellow",
        )

    builder = SiteBuilder(paths, config, templates, today)
    started = time.monotonic()
    live = LiveSite(builder.build())
    try:
        server = SiteServer(host, port, live)
    except OSError as exc:
        if exc.errno == errno.EADDRINUSE:
            return _fail(f"port {port} is already in use on {host}; choose another with --port")
        return _fail(f"cannot listen on {host}:{port}: {exc.strerror or exc}")

    shown_host = f"[{host}]" if ":" in host else host
    url = f"http://{shown_host}:{server.port}/"
    thread = threading.Thread(target=server.serve_forever, name="journeymap-http", daemon=True)
    thread.start()
    text, style = _describe(live.current)
    if verbosity >= 0 or live.current.problems:
        _say(f"built in {time.monotonic() - started:.2f} s: {text}", style)
    sys.stdout.write(f"Serving journey maps at {url}  (Ctrl-C to stop)\n")
    sys.stdout.flush()
    if open_browser:
        import webbrowser

        threading.Thread(target=webbrowser.open, args=(url,), daemon=True).start()

    def rebuild(changed: list[str]) -> None:
        began = time.monotonic()
        site = builder.build()
        live.publish(site)
        if verbosity < 0 and not site.problems:
            return
        text, style = _describe(site)
        shown = changed if verbosity > 0 else changed[:3]
        names = ", ".join(_short(p) for p in shown) + (" …" if len(changed) > len(shown) else "")
        _say(f"{names} changed; rebuilt in {time.monotonic() - began:.2f} s: {text}", style)

    stop = threading.Event()
    plan = watch.plan(paths, config_path, templates)
    try:
        watch.watch(plan, rebuild, stop)
    except KeyboardInterrupt:
        pass
    finally:
        stop.set()
        live.close()
        server.shutdown()
        server.server_close()
    _say("stopped")
    return EXIT_OK


def _short(path: str) -> str:
    """A changed path as the user thinks of it: relative to the current folder if inside."""
    try:
        return str(Path(path).relative_to(Path.cwd()))
    except ValueError:
        return path
