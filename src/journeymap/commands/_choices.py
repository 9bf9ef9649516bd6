"""The values each `--format` (and `init --template`) accepts, shared by face and commands.

Kept apart from the commands so the face can declare its options without importing them.
"""

from typing import Literal

ValidateFormat = Literal["text", "json", "github", "sarif"]
RulesFormat = Literal["text", "json"]
RenderFormat = Literal["html", "md"]
GapsFormat = Literal["md", "html", "json", "csv"]
DiffFormat = Literal["text", "md", "json"]
ExportFormat = Literal["mermaid", "csv", "json"]
TemplateName = Literal["b2b", "b2b2c", "blueprint"]

# The help line of each option, kept with the choices so the face stays declarations.
HELP = {  # option -> its help line; --format's help is keyed by the command
    "--quiet": "Print only findings and errors.",
    "--verbose": "Also list skipped files and context files.",
    "--config": "Use this journeymap.yaml instead of discovering one.",
    "--stdin-filename": "With `-`: the path standard input stands for (positions, config, rules).",
    "--skip-other-yaml": "Skip named YAML files that are not journeymap files (for pre-commit hooks).",
    "--cache-dir": "Keep the cache here (default: .journeymap_cache beside journeymap.yaml; "
    "env JOURNEYMAP_CACHE_DIR).",
    "--no-cache": "Read every file; neither use nor write the cache.",
    "--output": "Write to this file instead of stdout.",
    "--output-dir": "Output folder. Default: the config's `output`, else site.",
    "--schema-dir": "Folder to write the schemas into.",
    "--templates": "Folder of templates that override the built-in ones by name.",
    "--persona": "Render one persona's view of each journey.",
    "--git-driver": "Called by git as an external diff.",
    "--textconv": "Called by git to show a file as lines.",
    "--pattern": "Glob of journey files (default: the config's globs).",
    "--check": "Change nothing; exit 1 if a file would be reformatted.",
    "--diff": "Change nothing; print the changes as a unified diff.",
    "--template": "Kind of map to start from.",
    "--version": "Show the version and exit.",
    "--bom": "CSV only: start with a UTF-8 byte-order mark, for Excel.",
    "refresh --check": "Change nothing; exit 1 if a number is out of date.",
    "--host": "Address to listen on; anything but loopback is public.",
    "--port": "Port; 0 picks a free one.",
    "--open/--no-open": "Open the site in the web browser.",
    "paths": "Journey or persona files, or folders to search. Default: the journeymap.yaml globs.",
    "render": "html pages or GitHub Markdown.",
    "gaps": "md for a PR comment, html, json, or csv (every ranked gap, for a spreadsheet).",
    "diff": "text, md (a PR comment) or json.",
}
