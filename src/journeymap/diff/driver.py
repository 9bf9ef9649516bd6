"""What git calls after `journeymap git-setup`: an external diff and a textconv.

`git diff` runs the external diff with seven arguments and shows what it prints;
`git log -p` and `git show` run the textconv on each version and diff its lines. Both
fall back to git's own view of a file journeymap will not read as a journey (over the
size limit, not a journey file, not loading): the external diff prints what `git diff
--no-ext-diff` would (git's own diff of the two files, with git's header for the path),
and the textconv passes the file through unchanged, so git never shows less than it
would without journeymap, and never fails because of it.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from pathlib import Path

from journeymap.core.errors import UsageError
from journeymap.diff.compare import diff_sides
from journeymap.diff.gitfiles import GitError, git
from journeymap.diff.output import canonical_lines, diff_text
from journeymap.diff.sides import load_side
from journeymap.disk.reading import ReadLimits, Refusal, read_user_file
from journeymap.loading.loader import load_source
from journeymap.project.config import load_settings
from journeymap.project.discovery import HAS_VERSION_KEY
from journeymap.yaml.parse import parse

CHUNK = 1 << 20
NULL = "/dev/null"


def textconv(values: Sequence[str]) -> Iterator[bytes]:
    """A file as canonical lines, or its bytes unchanged when it is not a valid journey
    (a file over the size limit is passed through in chunks, never parsed)."""
    if len(values) != 1:
        raise UsageError("--textconv takes one file")
    try:
        raw = read_user_file(Path(values[0]), _limits())
    except Refusal as refusal:
        if not refusal.too_large:
            raise UsageError(f"{values[0]} {refusal}") from None
        yield from _chunks(Path(values[0]))
        return
    doc = load_source(parse(values[0], raw)) if _is_journey(raw) else None
    if doc is None or doc.model is None:
        yield raw
        return
    yield ("\n".join(canonical_lines(doc.model)) + "\n").encode("utf-8")


def external_diff(values: Sequence[str]) -> bytes:
    """git's external diff: `path old-file old-hex old-mode new-file new-hex new-mode`."""
    if len(values) < 7:
        raise UsageError("--git-driver expects the 7 arguments git passes to an external diff")
    path, old_file, new_file = values[0], values[1], values[4]
    limits = _limits()
    try:
        old_data, new_data = _content(old_file, limits), _content(new_file, limits)
    except Refusal:
        return git_diff(values)  # too large (or not a file): git's own diff, as without us
    if not (_is_journey(old_data) and _is_journey(new_data)):
        return git_diff(values)
    result = diff_sides(load_side([(f"a/{path}", old_data)]), load_side([(f"b/{path}", new_data)]))
    if result.broken:
        return git_diff(values)
    heading = f"journeymap diff a/{path} b/{path}\n"
    return _encoded(heading + (diff_text(result) or "(no change in meaning)\n"))


def git_diff(values: Sequence[str]) -> bytes:
    """What `git diff --no-ext-diff` shows for this pair: git's header, git's hunks."""
    path, old_file, old_hex, old_mode, new_file, new_hex, new_mode = values[:7]
    out = git(
        Path.cwd(),
        "diff",
        "--no-index",
        "--no-ext-diff",
        "--no-textconv",
        "--no-color",
        "--",
        old_file,
        new_file,
        check=False,
    )
    if out.returncode not in (0, 1):
        message = out.stderr.decode("utf-8", "replace").strip()
        raise UsageError(f"git diff --no-index failed on {path}: {message}")
    new_path = values[7] if len(values) >= 9 else path  # a rename: git adds both names
    old_name = NULL if old_file == NULL else f"a/{path}"
    new_name = NULL if new_file == NULL else f"b/{new_path}"
    head = [f"diff --git a/{path} b/{new_path}"]
    old_id, new_id = _blob_id(old_hex, old_file), _blob_id(new_hex, new_file)
    if len(values) >= 9:  # git's own lines for it: similarity, rename from/to, index
        head += values[8].rstrip("\n").split("\n")
    elif old_file == NULL:
        head += [f"new file mode {new_mode}", f"index {old_id}..{new_id}"]
    elif new_file == NULL:
        head += [f"deleted file mode {old_mode}", f"index {old_id}..{new_id}"]
    elif old_mode != new_mode:
        head += [f"old mode {old_mode}", f"new mode {new_mode}", f"index {old_id}..{new_id}"]
    else:
        head.append(f"index {old_id}..{new_id} {new_mode}")
    body = _hunks(out.stdout)
    if body is None:
        return _encoded("\n".join(head) + f"\nBinary files {old_name} and {new_name} differ\n")
    if not body:  # the same bytes: git shows a rename or a mode change without an index line
        kept = head if len(values) >= 9 else head[:3] if old_mode != new_mode else []
        return _encoded("".join(line + "\n" for line in kept if not line.startswith("index ")))
    return _encoded("\n".join(head) + f"\n--- {old_name}\n+++ {new_name}\n") + body


def _encoded(text: str) -> bytes:
    """Text with file names as git gave them: bytes that are not UTF-8 go back as they came."""
    return text.encode("utf-8", "surrogateescape")


def _hunks(output: bytes) -> bytes | None:
    """The hunks of `git diff --no-index` output (after its `+++` line); None: binary."""
    lines = output.splitlines(keepends=True)
    for i, line in enumerate(lines):
        if line.startswith(b"+++ "):
            return b"".join(lines[i + 1 :])
        if line.startswith(b"Binary files "):
            return None
    return b""


def _blob_id(hex_id: str, name: str) -> str:
    """The abbreviated id git shows; git passes zeros for a working-tree file."""
    if hex_id == "." or name == NULL:
        return "0000000"
    if set(hex_id) == {"0"}:
        try:
            hex_id = git(Path.cwd(), "hash-object", "--", name).stdout.decode().strip()
        except GitError:
            return "0000000"
    return hex_id[:7]


def _limits() -> ReadLimits:
    """The project's size limit when its journeymap.yaml reads (git runs us at the top of
    the repository); git's files are its own temporary copies, so no link check."""
    try:
        settings = load_settings()
    except UsageError:
        return ReadLimits()
    return ReadLimits(settings.config.max_file_size)


def _content(name: str, limits: ReadLimits) -> bytes | None:
    return None if name == NULL else read_user_file(Path(name), limits)


def _chunks(path: Path) -> Iterator[bytes]:
    with path.open("rb") as handle:
        while chunk := handle.read(CHUNK):
            yield chunk


def _is_journey(data: bytes | None) -> bool:
    return data is None or bool(HAS_VERSION_KEY.search(data[:65536]))
