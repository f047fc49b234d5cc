"""Forms of a revision: the revised document, carry-over choices, the written record."""

from django import forms
from django.utils.translation import gettext_lazy as _

from ekosopimus.lib.forms import DateField, check_order

# A decision's minutes; an agreement document may be 20 MB, minutes are far smaller.
MAX_DECISION_BYTES = 10 * 1024 * 1024


class UploadForm(forms.Form):
    document = forms.FileField(
        label=_("The revised agreement"),
        help_text=_("PDF, Word (DOCX), plain text or agreement data (YAML), at most 20 MB."),
    )


class ChoiceForm(forms.Form):
    """Where the links on one item of the version in force go."""

    ref = forms.CharField(widget=forms.HiddenInput)
    to = forms.CharField(label=_("Carry to"), required=False)
    reason = forms.CharField(label=_("Why the links end"), required=False, max_length=300)


class PublishForm(forms.Form):
    expected_version = forms.IntegerField(widget=forms.HiddenInput)
    label = forms.CharField(label=_("Name of the version"), max_length=200)
    initiated_by = forms.CharField(label=_("Initiated by (party)"), max_length=200)
    enters_into_force_on = DateField(label=_("Enters into force on"))
    summary = forms.CharField(
        label=_("What was revised and why"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class DecisionForm(forms.Form):
    party = forms.CharField(label=_("Party"), max_length=200)
    body = forms.CharField(label=_("Deciding body"), max_length=200)
    decided_on = DateField(label=_("Decided on"))
    reference = forms.CharField(label=_("Decision reference"), max_length=100, required=False)
    document = forms.FileField(label=_("Minutes or decision (PDF)"), required=False)

    def clean_document(self):
        document = self.cleaned_data.get("document")
        if document and document.size > MAX_DECISION_BYTES:
            raise forms.ValidationError(_("The document may be at most 10 MB."))
        return document


class SignatureForm(forms.Form):
    party = forms.CharField(label=_("Party"), max_length=200)
    signatory = forms.CharField(label=_("Signed by"), max_length=200)
    signed_on = DateField(label=_("Signed on"))


class TerminationForm(forms.Form):
    party = forms.CharField(label=_("Party giving notice"), max_length=200)
    given_on = DateField(label=_("Notice given on"))
    effective_on = DateField(label=_("Termination takes effect on"))
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 3}))

    def clean(self):
        data = super().clean()
        check_order(
            self,
            "given_on",
            "effective_on",
            _("The termination cannot take effect before the notice is given."),
        )
        return data
