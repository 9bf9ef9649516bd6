"""The typer app: options, and the exit code of each command. Nothing else.

A command is `journeymap.commands.NAME.NAME(console, **options)`; its module docstring
is its --help. Neither is imported before it runs, so `--help` stays fast.
"""

from __future__ import annotations

import ast
import functools
import importlib
import importlib.util
import inspect
import os
import signal
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Annotated, Any, NoReturn

import typer

import journeymap
from journeymap.commands import _choices as choice
from journeymap.commands._output import EXIT_USAGE
from journeymap.core.diagnostics import sort_diagnostics
from journeymap.core.errors import UsageError


class Command(typer.core.TyperCommand):
    """Help from the command module's docstring; keeps what followed `--` (diff's paths)."""

    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:
        if "--" in args:
            ctx.meta["after_dashdash"] = args[args.index("--") + 1 :]
        return super().parse_args(ctx, args)

    def format_help_text(self, ctx: Any, formatter: Any) -> None:
        self.help = manual((self.name or "").replace("-", "_")) or self.help
        super().format_help_text(ctx, formatter)


def manual(name: str) -> str:
    """commands/NAME.py's docstring; indented paragraphs (examples) keep their lines."""
    spec = importlib.util.find_spec(f"journeymap.commands.{name}")
    source = Path(spec.origin).read_text(encoding="utf-8") if spec and spec.origin else ""
    text = ast.get_docstring(ast.parse(source)) or ""
    return "\n\n".join(("\b\n" + p if p.startswith("  ") else p) for p in text.split("\n\n"))


app = typer.Typer(
    name="journeymap",
    help="Customer journey maps as YAML in git: validate, render, rank gaps, diff by meaning.",
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
    no_args_is_help=True,
    context_settings={"help_option_names": ["-h", "--help"]},
    add_completion=True,
)


def _opt(*names: str, help: str | None = None, key: str | None = None, **kw: Any) -> Any:
    return typer.Option(
        *names, help=help or choice.HELP.get(key or names[0], "Output format."), **kw
    )


def _format(command: str) -> Any:
    return _opt("--format", "-f", key=command)


def _arg(text: str) -> Any:
    return typer.Argument(help=choice.HELP.get(text, text), show_default=False)


Quiet = Annotated[bool, _opt("--quiet", "-q")]
Verbose = Annotated[bool, _opt("--verbose", "-v")]
Paths = Annotated[list[str] | None, _arg("paths")]
Config = Annotated[Path | None, _opt("--config")]
StdinName = Annotated[str | None, _opt("--stdin-filename")]


def command(name: str | None = None) -> Callable[[Callable[..., None]], Any]:
    """Register a declaration: its parameters plus -q/-v become options, and running it
    calls commands.NAME.NAME(console, **options). The declaration's body never runs."""

    def register(declaration: Callable[..., None]) -> Any:
        signature = inspect.signature(declaration, eval_str=True)
        extra = [
            inspect.Parameter(n, inspect.Parameter.KEYWORD_ONLY, default=False, annotation=a)
            for n, a in (("quiet", Quiet), ("verbose", Verbose))
        ]

        @functools.wraps(declaration)
        def run(**params: Any) -> None:
            _run(declaration.__name__, params)

        run.__signature__ = signature.replace(  # type: ignore[attr-defined]
            parameters=[*signature.parameters.values(), *extra]
        )
        # resolved here once: typer would evaluate every command's strings on every run
        run.__annotations__ = {n: p.annotation for n, p in signature.parameters.items()}
        return app.command(name, cls=Command)(run)

    return register


def _run(name: str, params: dict[str, Any]) -> NoReturn:
    """Call commands.NAME with the parsed options; a UsageError is one line and exit 2."""
    from journeymap.cli.console import RichConsole  # rich loads only when a command runs

    quiet, verbose = params.pop("quiet"), params.pop("verbose")
    ui = RichConsole(-1 if quiet else (1 if verbose else 0))
    if (ctx := params.pop("ctx", None)) is not None:  # diff's `-- PATH...`
        params["pathspecs"] = list(ctx.meta.get("after_dashdash", []))
    function = getattr(importlib.import_module(f"journeymap.commands.{name}"), name)
    try:
        code = function(ui, **params)
    except UsageError as exc:
        ui.diagnostics(sort_diagnostics(exc.diagnostics))  # e.g. where journeymap.yaml is bad
        ui.error(str(exc))
        code = EXIT_USAGE
    raise typer.Exit(code)


@command()
def validate(
    paths: Paths = None,
    output_format: Annotated[choice.ValidateFormat, _format("validate")] = "text",
    strict: Annotated[bool, _opt("--strict", help="Warnings fail the run too.")] = False,
    skip_other: Annotated[bool, _opt("--skip-other-yaml")] = False,
    config: Config = None,
    stdin_filename: StdinName = None,
    cache_dir: Annotated[Path | None, _opt("--cache-dir")] = None,
    no_cache: Annotated[bool, _opt("--no-cache")] = False,
) -> None:
    """Check journey files: YAML, types, references and completeness rules."""


@command()
def schema(
    output: Annotated[Path, _opt("--output", "-o", key="--schema-dir")] = Path("schemas"),
) -> None:
    """Write the JSON Schemas of the file kinds and the JSON outputs, from the models."""


@command()
def rules(
    name: Annotated[str | None, _arg("Explain this rule, with an example.")] = None,
    output_format: Annotated[choice.RulesFormat, _format("rules")] = "text",
) -> None:
    """List every rule with its default severity, or explain one."""


@command()
def render(
    paths: Paths = None,
    output_format: Annotated[choice.RenderFormat, _format("render")] = "html",
    output: Annotated[Path | None, _opt("--output", "-o", key="--output-dir")] = None,
    templates: Annotated[Path | None, _opt("--templates")] = None,
    persona: Annotated[str | None, _opt("--persona")] = None,
    config: Config = None,
) -> None:
    """Render journey maps: self-contained HTML pages (or Markdown) and an index."""


@command()
def serve(
    paths: Paths = None,
    host: Annotated[str, _opt("--host")] = "127.0.0.1",
    port: Annotated[int, _opt("--port", "-p")] = 8000,
    open_browser: Annotated[bool, _opt("--open/--no-open")] = False,
    templates: Annotated[Path | None, _opt("--templates")] = None,
    config: Config = None,
) -> None:
    """Preview the rendered site while you edit: rebuilds on save, open pages follow."""


@command()
def refresh(
    check: Annotated[bool, _opt("--check", key="refresh --check")] = False,
    show_diff: Annotated[bool, _opt("--diff")] = False,
    config: Config = None,
) -> None:
    """Recompute metric values and funnels from CSV exports and write them into the maps."""


@command()
def gaps(
    paths: Paths = None,
    output_format: Annotated[choice.GapsFormat, _format("gaps")] = "md",
    output: Annotated[Path | None, _opt("--output", "-o")] = None,
    top: Annotated[int | None, _opt("--top", min=1, help="Show only the N biggest gaps.")] = None,
    templates: Annotated[Path | None, _opt("--templates")] = None,
    bom: Annotated[bool, _opt("--bom")] = False,
    config: Config = None,
) -> None:
    """Rank where the experience falls short of what matters: the gap report."""


@command()
def diff(
    ctx: typer.Context,
    args: Annotated[
        list[str] | None, _arg("[OLD] [NEW] [-- PATH...]: revisions or two files.")
    ] = None,
    output_format: Annotated[choice.DiffFormat, _format("diff")] = "text",
    exit_code: Annotated[bool, _opt("--exit-code", help="Exit 1 when something changed.")] = False,
    git_driver: Annotated[bool, _opt("--git-driver", hidden=True)] = False,
    textconv: Annotated[bool, _opt("--textconv", hidden=True)] = False,
    config: Config = None,
) -> None:
    """Show what changed in the journey maps, by meaning: matched by id, never by position."""


@command("git-setup")
def git_setup(
    undo: Annotated[bool, _opt("--undo", help="Remove what git-setup added.")] = False,
    pattern: Annotated[list[str] | None, _opt("--pattern")] = None,
    config: Config = None,
) -> None:
    """Make plain `git diff`, `git log -p` and `git show` speak journeymap."""


@command()
def fmt(
    paths: Paths = None,
    check: Annotated[bool, _opt("--check")] = False,
    show_diff: Annotated[bool, _opt("--diff")] = False,
    skip_other: Annotated[bool, _opt("--skip-other-yaml")] = False,
    config: Config = None,
    stdin_filename: StdinName = None,
) -> None:
    """Rewrite journey and persona files into one canonical layout, keeping every comment."""


@command()
def init(
    directory: Annotated[Path, _arg("Folder for the new project (created if missing).")] = Path(
        "."
    ),
    template: Annotated[choice.TemplateName, _opt("--template", "-t")] = "b2b",
    force: Annotated[bool, _opt("--force", help="Replace files that already exist.")] = False,
) -> None:
    """Start a project: journeymap.yaml, a personas library, journeys and a CI workflow."""


@command()
def export(
    paths: Paths = None,
    output_format: Annotated[choice.ExportFormat, _format("export")] = "json",
    # text, not a Path: a trailing `/` (a folder, for one Mermaid file a journey) counts
    output: Annotated[str | None, _opt("--output", "-o")] = None,
    bom: Annotated[bool, _opt("--bom")] = False,
    config: Config = None,
    stdin_filename: StdinName = None,
) -> None:
    """Export journeys for other tools: Mermaid text, CSV (a row a touchpoint) or JSON."""


def _version(value: bool) -> None:
    if value:
        typer.echo(f"journeymap {journeymap.__version__}")
        raise typer.Exit()


@app.callback()
def main_options(
    version: Annotated[bool, _opt("--version", callback=_version, is_eager=True)] = False,
) -> None:
    """Customer journey maps as YAML in git: validate, render, rank gaps, diff by meaning."""


def _terminate(signum: int, frame: object) -> None:
    """SIGTERM unwinds like Ctrl-C, so atomic writes remove their temp files on the way out."""
    raise KeyboardInterrupt


def main() -> None:
    """Entry point: no traceback ever reaches the user; exit 2 on an internal error."""
    signal.signal(signal.SIGTERM, _terminate)
    try:
        app()
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
