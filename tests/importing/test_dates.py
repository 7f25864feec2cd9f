"""Dates as councils print them, and the numbers that only look like dates."""

from datetime import date

import pytest

from decisions.importing.parsing.dates import find_dates, first_date, qualified_date


@pytest.mark.parametrize(
    ("printed", "expected"),
    [
        ("18/11/2023", date(2023, 11, 18)),
        ("1/4/2025", date(2025, 4, 1)),
        ("18.11.23", date(2023, 11, 18)),
        ("12.10.2015", date(2015, 10, 12)),
        ("2013/12/13", date(2013, 12, 13)),
        ("2023-11-18", date(2023, 11, 18)),
        ("Thu 22 Jan 2026", date(2026, 1, 22)),
        ("3rd Apr 2023", date(2023, 4, 3)),
        ("3 November 2016", date(2016, 11, 3)),
        ("Tuesday, 27 July 2021", date(2021, 7, 27)),
        ("25th of July 2013", date(2013, 7, 25)),
        ("July 25th 2013", date(2013, 7, 25)),
        ("Sept. 9, 2024", date(2024, 9, 9)),
    ],
)
def test_a_printed_date_is_read(printed, expected):
    assert first_date(printed) == expected


@pytest.mark.parametrize("printed", ["2018/19", "2023-24", "2023/2024", "2024/25/26", "FY2023-24"])
def test_a_financial_year_is_not_a_date(printed):
    assert find_dates(f"the budget for {printed} was agreed") == []


@pytest.mark.parametrize(
    "printed", ["Cab.7.9.2016/9", "Cab.7.9.2016", "Min.12.3.2019/4", "CAB 7.9.2016/9"]
)
def test_a_minute_reference_is_not_a_date(printed):
    assert find_dates(f"see minute {printed} of the meeting") == []


@pytest.mark.parametrize(
    "printed",
    ["01632 960123", "(01632) 960123", "+44 1632 960123", "0117-922-2000", "020 7946 0018"],
)
def test_a_telephone_number_is_not_a_date(printed):
    assert find_dates(f"Telephone {printed}") == []


@pytest.mark.parametrize("printed", ["31/02/2023", "00/01/2023", "18/13/2023", "32 Jan 2024"])
def test_an_impossible_date_is_not_read(printed):
    assert first_date(printed) is None


def test_a_date_ending_a_sentence_is_read():
    assert first_date("The decision was taken on 18/11/2023.") == date(2023, 11, 18)


def test_a_month_without_a_day_is_not_a_date():
    assert first_date("March 2022") is None


def test_the_dates_of_a_text_come_in_order():
    text = "Published 10/11/2023, decided on Thu 9 Nov 2023, effective from 18/11/2023."

    assert [found for found, _, _ in find_dates(text)] == [
        date(2023, 11, 10),
        date(2023, 11, 9),
        date(2023, 11, 18),
    ]


@pytest.mark.parametrize(
    ("printed", "expected"),
    [
        ("Not before 22/01/2026", (date(2026, 1, 22), True)),
        ("Not before Thu 22 Jan 2026 by Cabinet", (date(2026, 1, 22), True)),
        ("no earlier than 3rd Apr 2023", (date(2023, 4, 3), True)),
        ("22 Jan 2026 by Cabinet", (date(2026, 1, 22), False)),
        ("March 2022", (None, False)),
    ],
)
def test_not_before_qualifies_a_date(printed, expected):
    assert qualified_date(printed) == expected


def test_a_field_gives_the_date_it_opens_with():
    assert first_date("09/11/2023 - Cabinet\n\nnotes of 01/01/2020") == date(2023, 11, 9)
