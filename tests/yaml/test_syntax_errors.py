"""Every syntax error the YAML parser can raise, said in the writer's words with a fix.

One input per distinct problem libyaml raises (the C parser journeymap reads with) and
per problem ruamel's pure-Python parser raises (the one it falls back to without the
wheel), each run through `journeymap validate` as a user runs it. libyaml's own list of
problems is read from the compiled parser, so a new one in a later version fails
`test_every_libyaml_problem_has_an_input` until it has an input and words here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import _ruamel_yaml  # type: ignore[import-not-found]
import pytest
from ruamel.yaml import YAML
from ruamel.yaml.error import MarkedYAMLError
from ruamel.yaml.reader import ReaderError

import journeymap.yaml.events
from findings import JOURNEY, validate
from journeymap.yaml.source import Pos
from journeymap.yaml.syntax import GENERIC_HINT, explain

H = "journeymap: 1\nid: onboarding\ntitle: Customer onboarding\n"  # lines 1-3


@dataclass(frozen=True)
class Case:
    name: str
    text: str
    libyaml: str | None  # the problem libyaml raises; None: it reads the file
    pure: str | None  # how the pure-Python parser's problem starts; None: it reads the file
    at: Pos  # where the diagnostic points
    pure_at: Pos | None = None  # where it points with the pure parser, if elsewhere


CANNOT_START = "found character that cannot start any token"
MAPPING_VALUES = "mapping values are not allowed in this context"
SIMPLE_KEY = "could not find expected ':'"
DIRECTIVE_LINE_BREAK = "did not find expected comment or line break"

CASES = [
    Case("reserved-percent", H + "metrics:\n  - name: Activation\n    unit: %\n",
         CANNOT_START, "found character '%' that cannot start any token", (6, 11)),
    Case("reserved-at", H + "owner: @dana\n",
         CANNOT_START, "found character '@'", (4, 8)),
    Case("reserved-backtick", H + "description: `fmt` runs first\n",
         CANNOT_START, "found character '`'", (4, 14)),
    Case("reserved-pipe-in-brackets", H + "tags: [b2b, |x|]\n",
         CANNOT_START, "found character '|'", (4, 13)),
    Case("tab-in-indentation", H + "stages:\n\t- id: kickoff\n",
         CANNOT_START, "found character '\\t'", (5, 1)),
    Case("tab-in-list", H + "tags:\n  - b2b\n\t- saas\n",
         "found a tab character that violates indentation", "found character '\\t'", (6, 1)),
    Case("tab-in-text-block", H + "description: |\n  Signed off\n\t by legal\n",
         "found a tab character where an indentation space is expected",
         "found character '\\t'", (6, 1)),
    Case("colon-in-value", H + "owner: Sales: EMEA\n",
         MAPPING_VALUES, "mapping values are not allowed here", (4, 13)),
    Case("comma-between-keys", H + "owner: Dana, stage: kickoff\n",
         MAPPING_VALUES, "mapping values are not allowed here", (4, 19)),
    Case("colon-after-list", H + "tags: [b2b, saas]: x\n",
         MAPPING_VALUES, "mapping values are not allowed here", (4, 18)),
    Case("key-too-long", H + "x" * 1030 + ": 1\n", SIMPLE_KEY, SIMPLE_KEY, (4, 1)),
    Case("word-without-colon", H + "owner\nstages: []\n", SIMPLE_KEY, SIMPLE_KEY, (4, 1)),
    Case("dash-after-key", H + "tags: - b2b\n",
         "block sequence entries are not allowed in this context",
         "sequence entries are not allowed here", (4, 7)),
    Case("question-mark-after-key", H + "description: ? unclear\n",
         "mapping keys are not allowed in this context",
         "mapping keys are not allowed here", (4, 14)),
    Case("unclosed-quote", H + 'description: "Signed off\n',
         "found unexpected end of stream", "found unexpected end of stream", (4, 14)),
    Case("document-marker-in-quote", H + 'description: "Signed off\n---\n',
         "found unexpected document indicator", "found unexpected document separator", (4, 14)),
    Case("unknown-escape", H + 'path: "C:\\docs"\n',
         "found unknown escape character", "found unknown escape character 'd'", (4, 10)),
    Case("escape-not-hex", H + 'path: "C:\\users"\n',
         "did not find expected hexdecimal number",
         "expected escape sequence of 4 hexdecimal numbers", (4, 10)),
    Case("escape-no-character", H + 'description: "\\ud800"\n',
         "found invalid Unicode character escape code", None, (4, 15)),
    Case("escape-past-unicode", H + 'description: "\\UFFFFFFFF"\n',
         "found invalid Unicode character escape code",
         "Python int too large to convert to C int", (4, 15)),  # an OverflowError
    Case("unclosed-list", H + "tags: [b2b, saas\n",
         "did not find expected ',' or ']'", "expected ',' or ']', but got '<stream end>'",
         (4, 7)),
    Case("unclosed-mapping", H + "reviewed: {by: Dana, date: 2026-10-01\n",
         "did not find expected ',' or '}'", "expected ',' or '}', but got '<stream end>'",
         (4, 11)),
    Case("missing-comma", H + "reviewed: {by: Dana date: 2026-10-01}\n",
         "did not find expected ',' or '}'", "expected ',' or '}', but got ':'", (4, 21)),
    Case("wrong-closing-bracket", H + "tags: [b2b, saas}\n",
         "did not find expected ',' or ']'", "expected ',' or ']', but got '}'", (4, 17)),
    Case("text-after-quote", H + 'description: "Signed off" by legal\n',
         "did not find expected key", "expected <block end>, but found '<scalar>'", (4, 27)),
    Case("indented-too-little", H + "reviewed:\n  by: Dana\n date: 2026-10-01\n",
         "did not find expected key", "expected <block end>, but found '<block mapping",
         (6, 2)),
    Case("block-blank-lines-deeper", H + "description: |\n  \n    \n  Signed off\n",
         "did not find expected key", "", (6, 1)),  # pure: no problem, only a context
    Case("not-a-list-item", H + "tags:\n  - b2b\n  owner: Dana\n",
         "did not find expected '-' indicator", "expected <block end>, but found '?'", (6, 3)),
    Case("empty-item", H + "tags: [b2b,, saas]\n",
         "did not find expected node content", "expected the node content, but found ','",
         (4, 12)),
    Case("stray-bracket-item", H + "tags:\n  - ]\n",
         "did not find expected node content", "expected the node content, but found ']'",
         (5, 5)),
    Case("undefined-tag-handle", H + "owner: !team!sales\n",
         "found undefined tag handle", "found undefined tag handle '!team!'", (4, 8)),
    Case("tag-unclosed-angle", H + "owner: !<tag:x Dana\n",
         "did not find the expected '>'", "expected '>' but found ' '", (4, 8)),
    Case("tag-glued", H + "owner: !<x>Dana\n",
         "did not find expected whitespace or line break", "expected ' ', but found 'D'",
         (4, 8)),
    Case("tag-empty", H + "owner: !!\n", "did not find expected tag URI", None, (4, 8)),
    Case("tag-bad-escape", H + "owner: !<%zz> Dana\n",
         "did not find URI escaped octet", "expected URI escape sequence of 2 hexdecimal",
         (4, 8)),
    Case("tag-bad-leading-octet", H + "owner: !<%ff> Dana\n",
         "found an incorrect leading UTF-8 octet", "'utf-8' codec can't decode byte 0xff",
         (4, 8)),
    Case("tag-bad-trailing-octet", H + "owner: !<%c3%28> Dana\n",
         "found an incorrect trailing UTF-8 octet", "'utf-8' codec can't decode byte 0xc3",
         (4, 8)),
    Case("anchor-without-name", H + "description: & more\n",
         "did not find expected alphabetic or numeric character",
         "expected alphabetic or numeric character, but found ' '", (4, 14)),
    Case("alias-without-name", H + "description: * important\n",
         "did not find expected alphabetic or numeric character",
         "expected alphabetic or numeric character, but found ' '", (4, 14)),
    Case("block-indent-zero", H + "description: |0\n  Signed off\n",
         "found an indentation indicator equal to 0",
         "expected indentation indicator in the range 1-9, but found 0", (4, 14)),
    Case("text-after-block-sign", H + "rating: > 3\n",
         DIRECTIVE_LINE_BREAK, "expected a comment or a line break, but found '3'", (4, 9)),
    Case("block-sign-bad-indicator", H + "description: |x\n  Signed off\n",
         DIRECTIVE_LINE_BREAK, "expected chomping or indentation indicators", (4, 14)),
    Case("unknown-directive", "%FOO bar\n---\n" + H,
         "found unknown directive name", None, (1, 1)),
    Case("percent-line-mid-file", H + "%done\n",
         "found unknown directive name", "expected '<document start>', but found", (4, 1)),
    Case("directive-without-name", "%\n---\n" + H,
         "could not find expected directive name",
         "expected alphabetic or numeric character, but found '\\n'", (1, 1)),
    Case("directive-bad-name", "%YA,ML 1.2\n---\n" + H,
         "found unexpected non-alphabetical character",
         "expected alphabetic or numeric character, but found ','", (1, 1)),
    Case("directive-trailing-text", "%YAML 1.2 x\n---\n" + H,
         DIRECTIVE_LINE_BREAK, "expected a comment or a line break, but found 'x'", (1, 1)),
    Case("yaml-directive-no-version", "%YAML\n---\n" + H,
         "did not find expected version number", "expected a digit, but found '\\n'", (1, 1)),
    Case("yaml-directive-bad-digit", "%YAML 1x\n---\n" + H,
         "did not find expected digit or '.' character",
         "expected a digit or '.', but found 'x'", (1, 1)),
    Case("yaml-directive-long-version", "%YAML 1.1234567890\n---\n" + H,
         "found extremely long version number",
         "version minor part can only be 2 or 1", (1, 1)),  # an AssertionError
    Case("yaml-directive-twice", "%YAML 1.2\n%YAML 1.2\n---\n" + H,
         "found duplicate %YAML directive", "found duplicate YAML directive", (2, 1)),
    Case("yaml-version-unknown", "%YAML 2.0\n---\n" + H,
         "found incompatible YAML document",
         "found incompatible YAML document (version 1.* is required)", (1, 1)),
    Case("tag-directive-no-bang", "%TAG !x a:\n---\n" + H,
         "did not find expected '!'", "expected '!' but found ' '", (1, 1)),
    Case("tag-directive-empty", "%TAG \n---\n" + H,
         "did not find expected '!'", "expected '!', but found '\\n'", (1, 1)),
    Case("tag-directive-glued", "%TAG !x!a:\n---\n" + H,
         "did not find expected whitespace", "expected ' ', but found 'a'", (1, 1)),
    Case("tag-directive-no-prefix", "%TAG !x! \n---\n" + H,
         "did not find expected tag URI", "expected URI, but found '\\n'", (1, 1)),
    Case("tag-directive-bad-prefix", "%TAG !x! a:{b}\n---\n" + H,
         "did not find expected whitespace or line break", "expected ' ', but found '{'",
         (1, 1)),
    Case("tag-directive-twice", "%TAG !x! a:\n%TAG !x! b:\n---\n" + H,
         "found duplicate %TAG directive", "duplicate tag handle '!x!'", (2, 1)),
    Case("directive-without-document-start", "%YAML 1.2\n" + H,
         "did not find expected <document start>", "expected '<document start>', but found",
         (1, 1)),
    Case("text-after-document-end", H + "... done\n",
         "did not find expected <document start>",
         "found non-comment content after document end marker", (4, 1)),
    Case("colon-inside-brackets", H + "tags: [b2b:saas]\n", "found unexpected ':'", None, (4, 11)),
    # only the pure-Python parser refuses these
    Case("tab-after-colon", H + "owner:\tDana\n", None, "found character '\\t'", (4, 7)),
    Case("tab-after-directive-name", "%YAML\t1.2\n---\n" + H, None,
         "expected alphabetic or numeric character, but found '\\t'", (1, 1)),
    # the reader's one problem for text: journeymap reports it itself (yaml/parse.py)
    Case("control-character", H + "owner: Dana\x07\n",
         "control characters are not allowed", "special characters are not allowed", (4, 12)),
]  # fmt: skip

# In libyaml but never raised for a journey file, and why.
UNREACHABLE = {
    "did not find expected <stream-start>": "the parser starts every stream itself",
    **dict.fromkeys(
        (
            "expected STREAM-START",
            "expected DOCUMENT-START or STREAM-END",
            "expected DOCUMENT-END",
            "expected SCALAR, SEQUENCE-START, MAPPING-START, or ALIAS",
            "expected nothing after STREAM-END",
        ),
        "libyaml's emitter, which writes YAML and never reads it",
    ),
    **dict.fromkeys(
        (
            "expected a single document in the stream",
            "found duplicate anchor; first occurrence",
            "found undefined alias",
        ),
        "the C composer, which journeymap does not use: yaml/events.py builds the data "
        "from events and reports a second document and an undefined alias itself",
    ),
    **dict.fromkeys(
        (
            "incomplete UTF-16 character",
            "incomplete UTF-16 surrogate pair",
            "unexpected low surrogate area",
            "incomplete UTF-8 octet sequence",
            "invalid leading UTF-8 octet",
            "invalid trailing UTF-8 octet",
            "invalid length of a UTF-8 sequence",
            "invalid Unicode character",
            "input error",
            "input is too long",
        ),
        "the reader's decoding of bytes: journeymap decodes the file itself (yaml/decode.py, "
        "the `encoding` rule, `max_file_size`) and hands libyaml text, always valid UTF-8",
    ),
    "invalid vtable found for imported type": "Cython's runtime, not a YAML problem",
}

_LIBYAML_PROBLEM = re.compile(
    rb"(?:found|did not find|could not find|expected|mapping|block sequence|control|invalid|"
    rb"incomplete|input|unexpected) [ -~]*"
)


def libyaml_problems() -> set[str]:
    """The problem strings compiled into libyaml (in ruamel.yaml.clib's extension)."""
    data = Path(_ruamel_yaml.__file__).read_bytes()
    return {
        raw.decode()
        for raw in data.split(b"\0")
        if _LIBYAML_PROBLEM.fullmatch(raw) and not re.search(rb"%(?:\.\d+)?[sdzUS]", raw)
    }


RAW = (
    libyaml_problems()
    | {c.pure for c in CASES if c.pure}
    | {"while scanning", "while parsing", "YAML syntax error"}
)


def problem_of(text: str, pure: bool) -> str | None:
    """What the parser says about `text`, or None when it reads it."""
    try:
        if pure:
            for _ in YAML(typ="safe", pure=True).parse(text):
                pass
        else:
            parser = _ruamel_yaml.CParser(text)
            try:
                while parser.get_event() is not None:
                    pass
            finally:
                parser.dispose()
    except MarkedYAMLError as exc:
        return exc.problem or ""
    except ReaderError as exc:
        return str(exc.reason)
    except (AssertionError, OverflowError) as exc:  # two pure-parser crashes
        return str(exc)
    return None


def test_every_libyaml_problem_has_an_input() -> None:
    covered = {c.libyaml for c in CASES if c.libyaml}
    assert covered <= libyaml_problems()
    assert not covered & set(UNREACHABLE)
    assert libyaml_problems() - covered - set(UNREACHABLE) == set()


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.name)
def test_input_raises_its_problem(case: Case) -> None:
    """Each input is an example of the problem it stands for, in both parsers."""
    assert problem_of(case.text, pure=False) == case.libyaml
    pure = problem_of(case.text, pure=True)
    assert pure is None if case.pure is None else (pure or "").startswith(case.pure)


def _assert_in_plain_words(cli: Any, folder: Path, case: Case, at: Pos) -> None:
    code, found = validate(cli, folder, {JOURNEY: case.text})
    assert code == 1
    assert [(f.rule, f.line, f.column) for f in found] == [("yaml-syntax", *at)], found
    message, hint = found[0].message, found[0].hint
    assert [raw for raw in RAW if raw.lower() in message.lower()] == [], message
    assert hint and hint != GENERIC_HINT, message


@pytest.mark.parametrize("case", [c for c in CASES if c.libyaml], ids=lambda c: c.name)
def test_libyaml_error_in_plain_words(cli: Any, tmp_path: Path, case: Case) -> None:
    _assert_in_plain_words(cli, tmp_path, case, case.at)


@pytest.mark.parametrize("case", [c for c in CASES if c.pure is not None], ids=lambda c: c.name)
def test_pure_parser_error_in_plain_words(
    cli: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, case: Case
) -> None:
    monkeypatch.setattr(journeymap.yaml.events, "CParser", None)
    _assert_in_plain_words(cli, tmp_path, case, case.pure_at or case.at)


def test_percent_unit_is_told_to_quote(cli: Any, tmp_path: Path) -> None:
    """The issue's example, word for word."""
    _, found = validate(cli, tmp_path, {JOURNEY: CASES[0].text})
    assert found[0].message == (
        "a value cannot start with '%' unless it is in quotes: YAML reserves the character"
    )
    assert found[0].hint == 'put the value in quotes: `unit: "%"`'


def test_unforeseen_problem_keeps_the_parser_words_with_a_help_line() -> None:
    exc = MarkedYAMLError("while reading a novelty", None, "found a new kind of problem", None)
    explained = explain("a: 1\n", exc)
    assert explained.message == (
        "YAML syntax error: found a new kind of problem (while reading a novelty)"
    )
    assert explained.hint == GENERIC_HINT
