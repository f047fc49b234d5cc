from django.core.management.base import BaseCommand

from ekosopimus.messaging.services import messages_send_due


class Command(BaseCommand):
    help = "Hands every e-mail that is due to a task worker (for a schedule, e.g. every hour)."

    def handle(self, *args, **options):
        self.stdout.write(str(messages_send_due()))
