"""The sample reporting cycle: every page has content, nothing is announced while it is
made, and the reminders have something to send in 2027."""

from django.core import mail
from django.core.management import call_command
from django.urls import reverse

from ekosopimus.messaging.models import Notification, OutboxMessage
from ekosopimus.monitoring.models import ProgressReport
from ekosopimus.portfolio.models import Decision


def test_a_sample_cycle_has_every_step_and_reminds_in_2027(client, kuopio, kuopio_user):
    call_command("load_sample_data", "--agreement", "kuopio")
    assert not Notification.objects.exists() and not OutboxMessage.objects.exists()
    assert set(ProgressReport.objects.values_list("status", flat=True)) == {
        "approved", "submitted", "returned"
    }  # fmt: skip
    assert Decision.objects.filter(outcome="granted").count() == 2
    client.force_login(kuopio_user)
    page = client.get(reverse("monitoring:reporting", args=["kuopio"])).content.decode()
    assert "Rahoitettu esimerkkihanke 1" in page and "Odottaa hyväksyntää" in page

    call_command("send_reminders", "--today", "30.1.2027")
    subjects = sorted(message.subject for message in mail.outbox)
    code = f"ESIM-{kuopio.pk}"
    assert subjects == [
        f"Seurantaraportti erääntyy tänään: {code}-R01 Rahoitettu esimerkkihanke 1",
        f"Seurantaraportti erääntyy tänään: {code}-R02 Rahoitettu esimerkkihanke 2",
    ]
    assert all(message.to[0].endswith("@esimerkki.example") for message in mail.outbox)
