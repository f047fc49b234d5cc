"""Change requests of granted projects: submitted, given the steering group's statement where
the agreement's practice needs it, decided by the funding authority, and on approval made to
the project through the services that change a project, its budget and its targets."""

from datetime import date

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from ekosopimus.lib.history import save_with_history
from ekosopimus.monitoring.models import ProjectTarget
from ekosopimus.monitoring.services import ProjectTargetInput, project_targets_set
from ekosopimus.organizations.models import Organization

from ..changes import ProjectChange, ProjectState, differences, requested
from ..models import ChangeRequest, Project, ProjectStatus, SteeringGroupMeeting
from .projects import project_budget_set, project_update

Status = ChangeRequest.Status
# A project whose funding has been granted and which has not ended can ask for a change.
CHANGEABLE = frozenset({ProjectStatus.GRANTED, ProjectStatus.ONGOING})


def _open_request(project: Project) -> ChangeRequest | None:
    return project.change_requests.filter(status__in=ChangeRequest.OPEN).first()


@transaction.atomic
def change_request_submit(
    *,
    project: Project,
    change: ProjectChange,
    justification: str,
    by: AbstractBaseUser | None,
) -> ChangeRequest:
    """Ask the funding authority to change what was granted to ``project``.

    The granted state is kept as it stands now beside the state asked for. A project that is
    not granted, one with a request still waiting, a request without a justification or one
    that changes nothing is refused, and nothing is stored.
    """
    project = Project.objects.select_for_update().select_related("agreement").get(pk=project.pk)
    if project.status not in CHANGEABLE:
        raise ValidationError(
            _(
                "Only a project whose funding has been granted and which has not ended can ask "
                "for a change; this one is “%(status)s”."
            )
            % {"status": project.get_status_display()},
            code="status",
        )
    waiting = _open_request(project)
    if waiting is not None:
        raise ValidationError(
            _(
                "The project's change request of %(day)s is still waiting; it must be decided "
                "or withdrawn first."
            )
            % {"day": date_format(waiting.submitted_at, "SHORT_DATE_FORMAT")},
            code="open",
        )
    if not justification.strip():
        raise ValidationError({"justification": _("Say why the change is needed.")})
    before = ProjectState.of(project)
    after = requested(before, change)
    if not differences(before, after):
        raise ValidationError(_("The request changes nothing that was granted."), code="same")
    statement_needed = project.agreement.change_requests_need_statement
    request = ChangeRequest(
        project=project,
        granted_state=before.to_json(),
        requested_state=after.to_json(),
        justification=justification.strip(),
        status=Status.AWAITING_STATEMENT if statement_needed else Status.AWAITING_DECISION,
        submitted_by=by,
    )
    return save_with_history(request, by=by, reason=_("Change request submitted"))


def _lock(change_request: ChangeRequest) -> ChangeRequest:
    return (
        ChangeRequest.objects.select_for_update()
        .select_related("project__agreement")
        .get(pk=change_request.pk)
    )


def _refuse_unless(request: ChangeRequest, *allowed: str) -> None:
    if request.status not in allowed:
        raise ValidationError(
            _("The change request is “%(status)s”; that cannot be done to it now.")
            % {"status": request.get_status_display()},
            code="status",
        )


@transaction.atomic
def change_request_statement_record(
    *,
    change_request: ChangeRequest,
    supports: bool,
    given_on: date,
    by: AbstractBaseUser | None,
    text: str = "",
    meeting: SteeringGroupMeeting | None = None,
) -> ChangeRequest:
    """The steering group's statement on a change request; the funding authority decides
    next. A statement against the change says why."""
    request = _lock(change_request)
    _refuse_unless(request, Status.AWAITING_STATEMENT)
    if meeting is not None and meeting.agreement_id != request.project.agreement_id:
        raise ValidationError({"meeting": _("The meeting is another agreement's.")})
    if not supports and not text.strip():
        raise ValidationError({"text": _("Say why the steering group does not support it.")})
    request.statement = (
        ChangeRequest.Statement.SUPPORTS if supports else ChangeRequest.Statement.OPPOSES
    )
    request.statement_text = text.strip()
    request.statement_on = given_on
    request.statement_meeting = meeting
    request.status = Status.AWAITING_DECISION
    return save_with_history(request, by=by, reason=_("Steering group's statement recorded"))


@transaction.atomic
def change_request_decide(
    *,
    change_request: ChangeRequest,
    approved: bool,
    decided_on: date,
    by: AbstractBaseUser | None,
    decision_number: str = "",
    rationale: str = "",
) -> ChangeRequest:
    """The funding authority's decision on a change request. An approved change is made to the
    project with history; if a part it changes has changed since the request was made, the
    decision is refused, so that nothing is overwritten unseen."""
    request = _lock(change_request)
    if request.status == Status.AWAITING_STATEMENT:
        raise ValidationError(
            _(
                "The steering group has not given its statement yet, and this agreement's "
                "practice needs one before the funding authority decides."
            ),
            code="statement",
        )
    _refuse_unless(request, Status.AWAITING_DECISION)
    errors = {}
    if approved and not decision_number.strip():
        errors["decision_number"] = _("An approval needs the decision number.")
    if not approved and not rationale.strip():
        errors["rationale"] = _("Give the rationale for rejecting the change.")
    if errors:
        raise ValidationError(errors)
    request.status = Status.APPROVED if approved else Status.REJECTED
    request.decided_on = decided_on
    request.decision_number = decision_number.strip()
    request.decision_rationale = rationale.strip()
    request.decided_by = by
    if approved:
        _make_change(request, by=by)
    return save_with_history(
        request,
        by=by,
        reason=_("Change request approved") if approved else _("Change request rejected"),
    )


@transaction.atomic
def change_request_withdraw(
    *, change_request: ChangeRequest, by: AbstractBaseUser | None
) -> ChangeRequest:
    """Take back a change request that is still waiting."""
    request = _lock(change_request)
    _refuse_unless(request, *ChangeRequest.OPEN)
    request.status = Status.WITHDRAWN
    return save_with_history(request, by=by, reason=_("Change request withdrawn"))


def _make_change(request: ChangeRequest, *, by) -> None:
    project = Project.objects.select_for_update().get(pk=request.project_id)
    before = ProjectState.from_json(request.granted_state)
    after = ProjectState.from_json(request.requested_state)
    changed = [d.key for d in differences(before, after)]
    now = ProjectState.of(project).values()
    granted, wanted = before.values(), after.values()
    moved = [key for key in changed if now.get(key) != granted.get(key)]
    if moved:
        raise ValidationError(
            _(
                "The project has changed since the request was made (%(parts)s); the request "
                "no longer describes what would change. Reject it and make a new one."
            )
            % {"parts": ", ".join(after.label(key) for key in moved)},
            code="moved",
        )
    reason = _("Change request approved (decision %(number)s)") % {
        "number": request.decision_number
    }
    fields = {key: wanted[key] for key in ("start_date", "end_date") if key in changed}
    if "lead_implementer" in changed:
        fields["lead_implementer"] = Organization.objects.get(pk=wanted["lead_implementer"])
    partners = None
    if "co_implementers" in changed:
        partners = list(Organization.objects.filter(pk__in=wanted["co_implementers"]))
    if fields or partners is not None:
        project_update(project=project, by=by, reason=reason, co_implementers=partners, **fields)
    if any(key.startswith("granted:") for key in changed):
        lines = [
            {
                "source": line.source,
                "instrument": line.instrument,
                "planned": line.planned,
                "granted": line.granted,
                "paid": line.paid,
            }
            for line in after.budget
        ]
        current = {(b.source, b.instrument): b for b in project.budget_lines.all()}
        for line in lines:
            # Planned and paid money may have moved since; only the granted amount changes.
            held = current.get((line["source"], line["instrument"]))
            if held is not None:
                line["planned"], line["paid"] = held.planned, held.paid
        lines += [
            {"source": b.source, "instrument": b.instrument, "planned": b.planned,
             "granted": b.granted, "paid": b.paid}
            for key, b in current.items()
            if f"granted:{key[0]}:{key[1]}" not in wanted
        ]  # fmt: skip
        project_budget_set(project=project, lines=lines, by=by, reason=reason)
    if any(key.startswith("target:") for key in changed):
        finals = {t.indicator: t.final_value for t in after.targets}
        inputs = [
            ProjectTargetInput(
                indicator=target.indicator,
                final_value=finals.get(target.indicator.code, target.final_value),
                baseline=target.baseline,
                source=ProjectTarget.Source.FUNDING_DECISION,
                periods=[(p.period_end, p.value) for p in target.periods.all()],
                parts={p.category: p.value for p in target.parts.all()},
            )
            for target in ProjectTarget.objects.filter(project=project)
            .select_related("indicator")
            .prefetch_related("periods", "parts")
        ]
        project_targets_set(project=project, targets=inputs, by=by, reason=reason)
