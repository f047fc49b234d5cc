from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RevisionsConfig(AppConfig):
    """Revising an agreement: carrying its portfolio over to the new version, the impact of a
    revision before it is published, and publishing it."""

    name = "ekosopimus.revisions"
    verbose_name = _("Revisions")
