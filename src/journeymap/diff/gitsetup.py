"""`journeymap git-setup`: a diff driver in .git/config and a block in .gitattributes.

Idempotent: the .gitattributes lines live between two marker comments and are replaced
as a whole; `git config` sets keys, which changes nothing when they are already set.

All or nothing: .gitattributes is read and checked before anything changes, and if
`git config` then fails, .gitattributes is put back as it was.
"""

from __future__ import annotations

import os
import shlex
from pathlib import Path

from journeymap.core.wording import count_of
from journeymap.diff.gitfiles import GitError, git, repo_root
from journeymap.disk.writing import WriteError, write_atomic

DRIVER = "journeymap"
BEGIN = "# >>> journeymap: semantic diffs for journey files (journeymap git-setup) >>>"
END = "# <<< journeymap <<<"


def _without_block(text: str) -> str:
    lines = text.splitlines()
    out, inside = [], False
    for line in lines:
        if line == BEGIN:
            inside = True
        elif line == END and inside:
            inside = False
        elif not inside:
            out.append(line)
    while out and not out[-1].strip():
        out.pop()
    return "\n".join(out) + ("\n" if out else "")


def attribute_pattern(pattern: str) -> str:
    """A glob as .gitattributes reads it back: C-quoted when it holds a space or a quote.

    git ends an unquoted pattern at the first white space, takes `#` at the start of a
    line for a comment, and unquotes a pattern that starts with `"` C-style (see
    gitattributes(5)). Quoting keeps `journeys/my maps/*.yaml` one pattern and keeps a
    newline in a glob from starting a line of its own.
    """
    needs = (
        not pattern
        or pattern[0] in '"#'
        or any(c.isspace() or ord(c) < 0x20 or c in '"\x7f' for c in pattern)
    )
    if not needs:
        return pattern
    out = []
    for c in pattern:
        if c in '"\\':
            out.append("\\" + c)
        elif c in _C_ESCAPES:
            out.append(_C_ESCAPES[c])
        elif ord(c) < 0x20 or c == "\x7f":
            out.append(f"\\{ord(c):03o}")
        else:
            out.append(c)
    return '"' + "".join(out) + '"'


_C_ESCAPES = {
    "\a": "\\a",
    "\b": "\\b",
    "\t": "\\t",
    "\n": "\\n",
    "\v": "\\v",
    "\f": "\\f",
    "\r": "\\r",
}


def _read_attributes(path: Path) -> str:
    """The current .gitattributes as text, or a GitError before anything is changed."""
    if not path.exists() and not path.is_symlink():
        return ""
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise GitError(f"cannot read {path}: {exc.strerror or exc}; nothing was changed") from None
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise GitError(
            f"{path}:{line}: not UTF-8 text; nothing was changed"
            " (re-save .gitattributes as UTF-8 and run git-setup again)"
        ) from None


def install(cwd: Path, patterns: list[str], command: list[str]) -> list[str]:
    root = repo_root(cwd)
    prefix = os.path.relpath(cwd.resolve(), root)
    rooted = [p if prefix == "." else f"{prefix}/{p}" for p in patterns]
    base = " ".join(shlex.quote(part) for part in command)
    attributes = root / ".gitattributes"
    before = _read_attributes(attributes)
    kept = _without_block(before)
    block = [BEGIN, *(f"{attribute_pattern(p)} diff={DRIVER}" for p in rooted), END]
    after = (
        (kept + ("\n" if kept else "") + "\n".join(block) + "\n")
        if kept
        else "\n".join(block) + "\n"
    )
    messages = [f"set diff.{DRIVER}.command and .textconv in {root / '.git' / 'config'}"]
    if after != before:
        _write(attributes, after)
        messages.append(f"wrote {count_of(len(rooted), 'pattern')} to {attributes}")
    else:
        messages.append(f"{attributes} already up to date")
    regexp = f"^diff\\.{DRIVER}\\."
    existed = git(root, "config", "--get-regexp", regexp, check=False).returncode == 0
    try:
        git(root, "config", f"diff.{DRIVER}.command", f"{base} diff --git-driver")
        git(root, "config", f"diff.{DRIVER}.textconv", f"{base} diff --textconv")
        git(root, "config", f"diff.{DRIVER}.cachetextconv", "false")
    except GitError:
        if not existed:
            git(root, "config", "--remove-section", f"diff.{DRIVER}", check=False)
        if after != before:
            _restore(attributes, before)
        raise
    messages.append(
        "git diff now shows journeymap's semantic diff; git log -p and git show its canonical lines"
    )
    return messages


def uninstall(cwd: Path) -> list[str]:
    root = repo_root(cwd)
    attributes = root / ".gitattributes"
    before = _read_attributes(attributes)
    messages = []
    if git(root, "config", "--get-regexp", f"^diff\\.{DRIVER}\\.", check=False).returncode == 0:
        git(root, "config", "--remove-section", f"diff.{DRIVER}")
        messages.append(f"removed diff.{DRIVER} from .git/config")
    after = _without_block(before)
    if before and after != before:
        if after:
            _write(attributes, after)
        else:
            attributes.unlink()
        messages.append(f"removed journeymap lines from {attributes}")
    return messages or ["nothing to undo"]


def config_patterns(root: Path, globs: list[str], cwd: Path) -> list[str]:
    """The config's globs (relative to the config's folder `root`) made relative to `cwd`,
    where `install` expects them."""
    patterns = [str(Path(os.path.relpath(root, cwd)) / g) for g in globs]
    return [p[2:] if p.startswith("./") else p for p in patterns]


def _write(path: Path, text: str) -> None:
    try:
        write_atomic(path, text)
    except WriteError as exc:
        raise GitError(f"{exc}; nothing was changed") from None


def _restore(path: Path, text: str) -> None:
    if text:
        _write(path, text)
    else:
        path.unlink(missing_ok=True)
