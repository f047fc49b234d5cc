"""Finnish business IDs (Y-tunnus): normalising and checking the check digit."""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

_WEIGHTS = (7, 9, 10, 5, 8, 4, 2)
_SHAPE = re.compile(r"^(\d{6,7})-?(\d)$")


def check_digit(digits: str) -> int | None:
    """The check digit for the seven digits of a business ID; ``None`` if no ID has them."""
    remainder = sum(int(d) * w for d, w in zip(digits.zfill(7), _WEIGHTS, strict=True)) % 11
    if remainder == 1:
        return None
    return 0 if remainder == 0 else 11 - remainder


def normalise_business_id(value: str) -> str:
    """Return the business ID as ``1234567-8``, or raise ``ValidationError`` saying what is wrong.

    Old IDs of six digits get their leading zero back. The check digit must match: a typo
    in one digit is caught here rather than creating a second organisation.
    """
    text = re.sub(r"\s+", "", str(value or ""))
    match = _SHAPE.match(text)
    if not match:
        raise ValidationError(
            _("“%(value)s” is not a business ID: it must look like 1234567-8."),
            code="business_id_shape",
            params={"value": value},
        )
    digits = match.group(1).zfill(7)
    check = int(match.group(2))
    expected = check_digit(digits)
    if expected is None:
        raise ValidationError(
            _("“%(value)s” is not a valid business ID: no business ID has these digits."),
            code="business_id_impossible",
            params={"value": value},
        )
    if check != expected:
        raise ValidationError(
            _("The check digit of business ID “%(value)s” is wrong (it should be %(expected)s)."),
            code="business_id_check_digit",
            params={"value": value, "expected": expected},
        )
    return f"{digits}-{check}"


def is_business_id(value: str) -> bool:
    """Whether ``value`` is a well-formed business ID with a correct check digit."""
    try:
        normalise_business_id(value)
    except ValidationError:
        return False
    return True
