"""gunicorn's settings for the register: `gunicorn -c councilgov/gunicorn.conf.py`.

Each can be changed from the environment (GUNICORN_BIND, GUNICORN_WORKERS, GUNICORN_THREADS,
GUNICORN_TIMEOUT) without editing this file.
"""

import multiprocessing
import os

wsgi_app = "councilgov.wsgi:application"
bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")

# Two processes per core plus one, as gunicorn advises, each with a few threads so that a slow
# PDF or export does not leave a worker's other visitors waiting.
workers = int(os.environ.get("GUNICORN_WORKERS", multiprocessing.cpu_count() * 2 + 1))
threads = int(os.environ.get("GUNICORN_THREADS", "4"))
worker_class = "gthread"
# A request still running after this is killed and its worker replaced; the database's own
# statement timeout should end slow queries well before.
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "60"))
graceful_timeout = 30
keepalive = 5
# A worker is replaced after this many requests (with jitter, so not all at once), which
# bounds what any slow leak can grow to.
max_requests = 1000
max_requests_jitter = 100

# Behind a reverse proxy that terminates TLS and sets X-Forwarded-Proto (settings.py trusts
# it); only the proxy on this machine is believed by default.
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")

# Requests and errors to stdout and stderr, for the service manager's log.
accesslog = "-"
errorlog = "-"
loglevel = os.environ.get("LOG_LEVEL", "info").lower()

# Refuse oversized request lines and headers before Django sees them.
limit_request_line = 8190
limit_request_fields = 100
