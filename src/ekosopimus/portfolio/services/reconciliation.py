"""The EURA reconciliation inbox: what a re-imported list states otherwise than the portfolio.

An import compares EURA's granted money, dates, status and lead implementer with what each
project holds. A value the portfolio does not hold yet is filled in; one it holds otherwise is
not overwritten but queued here, field by field with both values, until a coordinator accepts
EURA's value (recorded as a change from EURA with its file), keeps the portfolio's, or records
a change request of it. A later list that agrees with the portfolio settles a waiting
difference; one that states the same as a difference already decided to be kept queues nothing.
"""

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from ekosopimus.lib import bulk
from ekosopimus.lib.history import save_with_history
from ekosopimus.organizations.models import Organization

from ..changes import ProjectChange
from ..models import BudgetLine, ChangeRequest, EuraDifference, Project, ProjectImport
from .changes import change_request_submit
from .projects import project_update

Field = EuraDifference.Field
Status = EuraDifference.Status
# (project id, field, source, instrument): one part of one project that EURA states.
Key = tuple[int, str, str, str]


def encode(value) -> str:
    """A value as a difference keeps it: text that reads back the same."""
    if value is None:
        return ""
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return f"{value:.2f}"
    return str(value)


@dataclass
class Comparison:
    """What one import found EURA to state otherwise than the portfolio, and where it agrees."""

    found: dict[Key, tuple[str, str]] = field(default_factory=dict)
    agreeing: set[Key] = field(default_factory=set)

    def may_write(self, project_id: int, name: str, held, eura, source="", instrument="") -> bool:
        """Whether the import may write EURA's value: only where the portfolio holds none. A
        value held otherwise is remembered as a difference instead."""
        if held is None or held == "":
            return True
        key = (project_id, name, source, instrument)
        if held == eura:
            self.agreeing.add(key)
        else:
            self.found[key] = (encode(held), encode(eura))
        return False


def differences_queue(
    *, comparison: Comparison, record: ProjectImport, by: AbstractBaseUser | None
) -> int:
    """Queue the differences ``record``'s list found; returns how many now wait because of it.

    Run inside the import's transaction. Written in bulk, with history, as a re-import may
    find thousands.
    """
    keys = set(comparison.found) | comparison.agreeing
    if not keys:
        return 0
    columns = [f.attname for f in EuraDifference._meta.concrete_fields]
    waiting: dict[Key, bulk.Row] = {}
    kept: set[tuple] = set()
    project_ids = sorted({key[0] for key in keys})
    for start in range(0, len(project_ids), bulk.ID_BATCH):
        rows = EuraDifference.objects.filter(
            project_id__in=project_ids[start : start + bulk.ID_BATCH],
            status__in=[Status.OPEN, Status.KEPT],
        ).values(*columns)
        for row in rows:
            key = (row["project_id"], row["field"], row["source"], row["instrument"])
            if row["status"] == Status.OPEN:
                waiting[key] = row
            else:
                kept.add((key, row["held_value"], row["eura_value"]))
    now = timezone.now()
    new, changed, settled = [], [], []
    count = 0
    for key, (held, eura) in comparison.found.items():
        row = waiting.get(key)
        if row is not None:
            count += 1
            if (row["held_value"], row["eura_value"]) != (held, eura):
                row.update(held_value=held, eura_value=eura, project_import_id=record.pk)
                changed.append(row)
            continue
        if (key, held, eura) in kept:
            continue
        project_id, name, source, instrument = key
        new.append(
            {
                "project_id": project_id,
                "project_import_id": record.pk,
                "field": name,
                "source": source,
                "instrument": instrument,
                "held_value": held,
                "eura_value": eura,
                "status": Status.OPEN,
            }
        )
    for key in comparison.agreeing:
        row = waiting.get(key)
        if row is not None:
            row.update(status=Status.AGREED, resolved_at=now, project_import_id=record.pk)
            settled.append(row)
    reason = _("Found in %(file)s") % {"file": record.file_name}
    bulk.insert(EuraDifference, new)
    bulk.record_history(EuraDifference, new, user=by, reason=reason, change="+")
    for rows, fields in (
        (changed, ("held_value", "eura_value", "project_import_id")),
        (settled, ("status", "resolved_at", "project_import_id")),
    ):
        bulk.update(EuraDifference, rows, fields=fields)
        bulk.record_history(EuraDifference, rows, user=by, reason=reason, change="~")
    return count + len(new)


# Resolving --------------------------------------------------------------------------------


def _locked(differences: Iterable[EuraDifference]) -> list[EuraDifference]:
    ids = [difference.pk for difference in differences]
    found = list(
        EuraDifference.objects.select_for_update()
        .filter(pk__in=ids)
        .select_related("project", "project_import")
        .order_by("project_id", "field", "pk")
    )
    if len(found) != len(set(ids)):
        raise ValidationError(_("A difference was not found; reload the page."))
    closed = [d for d in found if d.status != Status.OPEN]
    if closed:
        raise ValidationError(
            _("%(project)s: the difference has already been resolved (%(status)s).")
            % {"project": closed[0].project, "status": closed[0].get_status_display()}
        )
    return found


def _resolve(difference: EuraDifference, status: str, *, by, reason: str) -> None:
    difference.status = status
    difference.resolved_at = timezone.now()
    difference.resolved_by = by
    save_with_history(difference, by=by, reason=reason, clean=False)


def _project_fields(differences: Iterable[EuraDifference]) -> dict[str, object]:
    """The project fields EURA's values of ``differences`` set (dates, lead implementer), as
    the project services take them."""
    fields: dict[str, object] = {}
    for difference in differences:
        value = difference.eura_value
        if difference.field in (Field.START_DATE, Field.END_DATE):
            fields[difference.field] = date.fromisoformat(value)
        elif difference.field == Field.LEAD_IMPLEMENTER:
            fields["lead_implementer"] = Organization.objects.get(pk=int(value))
    return fields


def _current(project: Project, difference: EuraDifference) -> str:
    """What the project holds now of the part the difference is about, encoded."""
    if difference.field == Field.GRANTED:
        line = project.budget_lines.filter(
            source=difference.source, instrument=difference.instrument
        ).first()
        return encode(line.granted) if line else ""
    if difference.field == Field.LEAD_IMPLEMENTER:
        return encode(project.lead_implementer_id)
    return encode(getattr(project, difference.field))


@transaction.atomic
def eura_differences_keep(
    *, differences: Iterable[EuraDifference], by: AbstractBaseUser | None
) -> int:
    """Keep the portfolio's values; the same difference from a later list is not queued
    again."""
    found = _locked(differences)
    for difference in found:
        _resolve(difference, Status.KEPT, by=by, reason=_("The portfolio's value kept"))
    return len(found)


@transaction.atomic
def eura_differences_accept(
    *, differences: Iterable[EuraDifference], by: AbstractBaseUser | None
) -> int:
    """Take EURA's values into the projects, each change recorded as from EURA with its file.
    All of them, or, if one cannot be taken, none."""
    found = _locked(differences)
    by_project: dict[int, list[EuraDifference]] = defaultdict(list)
    for difference in found:
        by_project[difference.project_id].append(difference)
    problems: list[str] = []
    for project_id, group in by_project.items():
        project = Project.objects.select_for_update().get(pk=project_id)
        try:
            _accept(project, group, by=by)
        except ValidationError as error:
            problems.extend(f"{project}: {message}" for message in error.messages)
    if problems:
        raise ValidationError(problems)
    return len(found)


def _accept(project: Project, group: list[EuraDifference], *, by) -> None:
    files = sorted({d.project_import.file_name for d in group})
    reason = _("Accepted from EURA (%(file)s)") % {"file": ", ".join(files)}
    moved = [d for d in group if _current(project, d) not in (d.held_value, d.eura_value)]
    if moved:
        raise ValidationError(
            _("its %(field)s has changed since the list was imported; reload the inbox.")
            % {"field": moved[0].get_field_display().lower()}
        )
    fields = _project_fields(group)
    start = fields.get("start_date", project.start_date)
    end = fields.get("end_date", project.end_date)
    if start and end and end < start:
        raise ValidationError(
            _(
                "it would end (%(end)s) before it starts (%(start)s); accept EURA's other date "
                "with it, or keep the portfolio's."
            )
            % {
                "end": date_format(end, "SHORT_DATE_FORMAT"),
                "start": date_format(start, "SHORT_DATE_FORMAT"),
            }
        )
    if fields:
        project = project_update(project=project, by=by, reason=reason, **fields)
    for difference in group:
        if difference.field == Field.STATUS and project.status != difference.eura_value:
            # EURA records the funding authority's decisions: its status stands as it is,
            # without the portfolio's own steps towards it.
            project.status = difference.eura_value
            save_with_history(project, by=by, reason=reason)
        elif difference.field == Field.GRANTED:
            line = BudgetLine.objects.filter(
                project=project, source=difference.source, instrument=difference.instrument
            ).first() or BudgetLine(
                project=project, source=difference.source, instrument=difference.instrument
            )
            line.granted = Decimal(difference.eura_value)
            save_with_history(line, by=by, reason=reason)
        _resolve(difference, Status.ACCEPTED, by=by, reason=_("EURA's value accepted"))


@transaction.atomic
def eura_differences_request_change(
    *,
    differences: Iterable[EuraDifference],
    by: AbstractBaseUser | None,
    justification: str = "",
) -> ChangeRequest:
    """Record one project's differences as a change request to the funding authority: its
    dates, lead implementer or granted money as EURA states them. A status is not something a
    change request asks for."""
    found = _locked(differences)
    projects = {difference.project_id for difference in found}
    if len(projects) != 1:
        raise ValidationError(_("A change request concerns one project: choose its differences."))
    if any(difference.field == Field.STATUS for difference in found):
        raise ValidationError(
            _("A status is not asked for in a change request: accept EURA's or keep ours.")
        )
    project = found[0].project
    change = _project_fields(found)
    change["granted"] = {
        (d.source, d.instrument): Decimal(d.eura_value) for d in found if d.field == Field.GRANTED
    }
    told = [difference.get_field_display().lower() for difference in found]
    files = sorted({d.project_import.file_name for d in found})
    justification = justification.strip() or _(
        "The funding authority's EURA list %(file)s states the project's %(fields)s otherwise "
        "than the portfolio holds them."
    ) % {"file": ", ".join(files), "fields": ", ".join(told)}
    request = change_request_submit(
        project=project, change=ProjectChange(**change), justification=justification, by=by
    )
    for difference in found:
        difference.change_request = request
        _resolve(difference, Status.CHANGE_REQUEST, by=by, reason=_("Recorded as a change request"))
    return request
