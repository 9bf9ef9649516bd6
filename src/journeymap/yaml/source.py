"""A parsed YAML file: its text, data and the position of every key and value.

Positions live beside the data: for each mapping, key -> (key line, key column, value
line, value column); for each sequence, the position of each item. `locate()` follows a
path such as `("stages", 2, "touchpoints", 0, "owner")` through them.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from journeymap.core.diagnostics import Diagnostic, RuleName, Severity

Loc = Sequence[str | int]


Pos = tuple[int, int]


@dataclass
class Source:
    """A parsed YAML file: text, data, positions, or the reasons it has none."""

    path: str
    text: str
    data: Any = None
    root_pos: Pos = (1, 1)
    positions: dict[int, Any] = field(default_factory=dict, repr=False)
    diagnostics: list[Diagnostic] = field(default_factory=list)
    tracked: bool = False  # were positions kept while reading?
    _keep: list[Any] = field(default_factory=list, repr=False)  # ids in `positions` stay valid
    _shadow: Source | None = field(default=None, repr=False)
    _released: bool = field(default=False, repr=False)
    # How to read the text again (with positions, or after `release_data`): `yaml.parse`
    # builds Sources and passes itself, so this module needs no import of it.
    _reader: Callable[..., Source] | None = field(default=None, repr=False, compare=False)

    def __getstate__(self) -> dict[str, Any]:
        """Positions are keyed by the identity of data objects, which a pickle (a worker
        process handing back a file) does not keep: the copy finds them again from its
        text, when asked, as an untracked source does."""
        state = dict(self.__dict__)
        state.update(positions={}, tracked=False, _keep=[], _shadow=None)
        return state

    @property
    def ok(self) -> bool:
        return not any(d.severity == "error" for d in self.diagnostics)

    def release_data(self) -> None:
        """Drop the raw data of a valid file to save memory; `raw_data` reads it again."""
        self.data = None
        self._released = True

    @property
    def raw_data(self) -> Any:
        """The data as read, custom `x-` keys included (read again if it was released)."""
        if self._released:
            return self._read_again(track=False).data
        return self.data

    def _read_again(self, *, track: bool) -> Source:
        if self._reader is None:  # not read from YAML text: nothing to find positions in
            return Source(self.path, self.text, tracked=True)
        source: Source = self._reader(self.path, self.text.encode("utf-8"), track=track)
        return source

    def line(self, number: int) -> str | None:
        lines = self.text.splitlines()
        return lines[number - 1] if 0 < number <= len(lines) else None

    def locate(self, loc: Loc, *, on_key: bool = False) -> Pos:
        """The (line, column) of the value at `loc`, or of its key with `on_key`.

        Path parts that are not in the data (a missing field, a pydantic union tag) are
        skipped, so the position falls back to the nearest enclosing value that exists.
        """
        if not self.tracked:
            if self._shadow is None:
                self._shadow = self._read_again(track=True)
            return self._shadow.locate(loc, on_key=on_key)
        node: Any = self.data
        pos: Pos = self.root_pos
        key_pos: Pos | None = None
        for part in loc:
            if isinstance(node, dict):
                table = self.positions.get(id(node))
                entry = _lookup(node, table, part)
                if entry is None:
                    continue
                key, (kl, kc, vl, vc) = entry
                key_pos, pos, node = (kl, kc), (vl, vc), node[key]
            elif isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node):
                table = self.positions.get(id(node))
                key_pos, node = None, node[part]
                if table is not None:
                    pos = table[part]
            else:
                continue
        return key_pos if on_key and key_pos is not None else pos

    def diagnostic(
        self,
        loc: Loc,
        rule: RuleName,
        message: str,
        *,
        hint: str | None = None,
        severity: Severity = "error",
        on_key: bool = False,
    ) -> Diagnostic:
        line, column = self.locate(loc, on_key=on_key)
        return Diagnostic(self.path, line, column, severity, rule, message, hint)


def _lookup(node: dict[Any, Any], table: Any, part: str | int) -> tuple[Any, Any] | None:
    if table is None:
        return None
    if part in table:
        return part, table[part]
    wanted = str(part)
    for key, entry in table.items():
        if str(key) == wanted:
            return key, entry
    return None
