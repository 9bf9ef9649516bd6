"""Interchange exports: CSV (one row a touchpoint), JSON of the validated models.

(Mermaid is rendered from its template in render.py, the same block the Markdown map
shows.) CSV cells that a spreadsheet would run as a formula are neutralised.

CSV follows RFC 4180: rows end in CRLF, and the csv module quotes any field holding a
character of the line terminator, so a carriage return or line break inside a name stays
inside its cell (with a bare LF terminator, a lone CR went out unquoted and split the
row). Quotes, commas and other delimiters are quoted the same way.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping, Sequence

from journeymap.core.csvcells import csv_table
from journeymap.core.textsafe import visible_json
from journeymap.model import Journey, Persona, PersonaLibrary

CSV_COLUMNS = [
    "journey",
    "state",
    "stage",
    "stage_name",
    "touchpoint",
    "name",
    "channel",
    "department",
    "owner",
    "personas",
    "importance",
    "performance",
    "emotion",
    "target_emotion",
    "moment_of_truth",
    "funnel_entered",
    "funnel_continued",
    "risks",
    "pain_points",
    "opportunities",
    "committee_change",  # on the handover row (else the first of the stage): who leaves, joins
]
JSON_VERSION = 1  # bumped when a key goes away or changes meaning (docs/output.md)


def _emotion(value: int | dict[str, int] | None) -> str:
    if value is None:
        return ""
    if isinstance(value, int):
        return str(value)
    return "; ".join(f"{k}: {v}" for k, v in value.items())


def csv_text(journeys: Sequence[Journey], *, bom: bool = False) -> str:
    """One row a touchpoint (`CSV_COLUMNS`)."""
    return csv_table(CSV_COLUMNS, _touchpoint_rows(journeys), bom=bom)


def _touchpoint_rows(journeys: Sequence[Journey]) -> Iterator[list[object]]:
    for journey in journeys:
        changes = _committee_rows(journey)
        for _, stage, _, tp in journey.touchpoints():
            yield [
                journey.id,
                journey.state,
                stage.id,
                stage.name,
                tp.id,
                tp.name,
                tp.channel,
                tp.department,
                tp.owner,
                "; ".join(tp.personas),
                tp.importance,
                tp.performance,
                _emotion(tp.emotion),
                _emotion(tp.target_emotion),
                "yes" if tp.moment_of_truth else "",
                tp.funnel.entered if tp.funnel else "",
                tp.funnel.continued if tp.funnel else "",
                "; ".join(tp.risks),
                "; ".join(pp.text for pp in tp.pain_points),
                "; ".join(f"{o.text} [{o.status}]" for o in tp.opportunities),
                "; ".join(changes.get(tp.id, [])),
            ]


def _committee_rows(journey: Journey) -> dict[str, list[str]]:
    """Touchpoint id -> its committee changes as `leaver -> joiner (why)`: a change sits on
    its handover touchpoint, or on the first touchpoint of its stage."""
    out: dict[str, list[str]] = {}
    stages = {s.id: s for s in journey.stages}
    for c in journey.committee_changes:
        stage = stages.get(c.at)
        if stage is None or not stage.touchpoints:
            continue
        here = c.handover if c.handover in {t.id for t in stage.touchpoints} else None
        text = f"{c.leaves or '-'} -> {c.joins or '-'}" + (f" ({c.why})" if c.why else "")
        out.setdefault(here or stage.touchpoints[0].id, []).append(text)
    return out


def json_text(
    models: Sequence[Journey | PersonaLibrary], library: Mapping[str, Persona] | None = None
) -> str:
    """The validated models in the order of the models' fields (stable across runs), as one
    versioned object (schemas/output/export.schema.json).

    `personas`: those of the persona libraries exported, then every other persona of
    `library` (the project's persona libraries) that an exported journey refers to, in
    the libraries' order, so an export of journeys alone still holds who they name.
    """
    journeys = [m for m in models if isinstance(m, Journey)]
    personas = [p for m in models if isinstance(m, PersonaLibrary) for p in m.personas]
    named = {p.id for p in personas}
    # a journey lists every persona its stages and touchpoints name (validate checks it)
    referenced = {e for j in journeys for e in j.personas if isinstance(e, str)}
    personas += [p for pid, p in (library or {}).items() if pid in referenced and pid not in named]
    payload = {
        "version": JSON_VERSION,
        "journeys": [j.model_dump(mode="json", by_alias=True) for j in journeys],
        "personas": [p.model_dump(mode="json", by_alias=True) for p in personas],
    }
    return visible_json(json.dumps(payload, indent=2, ensure_ascii=False)) + "\n"
