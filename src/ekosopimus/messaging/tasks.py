"""Sending e-mail is the task workers' job, never a web request's."""

from django_tasks import task

from ekosopimus.jobs.schedule import HOURLY, periodic

from .services import message_send, messages_send_due


@task()
def send_message(message_id: int) -> str:
    """Send the outbox message ``message_id`` (nothing, if it has been sent already)."""
    return message_send(message_id=message_id)


@periodic("send_queued_mail", every=HOURLY)
@task()
def send_due_messages() -> int:
    """Hand every message that is due to a worker: those whose retry time has come on a
    queue that cannot defer, and any whose task a queue lost."""
    return messages_send_due()
