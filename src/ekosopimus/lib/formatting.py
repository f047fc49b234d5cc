"""Finnish-first formatting of money and amounts, through Django's localisation."""

from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from django.utils import formats
from django.utils.translation import gettext as _

MILLION = Decimal(1_000_000)


def parse_meur(text: str | None) -> Decimal | None:
    """Turn an amount written in M€ ("2,25", "0,3") into Decimal euros; blank stays ``None``.

    Raises ``ValueError`` with the offending text when it is not a number.
    """
    if text is None or str(text).strip() == "":
        return None
    cleaned = str(text).strip().replace("\xa0", "").replace(" ", "").replace(",", ".")
    try:
        value = Decimal(cleaned)
    except InvalidOperation:
        raise ValueError(_("not an amount in M€: %(text)r") % {"text": text}) from None
    if value < 0:
        raise ValueError(_("a planned amount cannot be negative: %(text)r") % {"text": text})
    return (value * MILLION).quantize(Decimal("0.01"))


def format_eur(value: Decimal | int | None, decimals: int = 0) -> str:
    """``1500000`` -> ``1 500 000 €`` in the active language's number format."""
    if value is None:
        return ""
    amount = Decimal(value).quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)
    number = formats.number_format(amount, decimal_pos=decimals, use_l10n=True, force_grouping=True)
    return f"{number}\xa0€"


def format_meur(value: Decimal | int | None, decimals: int = 2) -> str:
    """``25050000`` -> ``25,05 M€`` in the active language's number format."""
    if value is None:
        return ""
    millions = (Decimal(value) / MILLION).quantize(Decimal(1).scaleb(-decimals), ROUND_HALF_UP)
    number = formats.number_format(
        millions, decimal_pos=decimals, use_l10n=True, force_grouping=True
    )
    return f"{number}\xa0M€"


def format_percent(value: Decimal | int | None, decimals: int = 0) -> str:
    """``40`` -> ``40 %`` (Finnish puts a space before the sign)."""
    if value is None:
        return ""
    number = formats.number_format(Decimal(value), decimal_pos=decimals, use_l10n=True)
    return f"{number}\xa0%"
