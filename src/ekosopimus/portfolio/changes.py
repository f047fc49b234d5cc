"""A granted project's state, a change asked for it, and what differs between two states.

A change request stores two states: the project as granted when the request was made, and as
requested. Both hold what a funding decision fixes and a change request may change: the dates,
the lead implementer and co-implementers, the granted money of each budget line and the final
target of each indicator. Each part has a key ("end_date", "granted:eu_state:ERDF",
"target:RCO01"), so that a difference, a conflict with a later change and the change to make on
approval are all said of the same parts.
"""

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.utils.formats import date_format, number_format
from django.utils.translation import gettext as _

from ekosopimus.agreements.models import Instrument
from ekosopimus.lib.formatting import format_eur
from ekosopimus.monitoring.models import IndicatorDefinition, ProjectTarget
from ekosopimus.organizations.models import Organization

from .models import FundingSource, Project, line_label
from .rules.facts import Line

CENT = Decimal("0.01")


@dataclass(frozen=True)
class Party:
    """An organisation as a state names it: its name is kept, should it be renamed later."""

    id: int
    name: str


def line_key(line: Line) -> str:
    """The key of a budget line's granted money in a state's parts."""
    return f"granted:{line.source}:{line.instrument}"


@dataclass(frozen=True)
class Target:
    indicator: str
    final_value: Decimal
    baseline: Decimal | None = None

    @property
    def key(self) -> str:
        return f"target:{self.indicator}"


@dataclass(frozen=True)
class ProjectState:
    start_date: date | None
    end_date: date | None
    lead_implementer: Party | None
    co_implementers: tuple[Party, ...] = ()
    budget: tuple[Line, ...] = ()
    targets: tuple[Target, ...] = ()

    @classmethod
    def of(cls, project: Project) -> "ProjectState":
        """The project as it stands in the database now."""
        lead = project.lead_implementer
        targets = ProjectTarget.objects.filter(project=project).select_related("indicator")
        return cls(
            start_date=project.start_date,
            end_date=project.end_date,
            lead_implementer=Party(lead.pk, lead.name) if lead else None,
            co_implementers=tuple(
                Party(o.pk, o.name) for o in project.co_implementers.order_by("name", "pk")
            ),
            budget=tuple(
                Line(b.source, b.instrument, b.planned, b.granted, b.paid)
                for b in project.budget_lines.order_by("source", "instrument")
            ),
            targets=tuple(
                Target(t.indicator.code, t.final_value, t.baseline)
                for t in targets.order_by("indicator__code")
            ),
        )

    def to_json(self) -> dict:
        def party(value: Party | None):
            return None if value is None else {"id": value.id, "name": value.name}

        return {
            "start_date": self.start_date.isoformat() if self.start_date else None,
            "end_date": self.end_date.isoformat() if self.end_date else None,
            "lead_implementer": party(self.lead_implementer),
            "co_implementers": [party(p) for p in self.co_implementers],
            "budget": [
                {
                    "source": line.source,
                    "instrument": line.instrument,
                    "planned": str(line.planned),
                    "granted": str(line.granted),
                    "paid": str(line.paid),
                }
                for line in self.budget
            ],
            "targets": [
                {
                    "indicator": t.indicator,
                    "final_value": str(t.final_value),
                    "baseline": None if t.baseline is None else str(t.baseline),
                }
                for t in self.targets
            ],
        }

    @classmethod
    def from_json(cls, data: Mapping) -> "ProjectState":
        def day(value):
            return date.fromisoformat(value) if value else None

        def party(value):
            return Party(value["id"], value["name"]) if value else None

        return cls(
            start_date=day(data.get("start_date")),
            end_date=day(data.get("end_date")),
            lead_implementer=party(data.get("lead_implementer")),
            co_implementers=tuple(party(p) for p in data.get("co_implementers", [])),
            budget=tuple(
                Line(
                    line["source"],
                    line["instrument"],
                    Decimal(line["planned"]),
                    Decimal(line["granted"]),
                    Decimal(line["paid"]),
                )
                for line in data.get("budget", [])
            ),
            targets=tuple(
                Target(
                    t["indicator"],
                    Decimal(t["final_value"]),
                    None if t.get("baseline") is None else Decimal(t["baseline"]),
                )
                for t in data.get("targets", [])
            ),
        )

    def values(self) -> dict[str, object]:
        """Each part that a change may change, by its key, as comparable values."""
        found: dict[str, object] = {
            "start_date": self.start_date,
            "end_date": self.end_date,
            "lead_implementer": self.lead_implementer.id if self.lead_implementer else None,
            "co_implementers": frozenset(p.id for p in self.co_implementers),
        }
        for line in self.budget:
            found[line_key(line)] = line.granted
        for target in self.targets:
            found[target.key] = target.final_value
        return found

    def shown(self, key: str) -> str:
        """A part as a person reads it."""
        if key in ("start_date", "end_date"):
            value = getattr(self, key)
            return date_format(value, "SHORT_DATE_FORMAT") if value else "–"
        if key == "lead_implementer":
            return self.lead_implementer.name if self.lead_implementer else "–"
        if key == "co_implementers":
            return ", ".join(p.name for p in self.co_implementers) or "–"
        if key.startswith("granted:"):
            line = next((line for line in self.budget if line_key(line) == key), None)
            return format_eur(line.granted, 2) if line else "–"
        target = next((t for t in self.targets if t.key == key), None)
        return number_format(target.final_value.normalize(), force_grouping=True) if target else "–"

    def label(self, key: str) -> str:
        labels = {
            "start_date": _("Start date"),
            "end_date": _("End date"),
            "lead_implementer": _("Lead implementer"),
            "co_implementers": _("Co-implementers"),
        }
        if key in labels:
            return str(labels[key])
        if key.startswith("granted:"):
            _prefix, source, instrument = key.split(":")
            return _("Granted: %(line)s") % {"line": line_label(source, instrument)}
        return _("Final target: %(indicator)s") % {"indicator": key.removeprefix("target:")}


@dataclass(frozen=True)
class ProjectChange:
    """What a change request asks; a part left None (or out of a mapping) stays as it is."""

    start_date: date | None = None
    end_date: date | None = None
    lead_implementer: Organization | None = None
    co_implementers: list[Organization] | None = None
    # (source, instrument) -> granted amount
    granted: Mapping[tuple[str, str], Decimal] = field(default_factory=dict)
    # indicator code -> final target
    targets: Mapping[str, Decimal] = field(default_factory=dict)


@dataclass(frozen=True)
class Difference:
    key: str
    label: str
    granted: str
    requested: str


def differences(before: ProjectState, after: ProjectState) -> list[Difference]:
    """The parts that ``after`` changes, in the order a decision reads them."""
    old, new = before.values(), after.values()
    keys = [key for key in new if old.get(key) != new[key]]
    keys += [key for key in old if key not in new]
    return [Difference(key, after.label(key), before.shown(key), after.shown(key)) for key in keys]


def requested(state: ProjectState, change: ProjectChange) -> ProjectState:
    """``state`` with ``change`` made to it; a change that cannot stand is refused, saying why."""
    errors: dict[str, list[str]] = {}
    start = change.start_date or state.start_date
    end = change.end_date or state.end_date
    if start and end and end < start:
        errors.setdefault("end_date", []).append(
            _("The project cannot end before it starts (%(start)s).")
            % {"start": date_format(start, "SHORT_DATE_FORMAT")}
        )
    budget = {(line.source, line.instrument): line for line in state.budget}
    for (source, instrument), amount in change.granted.items():
        if source not in FundingSource.values or (
            instrument and (source != FundingSource.EU_STATE or instrument not in Instrument.values)
        ):
            errors.setdefault("granted", []).append(_("Unknown funding source."))
            continue
        if amount is None or amount < 0:
            errors.setdefault("granted", []).append(_("A granted amount cannot be negative."))
            continue
        held = budget.get((source, instrument))
        budget[(source, instrument)] = Line(
            source,
            instrument,
            held.planned if held else Decimal("0.00"),
            amount.quantize(CENT),
            held.paid if held else Decimal("0.00"),
        )
    targets = {target.indicator: target for target in state.targets}
    directions = dict(
        IndicatorDefinition.objects.filter(code__in=list(change.targets)).values_list(
            "code", "direction"
        )
    )
    for code, final in change.targets.items():
        held = targets.get(code)
        if held is None:
            errors.setdefault("targets", []).append(
                _("The project has no target for %(code)s to change; set it on its targets page.")
                % {"code": code}
            )
            continue
        if final is None or final < 0:
            errors.setdefault("targets", []).append(
                _("%(code)s: a target cannot be negative.") % {"code": code}
            )
            continue
        grows = directions.get(code) != IndicatorDefinition.Direction.DECREASE
        if held.baseline is not None and grows and final < held.baseline:
            errors.setdefault("targets", []).append(
                _("%(code)s: the final target (%(final)s) is below the baseline (%(baseline)s).")
                % {
                    "code": code,
                    "final": number_format(final.normalize(), force_grouping=True),
                    "baseline": number_format(held.baseline.normalize(), force_grouping=True),
                }
            )
            continue
        targets[code] = Target(code, final.quantize(CENT), held.baseline)
    if errors:
        raise ValidationError(errors)
    lead = change.lead_implementer
    partners = change.co_implementers
    return ProjectState(
        start_date=start,
        end_date=end,
        lead_implementer=Party(lead.pk, lead.name) if lead else state.lead_implementer,
        co_implementers=(
            tuple(Party(o.pk, o.name) for o in sorted(partners, key=lambda o: (o.name, o.pk)))
            if partners is not None
            else state.co_implementers
        ),
        budget=tuple(budget[key] for key in sorted(budget)),
        targets=tuple(targets[code] for code in sorted(targets)),
    )
