"""WSGI entry point for production servers (and for ``runserver``, through WSGI_APPLICATION)."""

import os
import threading

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ekosopimus.settings.production")

application = get_wsgi_application()

# The first search for similar projects would wait for the dictionaries; a process that serves
# pages loads them while it waits for its first requests.
from ekosopimus.analysis.similarity.text import dictionaries_load  # noqa: E402

threading.Thread(target=dictionaries_load, name="dictionaries", daemon=True).start()
