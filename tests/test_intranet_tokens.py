"""Named intranet and preview tokens: rights, rotation, intranet preview, 401/403 naming what is missing."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path

import pytest
from flask import Flask
from flask.testing import FlaskClient

from pathapi.delivery.access import TokenSet, parse_pairs
from tests.support import ContentRepo

HUS_OLD, HUS_NEW, PHT, EDITOR, BOTH = "hus-old-secret-1", "hus-new-secret-2", "pht-secret-3", "editor-4", "both-5"
TOKENS = {
    "INTRANET_TOKENS": f"hus:{HUS_OLD}, hus:{HUS_NEW}, paijat-hame:{PHT}, kehitys:{BOTH}",
    "PREVIEW_TOKENS": f"toimitus:{EDITOR},kehitys:{BOTH}",
}


def bearer(token: str) -> dict[str, str]:
    """The Authorization header for TOKEN."""
    return {"Authorization": f"Bearer {token}"}


@pytest.fixture
def tokens_client(shared_app: Callable[..., Flask], shared_lane: bool) -> FlaskClient:
    """A client of the module's shared app with named intranet and preview tokens, one carrying both rights."""
    return shared_app(FAST_LANE=shared_lane, **TOKENS).test_client()


@pytest.mark.parametrize("secret", [HUS_OLD, HUS_NEW, PHT])
def test_every_named_intranet_secret_reads_the_intranet_view(tokens_client: FlaskClient, secret: str) -> None:
    response = tokens_client.get("/v1/paths/ehkaisy", headers=bearer(secret))
    assert response.status_code == 200 and response.headers["Cache-Control"] == "private, no-store"
    assert "SISÄINEN ohje ammattilaiselle" in response.get_data(as_text=True)
    assert "Authorization" in response.headers["Vary"]


def test_a_rotated_out_secret_is_401_and_the_old_single_variable_still_works(make_app: Callable[..., Flask]) -> None:
    rotated = make_app(INTRANET_TOKENS=f"hus:{HUS_NEW}", INTRANET_TOKEN="legacy-intranet").test_client()
    refused = rotated.get("/v1/paths/ehkaisy", headers=bearer(HUS_OLD))
    assert refused.status_code == 401 and 'error="invalid_token"' in refused.headers["WWW-Authenticate"]
    assert "rotated" in refused.get_json()["detail"] and HUS_OLD not in refused.get_data(as_text=True)
    for secret in (HUS_NEW, "legacy-intranet"):
        assert "SISÄINEN ohje" in rotated.get("/v1/paths/ehkaisy", headers=bearer(secret)).get_data(as_text=True)


def test_a_malformed_token_list_names_the_variable_and_never_the_secret() -> None:
    with pytest.raises(ValueError, match="PATHAPI_INTRANET_TOKENS: entry 2") as raised:
        parse_pairs("hus:ok-secret,just-a-secret-without-name", "intranet")
    assert "just-a-secret" not in str(raised.value)
    assert TokenSet.from_settings(intranets="a:x, b:y").names() == ["a", "b"]


def test_intranet_token_with_ref_is_403_naming_the_preview_right(tokens_client: FlaskClient) -> None:
    response = tokens_client.get("/v1/paths/ehkaisy?ref=main", headers=bearer(PHT))
    assert response.status_code == 403
    problem = response.get_json()
    assert (problem["parameter"], problem["right"]) == ("ref", "preview")
    assert "'paijat-hame'" in problem["detail"] and "intranet only" in problem["detail"]
    assert (
        response.headers["Cache-Control"] == "no-store" and "insufficient_scope" in response.headers["WWW-Authenticate"]
    )
    anonymous = tokens_client.get("/v1/paths/ehkaisy?ref=main").get_json()
    assert (anonymous["status"], anonymous["parameter"], anonymous["right"]) == (401, "ref", "preview")


def test_preview_token_asking_for_the_intranet_is_403(tokens_client: FlaskClient) -> None:
    response = tokens_client.get("/v1/paths/ehkaisy?audience=intranet", headers=bearer(EDITOR))
    assert response.status_code == 403 and response.get_json()["right"] == "intranet"


@pytest.mark.parametrize("fast_lane", [True, False], ids=["fast-lane", "flask"])
def test_a_token_with_both_rights_previews_the_intranet_view_of_a_branch(
    repo: ContentRepo, make_app: Callable[..., Flask], fast_lane: bool
) -> None:
    tokens_client = make_app(FAST_LANE=fast_lane, **TOKENS).test_client()
    repo.git("checkout", "-q", "-b", "paivitys")
    doc = json.loads((repo.root / "content/paths/ehkaisy.json").read_text())
    doc["phases"][0]["steps"][0]["professional_notes"]["fi"] = "UUSI ohje haarassa"
    repo.write(doc)
    repo.commit("Uusi ohje")
    repo.git("checkout", "-q", "main")
    both = tokens_client.get("/v1/paths/ehkaisy?ref=paivitys", headers=bearer(BOTH))
    assert both.status_code == 200 and "UUSI ohje haarassa" in both.get_data(as_text=True)
    assert both.headers["Cache-Control"] == "private, no-store"
    draft = tokens_client.get("/v1/paths/luonnos", headers=bearer(BOTH))
    assert draft.status_code == 200 and "SISÄINEN ohje" in draft.get_data(as_text=True)  # drafts and notes
    editor = tokens_client.get("/v1/paths/ehkaisy?ref=paivitys", headers=bearer(EDITOR)).get_data(as_text=True)
    assert "UUSI ohje" not in editor and "SISÄINEN" not in editor  # the preview alone is the public audience
    assert tokens_client.get("/v1/paths/luonnos", headers=bearer(PHT)).status_code == 404  # intranet alone: published


def test_intranet_sync_and_bundle_are_private_and_their_tokens_stay_in_their_view(tokens_client: FlaskClient) -> None:
    page = tokens_client.get("/v1/sync?limit=2", headers=bearer(PHT))
    assert page.headers["Cache-Control"] == "private, no-store" and "Authorization" in page.headers["Vary"]
    rest = tokens_client.get(page.get_json()["next"], headers=bearer(PHT))
    assert rest.headers["Cache-Control"] == "private, no-store"
    everything = tokens_client.get("/v1/sync", headers=bearer(PHT)).get_json()
    assert "SISÄINEN ohje" in json.dumps(everything, ensure_ascii=False)
    bundle = tokens_client.get("/v1/bundle", headers=bearer(HUS_NEW))
    assert bundle.headers["Cache-Control"] == "private, no-store"
    token = everything["sync_token"]
    assert tokens_client.get(f"/v1/sync?token={token}", headers=bearer(HUS_OLD)).status_code == 200  # any intranet
    public = tokens_client.get(f"/v1/sync?token={token}")
    assert public.status_code == 401 and (public.get_json()["parameter"], public.get_json()["right"]) == (
        "token",
        "intranet",
    )
    editor = tokens_client.get(f"/v1/sync?token={token}", headers=bearer(EDITOR))
    assert editor.status_code == 403 and editor.get_json()["right"] == "intranet"
    app_token = tokens_client.get("/v1/sync").get_json()["sync_token"]
    other_view = tokens_client.get(f"/v1/sync?token={app_token}", headers=bearer(PHT))
    assert other_view.status_code == 400 and "start over" in other_view.get_json()["detail"]
    cursor = tokens_client.get(page.get_json()["next"])
    assert cursor.status_code == 401 and cursor.get_json()["parameter"] == "cursor"


def test_public_sync_never_carries_professional_text(tokens_client: FlaskClient) -> None:
    body = tokens_client.get("/v1/sync").get_data(as_text=True)
    assert "SISÄINEN" not in body


def test_intranet_delta_sends_a_notes_only_change(repo: ContentRepo, make_app: Callable[..., Flask]) -> None:
    first = make_app(**TOKENS).test_client().get("/v1/sync", headers=bearer(PHT)).get_json()
    doc = json.loads((repo.root / "content/paths/testaus.json").read_text())
    doc["phases"][0]["steps"][0]["professional_notes"]["fi"] = "Uusi kirjausohje"
    repo.write(doc)
    repo.commit("Notes only")
    later = make_app(**TOKENS).test_client()
    delta = later.get(f"/v1/sync?token={first['sync_token']}", headers=bearer(PHT)).get_json()
    assert [i["id"] for i in delta["items"]] == ["testaus"]
    assert "Uusi kirjausohje" in json.dumps(delta, ensure_ascii=False)


def test_access_log_names_the_token_never_the_secret(
    make_app: Callable[..., Flask], capsys: pytest.CaptureFixture[str]
) -> None:
    client = make_app(**TOKENS).test_client()
    capsys.readouterr()
    for headers in (bearer(HUS_NEW), bearer(BOTH), bearer("wrong-secret"), {}):
        client.get("/v1/paths/ehkaisy", headers=headers).get_data()
    tally = client.application.extensions["pathapi.tally"]
    tally.flush()
    err = capsys.readouterr().err
    # Only this app's lines: an earlier test's app in this process may flush its own meanwhile.
    ours = tally.request_id()[:12]
    lines = [r for r in (json.loads(x) for x in err.splitlines() if x.startswith("{")) if r["request_id"][:12] == ours]
    assert [line.get("token") for line in lines] == ["hus", "kehitys", "-", None]
    assert not [s for s in (HUS_NEW, BOTH, "wrong-secret") if s in err]


def test_a_token_file_is_reread_when_it_changes(
    tmp_path: Path, make_app: Callable[..., Flask], caplog: pytest.LogCaptureFixture
) -> None:
    secrets = tmp_path / "intranet-tokens"
    secrets.write_text(f"# one line per token\nhus:{HUS_OLD}\n")
    client = make_app(INTRANET_TOKENS=f"@{secrets}", TOKENS_CHECK_SECONDS=0).test_client()
    assert client.get("/v1/paths/ehkaisy", headers=bearer(HUS_OLD)).status_code == 200
    assert client.get("/v1/paths/ehkaisy", headers=bearer(HUS_NEW)).status_code == 401
    secrets.write_text(f"hus:{HUS_OLD}\nhus:{HUS_NEW}  # rotating\n")  # both valid while intranets move
    assert client.get("/v1/paths/ehkaisy", headers=bearer(HUS_NEW)).status_code == 200
    assert client.get("/v1/paths/ehkaisy", headers=bearer(HUS_OLD)).status_code == 200
    secrets.write_text(f"hus:{HUS_NEW}\n")
    assert client.get("/v1/paths/ehkaisy", headers=bearer(HUS_OLD)).status_code == 401
    secrets.write_text("not a token line at all, and longer than before\n")  # a broken edit keeps the last good set
    assert client.get("/v1/paths/ehkaisy", headers=bearer(HUS_NEW)).status_code == 200
    assert "not reloaded" in caplog.text and HUS_NEW not in caplog.text


def test_a_missing_token_file_stops_the_start(tmp_path: Path, make_app: Callable[..., Flask]) -> None:
    with pytest.raises(ValueError, match="PATHAPI_PREVIEW_TOKENS: cannot read the token file"):
        make_app(PREVIEW_TOKENS=f"@{tmp_path / 'missing'}")


def test_every_v1_route_answers_an_intranet_privately(repo: ContentRepo, make_app: Callable[..., Flask]) -> None:
    repo.git("tag", "-a", "release/2026-11-30.1", "-m", "First")
    client = make_app(**TOKENS).test_client()
    ids = {
        "paths": "ehkaisy",
        "channels": "chat",
        "segments": "s1-asiantuntijuus",
        "topics": "raskaus",
        "releases": "2026-11-30.1",
        "schemas": "path",
    }
    spec = client.get("/openapi.json").get_json()
    routes = [route for route, item in spec["paths"].items() if route.startswith("/v1/") and "get" in item]
    assert len(routes) >= 18
    for route in routes:
        folder = route.split("/")[2]
        url = re.sub(r"\{(doc_id|name)\}", ids.get(folder, ""), route).replace("{step_id}", "seuranta")
        url += "?q=polku" if "/search" in route else ""
        response = client.get(url, headers=bearer(PHT))
        assert response.status_code == 200, (url, response.data[:200])
        assert response.headers["Cache-Control"] == "private, no-store", url
        assert "Authorization" in response.headers["Vary"], url


def test_a_named_preview_token_signs_in_to_the_studio(make_app: Callable[..., Flask]) -> None:
    client = make_app(FAST_LANE=False, **TOKENS).test_client()
    for secret, status in ((PHT, 401), ("arvaus", 401), (EDITOR, 303), (BOTH, 303)):
        answer = client.post("/studio/signin", data={"token": secret, "back": "/studio/paths/luonnos"})
        assert answer.status_code == status, secret
    assert client.get("/studio/paths/luonnos").status_code == 200  # signed in: drafts
