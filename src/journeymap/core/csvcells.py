"""CSV that a spreadsheet opens safely: RFC 4180 rows, formula-like cells neutralised.

Rows end in CRLF, and the csv module quotes any field holding a character of the line
terminator, so a line break inside a name stays inside its cell. A cell that starts like
a formula (`=`, `+`, `-`, `@`, tab, CR) is prefixed with a quote so it is shown, not run.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from typing import Any

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


CSV_LINE_END = "\r\n"


BOM = "\ufeff"


def safe_cell(value: Any) -> str:
    """A cell a spreadsheet shows as text: `=HYPERLINK(...)` becomes `'=HYPERLINK(...)`.

    Numbers we write ourselves (scores, counts) never start with one of these characters;
    negative numbers from user text are quoted too, which only costs a leading quote.
    """
    text = "" if value is None else str(value)
    if text.startswith(_FORMULA_START):
        return "'" + text
    return text


def csv_table(header: Sequence[str], rows: Iterable[Sequence[object]], *, bom: bool = False) -> str:
    """A header and rows as RFC 4180 text, every cell made safe for a spreadsheet; `bom`
    starts the text with U+FEFF so Excel reads it as UTF-8. Every CSV journeymap writes
    goes through here."""
    stream = io.StringIO()
    if bom:
        stream.write(BOM)
    writer = csv.writer(stream, lineterminator=CSV_LINE_END, quoting=csv.QUOTE_MINIMAL)
    writer.writerow(header)
    writer.writerows([safe_cell(cell) for cell in row] for row in rows)
    return stream.getvalue()
