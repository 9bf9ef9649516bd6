"""Preview the maps while you edit: the site is rebuilt on every save and open pages follow.

The site is built in memory (nothing is written) and served on 127.0.0.1 unless --host
says otherwise. Problems in what you wrote (YAML, the config, a template) never stop it:
they show over the page until fixed. A missing path or a port in use ends it at once
(exit 2); Ctrl-C stops it (exit 0).

Examples:

  journeymap serve                       # the config's maps at http://127.0.0.1:8000/
  journeymap serve --open --port 8080
  journeymap serve journeys/ --templates my-templates
"""

from __future__ import annotations

import errno
import threading
import time
from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path

from journeymap.commands._output import EXIT_OK, EXIT_USAGE, Console
from journeymap.core.clock import today
from journeymap.core.errors import UsageError
from journeymap.core.wording import count_of
from journeymap.project.config import find_config
from journeymap.serve import watch
from journeymap.serve.model import Site
from journeymap.serve.server import LiveSite, SiteServer, is_loopback
from journeymap.serve.site import SiteBuilder


def serve(
    console: Console,
    paths: Sequence[str] | None,
    config: Path | None,
    templates: Path | None,
    host: str,
    port: int,
    open_browser: bool,
) -> int:
    """The command: serve until interrupted."""
    return run(
        console,
        list(paths or []),
        config=config,
        templates=templates,
        host=host,
        port=port,
        open_browser=open_browser,
        today=today,
    )


def _describe(site: Site) -> tuple[str, str]:
    """One line on what a build holds, and its style."""
    if site.problems:
        files = len(site.problems)
        return (
            f"{count_of(site.errors, 'error')} in {count_of(files, 'file')}, shown in the pages: "
            + ", ".join(f.path for f in site.problems),
            "bold red",
        )
    return f"{count_of(site.journeys, 'map')}, no errors", "green"


def run(
    console: Console,
    paths: Sequence[str],
    *,
    config: Path | None,
    templates: Path | None,
    host: str,
    port: int,
    open_browser: bool,
    today: Callable[[], date],
) -> int:
    """Serve until interrupted; the exit code.

    With --quiet only builds with errors are reported; --verbose names every changed file.
    """

    def _fail(text: str) -> int:
        console.error(text)
        return EXIT_USAGE

    def _say(text: str, style: str = "", level: int = 0) -> None:
        console.message(text, style=style or None, level=level)

    refusal = _refusal(paths, config, templates, port)
    if refusal is not None:
        return _fail(refusal)
    config_path = config or find_config(Path.cwd())
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
    _say(
        f"built in {time.monotonic() - started:.2f} s: {text}",
        style,
        -1 if live.current.problems else 0,
    )
    console.data(f"Serving journey maps at {url}  (Ctrl-C to stop)\n")
    if open_browser:
        import webbrowser

        threading.Thread(target=webbrowser.open, args=(url,), daemon=True).start()

    def rebuild(changed: list[str]) -> None:
        began = time.monotonic()
        site = builder.build()
        live.publish(site)
        _report_rebuild(console, site, changed, time.monotonic() - began)

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


def _refusal(
    paths: Sequence[str], config: Path | None, templates: Path | None, port: int
) -> str | None:
    """Why serve cannot start with these options, checked before anything is built."""
    if not 0 <= port <= 65535:
        return f"--port {port}: a port is a number from 0 to 65535"
    if templates is not None and not templates.is_dir():
        return f"--templates {templates}: no such folder"
    if config is not None and not config.is_file():
        return f"--config {config}: no such file"
    for name in paths:
        if not Path(name).exists():
            return f"{name}: no such file or folder"
    if not paths and (config or find_config(Path.cwd())) is None:
        return str(
            UsageError(
                "no files given and no journeymap.yaml found; "
                "name files or folders, or run `journeymap init`"
            )
        )
    return None


def _report_rebuild(console: Console, site: Site, changed: list[str], seconds: float) -> None:
    """One line a rebuild: what changed (the first three), how long, what the site holds."""
    text, style = _describe(site)
    shown = changed[:3]
    names = ", ".join(_short(p) for p in shown) + (" …" if len(changed) > len(shown) else "")
    level = -1 if site.problems else 0
    console.message(
        f"{names} changed; rebuilt in {seconds:.2f} s: {text}", style=style or None, level=level
    )
    if len(changed) > len(shown):
        console.message("changed: " + ", ".join(_short(p) for p in changed), style="dim", level=1)


def _short(path: str) -> str:
    """A changed path as the user thinks of it: relative to the current folder if inside."""
    try:
        return str(Path(path).relative_to(Path.cwd()))
    except ValueError:
        return path
