"""Benchmark journeymap against the YAML parse floor and check-jsonschema, in one run.

    python benchmarks/run.py                       # 60 journeys x 8 stages x 10 touchpoints
    python benchmarks/run.py --journeys 20 --repeat 3 -o results.json
    python benchmarks/run.py --markdown            # also print the README's tables
    python benchmarks/run.py --from-json results.json --markdown   # tables of a past run

Every command runs as a user runs it (a fresh process). The cases are interleaved: each
repetition runs every case once, in turn, so that a noisy neighbour on a shared machine
slows all of them alike instead of a few. Each case is run once first, unmeasured, to
warm the file cache and write the .pyc files. The tables show medians and peak memory
(max RSS), and the ratios the performance goals are stated in. Nothing here is a test:
speed is measured, never asserted.

Cold runs start without journeymap's cache (`.journeymap_cache/` in the portfolio folder
is deleted before each, and `--no-cache` is passed when `validate --help` offers it);
warm runs follow an unmeasured run that leaves the cache in place.
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from portfolio import write_big_journey, write_portfolio

BIN = Path(sys.executable).parent
SCHEMAS = Path(__file__).resolve().parent.parent / "schemas"
CACHE = ".journeymap_cache"
FLOOR = """
import glob, sys, yaml
for name in sorted(glob.glob("journeys/*.yaml") + glob.glob("personas/*.yaml")):
    with open(name, encoding="utf-8") as handle:
        yaml.load(handle, Loader=yaml.CSafeLoader)
"""
GNU_TIME = Path("/usr/bin/time")
# What any one-file `validate` must import before a line of journeymap runs: pydantic's
# BaseModel, typer (and the adapters it imports on the first option), ruamel.yaml, and
# pydantic's plugin loader, which building any validator imports (importlib.metadata).
DEPENDENCIES = (
    "import pydantic.main, pydantic.plugin._loader, typer.main, typer._adapters, ruamel.yaml"
)
# Less than any validate does: no CLI, no file read, no check; only the YAML library, the
# journey model and the validator pydantic builds for it.
MODEL_ONLY = "import ruamel.yaml\nfrom journeymap.model import Journey\nJourney.model_rebuild()"

# (label, numerator, denominator, goal): the goals as issue #17 states them, and #26's
# bound on fmt (a big file with its keys out of order: at most 5 x validate on it)
GOALS: list[tuple[str, str, str, float]] = [
    ("validate cold / floor", "validate_cold", "floor", 1.0),
    ("validate warm / floor", "validate_warm", "floor", 0.2),
    ("one file warm / floor", "one_file_warm", "floor", 0.2),
    ("render html / floor", "render", "floor", 1.5),
    ("fmt --check (formatted files) / floor", "fmt", "floor", 3.0),
    ("--help / check-jsonschema --help", "help", "cjs_help", 0.5),
    ("one small file cold / check-jsonschema on it", "small_cold", "cjs_small", 0.5),
    ("validate 4x journeys / 1x, both cold", "validate_x4", "validate_cold", 4.4),
    ("fmt --check big unformatted file / validate on it", "fmt_big", "validate_big", 5.0),
]
# (label, numerator, denominator): not goals but bounds, shown beside them. Importing
# journeymap's dependencies alone, or building the journey model's validator alone,
# against check-jsonschema on one small file: "one small file cold" does both and more,
# so it can never measure less than either.
REFERENCES: list[tuple[str, str, str]] = [
    ("dependencies' imports / check-jsonschema on it", "deps_import", "cjs_small"),
    ("journey model and its validator / check-jsonschema on it", "model_only", "cjs_small"),
]


@dataclass
class Case:
    key: str
    label: str
    command: list[str]
    cwd: Path
    prepare: Callable[[], None] | None = None  # unmeasured, before every measured run
    runs: list[float] = field(default_factory=list)
    peaks: list[float] = field(default_factory=list)
    codes: list[int] = field(default_factory=list)
    cpus: list[float] = field(default_factory=list)


def run_once(command: list[str], cwd: Path, env: dict[str, str]) -> tuple[float, float, int, float]:
    """Wall time, peak memory (MB), exit code and CPU time (user + system) of one run.

    CPU time moves less than wall time when others share the machine, so the tables show
    both; the goals are judged on wall time, what a user waits for.

    Linux keeps a process's peak RSS across exec, so a child forked from this (large)
    Python process would report our size; GNU time forks from a tiny process instead.
    """
    report = None
    if GNU_TIME.exists():
        handle, report = tempfile.mkstemp(prefix="jm-rss-")
        os.close(handle)
        command = [str(GNU_TIME), "-q", "-f", "%M", "-o", report, *command]
    start = time.perf_counter()
    process = subprocess.Popen(
        command, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - start
    code = os.waitstatus_to_exitcode(status)
    peak_kb = float(usage.ru_maxrss)
    if report is not None:
        text = Path(report).read_text().strip().splitlines()
        os.unlink(report)
        peak_kb = float(text[-1]) if text and text[-1].isdigit() else peak_kb
    return elapsed, peak_kb / 1024, code, usage.ru_utime + usage.ru_stime


def git(cwd: Path, *args: str) -> None:
    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": "b",
        "GIT_AUTHOR_EMAIL": "b@example.invalid",
        "GIT_COMMITTER_NAME": "b",
        "GIT_COMMITTER_EMAIL": "b@example.invalid",
    }
    subprocess.run(["git", *args], cwd=cwd, env=env, check=True, capture_output=True)


def second_revision(root: Path) -> None:
    """Commit the portfolio, change scores in a tenth of the journeys, commit again."""
    (root / ".gitignore").write_text(f"{CACHE}/\n", encoding="utf-8")
    git(root, "init", "-q")
    git(root, "add", "-A")
    git(root, "commit", "-qm", "first")
    for path in sorted((root / "journeys").glob("*.yaml"))[::10]:
        text = path.read_text(encoding="utf-8")
        path.write_text(text.replace("performance: 2\n", "performance: 3\n"), encoding="utf-8")
    git(root, "commit", "-qam", "second")


def measured_env() -> dict[str, str]:
    """The user's environment, minus what would make the runs unlike a user's.

    PYTHONDONTWRITEBYTECODE would make every run compile journeymap from source (an
    install writes .pyc files once); a cache folder from the environment would move the
    cache out of the portfolio folder that cold runs clear.
    """
    drop = {"PYTHONDONTWRITEBYTECODE", "JOURNEYMAP_CACHE_DIR", "FORCE_COLOR", "TTY_COMPATIBLE"}
    env = {k: v for k, v in os.environ.items() if k not in drop}
    return {**env, "JOURNEYMAP_TODAY": "2026-11-22", "NO_COLOR": "1"}


def has_no_cache(journeymap: str, env: dict[str, str]) -> bool:
    """Does this journeymap's `validate` take --no-cache? (Works before and after it does.)"""
    done = subprocess.run(
        [journeymap, "validate", "--help"], env=env, capture_output=True, text=True, check=False
    )
    return "--no-cache" in done.stdout


def cases(work: Path, args: argparse.Namespace, env: dict[str, str]) -> list[Case]:
    journeymap = str(BIN / "journeymap")
    cjs = str(BIN / "check-jsonschema")
    root, tiny, x4, big = work / "portfolio", work / "tiny", work / "x4", work / "big"
    formatted = work / "formatted"
    one = str(root / "journeys" / "journey-000.yaml")
    small = str(tiny / "journeys" / "journey-000.yaml")
    cold_flag = ["--no-cache"] if has_no_cache(journeymap, env) else []

    def clear(folder: Path) -> Callable[[], None]:
        return lambda: shutil.rmtree(folder / CACHE, ignore_errors=True)

    def warm_up(command: list[str], cwd: Path) -> Callable[[], None]:
        def prepare() -> None:
            run_once(command, cwd, env)

        return prepare

    validate = [journeymap, "validate"]
    fmt_check = [journeymap, "fmt", "--check"]
    return [
        Case("floor", "floor: PyYAML CSafeLoader", [sys.executable, "-c", FLOOR], root),
        Case("validate_cold", "validate, cold", [*validate, *cold_flag], root, clear(root)),
        Case("validate_warm", "validate, warm", validate, root, warm_up(validate, root)),
        Case(
            "one_file_warm",
            "validate one portfolio file, warm",
            [*validate, one],
            root,
            warm_up(validate, root),
        ),
        Case("render", "render (html)", [journeymap, "render", "-o", str(work / "site")], root),
        Case("gaps", "gaps", [journeymap, "gaps", "-o", str(work / "gaps.md")], root),
        Case("diff", "diff HEAD~1 HEAD", [journeymap, "diff", "HEAD~1", "HEAD"], root),
        # fmt --check in CI guards files that are already formatted; the generated files
        # are not (PyYAML's layout), so a formatted copy is checked, and the unformatted
        # files too (the full round trip on every file), so the number is not flattering.
        Case("fmt", "fmt --check (formatted files)", [journeymap, "fmt", "--check"], formatted),
        Case("fmt_raw", "fmt --check (unformatted files)", [journeymap, "fmt", "--check"], root),
        Case(
            "cjs",
            "check-jsonschema (journeys + personas)",
            [
                "bash",
                "-c",
                f"{cjs} --schemafile {SCHEMAS}/journey.schema.json journeys/*.yaml && "
                f"{cjs} --schemafile {SCHEMAS}/personas.schema.json personas/*.yaml",
            ],
            root,
        ),
        Case("help", "journeymap --help", [journeymap, "--help"], root),
        Case("cjs_help", "check-jsonschema --help", [cjs, "--help"], root),
        Case("small_cold", "validate one small file, cold", [*validate, *cold_flag, small], tiny),
        Case(
            "cjs_small",
            "check-jsonschema on that file",
            [cjs, "--schemafile", f"{SCHEMAS}/journey.schema.json", small],
            tiny,
        ),
        Case(
            "deps_import",
            "import the dependencies only (no journeymap)",
            [sys.executable, "-c", DEPENDENCIES],
            tiny,
        ),
        Case(
            "model_only",
            "journey model and its validator only",
            [sys.executable, "-c", MODEL_ONLY],
            tiny,
        ),
        Case(
            "validate_x4",
            f"validate {4 * args.journeys} journeys, cold",
            [*validate, *cold_flag],
            x4,
            clear(x4),
        ),
        # one 2.6 MB journey whose keys are all out of fmt's order: fmt must rewrite it
        # all, and stay within a few times what validate takes on the same file
        Case(
            "validate_big",
            "validate one big journey, cold",
            [*validate, *cold_flag],
            big,
            clear(big),
        ),
        Case("fmt_big", "fmt --check that journey (keys out of order)", [*fmt_check], big),
    ]


def measure(all_cases: list[Case], repeat: int, env: dict[str, str]) -> None:
    """Every case once unmeasured, then `repeat` rounds of every case in turn."""
    for case in all_cases:
        if case.prepare:
            case.prepare()
        run_once(case.command, case.cwd, env)
    for round_ in range(1, repeat + 1):
        print(f"round {round_}/{repeat}", flush=True)
        for case in all_cases:
            if case.prepare:
                case.prepare()
            elapsed, peak, code, cpu = run_once(case.command, case.cwd, env)
            case.runs.append(elapsed)
            case.cpus.append(cpu)
            case.peaks.append(peak)
            case.codes.append(code)
            print(f"  {case.label:<44} {elapsed:8.3f} s {peak:8.1f} MB  exit {code}", flush=True)


def summary(all_cases: list[Case]) -> dict[str, dict[str, Any]]:
    return {
        c.key: {
            "label": c.label,
            "median_s": round(statistics.median(c.runs), 4),
            "runs": [round(r, 4) for r in c.runs],
            "cpu_median_s": round(statistics.median(c.cpus), 4),
            "peak_mb": round(max(c.peaks), 1),
            "exit_codes": c.codes,
        }
        for c in all_cases
    }


def ratios(measures: dict[str, dict[str, Any]]) -> list[dict[str, Any]]:
    rows = []
    for label, top, bottom, goal in GOALS:
        if top not in measures or bottom not in measures:
            continue  # a case left out with --only
        value = round(measures[top]["median_s"] / measures[bottom]["median_s"], 2)
        cpu = round(measures[top]["cpu_median_s"] / measures[bottom]["cpu_median_s"], 2)
        rows.append(
            {"ratio": label, "value": value, "cpu": cpu, "goal": goal, "met": value <= goal}
        )
    for label, top, bottom in REFERENCES:
        if top in measures and bottom in measures:
            value = round(measures[top]["median_s"] / measures[bottom]["median_s"], 2)
            cpu = round(measures[top]["cpu_median_s"] / measures[bottom]["cpu_median_s"], 2)
            rows.append({"ratio": label, "value": value, "cpu": cpu, "goal": None})
    return rows


def text_tables(result: dict[str, Any]) -> str:
    lines = ["", "medians"]
    for m in result["measures"].values():
        lines.append(
            f"  {m['label']:<44} {m['median_s']:8.3f} s {m['peak_mb']:8.1f} MB"
            f"  cpu {m.get('cpu_median_s', float('nan')):.3f} s"
        )
    lines += ["", "goals"]
    for row in result["ratios"]:
        if row.get("goal") is None:
            goal, mark = "bound  ", "(ref)"
        else:
            goal, mark = f"<= {row['goal']:<4}", "pass" if row["met"] else "MISS"
        lines.append(
            f"  {row['ratio']:<58} {row['value']:6.2f}  {goal}  {mark}"
            f"  (cpu {row.get('cpu', float('nan')):.2f})"
        )
    return "\n".join(lines)


def markdown(result: dict[str, Any]) -> str:
    """The README's tables: the goals, then every measure, with date and machine."""
    p, m = result["portfolio"], result["machine"]
    out = [
        f"Measured {result['date']} on {m['cpus']} cores ({m['system']}, Python "
        f"{m['python']}), {p['journeys']} journeys x {p['stages']} stages x "
        f"{p['touchpoints']} touchpoints ({p['files']} files, {p['megabytes']} MB), median "
        f"of {result['repeat']} interleaved runs:",
        "",
        "| ratio | measured | goal | | by CPU time |",
        "| --- | ---: | ---: | --- | ---: |",
    ]
    for row in result["ratios"]:
        cpu = f"{row['cpu']:.2f}" if "cpu" in row else ""
        if row.get("goal") is None:
            out.append(f"| {row['ratio']} | {row['value']:.2f} | | bound | {cpu} |")
            continue
        mark = "pass" if row["met"] else "miss"
        out.append(f"| {row['ratio']} | {row['value']:.2f} | <= {row['goal']} | {mark} | {cpu} |")
    out += ["", "| command | median | CPU | peak memory |", "| --- | ---: | ---: | ---: |"]
    for meas in result["measures"].values():
        cpu = f"{meas['cpu_median_s']:.3f} s" if "cpu_median_s" in meas else ""
        out.append(
            f"| {meas['label']} | {meas['median_s']:.3f} s | {cpu} | {meas['peak_mb']:.1f} MB |"
        )
    return "\n".join(out) + "\n"


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--journeys", type=int, default=60)
    parser.add_argument("--stages", type=int, default=8)
    parser.add_argument("--touchpoints", type=int, default=10)
    parser.add_argument("--repeat", type=int, default=5, help="measured rounds (median)")
    parser.add_argument("-o", "--output", type=Path, default=Path("benchmarks/out/results.json"))
    parser.add_argument("--markdown", action="store_true", help="print the README's tables")
    parser.add_argument("--from-json", type=Path, help="only print the tables of a saved run")
    parser.add_argument(
        "--only",
        help="comma-separated case keys to run (with what their ratios divide by), "
        "e.g. --only render,small_cold; for working on one goal, never for the README",
    )
    args = parser.parse_args()

    if args.from_json is not None:
        result = json.loads(args.from_json.read_text(encoding="utf-8"))
        print(markdown(result) if args.markdown else text_tables(result))
        return 0
    if not (BIN / "check-jsonschema").exists():
        sys.stderr.write("check-jsonschema is missing: pip install -e '.[test]' first\n")
        return 2
    env = measured_env()
    work = Path(tempfile.mkdtemp(prefix="journeymap-bench-"))
    try:
        root = work / "portfolio"
        size = write_portfolio(root, args.journeys, args.stages, args.touchpoints)
        files = len(list((root / "journeys").glob("*.yaml"))) + 1
        second_revision(root)
        write_portfolio(work / "tiny", 1, 3, 3)
        write_portfolio(work / "x4", 4 * args.journeys, args.stages, args.touchpoints)
        write_big_journey(work / "big")
        shutil.copytree(root, work / "formatted")
        subprocess.run(
            [str(BIN / "journeymap"), "fmt"], cwd=work / "formatted", env=env, check=True
        )
        print(
            f"portfolio: {args.journeys} journeys x {args.stages} stages x {args.touchpoints} "
            f"touchpoints, {files} files, {size / 1e6:.1f} MB; {args.repeat} rounds",
            flush=True,
        )
        all_cases = cases(work, args, env)
        if args.only:
            wanted = set(args.only.split(","))
            pairs = [(top, bottom) for _, top, bottom, _ in GOALS]
            pairs += [(top, bottom) for _, top, bottom in REFERENCES]
            for _ in pairs:  # what a ratio divides by, and what that divides by
                wanted |= {bottom for top, bottom in pairs if top in wanted}
            unknown = wanted - {case.key for case in all_cases}
            if unknown:
                sys.stderr.write(f"--only: no such case: {', '.join(sorted(unknown))}\n")
                return 2
            all_cases = [case for case in all_cases if case.key in wanted]
        measure(all_cases, args.repeat, env)
        measures = summary(all_cases)
        result = {
            "date": datetime.date.today().isoformat(),
            "repeat": args.repeat,
            "portfolio": {
                "journeys": args.journeys,
                "stages": args.stages,
                "touchpoints": args.touchpoints,
                "megabytes": round(size / 1e6, 1),
                "files": files,
            },
            "machine": {
                "cpus": os.cpu_count(),
                "python": platform.python_version(),
                "system": f"{platform.system()} {platform.machine()}",
            },
            "measures": measures,
            "ratios": ratios(measures),
        }
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print(text_tables(result))
    if args.markdown:
        print("\n" + markdown(result))
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    print(f"\nwrote {args.output}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
