"""A row's money: EU + State, other public and private, each as planned, granted and paid.

Each amount goes to the state its column names. The lists state some money in one state only
(the EURA 2021 export plans, the 2014 list grants EU and State money, no list grants local
money). EURA's plan of a project whose funding decision is in force is what was granted, so for
such a project the one amount is read as both; for any other project (discontinued) nothing is
moved between planned and granted, and its line says what was not read.
"""

from decimal import Decimal
from typing import TYPE_CHECKING

from django.utils.translation import gettext as _

from ekosopimus.lib.formatting import format_eur

from ..models import FundingSource, ProjectStatus
from .columns import Layout

if TYPE_CHECKING:
    from .rows import _Row

ZERO = Decimal("0.00")
# (planned, granted, paid); None where the file does not state the amount.
Amounts = tuple[Decimal | None, Decimal | None, Decimal | None]
# Statuses of a project whose funding decision is in force.
IN_FORCE = frozenset({ProjectStatus.GRANTED, ProjectStatus.ONGOING, ProjectStatus.CLOSED})

_EU_COLUMNS = ("eu_state_planned", "eu_state_granted", "eu_state_paid")
_PUBLIC_COLUMNS = ("public_planned", "public_paid")
_TOTAL_COLUMNS = ("total_planned", "total_paid")


def eur(amount: Decimal) -> str:
    """An amount as a warning shows it: whole euros unless it has cents."""
    return format_eur(amount, 0 if amount == amount.to_integral_value() else 2)


def _source_label(source: str) -> str:
    return {
        FundingSource.EU_STATE: _("EU and State"),
        FundingSource.OTHER_PUBLIC: _("other public"),
        FundingSource.PRIVATE: _("private"),
    }[source]


def one_state_note(layout: Layout) -> str:
    """The file-level note on money that the list states in one state only; "" if none."""
    columns = layout.positions
    eu_one_state = ("eu_state_planned" in columns) != ("eu_state_granted" in columns)
    local = any(name in columns for name in ("public_planned", "total_planned"))
    if not (eu_one_state or local):
        return ""
    return _(
        "The list states some money only as planned or only as granted. For a project whose "
        "funding decision is in force (granted, ongoing or closed) that amount is read as both, "
        "as EURA's plan of a funded project is what was granted; for any other project only "
        "what the list states is read, and its line says which amounts were not."
    )


def _difference(row: "_Row", larger: Decimal | None, smaller: Decimal, column: str):
    """The part of a total that is not in its sub-total; a total below its part is reported."""
    if larger is None:
        return None
    if larger < smaller:
        row.warn(
            column,
            _(
                "the total (%(total)s) is less than its EU and State part "
                "(%(part)s); the rest is read as 0 €"
            )
            % {"total": eur(larger), "part": eur(smaller)},
        )
        return ZERO
    return larger - smaller


def _rest(total: Decimal | None, part: Decimal | None) -> Decimal | None:
    if total is None:
        return None
    return max(total - (part or ZERO), ZERO)


class _States:
    """Planned and granted of each source, copied into each other only where the file says
    the funding decision is in force; what was not copied is collected for one warning."""

    def __init__(self, in_force: bool):
        self.in_force = in_force
        self.not_granted: list[str] = []
        self.not_planned: list[str] = []

    def both(self, source: str, planned: Decimal | None, granted: Decimal | None):
        if planned is not None and granted is None:
            if self.in_force:
                return planned, planned
            if planned:
                self.not_granted.append(f"{_source_label(source)} {eur(planned)}")
        elif granted is not None and planned is None:
            if self.in_force:
                return granted, granted
            if granted:
                self.not_planned.append(f"{_source_label(source)} {eur(granted)}")
        return planned, granted

    def warn(self, row: "_Row", status: str) -> None:
        if not (self.not_granted or self.not_planned):
            return
        label = ProjectStatus(status).label
        for amounts, message in (
            (
                self.not_granted,
                _(
                    "the project is “%(status)s” and the list does not say what was granted: "
                    "its planned money is not read as granted (%(amounts)s)"
                ),
            ),
            (
                self.not_planned,
                _(
                    "the project is “%(status)s” and the list does not say what was planned: "
                    "its granted money is not read as planned (%(amounts)s)"
                ),
            ),
        ):
            if amounts:
                row.warn("", message % {"status": label, "amounts": ", ".join(amounts)})


def read_money(row: "_Row", status: str | None) -> dict[str, Amounts]:
    """The row's money by source, for the sources the file has columns for."""
    eu_planned = row.euros("eu_state_planned")
    eu_granted = row.euros("eu_state_granted")
    eu_paid = row.euros("eu_state_paid", paid=True)
    public_planned = row.euros("public_planned")
    public_paid = row.euros("public_paid", paid=True)
    total_planned = row.euros("total_planned")
    total_paid = row.euros("total_paid", paid=True)
    if row.errors or status is None:
        return {}
    columns = row.layout.positions
    states = _States(status in IN_FORCE)
    money: dict[str, Amounts] = {}
    # The EU and State part of the plan, which the public and total sums include.
    eu_plan = eu_planned if eu_planned is not None else eu_granted
    if any(name in columns for name in _EU_COLUMNS):
        planned, granted = states.both(FundingSource.EU_STATE, eu_planned, eu_granted)
        money[FundingSource.EU_STATE] = (planned, granted, eu_paid)
        held = granted if granted is not None else planned
        if eu_paid and held is not None and eu_paid > held:
            row.warn(
                "eu_state_paid",
                _("more EU and State money realised (%(paid)s) than granted (%(granted)s)")
                % {"paid": eur(eu_paid), "granted": eur(held)},
            )
    if any(name in columns for name in _PUBLIC_COLUMNS):
        column = "public_planned" if "public_planned" in columns else ""
        other = _difference(row, public_planned, eu_plan or ZERO, column)
        planned, granted = states.both(FundingSource.OTHER_PUBLIC, other, None)
        money[FundingSource.OTHER_PUBLIC] = (planned, granted, _rest(public_paid, eu_paid))
    if any(name in columns for name in _TOTAL_COLUMNS):
        public = public_planned if public_planned is not None else eu_plan
        private = _difference(row, total_planned, public or ZERO, "total_planned")
        planned, granted = states.both(FundingSource.PRIVATE, private, None)
        paid_public = public_paid if public_paid is not None else eu_paid
        money[FundingSource.PRIVATE] = (planned, granted, _rest(total_paid, paid_public))
    states.warn(row, status)
    return money
