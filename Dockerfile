# Ekosopimus for production: gunicorn serving the application, or `ekosopimus worker`.
# Multi-stage: the build tools stay in the first stage; the image runs as a user of its own.

FROM python:3.11-slim-bookworm AS build
RUN apt-get update \
    && apt-get install -y --no-install-recommends build-essential \
    && rm -rf /var/lib/apt/lists/*
WORKDIR /build
COPY pyproject.toml README.md ./
COPY src ./src
RUN python -m venv /venv && /venv/bin/pip install --no-cache-dir .

FROM python:3.11-slim-bookworm
# Pango and fonts for the PDF summaries and minutes (WeasyPrint).
RUN apt-get update \
    && apt-get install -y --no-install-recommends \
        libpango-1.0-0 libpangoft2-1.0-0 fonts-dejavu-core \
    && rm -rf /var/lib/apt/lists/* \
    && useradd --create-home --uid 10001 ekosopimus \
    && mkdir -p /data/files /app/static \
    && chown -R ekosopimus /data
COPY --from=build /venv /venv
ENV PATH=/venv/bin:$PATH \
    PYTHONUNBUFFERED=1 \
    DJANGO_SETTINGS_MODULE=ekosopimus.settings.production \
    EKOSOPIMUS_DATA_DIR=/data \
    EKOSOPIMUS_FILES_DIR=/data/files \
    STATIC_ROOT=/app/static
# The static files are collected into the image; the production settings ask for every
# secret, so the build gives placeholders that no running container ever sees.
RUN SECRET_KEY=build ALLOWED_HOSTS=build DATABASE_URL=postgres://build/build \
    REDIS_URL=redis://build EMAIL_HOST=build DEFAULT_FROM_EMAIL=build SITE_URL=http://build \
    ekosopimus collectstatic --no-input -v0
USER ekosopimus
WORKDIR /home/ekosopimus
EXPOSE 8000
HEALTHCHECK --interval=30s --timeout=10s --start-period=60s \
    CMD python -c "import sys, urllib.request; sys.exit(urllib.request.urlopen('http://127.0.0.1:8000/health/', timeout=8).status != 200)"
CMD ["gunicorn", "-c", "python:ekosopimus.gunicorn_conf", "ekosopimus.wsgi:application"]
