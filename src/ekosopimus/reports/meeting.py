"""The meeting pack (kokousmateriaali) of a steering group meeting: the agenda and, for each
proposal, what the steering group weighs before deciding; after the meeting, the decisions."""

from dataclasses import dataclass, field
from decimal import Decimal

from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from ekosopimus.analysis.similar import Match, draft_of, similar_projects
from ekosopimus.portfolio.models import BudgetLine, Project, ProjectStatus, SteeringGroupMeeting
from ekosopimus.portfolio.rules import RuleReport, rules_evaluate
from ekosopimus.portfolio.rules.sums import portfolio_sums
from ekosopimus.portfolio.selectors import meeting_detail

from .document import Column, Document, Heading, Paragraph, Table, cell_text

SIMILAR_LISTED = 5


class _WhatIf(Exception):
    """Raised to roll back the imagined grant."""


@dataclass
class Proposal:
    project: Project
    decision: object | None
    rules_now: RuleReport
    rules_after: RuleReport
    headroom: Decimal | None  # the measure's planned money not yet granted, before this one
    planned: Decimal  # the proposal's planned money
    similar: list[Match] = field(default_factory=list)
    assessment: str = ""  # the assessor's notes recorded on the agenda item


@dataclass
class MeetingPack:
    meeting: SteeringGroupMeeting
    agenda: list
    proposals: list[Proposal]
    generated_at: object


def rules_if_granted(*, project: Project) -> RuleReport:
    """The agreement's rules as they would stand had ``project`` been granted the money it
    plans. The grant is made inside a transaction that is always rolled back, so that the
    rules are evaluated by their own code and nothing is ever stored."""
    result: list[RuleReport] = []
    try:
        with transaction.atomic():
            BudgetLine.objects.filter(project=project).update(granted=F("planned"))
            Project.objects.filter(pk=project.pk).update(status=ProjectStatus.GRANTED)
            result.append(rules_evaluate(agreement=project.agreement))
            raise _WhatIf
    except _WhatIf:
        pass
    return result[0]


def meeting_pack(*, meeting: SteeringGroupMeeting, user) -> MeetingPack:
    """Everything the meeting pack shows; ``user`` limits the similar projects to those they
    read."""
    detail = meeting_detail(meeting=meeting)
    agreement = meeting.agreement
    now = rules_evaluate(agreement=agreement)
    plan = portfolio_sums(agreement=agreement).plan_items
    proposals = []
    for item, decision in detail["agenda"]:
        project = item.project
        if project is None:
            continue
        project = (
            Project.objects.select_related("action_plan_item", "action_group", "agreement")
            .prefetch_related("focus_areas", "budget_lines")
            .get(pk=project.pk)
        )
        planned = sum((line.planned for line in project.budget_lines.all()), Decimal(0))
        measure = project.action_plan_item
        headroom = None
        if measure is not None and measure.planned_amount is not None:
            granted = plan.get(measure.pk)
            headroom = measure.planned_amount - (granted.granted if granted else Decimal(0))
        matches = similar_projects(draft=draft_of(project), user=user, limit=SIMILAR_LISTED)
        similar = sorted(
            (m for group in matches.groups.values() for m in group), key=lambda m: -m.score
        )[:SIMILAR_LISTED]
        proposals.append(
            Proposal(
                project=project,
                decision=decision,
                rules_now=now,
                rules_after=now
                if project.status == ProjectStatus.GRANTED
                else rules_if_granted(project=project),
                headroom=headroom,
                planned=planned,
                similar=similar,
                assessment=item.assessment,
            )
        )
    return MeetingPack(
        meeting=meeting,
        agenda=detail["agenda"],
        proposals=proposals,
        generated_at=timezone.localtime(),
    )


def meeting_document(pack: MeetingPack) -> Document:
    """The meeting pack's blocks; the decisions column fills in once they are recorded."""
    meeting = pack.meeting
    decided = any(decision for _item, decision in pack.agenda)
    blocks: list = [
        Paragraph(
            _("%(day)s, %(place)s")
            % {
                "day": date_format(meeting.held_on, "SHORT_DATE_FORMAT"),
                "place": meeting.location or "–",
            }
        ),
        Heading(2, _("Agenda"), "agenda"),
        Table(
            caption=_("Agenda"),
            columns=[
                Column(_("Number"), "int"),
                Column(_("Item")),
                Column(_("Project")),
                Column(_("Decision recorded")),
            ],
            rows=[
                [
                    item.position,
                    item.title,
                    str(item.project or ""),
                    _decision_text(decision),
                ]
                for item, decision in pack.agenda
            ],
            empty=_("The agenda is empty."),
            sheet=_("Agenda"),
        ),
    ]
    if decided:
        blocks.append(
            Paragraph(_("The decisions recorded at the meeting are shown above."), "note")
        )
    for proposal in pack.proposals:
        project = proposal.project
        blocks.append(Heading(2, str(project), f"project-{project.pk}"))
        areas = ", ".join(str(area) for area in project.focus_areas.all()) or _("none linked")
        blocks.append(
            Table(
                caption=_("Fit to the agreement"),
                columns=[Column(_("Question")), Column(_("Answer"))],
                rows=[
                    [_("Status"), project.get_status_display()],
                    [_("Focus areas"), areas],
                    [_("Action group"), str(project.action_group or "–")],
                    [_("Measure of the action plan"), str(project.action_plan_item or "–")],
                    [_("Planned money"), _money(proposal.planned)],
                    [
                        _("Measure's headroom before granting"),
                        _money(proposal.headroom) if proposal.headroom is not None else "–",
                    ],
                    [
                        _("Measure's headroom after granting"),
                        _money(proposal.headroom - proposal.planned)
                        if proposal.headroom is not None
                        else "–",
                    ],
                    [
                        _("Decision recorded"),
                        proposal.decision.get_outcome_display()
                        if proposal.decision
                        else _("Not yet decided"),
                    ],
                ],
                sheet=f"{project.pk} {_('fit')}",
            )
        )
        after = {rule.key: rule for rule in proposal.rules_after.rules}
        blocks.append(
            Table(
                caption=_("The rules now and after granting"),
                columns=[
                    Column(_("Rule")),
                    Column(_("Now")),
                    Column(_("After granting")),
                    Column(_("After granting, explained")),
                ],
                rows=[
                    [
                        rule.title,
                        str(rule.status.label),
                        str(after[rule.key].status.label) if rule.key in after else "–",
                        after[rule.key].sentence if rule.key in after else "",
                    ]
                    for rule in proposal.rules_now.rules
                ],
                empty=_("No rules to evaluate."),
                sheet=f"{project.pk} {_('rules')}",
            )
        )
        blocks.append(
            Table(
                caption=_("Similar projects"),
                columns=[
                    Column(_("Project")),
                    Column(_("City region")),
                    Column(_("Similarity (%)"), "percent"),
                ],
                rows=[
                    [str(m.project), m.project.agreement.city_region, round(Decimal(m.score * 100))]
                    for m in proposal.similar
                ],
                empty=_("No similar projects found."),
                sheet=f"{project.pk} {_('similar')}",
            )
        )
        if proposal.assessment:
            blocks.append(
                Paragraph(_("Assessor's notes: %(notes)s") % {"notes": proposal.assessment})
            )
        else:
            blocks.append(Paragraph(_("Assessor's notes: none recorded."), "note"))
    if not pack.proposals:
        blocks.append(Paragraph(_("No proposals on the agenda."), "note"))
    return Document(
        title=_("Meeting pack – %(meeting)s") % {"meeting": meeting.title},
        header=meeting.agreement.name,
        file_stem=f"kokousmateriaali-{meeting.agreement.slug}-{meeting.held_on.isoformat()}",
        generated_at=pack.generated_at,
        blocks=blocks,
    )


def _decision_text(decision) -> str:
    if decision is None:
        return ""
    day = date_format(decision.decided_on, "SHORT_DATE_FORMAT")
    return f"{decision.get_outcome_display()} ({day})"


def _money(value) -> str:
    return cell_text(value, "eur")
