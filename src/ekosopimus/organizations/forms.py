"""Organisation pickers for the forms of other apps: they search as the user types and read
only the organisations picked (see ``lib/pickers.py``)."""

from django import forms
from django.core.exceptions import ValidationError
from django.urls import reverse_lazy
from django.utils.translation import gettext_lazy as _

from ekosopimus.lib.business_id import normalise_business_id
from ekosopimus.lib.pickers import SearchInput, SearchTextarea

from .models import Organization
from .selectors import organization_for_label, organization_label

SUGGEST = reverse_lazy("organizations:suggest")


class OrganizationField(forms.CharField):
    """One organisation, picked by name or business ID."""

    def __init__(self, **kwargs):
        kwargs.setdefault("widget", SearchInput(SUGGEST))
        kwargs.setdefault(
            "help_text", _("Type a part of the name or the business ID and choose a suggestion.")
        )
        super().__init__(**kwargs)

    def prepare_value(self, value):
        if isinstance(value, Organization):
            return organization_label(value)
        if isinstance(value, int):
            found = Organization.objects.filter(pk=value).first()
            return organization_label(found) if found else ""
        return value

    def clean(self, value) -> Organization | None:
        text = super().clean(value)
        return organization_for_label(text) if text else None


class OrganizationsField(forms.CharField):
    """Several organisations, one a line."""

    def __init__(self, **kwargs):
        kwargs.setdefault("widget", SearchTextarea(SUGGEST))
        kwargs.setdefault(
            "help_text",
            _("One a line: type a part of the name or the business ID and choose a suggestion."),
        )
        super().__init__(**kwargs)

    def prepare_value(self, value):
        if isinstance(value, list | tuple):
            return "\n".join(
                organization_label(item) if isinstance(item, Organization) else str(item)
                for item in value
            )
        return value

    def clean(self, value) -> list[Organization]:
        text = super().clean(value) or ""
        picked, errors = [], []
        for line in text.splitlines():
            if not line.strip():
                continue
            try:
                organization = organization_for_label(line.strip())
            except ValidationError as error:
                errors.extend(error.messages)
            else:
                if organization not in picked:
                    picked.append(organization)
        if errors:
            raise ValidationError(errors)
        return picked


class OrganizationCreateForm(forms.Form):
    """A missing organisation added to the register by a coordinator."""

    name = forms.CharField(label=_("Name"), max_length=300)
    business_id = forms.CharField(
        label=_("Business ID"),
        max_length=20,
        required=False,
        help_text=_("E.g. 1234567-8. Leave empty only if the organisation has none."),
    )
    kind = forms.ChoiceField(label=_("Type"), choices=Organization.Kind.choices)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The organisation already registered under the business ID typed, to link to.
        self.existing: Organization | None = None

    def clean_business_id(self) -> str | None:
        text = self.cleaned_data["business_id"].strip()
        if not text:
            return None
        business_id = normalise_business_id(text)
        self.existing = Organization.objects.filter(business_id=business_id).first()
        if self.existing is not None:
            raise ValidationError(
                _("%(name)s is already registered with business ID %(id)s.")
                % {"name": self.existing.name, "id": business_id},
                code="duplicate",
            )
        return business_id
