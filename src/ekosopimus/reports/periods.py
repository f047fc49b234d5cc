"""The calendar years an agreement's annual reports may cover."""

from django.utils.translation import gettext as _

from ekosopimus.agreements.models import Agreement

# The agreements' term when the register does not say otherwise.
FIRST_YEAR, LAST_YEAR = 2021, 2027


class YearOutside(ValueError):
    """A year the agreement did not run in."""


def agreement_years(agreement: Agreement) -> range:
    """The years from the signing to the end of the agreement (2021–2027 where unknown)."""
    first = agreement.signed_on.year if agreement.signed_on else FIRST_YEAR
    last = agreement.ends_on.year if agreement.ends_on else LAST_YEAR
    return range(first, last + 1)


def year_check(*, agreement: Agreement, year: int) -> None:
    """Raise ``YearOutside`` with a sentence for the user unless the agreement ran in ``year``."""
    years = agreement_years(agreement)
    if year not in years:
        raise YearOutside(
            _(
                "The agreement of %(region)s runs from %(first)s to %(last)s; "
                "there is no report of %(year)s."
            )
            % {
                "region": agreement.city_region,
                "first": years[0],
                "last": years[-1],
                "year": year,
            }
        )
