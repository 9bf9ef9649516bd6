"""CSV exports as survey tools, helpdesks and CRMs write them, read with the csv module.

What real exports do, and what this reader accepts: UTF-8 with or without a byte-order
mark (Excel's "CSV UTF-8" writes one), comma, semicolon or tab delimiters (a European
Excel writes semicolons), CRLF or LF line ends, and quoted fields that hold delimiters,
quotes or whole paragraphs across lines (helpdesk comments). The delimiter is the one
that occurs most often outside quotes on the header line, so a file is read the same way
every time; csv.Sniffer guesses from a sample and is wrong on one-column files and on
prose in quoted fields.

Every row keeps the line it starts on, so a bad cell is reported where an editor or a
spreadsheet shows it.
"""

from __future__ import annotations

import csv
import difflib
import io
from dataclasses import dataclass

from journeymap.core.diagnostics import Diagnostic, RuleName
from journeymap.core.textsafe import visible
from journeymap.core.wording import count_of

DELIMITERS = (",", ";", "\t")
HINT_CHARS = 200  # a hint echoes at most this much of a header
HINT_NAME_CHARS = 40  # and at most this much of each column's name


class DataError(Exception):
    """Problems with the data a refresh reads; each is a positioned diagnostic."""

    def __init__(self, diagnostics: list[Diagnostic]) -> None:
        super().__init__("; ".join(d.message for d in diagnostics))
        self.diagnostics = diagnostics


@dataclass(frozen=True, slots=True)
class Row:
    line: int  # the physical line the record starts on (1 is the header)
    cells: tuple[str, ...]
    text: str  # the record's first physical line, for the column of a cell


@dataclass(frozen=True)
class Table:
    """A CSV file's header and rows, with what is needed to point at any cell."""

    path: str
    header: tuple[str, ...]
    rows: tuple[Row, ...]
    delimiter: str

    def index(self, name: str, named_by: str) -> int:
        """The position of a column; a missing or ambiguous name is an error at the header.

        `named_by` says where the name was written (`journeymap.yaml:7`), for the hint.
        """
        found = [i for i, h in enumerate(self.header) if h == name]
        if len(found) == 1:
            return found[0]
        if found:
            raise DataError(
                [
                    Diagnostic(
                        self.path,
                        1,
                        self.column(self.header_row, found[1]),
                        "error",
                        "data-source",
                        f"the header has {len(found)} columns named {name!r}",
                        f"rename one of them in the export; {named_by} uses {name!r}",
                    )
                ]
            )
        close = difflib.get_close_matches(name, [h for h in self.header if h], n=1)
        listed = header_excerpt(self.header)
        hint = f"did you mean {close[0]!r}? " if close else ""
        raise DataError(
            [
                Diagnostic(
                    self.path,
                    1,
                    1,
                    "error",
                    "data-source",
                    f"no column {name!r} in {self.path}",
                    f"{hint}{named_by} names it; the columns are: {listed}",
                )
            ]
        )

    @property
    def header_row(self) -> Row:
        return Row(1, self.header, "")

    def cell(self, row: Row, index: int) -> str:
        """A cell without surrounding spaces; a short row's missing cells are blank."""
        return row.cells[index].strip() if index < len(row.cells) else ""

    def column(self, row: Row, index: int) -> int:
        """The 1-based character column where field `index` starts on the row's first line."""
        return field_column(row.text, self.delimiter, index)

    def error(self, row: Row, index: int, rule: RuleName, message: str, hint: str) -> DataError:
        return DataError(
            [Diagnostic(self.path, row.line, self.column(row, index), "error", rule, message, hint)]
        )


def excerpt(cell: str) -> str:
    """A cell or column name quoted for a message: at most a few words, escaped."""
    short = cell if len(cell) <= HINT_NAME_CHARS else cell[:HINT_NAME_CHARS] + "…"
    return visible(repr(short))


def header_excerpt(header: tuple[str, ...]) -> str:
    """The first columns of a header for a hint: few, short, and escaped (`visible`).

    A hint echoes the file; a header can be a whole file on one line (a file that is not
    CSV at all), or hold escape sequences. Never more than a short, printable excerpt.
    """
    names: list[str] = []
    for name in header:
        shown = excerpt(name)
        if names and sum(len(n) + 2 for n in names) + len(shown) > HINT_CHARS:
            break
        names.append(shown)
    listed = ", ".join(names)
    if len(names) < len(header):
        listed += f", … ({len(header)} columns)"
    return listed


def decode(path: str, raw: bytes) -> str:
    """UTF-8 text without its byte-order mark; other encodings are refused with a hint."""
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise DataError(
            [
                Diagnostic(
                    path,
                    1,
                    1,
                    "error",
                    "encoding",
                    "file is UTF-16 encoded (Excel's 'Unicode text'); journeymap reads UTF-8",
                    "export it again as 'CSV UTF-8 (comma delimited)'",
                )
            ]
        )
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        offset = 3 if raw.startswith(b"\xef\xbb\xbf") else 0
        before = raw[offset : exc.start]
        line = before.count(b"\n") + 1
        column = len(before[before.rfind(b"\n") + 1 :].decode("utf-8", "replace")) + 1
        raise DataError(
            [
                Diagnostic(
                    path,
                    line,
                    column,
                    "error",
                    "encoding",
                    f"invalid UTF-8 byte 0x{raw[exc.start]:02x}: the file is not UTF-8",
                    "export it again as 'CSV UTF-8' (Excel's plain 'CSV' uses the "
                    "Windows code page)",
                )
            ]
        ) from None


def detect_delimiter(header_line: str) -> str:
    """The delimiter seen most often outside quotes on the header line; comma on a tie."""
    counts = dict.fromkeys(DELIMITERS, 0)
    quoted = False
    for char in header_line:
        if char == '"':
            quoted = not quoted
        elif not quoted and char in counts:
            counts[char] += 1
    best = max(DELIMITERS, key=lambda d: (counts[d], d == ","))
    return best if counts[best] else ","


def field_column(line: str, delimiter: str, index: int) -> int:
    """Where field `index` starts in a line (1-based); 1 when it starts on a later line."""
    if index == 0:
        return 1
    quoted = False
    seen = 0
    for position, char in enumerate(line):
        if char == '"':
            quoted = not quoted
        elif char == delimiter and not quoted:
            seen += 1
            if seen == index:
                return position + 2
    return 1


def parse_table(path: str, raw: bytes) -> Table:
    """The header and rows of a CSV export; blank lines are skipped."""
    text = decode(path, raw)
    lines = io.StringIO(text, newline="").readlines()
    delimiter = detect_delimiter(next((x for x in lines if x.strip()), ""))
    reader = csv.reader(lines, delimiter=delimiter, quotechar='"', strict=True)
    rows: list[Row] = []
    header: tuple[str, ...] | None = None
    start = 1
    try:
        for record in reader:
            row = Row(start, tuple(record), lines[start - 1] if start <= len(lines) else "")
            start = reader.line_num + 1
            if not any(cell.strip() for cell in record):
                continue
            if header is None:
                header = tuple(cell.strip() for cell in record)
                continue
            if len(record) > len(header) and any(c.strip() for c in record[len(header) :]):
                raise DataError(
                    [
                        Diagnostic(
                            path,
                            row.line,
                            field_column(row.text, delimiter, len(header)),
                            "error",
                            "data-source",
                            f"this row has {count_of(len(record), 'cell')}, the header has {len(header)}",
                            f"a cell holding {delimiter!r} must be in double quotes",
                        )
                    ]
                )
            rows.append(row)
    except csv.Error as exc:
        raise DataError(
            [
                Diagnostic(
                    path,
                    reader.line_num or 1,
                    1,
                    "error",
                    "data-source",
                    f"cannot read this CSV line: {exc}",
                    'a quote inside a quoted cell is written twice: "say ""hi"""',
                )
            ]
        ) from None
    if header is None:
        raise DataError(
            [
                Diagnostic(
                    path,
                    1,
                    1,
                    "error",
                    "data-source",
                    "file has no header line: every line is blank",
                    "export the data again with its header row",
                )
            ]
        )
    return Table(path, header, tuple(rows), delimiter)
