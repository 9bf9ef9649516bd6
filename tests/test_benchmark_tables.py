"""benchmarks/run.py's ratios and tables, on measures worked out by hand.

The README's performance tables are this script's output, pasted, so a wrong ratio
there would be a wrong claim to the team.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

ROOT = Path(__file__).resolve().parent.parent


def _load() -> ModuleType:
    spec = importlib.util.spec_from_file_location("bench_run", ROOT / "benchmarks" / "run.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules["bench_run"] = module
    spec.loader.exec_module(module)
    return module


run = _load()


def _measure(seconds: float, cpu: float) -> dict[str, Any]:
    return {"label": "x", "median_s": seconds, "cpu_median_s": cpu, "peak_mb": 1.0}


def test_a_goal_and_a_bound_on_hand_computed_measures() -> None:
    measures = {
        "small_cold": _measure(0.216, 0.214),
        "cjs_small": _measure(0.250, 0.248),
        "deps_import": _measure(0.136, 0.135),
    }
    rows = {row["ratio"]: row for row in run.ratios(measures)}
    goal = rows["one small file cold / check-jsonschema on it"]
    # 0.216 / 0.250 = 0.864 -> 0.86, over the goal of 0.5
    assert (goal["value"], goal["met"], goal["goal"]) == (0.86, False, 0.5)
    assert goal["cpu"] == 0.86  # 0.214 / 0.248 = 0.8629
    bound = rows["dependencies' imports / check-jsonschema on it"]
    # 0.136 / 0.250 = 0.544 -> 0.54; a bound has no goal and is never pass or miss
    assert (bound["value"], bound["goal"], "met" in bound) == (0.54, None, False)
    assert len(rows) == 2  # ratios whose cases did not run (model_only) are left out


def test_the_markdown_marks_a_bound_as_neither_pass_nor_miss() -> None:
    measures = {
        "small_cold": _measure(0.3, 0.3),
        "cjs_small": _measure(0.6, 0.6),
        "deps_import": _measure(0.15, 0.15),
    }
    result = {
        "date": "2026-11-23",
        "repeat": 1,
        "portfolio": {"journeys": 1, "stages": 3, "touchpoints": 3, "megabytes": 0.1, "files": 2},
        "machine": {"cpus": 2, "python": "3.11", "system": "Linux"},
        "measures": measures,
        "ratios": run.ratios(measures),
    }
    table = run.markdown(result)
    assert "| one small file cold / check-jsonschema on it | 0.50 | <= 0.5 | pass | 0.50 |" in table
    assert "| dependencies' imports / check-jsonschema on it | 0.25 | | bound | 0.25 |" in table
    assert "bound  " in run.text_tables(result) and "MISS" not in run.text_tables(result)
