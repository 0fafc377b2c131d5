"""Reading documents and collections: shape, language, filters, paging, expansion, drafts."""

from __future__ import annotations

import pytest
from flask.testing import FlaskClient

from tests.support import ContentRepo


@pytest.fixture
def client(shared_client: FlaskClient) -> FlaskClient:
    """Tests that only read share the module's app; the others build their own with ``make_app``."""
    return shared_client


def test_list_paths_lists_published_paths_in_id_order(client: FlaskClient) -> None:
    body = client.get("/v1/paths").get_json()
    assert [item["id"] for item in body["items"]] == ["ehkaisy", "testaus"]
    assert body["total"] == 2
    assert body["items"][0]["href"] == "/v1/paths/ehkaisy?lang=fi"
    assert body["items"][0]["title"] == "Polku ehkaisy"


def test_get_path_serves_localized_public_document(client: FlaskClient) -> None:
    response = client.get("/v1/paths/ehkaisy?lang=sv")
    body = response.get_json()
    assert response.status_code == 200
    assert response.headers["Content-Language"] == "sv"
    assert body["title"] == "Polku ehkaisy (sv)"
    assert body["language"] == "sv"
    assert body["phases"][0]["promise"] == "Minun on helppo aloittaa (sv)"
    assert "$schema" not in body


def test_language_falls_back_to_finnish_per_document(client: FlaskClient) -> None:
    response = client.get("/v1/paths/testaus?lang=en")
    assert response.headers["Content-Language"] == "fi"
    assert response.get_json()["title"] == "Polku testaus"


def test_accept_language_negotiates_and_varies(client: FlaskClient) -> None:
    response = client.get("/v1/paths/ehkaisy", headers={"Accept-Language": "de, en;q=0.8, sv;q=0.5"})
    assert response.headers["Content-Language"] == "en"
    assert response.headers["Vary"] == "Accept-Language"
    explicit = client.get("/v1/paths/ehkaisy?lang=fi", headers={"Accept-Language": "en"})
    assert explicit.headers["Content-Language"] == "fi"
    assert "Vary" not in explicit.headers


def test_professional_only_content_never_reaches_public_responses(client: FlaskClient) -> None:
    urls = ["/v1/paths", "/v1/paths/ehkaisy", "/v1/paths/ehkaisy?expand=channels,topics,related_paths"]
    for lang in ("fi", "sv", "en"):
        for url in urls:
            sep = "&" if "?" in url else "?"
            text = client.get(f"{url}{sep}lang={lang}").get_data(as_text=True)
            assert "SISÄINEN" not in text
            assert "professional" not in text


def test_step_keeps_public_swimlanes(client: FlaskClient) -> None:
    steps = client.get("/v1/paths/ehkaisy").get_json()["phases"][0]["steps"]
    assert steps[0]["swimlanes"] == {"customer": "Asiakas soittaa."}
    assert "swimlanes" not in steps[1]  # only a professional lane: nothing public left


def test_drafts_do_not_exist_publicly(client: FlaskClient) -> None:
    response = client.get("/v1/paths/luonnos")
    assert response.status_code == 404
    assert "luonnos" in response.get_json()["detail"]
    assert "luonnos" not in client.get("/v1/paths?topic=raskaus").get_data(as_text=True)


def test_filters_by_topic_level_and_target_group(client: FlaskClient) -> None:
    def ids(query: str) -> list[str]:
        return [i["id"] for i in client.get(f"/v1/paths?{query}").get_json()["items"]]

    assert ids("topic=raskaus") == ["testaus"]
    assert ids("topic=seksuaaliterveys") == ["ehkaisy", "testaus"]
    assert ids("level=touchpoint") == ["testaus"]
    assert ids("target_group=adults") == ["ehkaisy"]
    assert ids("segment=s1-asiantuntijuus") == ["ehkaisy"]
    assert ids("level=strategic") == []


def test_pagination_links_walk_the_list(client: FlaskClient) -> None:
    first = client.get("/v1/paths?per_page=1&lang=fi").get_json()
    assert [i["id"] for i in first["items"]] == ["ehkaisy"]
    assert first["links"]["prev"] is None
    second = client.get(first["links"]["next"]).get_json()
    assert [i["id"] for i in second["items"]] == ["testaus"]
    assert second["links"]["next"] is None
    assert client.get(second["links"]["prev"]).get_json() == first


def test_page_past_the_end_is_empty(client: FlaskClient) -> None:
    body = client.get("/v1/paths?page=9").get_json()
    assert body["items"] == [] and body["total"] == 2


def test_expand_channels_inlines_channel_documents(client: FlaskClient) -> None:
    plain = client.get("/v1/paths/ehkaisy").get_json()["phases"][0]["steps"][0]
    assert plain["channels"] == ["neuvonta", "chat"]
    expanded = client.get("/v1/paths/ehkaisy?expand=channels").get_json()["phases"][0]["steps"][0]
    assert [c["id"] for c in expanded["channels"]] == ["neuvonta", "chat"]
    assert expanded["channels"][0]["contact"]["phone"] == "+358 3 123 4567"


def test_expand_topics_and_related_paths(client: FlaskClient) -> None:
    body = client.get("/v1/paths/ehkaisy?expand=topics,related_paths&lang=sv").get_json()
    assert body["topics"][0] == {
        "id": "seksuaaliterveys",
        "type": "topic",
        "language": "sv",
        "updated_at": body["topics"][0]["updated_at"],
        "status": "published",
        "title": "Ämne seksuaaliterveys",
    }
    assert body["related_paths"][0]["href"] == "/v1/paths/testaus?lang=sv"
    listed = client.get("/v1/paths?expand=topics").get_json()["items"][0]
    assert listed["topics"][0]["id"] == "seksuaaliterveys"


def test_references_to_scheduled_documents_are_not_shown(repo: ContentRepo, make_app) -> None:  # type: ignore[no-untyped-def]
    from tests.support import channel

    repo.write(channel("tuleva", publish_at="2999-01-01T00:00:00+02:00"))
    doc = repo.root / "content/paths/ehkaisy.json"
    doc.write_text(doc.read_text().replace('"chat"\n', '"chat",\n        "tuleva"\n'))
    repo.commit("Reference a channel that opens later")
    client = make_app().test_client()
    text = client.get("/v1/paths/ehkaisy?expand=channels").get_data(as_text=True)
    assert "tuleva" not in text
    assert client.get("/v1/channels/tuleva").status_code == 404


def test_other_collections(client: FlaskClient) -> None:
    assert [c["id"] for c in client.get("/v1/channels").get_json()["items"]] == ["chat", "neuvonta"]
    assert client.get("/v1/segments/s1-asiantuntijuus").get_json()["share_percent"] == 18
    topic = client.get("/v1/topics/raskaus?expand=parent").get_json()
    assert topic["parent"]["id"] == "seksuaaliterveys"


def test_serves_committed_content_not_the_working_tree(repo: ContentRepo, make_app) -> None:  # type: ignore[no-untyped-def]
    doc = repo.root / "content/paths/ehkaisy.json"
    doc.write_text(doc.read_text().replace("Polku ehkaisy", "TYÖPUU"))
    (repo.root / "content/paths/testaus.json").unlink()
    client = make_app().test_client()
    assert client.get("/v1/paths/ehkaisy").get_json()["title"] == "Polku ehkaisy"
    assert client.get("/v1/paths/testaus").status_code == 200


def test_head_returns_headers_without_body(client: FlaskClient) -> None:
    response = client.head("/v1/paths/ehkaisy")
    assert response.status_code == 200
    assert response.data == b""
    assert int(response.headers["Content-Length"]) > 0


@pytest.mark.parametrize("value", [",", "channels,", ",channels", "channels,,topics"])
def test_expand_with_an_empty_name_is_a_400_naming_it(client: FlaskClient, value: str) -> None:
    """The OpenAPI lists names, so an empty one between commas is refused as it documents."""
    answer = client.get(f"/v1/paths?expand={value}")
    assert answer.status_code == 400
    assert answer.get_json()["parameter"] == "expand"
    assert "empty name" in answer.get_json()["detail"]


@pytest.mark.parametrize("url", ["/v1/paths?expand=", "/v1/paths/ehkaisy?expand=", "/v1/topics?expand=%20"])
def test_an_empty_expand_is_a_400_where_the_openapi_asks_for_a_name(client: FlaskClient, url: str) -> None:
    """`expand=` is the form serialization of `[""]` as much as of `[]`: refused, as the OpenAPI's minItems says."""
    answer = client.get(url)
    assert answer.status_code == 400
    assert answer.get_json()["parameter"] == "expand"
    assert "leave expand out" in answer.get_json()["detail"]
    route = url.split("?")[0].replace("ehkaisy", "{doc_id}")
    declared = next(
        p for p in client.get("/openapi.json").get_json()["paths"][route]["get"]["parameters"] if p["name"] == "expand"
    )
    assert declared["schema"]["minItems"] == 1


def test_an_empty_expand_is_fine_where_nothing_can_be_expanded(client: FlaskClient) -> None:
    """Routes with nothing to inline document `expand` as an empty string: that is what they accept."""
    assert client.get("/v1/segments?expand=").status_code == 200
