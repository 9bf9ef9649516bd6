"""What `fmt` (and the other writers of a user's files) must never lose.

Comments stay with the keys they describe and are checked before writing; one odd file
never ends a run; an edit saved while fmt runs is kept; links are written through;
`init` and `git-setup` write all or nothing.
"""

from __future__ import annotations

import io
import os
import subprocess
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from ruamel.yaml import YAML

import journeymap.formatting.fast as fmt_fast_module
import journeymap.formatting.fmt as fmt_module
from journeymap.diff.gitsetup import attribute_pattern
from journeymap.disk.writing import ChangedError, WriteError, write_atomic
from journeymap.formatting.comments import place, read_layout
from journeymap.formatting.files import format_file
from journeymap.formatting.fmt import format_text
from journeymap.yaml.parse import parse
from strategies import journeys, shuffled_keys

# --- comments travel with their keys ---------------------------------------------------------

REORDERED = """\
journeymap: 1
id: j
title: T
personas: [{id: a, name: A}]
stages:
  - name: S
    # the id is used in links
    id: s
    touchpoints:
      - name: N  # name comment
        id: t  # id comment
        risks: [late,  # why late
          costly]
        # owner last
        owner: Ops
tags: [a, b]  # all tags
"""

# Written by hand: ids first, each comment beside its key; the flow list with a comment
# inside becomes a block list so the comment keeps its item; the full-line comment that
# was above `id:` stays above it (hence the bare `-` line).
REORDERED_CANONICAL = """\
journeymap: 1
id: j
title: T
tags: [a, b]  # all tags
personas:
  - id: a
    name: A
stages:
  -
    # the id is used in links
    id: s
    name: S
    touchpoints:
      - id: t  # id comment
        name: N  # name comment
        # owner last
        owner: Ops
        risks:
          - late  # why late
          - costly
"""


def test_reordering_keeps_every_comment_with_its_key() -> None:
    result = format_text("r.yaml", REORDERED)
    assert result.problem is None
    assert result.text == REORDERED_CANONICAL
    assert format_text("r.yaml", REORDERED_CANONICAL).changed is False


def test_comment_anchors_are_read_as_a_reader_would() -> None:
    text = (
        "# header line\n"
        "\n"
        "journeymap: 1  # version\n"
        "stages:  # all stages\n"
        "  # first stage\n"
        "  - id: s\n"
        "    tags: [x,  # about x\n"
        "      y]\n"
        "    # before name\n"
        "    name: S\n"
        "    notes: |  # block header\n"
        "      text # not a comment\n"
        "# the end\n"
    )
    found = [(c.kind, c.anchor, c.text) for c in read_layout(text).comments]
    assert found == [
        ("header", (), "# header line"),
        ("eol", ("journeymap",), "# version"),
        ("eol", ("stages",), "# all stages"),
        ("line", ("stages", 0), "# first stage"),
        ("eol", ("stages", 0, "tags", 0), "# about x"),
        ("line", ("stages", 0, "name"), "# before name"),
        ("eol", ("stages", 0, "notes"), "# block header"),
        ("end", (), "# the end"),
    ]


def test_a_lost_comment_is_refused_not_written(
    monkeypatch: pytest.MonkeyPatch, cli: Any, tmp_path: Path
) -> None:
    """The check works on its own: if placing comments went wrong, nothing is written
    (whichever path placed them: the round trip's or the fast path's)."""
    real_place = place

    def drop_one(text: str, comments: list[Any], blanks: list[Any]) -> str:
        return real_place(text, [c for c in comments if c.text != "# id comment"], blanks)

    monkeypatch.setattr("journeymap.formatting.fmt.place", drop_one)
    monkeypatch.setattr(fmt_fast_module, "place", drop_one)
    path = tmp_path / "r.yaml"
    path.write_text(REORDERED, encoding="utf-8")
    result = cli("fmt", str(path))
    assert result.exit_code == 1
    assert (
        f"{path}:11:16: error[unformattable] cannot format this file without moving the "
        "comment '# id comment' away from what it describes" in result.stderr
    )
    assert path.read_text(encoding="utf-8") == REORDERED


def test_comment_between_key_and_multiline_value_then_blank_lines() -> None:
    """ruamel raised NotImplementedError ('overlap in comment') on this and ended the run."""
    text = (
        "journeymap: 1\nid: j\npersonas: [{id: a, name: A}]\nstages: []\n"
        "title: # what we call it\n  >\n  multi\n  line\n\n\nx-a: 1\n"
    )
    result = format_text("t.yaml", text)
    assert result.problem is None
    assert result.text is not None
    assert "title: > # what we call it\n  multi\n  line\n" in result.text
    assert parse("t", result.text.encode()).data == parse("t", text.encode()).data


CLOSING = """\
journeymap: 1
id: j
title: T
stages:
  - id: s
    name: S

# Owner: the CX team. Next review after the Q3 survey.

# (a second closing paragraph)
"""


def test_a_blank_line_before_closing_comments_is_kept() -> None:
    """A closing comment set apart by a blank line is a note on the whole file; without
    the blank line it would read as part of the last stage. fmt used to drop it."""
    result = format_text("t.yaml", CLOSING)
    assert result.problem is None
    assert result.text == CLOSING
    trailing = format_text("t.yaml", CLOSING + "\n\n")  # blank lines at the very end go
    assert trailing.text == CLOSING


def test_a_closing_comment_after_a_block_scalar_formats_once() -> None:
    """When the last value becomes a `|` text, a blank line after it is part of that text
    to YAML, so fmt does not put one there: formatting twice gives what formatting once
    gave (fmt then `fmt --check`, as pre-commit runs them)."""
    text = (
        "journeymap: 1\nkind: personas\npersonas:\n  - id: p\n    description: |\n"
        "      Owns the budget.\n    name: P\n\n# more personas to come\n"
    )
    once = format_text("p.yaml", text).text
    assert once is not None and once.endswith("      Owns the budget.\n# more personas to come\n")
    assert format_text("p.yaml", once).text == once


def test_fmt_check_passes_a_file_with_a_closing_comment(cli: Any, tmp_path: Path) -> None:
    (tmp_path / "j.yaml").write_text(CLOSING, encoding="utf-8")
    result = cli("fmt", "--check", str(tmp_path / "j.yaml"), cwd=tmp_path)
    assert result.exit_code == 0, result.output
    assert (tmp_path / "j.yaml").read_text(encoding="utf-8") == CLOSING


def test_an_error_inside_one_file_is_that_files_diagnostic(
    monkeypatch: pytest.MonkeyPatch, cli: Any, tmp_path: Path
) -> None:
    real = fmt_module._format_text

    def explode_on_first(path: str, text: str) -> Any:
        if path.endswith("a.yaml"):
            raise NotImplementedError("overlap in comment")
        return real(path, text)

    monkeypatch.setattr(fmt_module, "_format_text", explode_on_first)
    (tmp_path / "a.yaml").write_text(REORDERED, encoding="utf-8")
    (tmp_path / "b.yaml").write_text(REORDERED, encoding="utf-8")
    result = cli("fmt", "a.yaml", "b.yaml", cwd=tmp_path)
    assert result.exit_code == 1
    assert (
        "a.yaml:1:1: error[unformattable] cannot format this file "
        "(NotImplementedError: overlap in comment)" in result.stderr
    )
    assert "reformatted 1 of 2 files, 1 left alone" in result.stderr
    assert (tmp_path / "a.yaml").read_text(encoding="utf-8") == REORDERED
    assert (tmp_path / "b.yaml").read_text(encoding="utf-8") == REORDERED_CANONICAL


# --- hypothesis: random journeys with comments anywhere ----------------------------------------


def _dump(data: Any) -> str:
    yaml = YAML(typ="rt")
    yaml.default_flow_style = None  # leaf collections in flow style: `risks: [a, b]`
    yaml.width = 4096
    yaml.indent(mapping=4, sequence=2, offset=0)
    stream = io.StringIO()
    yaml.dump(data, stream)
    return stream.getvalue()


comment_text = st.text(
    alphabet=st.sampled_from(list("abc #:'\"[]{},-é€😀")), min_size=0, max_size=12
).map(str.rstrip)


@st.composite
def commented(draw: st.DrawFn) -> tuple[dict[str, Any], str, list[str]]:
    """A journey as messy YAML with comments at the ends of lines, on lines of their own
    before keys and items (and blank lines), and inside flow lists; each comment's text
    is unique."""
    journey = draw(journeys())
    messy = _dump(shuffled_keys(journey, draw))
    # ruamel's emitter can write YAML that does not read back as written: skip those
    assume(parse("g.yaml", messy.encode()).data == journey)
    lines = messy.splitlines()
    out: list[str] = []
    count = 0

    def new() -> str:
        nonlocal count
        count += 1
        return f"# c{count} {draw(comment_text)}".rstrip()

    for line in lines:
        if draw(st.integers(0, 6)) == 0:
            out.append("")
        if draw(st.integers(0, 4)) == 0:
            indent = draw(st.sampled_from([len(line) - len(line.lstrip()), 0]))
            out.append(" " * indent + new())
        if draw(st.integers(0, 2)) == 0:
            line = f"{line}{draw(st.sampled_from([' ', '  ', '    ']))}{new()}"
        out.append(line)
    if draw(st.booleans()):
        out.append(new())
    text = "\n".join(out) + "\n"
    # a comment inside some flow lists: `[a,  # c3\n      b]`
    layout = read_layout(text)
    for node in reversed(layout.nodes):
        if node.kind != "seq" or not node.flow or not draw(st.booleans()):
            continue
        items = [n for n in layout.scalars if n.path[:-1] == node.path and n.role == "item"]
        if len(items) < 2:
            continue
        item = draw(st.sampled_from(items[:-1]))
        comma = text.index(",", item.end)
        key_col = next(n.start_col for n in layout.nodes if n.path == node.path)
        text = f"{text[: comma + 1]}  {new()}\n{' ' * (key_col + 2)}{text[comma + 1 :].lstrip(' ')}"
    return journey, text, [line for line in text.splitlines() if "# c" in line]


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(case=commented())
def test_fmt_keeps_every_comment_at_its_key(case: tuple[dict[str, Any], str, list[str]]) -> None:
    journey, text, _ = case
    assume(parse("g.yaml", text.encode()).data == journey)
    result = format_text("g.yaml", text)
    assert result.problem is None, (result.problem, text)
    assert result.text is not None
    # same data, same comments, each attached where it was
    assert parse("g.yaml", result.text.encode()).data == journey
    before = read_layout(text).comments
    after = read_layout(result.text).comments
    assert Counter(c.key for c in before) == Counter(c.key for c in after)
    # independently of that reading: every comment text is there exactly once, and a
    # comment that ended an `id: x` line (ids are unique) still ends that line
    texts = Counter(c.text for c in after)
    assert all(texts[c.text] == 1 for c in before)
    out_lines = {c.text: result.text.splitlines()[c.line] for c in after}
    for c in before:
        line = text.splitlines()[c.line]
        code = line[: c.column].strip().removeprefix("- ")
        if c.kind == "eol" and code.startswith("id: "):
            assert out_lines[c.text][: -len(c.text)].strip().removeprefix("- ") == code
    # and formatting the result again changes nothing
    assert format_text("g.yaml", result.text).text == result.text


# --- an edit saved while fmt runs is never lost ------------------------------------------------


def test_write_atomic_refuses_a_file_that_changed(tmp_path: Path) -> None:
    path = tmp_path / "j.yaml"
    path.write_bytes(b"mine, saved later\n")
    with pytest.raises(ChangedError, match="changed since it was read"):
        write_atomic(path, "formatted\n", expect=b"as read\n")
    assert path.read_bytes() == b"mine, saved later\n"
    assert [p.name for p in tmp_path.iterdir()] == ["j.yaml"]  # no temporary file left
    path.unlink()
    with pytest.raises(ChangedError, match="deleted"):
        write_atomic(path, "formatted\n", expect=b"as read\n")
    assert list(tmp_path.iterdir()) == []
    path.write_bytes(b"as read\n")
    write_atomic(path, "formatted\n", expect=b"as read\n")
    assert path.read_bytes() == b"formatted\n"


def test_fmt_keeps_an_edit_saved_while_it_runs(
    monkeypatch: pytest.MonkeyPatch, cli: Any, tmp_path: Path
) -> None:
    """The edit lands between fmt's read and its write: exactly the lost-edit race."""
    path = tmp_path / "j.yaml"
    path.write_text(REORDERED, encoding="utf-8")
    edited = REORDERED.replace("title: T", "title: Edited in the editor")
    real = format_text

    def save_in_editor(display: str, text: str) -> Any:
        path.write_text(edited, encoding="utf-8")
        return real(display, text)

    monkeypatch.setattr("journeymap.formatting.files.format_text", save_in_editor)
    result = cli("fmt", "j.yaml", cwd=tmp_path)
    assert result.exit_code == 1
    assert (
        "j.yaml:1:1: error[changed-while-formatting] changed while formatting; run fmt again"
        in result.stderr
    )
    assert "reformatted 0 of 1 file, 1 left alone" in result.stderr
    assert path.read_text(encoding="utf-8") == edited
    monkeypatch.setattr("journeymap.formatting.files.format_text", real)
    assert cli("fmt", "j.yaml", cwd=tmp_path).exit_code == 0  # run again: formatted
    assert "title: Edited in the editor" in path.read_text(encoding="utf-8")


# --- symbolic links are written through --------------------------------------------------------


def test_fmt_writes_through_a_link_inside_the_project(cli: Any, tmp_path: Path) -> None:
    (tmp_path / "shared").mkdir()
    target = tmp_path / "shared" / "real.yaml"
    target.write_text(REORDERED, encoding="utf-8")
    (tmp_path / "journeys").mkdir()
    link = tmp_path / "journeys" / "j.yaml"
    link.symlink_to(Path("..") / "shared" / "real.yaml")
    result = cli("fmt", "journeys/j.yaml", cwd=tmp_path)
    assert result.exit_code == 0, result.output
    assert link.is_symlink() and os.readlink(link) == str(Path("..") / "shared" / "real.yaml")
    assert target.read_text(encoding="utf-8") == REORDERED_CANONICAL
    assert sorted(p.name for p in (tmp_path / "shared").iterdir()) == ["real.yaml"]


def test_fmt_refuses_a_link_that_leads_outside_the_project(cli: Any, tmp_path: Path) -> None:
    outside = tmp_path / "outside.yaml"
    outside.write_text(REORDERED, encoding="utf-8")
    project = tmp_path / "project"
    project.mkdir()
    (project / "j.yaml").symlink_to(outside)
    result = cli("fmt", "j.yaml", cwd=project)
    assert result.exit_code == 1
    # refused when reading already, so nothing is formatted, let alone written
    assert f"error[unreadable] is a link to {outside}, outside the project" in result.stderr
    assert outside.read_text(encoding="utf-8") == REORDERED
    assert (project / "j.yaml").is_symlink()


def test_format_file_reports_unreadable_and_undecodable(tmp_path: Path) -> None:
    folder = tmp_path / "d.yaml"
    folder.mkdir()
    result = format_file(folder)
    assert result.problem is not None and result.problem.rule == "unreadable"
    latin = tmp_path / "l.yaml"
    latin.write_bytes(b"journeymap: 1\nid: caf\xe9\n")
    result = format_file(latin, write=True)
    assert result.problem is not None and result.problem.line == 2
    assert latin.read_bytes() == b"journeymap: 1\nid: caf\xe9\n"


# --- init: all or nothing ---------------------------------------------------------------------


def _tree(folder: Path) -> list[str]:
    return sorted(str(p.relative_to(folder)) for p in folder.rglob("*"))


def test_init_checks_everything_before_writing(cli: Any, tmp_path: Path) -> None:
    target = tmp_path / "p"
    target.mkdir()
    (target / "personas").write_text("not a folder\n", encoding="utf-8")
    result = cli("init", str(target))
    assert result.exit_code == 2
    message = result.stderr.replace("\n", "")
    assert f"{target / 'personas'} is a file where init needs a folder" in message
    assert "nothing was written" in message
    assert _tree(target) == ["personas"]


def test_init_takes_back_a_half_written_project(
    monkeypatch: pytest.MonkeyPatch, cli: Any, tmp_path: Path
) -> None:
    import journeymap.scaffold.writer as scaffold_module

    target = tmp_path / "p"
    target.mkdir()
    mine = target / "journeymap.yaml"
    mine.write_text("# mine\n", encoding="utf-8")
    real = write_atomic
    calls = []

    def disk_full_on_third(path: Path, text: str) -> None:
        calls.append(path)
        if len(calls) == 3:
            raise WriteError(f"cannot write {path}: No space left on device")
        real(path, text)

    monkeypatch.setattr(scaffold_module, "write_atomic", disk_full_on_third)
    result = cli("init", str(target), "--force")
    assert result.exit_code == 2
    assert "No space left on device; nothing was written" in result.stderr.replace("\n", "")
    assert len(calls) == 3
    assert _tree(target) == ["journeymap.yaml"]
    assert mine.read_text(encoding="utf-8") == "# mine\n"  # the replaced file came back


# --- git-setup: all or nothing, and globs git reads back --------------------------------------


def _git(repo: Path, *args: str) -> str:
    return subprocess.run(
        ["git", *args], cwd=repo, capture_output=True, text=True, check=True
    ).stdout


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    root = tmp_path / "repo"
    root.mkdir()
    _git(root, "init", "-q")
    return root


def test_git_setup_changes_nothing_when_gitattributes_is_not_utf8(cli: Any, repo: Path) -> None:
    attributes = repo / ".gitattributes"
    attributes.write_bytes(b"*.png binary\n*.caf\xe9 text\n")
    config_before = (repo / ".git" / "config").read_bytes()
    result = cli("git-setup", "--pattern", "journeys/*.yaml", cwd=repo)
    assert result.exit_code == 2
    message = result.stderr.replace("\n", "")
    assert f"{attributes}:2: not UTF-8 text; nothing was changed" in message
    assert (repo / ".git" / "config").read_bytes() == config_before
    assert attributes.read_bytes() == b"*.png binary\n*.caf\xe9 text\n"
    assert cli("git-setup", "--undo", cwd=repo).exit_code == 2  # the same rule for --undo


def test_git_setup_quotes_a_glob_with_a_space(cli: Any, repo: Path) -> None:
    result = cli("git-setup", "--pattern", "my maps/*.yaml", cwd=repo)
    assert result.exit_code == 0, result.output
    assert '"my maps/*.yaml" diff=journeymap' in (repo / ".gitattributes").read_text("utf-8")
    check = subprocess.run(
        ["git", "check-attr", "diff", "--", "my maps/a b.yaml", "my/a.yaml"],
        cwd=repo,
        capture_output=True,
        text=True,
        check=True,
    )
    assert check.stdout.splitlines() == [
        "my maps/a b.yaml: diff: journeymap",
        "my/a.yaml: diff: unspecified",
    ]
    assert check.stderr == ""  # git warned about the unquoted pattern before


@pytest.mark.parametrize(
    ("glob", "written"),
    [
        ("journeys/*.yaml", "journeys/*.yaml"),
        ("my maps/*.yaml", '"my maps/*.yaml"'),
        ('say "hi"/*.yaml', '"say \\"hi\\"/*.yaml"'),
        ("#notes/*.yaml", '"#notes/*.yaml"'),
        ("tab\there/x\\[1].yaml", '"tab\\there/x\\\\[1].yaml"'),
        ("line\nbreak.yaml", '"line\\nbreak.yaml"'),
        ("bell\x07.yaml", '"bell\\a.yaml"'),
        ("esc\x1b.yaml", '"esc\\033.yaml"'),
        ("café/*.yaml", "café/*.yaml"),
    ],
)
def test_attribute_pattern_quoting(glob: str, written: str) -> None:
    assert attribute_pattern(glob) == written


def test_quoted_globs_match_what_git_matches(repo: Path) -> None:
    """git itself reads the quoted patterns back to the globs they came from."""
    globs = ['say "hi"/*.yaml', "#notes/*.yaml", "tab\there/*.yaml"]
    (repo / ".gitattributes").write_text(
        "".join(f"{attribute_pattern(g)} diff=journeymap\n" for g in globs), encoding="utf-8"
    )
    names = ['say "hi"/a.yaml', "#notes/b.yaml", "tab\there/c.yaml", "other/d.yaml"]
    out = subprocess.run(
        ["git", "check-attr", "-z", "diff", "--", *names],
        cwd=repo,
        capture_output=True,
        check=True,
    ).stdout.split(b"\0")
    values = dict(zip(out[0::3], out[2::3], strict=False))
    assert [values[n.encode()] for n in names] == [
        b"journeymap",
        b"journeymap",
        b"journeymap",
        b"unspecified",
    ]
