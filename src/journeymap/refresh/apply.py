"""Edits -> the new text of a journey file, keeping every comment and the layout.

The file is edited with ruamel's round-trip loader (comments, quoting and order stay),
then given the canonical layout of `journeymap fmt`. Before the text is offered it is
checked: every comment must still be there (when fmt's layout would drop one, the file
keeps its own layout instead), and, parsed again, its data must equal the old data with
exactly these edits made. Anything else is refused, so a refresh changes numbers, never
meaning, and never loses what a person wrote.
"""

from __future__ import annotations

import io
import re
from collections import Counter
from collections.abc import Sequence
from datetime import date
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import YAMLError
from ruamel.yaml.tokens import CommentToken

from journeymap.core.diagnostics import Diagnostic
from journeymap.formatting.fmt import format_text
from journeymap.refresh.csvread import DataError
from journeymap.refresh.plan import Edit
from journeymap.yaml.parse import parse


def _yaml() -> YAML:
    """The round-trip settings `journeymap fmt` uses, so the two agree on layout."""
    yaml = YAML(typ="rt")
    yaml.preserve_quotes = True
    yaml.indent(mapping=2, sequence=4, offset=2)
    yaml.width = 4096
    return yaml


# --- plain data and round-trip nodes, edited the same way ---------------------------------


def _node(value: Any) -> Any:
    """A plain value as a round-trip node.

    Dates are copied: ruamel writes one date object met twice (as_of and the history's
    last point) as an anchor and an alias, which nobody wants to read.
    """
    if isinstance(value, date):
        return date.fromordinal(value.toordinal())
    if isinstance(value, dict):
        out = CommentedMap()
        for k, v in value.items():
            out[k] = _node(v)
        return out
    if isinstance(value, list):
        return CommentedSeq([_node(v) for v in value])
    return value


def _as_read(value: Any) -> Any:
    """A plain value as journeymap reads it back from YAML: a date is its text."""
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, dict):
        return {k: _as_read(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_as_read(v) for v in value]
    return value


def _set(mapping: Any, key: str, value: Any, *, tree: bool) -> None:
    """Set a key; a mapping value is merged into the mapping already there."""
    current = mapping.get(key)
    if isinstance(value, dict) and isinstance(current, dict):
        for k, v in value.items():
            _set(current, k, v, tree=tree)
        return
    mapping[key] = _node(value) if tree else _as_read(value)


def _append(mapping: Any, key: str, items: list[dict[str, Any]], *, tree: bool) -> None:
    if not isinstance(mapping.get(key), list):
        mapping[key] = CommentedSeq() if tree else []
    for item in items:
        mapping[key].append(_node(item) if tree else _as_read(item))


def _at(data: Any, loc: Sequence[str | int]) -> Any:
    for part in loc:
        data = data[part]
    return data


def _edit(root: Any, edit: Edit, *, tree: bool) -> None:
    target = _at(root, edit.loc)
    tail = _take_tail(target) if tree else None
    for key, value in edit.values.items():
        _set(target, key, value, tree=tree)
    for key, items in edit.appended.items():
        _append(target, key, items, tree=tree)
    if tail is not None:
        _put_tail(target, tail)


# --- what follows a mapping (a blank line, a comment) stays after it -----------------------


def _tail_slot(node: Any) -> tuple[Any, Any]:
    key = list(node.keys())[-1] if isinstance(node, CommentedMap) else len(node) - 1
    value = node[key]
    if isinstance(value, (CommentedMap, CommentedSeq)) and len(value):
        return _tail_slot(value)
    return node, key


def _take_tail(node: Any) -> Any:
    """Detach the comment after a mapping's last value: new keys go before it, not after."""
    if not isinstance(node, CommentedMap) or not len(node):
        return None
    owner, key = _tail_slot(node)
    slot = owner.ca.items.get(key)
    index = 2 if isinstance(owner, CommentedMap) else 0
    if not slot or slot[index] is None:
        return None
    token = slot[index]
    eol, _, after = token.value.partition("\n")
    if eol.strip().startswith("#"):
        # the last value's own end-of-line comment stays on its line; only the lines
        # after it (a blank line, a closing comment) move below the new keys
        token.value = eol + "\n"
        return CommentToken("\n" + after, token.start_mark) if after.strip() else None
    slot[index] = None
    return token


def _put_tail(node: Any, token: Any) -> None:
    owner, key = _tail_slot(node)
    if isinstance(owner, CommentedMap):
        owner.ca.items.setdefault(key, [None, None, None, None])[2] = token
    else:
        owner.ca.items.setdefault(key, [None, None])[0] = token


# --- the file --------------------------------------------------------------------------------


def _refused(path: str, message: str) -> DataError:
    return DataError(
        [
            Diagnostic(
                path,
                1,
                1,
                "error",
                "data-reference",
                message,
                "nothing was written; please report this file to the journeymap maintainers",
            )
        ]
    )


def apply_edits(path: str, text: str, edits: Sequence[Edit]) -> str:
    """The file's new text with the edits made, in fmt's layout; checked before returned."""
    bom = text.startswith("\ufeff")
    crlf = "\r\n" in text
    body = text.lstrip("\ufeff").replace("\r\n", "\n")
    yaml = _yaml()
    try:
        tree = yaml.load(body)
        for edit in edits:
            _edit(tree, edit, tree=True)
        stream = io.StringIO()
        yaml.dump(tree, stream)
    except (YAMLError, KeyError, IndexError, TypeError) as exc:
        raise _refused(path, f"cannot edit this file: {exc}") from None
    edited = stream.getvalue()
    if crlf:
        edited = edited.replace("\n", "\r\n")
    if bom:
        edited = "\ufeff" + edited
    expected = parse(path, text.encode("utf-8")).data
    for edit in edits:
        _edit(expected, edit, tree=False)
    before = comments(text)
    formatted = format_text(path, edited).text
    for candidate in (formatted, edited):
        if candidate is None or not before <= comments(candidate):
            continue  # fmt's layout would lose a comment: keep the file's own layout
        if parse(path, candidate.encode("utf-8")).data != expected:
            raise _refused(path, "the edited file would change more than the refreshed numbers")
        return candidate
    raise _refused(path, "the edited file would lose a comment")


_COMMENT = re.compile(r"(?:^|[ \t])(#.*)$")


def comments(text: str) -> Counter[str]:
    """Every comment of a file, as written: what an edit must keep.

    A `#` after a space inside a quoted string is counted too; that is data, which the
    data check keeps anyway, so counting it only makes the check stricter.
    """
    found: Counter[str] = Counter()
    for line in text.splitlines():
        match = _COMMENT.search(line)
        if match:
            found[match.group(1).rstrip()] += 1
    return found
