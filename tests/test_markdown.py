"""The Markdown contract (content.markdown), schema-driven text fields and ``format=html`` delivery."""

from __future__ import annotations

import gzip
import json
import random
from html.parser import HTMLParser

import pytest
from flask import Flask
from flask.testing import FlaskClient

from pathapi.api.app import create_app
from pathapi.content.markdown import (
    markdown_issues,
    parser,
    plain_issues,
)
from pathapi.content.media import typed_texts
from pathapi.content.plain_texts import only_paragraphs, only_paragraphs_and_bullets
from pathapi.delivery.html import render
from tests.support import ContentRepo, path, standard_repo

ALLOWED = (
    "### Ennen käyntiä\n\nVaraa aika *ajoissa* ja **muista** tämä:\n\n- soita [03 123](tel:+3583123)\n"
    "- kirjoita [meille](mailto:a@example.fi)\n\n1. lue [ohje](https://example.fi/a)\n2. <https://example.fi/>\n"
    "\n###### Pieni otsikko\nrivi  \ntoinen rivi"
)


def test_the_allowed_subset_has_no_issues() -> None:
    assert markdown_issues(ALLOWED) == []


@pytest.mark.parametrize(
    ("text", "line", "words"),
    [
        ("<script>alert(1)</script>", 0, "raw HTML"),
        ("Teksti <img src=x onerror=alert(1)>", 0, "raw HTML"),
        ("[x](javascript:alert(1))", 0, "https://, tel: or mailto:"),
        ("eka\ntoka [x](http://example.fi)", 1, "uses http"),
        ("[x](/suhteellinen)", 0, "https://, tel: or mailto:"),
        ("Teksti\n\n## Otsikko", 2, "heading level 2"),
        ("Otsikko\n=======", 0, "heading level 1"),
        ("![kuva](https://example.fi/k.png)", 0, "images"),
        ("`koodi`", 0, "code"),
        ("```\nkoodi\n```", 0, "code blocks"),
        ("Teksti\n\n    sisennys", 2, "code block"),
        ("> lainaus", 0, "quotes"),
        ("Teksti\n\n***", 2, "horizontal rules"),
    ],
)
def test_each_breach_is_found_on_its_line(text: str, line: int, words: str) -> None:
    issues = markdown_issues(text)
    assert len(issues) == 1
    assert issues[0].line == line
    assert words in issues[0].message


@pytest.mark.parametrize(
    ("text", "needles"),
    [
        ("Lue [a](http://x.fi) ja [b](ftp://y.fi) tai `koodi`", ["http://x.fi", "ftp://y.fi", "`koodi`"]),
        ("[a](http://x.fi) ja [a](http://x.fi)", ["http://x.fi", "http://x.fi"]),
        ("eka\ntoka <b>lihava</b> ![k](https://e.fi/k.png)", ["<b>", "</b>", "![k]"]),
    ],
)
def test_each_breach_on_one_line_has_its_own_column(text: str, needles: list[str]) -> None:
    """Breaches that share a line are told apart by column: each points at its own construct."""
    issues = markdown_issues(text)
    lines = text.split("\n")
    columns = [issue.column for issue in issues]
    assert columns == sorted(set(columns))
    starts = [lines[i.line][i.column :].startswith(n) for i, n in zip(issues, needles, strict=True)]
    assert starts == [True] * len(needles)


def test_the_shortcut_for_plain_paragraphs_never_hides_markup() -> None:
    """Texts the validator does not parse (no markup characters) hold only paragraphs, by the parser."""
    rng = random.Random(8)
    alphabet = [*"aäö Ab1.)-+=*_#>[]!<`~&\\|\t", "\n", "\n\n", "    ", "\r", "\u00a0"]
    plain_blocks = {"paragraph_open", "paragraph_close", "inline", "text", "softbreak", "hardbreak"}
    skipped = 0
    for _ in range(20_000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(1, 12)))
        if only_paragraphs(text):
            skipped += 1
            tokens = parser().parse(text)
            kinds = {t.type for t in tokens} | {c.type for t in tokens for c in t.children or ()}
            assert kinds <= plain_blocks, repr(text)
    assert skipped > 500


def test_the_shortcut_for_bullet_lists_never_hides_markup() -> None:
    """Markdown texts the validator does not parse hold only paragraphs and bullet lists, by the parser."""
    rng = random.Random(9)
    alphabet = [
        *"aäö Ab1.)-+=*_#>[]!<`~&\\|\t",
        "- ",
        "- ",
        "\n- ",
        "\n- ",
        "\n",
        "\n\n",
        "    ",
        "  ",
        "\r",
        "\u00a0",
        "\n---",
        "\n===",
    ]
    allowed = {
        "paragraph_open",
        "paragraph_close",
        "inline",
        "text",
        "softbreak",
        "hardbreak",
        "bullet_list_open",
        "bullet_list_close",
        "list_item_open",
        "list_item_close",
    }
    skipped = lists = 0
    for _ in range(30_000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(1, 14)))
        if only_paragraphs_and_bullets(text):
            skipped += 1
            tokens = parser().parse(text)
            kinds = {t.type for t in tokens} | {c.type for t in tokens for c in t.children or ()}
            assert kinds <= allowed, repr(text)
            assert markdown_issues(text) == []
            lists += "bullet_list_open" in kinds
    assert skipped > 500 and lists > 100
    assert not only_paragraphs_and_bullets("Teksti\n\n- kohta\n\n      koodi")
    assert only_paragraphs_and_bullets("Teksti\n\n- kohta\n- toinen kohta\n  jatkuu")


def test_images_only_where_the_schema_allows_them() -> None:
    assert markdown_issues("![kuva](https://example.fi/k.png)", images=True) == []
    assert "https" in markdown_issues("![kuva](http://example.fi/k.png)", images=True)[0].message


@pytest.mark.parametrize("text", ["Raskaudenkeskeytys", "6. joulukuuta auki", "Hinta 5 * 3 €", "snake_case_nimi"])
def test_plain_text_without_markdown_passes(text: str) -> None:
    assert plain_issues(text) == []


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("## Otsikko", "heading"),
        ("Rivi\ntoinen", "one line"),
        ("Rivi\r\ntoinen", "one line"),
        ("Lue **tämä**", "bold"),
        ("Lue *tämä*", "emphasis"),
        ("[Linkki](https://example.fi)", "link"),
        ("- kohta", "list"),
        ("Tärkeä <b>asia</b>", "HTML"),
        ("`koodi`", "code"),
    ],
)
def test_plain_text_with_breaks_or_markdown_is_an_issue(text: str, words: str) -> None:
    issues = plain_issues(text)
    assert len(issues) == 1
    assert words in issues[0].message


@pytest.mark.parametrize(
    "text",
    [
        "<script>alert(1)</script>",
        "<img src=x onerror=alert(1)>",
        "[x](javascript:alert(1))",
        "[x](JAVASCRIPT:alert(1))",
        "[x](data:text/html;base64,PHNjcmlwdD4=)",
        "<a href='javascript:x'>x</a>",
        "![x](https://example.fi/x.png)",
        "[x](http://example.fi)",
        "<iframe src=https://x.fi></iframe>",
    ],
)
def test_rendered_html_is_sanitized(text: str) -> None:
    """Only the contract's elements survive, with no event handlers and only https/tel/mailto links."""
    elements = Elements()
    elements.feed(render(text))
    for tag, attrs in elements.found:
        assert tag in {"p", "em", "strong", "ul", "ol", "li", "a", "h3", "h4", "h5", "h6", "br"}
        assert {name for name, _ in attrs} <= {"href", "rel", "start"}
        hrefs = [value or "" for name, value in attrs if name == "href"]
        assert all(h.startswith(("https://", "tel:", "mailto:")) for h in hrefs)


class Elements(HTMLParser):
    """Collects every start tag with its attributes."""

    def __init__(self) -> None:
        super().__init__()
        self.found: list[tuple[str, list[tuple[str, str | None]]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.found.append((tag, attrs))


def test_rendered_html_keeps_the_contract() -> None:
    html = render(ALLOWED)
    for element in ("<h3>", "<em>", "<strong>", "<ul>", "<ol>", "<li>", "<h6>", "<br"):
        assert element in html
    assert '<a href="tel:+3583123" rel="noopener noreferrer">' in html
    assert '<a href="mailto:a@example.fi"' in html
    assert '<a href="https://example.fi/a"' in html
    assert "href" not in render("[x](http://example.fi)")


SCHEMAS = {
    "s.json": {
        "properties": {
            "a": {"$ref": "c.json#/$defs/md"},
            "b": {"type": "string"},
            "list": {"type": "array", "items": {"$ref": "#/$defs/item"}},
        },
        "$defs": {"item": {"properties": {"t": {"type": "string", "contentMediaType": "text/plain"}}}},
    },
    "c.json": {"$defs": {"md": {"type": "string", "contentMediaType": "text/markdown"}}},
}


def test_text_fields_come_from_the_schema() -> None:
    data = {"a": "*x*", "b": "*y*", "list": [{"t": "one"}, {"t": "two"}], "other": "z"}
    found = {(t.pointer, t.media_type) for t in typed_texts(SCHEMAS, "s.json", data)}
    assert found == {("/a", "text/markdown"), ("/list/0/t", "text/plain"), ("/list/1/t", "text/plain")}


def test_recursive_schemas_and_maps_are_walked() -> None:
    schemas = {
        "t.json": {
            "$defs": {
                "node": {
                    "properties": {
                        "label": {"type": "string", "contentMediaType": "text/plain"},
                        "children": {"type": "array", "items": {"$ref": "#/$defs/node"}},
                        "notes": {"type": "object", "additionalProperties": {"contentMediaType": "text/markdown"}},
                    }
                }
            },
            "$ref": "#/$defs/node",
        }
    }
    data = {"label": "a", "children": [{"label": "b", "children": [{"label": "c"}]}], "notes": {"x": "*n*"}}
    found = {t.pointer for t in typed_texts(schemas, "t.json", data)}
    assert found == {"/label", "/children/0/label", "/children/0/children/0/label", "/notes/x"}


@pytest.fixture(scope="module")
def md_repo(tmp_path_factory: pytest.TempPathFactory) -> ContentRepo:
    """The standard corpus with a path whose texts use Markdown (tests only read it)."""
    repo = standard_repo(tmp_path_factory.mktemp("markdown") / "repo")
    doc = path("markdown", topics=["raskaus"], languages=("fi", "sv"))
    doc["summary"] = {"fi": "Lue **tämä** ja [ohje](https://example.fi/ohje).", "sv": "Läs *detta*."}
    repo.write(doc)
    repo.commit("Markdown path")
    return repo


@pytest.fixture(scope="module", params=[True, False], ids=["fast-lane", "flask"])
def md_app(request: pytest.FixtureRequest, md_repo: ContentRepo) -> Flask:
    """An app over md_repo, through both lanes."""
    return create_app({"REPO": str(md_repo.root), "TESTING": True, "FAST_LANE": request.param})


@pytest.fixture
def md_client(md_app: Flask) -> FlaskClient:
    """A client of ``md_app``."""
    return md_app.test_client()


def test_format_html_renders_markdown_fields_only(md_client: FlaskClient) -> None:
    markdown = md_client.get("/v1/paths/markdown").get_json()
    html = md_client.get("/v1/paths/markdown?format=html").get_json()
    assert markdown["summary"] == "Lue **tämä** ja [ohje](https://example.fi/ohje)."
    assert html["summary"] == (
        '<p>Lue <strong>tämä</strong> ja <a href="https://example.fi/ohje" rel="noopener noreferrer">ohje</a>.</p>'
    )
    assert html["title"] == markdown["title"] == "Polku markdown"
    step = html["phases"][0]["steps"][0]
    assert step["body"] == "<p>Soita tai kirjoita.</p>"
    assert step["title"] == "Ota yhteyttä"
    assert step["links"][0]["title"] == "Lue lisää"
    sv = md_client.get("/v1/paths/markdown?format=html&lang=sv").get_json()
    assert sv["summary"] == "<p>Läs <em>detta</em>.</p>"


def test_format_html_in_lists_and_expansions(md_client: FlaskClient) -> None:
    listing = md_client.get("/v1/paths?format=html&topic=raskaus&per_page=1").get_json()
    assert all(item["summary"].startswith("<p>") for item in listing["items"])
    assert "format=html" in listing["links"]["next"]
    expanded = md_client.get("/v1/paths/ehkaisy?format=html&expand=channels").get_json()
    channels = [c for phase in expanded["phases"] for s in phase["steps"] for c in s.get("channels", [])]
    assert channels and all(c["description"].startswith("<p>") for c in channels)


def test_format_html_in_sync_and_bundle(md_client: FlaskClient) -> None:
    page = md_client.get("/v1/sync?format=html").get_json()
    docs = {item["id"]: item["document"] for item in page["items"]}
    assert docs["markdown"]["summary"].startswith("<p>Lue <strong>")
    assert md_client.get(f"/v1/sync?token={page['sync_token']}").status_code == 200
    changed = md_client.get(f"/v1/sync?token={page['sync_token']}&format=markdown")
    assert changed.status_code == 400
    assert changed.get_json()["parameter"] == "format"
    bundle = json.loads(gzip.decompress(md_client.get("/v1/bundle?format=html").data))
    assert {i["id"]: i["document"] for i in bundle["items"]}["markdown"]["summary"].startswith("<p>")
    plain = md_client.get("/v1/sync").get_json()
    assert {i["id"]: i["document"] for i in plain["items"]}["markdown"]["summary"].startswith("Lue **")


@pytest.mark.parametrize(
    "url", ["/v1/paths/markdown?format=pdf", "/v1/paths?format=HTML", "/v1/sync?format=x", "/v1/bundle?format="]
)
def test_unknown_format_is_a_400_naming_it(md_client: FlaskClient, url: str) -> None:
    response = md_client.get(url)
    assert response.status_code == 400
    assert response.get_json()["parameter"] == "format"


def test_delivered_schema_says_which_fields_are_markdown(md_client: FlaskClient) -> None:
    schema = md_client.get("/v1/schemas/path?form=delivered").get_json()
    assert schema["$defs"]["localizedMarkdown"]["contentMediaType"] == "text/markdown"
    assert schema["$defs"]["localizedText"]["contentMediaType"] == "text/plain"
