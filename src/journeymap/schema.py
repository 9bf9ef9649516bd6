"""JSON Schemas of the two file kinds, generated from the models (never written by hand)."""

from __future__ import annotations

import json
from typing import Any

from journeymap.model import Journey, PersonaLibrary

SCHEMA_FILES = {
    "journey": "journey.schema.json",
    "personas": "personas.schema.json",
    "config": "config.schema.json",
}
SCHEMA_BASE = "https://raw.githubusercontent.com/journeymap/journeymap/main/schemas/"


def schema(kind: str) -> dict[str, Any]:
    from pydantic import BaseModel

    from journeymap.config import Config

    models: dict[str, type[BaseModel]] = {
        "journey": Journey,
        "personas": PersonaLibrary,
        "config": Config,
    }
    model = models[kind]
    generated = model.model_json_schema(by_alias=True, mode="validation")
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_BASE + SCHEMA_FILES[kind],
        **generated,
    }


def schema_text(kind: str) -> str:
    return json.dumps(schema(kind), indent=2, ensure_ascii=False) + "\n"
