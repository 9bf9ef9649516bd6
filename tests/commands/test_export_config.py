"""`export` with no paths reads journeymap.yaml, like every other command (issue 15)."""

from __future__ import annotations

import csv
import io
from typing import Any

from conftest import EXAMPLES


def test_export_without_paths_reads_the_config(cli: Any) -> None:
    named = cli("export", "journeys", "personas", "--format", "csv", cwd=EXAMPLES)
    configured = cli("export", "--format", "csv", cwd=EXAMPLES)
    assert configured.exit_code == 0, configured.output
    assert configured.stdout == named.stdout
    rows = list(csv.DictReader(io.StringIO(configured.stdout)))
    assert {r["journey"] for r in rows} == {
        "acme-b2b",
        "acme-b2b-future",
        "shipper-partner",
        "shipper-consumer",
    }
