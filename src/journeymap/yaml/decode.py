"""Bytes -> text: UTF-8 (with or without a byte-order mark), or a positioned diagnostic."""

from __future__ import annotations

from journeymap.core.diagnostics import Diagnostic


def decode(path: str, raw: bytes) -> tuple[str | None, Diagnostic | None]:
    """UTF-8 (a BOM is fine); anything else is reported where the first bad byte is."""
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return None, Diagnostic(
            path,
            1,
            1,
            "error",
            "encoding",
            "file is UTF-16 encoded; journeymap reads UTF-8",
            "re-save the file as UTF-8",
        )
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    try:
        return raw.decode("utf-8"), None
    except UnicodeDecodeError as exc:
        before = raw[: exc.start]
        line = before.count(b"\n") + 1
        line_start = before.rfind(b"\n") + 1
        column = len(before[line_start:].decode("utf-8", errors="replace")) + 1
        return None, Diagnostic(
            path,
            line,
            column,
            "error",
            "encoding",
            f"invalid UTF-8 byte 0x{raw[exc.start]:02x}",
            "journey files must be UTF-8; re-save the file as UTF-8",
        )
