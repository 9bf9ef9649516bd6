"""Rules found while reading a file (YAML, the format, types) or the project file.

Their checks are the reader itself (`journeymap.yaml`, `journeymap.loader`,
`journeymap.config`, `journeymap.fmt`): a file that breaks them has no model to check
further. They are always errors and cannot be turned off.
"""

from __future__ import annotations

from journeymap.checks.registry import Rule

UNREADABLE = Rule("unreadable", "error", "A file can be read.", "files and YAML")
FILE_TOO_LARGE = Rule(
    "file-too-large", "error", "A file is below the size limit.", "files and YAML"
)
ENCODING = Rule("encoding", "error", "The file is UTF-8.", "files and YAML")
YAML_SYNTAX = Rule("yaml-syntax", "error", "The file is well-formed YAML.", "files and YAML")
DUPLICATE_KEY = Rule("duplicate-key", "error", "A key appears once per mapping.", "files and YAML")
UNSUPPORTED_TAG = Rule(
    "unsupported-tag", "error", "Only plain YAML values; no tags.", "files and YAML"
)
ALIAS_BOMB = Rule(
    "alias-bomb", "error", "Aliases do not expand past a safe budget.", "files and YAML"
)
ALIAS_CYCLE = Rule(
    "alias-cycle", "error", "An alias does not refer to its own container.", "files and YAML"
)
TOO_DEEP = Rule("too-deep", "error", "Nesting stays within a sane depth.", "files and YAML")
INVALID_KEY = Rule("invalid-key", "error", "Mapping keys are plain values.", "files and YAML")

EMPTY_FILE = Rule(
    "empty-file", "error", "A file named on the command line is not empty.", "format and types"
)
NOT_A_MAPPING = Rule("not-a-mapping", "error", "The file is a YAML mapping.", "format and types")
MISSING_VERSION = Rule(
    "missing-version", "error", "The file starts with `journeymap: 1`.", "format and types"
)
UNSUPPORTED_VERSION = Rule(
    "unsupported-version",
    "error",
    "The format version is one this tool reads (the integer 1).",
    "format and types",
)
UNKNOWN_FIELD = Rule(
    "unknown-field", "error", "Every key is known (or starts with `x-`).", "format and types"
)
MISSING_FIELD = Rule("missing-field", "error", "Required fields are present.", "format and types")
INVALID_TYPE = Rule("invalid-type", "error", "Values have the right type.", "format and types")
INVALID_VALUE = Rule(
    "invalid-value", "error", "Values are among the allowed ones.", "format and types"
)
INVALID_ID = Rule("invalid-id", "error", "Ids match `^[a-z0-9][a-z0-9_-]*$`.", "format and types")
OUT_OF_RANGE = Rule(
    "out-of-range", "error", "Scores are within 1-5, counts not negative.", "format and types"
)

INVALID_CONFIG = Rule(
    "invalid-config",
    "error",
    "journeymap.yaml is a mapping of known settings.",
    "project file",
)

UNFORMATTABLE = Rule(
    "unformattable",
    "error",
    "`fmt` can lay the file out without changing its meaning.",
    "formatting",
)
