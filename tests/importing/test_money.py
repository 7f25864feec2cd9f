"""Sums of money as councils print them, and the numbers that are not money."""

from decimal import Decimal

import pytest

from decisions.importing.parsing.money import find_amounts


@pytest.mark.parametrize(
    ("printed", "value"),
    [
        ("£18,116,521", Decimal("18116521")),
        ("£9m", Decimal("9000000")),
        ("£5.9m", Decimal("5900000")),
        ("£500k", Decimal("500000")),
        ("£27,890.90", Decimal("27890.90")),
        ("-£0.844m", Decimal("-844000")),
        ("£2.5bn", Decimal("2500000000")),
        ("£1.25 million", Decimal("1250000")),
        ("£ 760,000", Decimal("760000")),
        ("£250", Decimal("250")),
    ],
)
def test_a_sum_is_read_with_its_text_as_printed(printed, value):
    (amount,) = find_amounts(f"The council will spend {printed} this year.")

    assert (amount.text, amount.value) == (printed, value)


@pytest.mark.parametrize(
    ("printed", "qualifier"),
    [
        ("approximately £3.5m", "approximately"),
        ("around £765,000", "around"),
        ("circa £760,000", "circa"),
        ("up to £650", "up to"),
        ("in excess of £1m", "in excess of"),
    ],
)
def test_a_qualified_sum_keeps_its_qualifier_in_its_text(printed, qualifier):
    (amount,) = find_amounts(f"a budget of {printed} was set")

    assert (amount.text, amount.qualifier) == (printed, qualifier)


def test_approximately_three_and_a_half_million_is_the_number():
    (amount,) = find_amounts("approximately £3.5m")

    assert amount.value == Decimal("3500000")


def test_a_sum_per_year_keeps_its_recurrence():
    (amount,) = find_amounts("circa £760,000 per year for home care")

    assert (amount.text, amount.value, amount.recurrence) == (
        "circa £760,000 per year",
        Decimal("760000"),
        "per year",
    )


def test_sums_come_in_order_with_repeats_kept():
    text = "£9m in 2017/18, then £5.9m, then £9m again"

    assert [amount.text for amount in find_amounts(text)] == ["£9m", "£5.9m", "£9m"]


def test_a_range_gives_two_sums_neither_negative():
    assert [amount.value for amount in find_amounts("between £3m-£4m")] == [
        Decimal("3000000"),
        Decimal("4000000"),
    ]


@pytest.mark.parametrize(
    "text",
    [
        "Telephone 01632 960123 or 020 7946 0018.",
        "as set out in paragraph 3.17 of the report",
        "in 2023, 2024 and 2025",
        "for 2018/19 and 2023-24",
        "the 59m people of the UK",
        "section 9(a) and minute Cab.7.9.2016/9",
        "£m",
    ],
)
def test_numbers_that_are_not_money_are_not_read_as_money(text):
    assert find_amounts(text) == []


def test_etc_is_not_a_qualifier():
    (amount,) = find_amounts("fees, charges etc. £5,000 in total")

    assert (amount.text, amount.qualifier) == ("£5,000", None)
