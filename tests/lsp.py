"""A small Language Server Protocol client over stdio, enough to drive yaml-language-server.

It does what an editor does for the tests in formats/test_editors.py: `initialize` with a
workspace folder, answer the server's `workspace/configuration` pulls with the same
`yaml.*` settings a VS Code user would have, open documents, collect
`textDocument/publishDiagnostics` and ask for `textDocument/hover`. No LSP library:
the wire format is a Content-Length header and a JSON body, and writing it out keeps
the test honest about what the server is sent.
"""

from __future__ import annotations

import json
import queue
import subprocess
import threading
import time
from collections.abc import Mapping
from pathlib import Path
from typing import Any


class LspError(Exception):
    """The server answered with an error, died, or did not answer in time."""


class LanguageServer:
    """One server process; `settings` answers `workspace/configuration` by section."""

    def __init__(self, command: list[str], root: Path, settings: Mapping[str, Any]) -> None:
        self.settings = dict(settings)
        self.process = subprocess.Popen(
            command,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
        self._next_id = 0
        self._responses: dict[int, queue.Queue[dict[str, Any]]] = {}
        self._lock = threading.Lock()
        self.diagnostics: dict[str, list[dict[str, Any]]] = {}
        self._diagnostics_seen = threading.Condition()
        self._published: dict[str, int] = {}
        self.log: list[str] = []
        self._versions: dict[str, int] = {}
        threading.Thread(target=self._read, daemon=True).start()
        threading.Thread(target=self._drain_stderr, daemon=True).start()
        self.request(
            "initialize",
            {
                "processId": None,
                "rootUri": root.as_uri(),
                "workspaceFolders": [{"uri": root.as_uri(), "name": root.name}],
                "capabilities": {
                    "workspace": {"configuration": True, "workspaceFolders": True},
                    "textDocument": {
                        "hover": {"contentFormat": ["markdown", "plaintext"]},
                        "publishDiagnostics": {"relatedInformation": True},
                    },
                },
            },
        )
        self.notify("initialized", {})
        # The server pulls its settings when told they changed (and on `initialized`).
        self.notify("workspace/didChangeConfiguration", {"settings": self.settings})

    # -- wire -------------------------------------------------------------------------

    def _send(self, message: dict[str, Any]) -> None:
        body = json.dumps(message).encode("utf-8")
        assert self.process.stdin is not None
        with self._lock:
            self.process.stdin.write(f"Content-Length: {len(body)}\r\n\r\n".encode("ascii"))
            self.process.stdin.write(body)
            self.process.stdin.flush()

    def _read(self) -> None:
        stream = self.process.stdout
        assert stream is not None
        while True:
            length = None
            while True:
                line = stream.readline()
                if not line:
                    return  # the server exited
                line = line.strip()
                if not line:
                    break
                name, _, value = line.decode("ascii").partition(":")
                if name.lower() == "content-length":
                    length = int(value.strip())
            if length is None:
                continue
            self._dispatch(json.loads(stream.read(length)))

    def _drain_stderr(self) -> None:
        assert self.process.stderr is not None
        for line in self.process.stderr:
            self.log.append(line.decode("utf-8", "replace"))

    def _dispatch(self, message: dict[str, Any]) -> None:
        if "id" in message and "method" in message:  # a request from the server
            self._send({"jsonrpc": "2.0", "id": message["id"], "result": self._answer(message)})
        elif "id" in message:  # a response to one of ours
            box = self._responses.get(message["id"])
            if box is not None:
                box.put(message)
        elif message.get("method") == "textDocument/publishDiagnostics":
            params = message["params"]
            with self._diagnostics_seen:
                self.diagnostics[params["uri"]] = params["diagnostics"]
                self._published[params["uri"]] = self._published.get(params["uri"], 0) + 1
                self._diagnostics_seen.notify_all()
        elif message.get("method") == "window/logMessage":
            self.log.append(message["params"].get("message", ""))

    def _answer(self, request: dict[str, Any]) -> Any:
        if request["method"] == "workspace/configuration":
            return [self._section(item.get("section", "")) for item in request["params"]["items"]]
        return None  # client/registerCapability, window/workDoneProgress/create, ...

    def _section(self, name: str) -> Any:
        """A dotted section (`yaml`, `[yaml]`) out of the settings, as VS Code answers."""
        if name in self.settings:
            return self.settings[name]
        value: Any = self.settings
        for part in name.split("."):
            if not isinstance(value, dict) or part not in value:
                return None
            value = value[part]
        return value

    # -- API ----------------------------------------------------------------------------

    def notify(self, method: str, params: Any) -> None:
        self._send({"jsonrpc": "2.0", "method": method, "params": params})

    def request(self, method: str, params: Any, timeout: float = 30) -> Any:
        with self._lock:
            self._next_id += 1
            ident = self._next_id
        box: queue.Queue[dict[str, Any]] = queue.Queue()
        self._responses[ident] = box
        self._send({"jsonrpc": "2.0", "id": ident, "method": method, "params": params})
        try:
            answer = box.get(timeout=timeout)
        except queue.Empty:
            raise LspError(f"no answer to {method} in {timeout}s; log: {self.log[-5:]}") from None
        finally:
            del self._responses[ident]
        if "error" in answer:
            raise LspError(f"{method}: {answer['error']}")
        return answer.get("result")

    def open(self, path: Path, text: str | None = None) -> str:
        """didOpen a file (its text from disk unless given); returns its URI.

        A file already open gets its new text through didChange, as an editor sends a
        keystroke; the diagnostics awaited next are those of the new text.
        """
        uri = path.as_uri()
        body = path.read_text(encoding="utf-8") if text is None else text
        with self._diagnostics_seen:
            self._published.pop(uri, None)
            self.diagnostics.pop(uri, None)
        if uri in self._versions:
            self._versions[uri] += 1
            self.notify(
                "textDocument/didChange",
                {
                    "textDocument": {"uri": uri, "version": self._versions[uri]},
                    "contentChanges": [{"text": body}],
                },
            )
            return uri
        self._versions[uri] = 1
        self.notify(
            "textDocument/didOpen",
            {"textDocument": {"uri": uri, "languageId": "yaml", "version": 1, "text": body}},
        )
        return uri

    def close(self, uri: str) -> None:
        self._versions.pop(uri, None)
        self.notify("textDocument/didClose", {"textDocument": {"uri": uri}})

    def wait_diagnostics(self, uri: str, timeout: float = 30, settle: float = 0.5) -> list[Any]:
        """The diagnostics published for `uri` once they stop changing for `settle` seconds.

        The server may publish twice (syntax first, then schema); waiting for a quiet
        moment after the first publication gets the final list.
        """
        deadline = time.monotonic() + timeout
        with self._diagnostics_seen:
            while uri not in self._published:
                left = deadline - time.monotonic()
                if left <= 0 or self.process.poll() is not None:
                    raise LspError(f"no diagnostics for {uri}; log: {self.log[-5:]}")
                self._diagnostics_seen.wait(left)
            while True:
                count = self._published[uri]
                self._diagnostics_seen.wait(settle)
                if self._published[uri] == count or time.monotonic() > deadline:
                    return list(self.diagnostics[uri])

    def hover(self, uri: str, line: int, character: int) -> str:
        """The hover text at a 0-based position ('' when the server has none)."""
        result = self.request(
            "textDocument/hover",
            {"textDocument": {"uri": uri}, "position": {"line": line, "character": character}},
        )
        if not result:
            return ""
        contents = result["contents"]
        if isinstance(contents, dict):
            return str(contents.get("value", ""))
        if isinstance(contents, list):
            return "\n".join(c if isinstance(c, str) else c.get("value", "") for c in contents)
        return str(contents)

    def shutdown(self) -> None:
        try:
            self.request("shutdown", None, timeout=10)
            self.notify("exit", None)
            self.process.wait(timeout=10)
        except (LspError, OSError, subprocess.TimeoutExpired):
            self.process.kill()
            self.process.wait()
