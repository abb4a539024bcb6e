# Meedoen West application image (web app and worker share it).
# Front-end assets are built in a Node stage; the Python stage installs the locked set.

FROM node:20-bookworm-slim AS assets
WORKDIR /src
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund --loglevel=error
COPY scripts/vendor_assets.py scripts/css_subset.py scripts/
# The templates and code too: only the NL Design System CSS they use is kept.
COPY templates templates
COPY platform/meedoen platform/meedoen
RUN apt-get update -qq && apt-get install -y -qq --no-install-recommends python3 >/dev/null \
    && python3 scripts/vendor_assets.py

FROM python:3.11-slim-bookworm AS app
ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    UV_PROJECT_ENVIRONMENT=/opt/venv \
    PATH=/opt/venv/bin:$PATH \
    MEEDOEN_ENV=production \
    MEEDOEN_DATA_DIR=/var/lib/meedoen
# pg_dump/pg_restore for `meedoen backup` and `meedoen restore` (bookworm's 15 = the
# postgres:15 service in docker-compose.yml; the client must not be older than the server).
RUN apt-get update -qq \
    && apt-get install -y -qq --no-install-recommends postgresql-client >/dev/null \
    && rm -rf /var/lib/apt/lists/* \
    && pip install --no-cache-dir uv==0.13.8 \
    && useradd --system --create-home --home-dir /var/lib/meedoen meedoen
WORKDIR /app
COPY pyproject.toml uv.lock README.md ./
COPY platform platform
RUN uv sync --locked --no-dev --no-cache
COPY templates templates
COPY search search
COPY seeds seeds
COPY --from=assets /src/platform/meedoen/static/vendor platform/meedoen/static/vendor
USER meedoen
EXPOSE 8000
# Healthy = ready for traffic: migrated, index up to date, start-up backlog applied
# (/health/ready). /health is the liveness probe: it answers while the process does.
HEALTHCHECK --interval=15s --timeout=5s --start-period=120s --retries=3 \
    CMD python -c "import urllib.request,sys; sys.exit(0 if urllib.request.urlopen('http://127.0.0.1:8000/health/ready', timeout=4).status == 200 else 1)"
# One web process per core the container may use (MEEDOEN_WEB_WORKERS to choose).
CMD ["meedoen", "serve", "--host", "0.0.0.0", "--port", "8000"]
