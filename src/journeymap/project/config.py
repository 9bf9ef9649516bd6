"""journeymap.yaml: the project's settings, found from a folder upwards and validated with positions."""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, ValidationError

from journeymap.core.diagnostics import Diagnostic
from journeymap.core.errors import UsageError
from journeymap.core.rules import CONFIGURABLE_RULES, Setting
from journeymap.core.suggest import closest
from journeymap.disk.reading import DEFAULT_MAX_BYTES, ReadLimits
from journeymap.loading.typeerrors import translate_errors
from journeymap.refresh.sources import DataEntry, entry_problems
from journeymap.yaml.parse import parse
from journeymap.yaml.source import Source

CONFIG_NAME = "journeymap.yaml"
MISNAMED_CONFIG = "journeymap.yml"  # refused, never read: one name, one schema, one format
PYPROJECT = "pyproject.toml"


class RuleOptions(BaseModel):
    """A rule's setting written as a mapping, for the rules that take options."""

    model_config = ConfigDict(extra="forbid", strict=True, defer_build=True)
    severity: Setting = Field(
        default="warning",
        description="`off` (not checked), `warning` (reported; fails only with `--strict`) "
        "or `error` (fails the run).",
        examples=["error"],
    )
    max_age_days: Annotated[int, Field(ge=0)] | None = Field(
        default=None,
        description="For `review-stale` and `evidence-stale`: how many days old a date may be.",
        examples=[120],
    )


class GapsOptions(BaseModel):
    """Settings of the gap report (`gaps:` in journeymap.yaml)."""

    model_config = ConfigDict(extra="forbid", strict=True, defer_build=True)
    ipa_crosshair: Literal["midpoint", "mean"] = Field(
        default="midpoint",
        description="Where the importance-performance chart is split: `midpoint` (3 on "
        "both scales) or `mean` (the means of the touchpoints analysed). A score equal "
        "to the crosshair counts as high.",
    )


def _inside_project(value: str) -> str:
    """Config paths and globs are relative to the config's folder and stay below it.

    A pull request can change journeymap.yaml; it must not be able to make `render`
    write, or any command read, outside the repository. `-o` on the command line can
    still point anywhere: that is the person running the command choosing.
    """
    parts = PurePosixPath(value.replace("\\", "/")).parts
    if value.startswith(("/", "\\")) or (len(value) > 1 and value[1] == ":") or ".." in parts:
        raise ValueError(
            f"{value!r} leads outside the project; paths in journeymap.yaml are relative to "
            "its folder and stay inside it (no `..`, no absolute paths)"
        )
    return value


ProjectPath = Annotated[str, AfterValidator(_inside_project)]


class Config(BaseModel):
    """The project file. Every key is optional; an unknown key is an error."""

    model_config = ConfigDict(extra="forbid", strict=True, defer_build=True)
    journeys: list[ProjectPath] = Field(
        default_factory=list,
        description="Globs of journey files, relative to this file; what commands read when "
        "given no paths. Git's wildmatch: `*` stays in a folder, `**` crosses folders.",
        examples=[["journeys/**/*.yaml"]],
    )
    personas: list[ProjectPath] = Field(
        default_factory=list,
        description="Globs of persona libraries (`kind: personas` files), relative to this file.",
        examples=[["personas/*.yaml"]],
    )
    output: ProjectPath | None = Field(
        default=None,
        description="The folder `render` writes to when given no `-o` (inside the project).",
        examples=["site"],
    )
    departments: list[str] | None = Field(
        default=None,
        description="If set, every touchpoint's `department` must be one of these.",
        examples=[["marketing", "sales", "delivery", "support"]],
    )
    rules: dict[str, Setting | RuleOptions] = Field(
        default_factory=dict,
        description="Completeness rules by name: `off`, `warning` or `error`, or a mapping "
        "with `severity` and the rule's options. `journeymap rules` lists them.",
        examples=[
            {
                "touchpoint-owner": "error",
                "review-stale": {"severity": "warning", "max_age_days": 120},
            }
        ],
    )
    max_file_size: Annotated[int, Field(gt=0)] = Field(
        default=DEFAULT_MAX_BYTES,
        description="Files larger than this many bytes are refused (default 20 MiB).",
        examples=[1048576],
    )
    data: list[DataEntry] = Field(
        default_factory=list,
        description="Where metric values and funnels come from, for `journeymap refresh`.",
    )
    gaps: GapsOptions = Field(
        default_factory=GapsOptions, description="Settings of `journeymap gaps`."
    )


@dataclass
class Settings:
    """Resolved settings for a run: the config (or defaults) and where it lives."""

    config: Config = field(default_factory=Config)
    path: Path | None = None  # the journeymap.yaml, if any

    @property
    def root(self) -> Path:
        return self.path.parent if self.path else Path.cwd()

    @property
    def read_limits(self) -> ReadLimits:
        """Every file of the run is read under these (see `journeymap.disk.reading`)."""
        return ReadLimits(self.config.max_file_size, self.root)

    def configured_severity(self, rule: str) -> Setting | None:
        """The severity the project sets for `rule`, or None for the rule's default
        (see `journeymap.checks.settings`, which knows the defaults)."""
        value = self.config.rules.get(rule)
        if value is None:
            return None
        return value if isinstance(value, str) else value.severity

    def configured_option(self, rule: str) -> int | None:
        """The `max_age_days` the project sets for `rule`, or None for the default."""
        value = self.config.rules.get(rule)
        return value.max_age_days if isinstance(value, RuleOptions) else None


def find_config(start: Path) -> Path | None:
    """The nearest journeymap.yaml from `start` upwards.

    Only that name is read. Settings written elsewhere in a folder on the way (a
    `journeymap.yml`, a `[tool.journeymap]` table in pyproject.toml) stop the search
    with one line and exit 2: running on the defaults would ignore them without a word.
    """
    for folder in (start, *start.parents):
        candidate = folder / CONFIG_NAME
        if candidate.is_file():
            return candidate
        misnamed = folder / MISNAMED_CONFIG
        if _looks_like_config(misnamed):
            raise UsageError(
                f"found {display_path(misnamed)}; journeymap reads {CONFIG_NAME} — rename it"
            )
        if _has_tool_table(folder / PYPROJECT):
            raise UsageError(
                f"found [tool.journeymap] in {display_path(folder / PYPROJECT)}; journeymap "
                f"reads its settings only from {CONFIG_NAME} — move them there"
            )
    return None


def _head(path: Path) -> bytes | None:
    """The first bytes of a regular file (up to the default size limit), or None."""
    if not path.is_file():
        return None
    try:
        with path.open("rb") as handle:
            return handle.read(DEFAULT_MAX_BYTES)
    except OSError:
        return None


def _looks_like_config(path: Path) -> bool:
    """A journeymap.yml meant as the config: a mapping of config keys only, or YAML too
    broken to tell. Another tool's file of that name (`init` writes the GitHub workflow
    `.github/workflows/journeymap.yml`) has keys of its own and is left alone."""
    raw = _head(path)
    if raw is None:
        return False
    source = parse(str(path), raw)
    if not source.ok or source.data is None:
        return True
    return isinstance(source.data, dict) and set(source.data) <= set(Config.model_fields)


def _has_tool_table(path: Path) -> bool:
    raw = _head(path)
    if raw is None or b"journeymap" not in raw:
        return False
    try:
        data = tomllib.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, tomllib.TOMLDecodeError):
        return False  # not ours to report: the Python tooling will
    tool = data.get("tool")
    return isinstance(tool, dict) and "journeymap" in tool


def load_settings(start: Path | None = None, explicit: Path | None = None) -> Settings:
    """The config discovered from `start` upwards (or named), validated with positions."""
    path = explicit if explicit is not None else find_config(start or Path.cwd())
    if path is None:
        return Settings()
    display = display_path(path)
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
    out = []
    for name in rules:
        if name in CONFIGURABLE_RULES:
            continue
        match = closest(name, CONFIGURABLE_RULES)
        out.append(
            source.diagnostic(
                ("rules", name),
                "unknown-rule",
                f"unknown rule {name!r}",
                hint=f"did you mean {match!r}?" if match else "`journeymap rules` lists the rules",
                on_key=True,
            )
        )
    return out


def display_path(path: Path) -> str:
    """Paths as the user thinks of them: relative to the current folder when inside it."""
    try:
        return os.path.relpath(path)  # noqa: PTH
    except ValueError:  # another drive on Windows
        return str(path)
