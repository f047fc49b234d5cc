from django.core.management.base import BaseCommand

from ekosopimus.jobs.services import jobs_prune


class Command(BaseCommand):
    help = "Forgets finished background work older than --days (30), with its files."

    def add_arguments(self, parser):
        parser.add_argument("--days", type=int, default=30)

    def handle(self, *args, days: int, **options):
        count = jobs_prune(older_than_days=days)
        self.stdout.write(f"{count}")
