"""One side of a diff read from files: the models a revision's journey files hold.

A file that is not a journeymap file is left out; one that does not load reports why,
and the ids it still declares count, so a broken file is not read as removed.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from journeymap.core.diagnostics import Diagnostic
from journeymap.diff.compare import Side, side_of
from journeymap.disk.reading import Refusal
from journeymap.loading.loader import Defines, load_source
from journeymap.model import Journey, PersonaLibrary
from journeymap.yaml.parse import parse


def load_side(versions: Sequence[tuple[str, bytes | Refusal | None]]) -> Side:
    """Parse each (label, bytes) and keep the valid journeymap models.

    A file that is not a journeymap file is left out; one that is but does not load
    gives its errors to `broken`, so a bad revision is reported, not fatal. A file that
    was not read (a `Refusal`: a link out of the project, over `max_file_size`) is
    broken the way validate reports it.
    """
    models: list[Journey | PersonaLibrary] = []
    broken: list[Diagnostic] = []
    defined: list[frozenset[str]] = []
    failed: list[bool] = []
    for label, data in versions:
        ids: frozenset[str] = frozenset()
        errors: list[Diagnostic] = []
        if isinstance(data, Refusal):
            errors = [data.diagnostic(label)]
        elif data is not None:
            doc = load_source(parse(label, data))
            if doc.model is not None:
                models.append(doc.model)
                ids = _ids(doc.model)
            else:
                errors = [d for d in doc.diagnostics if d.severity == "error"]
                if errors and errors[0].rule == "missing-version":
                    errors = []  # other YAML beside the journeys
                ids = _declared(doc.defines, data)
        broken.extend(errors)
        defined.append(ids)
        failed.append(bool(errors))
    side = side_of(models, broken)
    side.defined, side.failed = defined, failed
    return side


def _ids(model: Journey | PersonaLibrary) -> frozenset[str]:
    if isinstance(model, Journey):
        return frozenset([f"journey:{model.id}"])
    return frozenset(f"persona:{p.id}" for p in model.personas)


_TOP_LEVEL_ID = re.compile(rb"^id:[ \t]*['\"]?([A-Za-z0-9][\w-]*)", re.MULTILINE)


def _declared(defines: Defines | None, data: bytes) -> frozenset[str]:
    """What a file that does not load still says it defines: the loader's reading of its
    data, or, when not even the YAML parses (a tab), a top-level `id:` line."""
    if defines is not None:
        found = {f"persona:{p}" for p in defines.persona_ids}
        if defines.journey_id is not None:
            found.add(f"journey:{defines.journey_id}")
        return frozenset(found)
    return frozenset(f"journey:{m.decode('ascii')}" for m in _TOP_LEVEL_ID.findall(data))
