#!/bin/sh
# Build the container image from the Dockerfile and smoke-test it: the image serves a content
# repository mounted READ-ONLY that has a remote (itself mounted read-only), and /health must
# say "ok" with the remote fetched, and the image's own HEALTHCHECK must pass inside it.
# `make image` runs this; CI runs it when a tool is present.
#
#   deploy/image.sh              build + smoke test (docker if its daemon answers, else buildah)
#   deploy/image.sh --available  exit 0 when a usable container tool is present, else 1
#
# Without a registry (an offline build host), set BASE to a local image with Python 3.11+ and
# pip, or let this script make one with debootstrap (Debian bookworm + python3), and
# PIP_NO_INDEX=1 to install from a wheelhouse built on the host into deploy/wheels/.
# buildah runs with chroot isolation (no daemon, works inside containers).
set -eu

ROOT=$(cd "$(dirname "$0")/.." && pwd)
IMAGE=${IMAGE:-localhost/pathapi:latest}
WORK=${IMAGE_WORK:-${TMPDIR:-/tmp}/pathapi-image}
PORT=${IMAGE_PORT:-18765}
export STORAGE_DRIVER="${STORAGE_DRIVER:-vfs}"  # buildah/podman inside a container: no overlayfs

tool() {
    if command -v docker >/dev/null 2>&1 && docker info >/dev/null 2>&1; then echo docker
    elif command -v buildah >/dev/null 2>&1 && [ "$(id -u)" = 0 ]; then echo buildah
    else echo none; fi
}

if [ "${1:-}" = "--available" ]; then [ "$(tool)" != none ]; exit $?; fi
TOOL=$(tool)
[ "$TOOL" != none ] || { echo "image.sh: needs docker (with a daemon) or buildah (as root)" >&2; exit 2; }

# buildah builds usually run where the build cannot reach PyPI: wheels come from the host.
if [ "$TOOL" = buildah ]; then PIP_NO_INDEX=${PIP_NO_INDEX:-1}; fi
mkdir -p "$WORK"
log() { echo "image.sh: $*" >&2; }

# 1. A base image: BASE when given, python:3.12-slim when a registry answers, else debootstrap.
base_image() {
    if [ -n "${BASE:-}" ]; then echo "$BASE"; return; fi
    if [ "$TOOL" = docker ]; then echo python:3.12-slim; return; fi
    if timeout 60 buildah pull -q docker.io/library/python:3.12-slim >/dev/null 2>&1; then echo python:3.12-slim; return; fi
    if ! podman image exists localhost/pathapi-base:bookworm 2>/dev/null; then
        log "no registry: building a Debian bookworm base with debootstrap (a few minutes, once)"
        rm -rf "$WORK/rootfs"
        if ! command -v debootstrap >/dev/null; then  # buildah as root (this script's case) can install it
            apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq debootstrap >/dev/null
        fi
        debootstrap --variant=minbase --include=python3,python3-pip,python-is-python3,ca-certificates \
            bookworm "$WORK/rootfs" >"$WORK/debootstrap.log" 2>&1 || { tail -20 "$WORK/debootstrap.log" >&2; exit 1; }
        rm -f "$WORK"/rootfs/usr/lib/python3*/EXTERNALLY-MANAGED  # like python:slim: pip installs system-wide
        rm -rf "$WORK/rootfs/var/cache/apt/archives"/*.deb
        tar -C "$WORK/rootfs" -c . | podman import - localhost/pathapi-base:bookworm >/dev/null
        rm -rf "$WORK/rootfs"
    fi
    echo localhost/pathapi-base:bookworm
}

# 2. The wheelhouse: without a reachable index, build every wheel on the host.
wheelhouse() {
    find "$ROOT/deploy/wheels" -name '*.whl' -delete
    if [ "${PIP_NO_INDEX:-0}" = 1 ]; then
        log "building the wheelhouse on the host (deploy/wheels/)"
        # The base's Python must match this one's (3.11 for the bookworm base) for compiled wheels.
        "${PYTHON:-python3}" -m pip wheel --wheel-dir "$ROOT/deploy/wheels" "$ROOT" "setuptools>=68" \
            >"$WORK/wheels.log" 2>&1 || { tail -20 "$WORK/wheels.log" >&2; exit 1; }
    fi
}

build() {
    base=$1
    log "building $IMAGE from $base with $TOOL"
    if [ "$TOOL" = docker ]; then
        docker build --build-arg "BASE=$base" --build-arg "PIP_NO_INDEX=${PIP_NO_INDEX:-0}" -t "$IMAGE" "$ROOT"
    else
        buildah bud --quiet --isolation chroot --format docker --layers=false --build-arg "BASE=$base" \
            --build-arg "PIP_NO_INDEX=${PIP_NO_INDEX:-0}" -t "$IMAGE" "$ROOT" >"$WORK/build.log" 2>&1 \
            || { tail -30 "$WORK/build.log" >&2; exit 1; }
    fi
}

# 3. A repository with a remote, both mounted read-only at the same paths inside.
fixture() {
    rm -rf "$WORK/remote.git" "$WORK/content"
    git clone --quiet --bare --no-local "$ROOT" "$WORK/remote.git"
    git clone --quiet --no-local "$WORK/remote.git" "$WORK/content"
    chmod -R a+rX "$WORK/remote.git" "$WORK/content"
}

smoke() {
    log "starting $IMAGE against $WORK/content mounted read-only"
    if [ "$TOOL" = docker ]; then
        docker run -d --rm --name pathapi-smoke --read-only --tmpfs /tmp -p "127.0.0.1:$PORT:8000" \
            -v "$WORK/content:/content:ro" -v "$WORK/remote.git:$WORK/remote.git:ro" "$IMAGE" --workers 2 >/dev/null
        trap 'docker stop pathapi-smoke >/dev/null 2>&1 || true' EXIT
    else
        ctr=$(buildah from --quiet "$IMAGE")
        # Its own process group: stopping buildah alone would leave the server running (a smoke
        # test: no graceful stop needed).
        trap 'env kill -KILL -- "-$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; buildah rm "$ctr" >/dev/null' EXIT
        # chroot isolation shares the host's network: serve on the loopback port directly.
        setsid buildah run --isolation chroot \
            --mount "type=bind,src=$WORK/content,dst=/content,ro=true" \
            --mount "type=bind,src=$WORK/remote.git,dst=$WORK/remote.git,ro=true" \
            "$ctr" -- pathapi serve --host 127.0.0.1 --port "$PORT" --workers 2 >"$WORK/serve.log" 2>&1 &
        pid=$!
    fi
    tries=0
    until health=$(python3 -c "import urllib.request as u; print(u.urlopen('http://127.0.0.1:$PORT/health',timeout=2).read().decode())" 2>/dev/null); do
        tries=$((tries + 1))
        if [ -n "${pid:-}" ] && ! kill -0 "$pid" 2>/dev/null; then log "the server exited"; cat "$WORK/serve.log" >&2; exit 1; fi
        if [ "$tries" -gt 90 ]; then log "no /health after 90 s"; cat "$WORK/serve.log" >&2 2>/dev/null || true; exit 1; fi
        sleep 1
    done
    echo "$health" | python3 -c '
import json, sys
health = json.load(sys.stdin)
following = health["following"]
print("image.sh: /health", health["status"], health["version"][:12], "remote", following["remote"],
      "fetch_error", following["fetch_error"], file=sys.stderr)
sys.exit(0 if health["status"] == "ok" and following["remote"] and not following["fetch_error"] else 1)'
    log "ok: $IMAGE serves a read-only repository with a remote"
}

# 4. The image's own HEALTHCHECK (kept only in the docker format), run inside it: its interpreter
# must exist there and the readiness route must answer.
healthcheck() {
    port=8000; [ "$TOOL" = docker ] || port=$PORT  # chroot isolation: the host's network
    if [ "$TOOL" = docker ]; then docker inspect "$IMAGE"; else buildah inspect --type image "$IMAGE"; fi | python3 -c '
import json, sys
found = json.load(sys.stdin)
config = found[0]["Config"] if isinstance(found, list) else found["Docker"]["config"]
test = (config.get("Healthcheck") or {}).get("Test") or []
if not test or test[0] != "CMD":
    sys.exit("image.sh: the image has no HEALTHCHECK CMD (built in the OCI format?)")
sys.stdout.write("\0".join(arg.replace("127.0.0.1:8000", "127.0.0.1:" + sys.argv[1]) for arg in test[1:]))' "$port" \
        >"$WORK/healthcheck"
    if [ "$TOOL" = docker ]; then xargs -0 docker exec pathapi-smoke <"$WORK/healthcheck"
    else xargs -0 buildah run --isolation chroot "$ctr" -- <"$WORK/healthcheck"; fi
    log "ok: the image's HEALTHCHECK passes inside it"
}

base=$(base_image)
wheelhouse
build "$base"
fixture
smoke
healthcheck
