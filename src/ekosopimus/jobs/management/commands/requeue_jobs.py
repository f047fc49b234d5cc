from django.core.management.base import BaseCommand

from ekosopimus.jobs.services import jobs_requeue_waiting


class Command(BaseCommand):
    help = (
        "Hands again to the queue the background work waiting longer than --minutes (10), "
        "in case its task was lost; work already claimed is not done twice."
    )

    def add_arguments(self, parser):
        parser.add_argument("--minutes", type=int, default=10)

    def handle(self, *args, minutes: int, **options):
        self.stdout.write(str(jobs_requeue_waiting(older_than_minutes=minutes)))
