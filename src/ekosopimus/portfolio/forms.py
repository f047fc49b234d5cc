"""Forms of the portfolio pages. They only collect input; the services validate and write."""

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from ekosopimus.agreements.models import (
    ActionGroup,
    ActionPlanItem,
    Agreement,
    FocusArea,
    Instrument,
    MethodCategory,
)
from ekosopimus.lib.forms import DateField, EuroField, NumberField, check_order, version_field
from ekosopimus.monitoring.models import IndicatorDefinition
from ekosopimus.organizations.forms import OrganizationField, OrganizationsField
from ekosopimus.organizations.models import Organization
from ekosopimus.organizations.selectors import funding_authorities

from .changes import ProjectChange
from .models import Call, Decision, FundingSource, SteeringGroupMeeting, line_label
from .models.meetings import ASSESSMENT_MAX_LENGTH


class AgreementScopedForm(forms.Form):
    """A form whose choices come from one agreement only."""

    def __init__(self, *args, agreement: Agreement, **kwargs):
        super().__init__(*args, **kwargs)
        self.agreement = agreement
        scope = {
            "focus_areas": FocusArea.objects.filter(version__agreement=agreement),
            "focus_area": FocusArea.objects.filter(version__agreement=agreement),
            "action_group": ActionGroup.objects.filter(focus_area__version__agreement=agreement),
            "action_plan_item": ActionPlanItem.objects.filter(plan__version__agreement=agreement),
            "method_category": MethodCategory.objects.filter(version__agreement=agreement),
            "call": Call.objects.filter(agreement=agreement),
            "meeting": SteeringGroupMeeting.objects.filter(agreement=agreement),
        }
        for name, queryset in scope.items():
            if name in self.fields:
                self.fields[name].queryset = queryset


class ProjectForm(AgreementScopedForm):
    name = forms.CharField(label=_("Name"), max_length=500)
    code = forms.CharField(label=_("Project code"), max_length=20, required=False)
    summary = forms.CharField(
        label=pgettext_lazy("project", "Summary"), widget=forms.Textarea, required=False
    )
    # Pickers that search as you type: the register holds thousands of organisations.
    lead_implementer = OrganizationField(label=_("Lead implementer"), required=False)
    co_implementers = OrganizationsField(label=_("Co-implementers"), required=False)
    funding_authority = forms.ModelChoiceField(
        label=_("Funding authority"),
        queryset=Organization.objects.none(),
        required=False,
        help_text=_("Regional councils, ELY centres and ministries."),
    )
    start_date = DateField(label=_("Start date"), required=False)
    end_date = DateField(label=_("End date"), required=False)
    call = forms.ModelChoiceField(label=_("Call"), queryset=Call.objects.none(), required=False)
    indicators = forms.ModelMultipleChoiceField(
        label=_("EU common indicators it will report"),
        queryset=IndicatorDefinition.objects.all(),
        required=False,
    )
    is_coordination_project = forms.BooleanField(label=_("Coordination project"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["funding_authority"].queryset = funding_authorities(
            keep=self.initial.get("funding_authority")
        )

    def clean(self):
        data = super().clean()
        check_order(self, "start_date", "end_date", _("The project cannot end before it starts."))
        return data


class ProjectEditForm(ProjectForm):
    version = version_field()


class ProjectCreateForm(ProjectForm):
    focus_areas = forms.ModelMultipleChoiceField(
        label=_("Focus areas"), queryset=FocusArea.objects.none(), required=False
    )
    action_group = forms.ModelChoiceField(
        label=_("Action group"), queryset=ActionGroup.objects.none(), required=False
    )
    action_plan_item = forms.ModelChoiceField(
        label=_("Action plan item"), queryset=ActionPlanItem.objects.none(), required=False
    )
    method_category = forms.ModelChoiceField(
        label=_("Method category"), queryset=MethodCategory.objects.none(), required=False
    )


class LinkForm(AgreementScopedForm):
    version = version_field()
    focus_areas = forms.ModelMultipleChoiceField(
        label=_("Focus areas"), queryset=FocusArea.objects.none()
    )
    action_group = forms.ModelChoiceField(
        label=_("Action group"), queryset=ActionGroup.objects.none(), required=False
    )
    action_plan_item = forms.ModelChoiceField(
        label=_("Action plan item"), queryset=ActionPlanItem.objects.none(), required=False
    )
    method_category = forms.ModelChoiceField(
        label=_("Method category"), queryset=MethodCategory.objects.none(), required=False
    )


class TransitionForm(forms.Form):
    to = forms.CharField(widget=forms.HiddenInput)
    version = version_field()
    reason = forms.CharField(label=_("Reason"), max_length=300, required=False)


class ProposeForm(AgreementScopedForm):
    meeting = forms.ModelChoiceField(
        label=_("Steering group meeting"),
        queryset=SteeringGroupMeeting.objects.none(),
        required=False,
        help_text=_("The proposal is put on this meeting's agenda."),
    )
    call = forms.ModelChoiceField(label=_("Call"), queryset=Call.objects.none(), required=False)


class SteeringDecisionForm(forms.Form):
    outcome = forms.ChoiceField(
        label=_("Decision"),
        choices=[(o.value, o.label) for o in Decision.STEERING_OUTCOMES],
    )
    rationale = forms.CharField(label=_("Rationale"), widget=forms.Textarea, required=False)


class FundingDecisionForm(forms.Form):
    outcome = forms.ChoiceField(
        label=_("Decision"), choices=[(o.value, o.label) for o in Decision.FUNDING_OUTCOMES]
    )
    decided_on = DateField(label=_("Date of the decision"))
    amount = EuroField(label=_("Granted EU and State funding (€)"), required=False)
    decision_number = forms.CharField(label=_("Decision number"), max_length=100, required=False)
    instrument = forms.ChoiceField(
        label=_("Instrument"), choices=[("", "–"), *Instrument.choices], required=False
    )
    rationale = forms.CharField(label=_("Rationale"), widget=forms.Textarea, required=False)


AMOUNTS = (("planned", _("Planned (€)")), ("granted", _("Granted (€)")), ("paid", _("Paid (€)")))


class BudgetForm(forms.Form):
    """A project's budget as a fixed table: one row per funding source, EU and State money one
    row per instrument. A source cannot be repeated, a row left empty stores nothing and an
    amount left empty is zero. Every input is labelled with its row and column."""

    def __init__(self, *args, lines=(), **kwargs):
        super().__init__(*args, **kwargs)
        held = {(line.source, line.instrument): line for line in lines}
        self.rows = []
        for source, instrument in budget_rows(held):
            key = _row_key(source, instrument)
            line = held.get((source, instrument))
            label = line_label(source, instrument)
            names = []
            for amount, heading in AMOUNTS:
                name = f"{key}-{amount}"
                self.fields[name] = EuroField(
                    label=f"{label}: {heading}",
                    required=False,
                    initial=getattr(line, amount) if line else None,
                )
                names.append(name)
            self.rows.append(
                {
                    "label": label,
                    "source": source,
                    "instrument": instrument,
                    "fields": [self[name] for name in names],
                }
            )

    def lines(self) -> list[dict]:
        """The rows with money, as the budget service takes them; empty rows are left out."""
        found = []
        for row in self.rows:
            key = _row_key(row["source"], row["instrument"])
            amounts = {
                amount: self.cleaned_data.get(f"{key}-{amount}") for amount, _heading in AMOUNTS
            }
            if any(amounts.values()):
                found.append({"source": row["source"], "instrument": row["instrument"], **amounts})
        return found


def _row_key(source: str, instrument: str) -> str:
    # A field name without the "+" of "ESF+", which would not survive every client's encoding.
    return f"{source}_{instrument.replace('+', 'plus').lower()}" if instrument else source


def budget_rows(held) -> list[tuple[str, str]]:
    """The rows of the budget table: EU and State money per instrument of this period (and any
    other instrument a line already has), then the local sources."""
    rows = [(FundingSource.EU_STATE, i) for i in Instrument.values if i != Instrument.ESF]
    rows += [key for key in held if key[0] == FundingSource.EU_STATE and key not in rows]
    rows += [(s, "") for s in FundingSource.values if s != FundingSource.EU_STATE]
    rows += [key for key in held if key not in rows]
    return [(str(source), str(instrument)) for source, instrument in rows]


class BudgetVersionForm(forms.Form):
    """The version of the budget the budget form was opened on."""

    budget_version = version_field()


class CallForm(AgreementScopedForm):
    title = forms.CharField(label=_("Title"), max_length=300)
    focus_areas = forms.ModelMultipleChoiceField(
        label=_("Open focus areas"), queryset=FocusArea.objects.none(), required=False
    )
    budget = EuroField(label=_("Budget (€)"), required=False)
    opens_on = DateField(label=_("Opens on"))
    closes_on = DateField(label=_("Closes on"))
    selection_criteria = forms.CharField(
        label=_("Selection criteria"), widget=forms.Textarea, required=False
    )

    def clean(self):
        data = super().clean()
        check_order(self, "opens_on", "closes_on", _("A call cannot close before it opens."))
        return data


class MeetingForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200, help_text=_("E.g. 2/2025"))
    held_on = DateField(label=_("Date"))
    location = forms.CharField(label=_("Place"), max_length=200, required=False)
    attendees = forms.CharField(
        label=_("Attendees"),
        widget=forms.Textarea(attrs={"rows": 5}),
        required=False,
        help_text=_("One per line: name; organisation; role"),
    )

    def clean_attendees(self) -> list[tuple[str, str, str]]:
        rows = []
        for line in self.cleaned_data["attendees"].splitlines():
            parts = [part.strip() for part in line.split(";")]
            if parts[0]:
                rows.append(tuple((parts + ["", ""])[:3]))
        return rows


class AttendeeForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=200)
    organization = forms.CharField(label=_("Organisation"), max_length=300, required=False)
    role = forms.CharField(label=_("Role"), max_length=100, required=False)


class ConflictForm(forms.Form):
    attendee = forms.ModelChoiceField(label=_("Attendee"), queryset=None)
    project = forms.ModelChoiceField(label=_("Project"), queryset=None)
    reason = forms.CharField(label=_("Reason"), max_length=500, required=False)

    def __init__(self, *args, meeting: SteeringGroupMeeting, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["attendee"].queryset = meeting.attendees.all()
        self.fields["project"].queryset = meeting.agreement.projects.filter(
            agenda_items__meeting=meeting
        )


class AgendaItemForm(forms.Form):
    title = forms.CharField(label=_("Other matter on the agenda"), max_length=300)


class AssessmentForm(forms.Form):
    notes = forms.CharField(
        label=_("Assessor's notes"),
        help_text=_("For the steering group: how the proposal fits, what to weigh."),
        required=False,
        max_length=ASSESSMENT_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class ChangeRequestForm(forms.Form):
    """What a granted project asks to change: its dates, implementers, granted money and final
    targets, each starting from what was granted, and why. Parts left as they are do not
    change."""

    start_date = DateField(label=_("Start date"))
    end_date = DateField(label=_("End date"))
    lead_implementer = OrganizationField(label=_("Lead implementer"))
    co_implementers = OrganizationsField(label=_("Co-implementers"), required=False)

    def __init__(self, *args, state, **kwargs):
        super().__init__(*args, **kwargs)
        self.state = state
        self.fields["start_date"].initial = state.start_date
        self.fields["end_date"].initial = state.end_date
        if state.lead_implementer:
            self.fields["lead_implementer"].initial = state.lead_implementer.id
        self.fields["co_implementers"].initial = list(
            Organization.objects.filter(pk__in=[p.id for p in state.co_implementers])
        )
        held = {(line.source, line.instrument): line for line in state.budget}
        self.lines = list(held)
        for source in FundingSource.values:
            if source != FundingSource.EU_STATE and (source, "") not in held:
                self.lines.append((source, ""))
        for source, instrument in self.lines:
            line = held.get((source, instrument))
            self.fields[f"granted_{source}_{instrument}"] = EuroField(
                label=_("Granted: %(line)s (€)") % {"line": line_label(source, instrument)},
                required=False,
                initial=line.granted if line else None,
            )
        for target in state.targets:
            self.fields[f"target_{target.indicator}"] = NumberField(
                label=_("Final target: %(indicator)s") % {"indicator": target.indicator},
                max_digits=16,
                initial=target.final_value,
            )
        self.fields["justification"] = forms.CharField(
            label=_("Justification"),
            widget=forms.Textarea(attrs={"rows": 5}),
            help_text=_("Why the change is needed, as the request to the funding authority says."),
        )

    def clean(self):
        data = super().clean()
        check_order(self, "start_date", "end_date", _("The project cannot end before it starts."))
        return data

    def change(self):
        """What the change request service takes from this form."""
        data = self.cleaned_data
        granted = {}
        for source, instrument in self.lines:
            amount = data.get(f"granted_{source}_{instrument}")
            if amount is not None:
                granted[(source, instrument)] = amount
        return ProjectChange(
            start_date=data["start_date"],
            end_date=data["end_date"],
            lead_implementer=data["lead_implementer"],
            co_implementers=list(data["co_implementers"]),
            granted=granted,
            targets={t.indicator: data[f"target_{t.indicator}"] for t in self.state.targets},
        )


def _yes_or_no(label, yes, no) -> forms.TypedChoiceField:
    """A choice of two, as radio buttons, read as True or False."""
    return forms.TypedChoiceField(
        label=label,
        choices=[("1", yes), ("0", no)],
        coerce=lambda value: value == "1",
        widget=forms.RadioSelect,
    )


class ChangeStatementForm(forms.Form):
    supports = _yes_or_no(
        _("The steering group's statement"),
        _("Supports the change"),
        _("Does not support the change"),
    )
    text = forms.CharField(label=_("Statement"), widget=forms.Textarea, required=False)
    given_on = DateField(label=_("Date of the statement"))
    meeting = forms.ModelChoiceField(
        label=_("Steering group meeting"),
        queryset=SteeringGroupMeeting.objects.none(),
        required=False,
    )

    def __init__(self, *args, agreement: Agreement, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["meeting"].queryset = SteeringGroupMeeting.objects.filter(agreement=agreement)


class ChangeDecisionForm(forms.Form):
    approved = _yes_or_no(_("The funding authority's decision"), _("Approved"), _("Rejected"))
    decided_on = DateField(label=_("Date of the decision"))
    decision_number = forms.CharField(label=_("Decision number"), max_length=100, required=False)
    rationale = forms.CharField(label=_("Rationale"), widget=forms.Textarea, required=False)
