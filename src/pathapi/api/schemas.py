"""Marshmallow schemas describing responses in the OpenAPI document (never run per request)."""

from __future__ import annotations

from marshmallow import Schema, fields, validate

from pathapi.content.document import LANGUAGES

REF_DESCRIPTION = "An id, or the referenced document itself when named in `expand`."
UPDATED_DESCRIPTION = "When the document's file last changed in git (commit time, UTC)."


def _text(description: str = "", *, required: bool = False) -> fields.String:
    return fields.String(metadata={"description": description} if description else {}, required=required)


class _Doc(Schema):
    id = fields.String(required=True)
    type = fields.String(required=True)
    language = fields.String(
        required=True, validate=validate.OneOf(LANGUAGES),
        metadata={"description": "Language of the texts; fi when the requested one is missing."},
    )
    status = fields.String(required=True)
    updated_at = fields.DateTime(required=True, metadata={"description": UPDATED_DESCRIPTION})
    aliases = fields.List(fields.String(), metadata={"description": "Former ids; their URLs answer 301."})


class OwnerSchema(Schema):
    unit = fields.String(required=True)
    email = fields.String()
    reviewed_on = fields.Date()
    review_due = fields.Date(required=True)


class LinkSchema(Schema):
    kind = fields.String(required=True)
    title = fields.String(required=True)
    url = fields.String(required=True)
    description = _text("Markdown.")
    provider = fields.String()


class CriticalPointSchema(Schema):
    kind = fields.String(required=True)
    description = _text("Markdown.", required=True)


class SwimlanesSchema(Schema):
    customer = _text("Markdown.")
    tips = _text("Markdown.")


class StepSchema(Schema):
    id = fields.String(required=True)
    title = fields.String(required=True)
    body = _text("Markdown, customer-facing.", required=True)
    customer_action = fields.String(required=True)
    channels = fields.List(fields.Raw(metadata={"description": REF_DESCRIPTION}))
    links = fields.List(fields.Nested(LinkSchema))
    touchpoints = fields.List(fields.String())
    critical_points = fields.List(fields.Nested(CriticalPointSchema))
    swimlanes = fields.Nested(SwimlanesSchema)


class PhaseSchema(Schema):
    id = fields.String(required=True)
    title = fields.String(required=True)
    promise = _text("The customer-experience promise, first person.")
    summary = _text("Markdown.")
    steps = fields.List(fields.Nested(StepSchema), required=True)


class DigitalCarePathSchema(Schema):
    title = fields.String(required=True)
    description = _text("Markdown.")
    app_link = fields.String(required=True)
    requires_strong_auth = fields.Boolean(required=True)
    joined_by = fields.String(required=True)


class PathSchema(_Doc):
    level = fields.String(required=True)
    publish_at = fields.String()
    unpublish_at = fields.String()
    title = fields.String(required=True)
    summary = _text("Markdown.", required=True)
    topics = fields.List(fields.Raw(metadata={"description": REF_DESCRIPTION}), required=True)
    target_groups = fields.List(fields.String())
    segments = fields.List(fields.Raw(metadata={"description": REF_DESCRIPTION}))
    owner = fields.Nested(OwnerSchema, required=True)
    related_paths = fields.List(fields.Raw(metadata={"description": REF_DESCRIPTION}))
    digital_care_paths = fields.List(fields.Nested(DigitalCarePathSchema))
    phases = fields.List(fields.Nested(PhaseSchema), required=True)


class PathSummarySchema(Schema):
    id = fields.String(required=True)
    type = fields.String(required=True)
    language = fields.String(required=True)
    updated_at = fields.DateTime(required=True, metadata={"description": UPDATED_DESCRIPTION})
    level = fields.String(required=True)
    title = fields.String(required=True)
    summary = _text("Markdown.", required=True)
    topics = fields.List(fields.Raw(metadata={"description": REF_DESCRIPTION}), required=True)
    segments = fields.List(fields.Raw(metadata={"description": REF_DESCRIPTION}))
    target_groups = fields.List(fields.String())
    href = fields.String(required=True)


class AddressSchema(Schema):
    street = fields.String(required=True)
    postal_code = fields.String(required=True)
    city = fields.String(required=True)


class ContactSchema(Schema):
    phone = fields.String()
    email = fields.String()
    url = fields.String()
    address = fields.Nested(AddressSchema)


class HoursSchema(Schema):
    days = fields.List(fields.String(), required=True)
    opens = fields.String(required=True)
    closes = fields.String(required=True)


class ChannelSchema(_Doc):
    channel_type = fields.String(required=True, metadata={"description": "phone, chat, digital_form, …"})
    name = fields.String(required=True)
    description = _text("Markdown.", required=True)
    url = fields.String()
    contact = fields.Nested(ContactSchema)
    hours = fields.List(fields.Nested(HoursSchema))
    response_time = fields.String()
    requires_strong_auth = fields.Boolean(required=True)
    ptv_id = fields.String(metadata={"description": "Suomi.fi service catalogue (PTV) id."})
    owner = fields.Nested(OwnerSchema)


class PersonaSchema(Schema):
    name = fields.String(required=True)
    age = fields.Integer()
    description = _text("Markdown.", required=True)


class SegmentSchema(_Doc):
    code = fields.String(required=True)
    name = fields.String(required=True)
    share_percent = fields.Float(required=True)
    description = _text("Markdown.", required=True)
    service_promise = fields.String(required=True)
    personas = fields.List(fields.Nested(PersonaSchema), required=True)


class TopicSchema(_Doc):
    title = fields.String(required=True)
    description = _text("Markdown.")
    parent = fields.Raw(metadata={"description": REF_DESCRIPTION})


class PageLinksSchema(Schema):
    self = fields.String(required=True)
    next = fields.String(required=True, allow_none=True)
    prev = fields.String(required=True, allow_none=True)


def page_of(item: type[Schema], name: str) -> type[Schema]:
    """A paged list schema whose items are ITEM."""
    attrs = {
        "items": fields.List(fields.Nested(item), required=True),
        "total": fields.Integer(required=True),
        "page": fields.Integer(required=True),
        "per_page": fields.Integer(required=True),
        "links": fields.Nested(PageLinksSchema, required=True),
    }
    return type(name, (Schema,), attrs)


class ProblemSchema(Schema):
    """RFC 9457 problem details: every error the API returns has this shape."""

    type = fields.String(required=True)
    title = fields.String(required=True)
    status = fields.Integer(required=True)
    detail = fields.String(required=True)
    parameter = fields.String(metadata={"description": "The query parameter at fault (400)."})


class FailureSchema(Schema):
    commit = fields.String(required=True)
    files = fields.List(fields.String(), required=True)
    problems = fields.List(fields.String(), required=True,
                           metadata={"description": "Validator lines: FILE:LINE:COL: message [pointer]"})


class FollowingSchema(Schema):
    branch = fields.String(required=True, allow_none=True, metadata={"description": "Branch live before a release."})
    remote = fields.String(required=True, allow_none=True,
                           metadata={"description": "Remote fetched from (no credentials); null: local only."})
    fetched_at = fields.DateTime(required=True, allow_none=True, metadata={"description": "Last successful fetch."})
    fetch_attempted_at = fields.DateTime(required=True, allow_none=True)
    fetch_error = fields.String(required=True, allow_none=True,
                                metadata={"description": "Why the last fetch failed; the local copy is served."})


class HealthSchema(Schema):
    status = fields.String(required=True, metadata={
        "description": "ok; degraded while a newer commit fails, a refresh fails or the remote cannot be fetched."})
    following = fields.Nested(FollowingSchema, required=True)
    version = fields.String(required=True, metadata={"description": "Commit id being served."})
    committed_at = fields.DateTime(required=True)
    source = fields.String(required=True, metadata={
        "description": "release (the newest is live), branch (no release yet) or pinned (PATHAPI_PIN)."})
    release = fields.String(required=True, allow_none=True)
    branch = fields.String(required=True, allow_none=True)
    documents = fields.Dict(keys=fields.String(), values=fields.Integer(), required=True)
    public_documents = fields.Dict(keys=fields.String(), values=fields.Integer(), required=True)
    failure = fields.Nested(FailureSchema, required=True, allow_none=True,
                            metadata={"description": "The newest commit that failed validation, not served."})
    refresh_error = fields.String(required=True, allow_none=True)


class CountsSchema(Schema):
    paths = fields.Integer(required=True)
    channels = fields.Integer(required=True)
    segments = fields.Integer(required=True)
    topics = fields.Integer(required=True)


class ReleaseSummarySchema(Schema):
    name = fields.String(required=True, metadata={"description": "YYYY-MM-DD.n; use as `version=`."})
    commit = fields.String(required=True)
    released_at = fields.String(required=True)
    message = fields.String(required=True)
    counts = fields.Nested(CountsSchema, required=True)
    href = fields.String(required=True)


class ReleaseListSchema(Schema):
    live = fields.String(required=True, allow_none=True)
    items = fields.List(fields.Nested(ReleaseSummarySchema), required=True)


class ChangeSchema(Schema):
    type = fields.String(required=True)
    id = fields.String(required=True)
    title = fields.String(required=True)


class ChangesSchema(Schema):
    added = fields.List(fields.Nested(ChangeSchema), required=True)
    changed = fields.List(fields.Nested(ChangeSchema), required=True)
    removed = fields.List(fields.Nested(ChangeSchema), required=True)


class ReleaseSchema(ReleaseSummarySchema):
    previous = fields.String(required=True, allow_none=True)
    notes = fields.String(required=True, metadata={"description": "Release notes (Markdown) derived for the reader's "
                                                                  "view: hidden documents are never named."})
    changes = fields.Nested(ChangesSchema, required=True)


class HistoryCommitSchema(Schema):
    commit = fields.String(required=True)
    author = fields.String(required=True, metadata={"description": "The author's name; never an e-mail address."})
    committed_at = fields.String(required=True)
    message = fields.String(metadata={"description": "The commit subject; previews only (free text may name "
                                                     "unpublished documents)."})


class HistoryReleaseSchema(Schema):
    name = fields.String(required=True)
    commit = fields.String(required=True)
    change = fields.String(required=True, metadata={"description": "added, changed or removed"})
    released_at = fields.String(required=True)


class HistorySchema(Schema):
    id = fields.String(required=True)
    type = fields.String(required=True)
    commits = fields.List(fields.Nested(HistoryCommitSchema), required=True)
    releases = fields.List(fields.Nested(HistoryReleaseSchema), required=True)


class AcceptedSchema(Schema):
    status = fields.String(required=True)
    version = fields.String(required=True)


class SyncEntrySchema(Schema):
    type = fields.String(required=True)
    id = fields.String(required=True)
    hash = fields.String(required=True, metadata={"description": "sha256:<hex> of the document's JSON bytes."})
    document = fields.Dict(required=True, metadata={"description": "The document as GET /v1/<type>s/<id> serves it."})


class DeletedSchema(Schema):
    type = fields.String(required=True)
    id = fields.String(required=True)


class SyncPageSchema(Schema):
    items = fields.List(fields.Nested(SyncEntrySchema), required=True,
                        metadata={"description": "Documents to add or replace (topics, segments, channels, paths)."})
    deleted = fields.List(fields.Nested(DeletedSchema), required=True,
                          metadata={"description": "Documents to drop: deleted, unpublished, archived, filtered out."})
    sync_token = fields.String(required=True, allow_none=True,
                               metadata={"description": "On the last page: keep it for the next sync."})
    next = fields.String(required=True, allow_none=True, metadata={"description": "The next page, if any."})
    version = fields.String(required=True)
    language = fields.String(required=True)
    total = fields.Integer(required=True, metadata={"description": "Documents to add or replace, all pages."})


class SearchHitSchema(Schema):
    field = fields.String(required=True,
                          metadata={"description": "title, summary, step_title, body, customer_action or link"})
    snippet = fields.String(required=True, metadata={"description": "HTML-escaped text with matches in <mark>."})
    phase = fields.String()
    step = fields.String()
    step_title = fields.String()


class SearchResultSchema(Schema):
    id = fields.String(required=True)
    type = fields.String(required=True)
    title = fields.String(required=True)
    href = fields.String(required=True)
    score = fields.Float(required=True)
    hits = fields.List(fields.Nested(SearchHitSchema), required=True)


class SearchSchema(Schema):
    query = fields.String(required=True)
    language = fields.String(required=True)
    total = fields.Integer(required=True)
    items = fields.List(fields.Nested(SearchResultSchema), required=True)


class SchemaLinkSchema(Schema):
    name = fields.String(required=True)
    title = fields.String(required=True)
    href = fields.String(required=True)
    delivered = fields.String(required=True)


class SchemaListSchema(Schema):
    schema_version = fields.Integer(required=True)
    items = fields.List(fields.Nested(SchemaLinkSchema), required=True)
