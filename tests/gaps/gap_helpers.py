"""Small builders for gap tests: a journey from YAML text, checked to be valid."""

from __future__ import annotations

from journeymap.loading.loader import load_source
from journeymap.model import Journey
from journeymap.yaml.parse import parse


def journey(text: str, name: str = "j.yaml") -> Journey:
    doc = load_source(parse(name, text.encode()))
    assert doc.journey is not None, doc.diagnostics
    return doc.journey
