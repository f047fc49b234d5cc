"""Money of the portfolio, broken down for the situation picture."""

from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from decimal import Decimal

from ekosopimus.portfolio.rules.facts import NOT_PLANNED, ProjectFacts

ZERO = Decimal(0)
STATES = ("planned", "granted", "paid")


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

    def add_whole(self, money: tuple[Decimal, Decimal, Decimal]) -> None:
        """Add a project's planned, granted and paid money in full (``ProjectFacts.totals``)."""
        planned, granted, paid = money
        self.planned += planned
        self.granted += granted
        self.paid += paid


@dataclass
class Breakdown:
    key: str
    title: str
    caption: str
    rows: list[MoneyRow]
    total: MoneyRow
    has_plan: bool = False


def total_row(projects: Iterable[ProjectFacts], label: str) -> MoneyRow:
    row = MoneyRow(key="total", label=label)
    for project in projects:
        row.add_whole(project.totals())
        row.projects += 1
    return row


def by_project_key(
    projects: Iterable[ProjectFacts],
    *,
    keys: Callable[[ProjectFacts], list],
    rows: dict[object, MoneyRow],
    missing: MoneyRow,
) -> list[MoneyRow]:
    """Add each project's money to the rows its ``keys`` name, in equal shares when it has
    several (a project in two focus areas counts half in each); none → ``missing``."""
    for project in projects:
        own = [key for key in keys(project) if key in rows] or [None]
        money = project.totals()
        if len(own) == 1:
            row = rows[own[0]] if own[0] is not None else missing
            row.add_whole(money)
            row.projects += 1
            continue
        planned, granted, paid = money
        share = Decimal(1) / len(own)
        for key in own:
            row = rows[key] if key is not None else missing
            row.add(planned=planned, granted=granted, paid=paid, share=share)
            row.projects += 1
    return [*rows.values(), *([missing] if missing.projects else [])]


def by_line(
    projects: Iterable[ProjectFacts], *, key: Callable, label: Callable[[object], str]
) -> list[MoneyRow]:
    """Money summed by a property of the budget line (its source or instrument)."""
    rows: dict[object, MoneyRow] = {}
    counted: dict[object, set[int]] = defaultdict(set)
    for project in projects:
        planned_counts = project.status not in NOT_PLANNED
        for line in project.lines:
            k = key(line)
            row = rows.get(k)
            if row is None:
                row = rows[k] = MoneyRow(key=k, label=label(k))
            if planned_counts:
                row.planned += line.planned
            row.granted += line.granted
            row.paid += line.paid
            counted[k].add(project.pk)
    for k, row in rows.items():
        row.projects = len(counted[k])
    return list(rows.values())
