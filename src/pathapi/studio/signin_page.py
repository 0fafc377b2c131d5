"""The studio's sign-in and sign-out: the preview token exchanged for a session cookie."""

from __future__ import annotations

from typing import Any

from flask import Response, redirect, request

from pathapi.content.audience import PUBLIC
from pathapi.studio.session import COOKIE
from pathapi.studio.views import blp, language, page, studio


@blp.route("/signin", methods=["GET", "POST"])
def signin() -> Response:
    """Exchange the preview token for a session cookie; the token never appears in a URL."""
    current = studio()
    chosen: dict[str, Any] = {"lang": language(), "audience": PUBLIC, "ref": None, "signed_in": False}
    if request.method == "GET" or current.sessions is None:
        return page("signin.html", chosen, failed=False, back="/studio/")
    if not current.sessions.matches(request.form.get("token", "")):
        return page("signin.html", chosen, status=401, failed=True, back="/studio/")
    back = request.form.get("back", "")
    target = back if back.startswith("/studio/") and "//" not in back else "/studio/"
    response = redirect(target, 303)
    response.set_cookie(
        COOKIE,
        current.sessions.issue(),
        max_age=12 * 3600,
        path="/studio",
        httponly=True,
        samesite="Strict",
        secure=request.is_secure or _forwarded_https(),
    )
    return response  # type: ignore[return-value]


def _forwarded_https() -> bool:
    return request.headers.get("X-Forwarded-Proto", "").lower() == "https"


@blp.post("/signout")
def signout() -> Response:
    """Forget the session cookie."""
    response = redirect("/studio/", 303)
    response.delete_cookie(COOKIE, path="/studio", httponly=True, samesite="Strict")
    return response  # type: ignore[return-value]
