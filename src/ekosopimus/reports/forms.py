from django import forms
from django.utils.translation import gettext_lazy as _

from .models import NARRATIVE_MAX_LENGTH


class NarrativeForm(forms.Form):
    text = forms.CharField(
        label=_("Narrative"),
        max_length=NARRATIVE_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 8, "class": "hds-text-input__input"}),
        help_text=_("At most %(max)s characters. Saving a changed text needs a new approval.")
        % {"max": NARRATIVE_MAX_LENGTH},
    )
