from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from ekosopimus.monitoring.services import CatalogueError, indicator_catalogue_load


class Command(BaseCommand):
    help = (
        "Loads the EU common indicators (RCO/RCR) bundled with the application. Safe to run again."
    )

    def handle(self, *args, **options):
        try:
            outcome = indicator_catalogue_load()
        except CatalogueError as error:
            lines = "\n".join(f"  - {problem}" for problem in error.problems)
            raise CommandError(_("Nothing was loaded:\n%(lines)s") % {"lines": lines}) from error
        self.stdout.write(
            _("EU indicators: %(created)s new, %(updated)s updated, %(unchanged)s unchanged")
            % {
                "created": outcome.created,
                "updated": outcome.updated,
                "unchanged": outcome.unchanged,
            }
        )
