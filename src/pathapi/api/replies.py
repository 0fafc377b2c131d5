"""What every read shares: the request it depends on, the Reply it gives, and how a Reply is built.

Handlers take a ReadRequest and return a Reply, so the Flask views and the fast lane
(pathapi.api.fastlane) answer with the same bytes and headers.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any
from urllib.parse import parse_qsl, urlencode

import flask
import orjson
from flask import Response
from werkzeug.http import http_date, parse_date, parse_etags

from pathapi.api.cors import CORS_HEADERS
from pathapi.api.query_string import query_text
from pathapi.content.kinds import Kind
from pathapi.delivery.aliases import FilterMoved, Moved
from pathapi.delivery.last_modified import rollback_floor
from pathapi.delivery.localize import negotiate
from pathapi.delivery.present import href
from pathapi.delivery.representation import Representation, represent
from pathapi.delivery.service import Context, ReadService

JSON_TYPE = "application/json"


@dataclass(frozen=True)
class ReadRequest:
    """What a read depends on: the query string and a few request headers."""

    query_string: str = ""
    accept_language: str | None = None
    if_none_match: str | None = None
    authorization: str | None = None
    if_modified_since: str | None = None


@dataclass(frozen=True)
class Reply:
    """A complete HTTP answer: status, headers and body bytes."""

    status: int
    headers: list[tuple[str, str]]
    body: bytes


def read_request() -> ReadRequest:
    """The parts of the current Flask request a read depends on."""
    headers = flask.request.headers
    return ReadRequest(
        query_text(flask.request.query_string),
        headers.get("Accept-Language"),
        headers.get("If-None-Match"),
        headers.get("Authorization"),
        headers.get("If-Modified-Since"),
    )


def to_response(reply: Reply) -> Response:
    """A Flask Response carrying a Reply's status, headers and bytes unchanged."""
    response = Response(reply.body, status=reply.status)
    response.headers.clear()
    response.headers.extend(reply.headers)
    return response


def reply(rep: Representation, context: Context, request: ReadRequest, negotiated: bool) -> Reply:
    """200 with a document's representation, or 304 when the client's ETag still matches."""
    return answer(
        rep,
        request,
        version=context.edition.version,
        cache_control=context.cache_control,
        negotiated=negotiated,
        vary_authorization=context.authorization_matters,
    )


def answer(
    rep: Representation,
    request: ReadRequest,
    *,
    version: str,
    cache_control: str,
    negotiated: bool = False,
    vary_authorization: bool = False,
    content_type: str = JSON_TYPE,
) -> Reply:
    """200 with REP and its caching headers, or 304 when the client's ETag still matches."""
    vary = ", ".join(
        name for name, used in (("Accept-Language", negotiated), ("Authorization", vary_authorization)) if used
    )
    headers = [
        ("ETag", rep.etag),
        ("Cache-Control", cache_control),
        ("Content-Version", version),
        ("Content-Language", rep.language),
        *CORS_HEADERS,
    ]
    if vary:
        headers.append(("Vary", vary))
    if rep.links:
        headers.append(("Link", ", ".join(f'<{url}>; rel="{rel}"' for rel, url in rep.links)))
    if not_modified(rep, request):  # the ETag guides cache updates; RFC 9110 15.4.5
        return Reply(304, headers, b"")
    if rep.last_modified is not None:
        headers.append(("Last-Modified", http_date(rep.last_modified)))
    headers.append(("Content-Type", content_type))
    return Reply(200, headers, rep.body)


def not_modified(rep: Representation, request: ReadRequest) -> bool:
    """Whether the client's copy is current: If-None-Match decides when sent (RFC 9110 13.2.2)."""
    if request.if_none_match:
        return parse_etags(request.if_none_match).contains_weak(rep.etag[1:-1])
    since = parse_date(request.if_modified_since) if request.if_modified_since else None
    return since is not None and rep.last_modified is not None and rep.last_modified <= since


def moved_reply(moved_to: Moved, suffix: str, context: Context, request: ReadRequest) -> Reply:
    """301 from a former id to the document's current URL, keeping the query string."""
    location = href(moved_to.kind, moved_to.doc_id) + suffix
    location += f"?{request.query_string}" if request.query_string else ""
    return redirect(location, moved_to.kind, moved_to.doc_id, context)


def filter_moved_reply(moved_to: FilterMoved, route: str, context: Context, request: ReadRequest) -> Reply:
    """301 from a list or search filtered by a former id to the same question asked with the current id."""
    pairs = [
        (name, moved_to.current if (name, value) == (moved_to.parameter, moved_to.value) else value)
        for name, value in parse_qsl(request.query_string, keep_blank_values=True)
    ]
    return redirect(f"{route}?{urlencode(pairs, safe=',')}", moved_to.kind, moved_to.current, context)


def redirect(location: str, kind: Kind, doc_id: str, context: Context) -> Reply:
    """301 to LOCATION, naming the document KIND/DOC_ID that the former id now stands for."""
    body = orjson.dumps({"id": doc_id, "type": kind.value, "href": location})
    vary = ", ".join(["Authorization"] if context.authorization_matters else [])
    headers = [
        ("Location", location),
        ("Cache-Control", context.cache_control),
        ("Content-Version", context.edition.version),
        *CORS_HEADERS,
        ("Content-Type", JSON_TYPE),
    ]
    return Reply(301, [*headers, *([("Vary", vary)] if vary else [])], body)


def pinned(parsed: dict[str, Any]) -> tuple[tuple[str, str], ...]:
    """The ``version`` or ``ref``, ``audience`` and ``format`` asked for: links in the answer keep them."""
    return tuple((name, parsed[name]) for name in ("version", "ref", "audience", "format") if parsed.get(name))


def live_floor(service: ReadService, parsed: dict[str, Any], rep: Representation) -> Representation:
    """REP, its Last-Modified raised to the moment of a rollback when the live version is one."""
    if parsed.get("version") or parsed.get("ref") or rep.last_modified is None:
        return rep
    floor = rollback_floor(service.library)
    return replace(rep, last_modified=floor) if floor is not None and floor > rep.last_modified else rep


def language(parsed: dict[str, Any], request: ReadRequest) -> tuple[str, bool]:
    """The response language and whether it was negotiated from Accept-Language."""
    lang = parsed.get("lang")
    if isinstance(lang, str):
        return lang, False
    return negotiate(request.accept_language), True


def paged(payload: dict[str, Any], lang: str) -> Representation:
    """A page of a list as a representation whose neighbours also go in an RFC 8288 ``Link`` header."""
    links = payload["links"]
    return replace(represent(payload, lang), links=tuple((rel, url) for rel, url in links.items() if url))
