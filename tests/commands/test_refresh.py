"""`journeymap refresh` end to end, on exports shaped like the real ones.

tests/data/refresh/project is a small portfolio: journeymap.yaml with a `data:` list,
one commented journey file, and three exports:

* data/survey-export.csv: a survey tool's export: UTF-8 with a byte-order mark,
  semicolons, CRLF, quoted cells holding `;` and `""`, ISO datetimes with `Z`, an offset,
  or a space instead of `T`;
* data/helpdesk-tickets.csv: a helpdesk export: commas, LF, comments quoted over
  several lines (with commas inside), blank cells;
* data/crm-accounts.csv: a CRM export, one row per account and touchpoint reached.

Every expected number is worked out by hand in the comment beside it.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

from conftest import DATA as TEST_DATA
from conftest import TODAY
from journeymap.loading.loader import load_file
from journeymap.model import Journey, Metric

DATA = TEST_DATA / "refresh"
PROJECT = DATA / "project"
JOURNEY = Path("journeys") / "acme.yaml"

# The lines a refresh of the fixture prints, one per change, in `data:` order.
CHANGES = [
    # survey-export.csv, Segment = mid-market, Score not blank (R-111's is blank):
    #   R-101 10, R-102 9, R-103 6, R-105 8, R-106 3, R-107 7, R-109 9, R-110 8  (8 answers)
    #   promoters (9-10): 10, 9, 9 = 3; detractors (0-6): 6, 3 = 2; passives 8, 7, 8 = 3
    #   NPS = 100 * (3 - 2) / 8 = 12.5 -> 13 (half up; Python's round() would say 12)
    #   as_of: the latest Submitted among those 8 rows: R-110 2026-09-29T15:40:00Z.
    #   (R-111, 2026-09-30, has no score; R-112, 2026-10-01, is enterprise.)
    "acme#nps: 38 -> 13, as of 2026-09-29",
    # enterprise-score: Score where Segment = enterprise: 2, 10, 4 -> 16 / 3 = 5.333 -> 5.33,
    #   the value already in the file, and no date column: nothing to change.
    # helpdesk-tickets.csv, Satisfaction not blank: T-2001 5, T-2002 4, T-2003 2, T-2005 4,
    #   T-2006 3, T-2007 5, T-2008 4 (7 answers; T-2004 is blank)
    #   satisfied (4-5): 5, 4, 4, 5, 4 = 5 -> CSAT = 100 * 5 / 7 = 71.43 -> 71.4
    #   as_of: latest `Solved at` of those rows: T-2008 2026-09-30 (T-2007's is blank).
    "acme#support-csat: 88 -> 71.4, as of 2026-09-30",
    # Effort: 2, 3, 6, 4, 2, 5, 1, 4 = 27 over 8 -> 3.375 -> 3.38; no date column, so as_of
    #   is the day of the refresh (pinned by the tests).
    f"acme#ces: 3.1 -> 3.38, as of {TODAY}",
    # First response (h): 1.5, 4, 0.5, 12, 3, 2, 6, 9 -> sorted 0.5 1.5 2 3 4 6 9 12
    #   median = (3 + 4) / 2 = 3.5; as_of: latest Solved at of all 8 rows = 2026-09-30.
    "acme#first-response-hours: (none) -> 3.5, as of 2026-09-30",
    # high-priority-tickets: count of rows with Priority = High: T-2001, T-2003, T-2006 = 3,
    #   as_of latest Created among them = 2026-09-20: both already in the file.
    # credits-eur: sum of Credit (EUR): 0 + 25.50 + 100 + 0 + 0 + 49.99 + 0 = 175.49
    #   (T-2007 blank), as_of latest Created of the 7 rows used = T-2008 2026-09-28: as in file.
    # crm-accounts.csv, journey order linkedin-ads, webinar, demo, pilot, contract, support-desk:
    #   linkedin-ads: acme, blue, delta, euro (euro twice: distinct) = 4 entered;
    #     later touchpoints reached by acme (webinar...), blue (demo), euro (webinar) = 3
    "acme#linkedin-ads funnel: 10 entered, 3 continued -> 4 entered, 3 continued",
    #   webinar: acme, cargo, euro = 3; acme (demo), cargo (demo) continue = 2
    "acme#webinar funnel: (none) -> 3 entered, 2 continued",
    #   demo: acme, blue, cargo, green = 4; acme and cargo reach pilot = 2: as in the file
    #   pilot: acme, cargo, fast = 3; acme (contract), fast (contract) = 2
    "acme#pilot funnel: (none) -> 3 entered, 2 continued",
    #   contract: acme, fast = 2; fast reaches support-desk = 1
    "acme#contract funnel: (none) -> 2 entered, 1 continued",
    #   support-desk is the last touchpoint: never updated. hill-carriers has no touchpoint:
    #   a blank cell, skipped.
]


@pytest.fixture
def project(tmp_path: Path) -> Path:
    target = tmp_path / "project"
    shutil.copytree(PROJECT, target)
    return target


def snapshot(folder: Path) -> dict[str, tuple[bytes, int]]:
    """Every file's bytes and modification time, to prove nothing was touched."""
    return {
        str(p.relative_to(folder)): (p.read_bytes(), p.stat().st_mtime_ns)
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def journey(project: Path) -> Journey:
    doc = load_file(project / JOURNEY, str(JOURNEY))
    assert doc.journey is not None, doc.diagnostics
    return doc.journey


def metric(j: Journey, metric_id: str) -> Metric:
    for stage in j.stages:
        for m in stage.metrics + [m for tp in stage.touchpoints for m in tp.metrics]:
            if m.id == metric_id:
                return m
    raise AssertionError(metric_id)


def history(m: Metric) -> list[tuple[str | None, float]]:
    return [(p.date.isoformat() if p.date else None, p.value) for p in m.history]


def replace_in(path: Path, old: str, new: str) -> None:
    text = path.read_bytes().decode("utf-8")
    assert old in text, old
    path.write_bytes(text.replace(old, new, 1).encode("utf-8"))


def line_of(path: Path, needle: str) -> int:
    lines = path.read_text(encoding="utf-8").splitlines()
    return next(i for i, line in enumerate(lines, 1) if needle in line)


# --- the fixture is what it claims to be ------------------------------------------------


def test_exports_are_shaped_like_real_ones() -> None:
    survey = (PROJECT / "data" / "survey-export.csv").read_bytes()
    assert survey.startswith(b"\xef\xbb\xbf")
    assert survey.count(b"\r\n") == survey.count(b"\n") == 13
    assert survey.splitlines()[0].count(b";") == 4 and b"," not in survey.splitlines()[0]
    helpdesk = (PROJECT / "data" / "helpdesk-tickets.csv").read_bytes()
    assert b"\r" not in helpdesk and not helpdesk.startswith(b"\xef\xbb\xbf")
    assert b'"Two issues:\n1. export broken\n2. ""Carrier"" field empty"' in helpdesk
    crm = (PROJECT / "data" / "crm-accounts.csv").read_text(encoding="utf-8")
    assert crm.splitlines()[0] == "account,touchpoint,reached_on,owner"


# --- a refresh ---------------------------------------------------------------------------


def test_refresh_writes_each_number_as_computed_by_hand(project: Path, cli: Any) -> None:
    result = cli("refresh", cwd=project)
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines() == CHANGES
    assert result.stderr == "wrote 8 changes in 1 file\n"
    j = journey(project)

    nps = metric(j, "nps")
    assert (nps.value, nps.as_of.isoformat() if nps.as_of else None) == (13, "2026-09-29")
    # the value it replaces, with its old as_of, then the new one
    assert history(nps) == [("2026-06-30", 38), ("2026-09-29", 13)]

    csat = metric(j, "support-csat")
    assert csat.value == 71.4 and str(csat.as_of) == "2026-09-30"
    # the history already ended with the replaced value (88 on 2026-06-30): not repeated
    assert history(csat) == [("2026-03-31", 85), ("2026-06-30", 88), ("2026-09-30", 71.4)]

    ces = metric(j, "ces")
    assert ces.value == 3.38 and str(ces.as_of) == TODAY
    # 3.1 had no as_of: its history point has no date
    assert history(ces) == [(None, 3.1), (TODAY, 3.38)]

    median = metric(j, "first-response-hours")
    assert median.value == 3.5 and str(median.as_of) == "2026-09-30"
    assert history(median) == [("2026-09-30", 3.5)]  # there was no value before

    for unchanged, value, as_of in [
        ("enterprise-score", 5.33, "2026-10-01"),
        ("high-priority-tickets", 3, "2026-09-20"),
        ("credits-eur", 175.49, "2026-09-28"),
    ]:
        m = metric(j, unchanged)
        assert (m.value, str(m.as_of), m.history) == (value, as_of, [])

    funnels = {
        tp.id: (tp.funnel.entered, tp.funnel.continued) if tp.funnel else None
        for _, _, _, tp in j.touchpoints()
    }
    assert funnels == {
        "linkedin-ads": (4, 3),
        "webinar": (3, 2),
        "demo": (4, 2),
        "pilot": (3, 2),
        "contract": (2, 1),
        "support-desk": None,  # the last touchpoint is not updated
    }


def test_refreshed_file_keeps_comments_and_layout(project: Path, cli: Any) -> None:
    before = (project / JOURNEY).read_text(encoding="utf-8")
    assert cli("refresh", cwd=project).exit_code == 0
    after = (project / JOURNEY).read_text(encoding="utf-8")
    comments = [line.split("#", 1)[1] for line in before.splitlines() if " # " in f" {line}"]
    assert len(comments) == 7
    for comment in comments:
        assert comment in after
    assert "value: 13   # last quarter's survey" in after
    assert "funnel: {entered: 4, continued: 3}   # from the CRM" in after
    # the reviewed result, byte for byte: fmt's layout, only the numbers changed
    assert after == (DATA / "expected" / "acme.yaml").read_text(encoding="utf-8")
    assert cli("fmt", "--check", cwd=project).exit_code == 0


def test_second_refresh_is_a_no_op(project: Path, cli: Any) -> None:
    assert cli("refresh", cwd=project).exit_code == 0
    before = snapshot(project)
    again = cli("refresh", cwd=project)
    assert again.exit_code == 0
    assert again.stdout == ""
    assert again.stderr == "every number is up to date\n"
    assert snapshot(project) == before


def test_check_exits_1_while_out_of_date_and_writes_nothing(project: Path, cli: Any) -> None:
    before = snapshot(project)
    check = cli("refresh", "--check", cwd=project)
    assert check.exit_code == 1
    assert check.stdout.splitlines() == CHANGES
    assert "8 changes in 1 file pending" in check.stderr
    assert snapshot(project) == before
    assert cli("refresh", cwd=project).exit_code == 0
    assert cli("refresh", "--check", cwd=project).exit_code == 0


def test_diff_is_the_patch_a_refresh_would_apply(project: Path, tmp_path: Path, cli: Any) -> None:
    before = snapshot(project)
    shown = cli("refresh", "--diff", cwd=project)
    assert shown.exit_code == 1
    assert snapshot(project) == before
    assert shown.stderr.splitlines()[: len(CHANGES)] == CHANGES  # the list goes to stderr
    patch = shown.stdout
    assert patch.startswith("--- a/journeys/acme.yaml\n+++ b/journeys/acme.yaml\n")
    assert "-        value: 38   # last quarter's survey\n" in patch
    assert "+        value: 13   # last quarter's survey\n" in patch
    # applied with git, the diff gives exactly what a refresh writes
    (tmp_path / "change.patch").write_text(patch, encoding="utf-8")
    subprocess.run(["git", "apply", str(tmp_path / "change.patch")], cwd=project, check=True)
    assert (project / JOURNEY).read_bytes() == (DATA / "expected" / "acme.yaml").read_bytes()


def test_only_the_date_moved(project: Path, cli: Any) -> None:
    # The count stays 3 but the file says as of 2026-09-01; the export's latest Created
    # among the three High rows is 2026-09-20 (T-2006).
    assert cli("refresh", cwd=project).exit_code == 0
    replace_in(project / JOURNEY, "as_of: 2026-09-20", "as_of: 2026-09-01")
    result = cli("refresh", cwd=project)
    assert result.exit_code == 0
    assert result.stdout == (
        "acme#high-priority-tickets: 3 (unchanged), as of 2026-09-01 -> 2026-09-20\n"
    )
    assert metric(journey(project), "high-priority-tickets").history == []


def test_crlf_journey_file_stays_crlf(project: Path, cli: Any) -> None:
    path = project / JOURNEY
    path.write_bytes(path.read_bytes().replace(b"\n", b"\r\n"))
    assert cli("refresh", cwd=project).exit_code == 0
    text = path.read_bytes()
    assert text.count(b"\r\n") == text.count(b"\n")
    assert b"value: 13   # last quarter's survey\r\n" in text


# --- bad data: a positioned error, and every file exactly as it was ----------------------


def refuse(project: Path, cli: Any, code: int) -> str:
    before = snapshot(project)
    result = cli("refresh", cwd=project)
    assert result.exit_code == code, result.output
    assert snapshot(project) == before
    assert result.stdout == ""
    assert "Traceback" not in result.output
    assert result.stderr.endswith("journeymap: nothing was written\n")
    return str(result.stderr)


def test_value_that_is_not_a_number(project: Path, cli: Any) -> None:
    survey = project / "data" / "survey-export.csv"
    survey.write_bytes(survey.read_bytes().replace(b"mid-market;6;", b"mid-market;n/a;"))
    err = refuse(project, cli, 1)
    # line 4 is R-103 (header, R-101, R-102 before it); the cell starts after
    # "R-103;" (6) + "2026-09-08 16:45:00;" (20) + "mid-market;" (11) = column 38
    assert (
        "data/survey-export.csv:4:38: error[data-value] 'n/a' is not a number in column Score"
        in err
    )
    assert "= help: blank cells are skipped" in err


BIG = "987654321098765432109876543"  # 27 digits: a third of it rounded to 0.01 needs 29


def test_a_mean_of_a_number_past_the_precision(project: Path, cli: Any) -> None:
    """Was `internal error: InvalidOperation`: rounding a 27-digit mean to 0.01 needs 29
    digits of Decimal's 28."""
    survey = project / "data" / "survey-export.csv"
    survey.write_bytes(
        survey.read_bytes().replace(b"enterprise;10;", f"enterprise;{BIG};".encode())
    )
    err = refuse(project, cli, 1)
    # line 9 is R-108; its Score starts after "R-108;" (6) + "2026-09-21T17:05:00Z;" (21)
    # + "enterprise;" (11) = column 39
    assert (
        f"data/survey-export.csv:9:39: error[data-value] '{BIG}' in column Score has 27 digits "
        "before the decimal point; journeymap computes with at most 15" in err
    ), err
    assert "internal error" not in err and "InvalidOperation" not in err


def test_a_sum_of_a_number_past_the_precision(project: Path, cli: Any) -> None:
    """Was silently rounded to 28 digits (its cents lost) and written to the journey."""
    helpdesk = project / "data" / "helpdesk-tickets.csv"
    replace_in(helpdesk, ",4,25.50,", f",4,{BIG}.49,")
    err = refuse(project, cli, 1)
    # line 3 is T-2002; Credit (EUR) starts after "T-2002,2026-09-03,2026-09-05T16:30:00Z,"
    # (7 + 11 + 21) + "Normal,4,3,4," (13) = column 53
    assert (
        f"data/helpdesk-tickets.csv:3:53: error[data-value] '{BIG}.49' in column Credit (EUR) "
        "has 27 digits before the decimal point" in err
    ), err


def test_line_numbers_count_multi_line_quoted_cells(project: Path, cli: Any) -> None:
    helpdesk = project / "data" / "helpdesk-tickets.csv"
    replace_in(
        helpdesk,
        "T-2003,2026-09-07,2026-09-07T18:00:00Z,High,2,",
        "T-2003,2026-09-07,2026-09-07T18:00:00Z,High,N/A,",
    )
    err = refuse(project, cli, 1)
    # T-2002's comment spans lines 3-5, so T-2003 is on line 6; its Satisfaction cell starts
    # after "T-2003," (7) + "2026-09-07," (11) + "2026-09-07T18:00:00Z," (21) + "High," (5)
    assert (
        "data/helpdesk-tickets.csv:6:45: error[data-value] 'N/A' is not a number in column Satisfaction"
        in err
    )


def test_missing_file(project: Path, cli: Any) -> None:
    config = project / "journeymap.yaml"
    replace_in(config, "source: data/crm-accounts.csv", "source: data/crm.csv")
    err = refuse(project, cli, 1)
    line = line_of(config, "data/crm.csv")
    assert (
        f"journeymap.yaml:{line}:13: error[data-source] cannot read data/crm.csv: no such file"
        in err
    )


def test_missing_column_with_did_you_mean(project: Path, cli: Any) -> None:
    replace_in(project / "journeymap.yaml", "column: Satisfaction", "column: Satisfacton")
    err = refuse(project, cli, 1)
    assert "data/helpdesk-tickets.csv:1:1: error[data-source] no column 'Satisfacton'" in err
    assert "did you mean 'Satisfaction'?" in err


def test_every_broken_entry_is_reported_at_once(project: Path, cli: Any) -> None:
    replace_in(project / "journeymap.yaml", "column: Effort", "column: Efort")
    survey = project / "data" / "survey-export.csv"
    survey.write_bytes(survey.read_bytes().replace(b"mid-market;6;", b"mid-market;six;"))
    err = refuse(project, cli, 1)
    assert "'six' is not a number in column Score" in err
    assert "no column 'Efort'" in err


def test_unknown_metric_with_did_you_mean(project: Path, cli: Any) -> None:
    config = project / "journeymap.yaml"
    replace_in(config, "metric: acme#nps", "metric: acme#npss")
    err = refuse(project, cli, 2)
    line = line_of(config, "acme#npss")
    assert f"journeymap.yaml:{line}:13: error[unresolved-reference] no metric 'npss'" in err
    assert "= help: did you mean 'nps'?" in err


def test_unknown_journey_with_did_you_mean(project: Path, cli: Any) -> None:
    config = project / "journeymap.yaml"
    replace_in(config, "journey: acme", "journey: acme-b2b")
    err = refuse(project, cli, 2)
    line = line_of(config, "journey: acme-b2b")
    assert f"journeymap.yaml:{line}:14: error[unresolved-reference] no journey 'acme-b2b'" in err
    assert "did you mean 'acme'?" in err


def test_unknown_touchpoint_in_the_crm(project: Path, cli: Any) -> None:
    crm = project / "data" / "crm-accounts.csv"
    crm.write_text(
        crm.read_text(encoding="utf-8") + "iron-bay,demos,2026-07-01,Lee\n", encoding="utf-8"
    )
    err = refuse(project, cli, 1)
    # the header and 19 rows: the new row is line 21; "iron-bay," is 9 characters
    assert (
        "data/crm-accounts.csv:21:10: error[data-reference] journey 'acme' has no "
        "touchpoint 'demos' (column touchpoint)" in err
    )
    assert "did you mean 'demo'?" in err


def test_touchpoint_named_by_its_name(project: Path, cli: Any) -> None:
    crm = project / "data" / "crm-accounts.csv"
    replace_in(crm, "green-lane,demo,", "green-lane,Live demo,")
    err = refuse(project, cli, 1)
    assert "that is the name of touchpoint 'demo'; the column holds touchpoint ids" in err


def test_where_that_matches_nothing(project: Path, cli: Any) -> None:
    config = project / "journeymap.yaml"
    replace_in(config, "where: {Segment: mid-market}", "where: {Segment: midmarket}")
    err = refuse(project, cli, 1)
    assert (
        "no numbers to compute nps from: column Score is blank in every row where "
        "Segment = midmarket of data/survey-export.csv" in err
    )


def test_broken_journey_file_is_not_written_to(project: Path, cli: Any) -> None:
    replace_in(project / JOURNEY, "target: 40", "target: forty")
    err = refuse(project, cli, 1)
    assert "journeys/acme.yaml:" in err and "target must be a number" in err


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        (
            "    touchpoint_column: touchpoint\n",
            "    touchpoint_column: touchpoint\n    column: Score\n",
            "`column` has no effect here: a funnel counts accounts per touchpoint",
        ),
        ("    compute: ces\n    column: Effort\n", "    compute: ces\n", "needs `column`"),
        ("metric: acme#ces", "metric: ces", "metric 'ces' is not JOURNEY_ID#METRIC_ID"),
        ("compute: median", "compute: medain", "did you mean 'median'?"),
        (
            "    compute: funnel\n",
            "    compute: funnel\n    date_column: reached_on\n",
            "`date_column` has no effect here (funnels have no as_of)",
        ),
    ],
)
def test_malformed_entries_are_config_errors(
    project: Path, cli: Any, old: str, new: str, message: str
) -> None:
    replace_in(project / "journeymap.yaml", old, new)
    before = snapshot(project)
    result = cli("refresh", cwd=project)
    assert result.exit_code == 2
    assert message in result.output
    assert re.search(r"journeymap\.yaml:\d+:\d+: error\[", result.output)
    assert snapshot(project) == before
    # like any broken journeymap.yaml, every command refuses it
    assert cli("validate", cwd=project).exit_code == 2


def test_two_entries_for_one_metric(project: Path, cli: Any) -> None:
    config = project / "journeymap.yaml"
    config.write_text(
        config.read_text(encoding="utf-8")
        + "  - source: data/survey-export.csv\n    metric: acme#nps\n    compute: mean\n"
        "    column: Score\n",
        encoding="utf-8",
    )
    err = refuse(project, cli, 2)
    assert "metric 'acme#nps' is already computed by the entry on line 6" in err


def test_no_data_entries(tmp_path: Path, cli: Any) -> None:
    (tmp_path / "journeymap.yaml").write_text('journeys: ["*.yaml"]\n', encoding="utf-8")
    result = cli("refresh", cwd=tmp_path)
    assert result.exit_code == 2
    assert "has no `data:` entries, so there is nothing to refresh" in result.stderr


# --- what the other commands make of the refreshed numbers ------------------------------


def test_gap_report_uses_the_latest_value(project: Path, cli: Any) -> None:
    import json

    assert cli("refresh", cwd=project).exit_code == 0
    report = json.loads(cli("gaps", "--format", "json", cwd=project).stdout)
    csat = next(m for m in report["metrics"] if m["metric"] == "support-csat")
    # the latest value, not the 88 (or 85) in its history: (90 - 71.4) / 90 = 0.2067,
    # which the report rounds to two places (with 88 it would be 2 / 90 = 0.02)
    assert csat["value"] == 71.4
    assert csat["shortfall"] == 0.21


def test_rendered_map_shows_the_trend(project: Path, cli: Any) -> None:
    assert cli("refresh", cwd=project).exit_code == 0
    assert cli("render", "-o", "site", "-q", cwd=project).exit_code == 0
    page = (project / "site" / "maps" / "acme.html").read_text(encoding="utf-8")
    assert '<span class="change">-25 since 2026-06-30</span>' in page  # NPS 38 -> 13
    assert '<span class="change">-16.6 since 2026-06-30</span>' in page  # CSAT 88 -> 71.4
    assert "Support CSAT over time: 85 on 2026-03-31, 88 on 2026-06-30, 71.4 on 2026-09-30" in page
    assert cli("render", "-f", "md", "-o", "md", "-q", cwd=project).exit_code == 0
    markdown = (project / "md" / "maps" / "acme.md").read_text(encoding="utf-8")
    assert "| Support CSAT | 71.4% (-16.6 since 2026-06-30) | 90% |" in markdown


def test_sparkline_in_a_real_browser(project: Path, cli: Any, open_page: Any) -> None:
    from conftest import screenshot

    assert cli("refresh", cwd=project).exit_code == 0
    assert cli("render", "-o", "site", "-q", cwd=project).exit_code == 0
    watch = open_page(project / "site" / "maps" / "acme.html")
    assert watch.errors == [] and watch.requests == []
    assert [m for m in watch.console if m[0] in ("error", "warning")] == []
    trends = watch.page.locator(".metric .trend:visible")
    # nps, support-csat and ces have two readings or more; first-response-hours has one
    # (its first value), the others none: no trend for them
    assert trends.count() == 3
    csat = watch.page.locator(".metric", has_text="Support CSAT").locator(".trend:visible")
    assert csat.get_attribute("class") == "trend worse"
    box = csat.locator("svg").bounding_box()
    assert box is not None and (round(box["width"]), round(box["height"])) == (96, 24)
    assert csat.locator("circle").count() == 3
    assert csat.locator(".change").inner_text() == "-16.6 since 2026-06-30"
    # better is lower for effort, and it went up: drawn as worse, in the "missed" colour
    colour = watch.page.locator(".metric", has_text="Customer effort").locator(".trend:visible")
    assert colour.evaluate("e => getComputedStyle(e).color") == csat.evaluate(
        "e => getComputedStyle(e).color"
    )
    screenshot(watch.page, "refresh-trend.png")


def test_a_moved_key_keeps_its_comment(project: Path, cli: Any) -> None:
    # fmt moves `x-` keys after the known ones; the key's own comment travels with it,
    # and the comment before enterprise-score stays where it is (fmt proves both).
    path = project / JOURNEY
    replace_in(path, "      - id: nps\n", "      - id: nps\n        x-owner: Sam   # asked twice\n")
    assert cli("refresh", cwd=project).exit_code == 0
    text = path.read_text(encoding="utf-8")
    assert "        x-owner: Sam   # asked twice\n" in text
    assert "      # the enterprise segment, for comparison\n" in text
    assert metric(journey(project), "nps").value == 13


def test_source_that_is_a_folder_or_a_pipe(project: Path, cli: Any) -> None:
    import os

    config = project / "journeymap.yaml"
    replace_in(config, "source: data/crm-accounts.csv", "source: data")
    err = refuse(project, cli, 1)
    assert "error[data-source] cannot read data: a folder, not a file" in err
    os.mkfifo(project / "pipe.csv")
    replace_in(config, "source: data\n", "source: pipe.csv\n")
    err = refuse(project, cli, 1)  # returns instead of waiting for a writer
    assert "cannot read pipe.csv: not a regular file" in err
