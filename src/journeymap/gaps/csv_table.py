"""The ranked gaps as CSV: every gap, one row each, for a spreadsheet.

The site's gap report shows the biggest gaps only (a list of thousands is read by no
one); this table holds them all, and `journeymap gaps --format csv` writes the same
table. Cells follow `export`'s CSV rules: RFC 4180 rows ending in CRLF, and text a
spreadsheet would run as a formula neutralised. Ids, not names, name the journey, stage
and touchpoint, as in the JSON; the `why` column names the touchpoint in words.
"""

from __future__ import annotations

import csv
import io

from journeymap.export import BOM, CSV_LINE_END, safe_cell
from journeymap.gaps.results import Report
from journeymap.views.gap_sections import number

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
]


def gaps_csv(report: Report, top: int | None = None, *, bom: bool = False) -> str:
    """Header and one row a ranked gap (the `top` biggest when given); `bom` for Excel."""
    stream = io.StringIO()
    if bom:
        stream.write(BOM)
    writer = csv.writer(stream, lineterminator=CSV_LINE_END, quoting=csv.QUOTE_MINIMAL)
    writer.writerow(COLUMNS)
    gaps = report.gaps if top is None else report.gaps[:top]
    for rank, gap in enumerate(gaps, start=1):
        writer.writerow(
            [
                rank,
                number(gap.score),
                number(gap.size),
                number(gap.weight),
                number(gap.moment_of_truth_factor),
                gap.kind,
                safe_cell(gap.journey),
                safe_cell(gap.stage),
                safe_cell(gap.touchpoint),
                safe_cell(gap.summary),
            ]
        )
    return stream.getvalue()
