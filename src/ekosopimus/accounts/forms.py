"""Forms of signing in that are the app's own."""

from django.contrib.auth.forms import PasswordResetForm

from ekosopimus.messaging.services import message_queue


class QueuedPasswordResetForm(PasswordResetForm):
    """Django's password reset, with the message sent by a task worker through the outbox
    rather than from the request; the page answers the same whether the address is known."""

    def send_mail(
        self,
        subject_template_name,
        email_template_name,
        context,
        from_email,
        to_email,
        html_email_template_name=None,
    ):
        user = context["user"]
        message_queue(
            key=f"password-reset:{context['uid']}:{context['token']}",
            template="accounts/email/password_reset",
            context={"user": user, "uid": context["uid"], "token": context["token"]},
            recipient=user,
            to=to_email,
        )
