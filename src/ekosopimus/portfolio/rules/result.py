"""What evaluating one rule gives: a status, the figures used and one sentence."""

from dataclasses import dataclass, field
from typing import Any

from django.db import models
from django.utils.translation import gettext_lazy as _


class RuleStatus(models.TextChoices):
    HOLDS = "holds", _("Holds")
    AT_RISK = "at_risk", _("At risk")
    BROKEN = "broken", _("Broken")
    NO_DATA = "no_data", _("Too little data")


# Worst first: a rule made of several checks is as bad as its worst check with data.
SEVERITY = {
    RuleStatus.BROKEN: 3,
    RuleStatus.AT_RISK: 2,
    RuleStatus.HOLDS: 1,
    RuleStatus.NO_DATA: 0,
}


def worst(statuses) -> RuleStatus:
    """The most severe status among ``statuses``; too little data if there is none."""
    return max(statuses, key=SEVERITY.__getitem__, default=RuleStatus.NO_DATA)


@dataclass(frozen=True)
class Figure:
    """A number (or date, or text) a rule used, and how to show it."""

    label: str
    value: Any
    unit: str = "eur"  # eur, percent, count, date or text
    url: str = ""


@dataclass(frozen=True)
class Table:
    """Rows behind a rule, e.g. the action plan's measures or the projects out of bounds."""

    caption: str
    headers: list[str]
    rows: list[list[Figure]]


@dataclass(frozen=True)
class RuleResult:
    """One of the agreement's rules as the portfolio stands now."""

    key: str
    title: str
    status: RuleStatus
    sentence: str
    source: str = ""  # the agreement's own words, where it states the rule
    figures: list[Figure] = field(default_factory=list)
    tables: list[Table] = field(default_factory=list)
