"""JSON Schemas of the three file kinds, generated from the models (never written by hand).

The words come from the models (`Field(description=..., examples=...)`); this module only
reshapes pydantic's output so editors can teach with it:

- descriptions are written once, in Markdown; a property whose description uses Markdown
  also gets `markdownDescription` (VS Code and yaml-language-server render it on hover)
  and a plain `description` without the backticks;
- an optional value (`X | None`) becomes `type: [X, "null"]` instead of `anyOf`, because
  yaml-language-server shows an `anyOf` on hover as "Owner || Owner" and drops the text;
- `x-journeymap-ignore` is one shared definition whose items are the rule names, instead
  of the same text on every element;
- the config schema names every completeness rule with its summary and its options, so
  an editor flags a misspelt rule and shows what each one checks.
"""

from __future__ import annotations

import copy
import json
import re
from typing import Any

from pydantic import BaseModel
from pydantic.json_schema import GenerateJsonSchema, JsonSchemaValue

from journeymap.checks.catalogue import CONFIGURABLE, RULES
from journeymap.model import IGNORE_KEY, Journey, PersonaLibrary
from journeymap.project.config import Config

SCHEMA_FILES = {
    "journey": "journey.schema.json",
    "personas": "personas.schema.json",
    "config": "config.schema.json",
}
SCHEMA_BASE = "https://raw.githubusercontent.com/journeymap/journeymap/main/schemas/"
IGNORE_DEF = "IgnoreRules"
_MARKDOWN = re.compile(r"`|\*\*")


def schema(kind: str) -> dict[str, Any]:

    models: dict[str, type[BaseModel]] = {
        "journey": Journey,
        "personas": PersonaLibrary,
        "config": Config,
    }
    model = models[kind]
    generated = model.model_json_schema(
        by_alias=True, mode="validation", schema_generator=_KeepExamplesOrder
    )
    _share_ignore(generated)
    if kind == "config":
        _rule_catalogue(generated)
    _walk(generated, _fold_null)
    _walk(generated, _markdown)
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_BASE + SCHEMA_FILES[kind],
        **_tidy(generated),
    }


def schema_text(kind: str) -> str:
    return json.dumps(schema(kind), indent=2, ensure_ascii=False) + "\n"


# --- reshaping -------------------------------------------------------------------------------


class _KeepExamplesOrder(GenerateJsonSchema):
    """pydantic sorts every mapping, examples included; `_tidy` sorts after reshaping."""

    def sort(self, value: JsonSchemaValue, parent_key: str | None = None) -> JsonSchemaValue:
        return value


def _tidy(node: Any, parent: str | None = None) -> Any:
    """Keys in alphabetical order (a stable file), except field order and example data."""
    if parent in ("examples", "default", "const"):
        return node  # data, not schema: as the model wrote it
    if isinstance(node, dict):
        if parent == "properties":  # field names in the models' order; each a schema
            return {k: _tidy(v) for k, v in node.items()}
        return {k: _tidy(node[k], k) for k in sorted(node)}
    if isinstance(node, list):
        return [_tidy(item) for item in node]
    return node


def _walk(node: Any, visit: Any) -> None:
    """Call `visit` on every schema object, children first (so folds see folded children)."""
    if isinstance(node, dict):
        for value in node.values():
            _walk(value, visit)
        visit(node)
    elif isinstance(node, list):
        for item in node:
            _walk(item, visit)


def _fold_null(node: dict[str, Any]) -> None:
    """`anyOf: [X, {type: null}]` -> X accepting null, where X can say so itself."""
    options = node.get("anyOf")
    if not isinstance(options, list) or len(options) != 2 or {"type": "null"} not in options:
        return
    other = options[0] if options[1] == {"type": "null"} else options[1]
    if isinstance(other.get("type"), str) and "$ref" not in other:
        del node["anyOf"]
        node.update({k: v for k, v in other.items() if k != "type"})
        node["type"] = [other["type"], "null"]
        if "enum" in node:
            node["enum"] = [*node["enum"], None]
    elif set(other) == {"oneOf"}:
        del node["anyOf"]
        node["oneOf"] = [*other["oneOf"], {"type": "null"}]


def _markdown(node: dict[str, Any]) -> None:
    """Markdown text for hovers that render it; plain text for everyone else."""
    text = node.get("description")
    if isinstance(text, str) and _MARKDOWN.search(text) and "markdownDescription" not in node:
        node["markdownDescription"] = text
        node["description"] = text.replace("`", "").replace("**", "")


def _share_ignore(generated: dict[str, Any]) -> None:
    """Every element's `x-journeymap-ignore` points at one definition listing the rules."""
    shared: dict[str, Any] | None = None
    holders = [generated, *generated.get("$defs", {}).values()]
    for holder in holders:
        properties = holder.get("properties", {})
        if IGNORE_KEY not in properties:
            continue
        if shared is None:
            shared = copy.deepcopy(properties[IGNORE_KEY])
        properties[IGNORE_KEY] = {"$ref": f"#/$defs/{IGNORE_DEF}"}
    if shared is None:
        return
    shared["title"] = "Silenced rules"
    shared["items"] = {"enum": sorted(RULES), "type": "string"}
    generated.setdefault("$defs", {})[IGNORE_DEF] = shared


def _rule_catalogue(generated: dict[str, Any]) -> None:
    """`rules:` knows each completeness rule: what it checks, its default, its options."""
    defs = generated.setdefault("$defs", {})
    options = defs["RuleOptions"]
    severity = copy.deepcopy(options["properties"]["severity"])
    severity.pop("default", None)
    severity["title"] = "Severity"
    defs["Severity"] = severity
    described = generated["properties"]["rules"]
    properties: dict[str, Any] = {}
    for name, rule in sorted(CONFIGURABLE.items()):
        allowed = {"severity": {"$ref": "#/$defs/Severity"}}
        if rule.option is not None:
            option = copy.deepcopy(options["properties"][rule.option])
            default = (
                f" Default for this rule: {rule.option_default}."
                if rule.option_default is not None
                else ""
            )
            option["description"] = f"{option.get('description', '')}{default}".strip()
            allowed[rule.option] = option
        properties[name] = {
            "title": name,
            "description": f"{rule.summary} Severity by default: `{rule.default}`.",
            "oneOf": [
                {"$ref": "#/$defs/Severity"},
                {"type": "object", "properties": allowed, "additionalProperties": False},
            ],
        }
    generated["properties"]["rules"] = {
        "title": described.get("title", "Rules"),
        "description": described["description"],
        "examples": described.get("examples", []),
        "type": "object",
        "properties": properties,
        "additionalProperties": False,
    }
    del defs["RuleOptions"]
