import json

from django.core.management.base import BaseCommand, CommandError
from django.http import Http404

from ekosopimus.agreements.selectors import CompareError, agreement_get, versions_to_compare
from ekosopimus.agreements.versions import versions_compare


class Command(BaseCommand):
    help = (
        "Prints what changed between two published versions of an agreement, the same diff as "
        "the compare page and the API: nothing unchanged is reported."
    )

    def add_arguments(self, parser):
        parser.add_argument("slug", help="The agreement, e.g. kuopio.")
        parser.add_argument("older", nargs="?", help="The earlier version's number.")
        parser.add_argument("newer", nargs="?", help="The later version's number.")
        parser.add_argument("--json", action="store_true", help="Print the changes as JSON.")

    def handle(self, *args, slug, older, newer, json: bool, **options):
        try:
            agreement = agreement_get(slug=slug)
            first, second = versions_to_compare(agreement=agreement, older=older, newer=newer)
        except (Http404, CompareError) as error:
            raise CommandError(str(error)) from error
        changes = versions_compare(first, second)
        if json:
            self.stdout.write(_dumps(first.number, second.number, changes))
            return
        self.stdout.write(f"{first.label} → {second.label}")
        for change in changes:
            values = " → ".join(v for v in (change.before, change.after) if v)
            self.stdout.write(f"{change.kind}\t{change.element}\t{change.item}\t{values}")


def _dumps(older: int, newer: int, changes) -> str:
    found = [change.__dict__ for change in changes]
    return json.dumps(
        {"older": older, "newer": newer, "changes": found}, ensure_ascii=False, indent=2
    )
