"""What `init` writes so editors know the files: the schemas, modelines, VS Code settings.

The schemas are copied into the project (`.journeymap/schemas/`) rather than linked by
URL: they then match the journeymap version that wrote them, work offline, and the
modelines point at files that exist. Each modeline is relative to its own file, as
yaml-language-server resolves it; `.vscode/settings.json` maps the same schemas by glob,
so files created later without a modeline are known too.
"""

from __future__ import annotations

import json
import posixpath

from journeymap.formats.schema import SCHEMA_FILES, schema_text

SCHEMA_DIR = ".journeymap/schemas"
SCHEMA_PLACEHOLDER = "__SCHEMA__"
VSCODE_SETTINGS = ".vscode/settings.json"
VSCODE_EXTENSIONS = ".vscode/extensions.json"
YAML_EXTENSION = "redhat.vscode-yaml"

# Which files each schema describes, relative to the project folder (the config's globs).
SCHEMA_GLOBS = {
    "journey": ["journeys/**/*.yaml", "journeys/**/*.yml"],
    "personas": ["personas/**/*.yaml", "personas/**/*.yml"],
    "config": ["journeymap.yaml"],
}


def schema_entries() -> list[tuple[str, str]]:
    """(relative path, text) of each schema, as `journeymap schema` would write it."""
    return [(f"{SCHEMA_DIR}/{name}", schema_text(kind)) for kind, name in SCHEMA_FILES.items()]


def schema_folder_from(file_name: str) -> str:
    """The schema folder relative to a project file's folder (`../.journeymap/schemas`)."""
    folder = posixpath.dirname(file_name) or "."
    return posixpath.relpath(SCHEMA_DIR, folder)


def with_modeline_paths(file_name: str, text: str) -> str:
    """A template file with its `$schema=__SCHEMA__/...` modeline made relative to it."""
    return text.replace(SCHEMA_PLACEHOLDER, schema_folder_from(file_name))


def vscode_entries() -> list[tuple[str, str]]:
    """VS Code workspace files: the `yaml.schemas` mapping and the YAML extension."""
    settings = {
        "yaml.schemas": {
            f"./{SCHEMA_DIR}/{SCHEMA_FILES[kind]}": globs for kind, globs in SCHEMA_GLOBS.items()
        }
    }
    extensions = {"recommendations": [YAML_EXTENSION]}
    return [
        (VSCODE_SETTINGS, json.dumps(settings, indent=2) + "\n"),
        (VSCODE_EXTENSIONS, json.dumps(extensions, indent=2) + "\n"),
    ]
