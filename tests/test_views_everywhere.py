"""Public means public everywhere: release notes, counts and history are computed in the reader's view."""

from __future__ import annotations

import json
import subprocess
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta

import pytest
from flask import Flask
from flask.testing import FlaskClient

from pathapi.publishing import release
from pathapi.store.git import ContentRepository
from pathapi.store.release_tags import Release
from tests.support import GIT_ENV, ContentRepo, channel, path

pytestmark = pytest.mark.hostile
TODAY = date(2026, 11, 23)
OPENS = datetime(2027, 1, 1, 8, 0, tzinfo=UTC)
PREVIEW, INTRANET = "preview-token", "intranet-token"
HIDDEN_PUBLICLY = ["salainen-luonnos", "SALAINEN", "embargoitu", "EMBARGO", "sisainen-kanava", "SISÄINEN kanava"]


class Clock:
    """A clock tests move by hand."""

    def __init__(self, now: datetime) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now


def edit(repo: ContentRepo, doc_id: str, change: Callable[[dict], None]) -> None:  # type: ignore[type-arg]
    """Change a path document in the working tree."""
    target = repo.root / f"content/paths/{doc_id}.json"
    doc = json.loads(target.read_text())
    change(doc)
    target.write_text(json.dumps(doc, ensure_ascii=False, indent=2))


@pytest.fixture
def released(repo: ContentRepo) -> ContentRepo:
    """Release 1 (standard corpus); release 2 adds a draft, an embargoed path and an intranet-only channel,
    changes only the intranet notes of one path and the title of another."""
    store = ContentRepository(repo.root)
    release(store, "HEAD", "Ensimmäinen", TODAY)
    repo.write(
        path(
            "salainen-luonnos", topics=["raskaus"], status="draft", languages=("fi",), title={"fi": "SALAINEN luonnos"}
        )
    )
    repo.write(
        path(
            "embargoitu",
            topics=["raskaus"],
            publish_at=OPENS.isoformat(),
            languages=("fi",),
            title={"fi": "EMBARGO polku"},
        )
    )
    repo.write(channel("sisainen-kanava", audience=["intranet"], name={"fi": "SISÄINEN kanava"}))
    edit(repo, "ehkaisy", lambda d: d["phases"][0]["steps"][0]["professional_notes"].update(fi="Uusi SISÄINEN ohje"))
    edit(repo, "testaus", lambda d: d["title"].update(fi="Testaus ja hoito"))
    repo.commit("Lisää SALAINEN luonnos, EMBARGO ja SISÄINEN kanava; uusi ohje")
    assert isinstance(release(store, "HEAD", "Toinen", TODAY), Release)
    return repo


def client_for(make_app: Callable[..., Flask], now: datetime = OPENS - timedelta(days=30)) -> FlaskClient:
    """A client of an app with preview and intranet tokens, its clock at NOW."""
    return make_app(PREVIEW_TOKEN=PREVIEW, INTRANET_TOKEN=INTRANET, CLOCK=Clock(now)).test_client()


def bearer(token: str) -> dict[str, str]:
    """The Authorization header for TOKEN."""
    return {"Authorization": f"Bearer {token}"}


def ids(detail: dict, change: str) -> list[str]:  # type: ignore[type-arg]
    """The document ids listed under one change of a release."""
    return [c["id"] for c in detail["changes"][change]]


def test_public_release_notes_name_and_count_only_public_documents(
    released: ContentRepo, make_app: Callable[..., Flask]
) -> None:
    client = client_for(make_app)
    response = client.get("/v1/releases/2026-11-23.2")
    text = response.get_data(as_text=True)
    assert [word for word in HIDDEN_PUBLICLY if word in text] == []
    detail = response.get_json()
    assert ids(detail, "added") == [] and ids(detail, "removed") == []
    assert ids(detail, "changed") == ["testaus"]  # ehkaisy changed only in intranet notes
    assert detail["notes"].startswith("Changes since 2026-11-23.1")
    assert "- path testaus: Testaus ja hoito" in detail["notes"]
    public_totals = {
        kind: client.get(f"/v1/{kind}").get_json()["total"] for kind in ("paths", "channels", "segments", "topics")
    }
    assert detail["counts"] == public_totals
    listing = client.get("/v1/releases")
    assert [item["counts"] for item in listing.get_json()["items"]] == [public_totals, public_totals]
    assert [word for word in HIDDEN_PUBLICLY if word in listing.get_data(as_text=True)] == []
    assert "Authorization" in response.headers["Vary"] and "Authorization" in listing.headers["Vary"]


def test_intranet_and_preview_notes_are_their_own(released: ContentRepo, make_app: Callable[..., Flask]) -> None:
    client = client_for(make_app)
    intranet = client.get("/v1/releases/2026-11-23.2", headers=bearer(INTRANET))
    detail = intranet.get_json()
    assert ids(detail, "added") == ["sisainen-kanava"]
    assert ids(detail, "changed") == ["ehkaisy", "testaus"]
    assert "SALAINEN" not in intranet.get_data(as_text=True) and "embargoitu" not in intranet.get_data(as_text=True)
    assert detail["counts"]["channels"] == 3 and intranet.headers["Cache-Control"] == "private, no-store"
    preview = client.get("/v1/releases/2026-11-23.2", headers=bearer(PREVIEW)).get_json()
    assert ids(preview, "added") == ["embargoitu", "salainen-luonnos"]  # editors see drafts, not intranets
    assert preview["counts"]["paths"] == 5 and preview["counts"]["channels"] == 2


def test_an_embargoed_document_is_named_once_it_is_published(
    released: ContentRepo, make_app: Callable[..., Flask]
) -> None:
    before = client_for(make_app, OPENS - timedelta(seconds=40)).get("/v1/releases/2026-11-23.2")
    assert before.headers["Cache-Control"] == "public, max-age=40"  # not past the moment it would change
    after = client_for(make_app, OPENS).get("/v1/releases/2026-11-23.2").get_json()
    assert ids(after, "added") == ["embargoitu"] and "EMBARGO polku" in after["notes"]


def test_history_lists_only_changes_the_view_can_see(released: ContentRepo, make_app: Callable[..., Flask]) -> None:
    client = client_for(make_app)
    second = released.git("rev-parse", "HEAD")
    public = client.get("/v1/paths/ehkaisy/history").get_json()
    assert second not in [c["commit"] for c in public["commits"]]  # only intranet notes changed
    assert [r["name"] for r in public["releases"]] == ["2026-11-23.1"]
    intranet = client.get("/v1/paths/ehkaisy/history", headers=bearer(INTRANET)).get_json()
    assert intranet["commits"][0]["commit"] == second
    assert [(r["name"], r["change"]) for r in intranet["releases"]] == [
        ("2026-11-23.1", "added"),
        ("2026-11-23.2", "changed"),
    ]


def test_a_path_published_after_drafts_has_no_draft_history(
    released: ContentRepo, make_app: Callable[..., Flask]
) -> None:
    edit(released, "salainen-luonnos", lambda d: d["title"].update(fi="Toinen SALAINEN luonnos"))
    released.commit("Draft again")
    edit(released, "salainen-luonnos", lambda d: d.update(status="published", title={"fi": "Julkinen polku"}))
    published = released.commit("Publish")
    release(ContentRepository(released.root), "HEAD", "", TODAY)
    client = client_for(make_app)
    history = client.get("/v1/paths/salainen-luonnos/history")
    assert [c["commit"] for c in history.get_json()["commits"]] == [published]
    assert [(r["name"], r["change"]) for r in history.get_json()["releases"]] == [("2026-11-23.3", "added")]
    detail = client.get("/v1/releases/2026-11-23.3").get_json()
    assert ids(detail, "added") == ["salainen-luonnos"] and detail["changes"]["added"][0]["title"] == "Julkinen polku"


def test_pinned_history_never_changes(released: ContentRepo, make_app: Callable[..., Flask]) -> None:
    url = "/v1/paths/testaus/history?version=2026-11-23.1"
    first = client_for(make_app).get(url)
    assert first.headers["Cache-Control"] == "public, max-age=31536000, immutable"
    assert [r["name"] for r in first.get_json()["releases"]] == ["2026-11-23.1"]
    edit(released, "testaus", lambda d: d["title"].update(fi="Kolmas nimi"))
    released.commit("Rename again")
    release(ContentRepository(released.root), "HEAD", "", TODAY)
    later = client_for(make_app).get(url)  # a fresh process after two more releases
    assert (later.get_data(), later.headers["ETag"]) == (first.get_data(), first.headers["ETag"])
    by_commit = f"/v1/paths/testaus/history?version={released.git('rev-parse', 'release/2026-11-23.2^{commit}')}"
    assert "2026-11-23.3" not in client_for(make_app).get(by_commit).get_data(as_text=True)


def test_history_publishes_author_names_never_e_mail_addresses(
    repo: ContentRepo, make_app: Callable[..., Flask]
) -> None:
    for name in ("eeva.editori@example.fi", "Eeva Editori (eeva@example.fi)"):
        edit(repo, "ehkaisy", lambda d, n=name: d["title"].update(fi=f"Nimi {len(n)}"))
        repo.git("add", "-A")
        env = {**GIT_ENV, "GIT_AUTHOR_NAME": name, "GIT_AUTHOR_EMAIL": "eeva@example.fi"}
        subprocess.run(["git", "commit", "-q", "-m", "Edit"], cwd=repo.root, env=env, check=True)
    response = make_app().test_client().get("/v1/paths/ehkaisy/history")
    assert "@" not in response.get_data(as_text=True)
    assert [c["author"] for c in response.get_json()["commits"]] == ["Eeva Editori", "", "Editor"]


def test_what_changed_for_staff_since_a_date(released: ContentRepo, make_app: Callable[..., Flask]) -> None:
    client = client_for(make_app)
    tagged = [datetime.fromisoformat(r["released_at"]) for r in client.get("/v1/releases").get_json()["items"]]
    since = (tagged[0] + timedelta(seconds=1)).isoformat()  # after both releases: nothing since
    assert client.get("/v1/releases", query_string={"since": since}).get_json()["items"] == []
    staff = client.get("/v1/releases?since=2026-01-01", headers=bearer(INTRANET)).get_json()
    assert [item["name"] for item in staff["items"]] == ["2026-11-23.2", "2026-11-23.1"]
    assert staff["previous"] is None and staff["since"] == "2026-01-01T00:00:00+00:00"
    detail = client.get("/v1/releases/2026-11-23.2", headers=bearer(INTRANET)).get_json()
    notes = next(c for c in detail["changes"]["changed"] if c["id"] == "ehkaisy")["fields"]
    assert notes == [
        {
            "where": "phases/alku/steps/yhteydenotto",
            "field": "professional_notes",
            "language": "fi",
            "change": "changed",
            "step_href": "/v1/paths/ehkaisy/steps/yhteydenotto",
        }
    ]
    public = client.get("/v1/releases/2026-11-23.2").get_json()
    title = next(c for c in public["changes"]["changed"] if c["id"] == "testaus")["fields"]
    assert title == [{"where": "", "field": "title", "language": "fi", "change": "changed"}]
    assert "professional_notes" not in json.dumps(public)


def test_since_that_is_not_a_date_is_a_400_naming_it(released: ContentRepo, make_app: Callable[..., Flask]) -> None:
    client = client_for(make_app)
    for bad in ("last-week", "2026-02-30", "2026-11-24T08:00:00"):
        response = client.get("/v1/releases", query_string={"since": bad})
        assert response.status_code == 400 and response.get_json()["parameter"] == "since", bad
