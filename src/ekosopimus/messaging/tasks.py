"""Sending e-mail is the task workers' job, never a web request's."""

from django_tasks import task

from .services import message_send


@task()
def send_message(message_id: int) -> str:
    """Send the outbox message ``message_id`` (nothing, if it has been sent already)."""
    return message_send(message_id=message_id)
