"""Rules of `journeymap refresh`: the CSV exports that `data:` in journeymap.yaml names.

Their checks are the CSV reader and the computations in `journeymap.refresh`; a finding
stops the refresh before anything is written. The examples are CSV files, tested in
tests/commands/test_refresh.py with exports shaped like real ones; `changed-while-refreshing` is
an event, made to happen in tests/refresh/test_refresh_safety.py.
"""

from __future__ import annotations

from journeymap.checks.registry import RuleGroup

DATA_FOR_REFRESH = RuleGroup("data for refresh", "error")

DATA_SOURCE = DATA_FOR_REFRESH.rule(
    "data-source",
    """A CSV export that `data:` names can be read and has the columns the entry uses.

    `journeymap refresh` reads each CSV file that `data:` names. The file must exist, be a
    well-formed CSV (comma or semicolon, UTF-8 with or without a byte-order mark) and have the
    columns the entry names, and the rows an entry selects must give at least one number.
    Export the file again, or fix the column name in journeymap.yaml.""",
    bad="# file: data/nps.csv\nSubmitted;Segment\n2026-09-01;mid-market\n",
    good="# file: data/nps.csv\nSubmitted;Segment;Score\n2026-09-01;mid-market;9\n",
)
DATA_VALUE = DATA_FOR_REFRESH.rule(
    "data-value",
    """Every cell a computation uses is a number on its scale (or a date, for `date_column`).

    A cell that a computation reads must be a number (blank cells are skipped): `n/a` or `45%`
    is not. NPS answers are 0 to 10 and CSAT answers 1 to 5; a date column holds ISO dates. The
    error names the file, the line and the column, so the export can be fixed where it is
    wrong.""",
    bad="# file: data/nps.csv\nSubmitted,Score\n2026-09-01,n/a\n",
    good="# file: data/nps.csv\nSubmitted,Score\n2026-09-01,9\n",
)
DATA_REFERENCE = DATA_FOR_REFRESH.rule(
    "data-reference",
    """A funnel export names touchpoints of its journey, and no number is refreshed twice.

    A funnel export lists, per account, the touchpoints it reached: each must be a touchpoint
    id of the journey (the help suggests the nearest). Two `data:` entries may not update the
    same metric, and a metric must sit where refresh can write it. Fix the id in the export or
    in the map.""",
    bad="# file: data/crm.csv\naccount,touchpoint\nacme,demo-requst\n",
    good="# file: data/crm.csv\naccount,touchpoint\nacme,demo-request\n",
)
CHANGED_WHILE_REFRESHING = DATA_FOR_REFRESH.rule(
    "changed-while-refreshing",
    """Nobody saved a journey file while `refresh` was recomputing its numbers.

    `journeymap refresh` reads the journey files, computes every number from the exports and,
    just before replacing a file, checks that it is still what it read. When someone (an
    editor's save, another tool) changed one in between, refresh keeps their edit, writes no
    file and reports this instead of overwriting it. Run refresh again.""",
    bad="# An editor saves journeys/acme.yaml while `journeymap refresh` is computing.\n",
    good="# `journeymap refresh` runs while nobody else writes the journey files.\n",
)
