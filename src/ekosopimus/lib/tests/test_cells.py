import datetime
from decimal import Decimal

import pytest

from ekosopimus.lib.cells import neutralise_formula, parse_date, parse_euros


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("443909", Decimal("443909")),
        ("55487.43", Decimal("55487.43")),
        ("1 234,50", Decimal("1234.50")),
        ("1.234,50 €", Decimal("1234.50")),
        ("\u00a012\u00a0500 EUR", Decimal("12500")),
        (600000.0, Decimal("600000")),
        (0.1 + 0.2, Decimal("0.30")),
        ("-744", Decimal("-744")),
        (" ", None),
        (None, None),
    ],
)
def test_it_reads_amounts_as_written_in_real_lists(value, expected):
    assert parse_euros(value) == expected


@pytest.mark.parametrize(
    ("value", "text"), [(194857.9, "194857.90"), (0.285, "0.29"), (-1.005, "-1.01"), (2.5, "2.50")]
)
def test_a_spreadsheet_number_is_read_to_the_cent_as_it_is_written(value, text):
    # The float's shortest written form is rounded, never its binary value (0.285 is below it).
    assert str(parse_euros(value)) == text


@pytest.mark.parametrize("value", ["paljon", "1,2,3", "nan", True, float("nan"), float("inf")])
def test_it_refuses_what_is_not_an_amount(value):
    with pytest.raises(ValueError):
        parse_euros(value)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("1.3.2015", datetime.date(2015, 3, 1)),
        ("31.12.2027", datetime.date(2027, 12, 31)),
        ("2023-01-09", datetime.date(2023, 1, 9)),
        (datetime.datetime(2024, 5, 6, 0, 0), datetime.date(2024, 5, 6)),
        ("", None),
    ],
)
def test_it_reads_finnish_and_spreadsheet_dates(value, expected):
    assert parse_date(value) == expected


@pytest.mark.parametrize("value", ["7560", "31.2.2020", "huomenna"])
def test_it_refuses_an_impossible_date_with_the_value_in_the_message(value):
    with pytest.raises(ValueError, match=value):
        parse_date(value)


@pytest.mark.parametrize("start", ["=", "+", "-", "@", "\t", "\r"])
def test_text_that_a_spreadsheet_would_run_is_neutralised(start):
    assert neutralise_formula(f"{start}HYPERLINK(1)") == f"'{start}HYPERLINK(1)"


def test_numbers_and_plain_text_are_left_alone():
    assert neutralise_formula(-5) == -5
    assert neutralise_formula("Kuopio") == "Kuopio"
