"""The typer app: arguments, exit codes and printing. The only module that knows typer.

Heavy modules (pydantic, ruamel, jinja2, the models) are imported inside commands so that
`journeymap --help` and shell completion stay fast.
"""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Callable, Iterator
from datetime import date
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, NoReturn

import typer

from journeymap import __version__

if TYPE_CHECKING:
    from journeymap.config import Settings
    from journeymap.diagnostics import Diagnostic
    from journeymap.model import Journey
    from journeymap.project import Portfolio
    from journeymap.views.site import Portfolio as ViewPortfolio

EXIT_OK, EXIT_FINDINGS, EXIT_USAGE = 0, 1, 2

app = typer.Typer(
    name="journeymap",
    help="Customer journey maps as YAML in git: validate, render, rank gaps, diff by meaning.",
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
    no_args_is_help=True,
    context_settings={"help_option_names": ["-h", "--help"]},
    add_completion=True,
)


class Verbosity:
    """-q / -v, shared by every command."""

    level = 0


QuietOpt = Annotated[bool, typer.Option("--quiet", "-q", help="Print only findings and errors.")]
VerboseOpt = Annotated[
    bool, typer.Option("--verbose", "-v", help="Also list skipped files and context files.")
]
PathsArg = Annotated[
    list[str] | None,
    typer.Argument(
        help="Journey or persona files, or folders to search. Default: the journeymap.yaml globs.",
        show_default=False,
    ),
]
ConfigOpt = Annotated[
    Path | None,
    typer.Option("--config", help="Use this journeymap.yaml instead of discovering one."),
]


def _set_verbosity(quiet: bool, verbose: bool) -> None:
    Verbosity.level = -1 if quiet else (1 if verbose else 0)


# --- printing ---------------------------------------------------------------------------


def _stdout_console() -> object:
    from rich.console import Console

    return Console(soft_wrap=True, highlight=False)


def _stderr_console() -> object:
    from rich.console import Console

    return Console(stderr=True, soft_wrap=True, highlight=False)


def message(text: str, *, style: str | None = None, level: int = 0) -> None:
    """A human message on stderr; data never goes here."""
    if Verbosity.level < level:
        return
    from rich.console import Console
    from rich.text import Text

    console: Console = _stderr_console()  # type: ignore[assignment]
    console.print(Text(text, style=style or ""))


def fail(text: str, code: int = EXIT_USAGE) -> NoReturn:
    from rich.console import Console
    from rich.text import Text

    console: Console = _stderr_console()  # type: ignore[assignment]
    console.print(Text("journeymap: ", style="bold red") + Text(text))
    raise typer.Exit(code)


def emit(text: str, output: Path | None) -> None:
    """A report to stdout, or atomically to the file named with -o."""
    from journeymap.writing import WriteError, write_atomic

    if output is None:
        write_data(text)
        return
    try:
        write_atomic(output, text)
    except WriteError as exc:
        fail(str(exc))
    message(f"wrote {output}", style="green")


def write_data(text: str) -> None:
    """Data (json, sarif, md, plain diagnostics) on stdout, byte for byte."""
    sys.stdout.write(text)
    sys.stdout.flush()


def print_diagnostics(diagnostics: list[Diagnostic], sources: dict[str, object]) -> None:
    """Diagnostics as text: plain on a pipe; coloured, with code frames, on a terminal."""
    from rich.console import Console
    from rich.text import Text

    from journeymap.formats.text import code_frame, diagnostics_text, headline
    from journeymap.textsafe import visible

    console: Console = _stdout_console()  # type: ignore[assignment]
    if not console.is_terminal:
        write_data(diagnostics_text(diagnostics))
        return
    colours = {"error": "bold red", "warning": "bold yellow", "info": "bold blue"}
    for d in diagnostics:
        line = Text(f"{visible(d.path)}:{d.line}:{d.column}: ", style="bold")
        line.append(f"{d.severity}[{d.rule}]", style=colours[d.severity])
        line.append(" " + visible(d.message))
        assert headline(d).endswith(visible(d.message))
        console.print(line)
        source = sources.get(d.path)
        text = source.line(d.line) if source is not None else None  # type: ignore[attr-defined]
        for frame_line in code_frame(d, text):
            console.print(Text(frame_line, style="dim"))
        if d.hint:
            console.print(Text("  = help: ", style="bold cyan") + Text(visible(d.hint)))


def print_usage_error(exc: Exception) -> NoReturn:
    from journeymap.config import UsageError

    if isinstance(exc, UsageError) and exc.diagnostics:
        from journeymap.diagnostics import sort_diagnostics

        print_diagnostics(sort_diagnostics(exc.diagnostics), {})
    fail(str(exc))


# --- shared steps -----------------------------------------------------------------------


def today() -> date:
    """Today, or JOURNEYMAP_TODAY (YYYY-MM-DD) for reproducible staleness checks."""
    pinned = os.environ.get("JOURNEYMAP_TODAY")
    if pinned:
        try:
            return date.fromisoformat(pinned)
        except ValueError:
            fail(f"JOURNEYMAP_TODAY={pinned!r} is not a date (YYYY-MM-DD)")
    return date.today()


SkipOtherOpt = Annotated[
    bool,
    typer.Option(
        "--skip-other-yaml",
        help="Skip named YAML files that are not journeymap files (for pre-commit hooks).",
    ),
]


def load_run(
    paths: list[str] | None, config: Path | None, *, skip_other: bool = False
) -> tuple[Settings, Portfolio]:
    import gc

    from journeymap.config import UsageError, load_settings
    from journeymap.project import load_portfolio

    # A run builds many small, acyclic objects and then ends: the cyclic collector would
    # only walk them again and again (measured: the largest single cost after parsing).
    gc.disable()

    try:
        settings = load_settings(explicit=config)
        portfolio = load_portfolio(paths or [], settings, skip_other=skip_other)
    except UsageError as exc:
        print_usage_error(exc)
    for skipped in portfolio.skipped:
        message(f"skipped {skipped}: no top-level `journeymap` key", style="dim", level=1)
    for doc in portfolio.context:
        message(f"read {doc.path} for references", style="dim", level=1)
    return settings, portfolio


def collect_diagnostics(portfolio: Portfolio) -> list[Diagnostic]:
    from journeymap.checks.runner import check_portfolio
    from journeymap.diagnostics import sort_diagnostics

    found = [d for doc in portfolio.targets for d in doc.diagnostics]
    found.extend(check_portfolio(portfolio, today()))
    return sort_diagnostics(found)


# --- commands ---------------------------------------------------------------------------


class ValidateFormat(StrEnum):
    text = "text"
    json = "json"
    github = "github"
    sarif = "sarif"


@app.command()
def validate(
    paths: PathsArg = None,
    output_format: Annotated[
        ValidateFormat, typer.Option("--format", "-f", help="Output format.")
    ] = ValidateFormat.text,
    strict: Annotated[bool, typer.Option("--strict", help="Warnings fail the run too.")] = False,
    skip_other: SkipOtherOpt = False,
    config: ConfigOpt = None,
    quiet: QuietOpt = False,
    verbose: VerboseOpt = False,
) -> None:
    """Check journey files: YAML, types, references and completeness rules.

    Exit 0 when valid, 1 on findings (errors, or warnings with --strict), 2 on usage
    problems such as a missing file or a broken journeymap.yaml.

    Examples:

      journeymap validate                      # the files journeymap.yaml names

      journeymap validate journeys/ --strict   # a folder, warnings fail too

      journeymap validate --format github      # annotations in GitHub Actions
    """
    import gc

    from journeymap.checks.catalogue import RULES
    from journeymap.config import UsageError, load_settings
    from journeymap.diagnostics import (
        Summary,
        is_failure,
        sort_diagnostics,
    )
    from journeymap.formats.machine import diagnostics_json, github_annotations, sarif_log
    from journeymap.project import plan_portfolio
    from journeymap.streaming import validate_stream

    _set_verbosity(quiet, verbose)
    gc.disable()  # see load_run
    try:
        settings = load_settings(explicit=config)
        plan = plan_portfolio(paths or [], settings, skip_other=skip_other)
    except UsageError as exc:
        print_usage_error(exc)
    for skipped in plan.skipped:
        message(f"skipped {skipped}: no top-level `journeymap` key", style="dim", level=1)
    for path in plan.context:
        message(f"read {path} for references", style="dim", level=1)
    outcome = validate_stream(plan.targets, plan.context, settings, today())
    diagnostics = sort_diagnostics(outcome.diagnostics)
    files = outcome.files
    if output_format is ValidateFormat.json:
        write_data(diagnostics_json(diagnostics, files))
    elif output_format is ValidateFormat.github:
        write_data(github_annotations(diagnostics))
    elif output_format is ValidateFormat.sarif:
        write_data(sarif_log(diagnostics, {r.name: r.summary for r in RULES.values()}, __version__))
    else:
        print_diagnostics(diagnostics, dict(outcome.sources))
    failed = is_failure(diagnostics, strict=strict)
    summary = Summary.of(diagnostics, files).sentence()
    message(summary, style="bold red" if failed else "green", level=0)
    raise typer.Exit(EXIT_FINDINGS if failed else EXIT_OK)


@app.command()
def schema(
    output: Annotated[
        Path, typer.Option("--output", "-o", help="Folder to write the schemas into.")
    ] = Path("schemas"),
    quiet: QuietOpt = False,
    verbose: VerboseOpt = False,
) -> None:
    """Write the JSON Schemas of both file kinds (journey, personas), generated from the models.

    Editors use them for completion while typing; check-jsonschema can use them in CI.

    Example:

      journeymap schema -o schemas
    """
    from journeymap.schema import SCHEMA_FILES, schema_text
    from journeymap.writing import WriteError, write_atomic

    _set_verbosity(quiet, verbose)
    try:
        output.mkdir(parents=True, exist_ok=True)
        for kind, name in SCHEMA_FILES.items():
            write_atomic(output / name, schema_text(kind))
            message(f"wrote {output / name}", level=0)
    except (OSError, WriteError) as exc:
        fail(f"cannot write schemas to {output}: {exc}")


@app.command("rules")
def list_rules(
    quiet: QuietOpt = False,
    verbose: VerboseOpt = False,
) -> None:
    """List every rule with its default severity; the configurable ones can be set in journeymap.yaml.

    Example:

      journeymap rules | grep warning
    """
    from rich.table import Table

    from journeymap.checks.catalogue import RULES

    _set_verbosity(quiet, verbose)
    table = Table("rule", "default", "configurable", "checks", box=None, pad_edge=False)
    for rule in sorted(RULES.values(), key=lambda r: not r.configurable):
        table.add_row(rule.name, rule.default, "yes" if rule.configurable else "no", rule.summary)
    console = _stdout_console()
    console.print(table)  # type: ignore[attr-defined]


class RenderFormat(StrEnum):
    html = "html"
    md = "md"


def valid_journeys(portfolio: Portfolio, diagnostics: list[Diagnostic]) -> list[Journey]:
    """Journeys among the targets with no error; the others are reported, not rendered."""
    failed = {d.path for d in diagnostics if d.severity == "error"}
    return [
        doc.journey
        for doc in portfolio.targets
        if doc.journey is not None and doc.path not in failed
    ]


def report_to_stderr(diagnostics: list[Diagnostic], portfolio: Portfolio) -> None:
    """Findings of a command whose stdout is not a diagnostics stream (render, gaps)."""
    from journeymap.formats.text import diagnostics_text

    errors = [d for d in diagnostics if d.severity == "error"]
    if errors:
        sys.stderr.write(diagnostics_text(errors))
        failed = sorted({d.path for d in errors})
        message(f"skipped {len(failed)} file(s) with errors: {', '.join(failed)}", style="bold red")


def view_portfolio(portfolio: Portfolio, journeys: list[Journey]) -> ViewPortfolio:
    from journeymap.checks.index import Index
    from journeymap.views.site import Portfolio as ViewPortfolio

    return ViewPortfolio(journeys, Index.of(portfolio.documents).library_personas)


@app.command()
def render(
    paths: PathsArg = None,
    output_format: Annotated[
        RenderFormat, typer.Option("--format", "-f", help="html pages or GitHub Markdown.")
    ] = RenderFormat.html,
    output: Annotated[
        Path | None,
        typer.Option(
            "--output", "-o", help="Output folder. Default: the config's `output`, else site."
        ),
    ] = None,
    templates: Annotated[
        Path | None,
        typer.Option(
            "--templates", help="Folder of templates that override the built-in ones by name."
        ),
    ] = None,
    persona: Annotated[
        str | None, typer.Option("--persona", help="Render one persona's view of each journey.")
    ] = None,
    config: ConfigOpt = None,
    quiet: QuietOpt = False,
    verbose: VerboseOpt = False,
) -> None:
    """Render journey maps: one self-contained HTML page per journey plus index.html.

    A journey that fails validation is reported as `validate` reports it and nothing is
    written for it (exit 1); the others are still rendered. Pages are written atomically.

    Examples:

      journeymap render                         # the config's journeys into its output folder

      journeymap render journeys/ -o site

      journeymap render --format md -o docs/journeys

      journeymap render --persona finance-director -o site/finance
    """
    from journeymap.render import (
        RenderError,
        build_site,
        render_html,
        render_markdown,
        site_inputs,
        write_pages,
    )
    from journeymap.writing import WriteError

    _set_verbosity(quiet, verbose)
    if templates is not None and not templates.is_dir():
        fail(f"--templates {templates}: no such folder")
    settings, portfolio = load_run(paths, config)
    diagnostics = collect_diagnostics(portfolio)
    report_to_stderr(diagnostics, portfolio)
    journeys = valid_journeys(portfolio, diagnostics)
    view = view_portfolio(portfolio, journeys)
    if persona is not None:
        from journeymap.who import personas_of

        if not any(p.id == persona for j in journeys for p in personas_of(j, view.library)):
            fail(f"--persona {persona}: no journey has a persona with that id")
    folder = output or (
        settings.root / settings.config.output if settings.config.output else Path("site")
    )
    renderer = render_html if output_format is RenderFormat.html else render_markdown
    try:
        with progress_bar(len(journeys), "Rendering") as advance:
            pages = (
                renderer(journeys, view, templates=templates, persona=persona, progress=advance)
                if persona
                else build_site(
                    site_inputs(portfolio, journeys, diagnostics, today()),
                    fmt=output_format.value,
                    templates=templates,
                    progress=advance,
                )
            )
        written = write_pages(folder, pages)
    except RenderError as exc:
        fail(str(exc))
    except (WriteError, OSError) as exc:
        fail(f"cannot write to {folder}: {getattr(exc, 'strerror', None) or exc}")
    index = folder / ("index.html" if output_format is RenderFormat.html else "index.md")
    message(f"wrote {len(written)} file(s) to {folder}", style="green")
    if index.exists() and persona is None:
        message(f"open {index}")
    failed = any(d.severity == "error" for d in diagnostics)
    raise typer.Exit(EXIT_FINDINGS if failed else EXIT_OK)


class GapsFormat(StrEnum):
    md = "md"
    html = "html"
    json = "json"


@app.command()
def gaps(
    paths: PathsArg = None,
    output_format: Annotated[
        GapsFormat, typer.Option("--format", "-f", help="md for a PR comment, html, or json.")
    ] = GapsFormat.md,
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Write to this file instead of stdout.")
    ] = None,
    top: Annotated[
        int | None, typer.Option("--top", min=1, help="Show only the N biggest gaps.")
    ] = None,
    templates: Annotated[
        Path | None,
        typer.Option("--templates", help="Folder of templates that override the built-in ones."),
    ] = None,
    config: ConfigOpt = None,
    quiet: QuietOpt = False,
    verbose: VerboseOpt = False,
) -> None:
    """Rank where the experience falls short of what matters: the gap report.

    Importance vs performance, emotion, metric, funnel, handoff and open pain-point gaps,
    one ranked list (scoring in the README), plus coverage and current-vs-future.
    A journey that fails validation is reported and skipped (exit 1).

    Examples:

      journeymap gaps --top 10                  # Markdown for a pull-request comment

      journeymap gaps --format html -o gaps.html

      journeymap gaps --format json | jq '.gaps[0]'
    """
    import json

    from journeymap.checks.index import Index
    from journeymap.gaps.report import analyse
    from journeymap.gaps.results import report_json
    from journeymap.render import RenderError, render_gaps
    from journeymap.views.gaps import gap_view

    _set_verbosity(quiet, verbose)
    settings, portfolio = load_run(paths, config)
    diagnostics = collect_diagnostics(portfolio)
    report_to_stderr(diagnostics, portfolio)
    journeys = valid_journeys(portfolio, diagnostics)
    journey_paths = {d.journey.id: d.path for d in portfolio.targets if d.journey is not None}
    report = analyse(
        journeys,
        Index.of(portfolio.documents).library_personas,
        diagnostics,
        journey_paths,
        today=today(),
        review_max_age=settings.option("review-stale"),
        evidence_max_age=settings.option("evidence-stale"),
        ipa_crosshair=settings.config.gaps.ipa_crosshair,
    )
    try:
        if output_format is GapsFormat.json:
            text = json.dumps(report_json(report, top), indent=2, ensure_ascii=False) + "\n"
        else:
            text = render_gaps(gap_view(report, top), output_format.value, templates=templates)
    except RenderError as exc:
        fail(str(exc))
    emit(text, output)
    failed = any(d.severity == "error" for d in diagnostics)
    raise typer.Exit(EXIT_FINDINGS if failed else EXIT_OK)


class DiffFormat(StrEnum):
    text = "text"
    md = "md"
    json = "json"


class DashDashCommand(typer.core.TyperCommand):
    """Keeps what followed `--` (click drops the marker itself), as git diff's pathspecs."""

    def parse_args(self, ctx: typer.Context, args: list[str]) -> list[str]:  # type: ignore[override]
        if "--" in args:
            ctx.meta["after_dashdash"] = args[args.index("--") + 1 :]
        return super().parse_args(ctx, args)


@app.command(cls=DashDashCommand)
def diff(
    ctx: typer.Context,
    args: Annotated[
        list[str] | None,
        typer.Argument(
            help="[OLD] [NEW] [-- PATH...]: revisions or two files, as git diff.",
            show_default=False,
        ),
    ] = None,
    output_format: Annotated[
        DiffFormat, typer.Option("--format", "-f", help="text, md (a PR comment) or json.")
    ] = DiffFormat.text,
    exit_code: Annotated[
        bool, typer.Option("--exit-code", help="Exit 1 when something changed.")
    ] = False,
    git_driver: Annotated[
        bool, typer.Option("--git-driver", hidden=True, help="Called by git as an external diff.")
    ] = False,
    textconv: Annotated[
        bool, typer.Option("--textconv", hidden=True, help="Called by git to show a file as lines.")
    ] = False,
    config: ConfigOpt = None,
    quiet: QuietOpt = False,
    verbose: VerboseOpt = False,
) -> None:
    """Show what changed in the journey maps, by meaning: matched by id, never by position.

    Arguments follow git diff: none compares the working tree with HEAD; one revision
    compares it with the working tree; two revisions compare them; two files compare the
    files (this works outside a repository too); `-- PATH...` limits the files.
    Formatting, key order and comments never show up as changes.

    Examples:

      journeymap diff                          # uncommitted changes to the maps

      journeymap diff main --format md         # since main, for a PR comment

      journeymap diff v1.0 v2.0 -- journeys/acme.yaml

      journeymap diff old.yaml new.yaml --exit-code
    """
    from journeymap import diff_output
    from journeymap.diff import diff_sides, load_side
    from journeymap.gitfiles import GitError

    _set_verbosity(quiet, verbose)
    values = list(args or [])
    if textconv:
        _textconv(values)
        return
    if git_driver:
        _git_driver(values)
        return
    pathspecs = list(ctx.meta.get("after_dashdash", []))
    positional = values[: len(values) - len(pathspecs)] if pathspecs else values
    try:
        old, new = _diff_versions(positional, pathspecs, config)
    except GitError as exc:
        fail(str(exc))
    result = diff_sides(load_side(old), load_side(new))
    for problem in result.broken:
        message(f"journeymap: {problem}", style="bold red")
    if output_format is DiffFormat.json:
        import json

        write_data(json.dumps(result.as_dict(), indent=2, ensure_ascii=False) + "\n")
    elif output_format is DiffFormat.md:
        write_data(diff_output.format_markdown(result))
    else:
        _print_diff_text(result)
    if not result.changes and not result.broken:
        message("no changes to the journey maps", style="dim", level=1)
    if result.broken:
        raise typer.Exit(EXIT_FINDINGS)
    raise typer.Exit(EXIT_FINDINGS if exit_code and result.changes else EXIT_OK)


def _print_diff_text(result: object) -> None:
    from rich.console import Console
    from rich.text import Text

    from journeymap import diff_output
    from journeymap.diff import Result

    assert isinstance(result, Result)
    console: Console = _stdout_console()  # type: ignore[assignment]
    if not console.is_terminal:
        write_data(diff_output.format_text(result))
        return
    styles = {
        "heading": "bold",
        "stage": "bold cyan",
        "added": "green",
        "removed": "red",
        "changed": "yellow",
        "error": "bold red",
    }
    for style, line in diff_output.text_lines(result):
        console.print(Text(line, style=styles[style]))


def _diff_versions(
    positional: list[str], pathspecs: list[str], config: Path | None
) -> tuple[list[tuple[str, bytes | None]], list[tuple[str, bytes | None]]]:
    """The two sides as (label, bytes) lists, from two files or from git."""
    from journeymap.gitfiles import GitError, is_revision, list_files, matches, read, repo_root

    if len(positional) > 2:
        fail("diff takes at most two revisions or two files (then `-- PATH...`)")
    cwd = Path.cwd()
    if len(positional) == 2 and all(Path(p).is_file() for p in positional):
        try:
            root: Path | None = repo_root(cwd)
        except GitError:
            root = None
        if root is None or not any(is_revision(root, p) for p in positional):
            return (
                [(positional[0], Path(positional[0]).read_bytes())],
                [(positional[1], Path(positional[1]).read_bytes())],
            )
    root = repo_root(cwd)
    for rev in positional:
        if not is_revision(root, rev):
            raise GitError(f"{rev!r} is not a revision (or, with another file, a file to compare)")
    if not positional and not is_revision(root, "HEAD"):
        raise GitError("the repository has no commits yet: nothing to compare with")
    old_rev = positional[0] if positional else "HEAD"
    new_rev = positional[1] if len(positional) == 2 else None
    specs = [os.path.relpath((cwd / p).resolve(), root) for p in pathspecs]
    patterns: list[str] = []
    if not specs:
        from journeymap.config import UsageError, load_settings

        try:
            settings = load_settings(explicit=config)
        except UsageError as exc:
            print_usage_error(exc)
        if settings.path is not None:
            prefix = os.path.relpath(settings.root.resolve(), root)
            prefix = "" if prefix == "." else prefix + "/"
            patterns = [prefix + g for g in settings.config.journeys + settings.config.personas]
    names = sorted(set(list_files(root, old_rev, specs)) | set(list_files(root, new_rev, specs)))
    if patterns:
        names = [n for n in names if matches(n, patterns)]
    old = [(v.label, v.data) for v in (read(root, old_rev, n) for n in names)]
    new = [(v.label, v.data) for v in (read(root, new_rev, n) for n in names)]
    return old, new


def _textconv(values: list[str]) -> None:
    """git's textconv: a file as canonical lines, or as it is when it is not a valid journey."""
    from journeymap.diff_output import canonical_lines
    from journeymap.loader import load_source
    from journeymap.yaml.parse import parse

    if len(values) != 1:
        fail("--textconv takes one file")
    raw = Path(values[0]).read_bytes()
    doc = load_source(parse(values[0], raw))
    if doc.model is None:
        sys.stdout.buffer.write(raw)
        return
    write_data("\n".join(canonical_lines(doc.model)) + "\n")


def _git_driver(values: list[str]) -> None:
    """git's external diff: `path old-file old-hex old-mode new-file new-hex new-mode`."""
    import difflib

    from journeymap import diff_output
    from journeymap.diff import diff_sides, load_side

    if len(values) < 7:
        fail("--git-driver expects the 7 arguments git passes to an external diff")
    path, old_file, new_file = values[0], values[1], values[4]

    def data(name: str) -> bytes | None:
        return None if name == "/dev/null" else Path(name).read_bytes()

    old_data, new_data = data(old_file), data(new_file)
    result = diff_sides(load_side([(f"a/{path}", old_data)]), load_side([(f"b/{path}", new_data)]))
    write_data(f"journeymap diff a/{path} b/{path}\n")
    if result.broken or (
        not result.changes and old_data != new_data and not _both_journeys(old_data, new_data)
    ):
        old_text = (old_data or b"").decode("utf-8", "replace").splitlines(keepends=True)
        new_text = (new_data or b"").decode("utf-8", "replace").splitlines(keepends=True)
        write_data("".join(difflib.unified_diff(old_text, new_text, f"a/{path}", f"b/{path}")))
        return
    write_data(diff_output.format_text(result) or "(no change in meaning)\n")


def _both_journeys(old: bytes | None, new: bytes | None) -> bool:
    from journeymap.project import HAS_VERSION_KEY

    return all(d is None or HAS_VERSION_KEY.search(d[:65536]) for d in (old, new))


@app.command("git-setup")
def git_setup(
    undo: Annotated[bool, typer.Option("--undo", help="Remove what git-setup added.")] = False,
    pattern: Annotated[
        list[str] | None,
        typer.Option("--pattern", help="Glob of journey files (default: the config's globs)."),
    ] = None,
    config: ConfigOpt = None,
    quiet: QuietOpt = False,
    verbose: VerboseOpt = False,
) -> None:
    """Make plain `git diff`, `git log -p` and `git show` speak journeymap for journey files.

    Adds a `journeymap` diff driver to this repository's .git/config (an external diff
    for `git diff`, a textconv for `git log -p` and `git show`) and a block of lines to
    .gitattributes for the journey globs. Running it again changes nothing; `--undo`
    removes both.

    Example:

      journeymap git-setup && git diff
    """
    from journeymap.gitfiles import GitError
    from journeymap.gitsetup import install, uninstall

    _set_verbosity(quiet, verbose)
    try:
        if undo:
            for line in uninstall(Path.cwd()):
                message(line)
            return
        patterns = list(pattern or [])
        if not patterns:
            from journeymap.config import UsageError, load_settings

            try:
                settings = load_settings(explicit=config)
            except UsageError as exc:
                print_usage_error(exc)
            if settings.path is None:
                fail("no journeymap.yaml found: name the journey files with --pattern GLOB")
            patterns = settings.config.journeys + settings.config.personas
            patterns = [str(Path(os.path.relpath(settings.root, Path.cwd())) / p) for p in patterns]
            patterns = [p[2:] if p.startswith("./") else p for p in patterns]
        for line in install(Path.cwd(), patterns, [sys.executable, "-m", "journeymap"]):
            message(line)
    except GitError as exc:
        fail(str(exc))


@app.command()
def fmt(
    paths: PathsArg = None,
    check: Annotated[
        bool, typer.Option("--check", help="Change nothing; exit 1 if a file would be reformatted.")
    ] = False,
    show_diff: Annotated[
        bool, typer.Option("--diff", help="Change nothing; print the changes as a unified diff.")
    ] = False,
    skip_other: SkipOtherOpt = False,
    config: ConfigOpt = None,
    quiet: QuietOpt = False,
    verbose: VerboseOpt = False,
) -> None:
    """Rewrite journey and persona files into one canonical layout, keeping every comment.

    Key order follows the format reference (ids first), indentation is two spaces, short
    lists of plain values stay on one line. The meaning never changes (checked on every
    file before writing), files are written atomically, and a file that does not parse
    is reported and left alone.

    Examples:

      journeymap fmt                # rewrite the config's files in place

      journeymap fmt --check        # in CI: exit 1 when a file is not formatted

      journeymap fmt --diff journeys/acme.yaml
    """
    import difflib

    from journeymap.config import UsageError, load_settings
    from journeymap.fmt import format_text
    from journeymap.loader import read_source
    from journeymap.project import discover, expand_globs
    from journeymap.writing import WriteError, write_atomic

    _set_verbosity(quiet, verbose)
    try:
        settings = load_settings(explicit=config)
        if paths:
            files = discover(paths, skip_other=skip_other).files
        elif settings.path is not None:
            files = expand_globs(settings, "journeys") + expand_globs(settings, "personas")
        else:
            raise UsageError("no files given and no journeymap.yaml found")
    except UsageError as exc:
        print_usage_error(exc)
    problems: list[Diagnostic] = []
    changed: list[Path] = []
    for path in files:
        display = str(path)
        source = read_source(path, display, settings.read_limits)
        if source.text == "" and source.diagnostics:
            problems.extend(source.diagnostics)
            continue
        text = source.text
        result = format_text(display, text)
        if result.problem is not None:
            problems.append(result.problem)
            continue
        if not result.changed:
            continue
        changed.append(path)
        assert result.text is not None
        if show_diff:
            write_data(
                "".join(
                    difflib.unified_diff(
                        text.splitlines(keepends=True),
                        result.text.splitlines(keepends=True),
                        f"a/{display}",
                        f"b/{display}",
                    )
                )
            )
        elif check:
            message(f"would reformat {display}")
        else:
            try:
                write_atomic(path, result.text)
            except WriteError as exc:
                fail(str(exc))
            message(f"reformatted {display}", level=1)
    if problems:
        from journeymap.formats.text import diagnostics_text

        sys.stderr.write(diagnostics_text(problems))
    verb = "would reformat" if (check or show_diff) else "reformatted"
    message(
        f"{verb} {len(changed)} of {len(files)} file(s)"
        + (f", {len(problems)} left alone" if problems else ""),
        level=0,
    )
    failed = bool(problems) or ((check or show_diff) and bool(changed))
    raise typer.Exit(EXIT_FINDINGS if failed else EXIT_OK)


class Template(StrEnum):
    b2b = "b2b"
    b2b2c = "b2b2c"
    blueprint = "blueprint"


@app.command()
def init(
    directory: Annotated[
        Path, typer.Argument(help="Folder for the new project (created if missing).")
    ] = Path("."),
    template: Annotated[
        Template, typer.Option("--template", "-t", help="Kind of map to start from.")
    ] = Template.b2b,
    force: Annotated[
        bool, typer.Option("--force", help="Replace files that already exist.")
    ] = False,
    quiet: QuietOpt = False,
    verbose: VerboseOpt = False,
) -> None:
    """Start a project: journeymap.yaml, a personas library, journeys and a CI workflow.

    Templates: b2b (awareness to advocacy, with a future-state map), b2b2c (a partner
    layer and a consumer layer, linked), blueprint (a service blueprint). The files
    validate with --strict and render as they are; each starts with a schema line for
    editors. Existing files are never overwritten without --force.

    Examples:

      journeymap init my-journeys

      journeymap init support-maps --template blueprint
    """
    from journeymap.scaffold import ScaffoldError, scaffold
    from journeymap.writing import WriteError

    _set_verbosity(quiet, verbose)
    try:
        written = scaffold(directory, template.value, today(), force=force)
    except ScaffoldError as exc:
        fail(str(exc))
    except WriteError as exc:
        fail(str(exc))
    for path in written:
        message(f"wrote {path}", level=1)
    message(
        f"created a {template.value} project in {directory} ({len(written)} files)", style="green"
    )
    message(f"next: cd {directory} && journeymap validate && journeymap render")


class ExportFormat(StrEnum):
    mermaid = "mermaid"
    csv = "csv"
    json = "json"


@app.command()
def export(
    paths: Annotated[
        list[str],
        typer.Argument(help="Journey files or folders (persona libraries resolve names)."),
    ],
    output_format: Annotated[
        ExportFormat, typer.Option("--format", "-f", help="mermaid, csv or json.")
    ] = ExportFormat.json,
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Write to this file instead of stdout.")
    ] = None,
    config: ConfigOpt = None,
    quiet: QuietOpt = False,
    verbose: VerboseOpt = False,
) -> None:
    """Export journeys for other tools: Mermaid text, CSV (a row a touchpoint) or JSON.

    CSV cells that would start a spreadsheet formula (=, +, -, @) are prefixed with a
    quote. A journey that fails validation is reported and left out (exit 1).

    Examples:

      journeymap export journeys/acme.yaml --format mermaid

      journeymap export journeys/ --format csv -o touchpoints.csv
    """
    from journeymap.export import csv_text, json_text
    from journeymap.render import RenderError, render_mermaid

    _set_verbosity(quiet, verbose)
    _, portfolio = load_run(paths, config)
    diagnostics = collect_diagnostics(portfolio)
    report_to_stderr(diagnostics, portfolio)
    journeys = valid_journeys(portfolio, diagnostics)
    failed_paths = {d.path for d in diagnostics if d.severity == "error"}
    if output_format is ExportFormat.csv:
        text = csv_text(journeys)
    elif output_format is ExportFormat.json:
        models = [
            d.model for d in portfolio.targets if d.model is not None and d.path not in failed_paths
        ]
        text = json_text(models)
    else:
        view = view_portfolio(portfolio, journeys)
        try:
            blocks = [f"%% journey: {j.id}\n" + render_mermaid(j, view) for j in journeys]
        except RenderError as exc:
            fail(str(exc))
        text = "\n".join(blocks)
    emit(text, output)
    raise typer.Exit(EXIT_FINDINGS if failed_paths else EXIT_OK)


@app.command()
def serve(
    paths: PathsArg = None,
    host: Annotated[
        str, typer.Option("--host", help="Address to listen on; anything but loopback is public.")
    ] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", "-p", help="Port; 0 picks a free one.")] = 8000,
    open_browser: Annotated[
        bool, typer.Option("--open/--no-open", help="Open the site in the web browser.")
    ] = False,
    templates: Annotated[
        Path | None,
        typer.Option(
            "--templates", help="Folder of templates that override the built-in ones by name."
        ),
    ] = None,
    config: ConfigOpt = None,
    quiet: QuietOpt = False,
    verbose: VerboseOpt = False,
) -> None:
    """Preview the rendered site while you edit: rebuilds on save, open pages follow.

    The site is built in memory (nothing is written) and served on this machine only.
    A file with errors shows them over its page; fix it and the map comes back.

    Examples:

      journeymap serve

      journeymap serve --open --port 8080
    """
    from journeymap.commands.serve import run

    _set_verbosity(quiet, verbose)
    raise typer.Exit(
        run(
            paths or [],
            config=config,
            templates=templates,
            host=host,
            port=port,
            open_browser=open_browser,
            today=today,
            verbosity=Verbosity.level,
        )
    )


@contextlib.contextmanager
def progress_bar(total: int, label: str) -> Iterator[Callable[[str], None]]:
    """A transient progress bar on stderr, only on a terminal and only for several items."""
    if total < 3 or Verbosity.level < 0 or not sys.stderr.isatty():
        yield lambda _name: None
        return
    from rich.progress import Progress

    with Progress(console=_stderr_console(), transient=True) as bar:  # type: ignore[arg-type]
        task = bar.add_task(label, total=total)
        yield lambda _name: bar.advance(task)


def _version(value: bool) -> None:
    if value:
        write_data(f"journeymap {__version__}\n")
        raise typer.Exit()


@app.callback()
def main_options(
    version: Annotated[
        bool,
        typer.Option(
            "--version", callback=_version, is_eager=True, help="Show the version and exit."
        ),
    ] = False,
) -> None:
    """Customer journey maps as YAML in git: validate, render, rank gaps, diff by meaning."""


def _terminate(signum: int, frame: object) -> None:
    """SIGTERM unwinds like Ctrl-C, so atomic writes remove their temp files on the way out."""
    raise KeyboardInterrupt


def main() -> None:
    """Entry point: no traceback ever reaches the user; exit 2 on an internal error."""
    import signal

    signal.signal(signal.SIGTERM, _terminate)
    try:
        app()
    except SystemExit:
        raise
    except KeyboardInterrupt:
        sys.stderr.write("journeymap: interrupted\n")
        sys.exit(130)
    except Exception as exc:  # the last line of defence, never the plan
        if os.environ.get("JOURNEYMAP_DEBUG"):
            raise
        sys.stderr.write(
            f"journeymap: internal error: {type(exc).__name__}: {exc}\n"
            "  please report this with the file that caused it; "
            "set JOURNEYMAP_DEBUG=1 for details\n"
        )
        sys.exit(EXIT_USAGE)
