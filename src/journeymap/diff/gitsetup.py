"""`journeymap git-setup`: a diff driver in .git/config and a block in .gitattributes.

Idempotent: the .gitattributes lines live between two marker comments and are replaced
as a whole; `git config` sets keys, which changes nothing when they are already set.
"""

from __future__ import annotations

import os
import shlex
from pathlib import Path

from journeymap.diff.gitfiles import git, repo_root
from journeymap.writing import write_atomic

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


def install(cwd: Path, patterns: list[str], command: list[str]) -> list[str]:
    root = repo_root(cwd)
    prefix = os.path.relpath(cwd.resolve(), root)
    rooted = [p if prefix == "." else f"{prefix}/{p}" for p in patterns]
    base = " ".join(shlex.quote(part) for part in command)
    git(root, "config", f"diff.{DRIVER}.command", f"{base} diff --git-driver")
    git(root, "config", f"diff.{DRIVER}.textconv", f"{base} diff --textconv")
    git(root, "config", f"diff.{DRIVER}.cachetextconv", "false")
    attributes = root / ".gitattributes"
    before = attributes.read_text(encoding="utf-8") if attributes.exists() else ""
    kept = _without_block(before)
    block = [BEGIN, *(f"{p} diff={DRIVER}" for p in rooted), END]
    after = (
        (kept + ("\n" if kept else "") + "\n".join(block) + "\n")
        if kept
        else "\n".join(block) + "\n"
    )
    messages = [f"set diff.{DRIVER}.command and .textconv in {root / '.git' / 'config'}"]
    if after != before:
        write_atomic(attributes, after)
        messages.append(f"wrote {len(rooted)} pattern(s) to {attributes}")
    else:
        messages.append(f"{attributes} already up to date")
    messages.append(
        "git diff now shows journeymap's semantic diff; git log -p and git show its canonical lines"
    )
    return messages


def uninstall(cwd: Path) -> list[str]:
    root = repo_root(cwd)
    messages = []
    if git(root, "config", "--get-regexp", f"^diff\\.{DRIVER}\\.", check=False).returncode == 0:
        git(root, "config", "--remove-section", f"diff.{DRIVER}")
        messages.append(f"removed diff.{DRIVER} from .git/config")
    attributes = root / ".gitattributes"
    if attributes.exists():
        before = attributes.read_text(encoding="utf-8")
        after = _without_block(before)
        if after != before:
            if after:
                write_atomic(attributes, after)
            else:
                attributes.unlink()
            messages.append(f"removed journeymap lines from {attributes}")
    return messages or ["nothing to undo"]


def config_patterns(root: Path, globs: list[str], cwd: Path) -> list[str]:
    """The config's globs (relative to the config's folder `root`) made relative to `cwd`,
    where `install` expects them."""
    patterns = [str(Path(os.path.relpath(root, cwd)) / g) for g in globs]
    return [p[2:] if p.startswith("./") else p for p in patterns]
