"""gunicorn's settings for serving Ekosopimus (``gunicorn -c python:ekosopimus.gunicorn_conf``).

Every value can be changed from the environment, as a container platform sets them.
"""

import os

bind = os.environ.get("BIND", f"0.0.0.0:{os.environ.get('PORT', '8000')}")
# Pages are mostly the database's and the templates' work: a few processes per core.
workers = int(os.environ.get("WEB_CONCURRENCY", "4"))
# Loaded once before the workers fork, so that they share the lemmatiser's dictionaries.
preload_app = True
# A page that takes this long is stuck; long work belongs to the task workers.
timeout = int(os.environ.get("WEB_TIMEOUT", "60"))
graceful_timeout = 30
keepalive = 5
# A worker is replaced after this many requests, so memory cannot creep up for weeks.
max_requests = 2000
max_requests_jitter = 200
# Each request is logged once, by the application, with its request id.
accesslog = None
errorlog = "-"
loglevel = os.environ.get("LOG_LEVEL", "info").lower()
# The proxy in front sets X-Forwarded-For and -Proto; trust only the addresses named here.
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")
# No control socket in the home folder: two servers on one machine would fight over it.
control_socket_disable = True
