"""Periods as process leaders write them."""

from __future__ import annotations

from datetime import date

import pytest

from dialogkit import parse_period


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [
        ("2021-04", date(2021, 4, 1), date(2021, 4, 30)),
        ("2021-04-13", date(2021, 4, 13), date(2021, 4, 13)),
        ("april 2021", date(2021, 4, 1), date(2021, 4, 30)),
        ("Februari 2024", date(2024, 2, 1), date(2024, 2, 29)),
        ("Hösten 2023", date(2023, 8, 1), date(2023, 12, 31)),
        ("Våren 2023", date(2023, 1, 1), date(2023, 6, 30)),
        ("sommaren 2023", date(2023, 6, 1), date(2023, 8, 31)),
        ("HT 2023", date(2023, 8, 1), date(2023, 12, 31)),
        ("Juni-september 2023", date(2023, 6, 1), date(2023, 9, 30)),
        ("juni – september 2023", date(2023, 6, 1), date(2023, 9, 30)),
        ("december 2020 - januari 2021", date(2020, 12, 1), date(2021, 1, 31)),
        ("2021-02-01..2021-02-26", date(2021, 2, 1), date(2021, 2, 26)),
        ("2021-02-01 – 2021-02-26", date(2021, 2, 1), date(2021, 2, 26)),
        ("2023-03..2024-12", date(2023, 3, 1), date(2024, 12, 31)),
        ("2023", date(2023, 1, 1), date(2023, 12, 31)),
    ],
)
def test_parses(text, start, end):
    period = parse_period(text)
    assert (period.start, period.end, period.text) == (start, end, text)


@pytest.mark.parametrize("text", ["", "hösten", "snart 2023", "2021-02-30", "2021-13", "a - b - c"])
def test_refuses(text):
    with pytest.raises(ValueError):
        parse_period(text)


def test_months_spanned():
    assert parse_period("november 2020 - februari 2021").months() == [
        (2020, 11),
        (2020, 12),
        (2021, 1),
        (2021, 2),
    ]
