"""Money of the portfolio, broken down for the situation picture."""

from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal

from .cube import Cube, Key, Money

ZERO = Decimal(0)


@dataclass
class MoneyRow:
    """Planned, granted and paid money of one row of a breakdown."""

    key: object
    label: str
    planned: Decimal = ZERO
    granted: Decimal = ZERO
    paid: Decimal = ZERO
    projects: int = 0
    plan: Decimal | None = None  # what the action plan sets aside, where it does

    def add(self, *, planned: Decimal, granted: Decimal, paid: Decimal, share=1) -> None:
        self.planned += planned * share
        self.granted += granted * share
        self.paid += paid * share

    def add_whole(self, money: Money) -> None:
        """Add money in full."""
        self.planned += money.planned
        self.granted += money.granted
        self.paid += money.paid


@dataclass
class Breakdown:
    key: str
    title: str
    caption: str
    rows: list[MoneyRow]
    total: MoneyRow
    has_plan: bool = False


def total_row(cube: Cube, label: str) -> MoneyRow:
    row = MoneyRow(key="total", label=label, projects=sum(cube.projects.values()))
    for money in cube.money.values():
        row.add_whole(money)
    return row


def by_key(
    cube: Cube,
    *,
    key: Callable[[Key], object],
    rows: dict[object, MoneyRow],
    missing: MoneyRow,
) -> list[MoneyRow]:
    """Add the projects' money to the rows their ``key`` names; a key no row has (None among
    them) → ``missing``, which is listed only if it has projects."""
    for found, n in cube.projects.items():
        rows.get(key(found), missing).projects += n
    for found, money in cube.money.items():
        rows.get(key(found), missing).add_whole(money)
    return [*rows.values(), *([missing] if missing.projects else [])]


def by_focus_area(cube: Cube, *, rows: dict[int, MoneyRow], missing: MoneyRow) -> list[MoneyRow]:
    """Each focus area's money, a project in several areas counting in equal shares in each;
    projects in none → ``missing``."""
    for (area_id, shared_by), money in cube.areas.items():
        rows[area_id].add(
            planned=money.planned,
            granted=money.granted,
            paid=money.paid,
            share=Decimal(1) / shared_by,
        )
    for area_id, n in cube.area_projects.items():
        rows[area_id].projects += n
    missing.add_whole(cube.unlinked)
    missing.projects = cube.unlinked_projects
    return [*rows.values(), *([missing] if missing.projects else [])]


def by_line(cube: Cube, *, instrument: bool, label: Callable[[str], str]) -> list[MoneyRow]:
    """Money summed by the budget line's instrument, or else by its source."""
    rows: dict[str, MoneyRow] = {}
    counts = cube.with_instrument if instrument else cube.with_source
    for (_status, source, line_instrument), money in cube.lines.items():
        k = line_instrument if instrument else source
        row = rows.get(k)
        if row is None:
            row = rows[k] = MoneyRow(key=k, label=label(k), projects=counts.get(k, 0))
        row.add_whole(money)
    return list(rows.values())
