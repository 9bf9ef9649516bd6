"""Rules about the journeymap format and its types, and about the project file.

Their checks are the reader itself (`journeymap.loading.loader`, `journeymap.project.config`): a file
that breaks them has no model to check further. They are always errors and cannot be
turned off. The rules about a file's bytes and YAML are in `files.py`.
"""

from __future__ import annotations

from journeymap.checks.example import JOURNEY, TOUCHPOINT_END, add, edit, files
from journeymap.checks.registry import RuleGroup

FORMAT_AND_TYPES = RuleGroup("format and types", "error")
PROJECT_FILE = RuleGroup("project file", "error")

EMPTY_FILE = FORMAT_AND_TYPES.rule(
    "empty-file",
    """A file named on the command line is not empty.

    The file holds nothing but blank lines or comments. A file you name on the command line is
    meant to be a journey or a persona library, so an empty one is reported rather than
    skipped. Write the map (`journeymap init` starts one), or leave the file out of the run.""",
    bad="# Customer onboarding: to be mapped after the workshop\n",
    good=JOURNEY,
)
NOT_A_MAPPING = FORMAT_AND_TYPES.rule(
    "not-a-mapping",
    """The file is a YAML mapping.

    A journey file is a mapping of keys (`journeymap`, `id`, `title`, `stages`, ...), but this
    file holds a list or a single value, often a part of a map pasted on its own. Put it under
    its key in a complete journey file.""",
    bad="- id: kickoff\n  name: Kickoff\n- id: rollout\n  name: Rollout\n",
    good=JOURNEY,
)
MISSING_VERSION = FORMAT_AND_TYPES.rule(
    "missing-version",
    """The file starts with `journeymap: 1`.

    Every journey and persona file starts with `journeymap: 1`, the format version. It marks
    the file as a journey map (other YAML files in a folder are skipped) and lets later
    versions of the format be read safely. Add it as the first line.""",
    bad=edit(("journeymap: 1\n", "")),
    good=JOURNEY,
)
UNSUPPORTED_VERSION = FORMAT_AND_TYPES.rule(
    "unsupported-version",
    """The format version is one this tool reads (the number 1).

    The file says it is written in a format version this journeymap does not read. The version
    is the number 1 (`1.0` is the same number, as in JSON Schema); `'1'` (text) and `2` are
    refused, so a file is never read by rules it was not written for. Write `journeymap: 1`,
    or upgrade journeymap if the file comes from a newer version.""",
    bad=edit(("journeymap: 1\n", "journeymap: 2\n")),
    good=JOURNEY,
)
UNKNOWN_FIELD = FORMAT_AND_TYPES.rule(
    "unknown-field",
    """Every key is known (or starts with `x-`).

    A key is not part of the format, usually a typo (`toucpoints`) or a field at the wrong
    level. A misspelt field would otherwise be silently ignored, and with it what you wrote
    there. Fix the spelling (the help line suggests the nearest field), or start the key with
    `x-` to keep your own data.""",
    bad=edit(("    touchpoints:\n", "    touch_points:\n")),
    good=JOURNEY,
)
MISSING_FIELD = FORMAT_AND_TYPES.rule(
    "missing-field",
    """Required fields are present.

    A required field is missing: every journey has `id`, `title` and `stages`, and every stage,
    touchpoint, persona, pain point and opportunity has an `id` and a `name` (or `text`).
    Pages, references and diffs rely on them. Add the field.""",
    bad=edit(("        name: Kickoff call\n", "")),
    good=JOURNEY,
)
INVALID_TYPE = FORMAT_AND_TYPES.rule(
    "invalid-type",
    """Values have the right type.

    A value has the wrong type: text where a number belongs (`importance: high`), a number or
    date where text belongs, a single value where a list belongs. Values are not guessed,
    because a guess could change what the map says. The help line says what to write; scores,
    for instance, are whole numbers from 1 to 5.""",
    bad=edit(("importance: 5", "importance: high")),
    good=JOURNEY,
)
INVALID_VALUE = FORMAT_AND_TYPES.rule(
    "invalid-value",
    """Values are among the allowed ones.

    A field that takes one of a fixed set of values (a channel, a role, a state, an evidence
    kind) has another, or a date is not a real calendar date. The fixed sets keep maps
    comparable across teams. Use one of the values the message lists; the help line suggests
    the nearest.""",
    bad=add(TOUCHPOINT_END, "        channel: video call\n"),
    good=add(TOUCHPOINT_END, "        channel: human\n"),
)
INVALID_ID = FORMAT_AND_TYPES.rule(
    "invalid-id",
    """Ids match `^[a-z0-9][a-z0-9_-]*$`.

    Ids are how stages, touchpoints, personas and journeys refer to each other, and they become
    page addresses, so they are lowercase letters, digits, `-` and `_`, starting with a letter
    or digit. Write the id in that form (`kickoff-call`); the `name` keeps the human wording.""",
    bad=edit(("id: kickoff-call", "id: Kickoff Call")),
    good=JOURNEY,
)
OUT_OF_RANGE = FORMAT_AND_TYPES.rule(
    "out-of-range",
    """Scores are within 1-5, counts not negative.

    A number is outside its range: scores (importance, performance, emotion, severity, impact,
    effort) run from 1 to 5, and funnel counts cannot be negative. The gap analysis and charts
    depend on the scale. Bring the value into range.""",
    bad=edit(("importance: 5", "importance: 7")),
    good=JOURNEY,
)

INVALID_CONFIG = PROJECT_FILE.rule(
    "invalid-config",
    """journeymap.yaml is a mapping of known settings.

    The project file, journeymap.yaml, must be a mapping of settings (`journeys`, `personas`,
    `output`, `departments`, `rules`, `max_file_size`). When it is not, no command can run, and
    they all stop with exit code 2. Fix the file; `journeymap init` writes a correct one.""",
    bad=files(
        ("journeymap.yaml", "- journeys/*.yaml\n- personas/*.yaml\n"),
        ("journeys/onboarding.yaml", JOURNEY),
    ),
    good=files(
        ("journeymap.yaml", "journeys: [journeys/*.yaml]\n"),
        ("journeys/onboarding.yaml", JOURNEY),
    ),
)
