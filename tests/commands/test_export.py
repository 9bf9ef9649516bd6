"""`journeymap export`: Mermaid, CSV (formula-safe) and JSON for other tools."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

from conftest import EXAMPLES
from journeymap.core.csvcells import safe_cell


def test_export_mermaid(cli: Any) -> None:
    result = cli("export", "journeys/shipper-partner.yaml", "--format", "mermaid", cwd=EXAMPLES)
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("%% journey: shipper-partner\njourney\n    accTitle: ")
    assert "      Checkout delivery-date widget: 3: E-commerce Manager\n" in result.stdout


def test_export_csv(cli: Any, tmp_path: Path) -> None:
    out = tmp_path / "touchpoints.csv"
    result = cli("export", "journeys", "personas", "--format", "csv", "-o", str(out), cwd=EXAMPLES)
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8"))))
    assert len(rows) == 16 + 6 + 2 + 2  # current, future, partner, consumer
    pilot = next(r for r in rows if r["touchpoint"] == "pilot-on-own-data")
    assert pilot["stage"] == "consideration" and pilot["importance"] == "5"
    assert pilot["emotion"] == "dispatch-manager: 2; dispatcher: 3"
    assert (
        "Pre-build connectors for the 20 most common carriers [in-progress]"
        in pilot["opportunities"]
    )


def test_csv_neutralises_formulas(cli: Any, tmp_path: Path) -> None:
    (tmp_path / "f.yaml").write_text(
        "journeymap: 1\nid: f\ntitle: F\nstages:\n  - id: s\n    name: '=HYPERLINK(\"http://x\")'\n"
        "    touchpoints:\n      - {id: t, name: '+1-2', owner: '@me', department: '-x'}\n",
        encoding="utf-8",
    )
    result = cli("export", "f.yaml", "--format", "csv", cwd=tmp_path)
    row = next(csv.DictReader(io.StringIO(result.stdout)))
    assert row["stage_name"] == '\'=HYPERLINK("http://x")'
    assert row["name"] == "'+1-2" and row["owner"] == "'@me" and row["department"] == "'-x"
    assert safe_cell(3) == "3" and safe_cell(None) == ""


def test_export_json_is_stable(cli: Any) -> None:
    first = cli("export", "journeys", "personas", "--format", "json", cwd=EXAMPLES).stdout
    second = cli("export", "journeys", "personas", "--format", "json", cwd=EXAMPLES).stdout
    assert first == second
    data = json.loads(first)
    assert [j["id"] for j in data["journeys"]] == [
        "acme-b2b",
        "acme-b2b-future",
        "shipper-consumer",
        "shipper-partner",
    ]
    assert list(data["journeys"][0])[:4] == ["x-journeymap-ignore", "journeymap", "kind", "id"]
    assert len(data["personas"]) == 7  # the committee of the examples, the new finance director too


def test_export_reports_invalid_journey(cli: Any, tmp_path: Path) -> None:
    (tmp_path / "bad.yaml").write_text(
        "journeymap: 1\nid: b\ntitle: B\nstages: []\n", encoding="utf-8"
    )
    result = cli("export", "bad.yaml", "--format", "csv", cwd=tmp_path)
    assert result.exit_code == 1
    assert "bad.yaml:4:9: error[invalid-value]" in result.stderr
