from django.apps import AppConfig
from django.utils.module_loading import autodiscover_modules
from django.utils.translation import gettext_lazy as _


class JobsConfig(AppConfig):
    name = "ekosopimus.jobs"
    verbose_name = _("Background work")

    def ready(self):
        # Each app's tasks module registers the work it runs in the background.
        autodiscover_modules("tasks")
