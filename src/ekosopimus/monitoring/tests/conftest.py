# The real SMTP server of the e-mail tests, for the reminders' tests.
from ekosopimus.messaging.tests.conftest import smtp_port, smtp_server, smtp_settings  # noqa: F401
