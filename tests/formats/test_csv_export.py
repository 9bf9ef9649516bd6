"""CSV export read back by the csv module and by pandas: every cell comes back whole.

The hostile names hold a lone carriage return, a line feed, a quote, the delimiter, a
semicolon and a formula; before the fix a lone CR went out unquoted, so a reader split the
row in two and the split-off cell started with `=`.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import Any

import pandas as pd
import pytest

from conftest import EXAMPLES
from journeymap.formats.export import CSV_COLUMNS, csv_text
from journeymap.loading.loader import load_file
from journeymap.model import Journey

HOSTILE = {
    "cr": "a\rb",
    "lf": "a\nb",
    "quote": 'say "hi"',
    "comma": "x, y",
    "semicolon": "x; y",
    "formula": "=1+1",
    "cr-formula": "ok\r=1+1",
}


def hostile_journey() -> str:
    lines = ["journeymap: 1", "id: h", "title: H", "stages:", "  - id: s", "    name: S"]
    lines.append("    touchpoints:")
    for key, name in HOSTILE.items():
        quoted = name.replace("\\", "\\\\").replace('"', '\\"').replace("\r", "\\r")
        quoted = quoted.replace("\n", "\\n")
        lines.append(f'      - {{id: {key}, name: "{quoted}", owner: "{quoted}"}}')
    return "\n".join(lines) + "\n"


def expected(name: str) -> str:
    """What a spreadsheet cell should hold: the text, a formula start neutralised."""
    return "'" + name if name.startswith(("=", "+", "-", "@", "\t", "\r")) else name


@pytest.fixture
def exported(cli: Any, tmp_path: Path) -> Path:
    (tmp_path / "h.yaml").write_text(hostile_journey(), encoding="utf-8", newline="")
    out = tmp_path / "out.csv"
    result = cli("export", "h.yaml", "--format", "csv", "-o", str(out), cwd=tmp_path)
    assert result.exit_code == 0, result.output
    return out


def test_the_journey_holds_the_hostile_names(tmp_path: Path) -> None:
    from journeymap.loading.loader import load_source
    from journeymap.yaml.parse import parse

    doc = load_source(parse("h.yaml", hostile_journey().encode()))
    assert isinstance(doc.model, Journey)
    assert [tp.name for tp in doc.model.stages[0].touchpoints] == list(HOSTILE.values())


def test_csv_module_reads_every_cell_back(exported: Path) -> None:
    raw = exported.read_bytes()
    assert raw.endswith(b"\r\n") and raw.count(b"\r\n") >= len(HOSTILE) + 1
    with exported.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))
    assert rows[0] == CSV_COLUMNS
    assert len(rows) == 1 + len(HOSTILE)  # no row split in two
    by_id = {row[CSV_COLUMNS.index("touchpoint")]: row for row in rows[1:]}
    for key, name in HOSTILE.items():
        row = by_id[key]
        assert len(row) == len(CSV_COLUMNS), key
        assert row[CSV_COLUMNS.index("name")] == expected(name), key
        assert row[CSV_COLUMNS.index("owner")] == expected(name), key


def test_a_lone_carriage_return_is_quoted(exported: Path) -> None:
    assert b'"a\rb"' in exported.read_bytes()
    assert csv_text([]) == ",".join(CSV_COLUMNS) + "\r\n"


def test_pandas_reads_every_cell_back(exported: Path) -> None:
    frame = pd.read_csv(exported, dtype=str, keep_default_na=False, encoding="utf-8")
    assert list(frame.columns) == CSV_COLUMNS
    assert len(frame) == len(HOSTILE)
    names = dict(zip(frame["touchpoint"], frame["name"], strict=True))
    assert names == {key: expected(name) for key, name in HOSTILE.items()}


def test_bom_for_excel(cli: Any, exported: Path, tmp_path: Path) -> None:
    out = tmp_path / "excel.csv"
    result = cli("export", "h.yaml", "--format", "csv", "--bom", "-o", str(out), cwd=tmp_path)
    assert result.exit_code == 0, result.output
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf") and raw[3:] == exported.read_bytes()
    assert not exported.read_bytes().startswith(b"\xef\xbb\xbf")  # only when asked
    frame = pd.read_csv(out, dtype=str, keep_default_na=False, encoding="utf-8-sig")
    assert list(frame.columns) == CSV_COLUMNS  # the mark is not glued to the first header
    with out.open(encoding="utf-8-sig", newline="") as handle:
        assert next(csv.reader(handle)) == CSV_COLUMNS


def test_bom_with_another_format_is_a_usage_error(cli: Any, tmp_path: Path) -> None:
    (tmp_path / "h.yaml").write_text(hostile_journey(), encoding="utf-8")
    result = cli("export", "h.yaml", "--format", "json", "--bom", cwd=tmp_path)
    assert result.exit_code == 2
    assert "--bom goes with --format csv" in result.stderr
    assert result.stdout == ""


def test_stdout_gets_the_same_bytes(cli: Any, exported: Path, tmp_path: Path) -> None:
    result = cli("export", "h.yaml", "--format", "csv", cwd=tmp_path)
    assert result.stdout_bytes == exported.read_bytes()  # CRLF and all, byte for byte


def test_a_committee_change_sits_on_its_handover_row() -> None:
    """The example's Finance Director hands over at the quarterly business review."""
    journey = load_file(EXAMPLES / "journeys" / "acme-b2b-current.yaml", "j").model
    assert isinstance(journey, Journey)
    rows = list(csv.reader(io.StringIO(csv_text([journey]))))
    column = CSV_COLUMNS.index("committee_change")
    filled = {row[CSV_COLUMNS.index("touchpoint")]: row[column] for row in rows[1:] if row[column]}
    assert filled == {
        "quarterly-business-review": "finance-director -> new-finance-director (The Finance "
        "Director moved to the group's holding before the first renewal)"
    }
