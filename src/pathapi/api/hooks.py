"""Push notifications from the git host: HMAC-signed, they trigger a background refresh."""

from __future__ import annotations

import hashlib
import hmac
from typing import Any

from flask import request
from flask.views import MethodView
from flask_smorest import Blueprint

from pathapi.api.models import AcceptedModel
from pathapi.api.runtime import runtime
from pathapi.delivery.problems import ProblemError

SIGNATURE_HEADER = "X-Hub-Signature-256"
blp = Blueprint("hooks", __name__, url_prefix="/hooks", description="Webhooks: tell the server the repository changed.")


def signature(secret: str, body: bytes) -> str:
    """GitHub's ``X-Hub-Signature-256`` value for BODY: ``sha256=<hex HMAC-SHA256>``."""
    return "sha256=" + hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()


@blp.route("/git")
class GitPush(MethodView):
    @blp.response(202, AcceptedModel)
    @blp.alt_response(401, response="UNAUTHORIZED")
    @blp.doc(
        parameters=[
            {
                "in": "header",
                "name": SIGNATURE_HEADER,
                "required": True,
                "schema": {"type": "string"},
                "description": "sha256=<HMAC-SHA256 of the body>",
            }
        ]
    )
    def post(self) -> tuple[dict[str, Any], int]:
        """Accept a signed push notification and refresh in the background."""
        rt = runtime()
        assert rt.webhook_secret, "the route is registered only with a secret"
        given = request.headers.get(SIGNATURE_HEADER, "")
        if not hmac.compare_digest(given.encode(), signature(rt.webhook_secret, request.get_data()).encode()):
            detail = f"missing {SIGNATURE_HEADER}" if not given else f"{SIGNATURE_HEADER} does not match the body"
            raise ProblemError(401, "Unauthorized", detail)
        rt.follower.trigger()
        return {"status": "accepted", "version": rt.service.library.state.edition.version}, 202
