"""A semantic diff as text (grouped by journey and stage), Markdown, JSON, or canonical lines.

`canonical_lines` is what git's textconv sees: one line per value, addressed by ids, so
that a plain line diff of two versions reads as a semantic one.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import asdict
from typing import Any

from journeymap.core.escapes import markdown_escape as md
from journeymap.core.textsafe import visible, visible_json
from journeymap.diff.compare import Change, Result
from journeymap.model import Journey, PersonaLibrary

SYMBOL = {"added": "+", "removed": "-", "item-added": "+", "item-removed": "-"}
# escaped in Markdown: a bare `- +` or `- -` starts a list inside the list item, and the
# sign is lost (CommonMark, GitHub)
MD_SYMBOL = {action: "\\" + sign for action, sign in SYMBOL.items()}


def _groups(changes: list[Change]) -> Iterator[tuple[str, list[tuple[str | None, list[Change]]]]]:
    """Changes grouped by journey (in order of first appearance), then by stage."""
    journeys: dict[str, dict[str | None, list[Change]]] = {}
    for change in changes:
        journeys.setdefault(change.journey, {}).setdefault(change.stage, []).append(change)
    for journey, stages in journeys.items():
        ordered = sorted(stages.items(), key=lambda kv: (kv[0] is not None,))
        yield journey, ordered


def text_lines(result: Result) -> list[tuple[str, str]]:
    """(style, line) pairs; the CLI colours by style on a terminal.

    Values come from files anyone can change in a pull request: every line passes through
    `visible`, so an escape sequence or a newline in a value is shown, never obeyed.
    """
    return [(style, visible(line)) for style, line in _lines(result)]


def _lines(result: Result) -> list[tuple[str, str]]:
    out: list[tuple[str, str]] = []
    for broken in result.broken_files():
        out.append(("error", f"! {broken.summary()}"))
    for journey, stages in _groups(result.changes):
        out.append(("heading", f"journey {journey}" if not journey.startswith("(") else journey))
        for stage, changes in stages:
            indent = "  "
            if stage is not None:
                out.append(("stage", f"  stage {stage}"))
                indent = "    "
            for change in changes:
                symbol = SYMBOL.get(change.action, "~")
                style = {"+": "added", "-": "removed"}.get(symbol, "changed")
                out.append((style, f"{indent}{symbol} {change.describe(stage)}"))
    return out


def diff_text(result: Result) -> str:
    lines = [line for _, line in text_lines(result)]
    return "\n".join(lines) + ("\n" if lines else "")


def format_markdown(result: Result) -> str:
    if not result.changes and not result.broken:
        return "No changes to the journey maps.\n"
    out = ["## Journey map changes", ""]
    for broken in result.broken_files():
        out.append(f"- :warning: {md(broken.summary())}")
    if result.broken:
        out.append("")
    for journey, stages in _groups(result.changes):
        out.append(f"### {md(journey)}")
        out.append("")
        for stage, changes in stages:
            if stage is not None:
                out.append(f"**Stage {md(stage)}**")
                out.append("")
            for change in changes:
                text = md(change.describe(stage)).replace(" -&gt; ", " → ")
                out.append(f"- {MD_SYMBOL.get(change.action, '~')} {text}")
            out.append("")
    return "\n".join(out).rstrip("\n") + "\n"


# bumped when a key changes meaning or goes away (docs/output.md). 2: a list of ids
# changed in more than one item is one `changed` (both lists), and a metric's history
# changes reading by reading (`item-added`, `history[DATE]`), no longer as whole lists.
JSON_VERSION = 2


def format_json(result: Result) -> str:
    """The changes and the broken files' diagnostics, as one versioned JSON object."""
    payload = {
        "version": JSON_VERSION,
        "changes": [asdict(c) | {"text": c.describe()} for c in result.changes],
        "broken": [asdict(d) for d in result.broken],
    }
    return visible_json(json.dumps(payload, indent=2, ensure_ascii=False)) + "\n"


def canonical_lines(model: Journey | PersonaLibrary) -> list[str]:
    """Every value on its own line, addressed by ids; touchpoints carry their stage."""
    data = model.model_dump(mode="json", exclude_defaults=True, by_alias=True)
    lines: list[str] = []
    if isinstance(model, Journey):
        stages = data.pop("stages", [])
        _walk(data, f"journey {model.id}", lines)
        for stage in stages:
            touchpoints = stage.pop("touchpoints", [])
            _walk(stage, f"stage {stage['id']}", lines)
            for tp in touchpoints:
                lines.append(f"touchpoint {tp['id']}: stage = {stage['id']}")
                _walk(tp, f"touchpoint {tp['id']}", lines)
    else:
        _walk(data, "personas", lines)
    return lines


def _walk(value: Any, at: str, lines: list[str]) -> None:
    if isinstance(value, dict):
        for key, item in value.items():
            _walk(item, f"{at}: {key}" if ": " not in at else f"{at}.{key}", lines)
    elif (
        isinstance(value, list) and value and all(isinstance(v, dict) and "id" in v for v in value)
    ):
        for item in value:
            _walk(item, f"{at}[{item['id']}]", lines)
    elif isinstance(value, list) and value and all(isinstance(v, dict) for v in value):
        for i, item in enumerate(value):
            _walk(item, f"{at}[{i}]", lines)
    else:
        lines.append(f"{visible(at)} = {visible_json(json.dumps(value, ensure_ascii=False))}")
