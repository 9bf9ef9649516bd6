"""The ranked gaps as CSV: every gap, one row each, for a spreadsheet.

The site's gap report shows the biggest gaps only (a list of thousands is read by no
one); this table holds them all, and `journeymap gaps --format csv` writes the same
table. Its first columns are the page's, with the same names and kind labels, so a row
of the spreadsheet reads like a row of the page; the ids follow, for scripts and for
matching the JSON. Cells follow `export`'s CSV rules (`export.csv_table`).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from journeymap.core.csvcells import csv_table
from journeymap.gaps.results import Gap, Report
from journeymap.views.gap_sections import Names, number
from journeymap.views.gaps import KIND_LABELS

COLUMNS = [
    "rank",
    "score",
    "size",
    "weight",
    "moment_of_truth_factor",
    "kind",
    "journey",
    "stage",
    "touchpoint",
    "why",
    "kind_id",
    "journey_id",
    "stage_id",
    "touchpoint_id",
]


def gaps_csv(report: Report, names: Names, top: int | None = None, *, bom: bool = False) -> str:
    """Header and one row a ranked gap (the `top` biggest when given); `bom` for Excel."""
    gaps = report.gaps if top is None else report.gaps[:top]
    return csv_table(COLUMNS, _rows(names, gaps), bom=bom)


def _rows(names: Names, gaps: Sequence[Gap]) -> Iterator[list[object]]:
    for rank, gap in enumerate(gaps, start=1):
        yield [
            rank,
            number(gap.score),
            number(gap.size),
            number(gap.weight),
            number(gap.moment_of_truth_factor),
            KIND_LABELS.get(gap.kind, gap.kind),
            names.journey(gap.journey),
            names.stage(gap.journey, gap.stage),
            names.touchpoint(gap.journey, gap.touchpoint),
            gap.summary,
            gap.kind,
            gap.journey,
            gap.stage,
            gap.touchpoint,
        ]
