"""Every ranked gap as CSV (`gaps --format csv`, and `gaps.csv` beside the site's report),
read back by the csv module and by pandas, with scores worked out by hand."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

import pandas as pd

from conftest import EXAMPLES
from journeymap.views.gaps_csv import COLUMNS

# Two touchpoints, hand-scored (score = size x weight x moment-of-truth factor):
#   t1: importance 5, performance 2, a moment of truth: size 3, weight 5/5 = 1, x 1.5 = 4.5
#   t2: importance 4, performance 3:                    size 1, weight 4/5 = 0.8, x 1 = 0.8
# t1's name starts a formula; t2's holds the delimiter and quotes.
JOURNEY = """\
journeymap: 1
id: j
title: J
stages:
  - id: s
    name: S
    touchpoints:
      - id: t1
        name: '=HYPERLINK("http://x")'
        importance: 5
        performance: 2
        moment_of_truth: true
      - id: t2
        name: 'Quote, "draft"'
        importance: 4
        performance: 3
"""


def _rows(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text, newline="")))


def test_rows_hold_the_hand_computed_scores(cli: Any, tmp_path: Path) -> None:
    (tmp_path / "j.yaml").write_text(JOURNEY, encoding="utf-8")
    result = cli("gaps", "j.yaml", "--format", "csv", cwd=tmp_path)
    assert result.exit_code == 0, result.output
    rows = _rows(result.stdout)
    assert rows[0] == COLUMNS
    assert rows[1] == [
        "1", "4.5", "3", "1", "1.5", "importance vs performance", "J", "S",
        "'=HYPERLINK(\"http://x\")",  # the name, its formula neutralised
        "'=HYPERLINK(\"http://x\"): importance 5, performance 2 "
        "(concentrate-here, a moment of truth)",
        "ipa", "j", "s", "t1",
    ]  # fmt: skip
    assert rows[2] == [
        "2", "0.8", "1", "0.8", "1", "importance vs performance", "J", "S",
        'Quote, "draft"',
        'Quote, "draft": importance 4, performance 3 (keep-up)',
        "ipa", "j", "s", "t2",
    ]  # fmt: skip
    assert len(rows) == 3


def test_top_and_bom(cli: Any, tmp_path: Path) -> None:
    (tmp_path / "j.yaml").write_text(JOURNEY, encoding="utf-8")
    out = tmp_path / "gaps.csv"
    result = cli(
        "gaps", "j.yaml", "--format", "csv", "--top", "1", "--bom", "-o", str(out), cwd=tmp_path
    )
    assert result.exit_code == 0, result.output
    data = out.read_bytes()
    assert data.startswith(b"\xef\xbb\xbfrank,score,")
    assert data.count(b"\r\n") == data.count(b"\n") == 2  # RFC 4180 rows: header, one gap
    frame = pd.read_csv(out, encoding="utf-8-sig")  # what Excel's import does with the BOM
    assert list(frame.columns) == COLUMNS
    assert frame.shape == (1, len(COLUMNS))
    assert (frame.loc[0, "score"], frame.loc[0, "touchpoint_id"]) == (4.5, "t1")


def test_bom_goes_with_csv_only(cli: Any, tmp_path: Path) -> None:
    (tmp_path / "j.yaml").write_text(JOURNEY, encoding="utf-8")
    result = cli("gaps", "j.yaml", "--format", "json", "--bom", cwd=tmp_path)
    assert result.exit_code == 2
    assert "--bom goes with --format csv only" in result.stderr
    assert result.stdout == ""


def test_the_csv_holds_the_json_gaps_in_order(cli: Any, monkeypatch: Any) -> None:
    """Two outputs of one analysis: the same gaps, rank for rank."""
    monkeypatch.chdir(EXAMPLES)
    as_json = json.loads(cli("gaps", "--format", "json").stdout)
    rows = _rows(cli("gaps", "--format", "csv").stdout)[1:]
    assert len(rows) == as_json["total_gaps"] == len(as_json["gaps"]) > 50
    for row, gap in zip(rows, as_json["gaps"], strict=True):
        assert row[10:] == [gap["kind"], gap["journey"], gap["stage"], gap["touchpoint"] or ""]
        assert float(row[1]) == gap["score"]
