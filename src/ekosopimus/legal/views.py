"""The accessibility statement and the privacy notice. Their long texts are written as one
template per language (legal/<page>.<language>.html), which a translator edits as a whole."""

import datetime

from django.conf import settings
from django.shortcuts import render
from django.template.loader import select_template
from django.utils.translation import get_language

# When the service was last assessed for accessibility; update with the statement.
ACCESSIBILITY_ASSESSED_ON = datetime.date(2026, 12, 6)


def _text(page: str) -> str:
    """The page's text in the active language, else in Finnish."""
    language = (get_language() or settings.LANGUAGE_CODE).split("-")[0]
    names = [f"legal/{page}.{language}.html", f"legal/{page}.{settings.LANGUAGE_CODE}.html"]
    return select_template(names).template.name


def accessibility(request):
    """Saavutettavuusseloste, as the Act on the Provision of Digital Services (306/2019) asks."""
    context = {
        "text": _text("accessibility"),
        "assessed_on": ACCESSIBILITY_ASSESSED_ON,
        "contact": settings.EKOSOPIMUS_ACCESSIBILITY_CONTACT,
        "controller": settings.EKOSOPIMUS_CONTROLLER,
    }
    return render(request, "legal/accessibility.html", context)


def privacy(request):
    """Tietosuojaseloste: the controller, the personal data held, why, for how long, and rights."""
    context = {
        "text": _text("privacy"),
        "controller": settings.EKOSOPIMUS_CONTROLLER,
        "contact": settings.EKOSOPIMUS_PRIVACY_CONTACT,
    }
    return render(request, "legal/privacy.html", context)
