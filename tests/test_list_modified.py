"""A list's Last-Modified counts scheduled moments that have passed: found by bisection in moments sorted
once per catalog, it is the newest moment a walk over every document finds."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from pathapi.api.loading import load_library
from pathapi.content.kinds import Kind
from pathapi.delivery import last_modified
from pathapi.delivery.catalog import Catalog
from pathapi.delivery.last_modified import _passed, _seconds, list_modified
from tests.support import ContentRepo, channel


def walked(catalog: Catalog, kinds: tuple[Kind, ...]) -> datetime:
    """The reference: every document of KINDS walked for the moments passed by the catalog's now."""
    snapshot = catalog.snapshot
    folders = [snapshot.updates.folder(k.folder) if snapshot.updates else snapshot.commit.committed_at for k in kinds]
    documents = [d for k in kinds for d in snapshot.documents[k].values()]
    return _seconds(max([*folders, *_passed(documents, catalog.now)]))


def test_the_newest_passed_moment_is_the_walks(repo: ContentRepo) -> None:
    today = datetime.now(UTC).replace(microsecond=0)
    moments = [today + timedelta(days=d, hours=h) for d in (-3, 2, 9, 30) for h in (0, 5)]
    for number, moment in enumerate(moments):
        field = "publish_at" if number % 2 else "unpublish_at"
        repo.write(channel(f"ajastettu-{number}", **{field: moment.isoformat()}))
    repo.commit("Scheduled channels")
    library = load_library(repo.root, cache_dir=None)
    checked = 0
    for now in [
        today - timedelta(days=10),
        *moments,
        *(m + timedelta(seconds=1) for m in moments),
        today.max.replace(tzinfo=UTC),
    ]:
        catalog = library.state.edition.public(now)
        last_modified.warm(catalog)
        for kinds in ((Kind.CHANNEL,), (Kind.PATH, Kind.CHANNEL, Kind.TOPIC), tuple(Kind)):
            assert list_modified(catalog, kinds) == walked(catalog, kinds), (now, kinds)
            checked += 1
    assert checked > 30
    later = library.state.edition.public(moments[-1] + timedelta(seconds=1))
    assert list_modified(later, (Kind.CHANNEL,)) == moments[-1]  # a moment after the commit: the list changed then
