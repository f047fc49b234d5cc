"""Reading the cells of the spreadsheets and CSV lists that coordinators receive.

Every parser takes what a file holds (text, or the number or date a spreadsheet stores) and
either returns a clean value or raises ``ValueError`` with a message fit to show the user.
"""

import datetime
import math
import re
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from django.utils.translation import gettext as _

CENT = Decimal("0.01")
_DATE = re.compile(r"^(\d{1,2})\.(\d{1,2})\.(\d{4})$")
_ISO_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})(?:[ T].*)?$")
_SPACES = re.compile(r"[\s\u00a0\u202f]+")
# Characters with which a spreadsheet program starts a formula (OWASP's CSV injection list).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def is_blank(value: object) -> bool:
    """Nothing in the cell: ``None``, or only whitespace."""
    return value is None or (isinstance(value, str) and not value.strip())


def parse_date(value: object) -> datetime.date | None:
    """A date written ``d.m.yyyy``, in ISO, or stored as a date by a spreadsheet; blank is None."""
    if is_blank(value):
        return None
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    text = str(value).strip()
    match = _DATE.match(text)
    if match:
        day, month, year = (int(part) for part in match.groups())
    else:
        match = _ISO_DATE.match(text)
        if not match:
            raise ValueError(_("“%(value)s” is not a date (d.m.yyyy)") % {"value": text})
        year, month, day = (int(part) for part in match.groups())
    try:
        return datetime.date(year, month, day)
    except ValueError:
        raise ValueError(_("“%(value)s” is not a date in the calendar") % {"value": text}) from None


def parse_euros(value: object) -> Decimal | None:
    """An amount in euros: ``443909``, ``55487.43``, ``1 234,50``, ``1.234,50 €``; blank is None.

    Spreadsheets store numbers as binary floats; they are read to the cent. A negative amount is
    returned as such: real lists carry negative realised sums (recoveries), and the caller decides.
    """
    # Fast paths for the numbers that spreadsheets hold; a 100,000-row file has 600,000.
    if type(value) is int:
        return Decimal(value)
    if type(value) is float:
        if value.is_integer():
            return Decimal(int(value))
        if math.isfinite(value):
            return Decimal(repr(value)).quantize(CENT, rounding=ROUND_HALF_UP)
    if is_blank(value):
        return None
    if isinstance(value, bool):
        raise ValueError(_("“%(value)s” is not an amount in euros") % {"value": value})
    if isinstance(value, int | float | Decimal):
        amount = Decimal(str(value))
        text = str(value)
    else:
        text = str(value).strip()
        cleaned = _SPACES.sub("", text).removesuffix("€").removesuffix("EUR")
        if "," in cleaned and "." in cleaned:
            cleaned = cleaned.replace(".", "")
        cleaned = cleaned.replace(",", ".")
        try:
            amount = Decimal(cleaned)
        except InvalidOperation:
            raise ValueError(_("“%(value)s” is not an amount in euros") % {"value": text}) from None
    if not amount.is_finite():
        raise ValueError(_("“%(value)s” is not an amount in euros") % {"value": text})
    return amount.quantize(CENT, rounding=ROUND_HALF_UP)


def neutralise_formula(value: object) -> object:
    """Text that a spreadsheet would run as a formula gets a leading apostrophe; the rest is kept.

    Numbers and dates are left alone: only text is ever read as a formula.
    """
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value
