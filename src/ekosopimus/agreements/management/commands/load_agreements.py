from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from ekosopimus.agreements.data_files import AgreementDataError
from ekosopimus.agreements.services import LoadOutcome, agreements_load_bundled


class Command(BaseCommand):
    help = (
        "Loads the agreements bundled with the application. Safe to run again: data already "
        "loaded is left as it is."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--update",
            action="store_true",
            help="Replace stored versions whose data file has changed (overwrites admin edits).",
        )

    def handle(self, *args, update: bool, **options):
        try:
            outcomes = agreements_load_bundled(update=update)
        except AgreementDataError as error:
            lines = "\n".join(f"  - {problem}" for problem in error.problems)
            raise CommandError(
                _("Nothing was loaded: %(source)s has problems:\n%(lines)s")
                % {"source": error.source, "lines": lines}
            ) from error
        messages = {
            LoadOutcome.CREATED: _("%(slug)s version %(number)s: loaded"),
            LoadOutcome.UNCHANGED: _("%(slug)s version %(number)s: already up to date"),
            LoadOutcome.REPLACED: _("%(slug)s version %(number)s: replaced from the data file"),
            LoadOutcome.DIFFERS: _(
                "%(slug)s version %(number)s: stored data differs from the data file and was "
                "kept; run with --update to replace it"
            ),
        }
        for outcome in outcomes:
            text = messages[outcome.result] % {
                "slug": outcome.slug,
                "number": outcome.version_number,
            }
            style = self.style.WARNING if outcome.result == LoadOutcome.DIFFERS else str
            self.stdout.write(style(text))
