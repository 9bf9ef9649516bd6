"""The HTTP side of `serve`: the standard library's threading server, answering from memory.

Why http.server: the site is a handful of pages held as bytes and one event stream, for
one person's browser on their own machine. ThreadingHTTPServer does that with no
dependency at all; a thread per connection is cheap at this scale (each open page holds
one, for its event stream). An ASGI stack (starlette, uvicorn) would bring an event
loop and several packages for nothing the preview needs.

Nothing here touches the file system: a request names a key of the site's dict of
pages or gets 404, so no spelling of `..`, no absolute path and no symlink can reach
outside the site.
"""

from __future__ import annotations

import ipaddress
import json
import socket
import socketserver
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import unquote, urlsplit

from journeymap.serve.live import EVENTS_PATH
from journeymap.serve.model import Site
from journeymap.serve.site import not_found_page

KEEPALIVE_SECONDS = 15.0  # a comment line on idle event streams, so dead peers are noticed


class LiveSite:
    """The current build, swapped whole on each rebuild; event streams wait for new ones."""

    def __init__(self, site: Site) -> None:
        self._site = site
        self._version = 1
        self._closed = False
        self._changed = threading.Condition()

    @property
    def current(self) -> Site:
        with self._changed:
            return self._site

    def publish(self, site: Site) -> None:
        with self._changed:
            self._site = site
            self._version += 1
            self._changed.notify_all()

    def wait(self, seen: int, timeout: float) -> tuple[int, Site] | None:
        """The build after version `seen` (or the same one after `timeout`); None once closed."""
        with self._changed:
            self._changed.wait_for(lambda: self._closed or self._version != seen, timeout)
            if self._closed:
                return None
            return self._version, self._site

    def close(self) -> None:
        with self._changed:
            self._closed = True
            self._changed.notify_all()


def resolve(target: str) -> str | None:
    """The site path a request target names ("index.html" for "/"), or None if it names none.

    Only a key of the in-memory site can ever be served; this only refuses early what
    cannot be one: dot segments (also %-encoded), empty segments, backslashes, NUL.
    """
    if target.startswith("/"):
        path = target.split("?", 1)[0].split("#", 1)[0]
    elif target.lower().startswith(("http://", "https://")):  # absolute-form (a proxy's)
        path = urlsplit(target).path
    else:
        return None
    decoded = unquote(path)
    if "\\" in decoded or "\x00" in decoded or not decoded.startswith("/"):
        return None
    name = decoded[1:]
    if name == "" or name.endswith("/"):
        name += "index.html"
    if any(segment in ("", ".", "..") for segment in name.split("/")):
        return None
    return name


def is_loopback(host: str) -> bool:
    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


_TYPES = {
    ".html": "text/html; charset=utf-8",
    ".css": "text/css; charset=utf-8",
    ".csv": "text/csv; charset=utf-8",
}


class Handler(BaseHTTPRequestHandler):
    """GET and HEAD for the site's pages and its event stream; nothing else."""

    server: SiteServer
    server_version = "journeymap"
    sys_version = ""

    def do_GET(self) -> None:
        self._respond(body=True)

    def do_HEAD(self) -> None:
        self._respond(body=False)

    def log_message(self, format: str, *args: Any) -> None:
        """Quiet: the terminal is for the rebuild messages."""

    def _respond(self, *, body: bool) -> None:
        if not self.server.host_allowed(self.headers.get("Host")):
            # a page from another site that resolves its own name to 127.0.0.1 (DNS rebinding)
            self._send(421, b"unknown host\n", "text/plain; charset=utf-8", body)
            return
        name = resolve(self.path)
        if name == EVENTS_PATH:
            self._events()
            return
        site = self.server.live.current
        page = site.pages.get(name) if name is not None else None
        if page is None:
            text, _ = not_found_page()
            self._send(404, text, _TYPES[".html"], body)
            return
        assert name is not None
        suffix = name[name.rfind(".") :] if "." in name else ""
        self._send(200, page, _TYPES.get(suffix, "application/octet-stream"), body)

    def _send(self, status: int, data: bytes, content_type: str, body: bool) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(data)))
        self.send_header("Cache-Control", "no-store")
        self.send_header("X-Content-Type-Options", "nosniff")
        self.send_header("Referrer-Policy", "no-referrer")
        self.end_headers()
        if body:
            self.wfile.write(data)

    def _events(self) -> None:
        """Server-sent events: each page's fingerprint now and after every rebuild."""
        self.close_connection = True
        self.send_response(200)
        self.send_header("Content-Type", "text/event-stream; charset=utf-8")
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        seen = 0
        try:
            self.wfile.write(b"retry: 1000\n\n")
            while True:
                got = self.server.live.wait(seen, KEEPALIVE_SECONDS)
                if got is None:
                    return
                version, site = got
                if version == seen:
                    self.wfile.write(b": keep-alive\n\n")
                else:
                    seen = version
                    data = json.dumps({"pages": dict(site.etags)}, separators=(",", ":"))
                    self.wfile.write(f"id: {version}\nevent: site\ndata: {data}\n\n".encode())
                self.wfile.flush()
        except OSError:  # the page went away
            return


class SiteServer(ThreadingHTTPServer):
    """A threading HTTP server over a LiveSite, on IPv4 or IPv6 as the host asks."""

    daemon_threads = True  # open event streams never hold up the exit

    def __init__(self, host: str, port: int, live: LiveSite) -> None:
        self.live = live
        self.loopback = is_loopback(host)
        infos = socket.getaddrinfo(host.strip("[]"), port, type=socket.SOCK_STREAM)
        family, _, _, _, address = infos[0]
        self.address_family = family
        super().__init__((str(address[0]), int(address[1])), Handler)

    def server_bind(self) -> None:
        # HTTPServer.server_bind looks the host's name up (getfqdn), which can hang offline
        socketserver.TCPServer.server_bind(self)
        host, port = self.server_address[:2]
        self.server_name = str(host)
        self.server_port = int(port)

    @property
    def port(self) -> int:
        return int(self.server_address[1])

    def host_allowed(self, header: str | None) -> bool:
        """On loopback, only Host names that mean this machine; elsewhere any."""
        if not self.loopback:
            return True
        if header is None:
            return True  # HTTP/1.0 clients may send none; they reach us directly
        host = header.rsplit(":", 1)[0] if not header.endswith("]") else header
        return is_loopback(host)

    def handle_error(self, request: Any, client_address: Any) -> None:
        """A client that hangs up is normal; anything else is one line, never a traceback."""
        error = sys.exc_info()[1]
        if isinstance(error, ConnectionError | TimeoutError):
            return
        sys.stderr.write(f"journeymap: a request failed: {type(error).__name__}: {error}\n")
