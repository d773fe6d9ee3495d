"""Organisation numbers: ten digits whose last is the Luhn control digit."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from klimatkontrakt.sources.orgnumber import (
    InvalidOrgNumber,
    luhn_control_digit,
    luhn_valid,
    normalise_org_number,
)

nine_digits = st.text(alphabet="0123456789", min_size=9, max_size=9)


@given(nine_digits)
def test_the_control_digit_makes_a_valid_number(first):
    number = first + str(luhn_control_digit(first))
    assert luhn_valid(number)
    assert normalise_org_number(number) == f"{number[:6]}-{number[6:]}"


@given(nine_digits, st.integers(0, 9), st.integers(1, 9))
def test_changing_any_one_digit_breaks_the_check(first, position, shift):
    number = first + str(luhn_control_digit(first))
    digits = list(number)
    digits[position] = str((int(digits[position]) + shift) % 10)
    assert not luhn_valid("".join(digits))


def test_known_numbers_and_spellings():
    assert normalise_org_number("202100-5448") == "202100-5448"  # Skatteverket
    assert normalise_org_number("16 202100-5448") == "202100-5448"
    for bad in ["202100-5449", "21200-1355", "abcdef-ghij", "", "2120001355999"]:
        with pytest.raises(InvalidOrgNumber):
            normalise_org_number(bad)
