"""A journey's detail grid cut into printed pages: A4 landscape, four touchpoints wide.

A map is far wider than paper. Printed, the grid is split into page-wide pieces, each
headed by its stages' names; a stage wider than a page is cut and marked "continued",
so that nothing is clipped and every touchpoint is printed once.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from journeymap.views.cards import ColumnView
from journeymap.views.stage import StageView

PRINT_COLUMNS = 4  # touchpoint columns on one printed landscape page
LANE_PERCENT = 14  # the lane names' column; the touchpoint columns share the rest


@dataclass(frozen=True, slots=True)
class PrintSegment:
    """A stage, or the piece of it that fits on one printed page."""

    stage: StageView
    columns: tuple[ColumnView, ...]
    count: int  # sub-columns the piece spans (an empty stage spans one)
    continued: bool
    name: str
    percent: float  # of the page's width


@dataclass(frozen=True, slots=True)
class PrintGroup:
    """One printed page of the grid: the pieces of stages side by side on it."""

    segments: tuple[PrintSegment, ...]
    columns: int


def _segment(
    stage: StageView, piece: Sequence[ColumnView | None], n: int, per_page: int
) -> PrintSegment:
    """The `n`th piece of a stage (`piece` holds None for an empty stage's one column)."""
    return PrintSegment(
        stage=stage,
        columns=tuple(c for c in piece if c is not None),
        count=len(piece),
        continued=n > 0,
        name=f"{stage.name} (continued)" if n else stage.name,
        # a full page shares what the lane column leaves by columns
        percent=round((100 - LANE_PERCENT) * len(piece) / per_page, 2),
    )


def print_groups(
    stages: Sequence[StageView], per_page: int = PRINT_COLUMNS
) -> tuple[PrintGroup, ...]:
    """The detail split into page-wide pieces: at most `per_page` touchpoint columns each.

    Stages stay whole when they fit; a stage wider than a page is cut into pieces marked
    "continued", so that nothing is clipped and every touchpoint is printed once.
    """
    groups: list[list[PrintSegment]] = [[]]
    used = 0
    for stage in stages:
        cols: Sequence[ColumnView | None] = stage.columns or (None,)
        pieces = [cols[i : i + per_page] for i in range(0, len(cols), per_page)]
        for n, piece in enumerate(pieces):
            if used and used + len(piece) > per_page:
                groups.append([])
                used = 0
            groups[-1].append(_segment(stage, piece, n, per_page))
            used += len(piece)
    return tuple(PrintGroup(tuple(group), sum(s.count for s in group)) for group in groups if group)
