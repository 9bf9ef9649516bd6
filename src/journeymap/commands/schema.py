"""Write the JSON Schemas of both file kinds (journey, personas), generated from the models.

Editors use them for hover help, completion and checks while typing (docs/editors.md);
check-jsonschema can use them in CI.

Example:

  journeymap schema -o schemas
"""

from __future__ import annotations

from pathlib import Path

from journeymap.commands._output import EXIT_OK, Console
from journeymap.config import UsageError
from journeymap.schema import SCHEMA_FILES, schema_text
from journeymap.writing import WriteError, write_atomic


def schema(ui: Console, output: Path) -> int:
    """Write one schema file per kind into `output` (created if missing)."""
    try:
        output.mkdir(parents=True, exist_ok=True)
        for kind, name in SCHEMA_FILES.items():
            write_atomic(output / name, schema_text(kind))
            ui.message(f"wrote {output / name}")
    except (OSError, WriteError) as exc:
        raise UsageError(f"cannot write schemas to {output}: {exc}") from None
    return EXIT_OK
