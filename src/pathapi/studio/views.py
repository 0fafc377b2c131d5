"""The studio's Flask blueprint: index, path and document pages, sign-in, live reload, review."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any
from urllib.parse import urlencode

from flask import Blueprint, Response, current_app, render_template, request
from jinja2 import UndefinedError

from pathapi.content.audience import APP, AUDIENCES, INTRANET, PUBLIC, visible_to
from pathapi.content.kinds import ID_PATTERN, KIND_BY_FOLDER, Kind
from pathapi.content.lifecycle import is_public
from pathapi.review.states import UnknownRef
from pathapi.studio.labels import label
from pathapi.studio.overview import overview, page_href, unplaced
from pathapi.studio.pathpage import PageBuilder
from pathapi.studio.session import COOKIE, Sessions
from pathapi.studio.texts import Localizer
from pathapi.studio.words import LANGUAGE_NAMES, UI_LANGUAGES, word
from pathapi.studio.workspace import Workspace

EXTENSION = "pathapi.studio"
blp = Blueprint(
    "studio",
    __name__,
    url_prefix="/studio",
    template_folder="templates",
    static_folder="static",
    static_url_path="/assets",
)
SECURITY_HEADERS = {
    "Cache-Control": "private, no-store",
    "Content-Security-Policy": "default-src 'none'; style-src 'self'; script-src 'self'; connect-src 'self'; "
    "img-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "Vary": "Cookie",
}


@dataclass(frozen=True)
class Studio:
    """What the blueprint serves from, and who may see unpublished content."""

    source: Any  # ServedSource or WorkingTree
    sessions: Sessions | None  # None: no preview token, published content only (unless live)
    clock: Any = None


class BadParameter(Exception):
    """A query parameter the studio cannot use."""

    def __init__(self, name: str, message: str) -> None:
        super().__init__(message)
        self.name = name


def studio() -> Studio:
    """The Studio of the current app."""
    value: Studio = current_app.extensions[EXTENSION]
    return value


def signed_in() -> bool:
    """Whether this request may see drafts, intranet content and other refs."""
    current = studio()
    if current.source.live:
        return True
    return current.sessions is not None and current.sessions.valid(request.cookies.get(COOKIE))


def _choice(name: str, allowed: tuple[str, ...], default: str) -> str:
    value = request.args.get(name)
    if value is None:
        return default
    if value not in allowed:
        raise BadParameter(name, f"{name}: {' | '.join(allowed)}")
    return value


def language() -> str:
    """The lang parameter when valid, else Finnish (for error pages)."""
    value = request.args.get("lang")
    return value if value in UI_LANGUAGES else "fi"


def _now() -> datetime:
    clock = studio().clock
    return clock() if clock else datetime.now(UTC)


def settings() -> dict[str, Any]:
    """The language, audience and ref of this request, validated."""
    language = _choice("lang", UI_LANGUAGES, "fi")
    inside = signed_in()
    audience = _choice("audience", AUDIENCES if inside else (PUBLIC, APP), PUBLIC)
    ref = request.args.get("ref") or None
    if ref and not inside:
        raise BadParameter("ref", "ref")
    return {"lang": language, "audience": audience, "ref": ref, "signed_in": inside}


def workspace(chosen: dict[str, Any]) -> Workspace:
    """The state to show: every document when signed in, else only what is published now."""
    current, audience = studio(), chosen["audience"]
    whole: Workspace = current.source.workspace(chosen["ref"])
    if chosen["signed_in"]:
        return whole.only(lambda d: visible_to(d, audience), broken=True)
    now = _now()
    return whole.only(lambda d: is_public(d, now) and visible_to(d, audience))


def page(template: str, chosen: dict[str, Any], status: int = 200, **values: Any) -> Response:
    """Render TEMPLATE with the helpers every studio page uses."""
    language = chosen["lang"]

    def link(path: str, **change: Any) -> str:
        params = {k: chosen.get(k) for k in ("lang", "audience", "ref")} | change
        defaults = {"audience": PUBLIC, "lang": "fi"}
        kept = {k: v for k, v in params.items() if v and defaults.get(k) != v}
        return f"{path}?{urlencode(kept)}" if kept else path

    html = render_template(
        template,
        w=lambda key: word(key, language),
        label=lambda v: label(v, language),
        link=link,
        lang=language,
        chosen=chosen,
        languages=LANGUAGE_NAMES,
        audiences=AUDIENCES if chosen["signed_in"] else (PUBLIC, APP),
        live=studio().source.live,
        preview=studio().sessions is not None,
        here=request.path,
        **values,
    )
    return Response(html, status=status, mimetype="text/html")


@blp.after_request
def _private(response: Response) -> Response:
    """Studio answers depend on who asks: never cached, never framed."""
    for name, value in SECURITY_HEADERS.items():
        response.headers[name] = value
    return response


@blp.errorhandler(BadParameter)
def _bad_parameter(err: BadParameter) -> Response:
    chosen: dict[str, Any] = {"lang": language(), "audience": PUBLIC, "ref": None, "signed_in": False}
    if err.name == "ref":
        return page("signin.html", chosen, status=401, failed=False, back=request.path)
    return page(
        "error.html",
        chosen,
        status=400,
        title=word("bad_request", chosen["lang"]),
        message=f"{err} ({word('allowed', chosen['lang'])})",
    )


@blp.errorhandler(UnknownRef)
def _unknown_ref(err: UnknownRef) -> Response:
    chosen: dict[str, Any] = {"lang": language(), "audience": PUBLIC, "ref": None, "signed_in": signed_in()}
    return page("error.html", chosen, status=404, title=word("not_found", chosen["lang"]), message=f"ref: {err.reason}")


@blp.get("/")
def index() -> Response:
    """Every path, channel, topic and segment with status, owner, schedule and problems."""
    chosen = settings()
    shown = workspace(chosen)
    today = _now().date()
    return page(
        "index.html",
        chosen,
        rows=overview(shown, chosen["lang"], today),
        workspace=shown,
        unplaced=unplaced(shown),
        today=today,
    )


@blp.get("/paths/<doc_id>")
def path_page(doc_id: str) -> Response:
    """One path as its readers will see it, with problems where they are."""
    chosen = settings()
    shown = workspace(chosen)
    document = shown.get(Kind.PATH, doc_id) if ID_PATTERN.match(doc_id) else None
    if document is None:
        return _unchecked_path(shown, doc_id, chosen) or _missing(shown, Kind.PATH, doc_id, chosen)
    built = PageBuilder(shown, chosen["lang"], chosen["audience"], _today()).build(document)
    return page("path.html", chosen, page=built, workspace=shown, intranet=chosen["audience"] == INTRANET)


def _unchecked_path(shown: Workspace, doc_id: str, chosen: dict[str, Any]) -> Response | None:
    """A path whose file fails validation but parses, shown as written with its problems in place.

    Its shape is not guaranteed (that is what the problems say), so a page that cannot be built
    from it falls back to the problems alone.
    """
    document = shown.unchecked[Kind.PATH].get(doc_id)
    if document is None:
        return None
    try:
        built = PageBuilder(shown, chosen["lang"], chosen["audience"], _today()).build(document)
        return page(
            "path.html", chosen, page=built, workspace=shown, intranet=chosen["audience"] == INTRANET, unchecked=True
        )
    except (AttributeError, KeyError, TypeError, ValueError, IndexError, UndefinedError):
        return None


@blp.get("/<folder>/<doc_id>")
def document_page(folder: str, doc_id: str) -> Response:
    """A channel, topic or segment: its fields, in one language."""
    chosen = settings()
    kind = KIND_BY_FOLDER.get(folder)
    shown = workspace(chosen)
    document = shown.get(kind, doc_id) if kind and ID_PATTERN.match(doc_id) else None
    if kind is None or document is None:
        return _missing(shown, kind, doc_id, chosen)
    local = Localizer(chosen["lang"])
    fields = [
        (key, local.markdown(value) if isinstance(value, dict) and "fi" in value else value)
        for key, value in document.data.items()
        if key not in ("$schema", "id")
    ]
    return page(
        "document.html",
        chosen,
        document=document,
        fields=fields,
        workspace=shown,
        title=local.text(document.data.get("title") or document.data.get("name")),
        problems=shown.problems_in(document.path),
        fallbacks=local.fallbacks,
    )


def _today() -> date:
    return _now().date()


def _missing(shown: Workspace, kind: Kind | None, doc_id: str, chosen: dict[str, Any]) -> Response:
    """A broken file's problems in place of its page; else a plain 404."""
    file = shown.broken[kind].get(doc_id) if kind else None
    if file is not None:
        return page(
            "broken.html",
            chosen,
            status=200,
            file=file,
            problems=shown.problems_in(file),
            workspace=shown,
            doc_id=doc_id,
        )
    return page(
        "error.html",
        chosen,
        status=404,
        title=word("not_found", chosen["lang"]),
        message=word("not_found_help", chosen["lang"]),
    )


def register(app: Any, source: Any, token: str | None, clock: Any = None, sessions: Sessions | None = None) -> None:
    """Serve the studio from SOURCE in APP; TOKEN (the preview token) or SESSIONS enables sign-in."""
    from pathapi.studio import events_page, review_page, signin_page  # noqa: F401  (add their routes to the blueprint)

    app.extensions[EXTENSION] = Studio(source, sessions or (Sessions(token) if token else None), clock)
    app.register_blueprint(blp)


__all__ = ["page_href", "register"]
