import json

from django.core.management.base import BaseCommand, CommandError
from django.http import Http404
from django.utils.formats import date_format, number_format
from django.utils.translation import gettext as _

from ekosopimus.agreements.selectors import agreement_get
from ekosopimus.analysis.similar import Draft, Match, similar_projects


class Command(BaseCommand):
    help = (
        "Prints the projects most similar to TEXT, with their scores and why they matched: in "
        "the agreement given, in other agreements and in earlier programme periods."
    )

    def add_arguments(self, parser):
        parser.add_argument("text", help="A project idea: a name and a few sentences.")
        parser.add_argument("--agreement", help="Matches in this agreement are listed apart.")
        parser.add_argument(
            "--limit", type=int, default=10, help="At most this many per group (default 10)."
        )
        parser.add_argument(
            "--json", action="store_true", dest="as_json", help="Print JSON instead of text."
        )

    def handle(self, *args, text: str, agreement: str | None, limit: int, as_json: bool,
               **options):  # fmt: skip
        if not text.strip():
            raise CommandError(_("Give a text to compare."))
        if not 1 <= limit <= 100:
            raise CommandError(_("--limit must be between 1 and 100."))
        home = None
        if agreement:
            try:
                home = agreement_get(slug=agreement)
            except Http404:
                raise CommandError(
                    _("No agreement with the short name “%(slug)s”.") % {"slug": agreement}
                ) from None
        matches = similar_projects(draft=Draft(text=text, agreement=home), user=None, limit=limit)
        if as_json:
            self._print_json(matches)
        else:
            self._print_text(matches)

    def _print_json(self, matches) -> None:
        found = [match.as_data() for group in matches.groups.values() for match in group]
        self.stdout.write(json.dumps(found, ensure_ascii=False, indent=2))

    def _print_text(self, matches) -> None:
        if not matches:
            self.stdout.write(_("No project is similar to this text."))
            return
        for group, found in matches.groups.items():
            if not found:
                continue
            self.stdout.write(self.style.MIGRATE_HEADING(str(group.label)))
            for match in found:
                project = match.project
                flag = f"  [{_('Likely overlap')}]" if match.likely_overlap else ""
                code = f"{project.code} " if project.code else ""
                self.stdout.write(
                    f"  {number_format(round(match.score, 2), 2)}  {code}{project.name} "
                    f"({project.agreement.city_region}){flag}"
                )
                for reason in _reasons(match):
                    self.stdout.write(f"        {reason}")


def _reasons(match: Match) -> list[str]:
    reasons = []
    if match.shared_terms:
        reasons.append(_("Shared key terms") + ": " + ", ".join(match.shared_terms))
    if match.shared_organizations:
        names = ", ".join(o.name for o in match.shared_organizations)
        reasons.append(_("Shared organisations") + ": " + names)
    if match.period_overlap:
        start, end = (date_format(day, "SHORT_DATE_FORMAT") for day in match.period_overlap)
        reasons.append(
            _("Running at the same time %(start)s–%(end)s") % {"start": start, "end": end}
        )
    if match.same_action_group:
        reasons.append(_("The same action group"))
    if match.same_measure:
        reasons.append(_("The same action plan measure"))
    return reasons
