from django import forms
from django.utils.translation import gettext_lazy as _

from .models import NotificationKind


class EmailChoicesForm(forms.Form):
    """Which kinds of notification also come by e-mail."""

    kinds = forms.MultipleChoiceField(
        label=_("Send me these by e-mail too"),
        choices=NotificationKind.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_("Every notification is listed here in any case."),
    )
