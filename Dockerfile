# pathapi: the read API in a container.
#
#   docker build -t pathapi .
#   docker run --rm -p 8000:8000 -v /srv/palvelupolut:/content:ro pathapi
#
# The content repository (a git repository with content/ and schemas/ at its root) is
# mounted read-only at /content; pathapi reads git objects, never writes: a remote is fetched
# into a mirror under /tmp (add --read-only --tmpfs /tmp to lock the container down).
# `make image` builds and smoke-tests this image (deploy/image.sh).
#
# Behind a corporate proxy: docker's HTTP_PROXY/HTTPS_PROXY build args, plus
#   --build-arg PIP_INDEX_URL=https://pypi.example.fi/simple   (a package index or mirror)
#   --build-arg CA_DIR=deploy/ca      (a directory in the build context with the proxy's CA
#                                      certificates as *.crt, PEM: trusted by pip, apt and git)
# buildah: `buildah bud --format docker …` (the OCI format drops HEALTHCHECK).
ARG BASE=python:3.12-slim

FROM ${BASE} AS build
# PIP_NO_INDEX=1 builds offline from deploy/wheels/, a wheelhouse made on the host (deploy/image.sh).
ARG PIP_NO_INDEX=0
ARG PIP_INDEX_URL
ARG CA_DIR=deploy/ca
COPY ${CA_DIR}/ /usr/local/share/ca-certificates/pathapi/
RUN update-ca-certificates >/dev/null
ENV PIP_CERT=/etc/ssl/certs/ca-certificates.crt
WORKDIR /src
COPY pyproject.toml README.md ./
COPY src ./src
COPY deploy/wheels ./wheels
RUN PIP_FIND_LINKS=/src/wheels pip wheel --no-cache-dir --wheel-dir /wheels .

FROM ${BASE}
ARG CA_DIR=deploy/ca
COPY ${CA_DIR}/ /usr/local/share/ca-certificates/pathapi/
# hadolint ignore=DL3008
RUN update-ca-certificates >/dev/null \
    && apt-get update \
    && apt-get install -y --no-install-recommends git libvoikko1 voikko-fi \
    && rm -rf /var/lib/apt/lists/* \
    # The mounted repository belongs to another user; let git read it anyway.
    && git config --system --add safe.directory '*' \
    && groupadd --system --gid 10001 pathapi \
    && useradd --system --uid 10001 --gid 10001 --no-create-home --shell /usr/sbin/nologin pathapi
COPY --from=build /wheels /wheels
# hadolint ignore=DL3013
RUN pip install --no-cache-dir --no-index --find-links /wheels /wheels/*.whl && rm -rf /wheels
ENV PATHAPI_REPO=/content \
    PATHAPI_CACHE_DIR=/tmp/pathapi-cache \
    PYTHONUNBUFFERED=1 \
    PYTHONDONTWRITEBYTECODE=1
USER 10001
EXPOSE 8000
# Readiness, not /health: a failing newer commit degrades /health while the last good version
# is served. python3 is what both bases have (python:*-slim and the debootstrap one); image.sh runs
# this very command inside the built image.
HEALTHCHECK --interval=30s --timeout=3s --start-period=60s --retries=3 \
    CMD ["python3", "-c", "import urllib.request; urllib.request.urlopen('http://127.0.0.1:8000/health/ready', timeout=2)"]
ENTRYPOINT ["pathapi", "serve", "--host", "0.0.0.0", "--port", "8000"]
CMD ["--workers", "2"]
