"""A source handed back by a worker process (a pickle) still knows where things are."""

from __future__ import annotations

import pickle

import pytest

from journeymap.yaml.parse import parse

TEXT = "journeymap: 1\nid: acme\nstages:\n  - id: s\n    name: S\n"


@pytest.mark.parametrize("track", [True, False])
@pytest.mark.parametrize("asked_before", [True, False])
def test_positions_survive_a_pickle(track: bool, asked_before: bool) -> None:
    """Positions are keyed by the identity of data objects; a copy finds them again from
    its text, whether the original kept them (tracked), or found them once already."""
    source = parse("j.yaml", TEXT.encode(), track=track)
    if asked_before:
        assert source.locate(("id",)) == (2, 5)
    copy = pickle.loads(pickle.dumps(source))
    assert copy.locate(("id",)) == (2, 5)
    assert copy.locate(("stages", 0, "name")) == (5, 11)
    assert copy.locate(("stages", 0, "name"), on_key=True) == (5, 5)
