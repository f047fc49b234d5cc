"""Organisation pickers for the forms of other apps: they search as the user types and read
only the organisations picked (see ``lib/pickers.py``)."""

from django import forms
from django.core.exceptions import ValidationError
from django.urls import reverse_lazy
from django.utils.translation import gettext_lazy as _

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
