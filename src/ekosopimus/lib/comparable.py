"""Text and numbers as a comparison of two versions should see them.

Two readings of one agreement differ in ways that are not changes: a line-end hyphen left in
a word or taken out ("kau-punki", "kaupunki"), spaces, dashes, a final full stop, letter case,
"50.00" against "50". Comparisons go through these forms; what is shown stays as written.
"""

import re
import unicodedata
from decimal import Decimal, InvalidOperation

_SOFT_HYPHEN = "\u00ad"
_DASHES = re.compile(r"[\u2010-\u2015\u2212]")
_HYPHEN = re.compile(r"(?<=\w)- ?(?=\w)")
_SPACES = re.compile(r"\s+")


def comparable_text(text: object) -> str:
    """``text`` with case, spacing, dashes, hyphenation and a final full stop evened out."""
    value = unicodedata.normalize("NFC", str(text or "")).replace(_SOFT_HYPHEN, "")
    value = _DASHES.sub("-", value)
    value = _HYPHEN.sub("", value)
    value = _SPACES.sub(" ", value).strip().rstrip(".").strip()
    return value.casefold()


def comparable_number(value: object) -> str:
    """A number as one canonical text ("50.00", "50", 50 and "50,0" are all "50"); a value
    that is not a number is compared as text."""
    if value is None or value == "":
        return ""
    if isinstance(value, bool):
        return str(value)
    try:
        number = Decimal(str(value).replace("\xa0", "").replace(" ", "").replace(",", "."))
    except InvalidOperation:
        return comparable_text(value)
    if not number.is_finite():
        return comparable_text(value)
    return format(number.normalize(), "f") if number else "0"
