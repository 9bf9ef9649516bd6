"""Benchmark journeymap against the YAML parse floor and check-jsonschema, in one run.

    python benchmarks/run.py                       # 60 journeys x 8 stages x 10 touchpoints
    python benchmarks/run.py --journeys 20 --repeat 3 --scaling 10,20,40 -o results.json

Every command runs as a user runs it (a fresh process), repeated; the table shows medians
and peak memory (max RSS of the process), and the ratios the performance goals are
stated in. Nothing here is a test: speed is measured, never asserted.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict, dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from portfolio import write_portfolio

BIN = Path(sys.executable).parent
FLOOR = """
import glob, sys, yaml
for name in sorted(glob.glob("journeys/*.yaml") + glob.glob("personas/*.yaml")):
    with open(name, encoding="utf-8") as handle:
        yaml.load(handle, Loader=yaml.CSafeLoader)
"""


@dataclass
class Measure:
    name: str
    median_s: float
    runs: list[float]
    peak_mb: float
    exit_codes: list[int]


GNU_TIME = Path("/usr/bin/time")


def run_once(command: list[str], cwd: Path, env: dict[str, str]) -> tuple[float, float, int]:
    """Wall time, peak memory (MB) and exit code of one run.

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
    return elapsed, peak_kb / 1024, code


def measure(name: str, command: list[str], cwd: Path, repeat: int, env: dict[str, str]) -> Measure:
    run_once(command, cwd, env)  # warm the file cache and .pyc files
    runs, peaks, codes = [], [], []
    for _ in range(repeat):
        elapsed, peak, code = run_once(command, cwd, env)
        runs.append(elapsed)
        peaks.append(peak)
        codes.append(code)
    result = Measure(name, statistics.median(runs), [round(r, 4) for r in runs], max(peaks), codes)
    print(
        f"  {name:<42} {result.median_s:8.3f} s {result.peak_mb:8.1f} MB  exit {codes[0]}",
        flush=True,
    )
    return result


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
    git(root, "init", "-q")
    git(root, "add", "-A")
    git(root, "commit", "-qm", "first")
    for path in sorted((root / "journeys").glob("*.yaml"))[::10]:
        text = path.read_text(encoding="utf-8")
        path.write_text(text.replace("performance: 2\n", "performance: 3\n"), encoding="utf-8")
    git(root, "commit", "-qam", "second")


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--journeys", type=int, default=60)
    parser.add_argument("--stages", type=int, default=8)
    parser.add_argument("--touchpoints", type=int, default=10)
    parser.add_argument("--repeat", type=int, default=5, help="runs per command (median)")
    parser.add_argument(
        "--scaling", default="15,30,60", help="journey counts for the linearity check"
    )
    parser.add_argument("-o", "--output", type=Path, default=Path("benchmarks/out/results.json"))
    args = parser.parse_args()

    journeymap = str(BIN / "journeymap")
    cjs = str(BIN / "check-jsonschema")
    schemas = Path(__file__).resolve().parent.parent / "schemas"
    env = {**os.environ, "JOURNEYMAP_TODAY": "2026-11-22", "NO_COLOR": "1"}
    work = Path(tempfile.mkdtemp(prefix="journeymap-bench-"))
    try:
        root = work / "portfolio"
        size = write_portfolio(root, args.journeys, args.stages, args.touchpoints)
        files = len(list((root / "journeys").glob("*.yaml"))) + 1
        print(
            f"portfolio: {args.journeys} journeys x {args.stages} stages x {args.touchpoints} "
            f"touchpoints, {files} files, {size / 1e6:.1f} MB; {args.repeat} runs each"
        )
        second_revision(root)
        small = root / "journeys" / "journey-000.yaml"
        tiny_root = work / "tiny"
        write_portfolio(tiny_root, 1, 3, 3)
        tiny = tiny_root / "journeys" / "journey-000.yaml"
        r = args.repeat
        m: dict[str, Measure] = {}
        m["floor"] = measure(
            "floor: PyYAML CSafeLoader", [sys.executable, "-c", FLOOR], root, r, env
        )
        m["validate"] = measure("journeymap validate", [journeymap, "validate"], root, r, env)
        m["render"] = measure(
            "journeymap render (html)",
            [journeymap, "render", "-o", str(work / "site")],
            root,
            r,
            env,
        )
        m["gaps"] = measure(
            "journeymap gaps", [journeymap, "gaps", "-o", str(work / "gaps.md")], root, r, env
        )
        m["diff"] = measure(
            "journeymap diff HEAD~1 HEAD", [journeymap, "diff", "HEAD~1", "HEAD"], root, r, env
        )
        # fmt --check in CI guards files that are already formatted; the generated files
        # are not (PyYAML's layout), so a copy is formatted once and checked, and the
        # unformatted files are checked too (the full round trip on every file).
        formatted = work / "formatted"
        shutil.copytree(root, formatted)
        subprocess.run([journeymap, "fmt"], cwd=formatted, env=env, check=True, capture_output=True)
        m["fmt"] = measure(
            "journeymap fmt --check (formatted files)",
            [journeymap, "fmt", "--check"],
            formatted,
            r,
            env,
        )
        m["fmt_unformatted"] = measure(
            "journeymap fmt --check (unformatted files)",
            [journeymap, "fmt", "--check"],
            root,
            max(1, r // 2),
            env,
        )
        m["cjs"] = measure(
            "check-jsonschema (journeys + personas)",
            [
                "bash",
                "-c",
                f"{cjs} --schemafile {schemas}/journey.schema.json journeys/*.yaml && "
                f"{cjs} --schemafile {schemas}/personas.schema.json personas/*.yaml",
            ],
            root,
            r,
            env,
        )
        m["help"] = measure("journeymap --help", [journeymap, "--help"], root, max(r, 10), env)
        m["cjs_help"] = measure("check-jsonschema --help", [cjs, "--help"], root, max(r, 10), env)
        m["small"] = measure(
            "journeymap validate (one small file)",
            [journeymap, "validate", str(tiny)],
            tiny_root,
            max(r, 10),
            env,
        )
        m["cjs_small"] = measure(
            "check-jsonschema (one small file)",
            [cjs, "--schemafile", f"{schemas}/journey.schema.json", str(tiny)],
            tiny_root,
            max(r, 10),
            env,
        )
        m["one_big"] = measure(
            "journeymap validate (one portfolio file)",
            [journeymap, "validate", str(small)],
            root,
            r,
            env,
        )

        scaling = []
        for count in [int(x) for x in args.scaling.split(",") if x]:
            scale_root = work / f"scale-{count}"
            scale_size = write_portfolio(scale_root, count, args.stages, args.touchpoints)
            floor = measure(
                f"floor, {count} journeys", [sys.executable, "-c", FLOOR], scale_root, r, env
            )
            validate = measure(
                f"validate, {count} journeys", [journeymap, "validate"], scale_root, r, env
            )
            scaling.append(
                {
                    "journeys": count,
                    "mb": round(scale_size / 1e6, 2),
                    "floor_s": floor.median_s,
                    "validate_s": validate.median_s,
                    "validate_s_per_mb": round(validate.median_s / (scale_size / 1e6), 4),
                }
            )

        def ratio(a: str, b: str) -> float:
            return round(m[a].median_s / m[b].median_s, 2)

        ratios = {
            "validate / floor (goal <= 1.2)": ratio("validate", "floor"),
            "validate / check-jsonschema (goal <= 0.4)": ratio("validate", "cjs"),
            "render html / floor (goal <= 2)": ratio("render", "floor"),
            "gaps / floor": ratio("gaps", "floor"),
            "diff / floor": ratio("diff", "floor"),
            "fmt --check / floor (formatted files; goal <= 3)": ratio("fmt", "floor"),
            "fmt --check / floor (unformatted files)": ratio("fmt_unformatted", "floor"),
            "--help / check-jsonschema --help (goal <= 0.75)": ratio("help", "cjs_help"),
            "one small file / check-jsonschema's": ratio("small", "cjs_small"),
            "validate peak memory / floor's (goal <= 3)": round(
                m["validate"].peak_mb / m["floor"].peak_mb, 2
            ),
        }
        print("\nratios")
        for key, value in ratios.items():
            print(f"  {key:<52} {value:6.2f}")
        print("\nscaling (seconds per MB should stay flat)")
        for row in scaling:
            print(
                f"  {row['journeys']:>4} journeys {row['mb']:6.2f} MB  floor {row['floor_s']:.3f} s  "
                f"validate {row['validate_s']:.3f} s  {row['validate_s_per_mb']:.3f} s/MB"
            )
        args.output.parent.mkdir(parents=True, exist_ok=True)
        args.output.write_text(
            json.dumps(
                {
                    "portfolio": {
                        "journeys": args.journeys,
                        "stages": args.stages,
                        "touchpoints": args.touchpoints,
                        "megabytes": round(size / 1e6, 2),
                        "files": files,
                    },
                    "machine": {"cpus": os.cpu_count(), "python": sys.version.split()[0]},
                    "measures": {k: asdict(v) for k, v in m.items()},
                    "ratios": ratios,
                    "scaling": scaling,
                },
                indent=2,
            )
            + "\n",
            encoding="utf-8",
        )
        print(f"\nwrote {args.output}")
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
