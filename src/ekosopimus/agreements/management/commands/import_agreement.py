import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from ekosopimus.agreements.documents import DocumentUnreadable
from ekosopimus.agreements.services import agreement_draft_create
from ekosopimus.agreements.services.drafts import draft_read


class Command(BaseCommand):
    help = (
        "Reads an agreement document (PDF, DOCX or plain text) into a draft agreement to review "
        "in the application. With --dry-run nothing is stored."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path, help="The agreement document.")
        parser.add_argument(
            "--dry-run", action="store_true", help="Read the document but store nothing."
        )
        parser.add_argument(
            "--json",
            action="store_true",
            help="Print the draft as JSON, in the shape of the agreement data files, with the "
            "page and line each item came from under 'sources'.",
        )

    def handle(self, *args, file: Path, dry_run: bool, json: bool, **options):
        try:
            content = file.read_bytes()
        except OSError as error:
            raise CommandError(
                _("Cannot read %(file)s: %(error)s") % {"file": file, "error": error.strerror}
            ) from error
        try:
            if dry_run:
                draft = draft_read(content=content, filename=file.name)
                output = draft.as_json()
            else:
                record = agreement_draft_create(content=content, filename=file.name, by=None)
                output = {**record.data, "sources": record.sources, "notes": record.notes}
        except DocumentUnreadable as error:
            raise CommandError(_("Nothing was stored: %(reason)s") % {"reason": error}) from error
        if json:
            self.stdout.write(_dumps(output))
            return
        self._summary(output)
        if not dry_run:
            self.stdout.write(
                _("Stored as draft %(id)s; review it at %(url)s")
                % {"id": record.pk, "url": record.get_absolute_url()}
            )

    def _summary(self, data: dict) -> None:
        areas = data.get("focus_areas") or []
        groups = sum(len(area.get("action_groups") or []) for area in areas)
        rows = len((data.get("action_plan") or {}).get("items") or [])
        self.stdout.write(
            _(
                "%(name)s: %(parties)d parties, %(areas)d focus areas, %(groups)d action groups, "
                "%(rows)d action plan rows"
            )
            % {
                "name": data.get("name"),
                "parties": len(data.get("parties") or []),
                "areas": len(areas),
                "groups": groups,
                "rows": rows,
            }
        )
        for note in data.get("notes") or []:
            self.stdout.write(self.style.WARNING(note))


def _dumps(data) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2)
