"""Forms and URL filters of the analysis pages."""

from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from django import forms
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ekosopimus.agreements.models import Agreement

from .models import REVIEW_NOTE_MAX_LENGTH, OverlapReview
from .similar import OVERLAP_THRESHOLD

MAX_TEXT = 5000


class SimilarForm(forms.Form):
    """An idea typed in, to see which projects already do something like it."""

    teksti = forms.CharField(
        label=gettext_lazy("Describe the project idea"),
        max_length=MAX_TEXT,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=gettext_lazy(
            "A name and a few sentences are enough, in Finnish, Swedish or English."
        ),
    )
    sopimus = forms.ModelChoiceField(
        label=gettext_lazy("Agreement"),
        queryset=Agreement.objects.order_by("city_region"),
        to_field_name="slug",
        required=False,
        empty_label=gettext_lazy("Any"),
        help_text=gettext_lazy("Matches in this agreement are listed apart from the others."),
    )


@dataclass(frozen=True)
class OverlapFilter:
    """The overlap report's settings, from the URL so that a view can be shared as a link."""

    threshold: float = OVERLAP_THRESHOLD
    only_within: bool = False
    unreviewed_only: bool = False
    problem: str = ""

    @classmethod
    def from_query(cls, query) -> "OverlapFilter":
        flags = {
            "only_within": query.get("vain") == "1",
            "unreviewed_only": query.get("avoimet") == "1",
        }
        text = (query.get("kynnys") or "").strip()
        if not text:
            return cls(**flags)
        try:
            value = Decimal(text.replace(",", "."))
        except InvalidOperation:
            value = None
        if value is None or not value.is_finite() or not Decimal("0.1") <= value <= Decimal("0.95"):
            return cls(
                **flags,
                problem=_("“%(value)s” is not a similarity between %(low)s and %(high)s.")
                % {"value": text, "low": number_format(0.1, 2), "high": number_format(0.95, 2)},
            )
        return cls(threshold=float(value), **flags)

    @property
    def query(self) -> str:
        """The settings as a query string, for the export links."""
        parts = [f"kynnys={self.threshold:.2f}"]
        if self.only_within:
            parts.append("vain=1")
        if self.unreviewed_only:
            parts.append("avoimet=1")
        return "&".join(parts)


class OverlapReviewForm(forms.Form):
    """The coordinator's conclusion on a pair of overlapping projects."""

    outcome = forms.ChoiceField(
        label=gettext_lazy("Conclusion"),
        choices=OverlapReview.Outcome.choices,
        widget=forms.RadioSelect,
    )
    note = forms.CharField(
        label=gettext_lazy("How it was settled"),
        help_text=gettext_lazy(
            "For the steering group and the annual report: who agreed what, and when."
        ),
        max_length=REVIEW_NOTE_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    # The version of the conclusion the coordinator read; 0 when there was none.
    seen = forms.IntegerField(widget=forms.HiddenInput, min_value=0)
