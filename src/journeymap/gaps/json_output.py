"""The gap report as JSON, produced from the typed report (`journeymap gaps -f json`)."""

from __future__ import annotations

import json

from journeymap.gaps.results import Report


def report_json(report: Report, top: int | None = None) -> str:
    """The report's data, the ranked gaps cut to `top`; dates as ISO strings."""
    return json.dumps(report.as_dict(top), indent=2, ensure_ascii=False, default=str) + "\n"
