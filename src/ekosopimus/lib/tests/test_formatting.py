from decimal import Decimal

import pytest
from django.utils import translation

from ekosopimus.lib.formatting import format_eur, format_meur, format_percent, parse_meur
from ekosopimus.lib.text import normalise_paragraphs, paragraphs

NBSP = "\xa0"


@pytest.fixture(autouse=True)
def finnish():
    with translation.override("fi"):
        yield


def test_it_formats_euros_with_finnish_grouping():
    assert format_eur(Decimal("1500000")) == f"1{NBSP}500{NBSP}000{NBSP}€"


def test_it_formats_millions_with_a_decimal_comma():
    assert format_meur(Decimal("25050000")) == f"25,05{NBSP}M€"
    assert format_meur(Decimal("300000")) == f"0,30{NBSP}M€"


def test_it_formats_percentages_with_a_space_before_the_sign():
    assert format_percent(40) == f"40{NBSP}%"


def test_a_blank_amount_formats_as_nothing_not_zero():
    assert format_eur(None) == ""
    assert format_meur(None) == ""


@pytest.mark.parametrize(
    ("written", "euros"),
    [("2", "2000000.00"), ("2,25", "2250000.00"), ("0,3", "300000.00"), ("1.5", "1500000.00")],
)
def test_it_reads_amounts_written_in_millions(written, euros):
    assert parse_meur(written) == Decimal(euros)


@pytest.mark.parametrize("blank", [None, "", "  "])
def test_a_blank_amount_stays_blank(blank):
    assert parse_meur(blank) is None


@pytest.mark.parametrize("bad", ["kaksi", "1,2,3", "-1"])
def test_it_refuses_what_is_not_an_amount(bad):
    with pytest.raises(ValueError, match="miljoonina euroina|negatiivinen"):
        parse_meur(bad)


def test_paragraphs_split_at_blank_lines_and_collapse_spaces():
    text = "Eka  rivi\njatkuu.\n\n  Toinen.\n \n"
    assert paragraphs(text) == ["Eka rivi jatkuu.", "Toinen."]
    assert normalise_paragraphs(text) == "Eka rivi jatkuu.\n\nToinen."
