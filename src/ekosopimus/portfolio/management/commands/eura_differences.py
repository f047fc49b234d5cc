import json

from django.core.management.base import BaseCommand, CommandError
from django.http import Http404
from django.utils.translation import gettext as _

from ekosopimus.agreements.selectors import agreement_get
from ekosopimus.portfolio.models import EuraDifference
from ekosopimus.portfolio.selectors import difference_rows, eura_differences


class Command(BaseCommand):
    help = (
        "Lists the differences from EURA waiting in an agreement's reconciliation inbox: the "
        "project code, the field, the value the portfolio holds and EURA's value."
    )

    def add_arguments(self, parser):
        parser.add_argument("--agreement", required=True, help="The agreement's short name.")
        parser.add_argument(
            "--field",
            choices=EuraDifference.Field.values,
            help="Only differences of this field.",
        )
        parser.add_argument(
            "--json", action="store_true", dest="as_json", help="Print JSON instead of text."
        )

    def handle(self, *args, agreement: str, field, as_json: bool, **options):
        try:
            found = agreement_get(slug=agreement)
        except Http404:
            raise CommandError(
                _("No agreement with the short name “%(slug)s”.") % {"slug": agreement}
            ) from None
        rows = difference_rows(eura_differences(agreement=found, field=field or ""))
        if as_json:
            self.stdout.write(_as_json(found.slug, rows))
            return
        for row in rows:
            difference = row.difference
            self.stdout.write(
                "\t".join(
                    [
                        difference.project.code or str(difference.project_id),
                        row.part,
                        row.held,
                        row.eura,
                        difference.project_import.file_name,
                    ]
                )
            )
        self.stdout.write(
            _("%(count)s differences wait in the inbox of %(agreement)s.")
            % {"count": len(rows), "agreement": found.slug}
        )


def _as_json(slug: str, rows) -> str:
    return json.dumps(
        {
            "agreement": slug,
            "differences": [
                {
                    "id": row.difference.pk,
                    "project": {
                        "id": row.difference.project_id,
                        "code": row.difference.project.code,
                        "name": row.difference.project.name,
                    },
                    "field": row.difference.field,
                    "source": row.difference.source,
                    "instrument": row.difference.instrument,
                    "part": row.part,
                    "held_value": row.difference.held_value,
                    "eura_value": row.difference.eura_value,
                    "held": row.held,
                    "eura": row.eura,
                    "file": row.difference.project_import.file_name,
                    "found_at": row.difference.found_at.isoformat(),
                }
                for row in rows
            ],
        },
        ensure_ascii=False,
        indent=2,
    )
