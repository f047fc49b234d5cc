"""Forms of progress reports and target mappings. They collect input; services decide."""

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from ekosopimus.lib.forms import version_field
from ekosopimus.lib.pickers import SearchInput, parse_label

from .models import IndicatorDefinition
from .services import EntityInput


class ReportForm(forms.Form):
    """A period's report: a value field per indicator the project reports, and for each a
    list of the companies or solutions counted, one per line ("name; business ID")."""

    period_start = forms.DateField(label=_("Period starts"))
    period_end = forms.DateField(label=_("Period ends"))
    spent = forms.DecimalField(
        label=_("Money spent in the period (€)"), min_value=0, decimal_places=2, initial=0
    )
    narrative = forms.CharField(label=_("What was done"), widget=forms.Textarea, required=False)

    def __init__(self, *args, indicators: list[IndicatorDefinition], **kwargs):
        super().__init__(*args, **kwargs)
        self.indicators = indicators
        for indicator in indicators:
            self.fields[f"value_{indicator.pk}"] = forms.DecimalField(
                label=f"{indicator.code} {indicator.name} ({indicator.unit})",
                min_value=0,
                decimal_places=2,
                required=False,
            )
            self.fields[f"entities_{indicator.pk}"] = forms.CharField(
                label=_("Companies or solutions counted under %(code)s") % {"code": indicator.code},
                help_text=_("One per line: name; business ID (optional)."),
                widget=forms.Textarea(attrs={"rows": 3}),
                required=False,
            )

    def report_fields(self) -> dict:
        """What the report services take from this form, as keyword arguments."""
        data = self.cleaned_data
        return {
            "period_start": data["period_start"],
            "period_end": data["period_end"],
            "spent": data["spent"],
            "narrative": data["narrative"],
            "values": self.values(),
            "entities": self.entities(),
        }

    def values(self) -> dict:
        return {i: self.cleaned_data.get(f"value_{i.pk}") for i in self.indicators}

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
