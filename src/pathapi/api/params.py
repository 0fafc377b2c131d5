"""Query parameters: one marshmallow class per read (``ItemParams``, ``SearchParams``, …) documents and validates them.

pathapi.api.query_string parses a raw query string with one of them.
"""

from __future__ import annotations

from marshmallow import RAISE, Schema, fields, validate

from pathapi.content.audience import AUDIENCES
from pathapi.content.document import LANGUAGES
from pathapi.content.kinds import ID_PATTERN, Kind
from pathapi.delivery.html import FORMATS
from pathapi.delivery.search import TYPES

MAX_PER_PAGE = 100
MAX_PAGE = 1_000_000


class NoParams(Schema):
    """No query parameters are accepted."""

    class Meta:
        unknown = RAISE


VERSION_PATTERN = r"^[0-9A-Za-z][0-9A-Za-z._/-]{0,199}$"
EXPAND_PATTERN = r"^[a-z_, ]{0,100}$"
VALUE_PATTERN = r"^[A-Za-z0-9_-]{1,100}$"


def id_field(what: str, description: str) -> fields.String:
    """A query parameter holding a document id."""
    return fields.String(
        validate=validate.Regexp(ID_PATTERN, error=f"must be a {what} id (lower-case letters, digits, hyphens)"),
        metadata={"description": description},
    )


def ref_field() -> fields.String:
    """The preview-only ``ref`` parameter."""
    return fields.String(
        validate=validate.Regexp(VERSION_PATTERN, error="must be a branch name, release name or commit id"),
        metadata={"description": "Preview only (needs the bearer token): a branch, release or commit."},
    )


class VersionParams(Schema):
    """Which version to read: the live one by default."""

    class Meta:
        unknown = RAISE

    version = fields.String(
        validate=validate.Regexp(VERSION_PATTERN, error="must be a release name or a commit id"),
        metadata={"description": "A release name (see /v1/releases) or a commit id of a published version."},
    )
    ref = ref_field()


def format_field() -> fields.String:
    """How Markdown fields are delivered: as written, or rendered to sanitized HTML."""
    return fields.String(
        validate=validate.OneOf(FORMATS),
        metadata={
            "description": "markdown (default): Markdown fields as written; html: rendered to sanitized "
            "HTML (fields marked contentMediaType text/markdown in the schemas)."
        },
    )


class ItemParams(VersionParams):
    """Parameters of a single-document read."""

    audience = fields.String(
        validate=validate.OneOf(AUDIENCES),
        metadata={
            "description": "Whose view: public (default), app (exactly what sync and the bundle carry; "
            "public and cacheable) or intranet (needs the intranet token, else 401)."
        },
    )
    format = format_field()

    lang = fields.String(
        validate=validate.OneOf(LANGUAGES),
        metadata={"description": "Response language; overrides Accept-Language. Falls back to fi."},
    )
    expand = fields.String(
        validate=validate.Regexp(EXPAND_PATTERN, error="must be names separated by commas, e.g. channels,topics"),
        metadata={"description": "Comma-separated references to inline, e.g. channels,topics."},
    )


class ListParams(ItemParams):
    """Parameters of a collection read."""

    page = fields.Integer(
        load_default=1,
        validate=validate.Range(min=1, max=MAX_PAGE),
        metadata={"description": "1-based page number."},
    )
    per_page = fields.Integer(
        load_default=20,
        validate=validate.Range(min=1, max=MAX_PER_PAGE),
        metadata={"description": f"Items per page, 1 to {MAX_PER_PAGE}."},
    )


class PathListParams(ListParams):
    """Parameters of the path list: filters on top of paging."""

    topic = id_field("topic", "Only paths under this topic id; 400 lists the known ids.")
    segment = id_field(
        "segment",
        "Only paths designed for this segment id, as a whole or in one of their steps; 400 lists the known ids.",
    )
    target_group = fields.String(
        validate=validate.Regexp(VALUE_PATTERN, error="must be a target group; see the list"),
        metadata={"description": "Only paths for this target group."},
    )
    level = fields.String(
        validate=validate.Regexp(VALUE_PATTERN, error="must be strategic, service or touchpoint"),
        metadata={"description": "strategic, service or touchpoint."},
    )


class ChannelListParams(ListParams):
    """Parameters of the channel list: paging and the segment filter."""

    segment = id_field("segment", "Only channels suited to this segment id; 400 lists the known ids.")


class TopicListParams(ListParams):
    """Parameters of the topic list: paging and the parent filter."""

    parent = id_field("topic", "Only the children of this topic id; 400 lists the known ids.")


TOKEN_PATTERN = r"^[A-Za-z0-9._-]{1,4096}$"


class BundleParams(Schema):
    """Parameters of the first-install bundle."""

    class Meta:
        unknown = RAISE

    lang = fields.String(validate=validate.OneOf(LANGUAGES), metadata={"description": "Language; default fi."})
    topic = id_field("topic", "Only paths under this topic (channels, topics and segments always come).")
    ref = ref_field()
    format = format_field()


class SyncParams(BundleParams):
    """Parameters of app sync."""

    token = fields.String(
        validate=validate.Regexp(TOKEN_PATTERN, error="must be a sync token from an earlier answer"),
        metadata={"description": "The sync_token of the previous sync: only changes since then are sent."},
    )
    cursor = fields.String(
        validate=validate.Regexp(TOKEN_PATTERN, error="must be the cursor of a next link"),
        metadata={"description": "From a `next` link: the rest of the same answer."},
    )
    limit = fields.Integer(
        load_default=200,
        validate=validate.Range(min=1, max=1000),
        metadata={
            "description": "At most this many documents per page, 1 to 1000, rounded "
            "down to 1, 2, 5, 10, 20, 50, 100, 200, 500 or 1000."
        },
    )


SEARCH_TYPES = "|".join(TYPES)


class SearchParams(VersionParams):
    """Parameters of full-text search."""

    q = fields.String(
        required=True,
        validate=validate.Length(min=1, max=200),
        metadata={"description": "Words to look for, in any inflected form; typos and missing umlauts are forgiven."},
    )
    lang = fields.String(validate=validate.OneOf(LANGUAGES), metadata={"description": "Language; default fi."})
    audience = fields.String(
        validate=validate.OneOf(AUDIENCES),
        metadata={
            "description": "Whose view is searched: public (default), app, or intranet (needs the intranet token; "
            "also searches professional notes, the professional lane and critical points)."
        },
    )
    type = fields.String(
        validate=validate.Regexp(
            rf"^({SEARCH_TYPES})(,({SEARCH_TYPES}))*$",
            error="must be path, channel or topic, or several separated by commas",
        ),
        metadata={"description": "Only these document types: path, channel, topic (comma-separated); default all."},
    )
    topic = id_field(
        "topic",
        "Only paths under this topic, the topic and its subtopics, and the channels "
        "those paths use; 400 lists the known ids.",
    )
    segment = id_field("segment", "Only paths for this segment and the channels they use; 400 lists the ids.")
    page = fields.Integer(
        load_default=1, validate=validate.Range(min=1, max=MAX_PAGE), metadata={"description": "1-based page number."}
    )
    per_page = fields.Integer(
        validate=validate.Range(min=1, max=50), metadata={"description": "Hits per page, 1 to 50; default 10."}
    )
    limit = fields.Integer(
        validate=validate.Range(min=1, max=50), metadata={"description": "Older name of per_page (1 to 50)."}
    )


class SuggestParams(VersionParams):
    """Parameters of search-box suggestions."""

    q = fields.String(
        required=True,
        validate=validate.Length(min=1, max=200),
        metadata={"description": "What has been typed so far; the last word is completed."},
    )
    lang = fields.String(validate=validate.OneOf(LANGUAGES), metadata={"description": "Language; default fi."})
    audience = fields.String(
        validate=validate.OneOf(AUDIENCES),
        metadata={"description": "Whose view: public (default), app or intranet (token)."},
    )
    limit = fields.Integer(
        load_default=8,
        validate=validate.Range(min=1, max=20),
        metadata={"description": "Suggestions of each kind, 1 to 20."},
    )


class SchemaParams(VersionParams):
    """Parameters of a client schema."""

    form = fields.String(
        load_default="content",
        validate=validate.OneOf(("content", "delivered", "intranet")),
        metadata={
            "description": "content: documents as stored in git; delivered: as the API "
            "returns them to the website and the app (texts in one "
            "language, no intranet fields); intranet: as the API returns "
            "them with the intranet token (every block marked with its "
            "audiences, professional fields included)."
        },
    )


class ReleaseListParams(Schema):
    """Parameters of the release list."""

    class Meta:
        unknown = RAISE

    since = fields.String(
        validate=validate.Regexp(
            r"^\d{4}-\d{2}-\d{2}([T ][0-9:.]+(Z|[+-]\d{2}:\d{2}))?$",
            error="must be a date (2026-11-24, from 00:00 UTC) or a moment with an offset (2026-11-24T00:00:00+02:00)",
        ),
        metadata={
            "description": "Only releases made since then, with `changes`: what changed in your view "
            "since, field by field. A date (from 00:00 UTC) or an RFC 3339 moment."
        },
    )


LIST_PARAMS: dict[Kind, type[ListParams]] = {
    Kind.PATH: PathListParams,
    Kind.TOPIC: TopicListParams,
    Kind.CHANNEL: ChannelListParams,
    Kind.SEGMENT: ListParams,
}
