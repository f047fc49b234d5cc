"""Pickers that search as you type, for registers too large to list in a select.

The field is a text input (a textarea where several are picked, one a line). A page that loads
``autocomplete.js`` offers suggestions from the field's ``data-suggest`` URL as the user types
(the WAI-ARIA combobox pattern: arrow keys move, Enter picks, Escape closes); picking one writes
its label, which ends in the object's reference: "Itä-Suomen yliopisto (0245894-7)",
"A70301 Hanke (#12)". Without JavaScript the user types the name and the form finds it, or says
which of several are meant. Either way the server reads only the one object, never the register.
"""

import re

from django import forms
from django.utils.translation import gettext as _

# "(1234567-8)" or "(#12)" at the end of a label.
_REFERENCE = re.compile(r"\((?:#(?P<pk>\d{1,18})|(?P<business_id>\d{7}-\d))\)\s*$")


def label_for(text: str, *, business_id: str | None = None, pk: int) -> str:
    """The label a picker writes: the text and, to tell namesakes apart, a reference."""
    return f"{text} ({business_id})" if business_id else f"{text} (#{pk})"


def parse_label(text: str) -> tuple[str, int | None, str | None]:
    """The text, id and business ID a label gives (either may be None)."""
    found = _REFERENCE.search(text)
    if found is None:
        return text.strip(), None, None
    pk = int(found["pk"]) if found["pk"] else None
    return text[: found.start()].strip(), pk, found["business_id"]


class SearchInput(forms.TextInput):
    """A text input that suggests as the user types, from ``suggest_url``."""

    template_name = "django/forms/widgets/text.html"

    def __init__(self, suggest_url: str = "", attrs=None):
        super().__init__(attrs)
        self.suggest_url = suggest_url

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        context["widget"]["attrs"].update(_suggesting(self.suggest_url))
        return context


class SearchTextarea(forms.Textarea):
    """Several picks, one a line; the line being typed gets the suggestions."""

    def __init__(self, suggest_url: str = "", attrs=None):
        super().__init__({"rows": 3, **(attrs or {})})
        self.suggest_url = suggest_url

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        context["widget"]["attrs"].update(_suggesting(self.suggest_url))
        return context


def _suggesting(url) -> dict[str, str]:
    return {
        "data-suggest": str(url),
        # Read out when the suggestions change; %s is their number.
        "data-suggest-count": _("%s suggestions"),
        "autocomplete": "off",
        "spellcheck": "false",
    }
