"""journeymap.yaml, file discovery, and the portfolio a run works on.

A run has *targets* (the files a command reports on) and *context* (persona libraries
and the config's other journeys, read so that references resolve when a pre-commit hook
passes just one changed file). Both are loaded the same way.
"""

from __future__ import annotations

import glob
import os
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from journeymap.diagnostics import Diagnostic
from journeymap.loader import Document, load_file, translate_errors
from journeymap.refresh.sources import DataEntry, entry_problems
from journeymap.rules import CONFIGURABLE, Setting
from journeymap.yamlsource import DEFAULT_MAX_BYTES, Source, parse

CONFIG_NAME = "journeymap.yaml"
YAML_SUFFIXES = (".yaml", ".yml")
HAS_VERSION_KEY = re.compile(rb"^(?:\xef\xbb\xbf)?[\"']?journeymap[\"']?[ \t]*:", re.MULTILINE)


class UsageError(Exception):
    """A problem with how journeymap was called or set up: exit 2, one clear line each."""

    def __init__(self, message: str, diagnostics: Sequence[Diagnostic] = ()) -> None:
        super().__init__(message)
        self.diagnostics = list(diagnostics)


class RuleOptions(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True)
    severity: Setting = "warning"
    max_age_days: Annotated[int, Field(ge=0)] | None = None


class Config(BaseModel):
    """The project file. Every key is optional; an unknown key is an error."""

    model_config = ConfigDict(extra="forbid", strict=True)
    journeys: list[str] = Field(default_factory=list, description="Globs of journey files.")
    personas: list[str] = Field(default_factory=list, description="Globs of persona libraries.")
    output: str | None = Field(default=None, description="Where `render` writes by default.")
    departments: list[str] | None = Field(
        default=None, description="If set, every touchpoint's department must be one of these."
    )
    rules: dict[str, Setting | RuleOptions] = Field(default_factory=dict)
    max_file_size: Annotated[int, Field(gt=0)] = Field(
        default=DEFAULT_MAX_BYTES, description="Files larger than this many bytes are refused."
    )
    data: list[DataEntry] = Field(
        default_factory=list,
        description="Where metric values and funnels come from, for `journeymap refresh`.",
    )


@dataclass
class Settings:
    """Resolved settings for a run: the config (or defaults) and where it lives."""

    config: Config = field(default_factory=Config)
    path: Path | None = None  # the journeymap.yaml, if any

    @property
    def root(self) -> Path:
        return self.path.parent if self.path else Path.cwd()

    def severity(self, rule: str) -> Setting:
        value = self.config.rules.get(rule)
        if value is None:
            return CONFIGURABLE[rule].default
        return value if isinstance(value, str) else value.severity

    def option(self, rule: str) -> int:
        value = self.config.rules.get(rule)
        if isinstance(value, RuleOptions) and value.max_age_days is not None:
            return value.max_age_days
        default = CONFIGURABLE[rule].option_default
        assert default is not None
        return default


def find_config(start: Path) -> Path | None:
    for folder in (start, *start.parents):
        candidate = folder / CONFIG_NAME
        if candidate.is_file():
            return candidate
    return None


def load_settings(start: Path | None = None, explicit: Path | None = None) -> Settings:
    """The config discovered from `start` upwards (or named), validated with positions."""
    path = explicit if explicit is not None else find_config(start or Path.cwd())
    if path is None:
        return Settings()
    display = _display(path)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise UsageError(f"cannot read {display}: {exc.strerror or exc}") from None
    source = parse(display, raw)
    if not source.ok:
        raise UsageError(f"{display} is not valid YAML", source.diagnostics)
    data = source.data if source.data is not None else {}
    if not isinstance(data, dict):
        raise UsageError(
            f"{display} must be a mapping",
            [source.diagnostic((), "invalid-config", "journeymap.yaml must be a mapping")],
        )
    try:
        config = Config.model_validate(data)
    except ValidationError as exc:
        raise UsageError(f"{display} has errors", translate_errors(exc, source, Config)) from None
    problems = _unknown_rules(config.rules, source)
    if problems:
        raise UsageError(f"{display} names rules that do not exist", problems)
    problems = entry_problems(config.data, source)
    if problems:
        raise UsageError(f"{display} has errors in `data:`", problems)
    return Settings(config, path)


def _unknown_rules(rules: dict[str, Any], source: Source) -> list[Diagnostic]:
    import difflib

    out = []
    for name in rules:
        if name in CONFIGURABLE:
            continue
        close = difflib.get_close_matches(name, list(CONFIGURABLE), n=1)
        out.append(
            source.diagnostic(
                ("rules", name),
                "unknown-rule",
                f"unknown rule {name!r}",
                hint=f"did you mean {close[0]!r}?"
                if close
                else "`journeymap rules` lists the rules",
                on_key=True,
            )
        )
    return out


# --- finding files ----------------------------------------------------------------------


def _display(path: Path) -> str:
    """Paths as the user thinks of them: relative to the current folder when inside it."""
    try:
        return os.path.relpath(path)  # noqa: PTH
    except ValueError:  # another drive on Windows
        return str(path)


def is_journeymap_file(path: Path) -> bool:
    """A cheap look for a top-level `journeymap:` key, to skip other YAML in a folder."""
    if not path.is_file() and not path.is_symlink():
        return False  # a pipe or device named *.yaml: never opened, it could block forever
    try:
        with path.open("rb") as handle:
            head = handle.read(1 << 16)
    except OSError:
        return True  # report it, so the user learns it cannot be read
    return bool(HAS_VERSION_KEY.search(head))


@dataclass
class Discovery:
    files: list[Path]
    skipped: list[Path]  # YAML in folders that is not a journeymap file


def discover(paths: Sequence[str], *, skip_other: bool = False) -> Discovery:
    """Files named are taken as they are; folders are searched recursively.

    Symlinked folders are not followed (no loops); a path named twice is read once. With
    `skip_other`, a named file without a `journeymap` key is skipped like one in a folder
    (for pre-commit, which passes every changed YAML file).
    """
    files: list[Path] = []
    skipped: list[Path] = []
    seen: set[Path] = set()

    def add(path: Path) -> None:
        key = _identity(path)
        if key not in seen:
            seen.add(key)
            files.append(path)

    for name in paths:
        path = Path(name)
        if path.is_dir():
            for found in _walk(path):
                if is_journeymap_file(found):
                    add(found)
                else:
                    skipped.append(found)
        elif path.exists() or path.is_symlink():
            if skip_other and not is_journeymap_file(path):
                skipped.append(path)
            else:
                add(path)
        else:
            raise UsageError(f"{name}: no such file or folder")
    return Discovery(files, skipped)


def _identity(path: Path) -> Path:
    """The file a path names, for reading it once; a symlink loop names itself."""
    return Path(os.path.realpath(path))


def _walk(folder: Path) -> Iterable[Path]:
    found: list[Path] = []
    for dirpath, dirnames, filenames in os.walk(folder, followlinks=False):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        found.extend(Path(dirpath) / f for f in filenames if f.endswith(YAML_SUFFIXES))
    return sorted(found)


def expand_globs(settings: Settings, key: Literal["journeys", "personas"]) -> list[Path]:
    """The config's globs, relative to the config's folder; a glob matching nothing is an error."""
    out: list[Path] = []
    for pattern in getattr(settings.config, key):
        matches = sorted(
            Path(p)
            for p in glob.glob(str(settings.root / pattern), recursive=True)
            if Path(p).is_file()
        )
        if not matches:
            raise UsageError(
                f"{_display(settings.path) if settings.path else CONFIG_NAME}: "
                f"the {key} glob {pattern!r} matches no files"
            )
        out.extend(Path(_display(m)) for m in matches)
    return out


# --- the portfolio ----------------------------------------------------------------------


@dataclass
class Portfolio:
    """Everything one run reads: the files it reports on and the files it only consults."""

    targets: list[Document]
    context: list[Document]
    settings: Settings
    skipped: list[Path] = field(default_factory=list)

    @property
    def documents(self) -> list[Document]:
        return self.targets + self.context


@dataclass
class Plan:
    """The files a run reports on (targets), only consults (context), and passed over."""

    targets: list[Path]
    context: list[Path]
    skipped: list[Path]


def plan_portfolio(paths: Sequence[str], settings: Settings, *, skip_other: bool = False) -> Plan:
    """Which files: the named paths (or the config's globs) plus the config's context."""
    if paths:
        found = discover(paths, skip_other=skip_other)
        targets, skipped = found.files, found.skipped
    elif settings.path is not None and (settings.config.journeys or settings.config.personas):
        targets = expand_globs(settings, "journeys") + expand_globs(settings, "personas")
        skipped = []
    else:
        raise UsageError(
            "no files given and no journeymap.yaml with `journeys` found; "
            "name files or folders, or run `journeymap init`"
        )
    context_paths: list[Path] = []
    if settings.path is not None:
        context_paths = expand_globs(settings, "personas") + expand_globs(settings, "journeys")
    target_keys = {_identity(p) for p in targets}
    context = [p for p in dict.fromkeys(context_paths) if _identity(p) not in target_keys]
    return Plan(targets, context, skipped)


def load_portfolio(
    paths: Sequence[str], settings: Settings, *, skip_other: bool = False
) -> Portfolio:
    """Load every file of the plan, all at once (render and gaps need every model)."""
    plan = plan_portfolio(paths, settings, skip_other=skip_other)
    max_bytes = settings.config.max_file_size
    return Portfolio(
        targets=[load_file(p, str(p), max_bytes) for p in plan.targets],
        context=[load_file(p, str(p), max_bytes) for p in plan.context],
        settings=settings,
        skipped=plan.skipped,
    )
