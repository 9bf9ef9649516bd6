"""YAML bytes -> a Source: the safety boundary between a user's file and journeymap.

Every failure is a Diagnostic with a 1-based line and column, never an exception.
Building the data directly from events, with the garbage collector paused, is what keeps
`validate` near the cost of the bare parse (see benchmarks/).
"""

from __future__ import annotations

import gc

from ruamel.yaml.error import MarkedYAMLError
from ruamel.yaml.reader import ReaderError

from journeymap.core.diagnostics import Diagnostic
from journeymap.yaml.decode import decode
from journeymap.yaml.events import EventBuilder, NeedPositions, Refused, read_events
from journeymap.yaml.source import Source
from journeymap.yaml.syntax import position_of_index, syntax_diagnostic


def parse(path: str, raw: bytes, *, track: bool = False) -> Source:
    """Decode and read one YAML document; every failure becomes a diagnostic.

    Most files are valid, so positions are not kept on the first read; the first problem
    (or the first `locate()`) reads the text again with positions. Same text, same shape.
    """
    text, problem = decode(path, raw)
    if text is None:
        source = Source(path, "", _reader=parse)
        if problem is not None:
            source.diagnostics.append(problem)
        return source
    source = Source(path, text, tracked=track, _reader=parse)
    builder = EventBuilder(source, track)
    paused = gc.isenabled()
    if paused:
        gc.disable()  # building many small containers is where the collector costs most
    try:
        read_events(text, builder)
    except NeedPositions:
        if paused:
            gc.enable()
            paused = False
        return parse(path, raw, track=True)
    except Refused:
        source.data = None
    except MarkedYAMLError as exc:
        source.diagnostics.append(syntax_diagnostic(path, text, exc))
        source.data = None
    except ReaderError as exc:
        line, column = position_of_index(text, exc.position)
        char = exc.character
        code = ord(char) if isinstance(char, str) else int(char)
        source.diagnostics.append(
            Diagnostic(
                path,
                line,
                column,
                "error",
                "yaml-syntax",
                f"control character U+{code:04X} is not allowed in YAML",
                "remove the character, or write it as an escape in a double-quoted string",
            )
        )
        source.data = None
    finally:
        if paused:
            gc.enable()
    return source
