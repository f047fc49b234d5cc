import datetime
import json
from dataclasses import asdict
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from ekosopimus.agreements.documents import DocumentUnreadable
from ekosopimus.agreements.selectors import agreement_get, version_current
from ekosopimus.agreements.services.drafts import draft_read
from ekosopimus.agreements.services.revisions import (
    RevisionError,
    RevisionRecord,
    revision_check,
)
from ekosopimus.revisions.impact import Impact, revision_impact
from ekosopimus.revisions.plan import carry_over_plan
from ekosopimus.revisions.services import revision_draft_create, revision_publish_data


class Command(BaseCommand):
    help = (
        "Reads a revised agreement (PDF, DOCX, text or curated YAML) against the agreement's "
        "version in force: the changes, the carry-over of its links and the rules before and "
        "after. --publish publishes it when every link carries over by itself; otherwise it "
        "stores the revision for review in the application."
    )

    def add_arguments(self, parser):
        parser.add_argument("slug", help="The agreement revised, e.g. kuopio.")
        parser.add_argument("file", type=Path, help="The revised agreement.")
        parser.add_argument("--dry-run", action="store_true", help="Store nothing.")
        parser.add_argument("--json", action="store_true", help="Print JSON.")
        parser.add_argument(
            "--publish",
            action="store_true",
            help="Publish when every link is matched automatically; refuse otherwise.",
        )
        parser.add_argument("--initiated-by", default="", help="The party that initiated it.")
        parser.add_argument(
            "--enters-into-force",
            type=datetime.date.fromisoformat,
            help="Date of entry into force (YYYY-MM-DD); today if not given.",
        )
        parser.add_argument("--label", default="", help="Name of the new version.")

    def handle(self, *args, slug, file: Path, dry_run, json, publish, **options):
        if dry_run and publish:
            raise CommandError(_("--dry-run and --publish exclude each other."))
        try:
            agreement = agreement_get(slug=slug)
        except Http404 as error:
            raise CommandError(_("No agreement %(slug)s.") % {"slug": slug}) from error
        try:
            content = file.read_bytes()
        except OSError as error:
            raise CommandError(
                _("Cannot read %(file)s: %(error)s") % {"file": file, "error": error.strerror}
            ) from error
        try:
            data = draft_read(content=content, filename=file.name).data
        except DocumentUnreadable as error:
            raise CommandError(_("Nothing was stored: %(reason)s") % {"reason": error}) from error
        problems = revision_check(agreement=agreement, data=data)
        if problems:
            raise CommandError(_("Nothing was stored: %(reason)s") % {"reason": " ".join(problems)})

        if publish:
            self._publish(agreement, data, file, options, json)
            return
        plan = carry_over_plan(agreement=agreement, data=data)
        impact = revision_impact(plan=plan, data=data)
        report = _report(plan, impact)
        if not dry_run:
            draft = revision_draft_create(
                agreement=agreement, content=content, filename=file.name, by=None
            )
            report["draft"] = draft.pk
        if json:
            self.stdout.write(_dumps(report))
        else:
            self._summary(report)
        if not dry_run:
            self.stdout.write(
                _("Stored for review as revision draft %(id)s.") % {"id": report["draft"]}
            )

    def _publish(self, agreement, data, file: Path, options, as_json: bool) -> None:
        current = version_current(agreement)
        record = RevisionRecord(
            initiated_by=options["initiated_by"] or _first_contracting_city(data),
            enters_into_force_on=options["enters_into_force"] or timezone.localdate(),
            label=options["label"]
            or _("Revised agreement (version %(number)s)")
            % {"number": (current.number if current else 0) + 1},
        )
        try:
            version = revision_publish_data(
                agreement=agreement, data=data, record=record, source=file.name, by=None
            )
        except RevisionError as error:
            raise CommandError(
                _("Nothing was stored:") + "\n" + "\n".join(f"- {p}" for p in error.problems)
            ) from error
        if as_json:
            self.stdout.write(_dumps({"published": version.number, "label": version.label}))
        else:
            self.stdout.write(_("Published as %(version)s.") % {"version": version})

    def _summary(self, report: dict) -> None:
        self.stdout.write(
            _("Changes against the version in force: %(n)s") % {"n": len(report["changes"])}
        )
        for change in report["changes"]:
            values = " → ".join(v for v in (change["before"], change["after"]) if v)
            self.stdout.write(
                f"  {change['kind']}\t{change['element']}\t{change['item']}\t{values}"
            )
        plan = report["carry_over"]
        self.stdout.write(
            _("Links: %(links)s; items matched %(matched)s, unmatched %(unmatched)s")
            % {
                "links": plan["links"],
                "matched": len(plan["matched"]),
                "unmatched": len(plan["unmatched"]),
            }
        )
        for row in plan["unmatched"]:
            self.stdout.write(
                self.style.WARNING(f"  {row['kind']} {row['item']}: {len(row['links'])}")
            )
        for rule in report["rules"]:
            before, after = rule["before"], rule["after"]
            self.stdout.write(
                f"  {rule['title']}: {before['status'] if before else '–'} → "
                f"{after['status'] if after else '–'}"
            )


def _first_contracting_city(data: dict) -> str:
    contracting = [p["name"] for p in data.get("parties") or [] if p.get("kind") == "contracting"]
    return contracting[-1] if contracting else ""


def _rule_json(side) -> dict | None:
    if side is None:
        return None
    return {
        "status": side.status,
        "sentence": side.sentence,
        "figures": [{"label": f.label, "value": f.value, "unit": f.unit} for f in side.figures],
    }


def _report(plan, impact: Impact) -> dict:
    return {
        "agreement": plan.agreement.slug,
        "changes": [asdict(change) for change in impact.changes],
        "carry_over": plan.as_json(),
        "rules": [
            {
                "key": r.key,
                "title": r.title,
                "before": _rule_json(r.before),
                "after": _rule_json(r.after),
            }
            for r in impact.rules
        ],
        "problems": impact.problems,
    }


def _dumps(data) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2, default=str)
