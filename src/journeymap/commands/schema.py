"""Write the JSON Schemas of the file kinds (journey, personas, config) and of the JSON
outputs (output/validate.schema.json, ...), generated from the models.

Editors use the file kinds' schemas for hover help, completion and checks while typing
(docs/editors.md); check-jsonschema can use them in CI. The output schemas describe what
`--format json` prints (docs/output.md).

Example:

  journeymap schema -o schemas
"""

from __future__ import annotations

from pathlib import Path

from journeymap.commands._output import EXIT_OK, Console
from journeymap.core.errors import UsageError
from journeymap.disk.writing import WriteError, write_atomic
from journeymap.formats.output_schema import OUTPUT_DIR, OUTPUT_SCHEMA_FILES, output_schema_text
from journeymap.formats.schema import SCHEMA_FILES, schema_text


def schema(ui: Console, output: Path) -> int:
    """Write one schema file per kind into `output` (created if missing), and one per
    command's JSON output into `output/output`."""
    try:
        output.mkdir(parents=True, exist_ok=True)
        for kind, name in SCHEMA_FILES.items():
            write_atomic(output / name, schema_text(kind))
            ui.message(f"wrote {output / name}")
        (output / OUTPUT_DIR).mkdir(exist_ok=True)
        for command, name in OUTPUT_SCHEMA_FILES.items():
            write_atomic(output / OUTPUT_DIR / name, output_schema_text(command))
            ui.message(f"wrote {output / OUTPUT_DIR / name}")
    except (OSError, WriteError) as exc:
        raise UsageError(f"cannot write schemas to {output}: {exc}") from None
    return EXIT_OK
