"""Rules about the journeymap format and its types, and about the project file.

Their checks are the reader itself (`journeymap.loader`, `journeymap.config`): a file
that breaks them has no model to check further. They are always errors and cannot be
turned off. The rules about a file's bytes and YAML are in `files.py`.
"""

from __future__ import annotations

from journeymap.checks.example import JOURNEY, TOUCHPOINT_END, add, edit, files
from journeymap.checks.registry import Rule

EMPTY_FILE = Rule(
    "empty-file",
    "error",
    "A file named on the command line is not empty.",
    "format and types",
    explanation=(
        "The file holds nothing but blank lines or comments. A file you name on the "
        "command line is meant to be a journey or a persona library, so an empty one is "
        "reported rather than skipped. Write the map (`journeymap init` starts one), or "
        "leave the file out of the run."
    ),
    bad="# Customer onboarding: to be mapped after the workshop\n",
    good=JOURNEY,
)
NOT_A_MAPPING = Rule(
    "not-a-mapping",
    "error",
    "The file is a YAML mapping.",
    "format and types",
    explanation=(
        "A journey file is a mapping of keys (`journeymap`, `id`, `title`, `stages`, ...), "
        "but this file holds a list or a single value, often a part of a map pasted on "
        "its own. Put it under its key in a complete journey file."
    ),
    bad="- id: kickoff\n  name: Kickoff\n- id: rollout\n  name: Rollout\n",
    good=JOURNEY,
)
MISSING_VERSION = Rule(
    "missing-version",
    "error",
    "The file starts with `journeymap: 1`.",
    "format and types",
    explanation=(
        "Every journey and persona file starts with `journeymap: 1`, the format version. "
        "It marks the file as a journey map (other YAML files in a folder are skipped) and "
        "lets later versions of the format be read safely. Add it as the first line."
    ),
    bad=edit(("journeymap: 1\n", "")),
    good=JOURNEY,
)
UNSUPPORTED_VERSION = Rule(
    "unsupported-version",
    "error",
    "The format version is one this tool reads (the integer 1).",
    "format and types",
    explanation=(
        "The file says it is written in a format version this journeymap does not read. "
        "The version is the whole number 1: `1.0`, `'1'` and `2` are all refused, so a "
        "file is never read by rules it was not written for. Write `journeymap: 1`, or "
        "upgrade journeymap if the file comes from a newer version."
    ),
    bad=edit(("journeymap: 1\n", "journeymap: 1.0\n")),
    good=JOURNEY,
)
UNKNOWN_FIELD = Rule(
    "unknown-field",
    "error",
    "Every key is known (or starts with `x-`).",
    "format and types",
    explanation=(
        "A key is not part of the format, usually a typo (`toucpoints`) or a field at the "
        "wrong level. A misspelt field would otherwise be silently ignored, and with it "
        "what you wrote there. Fix the spelling (the help line suggests the nearest field), "
        "or start the key with `x-` to keep your own data."
    ),
    bad=edit(("    touchpoints:\n", "    touch_points:\n")),
    good=JOURNEY,
)
MISSING_FIELD = Rule(
    "missing-field",
    "error",
    "Required fields are present.",
    "format and types",
    explanation=(
        "A required field is missing: every journey has `id`, `title` and `stages`, and "
        "every stage, touchpoint, persona, pain point and opportunity has an `id` and a "
        "`name` (or `text`). Pages, references and diffs rely on them. Add the field."
    ),
    bad=edit(("        name: Kickoff call\n", "")),
    good=JOURNEY,
)
INVALID_TYPE = Rule(
    "invalid-type",
    "error",
    "Values have the right type.",
    "format and types",
    explanation=(
        "A value has the wrong type: text where a number belongs (`importance: high`), a "
        "number or date where text belongs, a single value where a list belongs. Values are "
        "not guessed, because a guess could change what the map says. The help line says "
        "what to write; scores, for instance, are whole numbers from 1 to 5."
    ),
    bad=edit(("importance: 5", "importance: high")),
    good=JOURNEY,
)
INVALID_VALUE = Rule(
    "invalid-value",
    "error",
    "Values are among the allowed ones.",
    "format and types",
    explanation=(
        "A field that takes one of a fixed set of values (a channel, a role, a state, an "
        "evidence kind) has another, or a date is not a real calendar date. The fixed sets "
        "keep maps comparable across teams. Use one of the values the message lists; the "
        "help line suggests the nearest."
    ),
    bad=add(TOUCHPOINT_END, "        channel: video call\n"),
    good=add(TOUCHPOINT_END, "        channel: human\n"),
)
INVALID_ID = Rule(
    "invalid-id",
    "error",
    "Ids match `^[a-z0-9][a-z0-9_-]*$`.",
    "format and types",
    explanation=(
        "Ids are how stages, touchpoints, personas and journeys refer to each other, and "
        "they become page addresses, so they are lowercase letters, digits, `-` and `_`, "
        "starting with a letter or digit. Write the id in that form (`kickoff-call`); the "
        "`name` keeps the human wording."
    ),
    bad=edit(("id: kickoff-call", "id: Kickoff Call")),
    good=JOURNEY,
)
OUT_OF_RANGE = Rule(
    "out-of-range",
    "error",
    "Scores are within 1-5, counts not negative.",
    "format and types",
    explanation=(
        "A number is outside its range: scores (importance, performance, emotion, "
        "severity, impact, effort) run from 1 to 5, and funnel counts cannot be negative. "
        "The gap analysis and charts depend on the scale. Bring the value into range."
    ),
    bad=edit(("importance: 5", "importance: 7")),
    good=JOURNEY,
)

INVALID_CONFIG = Rule(
    "invalid-config",
    "error",
    "journeymap.yaml is a mapping of known settings.",
    "project file",
    explanation=(
        "The project file, journeymap.yaml, must be a mapping of settings (`journeys`, "
        "`personas`, `output`, `departments`, `rules`, `max_file_size`). When it is not, "
        "no command can run, and they all stop with exit code 2. Fix the file; "
        "`journeymap init` writes a correct one."
    ),
    bad=files(
        ("journeymap.yaml", "- journeys/*.yaml\n- personas/*.yaml\n"),
        ("journeys/onboarding.yaml", JOURNEY),
    ),
    good=files(
        ("journeymap.yaml", "journeys: [journeys/*.yaml]\n"),
        ("journeys/onboarding.yaml", JOURNEY),
    ),
)
