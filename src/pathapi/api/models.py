"""Response models: marshmallow classes that describe the service's answers in the OpenAPI document.

They are never run per request. A model ``ReleaseModel`` is the component ``Release``
(pathapi.api.openapi.component_name). Document shapes are not here: they are generated
from the delivered JSON Schemas (pathapi.delivery.contract). ``/health`` and its probes
describe their answers next to their views (pathapi.api.meta).
"""

from __future__ import annotations

from marshmallow import Schema, fields, validate

from pathapi.content.document import LANGUAGES
from pathapi.content.kinds import Kind
from pathapi.delivery.search import TYPES as SEARCHED_TYPES

KINDS = [kind.value for kind in Kind]


class ProblemModel(Schema):
    """RFC 9457 problem details: every error the API returns has this shape."""

    type = fields.String(required=True)
    title = fields.String(required=True)
    status = fields.Integer(required=True)
    detail = fields.String(required=True)
    parameter = fields.String(metadata={"description": "The query parameter at fault (400, 401, 403)."})
    right = fields.String(
        validate=validate.OneOf(("preview", "intranet")),
        metadata={"description": "401/403: the right the request needs and its token (if any) does not carry."},
    )


class CountsModel(Schema):
    paths = fields.Integer(required=True)
    channels = fields.Integer(required=True)
    segments = fields.Integer(required=True)
    topics = fields.Integer(required=True)


class ReleaseSummaryModel(Schema):
    name = fields.String(required=True, metadata={"description": "YYYY-MM-DD.n; use as `version=`."})
    commit = fields.String(required=True)
    released_at = fields.String(required=True)
    message = fields.String(required=True)
    counts = fields.Nested(CountsModel, required=True)
    href = fields.String(required=True)


class FieldChangeModel(Schema):
    where = fields.String(
        required=True,
        metadata={"description": "The block, e.g. phases/alku/steps/soitto; empty for the document itself."},
    )
    field = fields.String(
        required=True,
        allow_none=True,
        metadata={
            "description": "The field (dotted inside objects); null when a whole block was added, removed or reordered."
        },
    )
    language = fields.String(required=True, allow_none=True, metadata={"description": "fi, sv or en for a text."})
    change = fields.String(required=True, validate=validate.OneOf(("added", "removed", "changed", "reordered")))
    title = fields.String(allow_none=True, metadata={"description": "Title (fi) of an added or removed block."})
    step_href = fields.String(metadata={"description": "Deep link of the step the change lies in."})


class ChangeModel(Schema):
    type = fields.String(required=True, validate=validate.OneOf(KINDS))
    id = fields.String(required=True)
    title = fields.String(required=True)
    fields_ = fields.List(
        fields.Nested(FieldChangeModel),
        data_key="fields",
        metadata={
            "description": "Changed documents: what changed, block by block and field by field, in your view "
            "(the intranet view lists professional notes too)."
        },
    )


class ChangesModel(Schema):
    added = fields.List(fields.Nested(ChangeModel), required=True)
    changed = fields.List(fields.Nested(ChangeModel), required=True)
    removed = fields.List(fields.Nested(ChangeModel), required=True)


class ReleaseListModel(Schema):
    live = fields.String(required=True, allow_none=True)
    items = fields.List(fields.Nested(ReleaseSummaryModel), required=True)
    since = fields.String(metadata={"description": "With `since=`: the moment asked for (RFC 3339)."})
    previous = fields.String(
        allow_none=True,
        metadata={
            "description": "With `since=`: the release that was live at that moment (null: none), "
            "the base of `changes`."
        },
    )
    changes = fields.Nested(
        ChangesModel,
        metadata={
            "description": "With `since=`: documents added, changed and removed from `previous` to the newest release "
            "listed, with their field changes, as your view sees them."
        },
    )


class ReleaseModel(ReleaseSummaryModel):
    previous = fields.String(required=True, allow_none=True)
    notes = fields.String(
        required=True,
        metadata={
            "description": "Release notes (Markdown) derived for the reader's view: hidden documents are never named."
        },
    )
    changes = fields.Nested(ChangesModel, required=True)


class HistoryCommitModel(Schema):
    commit = fields.String(required=True)
    author = fields.String(required=True, metadata={"description": "The author's name; never an e-mail address."})
    committed_at = fields.String(required=True)
    message = fields.String(
        metadata={"description": "The commit subject; previews only (free text may name unpublished documents)."}
    )


class HistoryReleaseModel(Schema):
    name = fields.String(required=True)
    commit = fields.String(required=True)
    change = fields.String(required=True, validate=validate.OneOf(("added", "changed", "removed")))
    released_at = fields.String(required=True)


class HistoryModel(Schema):
    id = fields.String(required=True)
    type = fields.String(required=True, validate=validate.OneOf(KINDS))
    commits = fields.List(fields.Nested(HistoryCommitModel), required=True)
    releases = fields.List(fields.Nested(HistoryReleaseModel), required=True)


class AcceptedModel(Schema):
    status = fields.String(required=True)
    version = fields.String(required=True)


class SearchHitModel(Schema):
    field = fields.String(
        required=True,
        metadata={
            "description": "title, summary, step_title, body, customer_action, link "
            "(paths) or title, description (channels, topics); in the "
            "intranet view also professional_notes, professional_lane, "
            "critical_point"
        },
    )
    snippet = fields.String(required=True, metadata={"description": "HTML-escaped text with matches in <mark>."})
    phase = fields.String()
    step = fields.String()
    step_title = fields.String()


class SearchResultModel(Schema):
    id = fields.String(required=True)
    type = fields.String(required=True, validate=validate.OneOf(SEARCHED_TYPES))
    title = fields.String(required=True)
    href = fields.String(required=True)
    language = fields.String(required=True, metadata={"description": "The language the document is shown in."})
    fallback = fields.Boolean(
        required=True,
        metadata={
            "description": "True when the document is not written in the asked language and is shown in Finnish."
        },
    )
    score = fields.Float(required=True)
    hits = fields.List(fields.Nested(SearchHitModel), required=True)


class SearchLinksModel(Schema):
    self = fields.String(required=True)
    first = fields.String(required=True)
    last = fields.String(required=True)
    next = fields.String(required=True, allow_none=True)
    prev = fields.String(required=True, allow_none=True)


class SearchModel(Schema):
    query = fields.String(required=True)
    language = fields.String(required=True, validate=validate.OneOf(LANGUAGES))
    total = fields.Integer(required=True)
    page = fields.Integer(required=True)
    per_page = fields.Integer(required=True)
    items = fields.List(fields.Nested(SearchResultModel), required=True)
    links = fields.Nested(SearchLinksModel, required=True)


class SuggestionModel(Schema):
    id = fields.String(required=True)
    type = fields.String(required=True, validate=validate.OneOf(SEARCHED_TYPES))
    title = fields.String(required=True)
    href = fields.String(required=True)
    language = fields.String(required=True)


class SuggestModel(Schema):
    query = fields.String(required=True)
    language = fields.String(required=True)
    terms = fields.List(
        fields.String(),
        required=True,
        metadata={"description": "The query with its last word completed from the index."},
    )
    documents = fields.List(
        fields.Nested(SuggestionModel),
        required=True,
        metadata={"description": "Documents whose titles have words starting as typed."},
    )


class SchemaLinkModel(Schema):
    name = fields.String(required=True)
    title = fields.String(required=True)
    href = fields.String(required=True)
    delivered = fields.String(required=True)
    intranet = fields.String(required=True, metadata={"description": "The shape intranets receive."})


class SchemaListModel(Schema):
    schema_version = fields.Integer(required=True)
    items = fields.List(fields.Nested(SchemaLinkModel), required=True)
