"""Today's date, pinnable with JOURNEYMAP_TODAY so staleness checks can be reproduced.

Staleness rules (`review-stale`, `evidence-stale`), the gap report and `init` all ask
the same clock; a test or a CI job pins it with JOURNEYMAP_TODAY=YYYY-MM-DD.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from datetime import date

ENV = "JOURNEYMAP_TODAY"


class ClockError(ValueError):
    """JOURNEYMAP_TODAY is set but is not a date; the message is one line for the user."""


def today(environ: Mapping[str, str] = os.environ) -> date:
    """Today, or the date JOURNEYMAP_TODAY names."""
    pinned = environ.get(ENV)
    if not pinned:
        return date.today()
    try:
        return date.fromisoformat(pinned)
    except ValueError:
        raise ClockError(f"{ENV}={pinned!r} is not a date (YYYY-MM-DD)") from None
