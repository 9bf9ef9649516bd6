"""`journeymap refresh`: recompute the numbers `data:` names and write them into the maps.

Everything is computed before anything is written: every entry is read and computed,
every file edited in memory and checked, and only when no entry failed are the files
written (each atomically). So a bad cell anywhere leaves every file as it was. A journey
file is written only if it still holds the bytes read when it was loaded (an edit saved
during a long refresh wins: nothing is written, exit 1), through a link that stays inside
the project, by the code fmt writes with (`disk.writing.write_back`).

Examples:

  journeymap refresh              # update the numbers, print each change
  journeymap refresh --check      # in a scheduled CI job: exit 1 when out of date
  journeymap refresh --diff

Exit codes: 0 done (or nothing to do); 1 with --check/--diff when a number is out of
date, or when the data is wrong (a missing file or column, a cell that is not a number,
an unknown touchpoint) or a journey file does not load; 2 when journeymap.yaml is wrong
(an unknown journey or metric, a malformed entry), as for every command.
"""

from __future__ import annotations

import difflib
import os
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from journeymap.commands._output import EXIT_FINDINGS, EXIT_OK, EXIT_USAGE, Console
from journeymap.core.clock import today
from journeymap.core.diagnostics import Diagnostic, sort_diagnostics
from journeymap.core.errors import UsageError
from journeymap.core.wording import count_of
from journeymap.disk.reading import ReadLimits, Refusal, read_user_file
from journeymap.disk.writing import ChangedError, changed_while, check_unchanged, write_back
from journeymap.loading.loader import load_source, read_source_and_bytes
from journeymap.model import Journey
from journeymap.project.config import Settings, load_settings
from journeymap.project.discovery import expand_globs
from journeymap.refresh.apply import apply_edits
from journeymap.refresh.compute import NoData, compute_funnel, compute_metric
from journeymap.refresh.csvread import DataError, Table, parse_table
from journeymap.refresh.plan import (
    Change,
    FunnelChange,
    MetricChange,
    file_edits,
    plan_funnel,
    plan_metric,
)
from journeymap.refresh.resolve import FunnelTarget, MetricTarget, Target, resolve
from journeymap.refresh.sources import typed_sources
from journeymap.yaml.parse import parse
from journeymap.yaml.source import Source


@dataclass
class Outcome:
    """What a refresh found: changes and new file texts, or the problems that stop it."""

    changes: list[Change] = field(default_factory=list)
    texts: dict[str, tuple[str, str]] = field(default_factory=dict)  # path -> (old, new)
    read: dict[str, bytes] = field(default_factory=dict)  # path -> the bytes loaded
    problems: list[Diagnostic] = field(default_factory=list)
    usage: bool = False  # the problems are in journeymap.yaml


def refresh(
    ui: Console,
    *,
    check: bool = False,
    show_diff: bool = False,
    config: Path | None = None,
) -> int:
    """Run a refresh and report it; the exit code is the return value."""
    try:
        settings = load_settings(explicit=config)
    except UsageError as exc:
        ui.problems(sort_diagnostics(exc.diagnostics))
        ui.error(str(exc))
        return EXIT_USAGE
    if settings.path is None:
        ui.error("no journeymap.yaml found; refresh reads its `data:` list")
        return EXIT_USAGE
    if not settings.config.data:
        ui.error(
            f"{_display(settings.path)} has no `data:` entries, so there is nothing to refresh"
            "\n  = help: see docs/refresh.md for how to name the CSV export of each number"
        )
        return EXIT_USAGE
    try:
        outcome = compute(settings, today())
    except UsageError as exc:
        ui.error(str(exc))
        return EXIT_USAGE
    if outcome.problems:
        ui.problems(sort_diagnostics(outcome.problems))
        ui.error("nothing was written")
        return EXIT_USAGE if outcome.usage else EXIT_FINDINGS
    for change in outcome.changes:
        if show_diff:
            ui.message(describe(change))
        else:
            ui.data(describe(change) + "\n")
    if show_diff:
        for path, (old, new) in outcome.texts.items():
            ui.data(
                "".join(
                    difflib.unified_diff(
                        old.splitlines(keepends=True),
                        new.splitlines(keepends=True),
                        f"a/{path}",
                        f"b/{path}",
                    )
                )
            )
    count = _count(outcome)
    if not outcome.changes:
        ui.message("every number is up to date")
        return EXIT_OK
    if check or show_diff:
        ui.message(f"{count} pending: run `journeymap refresh` to write them")
        return EXIT_FINDINGS
    return _write(ui, outcome, settings.root, count)


def _write(ui: Console, outcome: Outcome, root: Path, count: str) -> int:
    """Write every edited file, unless one was saved by someone else since it was read:
    then none (their edit wins, and refresh is simply run again)."""
    stale: list[Diagnostic] = []
    for path in outcome.texts:
        try:
            check_unchanged(Path(path), outcome.read[path])
        except ChangedError:
            stale.append(changed_while(path, "refresh"))
    if stale:
        ui.problems(stale)
        ui.error("nothing was written")
        return EXIT_FINDINGS
    written: list[str] = []
    problems: list[Diagnostic] = []
    for path, (_, new) in outcome.texts.items():
        expect = outcome.read[path]
        problem = write_back(Path(path), new, expect=expect, root=root, display=path, by="refresh")
        if problem is not None:
            problems.append(problem)
        else:
            written.append(path)
    if problems:  # a file saved in the last instant, a read-only folder, a full disk
        ui.problems(problems)
        ui.error(f"only {', '.join(written)} written" if written else "nothing was written")
        return EXIT_FINDINGS
    ui.message(f"wrote {count}")
    return EXIT_OK


def compute(settings: Settings, today: date) -> Outcome:
    """Every entry computed and every journey file edited in memory; nothing written."""
    assert settings.path is not None
    outcome = Outcome()
    config = _config_source(settings.path)
    journeys, broken = _load_journeys(settings, outcome.read)
    if broken:
        outcome.problems = broken
        return outcome
    targets, problems = resolve(typed_sources(settings.config.data), journeys, config)
    if problems:
        outcome.problems, outcome.usage = problems, True
        return outcome
    tables: dict[Path, Table] = {}
    for target in targets:
        try:
            outcome.changes.extend(_compute_one(target, settings, config, tables, today))
        except DataError as exc:
            outcome.problems.extend(exc.diagnostics)
    if outcome.problems:
        return outcome
    by_file: dict[str, list[Change]] = {}
    for change in outcome.changes:
        by_file.setdefault(change.path, []).append(change)
    for path, changes in by_file.items():
        old = outcome.read[path].decode("utf-8")  # as loaded: the plan was made from it
        try:
            new = apply_edits(path, old, file_edits(changes))
        except DataError as exc:
            outcome.problems.extend(exc.diagnostics)
            continue
        outcome.texts[path] = (old, new)
    return outcome


def _compute_one(
    target: Target,
    settings: Settings,
    config: Source,
    tables: dict[Path, Table],
    today: date,
) -> list[Change]:
    entry = target.entry
    loc = ("data", entry.index)
    named_by = f"{config.path}:{config.locate(loc)[0]}"
    table = _table(settings.root / entry.source, config, loc, tables, settings.read_limits)
    if isinstance(target, MetricTarget):
        try:
            result = compute_metric(table, target.entry, named_by)
        except NoData:
            column = target.entry.column
            where = ", ".join(f"{k} = {v}" for k, v in target.entry.where.items())
            raise DataError(
                [
                    config.diagnostic(
                        loc,
                        "data-source",
                        f"no numbers to compute {target.entry.compute} from: column {column} "
                        f"is blank in every row{f' where {where}' if where else ''} "
                        f"of {table.path}",
                        hint="check the `where:` values and the column against the export",
                    )
                ]
            ) from None
        change = plan_metric(target, result, today)
        return [change] if change is not None else []
    assert isinstance(target, FunnelTarget)
    pairs = [(tp.id, tp.name) for _, tp in target.touchpoints]
    steps = compute_funnel(table, target.entry, pairs, named_by)
    return list(plan_funnel(target, steps))


def _table(
    path: Path,
    config: Source,
    loc: tuple[str, int],
    tables: dict[Path, Table],
    limits: ReadLimits,
) -> Table:
    """A CSV file read once per run, however many entries use it, under validate's
    rules: a link out of the project or a file over `max_file_size` is refused."""
    key = Path(os.path.realpath(path))
    if key in tables:
        return tables[key]
    display = _display(path)
    try:
        if not path.exists() and not path.is_symlink():
            raise Refusal("no such file")
        raw = read_user_file(path, limits)
    except Refusal as refusal:
        reason = str(refusal).removeprefix("cannot be read: ").removeprefix("is ")
        raise DataError(
            [
                config.diagnostic(
                    (*loc, "source"),
                    "data-source",
                    f"cannot read {display}: {reason}",
                    hint=refusal.hint
                    or "`source` is relative to journeymap.yaml's folder; "
                    "export the data there or correct the path",
                )
            ]
        ) from None
    table = parse_table(display, raw)
    tables[key] = table
    return table


def _config_source(path: Path) -> Source:
    """journeymap.yaml parsed again, for the positions of its entries (it is valid)."""
    return parse(_display(path), path.read_bytes())


def _load_journeys(
    settings: Settings, read: dict[str, bytes]
) -> tuple[dict[str, tuple[str, Journey]], list[Diagnostic]]:
    """The config's journeys by id; refresh writes into them, so none may be broken.
    Each file's bytes go into `read`: they are edited, and checked before the write."""
    journeys: dict[str, tuple[str, Journey]] = {}
    problems: list[Diagnostic] = []
    for path in expand_globs(settings, "journeys"):
        source, raw = read_source_and_bytes(path, str(path), settings.read_limits)
        doc = load_source(source)
        if raw is not None:
            read[doc.path] = raw
        errors = [d for d in doc.diagnostics if d.severity == "error"]
        if errors:
            problems.extend(errors)
        elif doc.journey is not None:
            journeys.setdefault(doc.journey.id, (doc.path, doc.journey))
    return journeys, problems


def _display(path: Path) -> str:
    try:
        return os.path.relpath(path)
    except ValueError:  # another drive on Windows
        return str(path)


# --- words ----------------------------------------------------------------------------------


def _count(outcome: Outcome) -> str:
    return f"{count_of(len(outcome.changes), 'change')} in {count_of(len(outcome.texts), 'file')}"


def _num(value: float | int | None) -> str:
    return "(none)" if value is None else f"{value:g}" if isinstance(value, float) else str(value)


def describe(change: Change) -> str:
    """One line per change: `acme-b2b#nps: 38 -> 42, as of 2026-09-30`."""
    if isinstance(change, FunnelChange):
        old = f"{change.old[0]} entered, {change.old[1]} continued" if change.old else "(none)"
        new = f"{change.new[0]} entered, {change.new[1]} continued"
        return f"{change.ref} funnel: {old} -> {new}"
    assert isinstance(change, MetricChange)
    as_of = change.new_as_of.isoformat() if change.new_as_of else "?"
    if change.value_changed:
        return f"{change.ref}: {_num(change.old_value)} -> {_num(change.new_value)}, as of {as_of}"
    old_as_of = change.old_as_of.isoformat() if change.old_as_of else "(none)"
    return f"{change.ref}: {_num(change.new_value)} (unchanged), as of {old_as_of} -> {as_of}"
