import pytest
from django.core.exceptions import ValidationError

from ekosopimus.lib.business_id import is_business_id, normalise_business_id
from ekosopimus.lib.names import clean_name, name_key


def test_it_accepts_a_business_id_with_the_right_check_digit():
    assert normalise_business_id(" 0245894-7 ") == "0245894-7"


def test_it_restores_the_leading_zero_of_an_old_six_digit_id():
    assert normalise_business_id("245894-7") == "0245894-7"


def test_it_refuses_a_wrong_check_digit_and_says_which_is_right():
    with pytest.raises(ValidationError) as error:
        normalise_business_id("0245894-8")
    assert "7" in error.value.messages[0]
    assert error.value.error_list[0].code == "business_id_check_digit"


@pytest.mark.parametrize("value", ["", "abc", "12345678-9", "0245894"])
def test_it_refuses_what_is_not_shaped_like_a_business_id(value):
    assert not is_business_id(value)


def test_it_refuses_digits_for_which_no_check_digit_exists():
    # 0000006: remainder 1 under the weights, so no business ID has these digits.
    with pytest.raises(ValidationError) as error:
        normalise_business_id("0000006-0")
    assert error.value.error_list[0].code == "business_id_impossible"


@pytest.mark.parametrize(
    "spelling", ["ITÄ-SUOMEN YLIOPISTO", " Itä - Suomen  yliopisto ", "Itä–Suomen yliopisto."]
)
def test_spellings_of_one_name_share_a_key(spelling):
    assert name_key(spelling) == name_key("Itä-Suomen yliopisto")


def test_different_letters_keep_names_apart():
    assert name_key("Itä-Suomen yliopisto") != name_key("Ita-Suomen yliopisto")


def test_a_clean_name_keeps_its_case_and_loses_stray_spaces():
    assert clean_name("  Savonia-ammattikorkeakoulu   Oy ") == "Savonia-ammattikorkeakoulu Oy"
