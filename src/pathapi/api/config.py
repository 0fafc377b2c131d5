"""Settings layered as defaults, then ``PATHAPI_*`` environment variables, then a test mapping."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from pathapi.content.kinds import CONTENT_DIR

DEFAULTS: dict[str, Any] = {
    "REPO": None,  # the content repository; see default_repository()
    "MAX_AGE": 60,  # seconds public caches may keep a live response
    "FAST_LANE": True,  # answer hot reads outside Flask (same handlers, same bytes)
    "POLL": 0,  # seconds between checks of the repository for new commits and releases (0: never)
    "BRANCH": None,  # branch that is live until the first release (default: the checked-out one)
    "PIN": None,  # serve this release or commit instead of the newest release (freeze; static export)
    "SNAPSHOTS": 8,  # versions kept in memory at once, the live one included
    "CACHE_DIR": None,  # where blobs known to pass their schema are recorded; "off" disables
    "PREVIEW_TOKEN": None,  # secret bearer token for previews of drafts and branches
    "INTRANET_TOKEN": None,  # secret bearer token for intranets: professional-only content
    "PREVIEW_TOKENS": None,  # named preview tokens, "name:secret,name2:secret2" (a name may have two secrets)
    "INTRANET_TOKENS": None,  # named intranet tokens, "name:secret,..."; a secret in both lists has both rights
    "TOKEN_SECRET": None,  # key for signing sync tokens and cursors (default: derived from the repository)
    "WEBHOOK_SECRET": None,  # secret for HMAC-signed push notifications on POST /hooks/git
    "EVENTS_URLS": None,  # comma-separated URLs that get a signed POST when a new version goes live
    "EVENTS_SECRET": None,  # secret for the HMAC-SHA256 signature of those events (required with URLs)
    "METRICS": True,  # GET /metrics in Prometheus text format
    "METRICS_TOKEN": None,  # when set, /metrics asks for Authorization: Bearer <this token>
    "HEALTH_DEGRADED_STATUS": 503,  # HTTP status of /health while degraded (200: report in the body only)
    "ACCESS_LOG": True,  # one JSON line per request on stderr
    "MAX_CONTENT_LENGTH": 1_048_576,  # request bodies (webhooks) larger than this are refused
    "API_TITLE": "pathapi",
    "API_VERSION": "v1",
    "OPENAPI_VERSION": "3.1.0",
    "OPENAPI_URL_PREFIX": "/",
    "OPENAPI_JSON_PATH": "openapi.json",
    "OPENAPI_SWAGGER_UI_PATH": "docs",
    "OPENAPI_SWAGGER_UI_URL": "/docs/assets/",
    "API_SPEC_OPTIONS": {
        "info": {
            "description": (
                "Customer service paths of a Finnish wellbeing services county, read-only. "
                "Every response names the commit it was served from in `Content-Version`. "
                "Errors are `application/problem+json`. Clients must ignore unknown keys: "
                "keys may be added within v1, never removed or changed."
            )
        }
    },
}
ENV_PREFIX = "PATHAPI_"


def from_environment(environ: dict[str, str] | None = None) -> dict[str, Any]:
    """Settings from ``PATHAPI_<NAME>`` variables, typed like their defaults."""
    environ = dict(os.environ if environ is None else environ)
    found: dict[str, Any] = {}
    for name, default in DEFAULTS.items():
        raw = environ.get(ENV_PREFIX + name)
        if raw is None:
            continue
        if isinstance(default, bool):
            found[name] = raw.strip().lower() in ("1", "true", "yes", "on")
        elif isinstance(default, int):
            found[name] = float(raw) if name == "POLL" else int(raw)
        else:
            found[name] = raw
    return found


def default_repository(cwd: Path | None = None) -> Path:
    """PATHAPI_REPO; else the current directory when it holds content/; else this checkout."""
    configured = from_environment().get("REPO")
    if configured:
        return Path(configured)
    cwd = cwd or Path.cwd()
    if (cwd / CONTENT_DIR).is_dir():
        return cwd
    checkout = Path(__file__).resolve().parents[3]
    if (checkout / CONTENT_DIR).is_dir():
        return checkout
    return cwd
