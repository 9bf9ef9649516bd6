"""Canonical round-trip formatting that keeps every comment and the meaning.

The layout: keys in the order of the models (which follow the format reference, docs/format.md), ids first, `x-`
keys after the known ones; two-space indentation with list dashes indented under their
key; short mappings of plain values and short lists of ids or words in flow style
(`tags: [a, b]`), everything else (a list of sentences too) in block style. Quoting and anchors are kept as written.

Comments (and blank lines) are taken out before the layout is computed and put back
beside the key each belongs to (journeymap.formatting.comments), so reordering keys cannot carry
a comment off to a neighbour; a short list with a comment inside becomes a block list.

Every result is checked before it is offered: it must parse, its data must equal the
input's, and it must hold the same comments attached to the same keys. A file whose
anchors would be broken by reordering keys is formatted without reordering; one that
cannot be formatted safely is reported, never written. `format_file` adds the disk:
it never replaces a file that changed after it was read.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel
from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import YAMLError

from journeymap.core.diagnostics import Diagnostic
from journeymap.formatting import fast as fmt_fast
from journeymap.formatting.comments import (
    Anchor,
    Comment,
    Unplaceable,
    comment_keys,
    place,
    read_layout,
    strip,
)
from journeymap.model import Journey, PersonaLibrary
from journeymap.model.shape import key_order, models_in
from journeymap.yaml.parse import parse

FLOW_WIDTH = 72  # a flow collection longer than this goes to block style
MAX_PASSES = 8  # block style for commented flow lists: one pass per level of nesting


@dataclass
class Formatted:
    path: str
    original: str
    text: str | None  # None: could not be formatted; see `problem`
    problem: Diagnostic | None = None

    @property
    def changed(self) -> bool:
        return self.text is not None and self.text != self.original


def _yaml() -> YAML:
    yaml = YAML(typ="rt")
    yaml.preserve_quotes = True
    yaml.indent(mapping=2, sequence=4, offset=2)
    yaml.width = 4096  # never fold long text: folding is a change a reviewer has to read
    yaml.allow_duplicate_keys = False
    return yaml


# --- which model a mapping follows ------------------------------------------------------------


def _reorder(node: CommentedMap, model: type[BaseModel]) -> None:
    """Known keys in model order, then `x-` and unknown keys in their original order.

    The tree holds no comments or blank lines (they were taken out and are put back by
    key afterwards), so moving a key moves nothing else.
    """
    order = key_order(model)
    rank = {key: i for i, key in enumerate(order)}
    keys = list(node.keys())
    wanted = sorted(keys, key=lambda k: (rank.get(k, len(order)), keys.index(k)))
    if wanted == keys:
        return
    for key in wanted:
        node.move_to_end(key)


def _walk(node: Any, model: type[BaseModel] | None, reorder: bool) -> None:
    if isinstance(node, CommentedMap):
        if model is not None and reorder:
            _reorder(node, model)
        fields = model.model_fields if model is not None else {}
        by_alias = {f.alias or name: f for name, f in fields.items()}
        for key, value in node.items():
            field = by_alias.get(key)
            child, _ = models_in(field.annotation) if field is not None else (None, False)
            if isinstance(key, str) and key.startswith("x-"):
                continue  # custom data is kept exactly as written
            _walk(value, child, reorder)
            if isinstance(value, (CommentedMap, CommentedSeq)):
                _style_value(node, key, value)
    elif isinstance(node, CommentedSeq):
        for item in node:
            _walk(item, model, reorder)
            if isinstance(item, (CommentedMap, CommentedSeq)):
                item.fa.set_block_style()  # list items (stages, touchpoints...) stay blocks


def _is_plain(value: Any) -> bool:
    return not isinstance(value, (CommentedMap, CommentedSeq, dict, list))


def _flow_length(node: CommentedMap | CommentedSeq) -> int:
    if isinstance(node, CommentedMap):
        return sum(len(str(k)) + len(str(v)) + 4 for k, v in node.items()) + 2
    return sum(len(str(v)) + 2 for v in node) + 2


def _style_value(parent: CommentedMap, key: Any, node: CommentedMap | CommentedSeq) -> None:
    """Short collections of plain values in flow style (a list only of words: prose stays
    one item a line); everything else in block style.

    A collection with a comment inside is turned back to block style when the comment is
    put back (see `_with_comments`), so the comment keeps a line of its own.
    """
    values = list(node.values()) if isinstance(node, CommentedMap) else list(node)
    eligible = (
        values
        and all(_is_plain(v) for v in values)
        and (isinstance(node, CommentedMap) or all(fmt_fast.is_word(str(v)) for v in values))
        and _flow_length(node) + len(str(key)) <= FLOW_WIDTH
        and not any(getattr(getattr(v, "anchor", None), "value", None) for v in values)
    )
    if eligible:
        node.fa.set_flow_style()
    else:
        node.fa.set_block_style()


# --- the whole file --------------------------------------------------------------------------


def _dump(yaml: YAML, data: Any) -> str:
    stream = io.StringIO()
    yaml.dump(data, stream)
    return stream.getvalue()


def _same_meaning(path: str, before: str, after: str) -> bool:
    a = parse(path, before.encode("utf-8"))
    b = parse(path, after.encode("utf-8"))
    return a.ok and b.ok and a.data == b.data


def _force_block(tree: Any, paths: set[Anchor]) -> None:
    """Block style for these collections and all that hold them: comments need lines."""
    for path in paths:
        node = tree
        for segment in path:
            if isinstance(node, (CommentedMap, CommentedSeq)):
                node.fa.set_block_style()
            if isinstance(node, CommentedMap):
                node = next((v for k, v in node.items() if str(k) == str(segment)), None)
            elif (
                isinstance(node, CommentedSeq) and isinstance(segment, int) and segment < len(node)
            ):
                node = node[segment]
            else:
                node = None
        if isinstance(node, (CommentedMap, CommentedSeq)):
            node.fa.set_block_style()


def _forget_layout(node: Any) -> None:
    """Drop what ruamel kept of the text's layout (line breaks after a bare `-`, say):
    comments and blank lines are put back by `place`, and a token left here would be
    written wherever its key moves to."""
    if isinstance(node, (CommentedMap, CommentedSeq)):
        node.ca.items.clear()
        node.ca.comment = None
        node.ca.end = None
        for child in node.values() if isinstance(node, CommentedMap) else node:
            _forget_layout(child)


def _layout_once(body: str, model: type[BaseModel], reorder: bool, force: set[Anchor]) -> str:
    yaml = _yaml()
    tree = yaml.load(body)
    _forget_layout(tree)
    _walk(tree, model, reorder)
    if isinstance(tree, (CommentedMap, CommentedSeq)):
        tree.fa.set_block_style()
    _force_block(tree, force)
    return _dump(yaml, tree)


def _with_comments(
    bare: str,
    comments: list[Comment],
    blanks: list[Comment],
    model: type[BaseModel],
    reorder: bool,
) -> str | Comment:
    """The formatted text with every comment back beside its key, or the one with no place.

    A comment inside a short list (`[a,  # why`) needs a line of its own, so the list is
    written in block style; the loop stops as soon as no new collection needs that.
    """
    force: set[Anchor] = set()
    for _ in range(MAX_PASSES):
        out = _layout_once(bare, model, reorder, force)
        try:
            return place(out, comments, blanks)
        except Unplaceable as exc:
            more = set(exc.paths) - force
            if not more:
                return exc.comment
            force |= more
            refused = exc.comment
    return refused


def _problem(path: str, line: int, column: int, message: str) -> Diagnostic:
    return Diagnostic(
        path,
        line,
        column,
        "error",
        "unformattable",
        message,
        "the file was left as it is; please report it to the journeymap maintainers",
    )


def _lost_comment(path: str, before: list[Comment], after: str) -> Diagnostic | None:
    """The first comment of `before` that `after` does not hold at the same key, if any."""
    missing = comment_keys(before) - comment_keys(read_layout(after).comments)
    return next((_moved(path, c) for c in before if missing[c.key]), None)


def _moved(path: str, comment: Comment) -> Diagnostic:
    return _problem(
        path,
        comment.line + 1,
        comment.column + 1,
        f"cannot format this file without moving the comment {comment.text!r} "
        "away from what it describes",
    )


def format_text(path: str, text: str) -> Formatted:
    """The canonical layout of one file, or the reason it cannot be given safely.

    Never raises: anything that goes wrong while formatting is this file's diagnostic.
    """
    try:
        return _format_text(path, text)
    except Exception as exc:  # one odd file must not end a run over many
        detail = f"{type(exc).__name__}: {exc}".strip().splitlines()[0][:200]
        return Formatted(
            path, text, None, _problem(path, 1, 1, f"cannot format this file ({detail})")
        )


def _format_text(path: str, text: str) -> Formatted:
    source = parse(path, text.encode("utf-8"))
    if not source.ok:
        first = next(d for d in source.diagnostics if d.severity == "error")
        return Formatted(path, text, None, first)
    data = source.data
    if not isinstance(data, dict) or "journeymap" not in data:
        problem = Diagnostic(
            path,
            1,
            1,
            "error",
            "missing-version",
            "not a journeymap file: no `journeymap: 1` key at the top level",
        )
        return Formatted(path, text, None, problem)
    model: type[BaseModel] = PersonaLibrary if data.get("kind") == "personas" else Journey
    if fmt_fast.enabled() and fmt_fast.already_canonical(
        text, model, parses=lambda body: parse(path, body.encode("utf-8")).ok
    ):
        return Formatted(path, text, text)  # the full path would return it unchanged
    crlf = "\r\n" in text
    bom = text.startswith("\ufeff")
    body = text.lstrip("\ufeff").replace("\r\n", "\n")
    layout = read_layout(body)
    comments, blanks = layout.comments, layout.blanks
    bare = strip(body, comments + blanks)
    lost: Diagnostic | None = None
    for reorder in (True, False):
        try:
            out = _with_comments(bare, comments, blanks, model, reorder)
        except (YAMLError, ValueError) as exc:
            problem = Diagnostic(
                path, 1, 1, "error", "yaml-syntax", f"cannot format this file: {exc}"
            )
            return Formatted(path, text, None, problem)
        if isinstance(out, Comment):
            lost = _moved(path, out)
            continue
        if not _same_meaning(path, body, out):
            continue
        lost = _lost_comment(path, comments, out)
        if lost is not None:
            continue
        if crlf:
            out = out.replace("\n", "\r\n")
        if bom:
            out = "\ufeff" + out
        return Formatted(path, text, out)
    return Formatted(
        path,
        text,
        None,
        lost or _problem(path, 1, 1, "cannot format this file without changing its meaning"),
    )


# --- one file on disk ------------------------------------------------------------------------
