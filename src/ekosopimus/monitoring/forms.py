"""Forms of progress reports and target mappings. They collect input; services decide."""

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils.formats import date_format, number_format
from django.utils.translation import gettext_lazy as _

from ekosopimus.lib.cells import parse_date
from ekosopimus.lib.forms import DateField, EuroField, NumberField, check_order, version_field
from ekosopimus.lib.pickers import SearchInput, parse_label

from .models import Category, IndicatorDefinition, ProjectTarget, ReportingRules
from .services import EntityInput, ProjectTargetInput


def _number_field(label, **kwargs) -> forms.DecimalField:
    """A value of an indicator, a target or a category: not negative, to the hundredth."""
    return NumberField(label=label, max_digits=16, required=False, **kwargs)


def _category_label(template, indicator, category) -> str:
    return template % {"code": indicator.code, "category": Category(category).label.lower()}


class ReportForm(forms.Form):
    """A period's report: a value field per indicator the project reports, and for each a
    list of the companies or solutions counted, one per line ("name; business ID")."""

    period_start = DateField(label=_("Period starts"))
    period_end = DateField(label=_("Period ends"))
    spent = EuroField(label=_("Money spent in the period (€)"), initial=0)
    narrative = forms.CharField(label=_("What was done"), widget=forms.Textarea, required=False)

    def __init__(self, *args, indicators: list[IndicatorDefinition], **kwargs):
        super().__init__(*args, **kwargs)
        self.indicators = indicators
        for indicator in indicators:
            self.fields[f"value_{indicator.pk}"] = _number_field(
                f"{indicator.code} {indicator.name} ({indicator.unit})",
                help_text=_("Left empty, the total is the sum of the categories below.")
                if indicator.categories
                else "",
            )
            for category in indicator.categories:
                self.fields[f"part_{indicator.pk}_{category}"] = _number_field(
                    _category_label(_("%(code)s, of which %(category)s"), indicator, category)
                )
            self.fields[f"entities_{indicator.pk}"] = forms.CharField(
                label=_("Companies or solutions counted under %(code)s") % {"code": indicator.code},
                help_text=_("One per line: name; business ID (optional)."),
                widget=forms.Textarea(attrs={"rows": 3}),
                required=False,
            )

    def clean(self):
        data = super().clean()
        check_order(
            self, "period_start", "period_end", _("The period cannot end before it starts.")
        )
        return data

    def report_fields(self) -> dict:
        """What the report services take from this form, as keyword arguments."""
        data = self.cleaned_data
        return {
            "period_start": data["period_start"],
            "period_end": data["period_end"],
            "spent": data["spent"],
            "narrative": data["narrative"],
            "values": self.values(),
            "parts": self.parts(),
            "entities": self.entities(),
        }

    def values(self) -> dict:
        return {i: self.cleaned_data.get(f"value_{i.pk}") for i in self.indicators}

    def parts(self) -> dict:
        """Indicator → category → value, for the indicators broken down into categories."""
        return {
            i: {c: self.cleaned_data.get(f"part_{i.pk}_{c}") for c in i.categories}
            for i in self.indicators
            if i.categories
        }

    def entities(self) -> list[EntityInput]:
        rows = []
        for indicator in self.indicators:
            for line in self.cleaned_data.get(f"entities_{indicator.pk}", "").splitlines():
                if not line.strip():
                    continue
                name, _sep, business_id = line.partition(";")
                rows.append(EntityInput(indicator, name.strip(), business_id.strip()))
        return rows

    @staticmethod
    def initial_for(report) -> dict:
        initial = {
            "version": report.version,
            "period_start": report.period_start,
            "period_end": report.period_end,
            "spent": report.spent,
            "narrative": report.narrative,
        }
        for value in report.values.all():
            initial[f"value_{value.indicator_id}"] = value.value
            for part in value.parts.all():
                initial[f"part_{value.indicator_id}_{part.category}"] = part.value
        lines: dict[int, list[str]] = {}
        for entity in report.entities.all():
            text = f"{entity.name}; {entity.business_id}" if entity.business_id else entity.name
            lines.setdefault(entity.indicator_id, []).append(text)
        for indicator_id, texts in lines.items():
            initial[f"entities_{indicator_id}"] = "\n".join(texts)
        return initial


class ReportEditForm(ReportForm):
    """A stored report's form: it posts back the version it was opened on."""

    version = version_field()

    def report_fields(self) -> dict:
        return {**super().report_fields(), "version": self.cleaned_data["version"]}


class ContributionForm(forms.Form):
    target = forms.ModelChoiceField(label=_("Agreement target"), queryset=None)
    indicator = forms.ModelChoiceField(
        label=_("Indicator"), queryset=IndicatorDefinition.objects.all()
    )
    # A picker that searches as you type: an agreement may hold thousands of projects.
    project = forms.CharField(
        label=_("Only from this project"),
        required=False,
        help_text=_(
            "Leave empty to count every project that reports the indicator. Type a part of the "
            "project's name or code and choose a suggestion."
        ),
    )

    def __init__(self, *args, targets, projects, suggest_url: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["target"].queryset = targets
        self.fields["project"].widget = SearchInput(suggest_url)
        self.projects = projects

    def clean_project(self):
        """The project the text names: by the id its label ends in, else by code or name."""
        text = self.cleaned_data["project"].strip()
        if not text:
            return None
        name, pk, _business_id = parse_label(text)
        if pk is not None:
            found = list(self.projects.filter(pk=pk)[:1])
        else:
            code = name.split(" ", 1)[0]
            found = list(self.projects.filter(Q(code=code) | Q(name__iexact=name))[:2])
        if len(found) == 1:
            return found[0]
        if not found:
            raise ValidationError(
                _("No project of this agreement is called “%(text)s”.") % {"text": text}
            )
        raise ValidationError(
            _("Several projects are called “%(text)s”: choose one from the suggestions.")
            % {"text": text}
        )


class ProjectTargetsForm(forms.Form):
    """A project's targets: for each indicator it reports, the final target, the baseline,
    where they are stated, the target of each period and, for an indicator broken down into
    categories, the final target of each. An indicator whose final target is left empty has
    no target."""

    def __init__(self, *args, indicators: list[IndicatorDefinition], **kwargs):
        super().__init__(*args, **kwargs)
        self.indicators = indicators
        for indicator in indicators:
            pk = indicator.pk
            self.fields[f"final_{pk}"] = _number_field(
                _("%(code)s %(name)s: final target (%(unit)s)")
                % {"code": indicator.code, "name": indicator.name, "unit": indicator.unit}
            )
            self.fields[f"baseline_{pk}"] = _number_field(
                _("%(code)s: baseline") % {"code": indicator.code}
            )
            self.fields[f"source_{pk}"] = forms.ChoiceField(
                label=_("%(code)s: stated in") % {"code": indicator.code},
                choices=ProjectTarget.Source.choices,
                initial=ProjectTarget.Source.APPLICATION,
                required=False,
            )
            self.fields[f"periods_{pk}"] = forms.CharField(
                label=_("%(code)s: targets of the periods") % {"code": indicator.code},
                help_text=_("One per line: the end of the period; the value to reach by then."),
                widget=forms.Textarea(attrs={"rows": 3}),
                required=False,
            )
            for category in indicator.categories:
                self.fields[f"part_{pk}_{category}"] = _number_field(
                    _category_label(
                        _("%(code)s: final target, of which %(category)s"), indicator, category
                    )
                )

    def clean(self):
        data = super().clean()
        for indicator in self.indicators:
            name = f"periods_{indicator.pk}"
            if name in self.errors:
                continue
            periods, problems = [], []
            for number, line in enumerate(data.get(name, "").splitlines(), start=1):
                if not line.strip():
                    continue
                day, _separator, value = line.partition(";")
                try:
                    found = parse_date(day.strip())
                except ValueError as error:
                    problems.append(_("Line %(n)s: %(error)s") % {"n": number, "error": error})
                    continue
                if found is None or not value.strip():
                    problems.append(
                        _("Line %(n)s: write the date and the value, e.g. 31.12.2025; 10")
                        % {"n": number}
                    )
                    continue
                periods.append((found, value.strip()))
            if problems:
                self.add_error(name, problems)
            else:
                data[name] = periods
        return data

    def targets(self) -> list[ProjectTargetInput]:
        """What the target service takes from this form."""
        data = self.cleaned_data
        found = []
        for indicator in self.indicators:
            pk = indicator.pk
            if data.get(f"final_{pk}") is None:
                continue
            found.append(
                ProjectTargetInput(
                    indicator=indicator,
                    final_value=data[f"final_{pk}"],
                    baseline=data.get(f"baseline_{pk}"),
                    source=data.get(f"source_{pk}") or ProjectTarget.Source.APPLICATION,
                    periods=data.get(f"periods_{pk}") or [],
                    parts={c: data.get(f"part_{pk}_{c}") for c in indicator.categories},
                )
            )
        return found

    @staticmethod
    def initial_for(targets) -> dict:
        initial = {}
        for target in targets:
            pk = target.indicator_id
            initial[f"final_{pk}"] = target.final_value
            initial[f"baseline_{pk}"] = target.baseline
            initial[f"source_{pk}"] = target.source
            initial[f"periods_{pk}"] = "\n".join(
                f"{date_format(p.period_end, 'SHORT_DATE_FORMAT')}; "
                f"{number_format(p.value.normalize())}"
                for p in target.periods.all()
            )
            for part in target.parts.all():
                initial[f"part_{pk}_{part.category}"] = part.value
        return initial


class TargetPlanForm(forms.Form):
    """How the coordinators follow an agreement target: baseline and milestone."""

    baseline = _number_field(_("Baseline"))
    baseline_year = forms.IntegerField(
        label=_("Reference year of the baseline"), min_value=1990, max_value=2100, required=False
    )
    milestone_value = _number_field(_("Milestone"))
    milestone_on = DateField(label=_("Milestone date"), required=False)


class ReportingRulesForm(forms.ModelForm):
    """How the agreement's projects report; the service saves it."""

    class Meta:
        model = ReportingRules
        fields = ["period_months", "due_days", "final_due_days", "reminder_days"]
