"""Escapes for text outside HTML: GitHub Markdown and Mermaid's journey grammar.

User text reaches pull-request comments and diagrams; these keep it plain text there
(no links, no emphasis, no @mentions, no statements). HTML escaping is Jinja's.
"""

from __future__ import annotations

import html
import re
from typing import Any

from journeymap.core.textsafe import visible, visible_in_lines

_MD_SPECIAL = re.compile(r"([\\`*_\[\]|#~])")


# What GitHub turns into a notification or a cross-reference: `@user`, `@org/team`,
# `#123`, `owner/repo#123`, `GH-123`. A zero-width space after the `@`, `#` or `GH-`
# (written as the entity `&#8203;`, as Dependabot and Renovate do) keeps the text as it
# reads while the pattern no longer matches, so a PR comment pings nobody.
_ZWSP = "&#8203;"


_MENTION = re.compile(r"@(?=[A-Za-z0-9])")


_ISSUE_REF = re.compile(r"(\\#|(?<![A-Za-z0-9])GH-)(?=[0-9])", re.IGNORECASE)


def markdown_escape(value: Any) -> str:
    """Text safe inside a GitHub Markdown table cell or paragraph.

    HTML-escapes (GitHub renders inline HTML), backslash-escapes Markdown punctuation so
    data cannot open links, emphasis or code, keeps a cell on one line, and neutralises
    `@mentions` and `#123` references so a comment notifies and links nobody. Control
    and bidi characters are shown as escapes (`\\u202e`), as in text output: a value
    cannot reorder what a reviewer reads.
    """
    if value is None:
        return ""
    text = html.escape(str(value), quote=False)
    text = _MD_SPECIAL.sub(r"\\\1", text)
    text = _MENTION.sub("@" + _ZWSP, text)
    text = _ISSUE_REF.sub(lambda m: m.group(1) + _ZWSP, text)
    text = visible_in_lines(text)  # after the backslashes are escaped: `\\u` stays literal
    return text.replace("\r\n", "\n").replace("\r", "\n").replace("\n", "<br>")


# Mermaid's own entity codes: `#35;` is drawn as `#`. Mermaid swaps each `#NUMBER;` for
# a placeholder before it parses the text and writes `&#NUMBER;` into the SVG, so the
# reader sees (and copies) the real character while the grammar never meets it. These
# are the characters the journey grammar reads as syntax: `:` ends a task name, `#` and
# `;` end a title or a name, `%` starts a comment, `{` `}` a directive; `<` `>` are kept
# away from the SVG's markup, a backtick cannot close the Markdown fence around the
# diagram, and a `"` cannot end a quoted label (the quadrant chart's). U+FB02 and U+00B6 are in Mermaid's placeholders, so they
# go in as codes too and a name cannot forge one.
_MERMAID_CODED = '#:;%<>{}`"\ufb02\u00b6'
_MERMAID_REPLACE = str.maketrans(
    {**{c: f"#{ord(c)};" for c in _MERMAID_CODED}, "\n": " ", "\r": " ", "\t": " "}
)


_MERMAID_KEYWORD = re.compile(r"(?i)(section|title|acctitle|accdescr|journey)\b")


def mermaid_code(char: str) -> str:
    """One character as Mermaid's entity code: `#` -> `#35;`."""
    return f"#{ord(char)};"


def mermaid_escape(value: Any) -> str:
    """Text that Mermaid's journey grammar reads as plain text, whatever it holds, and
    that the diagram shows as written (Mermaid's entity codes, never look-alikes)."""
    if value is None:
        return ""
    text = visible(" ".join(str(value).split())).translate(_MERMAID_REPLACE)
    # a diagram's labels reach pull requests too: no @mention or GH-1 reference in them
    text = _MENTION.sub(mermaid_code("@"), text)
    text = re.sub(
        r"(?<![A-Za-z0-9])(GH)-(?=[0-9])", "\\1" + mermaid_code("-"), text, flags=re.IGNORECASE
    )
    if _MERMAID_KEYWORD.match(text):
        # a task named "section x" must not start a section: its first letter as a code
        text = mermaid_code(text[0]) + text[1:]
    return text


def mermaid_actor(value: Any) -> str:
    """An actor name in a task's comma-separated actor list: a comma would split it, so
    it goes in as its code (`#44;`) and is drawn as a comma."""
    return mermaid_escape(value).replace(",", mermaid_code(","))
