"""journeymap.yaml: the project's settings, found from a folder upwards and validated with positions."""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Discriminator,
    Field,
    Tag,
    ValidationError,
)

from journeymap.core.diagnostics import Diagnostic
from journeymap.core.errors import UsageError
from journeymap.core.rules import CONFIGURABLE_RULES, RULE_OPTIONS, Setting
from journeymap.core.suggest import closest
from journeymap.core.textsafe import visible
from journeymap.disk.paths import inside_project
from journeymap.disk.reading import (
    DEFAULT_MAX_BYTES,
    ReadLimits,
    Refusal,
    link_outside,
    read_user_file,
)
from journeymap.loading.typeerrors import translate_errors
from journeymap.model.base import WHOLE
from journeymap.model.people import Role
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
    max_age_days: Annotated[int, Field(ge=0), WHOLE] | None = Field(
        default=None,
        description="For `review-stale` and `evidence-stale`: how many days old a date may be.",
        examples=[120],
    )
    roles: dict[Role, Annotated[str, Field(pattern=r"^[a-z0-9][a-z0-9_-]*$")]] | None = Field(
        default=None,
        description="For `committee-coverage`: the roles of the buying committee that must "
        "have had a touchpoint, each with the stage id by which (that stage included).",
        examples=[{"decision-maker": "decision", "economic-buyer": "decision"}],
    )


def _setting_tag(value: Any) -> str:
    return "options" if isinstance(value, dict | RuleOptions) else "setting"


# A rule's setting is a word or a mapping; saying which up front gives one error, in the
# words of the one the writer meant, instead of one for each (model/shape.py's UNION_TAGS).
RuleSetting = Annotated[
    Annotated[Setting, Tag("setting")] | Annotated[RuleOptions, Tag("options")],
    Discriminator(_setting_tag),
]


class GapsOptions(BaseModel):
    """Settings of the gap report (`gaps:` in journeymap.yaml)."""

    model_config = ConfigDict(extra="forbid", strict=True, defer_build=True)
    ipa_crosshair: Literal["midpoint", "mean"] = Field(
        default="midpoint",
        description="Where the importance-performance chart is split: `midpoint` (3 on "
        "both scales) or `mean` (the means of the touchpoints analysed). A score equal "
        "to the crosshair counts as high.",
    )


ProjectPath = Annotated[str, AfterValidator(inside_project)]


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
    rules: dict[str, RuleSetting] = Field(
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
    max_file_size: Annotated[int, Field(gt=0), WHOLE] = Field(
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

    def configured_roles(self, rule: str) -> dict[str, str]:
        """The roles `committee-coverage` requires, each with its stage id (none if unset)."""
        value = self.config.rules.get(rule)
        if not isinstance(value, RuleOptions) or not value.roles:
            return {}
        return {str(role): stage for role, stage in value.roles.items()}

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
    raw = _read_config(path, display)
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
    problems = _foreign_options(config.rules, source)
    if problems:
        raise UsageError(f"{display} gives rules options they do not take", problems)
    problems = entry_problems(config.data, source)
    if problems:
        raise UsageError(f"{display} has errors in `data:`", problems)
    return Settings(config, path)


def _read_config(path: Path, display: str) -> bytes:
    """journeymap.yaml under the rules of every file: a link only to a file in its own
    folder (or below), only a regular file, at most the default size limit."""
    folder = Path(os.path.abspath(path)).parent
    target = link_outside(path, folder)
    if target is not None:
        raise UsageError(
            f"{display} is a link to {visible(str(target))}, outside its folder; journeymap "
            "reads the config only from the project\n"
            "  = help: replace the link with the file itself, or link it to a file in its "
            "own folder"
        )
    try:
        return read_user_file(path, ReadLimits(DEFAULT_MAX_BYTES, folder))
    except Refusal as refusal:
        reason = str(refusal).removeprefix("cannot be read: ")
        raise UsageError(f"cannot read {display}: {reason}") from None


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


def _foreign_options(rules: dict[str, Any], source: Source) -> list[Diagnostic]:
    """`stage-goal: {max_age_days: 3}` was read and ignored; the schema refuses it, and so
    does journeymap now: an option a rule does not take is a mistake, said where it is."""
    out = []
    for name, value in rules.items():
        if not isinstance(value, RuleOptions):
            continue
        own = RULE_OPTIONS.get(name)
        for option in ("max_age_days", "roles"):
            if getattr(value, option) is None or option == own:
                continue
            hint = f"{name} takes `{own}`" if own else f"{name} takes only `severity`"
            out.append(
                source.diagnostic(
                    ("rules", name, option),
                    "invalid-config",
                    f"rule {name!r} takes no option {option!r}",
                    hint=f"{hint}; remove `{option}`",
                    on_key=True,
                )
            )
    return out


def display_path(path: Path) -> str:
    """Paths as the user thinks of them: relative to the current folder when inside it."""
    try:
        return os.path.relpath(path)
    except ValueError:  # another drive on Windows
        return str(path)
