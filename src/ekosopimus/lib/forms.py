"""Showing a service's ValidationError on the form that collected the input."""

from django import forms
from django.core.exceptions import ValidationError


def add_service_errors(form: forms.Form, error: ValidationError) -> None:
    """Attach ``error`` to the fields it names, or to the whole form."""
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            target = field if field in form.fields else None
            form.add_error(target, errors)
    else:
        form.add_error(None, error)


def version_field() -> forms.IntegerField:
    """The hidden field in which an edit form posts back the version it was opened on."""
    return forms.IntegerField(widget=forms.HiddenInput, min_value=1)
