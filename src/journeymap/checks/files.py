"""Rules about a file's bytes and YAML, found while it is read (and `fmt`'s own rule).

Their checks are the reader itself (`journeymap.loading.loader`, `journeymap.yaml`,
`journeymap.formatting.fmt`): a file that breaks them has no data to check further. They are
always errors and cannot be turned off.
"""

from __future__ import annotations

from journeymap.checks.example import JOURNEY, TOP, TOUCHPOINT_END, add, edit, files
from journeymap.checks.registry import RuleGroup

FILES_AND_YAML = RuleGroup("files and YAML", "error")
FORMATTING = RuleGroup("formatting", "error")

UNREADABLE = FILES_AND_YAML.rule(
    "unreadable",
    """A file can be read.

    journeymap could not open the file: it is a folder, a link to a file that was moved or
    deleted, or a file you have no permission to read. Nothing in it can be checked. Fix the
    path or the permissions; this is not something to silence.""",
    bad="# journeys/onboarding.yaml is a link to a file that was moved away\n"
    "# (or a file without read permission): it cannot be opened, so there is no text.\n",
    good="# journeys/onboarding.yaml is a readable file:\n" + JOURNEY,
)
FILE_TOO_LARGE = FILES_AND_YAML.rule(
    "file-too-large",
    """A file is below the size limit.

    Files over `max_file_size` (20 MB unless journeymap.yaml says otherwise) are refused before
    they are read. A journey map that large is almost always generated or damaged, and reading
    it would slow every run. Split the portfolio into smaller files, or raise `max_file_size`
    in journeymap.yaml.""",
    bad=files(
        ("journeymap.yaml", "max_file_size: 200  # bytes\n"),
        ("journeys/onboarding.yaml", JOURNEY),
    ),
    good=files(
        ("journeymap.yaml", "max_file_size: 20000  # bytes\n"),
        ("journeys/onboarding.yaml", JOURNEY),
    ),
)
ENCODING = FILES_AND_YAML.rule(
    "encoding",
    """The file is UTF-8.

    Journey files are UTF-8 text, so that names like Zoë or Müller read the same on every
    machine. A file saved in another encoding (Latin-1, Windows-1252, UTF-16) is refused where
    its first unreadable byte is. Re-save it as UTF-8 in your editor.""",
    bad=files(
        (
            "journeys/onboarding.yaml (saved as Latin-1: the é is the single byte 0xE9)",
            edit(("title: Customer onboarding", "title: Café onboarding")),
        ),
    ),
    good=files(
        (
            "journeys/onboarding.yaml (saved as UTF-8)",
            edit(("title: Customer onboarding", "title: Café onboarding")),
        ),
    ),
)
YAML_SYNTAX = FILES_AND_YAML.rule(
    "yaml-syntax",
    """The file is well-formed YAML.

    The file is not valid YAML, so journeymap cannot tell what it says. The usual causes are a
    tab in the indentation, a colon and a space inside an unquoted value, a missing space after
    `:` or `-`, an unclosed quote or bracket, and a line indented to the wrong column; the help
    line says which, and how to fix it.""",
    bad=edit(("title: Customer onboarding", "title: Onboarding: from contract to kickoff")),
    good=edit(("title: Customer onboarding", 'title: "Onboarding: from contract to kickoff"')),
)
DUPLICATE_KEY = FILES_AND_YAML.rule(
    "duplicate-key",
    """A key appears once per mapping.

    The same key is set twice in one mapping. YAML parsers disagree on which value wins (most
    silently keep the last), so one of the two is being lost. Keep the one you mean and delete
    the other.""",
    bad=add("        owner: Delivery lead\n", "        owner: Customer success\n"),
    good=JOURNEY,
)
UNSUPPORTED_TAG = FILES_AND_YAML.rule(
    "unsupported-tag",
    """Only plain YAML values; no tags.

    A YAML tag such as `!vault` or `!!python/object` asks the reader to build a special object.
    Journey files hold plain text, numbers, dates, lists and mappings, and journeymap never
    builds anything else: that keeps reading a file safe. Remove the tag and write the plain
    value.""",
    bad=edit(("owner: Delivery lead", "owner: !vault delivery_lead")),
    good=JOURNEY,
)
ALIAS_BOMB = FILES_AND_YAML.rule(
    "alias-bomb",
    """Aliases do not expand past a safe budget.

    YAML aliases (`*name`) repeat a value anchored elsewhere (`&name`). Nested, a few lines can
    expand to billions of values (the 'billion laughs' attack), so journeymap stops once
    aliases add about 2 MB of data to the file (every later step, pages and exports, grows with
    the expanded data). Share less, or write the repeated parts out.""",
    bad=add(
        TOP,
        "x-a: &a [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]\n"
        "x-b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]\n"
        "x-c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]\n"
        "x-d: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]\n"
        "x-e: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d, *d]\n"
        "x-f: &f [*e, *e, *e, *e, *e, *e, *e, *e, *e, *e]\n",
    ),
    good=add(TOP, "x-a: &a [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]\nx-b: [*a, *a]\n"),
)
ALIAS_CYCLE = FILES_AND_YAML.rule(
    "alias-cycle",
    """An alias does not refer to its own container.

    An alias is used inside the very value it names, so the data would repeat itself forever.
    journeymap refuses it where the alias is. Point the alias at a value that is complete
    before it is used.""",
    bad=add(TOP, "x-team: &team [Dana, Sam, *team]\n"),
    good=add(TOP, "x-team: &team [Dana, Sam]\nx-owners: *team\n"),
)
TOO_DEEP = FILES_AND_YAML.rule(
    "too-deep",
    """Nesting stays within a sane depth.

    The data nests more than 100 levels deep. A journey map needs about ten, so this is
    generated or damaged YAML, and reading it further could exhaust memory. Find the runaway
    brackets or indentation and flatten the data.""",
    bad=add(TOP, "x-notes: " + "[" * 101 + "]" * 101 + "\n"),
    good=add(TOP, "x-notes: [[kickoff, plan]]\n"),
)
INVALID_KEY = FILES_AND_YAML.rule(
    "invalid-key",
    """Mapping keys are plain values.

    A mapping key is a list or a mapping (YAML allows it, with `[...]` or `?`). Keys in journey
    files are plain words, so this is almost always a typo. Write the key as one word or
    number.""",
    bad=add(TOP, "x-budget: {[2026, Q1]: 40000}\n"),
    good=add(TOP, "x-budget: {2026-Q1: 40000}\n"),
)

UNFORMATTABLE = FORMATTING.rule(
    "unformattable",
    """`fmt` can lay the file out without changing its meaning or moving a comment.

    `journeymap fmt` checks, before writing, that the file means exactly the same after
    formatting; when it cannot show that, it leaves the file alone and reports this. An
    example is `.nan` as a key of your own `x-` data: not-a-number equals nothing, not even
    itself, so the key cannot be found again to compare. Quote such a key to keep it as
    text; if the file looks ordinary, please report it to the journeymap maintainers.
    Reported by `fmt` only.""",
    bad=add(TOUCHPOINT_END, "        x-scores: {.nan: 1}\n"),
    good=add(TOUCHPOINT_END, '        x-scores: {".nan": 1}\n'),
)
# Two rules about what happens while `fmt` writes, not about what a file holds: their
# examples describe the event, and tests/formatting/test_fmt_safety.py makes each happen.
CHANGED_WHILE_FORMATTING = FORMATTING.rule(
    "changed-while-formatting",
    """Nobody saved the file while `fmt` was formatting it.

    `journeymap fmt` reads a file, lays it out and, just before replacing it, checks that the
    file on disk is still what it read. When someone (an editor's save, another tool) changed
    it in between, fmt keeps their edit and reports this instead of overwriting it. Run fmt
    again.""",
    bad="# An editor saves journeys/acme.yaml while `journeymap fmt` is formatting it.\n",
    good="# `journeymap fmt` runs while nobody else writes the file.\n",
)
WRITE_FAILED = FORMATTING.rule(
    "write-failed",
    """`fmt` can write the file it formatted (and `refresh` the file it refreshed).

    `journeymap fmt` (or `refresh`) could not replace the file: the folder is read-only, the
    disk is full, or the file is a link to a place outside the project. The file is left
    exactly as it was. Fix the permission or the link and run the command again.""",
    bad="# journeys/acme.yaml is a link to /etc/acme.yaml, outside the project.\n",
    good="# journeys/acme.yaml is a file (or a link to a file) inside the project.\n",
)
