"""Routes for the app: ``/v1/sync`` and ``/v1/bundle``."""

from __future__ import annotations

from flask import Response
from flask.views import MethodView
from flask_smorest import Blueprint

from pathapi.api import models
from pathapi.api.openapi import LINK_HEADER, MOVED_FILTER, documented_read, moved, ref
from pathapi.api.params import BundleParams, SearchParams, SuggestParams, SyncParams
from pathapi.api.reads import read_search, read_suggest
from pathapi.api.replies import read_request, to_response
from pathapi.api.runtime import runtime
from pathapi.api.syncing import GZIP_TYPE, read_bundle, read_sync

blp = Blueprint(
    "sync",
    __name__,
    url_prefix="/v1",
    description="For the mobile app: first install (bundle), then cheap delta syncs.",
)
BUNDLE_BODY = {
    "type": "string",
    "format": "binary",
    "contentMediaType": GZIP_TYPE,
    "description": "gzip-compressed JSON; decompressed, it is a Bundle.",
    "x-decompressed": ref("Bundle"),
}
search_blp = Blueprint(
    "search",
    __name__,
    url_prefix="/v1",
    description="Full-text search over paths, channels and topics: Finnish by base forms and "
    "compound parts (Voikko), Swedish and English stemmed; typos, missing "
    "umlauts and synonyms forgiven.",
)


@search_blp.route("/search")
class Search(MethodView):
    @moved(search_blp, MOVED_FILTER)
    @documented_read(search_blp, models.SearchModel, SearchParams, (400, 401, 404, 409), headers=LINK_HEADER)
    def get(self) -> Response:
        """Paths, channels and topics matching the words in `q`, best first, with where the words are."""
        return to_response(read_search(runtime().service, read_request()))


@search_blp.route("/search/suggest")
class Suggest(MethodView):
    @documented_read(search_blp, models.SuggestModel, SuggestParams, (400, 401, 404, 409))
    def get(self) -> Response:
        """Completions for a search box: the last word of `q` completed, and titles starting as typed."""
        return to_response(read_suggest(runtime().service, read_request()))


@blp.route("/sync")
class Sync(MethodView):
    @documented_read(blp, "SyncPage", SyncParams, (400, 401, 404))
    def get(self) -> Response:
        """Every document the app may hold, or with `token` only what changed since; follow `next`."""
        return to_response(read_sync(runtime().service, read_request()))


@blp.route("/bundle")
class Bundle(MethodView):
    @documented_read(
        blp,
        BUNDLE_BODY,
        BundleParams,
        (400, 401, 404),
        content_type=GZIP_TYPE,
        description="A gzip file holding a `Bundle` (see its schema).",
    )
    def get(self) -> Response:
        """Everything for a first install in one compressed file, with its sync token."""
        return to_response(read_bundle(runtime().service, read_request()))
