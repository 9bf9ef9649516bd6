"""What `serve` adds to a rendered page: the reload script, its CSP, the problem overlay.

The static `render` output stays as it is; only served copies are changed, and only
as much as needed: the page's own Content-Security-Policy is widened by exactly the
reload script's hash, `connect-src 'self'` for its event stream, and the overlay's
style hash, never by 'unsafe-inline' or another origin.
"""

from __future__ import annotations

import base64
import hashlib
import html
import re
from collections.abc import Sequence
from functools import cache
from importlib import resources
from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined
from markupsafe import Markup

from journeymap.core.wording import count_of
from journeymap.formats.text import code_frame
from journeymap.serve.model import FileProblems

EVENTS_PATH = "__journeymap/events"


def _resource(name: str) -> str:
    return (resources.files("journeymap.serve") / "templates" / name).read_text("utf-8")


def csp_hash(text: str) -> str:
    """A CSP source expression ('sha256-…') that allows exactly this inline text."""
    digest = hashlib.sha256(text.encode("utf-8")).digest()
    return "'sha256-" + base64.b64encode(digest).decode("ascii") + "'"


@cache
def live_script() -> str:
    return _resource("live.js")


@cache
def overlay_css() -> str:
    return _resource("overlay.css")


@cache
def _environment() -> Environment:
    return Environment(
        loader=PackageLoader("journeymap.serve", "templates"),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )


# --- Content-Security-Policy --------------------------------------------------------------


def allow(policy: str, directive: str, source: str) -> str:
    """`policy` with `source` allowed for `directive`, and nothing else widened.

    A directive that is absent falls back to default-src in the browser, so it is added
    with default-src's sources plus the new one; with no default-src either, nothing is
    restricted and the policy is returned as it is.
    """
    parts = [p.split() for p in policy.split(";") if p.strip()]
    found = {p[0].lower(): i for i, p in enumerate(parts)}
    effective = found.get(directive, found.get("default-src"))
    is_hash = source.startswith("'sha")
    if is_hash and effective is not None and _inline_allowed(parts[effective][1:]):
        return policy  # a hash would switch 'unsafe-inline' off for the page's own inline code
    if directive in found:
        current = parts[found[directive]]
        if source not in current[1:]:
            parts[found[directive]] = [
                current[0],
                *(s for s in current[1:] if s != "'none'"),
                source,
            ]
    elif "default-src" in found:
        fallback = [s for s in parts[found["default-src"]][1:] if s != "'none'"]
        parts.append([directive, *fallback, source])
    else:
        return policy
    return "; ".join(" ".join(p) for p in parts)


def _inline_allowed(sources: list[str]) -> bool:
    """'unsafe-inline' in force: present, and not disabled by a hash or nonce beside it."""
    lowered = [s.lower() for s in sources]
    return "'unsafe-inline'" in lowered and not any(
        s.startswith(("'sha256-", "'sha384-", "'sha512-", "'nonce-")) for s in lowered
    )


_CSP_META = re.compile(
    r"""(<meta\b[^>]*?http-equiv\s*=\s*["']?content-security-policy["']?[^>]*?\bcontent\s*=\s*)(["'])(.*?)\2""",
    re.IGNORECASE | re.DOTALL,
)


def widen_csp(page: str, additions: Sequence[tuple[str, str]]) -> str:
    """Every CSP meta tag of the page, with each (directive, source) allowed."""

    def replace(match: re.Match[str]) -> str:
        policy = html.unescape(match.group(3))
        for directive, source in additions:
            policy = allow(policy, directive, source)
        escaped = html.escape(policy, quote=False).replace('"', "&quot;")
        return f'{match.group(1)}"{escaped}"'

    return _CSP_META.sub(replace, page)


# --- the overlay ----------------------------------------------------------------------------


def overlay_view(files: Sequence[FileProblems], *, inline: bool, stale: bool) -> dict[str, Any]:
    """Display data for the overlay: positions, messages, help lines and code frames."""
    count = sum(len(f.problems) for f in files)
    headline = f"{count_of(count, 'error')} in {count_of(len(files), 'file')}"
    rows = []
    for f in files:
        entries = []
        for p in f.problems:
            d = p.diagnostic
            entries.append(
                {
                    "where": f"{d.path}:{d.line}:{d.column}",
                    "severity": d.severity,
                    "rule": d.rule,
                    "message": d.message,
                    "hint": d.hint,
                    "frame": "\n".join(code_frame(d, p.source_line)),
                }
            )
        rows.append({"path": f.path, "href": f"/{f.page}" if f.page else None, "entries": entries})
    return {"headline": headline, "files": rows, "inline": inline, "stale": stale}


def render_overlay(
    files: Sequence[FileProblems], *, inline: bool = False, stale: bool = False
) -> str:
    """The overlay as HTML; every piece of user text is escaped by the template."""
    template = _environment().get_template("overlay.html.j2")
    return template.render(overlay=overlay_view(files, inline=inline, stale=stale))


def render_shell(title: str, text: str) -> str:
    """A minimal page for what has no map: a file that never parsed, a missing page."""
    return _environment().get_template("shell.html.j2").render(title=title, text=text)


# --- putting it together --------------------------------------------------------------------

_BODY_END = re.compile(r"</body\s*>", re.IGNORECASE)


def _before_body_end(page: str, fragment: str) -> str:
    ends = list(_BODY_END.finditer(page))
    if not ends:
        return page + fragment
    at = ends[-1].start()
    return page[:at] + fragment + page[at:]


def with_overlay(page: str, overlay: str) -> str:
    """The page with the overlay (and its styles) at the end of its body."""
    styles = overlay_css()
    page = widen_csp(page, [("style-src", csp_hash(styles))])
    return _before_body_end(page, f"<style>{styles}</style>\n{overlay}\n")


def fingerprint(page: str) -> str:
    return hashlib.sha256(page.encode("utf-8")).hexdigest()[:16]


def with_live_script(page: str, etag: str) -> str:
    """The page with the reload script, allowed by its CSP and nothing more."""
    script = live_script()
    page = widen_csp(page, [("script-src", csp_hash(script)), ("connect-src", "'self'")])
    tag = Markup('<script data-etag="{}">').format(etag) + Markup(script) + Markup("</script>\n")
    return _before_body_end(page, str(tag))
