"""The parts of refresh one at a time: reading exports, each computation, the trend.

Expected numbers are worked out by hand beside each case.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from fractions import Fraction

import pytest

from journeymap.model import Metric
from journeymap.refresh.compute import (
    NoData,
    aggregate,
    compute_funnel,
    compute_metric,
    parse_day,
    parse_number,
)
from journeymap.refresh.csvread import DataError, detect_delimiter, parse_table
from journeymap.refresh.sources import FunnelSource, MetricCompute, MetricSource
from journeymap.views.trend import series, trend_of


def d(*values: str) -> list[Decimal]:
    return [Decimal(v) for v in values]


def entry(
    compute: MetricCompute,
    column: str | None = "v",
    *,
    date_column: str | None = None,
    where: dict[str, str] | None = None,
) -> MetricSource:
    return MetricSource(0, "x.csv", compute, "j", "m", column, date_column, where or {})


def problem(exc: pytest.ExceptionInfo[DataError]) -> str:
    (diagnostic,) = exc.value.diagnostics
    return f"{diagnostic.path}:{diagnostic.line}:{diagnostic.column}: {diagnostic.message}"


# --- reading ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        ("a,b,c", ","),
        ("a;b;c", ";"),
        ("a\tb\tc", "\t"),
        ('"Amount, EUR";Date;Name', ";"),  # the comma is quoted: not a delimiter
        ("Score", ","),  # one column: nothing to detect
        ("a;b,c", ","),  # a tie goes to the comma
    ],
)
def test_delimiter_is_counted_on_the_header(header: str, expected: str) -> None:
    assert detect_delimiter(header) == expected


def test_bom_crlf_semicolons_and_quotes() -> None:
    raw = (
        b"\xef\xbb\xbfID;Score;Comment\r\n"
        b'1;9;"a; b"\r\n'
        b'2;;"two\r\nlines"\r\n'
        b"\r\n"  # a blank line, skipped
        b'3;4,5;"say ""hi"""\r\n'
    )
    table = parse_table("s.csv", raw)
    assert table.header == ("ID", "Score", "Comment")  # no BOM glued to "ID"
    assert table.delimiter == ";"
    assert [(r.line, r.cells) for r in table.rows] == [
        (2, ("1", "9", "a; b")),
        (3, ("2", "", "two\r\nlines")),
        (6, ("3", "4,5", 'say "hi"')),  # lines 3-4 are one record, line 5 is blank
    ]


def test_short_rows_are_blank_and_extra_cells_an_error() -> None:
    table = parse_table("t.csv", b"a,b,c\n1,2\n")
    assert table.cell(table.rows[0], 2) == ""
    with pytest.raises(DataError) as exc:
        parse_table("t.csv", b"a,b\n1,2\n3,4,5\n")
    # "3,4," is 4 characters: the extra cell starts at column 5
    assert problem(exc) == "t.csv:3:5: this row has 3 cells, the header has 2"


def test_other_encodings_are_refused_where_they_go_wrong() -> None:
    with pytest.raises(DataError) as exc:
        parse_table("w.csv", "Name,Score\nJosé,9\n".encode("cp1252"))
    # é is byte 0xe9 in Windows-1252: line 2, after "Jos"
    assert problem(exc) == "w.csv:2:4: invalid UTF-8 byte 0xe9: the file is not UTF-8"
    with pytest.raises(DataError) as exc:
        parse_table("u.csv", "Name,Score\n".encode("utf-16"))
    assert "UTF-16" in problem(exc)


def test_unterminated_quote_and_empty_file() -> None:
    with pytest.raises(DataError) as exc:
        parse_table("q.csv", b'a,b\n1,"open\n2,3\n')
    assert "cannot read this CSV line" in problem(exc)
    with pytest.raises(DataError) as exc:
        parse_table("e.csv", b"\n\n")
    assert "no header line" in problem(exc)


@pytest.mark.parametrize(
    ("text", "comma", "expected"),
    [
        ("9", False, Decimal(9)),
        ("-2.5", False, Decimal("-2.5")),
        (".5", False, Decimal("0.5")),
        ("+3", False, Decimal(3)),
        ("4,5", True, Decimal("4.5")),  # a European export's decimal comma
        ("4,5", False, None),
        ("1,234.50", True, None),  # thousands separators are not guessed at
        ("n/a", False, None),
        ("NaN", False, None),
        ("Infinity", False, None),
        ("88%", False, None),
    ],
)
def test_numbers(text: str, comma: bool, expected: Decimal | None) -> None:
    assert parse_number(text, decimal_comma=comma) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2026-09-30", date(2026, 9, 30)),
        ("2026-09-30T23:59:59Z", date(2026, 9, 30)),
        ("2026-09-30T23:30:00-05:00", date(2026, 9, 30)),  # the day as written, not UTC's
        ("2026-09-30 08:00", date(2026, 9, 30)),
        ("2026-09-30T08:00:00.123456", date(2026, 9, 30)),
        ("30/09/2026", None),
        ("09/30/2026", None),
        ("2026-02-30", None),
        ("Sep 30, 2026", None),
    ],
)
def test_dates(text: str, expected: date | None) -> None:
    assert parse_day(text) == expected


# --- the computations --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("compute", "values", "expected"),
    [
        # 10 answers: promoters 10, 9, 9 (3); passives 8, 7 (2); detractors 6, 5, 0, 3, 4 (5)
        # (3 - 5) / 10 * 100 = -20
        ("nps", d("10", "9", "9", "8", "7", "6", "5", "0", "3", "4"), Decimal(-20)),
        # passives stay in the denominator: 1 promoter, 3 passives -> 1 / 4 = 25
        ("nps", d("10", "8", "8", "7"), Decimal(25)),
        # half up away from zero, both ways: 1 / 8 = 12.5 -> 13; -1 / 8 = -12.5 -> -13
        ("nps", d("9", "8", "8", "8", "8", "8", "8", "8"), Decimal(13)),
        ("nps", d("0", "8", "8", "8", "8", "8", "8", "8"), Decimal(-13)),
        # 2 of 3 satisfied (4 or 5): 66.666... -> 66.7
        ("csat", d("5", "4", "3"), Decimal("66.7")),
        # 1 of 8 satisfied: 12.5 -> 12.5 (one decimal kept)
        ("csat", d("4", "1", "1", "1", "1", "1", "1", "1"), Decimal("12.5")),
        # (2 + 3 + 3) / 3 = 2.666... -> 2.67
        ("ces", d("2", "3", "3"), Decimal("2.67")),
        # (1 + 2) / 2 = 1.5 -> 1.50
        ("mean", d("1", "2"), Decimal("1.50")),
        # (0.125 + 0) / 2 = 0.0625 -> 0.06; (0.125 + 0.005) / 2 = 0.065 -> 0.07 (half up)
        ("mean", d("0.125", "0"), Decimal("0.06")),
        ("mean", d("0.125", "0.005"), Decimal("0.07")),
        # sorted 1 2 7 100: (2 + 7) / 2 = 4.5; odd count: the middle one
        ("median", d("100", "1", "7", "2"), Decimal("4.5")),
        ("median", d("3", "1", "2"), Decimal("2")),
        # exact, no float noise: 0.1 + 0.2 = 0.3
        ("sum", d("0.1", "0.2"), Decimal("0.3")),
        ("sum", [], Decimal(0)),
        ("count", d("1", "1", "5"), Decimal(3)),
    ],
)
def test_aggregate(compute: MetricCompute, values: list[Decimal], expected: Decimal) -> None:
    assert aggregate(compute, values) == expected


def test_the_largest_numbers_a_cell_may_hold_are_computed_exactly() -> None:
    """15 digits before the point, 40 in all: sums exact, means rounded half up exactly
    (Decimal's default 28 digits would round both)."""
    digits = "1234567890" * 3 + "123456789"
    values = d(*["999999999999999.99"] * 999, f"0.{digits}", f"-0.{digits}", "0.005")
    exact = sum(Fraction(v) for v in values)
    assert exact == Fraction("998999999999999990.015")  # 999 x 999999999999999.99 + 0.005
    assert Fraction(aggregate("sum", values)) == exact
    # the mean, 998999999999999990.015 / 1002 = 997005988023952.085..., is 997005988023952.09
    mean = exact / len(values)
    assert Decimal(((mean * 100) + Fraction(1, 2)).__floor__()) / 100 == Decimal(
        "997005988023952.09"
    )
    assert aggregate("mean", values) == Decimal("997005988023952.09")


@pytest.mark.parametrize(
    ("cell", "message"),
    [
        (
            "1234567890123456",
            "'1234567890123456' in column v has 16 digits before the decimal point",
        ),
        ("-0001234567890123456.5", "has 16 digits before the decimal point"),
        ("0." + "1" * 40, "has 41 digits; journeymap reads numbers of at most 40"),
    ],
)
def test_cells_past_the_precision_are_refused_where_they_stand(cell: str, message: str) -> None:
    table = parse_table("s.csv", f"v\n1\n{cell}\n".encode())
    with pytest.raises(DataError) as exc:
        compute_metric(table, entry("sum"), "journeymap.yaml:3")
    (found,) = exc.value.diagnostics
    assert (found.path, found.line, found.column, found.rule) == ("s.csv", 3, 1, "data-value")
    assert message in found.message, found.message
    table = parse_table("s.csv", b"v\n999999999999999.5\n-000999999999999999\n")
    assert compute_metric(table, entry("sum"), "journeymap.yaml:3").value == Decimal("0.5")


@pytest.mark.parametrize("compute", ["nps", "csat", "ces", "mean", "median"])
def test_nothing_to_compute_from(compute: MetricCompute) -> None:
    with pytest.raises(NoData):
        aggregate(compute, [])


def test_scale_of_nps_and_csat_answers() -> None:
    table = parse_table("s.csv", b"v\n9\n11\n")
    with pytest.raises(DataError) as exc:
        compute_metric(table, entry("nps"), "journeymap.yaml:3")
    assert problem(exc) == (
        "s.csv:3:1: '11' in column v is not an NPS answer (a whole number from 0 to 10)"
    )
    table = parse_table("c.csv", b"v\n4.5\n")
    with pytest.raises(DataError) as exc:
        compute_metric(table, entry("csat"), "journeymap.yaml:3")
    assert "'4.5' in column v is not a CSAT answer" in problem(exc)


def test_where_date_column_and_count_without_column() -> None:
    table = parse_table(
        "t.csv",
        b"when,prio,v\n"
        b"2026-01-05,High,3\n"
        b"2026-03-01,Low,100\n"  # filtered out: its later date does not count
        b"2026-02-10T09:00:00Z,High,\n"  # blank value: not used, its date does not count
        b"2026-01-20,High,5\n"
        b",High,1\n",  # used; a blank date is skipped
    )
    mean = compute_metric(
        table, entry("mean", date_column="when", where={"prio": "High"}), "journeymap.yaml:3"
    )
    # High rows with a value: 3, 5, 1 -> 9 / 3 = 3.00; dates 2026-01-05, 2026-01-20 -> 01-20
    assert (mean.value, mean.as_of, mean.used) == (Decimal("3.00"), date(2026, 1, 20), 3)
    count = compute_metric(
        table, entry("count", None, date_column="when", where={"prio": "High"}), "j:3"
    )
    # without a column every High row counts (4), and so does its date: 2026-02-10
    assert (count.value, count.as_of) == (Decimal(4), date(2026, 2, 10))


def test_where_compares_text_and_numbers_alike() -> None:
    table = parse_table("t.csv", b"score,team\n10, ops \n9,ops\n10,sales\n")
    # where values are written as text or numbers in YAML; sources.typed_sources makes
    # them text, and cells are compared without surrounding spaces: 2 ops rows
    result = compute_metric(table, entry("count", None, where={"team": "ops"}), "j:1")
    assert result.value == 2
    result = compute_metric(table, entry("count", None, where={"score": "10"}), "j:1")
    assert result.value == 2


def test_funnel_counts_distinct_accounts_reaching_later_touchpoints() -> None:
    table = parse_table(
        "crm.csv",
        b"acct,tp,seg\n"
        b"a,t1,x\na,t3,x\n"  # a skips t2 but reaches t3: it continued from t1
        b"b,t1,x\nb,t1,x\n"  # b twice at t1: one account; never later
        b"c,t2,x\nc,t4,x\n"
        b"d,t4,x\n"
        b"e,t1,y\ne,t2,y\n",  # another segment: filtered out
    )
    steps = compute_funnel(
        table,
        FunnelSource(0, "crm.csv", "j", "acct", "tp", {"seg": "x"}),
        [("t1", "One"), ("t2", "Two"), ("t3", "Three"), ("t4", "Four")],
        "journeymap.yaml:9",
    )
    # t1: a, b = 2; a reaches t3 -> 1.  t2: c = 1; c reaches t4 -> 1.
    # t3: a = 1; a reaches nothing later -> 0.  t4 is last: not computed.
    assert [(s.touchpoint, s.entered, s.continued) for s in steps] == [
        ("t1", 2, 1),
        ("t2", 1, 1),
        ("t3", 1, 0),
    ]


# --- the trend ---------------------------------------------------------------------------


def test_trend_numbers_and_coordinates() -> None:
    m = Metric.model_validate(
        {
            "id": "csat",
            "name": "CSAT",
            "value": 71.4,
            "as_of": date(2026, 9, 30),
            "history": [
                {"date": date(2026, 3, 31), "value": 85},
                {"date": date(2026, 6, 30), "value": 88},
                {"date": date(2026, 9, 30), "value": 71.4},
            ],
        }
    )
    t = trend_of(m)
    assert t is not None
    # x: 3 points over 96 - 2 * 3 padding = 90 -> 3, 48, 93
    # y: range 71.4..88 (16.6) over 24 - 2 * 3 = 18; 85 is (85 - 71.4) / 16.6 = 0.8193 up
    #    -> 21 - 0.8193 * 18 = 6.253 -> 6.3; 88 is the top (3); 71.4 the bottom (21)
    assert t.polyline == "3,6.3 48,3 93,21"
    assert (t.change, t.since, t.direction, t.verdict) == ("-16.6", "2026-06-30", "down", "worse")
    assert t.title == "CSAT over time: 85 on 2026-03-31, 88 on 2026-06-30, 71.4 on 2026-09-30"


def test_trend_respects_lower_is_better_and_flat_lines() -> None:
    faster = Metric.model_validate(
        {"id": "h", "name": "Hours", "better": "lower", "value": 3.5, "history": [{"value": 4}]}
    )
    t = trend_of(faster)
    assert t is not None
    # the value is not the history's last point, so it is appended: 4 -> 3.5
    assert (t.change, t.since, t.verdict, t.polyline) == ("-0.5", None, "better", "3,3 93,21")
    same = Metric.model_validate(
        {"id": "s", "name": "S", "value": 2, "history": [{"value": 2}, {"value": 2}]}
    )
    t = trend_of(same)
    assert t is not None
    assert (t.change, t.verdict, t.polyline) == ("±0", "same", "3,12 93,12")


def test_series_ends_with_the_current_value() -> None:
    m = Metric.model_validate(
        {
            "id": "n",
            "name": "N",
            "value": 40,
            "as_of": date(2026, 9, 1),
            "history": [{"date": date(2026, 9, 1), "value": 40}],
        }
    )
    assert series(m) == [(date(2026, 9, 1), 40)]  # already the last point: not repeated
    assert trend_of(m) is None  # one reading is not a trend
    edited = m.model_copy(update={"value": 45.0})
    assert series(edited) == [(date(2026, 9, 1), 40), (date(2026, 9, 1), 45)]


def test_config_where_values_become_text() -> None:
    from journeymap.refresh.sources import DataEntry, typed_sources

    entries = [
        DataEntry.model_validate(
            {
                "source": "s.csv",
                "metric": "j#m",
                "compute": "count",
                "where": {"Score": 10, "Team": "ops"},
            }
        )
    ]
    (source,) = typed_sources(entries)
    assert isinstance(source, MetricSource)
    assert (source.journey, source.metric, source.column) == ("j", "m", None)
    assert source.where == {"Score": "10", "Team": "ops"}
