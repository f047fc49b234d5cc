# The queue's deployment settings and the e-mail tests' real SMTP server, for the schedule's
# tests with real workers.
from ekosopimus.messaging.tests.conftest import smtp_port, smtp_server, smtp_settings  # noqa: F401

from .test_queue import queue  # noqa: F401
