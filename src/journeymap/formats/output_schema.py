"""JSON Schemas (draft 2020-12) of the JSON that `validate`, `gaps`, `diff`, `export` and
`rules` print, generated from the types that produce it (never written by hand).

Each output is one object: `version` first, then the fields of a typed body (the
dataclasses and models the command serialises). pydantic reads the types; the words come
from `output_words.py`. The schemas are closed on purpose: every object lists all its
properties as required and allows no others, so a field added to a dataclass without a
description, or an output that grows a key the schema does not know, fails the tests
(tests/formats/test_output_schema.py) instead of drifting silently.
"""

from __future__ import annotations

import copy
import json
from dataclasses import dataclass
from typing import Any

from pydantic import TypeAdapter

from journeymap.checks.registry import Rule
from journeymap.core.diagnostics import Diagnostic, Summary
from journeymap.diff.compare import Change
from journeymap.diff.output import JSON_VERSION as DIFF_VERSION
from journeymap.formats.output_words import EXTRA, VERSION, WORDS
from journeymap.formats.schema import SCHEMA_BASE
from journeymap.gaps.results import Report
from journeymap.model import Journey, Persona

OUTPUT_DIR = "output"
OUTPUT_VERSION = 1  # every output's version, but those VERSIONS names
VERSIONS = {"diff": DIFF_VERSION}


@dataclass
class ValidateOutput:
    """`journeymap validate --format json`."""

    diagnostics: list[Diagnostic]
    summary: Summary
    error: str | None


@dataclass
class DiffOutput:
    """`journeymap diff --format json`."""

    changes: list[Change]
    broken: list[Diagnostic]


@dataclass
class ExportOutput:
    """`journeymap export --format json`."""

    journeys: list[Journey]
    personas: list[Persona]


@dataclass
class RulesOutput:
    """`journeymap rules --format json`."""

    rules: list[Rule]


ENVELOPES: dict[type, dict[str, str]] = {
    ValidateOutput: {
        "diagnostics": "Every problem found, ordered by file, line and column.",
        "summary": "How many files were checked and how many problems of each severity were found.",
        "error": "The usage error that stopped the run (exit 2), such as a broken journeymap.yaml; null when the run completed.",
    },
    DiffOutput: {
        "changes": "The changes in meaning, grouped by journey in order of first appearance.",
        "broken": "The errors of file versions that could not be compared; their paths name the version.",
    },
    ExportOutput: {
        "journeys": "The valid journeys, each as its file says it, with every field of the format (absent ones as null or empty).",
        "personas": "The personas of the persona libraries exported, then every other library persona an exported journey refers to.",
    },
    RulesOutput: {
        "rules": "Every rule: the configurable (completeness) ones first, then those that are always errors.",
    },
}

COMMANDS: dict[str, tuple[type, str]] = {
    "validate": (ValidateOutput, "The diagnostics of `journeymap validate --format json`."),
    "gaps": (Report, "The gap report of `journeymap gaps --format json` (docs/gaps.md)."),
    "diff": (DiffOutput, "The semantic diff of `journeymap diff --format json`."),
    "export": (ExportOutput, "The validated models of `journeymap export --format json`."),
    "rules": (
        RulesOutput,
        "The rule catalogue of `journeymap rules --format json`, or one rule with "
        "`journeymap rules NAME --format json`.",
    ),
}

OUTPUT_SCHEMA_FILES = {command: f"{command}.schema.json" for command in COMMANDS}


class SchemaWordsError(Exception):
    """A property without a description, or a description of no property: fix output_words."""


def output_schema(command: str) -> dict[str, Any]:
    """The closed JSON Schema of one command's JSON output."""
    body, description = COMMANDS[command]
    generated = TypeAdapter(body).json_schema(mode="serialization")
    defs: dict[str, Any] = generated.pop("$defs", {})
    words = {cls.__name__: (cls, text) for cls, text in (WORDS | ENVELOPES).items()}
    for name, node in [(body.__name__, generated), *defs.items()]:
        if name in words:
            _describe(name, node, *words[name])
    version = VERSIONS.get(command, OUTPUT_VERSION)
    top = {"version": {"const": version, "description": VERSION}}
    for key, value in generated["properties"].items():
        if command == "gaps" and key == "gaps":
            top["total_gaps"] = {
                "type": "integer",
                "description": "How many gaps there are in all, also when `--top` lists fewer.",
            }
        top[key] = value
    root: dict[str, Any] = {"type": "object", "properties": top}
    _close(root)
    for node in defs.values():
        _close(node)
    schema: dict[str, Any] = {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": f"{SCHEMA_BASE}{OUTPUT_DIR}/{OUTPUT_SCHEMA_FILES[command]}",
        "title": f"journeymap {command} --format json",
        "description": description,
    }
    if command == "rules":
        one = copy.deepcopy(defs["Rule"])
        one["properties"] = {"version": top["version"], **one["properties"]}
        one["required"] = list(one["properties"])
        one["description"] = "One rule, with `journeymap rules NAME --format json`."
        defs["OneRule"] = one
        root["description"] = "The whole catalogue."
        schema["oneOf"] = [root, {"$ref": "#/$defs/OneRule"}]
    else:
        schema |= root
    schema["$defs"] = dict(sorted(defs.items()))
    _undescribed(schema)
    return schema


def output_schema_text(command: str) -> str:
    return json.dumps(output_schema(command), indent=2, ensure_ascii=False) + "\n"


def _describe(name: str, node: dict[str, Any], cls: type, words: dict[str, str]) -> None:
    """The words of one class onto its properties; both lists must match exactly."""
    properties: dict[str, Any] = node["properties"]
    properties.update(copy.deepcopy(EXTRA.get(cls, {})))
    unknown = set(words) - set(properties)
    if unknown:
        raise SchemaWordsError(f"{name}: words for fields it does not have: {sorted(unknown)}")
    for key, value in properties.items():
        if key in words:
            value["description"] = words[key]
        elif "description" not in value:
            raise SchemaWordsError(f"{name}.{key} has no description in output_words.py")


def _close(node: Any) -> None:
    """Every object: all its properties required, no others; no pydantic titles or defaults
    (the outputs always write every field, so a default would only mislead)."""
    if isinstance(node, dict):
        properties = node.get("properties")
        if isinstance(properties, dict):
            node["required"] = list(properties)
            node.setdefault("additionalProperties", False)
            node.pop("title", None)
            for value in properties.values():
                value.pop("title", None)
                value.pop("default", None)
        for value in node.values():
            _close(value)
    elif isinstance(node, list):
        for item in node:
            _close(item)


def _undescribed(schema: dict[str, Any]) -> None:
    """Refuse a property anywhere that says nothing about itself."""
    missing = []

    def walk(node: Any, at: str) -> None:
        if isinstance(node, dict):
            for key, value in node.get("properties", {}).items():
                if not value.get("description"):
                    missing.append(f"{at}.{key}")
            for key, value in node.items():
                walk(value, f"{at}/{key}")
        elif isinstance(node, list):
            for i, item in enumerate(node):
                walk(item, f"{at}/{i}")

    walk(schema, "#")
    if missing:
        raise SchemaWordsError(f"properties without a description: {missing}")
