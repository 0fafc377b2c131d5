"""Read handlers shared by Flask views and the fast lane: plain inputs in, a Reply out."""

from __future__ import annotations

from dataclasses import dataclass

from werkzeug.http import parse_etags

from pathapi.api import params
from pathapi.api.problems import CORS_HEADERS
from pathapi.content.kinds import ID_PATTERN, Kind
from pathapi.delivery.catalog import EXPANDABLE_ITEM, EXPANDABLE_LIST
from pathapi.delivery.edition import Edition
from pathapi.delivery.localize import negotiate
from pathapi.delivery.problems import not_found
from pathapi.delivery.representation import Representation

JSON_TYPE = "application/json"


@dataclass(frozen=True)
class ReadRequest:
    """What a read depends on: the query string and two request headers."""

    query_string: str = ""
    accept_language: str | None = None
    if_none_match: str | None = None


@dataclass(frozen=True)
class Reply:
    """A complete HTTP answer: status, headers and body bytes."""

    status: int
    headers: list[tuple[str, str]]
    body: bytes


def _reply(rep: Representation, edition: Edition, request: ReadRequest, negotiated: bool,
           cache_control: str) -> Reply:
    headers = [
        ("ETag", rep.etag),
        ("Cache-Control", cache_control),
        ("Content-Version", edition.version),
        ("Content-Language", rep.language),
        *CORS_HEADERS,
    ]
    if negotiated:
        headers.append(("Vary", "Accept-Language"))
    if request.if_none_match and parse_etags(request.if_none_match).contains_weak(rep.etag[1:-1]):
        return Reply(304, headers, b"")
    headers.append(("Content-Type", JSON_TYPE))
    return Reply(200, headers, rep.body)


def _language(parsed: dict[str, object], request: ReadRequest) -> tuple[str, bool]:
    lang = parsed.get("lang")
    if isinstance(lang, str):
        return lang, False
    return negotiate(request.accept_language), True


def read_item(edition: Edition, kind: Kind, doc_id: str, request: ReadRequest,
              cache_control: str) -> Reply:
    """One document of KIND, localized; 404 names an unknown id, 400 a bad parameter."""
    parsed = params.parse("item", request.query_string)
    if not ID_PATTERN.match(doc_id):
        raise not_found(kind.value, doc_id)
    language, negotiated = _language(parsed, request)
    expand = params.expand_set(parsed.get("expand"), EXPANDABLE_ITEM[kind])
    rep = edition.catalog.item(kind, doc_id, language, expand)
    return _reply(rep, edition, request, negotiated, cache_control)


def read_collection(edition: Edition, kind: Kind, request: ReadRequest,
                    cache_control: str) -> Reply:
    """A page of KIND's documents, filtered (paths) and localized."""
    parsed = params.parse("path_list" if kind is Kind.PATH else "list", request.query_string)
    language, negotiated = _language(parsed, request)
    query = params.list_query(parsed, EXPANDABLE_LIST[kind])
    rep = edition.catalog.collection(kind, query, language)
    return _reply(rep, edition, request, negotiated, cache_control)
