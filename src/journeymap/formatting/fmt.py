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

import gc
import io
import warnings
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel
from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import ReusedAnchorWarning, YAMLError
from ruamel.yaml.resolver import VersionedResolver

from journeymap.core.diagnostics import Diagnostic
from journeymap.formatting import fast as fmt_fast
from journeymap.formatting.comments import (
    Anchor,
    Comment,
    Unplaceable,
    place,
    read_layout,
    strip,
)
from journeymap.formatting.proof import (
    changed_meaning,
    lost_comment,
    moved,
    problem,
    unreadable,
    unstable,
)
from journeymap.model import Journey, PersonaLibrary
from journeymap.model.shape import key_order, models_in
from journeymap.yaml.parse import parse
from journeymap.yaml.source import Source

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


class _CoreSchema(VersionedResolver):
    """YAML 1.2's core schema, without ruamel's timestamps: journeymap reads a date as the
    text it is (a date field checks it), so the round trip must too, or `2026-02-30`, which
    validate words as an impossible date, would stop fmt as an internal error."""

    _tables: dict[Any, Any]

    @property
    def versioned_resolver(self) -> Any:
        tables = self.__dict__.setdefault("_tables", {})
        version = self.processing_version
        if version not in tables:
            table = super().versioned_resolver
            tables[version] = {
                first: [(tag, regexp) for tag, regexp in found if tag != _TIMESTAMP]
                for first, found in table.items()
            }
        return tables[version]


_TIMESTAMP = "tag:yaml.org,2002:timestamp"


def _yaml() -> YAML:
    yaml = YAML(typ="rt")
    yaml.Resolver = _CoreSchema
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


def _anchored(value: Any) -> bool:
    return bool(getattr(getattr(value, "anchor", None), "value", None))


def _block_for_anchored_keys(node: Any) -> bool:
    """Block style for each mapping with an anchored or alias key, and all that hold one.

    In a flow mapping ruamel writes an alias key as `{*ops: 4}`, which YAML 1.2 reads as
    the alias `ops:` (yaml-test-suite 26DV): a file fmt could never read again. In block
    style it writes `*ops : 4`. Custom `x-` data is no exception: meaning comes first.
    """
    if isinstance(node, CommentedMap):
        found = any(_anchored(key) for key in node)
        children: Any = node.values()
    elif isinstance(node, CommentedSeq):
        found, children = False, node
    else:
        return False
    for child in children:
        found = _block_for_anchored_keys(child) or found
    if found:
        node.fa.set_block_style()
    return found


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
    with warnings.catch_warnings():  # an anchor name used twice: the meaning check decides
        warnings.simplefilter("ignore", ReusedAnchorWarning)
        tree = yaml.load(body)
    _forget_layout(tree)
    _walk(tree, model, reorder)
    if isinstance(tree, (CommentedMap, CommentedSeq)):
        tree.fa.set_block_style()
    _force_block(tree, force)
    _block_for_anchored_keys(tree)
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


def format_text(path: str, text: str) -> Formatted:
    """The canonical layout of one file, or the reason it cannot be given safely.

    Never raises: anything that goes wrong while formatting is this file's diagnostic.

    The garbage collector is paused meanwhile, as `yaml.parse` does: formatting builds
    trees of many small containers, and each collection would walk all of them again,
    which made fmt on a big file slower than linear (2.6 MB: four times the size, seven
    times the time). What the file's trees leave behind is collected when it is done.
    """
    paused = gc.isenabled()
    if paused:
        gc.disable()
    try:
        return _format_text(path, text)
    except Exception as exc:  # one odd file must not end a run over many
        detail = f"{type(exc).__name__}: {exc}".strip().splitlines()[0][:200]
        return Formatted(
            path, text, None, problem(path, 1, 1, f"cannot format this file ({detail})")
        )
    finally:
        if paused:
            gc.enable()


def _format_text(path: str, text: str) -> Formatted:
    source = parse(path, text.encode("utf-8"))
    if not source.ok:
        first = next(d for d in source.diagnostics if d.severity == "error")
        return Formatted(path, text, None, first)
    data = source.data
    if not isinstance(data, dict) or "journeymap" not in data:
        missing = Diagnostic(
            path,
            1,
            1,
            "error",
            "missing-version",
            "not a journeymap file: no `journeymap: 1` key at the top level",
        )
        return Formatted(path, text, None, missing)
    model: type[BaseModel] = PersonaLibrary if data.get("kind") == "personas" else Journey
    body = text.lstrip("\ufeff").replace("\r\n", "\n")
    predicted = fmt_fast.predict(body, model) if fmt_fast.enabled() else None
    if predicted == body and fmt_fast.plain_form(text, lambda b: _parses(path, b)):
        return Formatted(path, text, text)  # the full path would return it unchanged
    if predicted is not None and _proven(path, body, predicted, source):
        out: str | Diagnostic = predicted  # what the full path would write, without it
    else:
        out = _format_body(path, body, model, source)
    if isinstance(out, Diagnostic):
        return Formatted(path, text, None, out)
    # a fixed point: what fmt writes, fmt leaves alone (else `fmt --check` fails forever)
    if not (fmt_fast.enabled() and fmt_fast.predict(out, model) == out):
        again = _format_body(path, out, model, parse(path, out.encode("utf-8")))
        if again != out:
            return Formatted(
                path,
                text,
                None,
                unstable(path, source, out, again if isinstance(again, str) else None),
            )
    if "\r\n" in text:
        out = out.replace("\n", "\r\n")
    if text.startswith("\ufeff"):
        out = "\ufeff" + out
    return Formatted(path, text, out)


def _parses(path: str, body: str) -> bool:
    return parse(path, body.encode("utf-8")).ok


def _proven(path: str, body: str, out: str, source: Source) -> bool:
    """The checks of `_format_body`, for a text the fast path predicted."""
    if changed_meaning(path, source, parse(path, out.encode("utf-8"))) is not None:
        return False
    return "#" not in body or lost_comment(path, read_layout(body).comments, out) is None


def _format_body(path: str, body: str, model: type[BaseModel], source: Source) -> str | Diagnostic:
    """The layout of a text without byte-order mark or CRLF (`source` is its reading),
    checked: the same data, the same comments at the same keys."""
    layout = read_layout(body)
    comments, blanks = layout.comments, layout.blanks
    bare = strip(body, comments + blanks)
    lost: Diagnostic | None = None
    meaning: Diagnostic | None = None
    for reorder in (True, False):  # reordering keys may break anchors: then keep the order
        try:
            out = _with_comments(bare, comments, blanks, model, reorder)
        except (YAMLError, ValueError) as exc:
            return unreadable(path, body, comments + blanks, exc, _yaml())
        if isinstance(out, Comment):
            lost = moved(path, out)
            continue
        meaning = changed_meaning(path, source, parse(path, out.encode("utf-8")))
        if meaning is not None:
            continue
        lost = lost_comment(path, comments, out)
        if lost is None:
            return out
    refused = lost or meaning
    assert refused is not None  # each pass that returns nothing leaves its reason
    return refused
