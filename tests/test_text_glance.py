"""The text rules' glance (one scan over all of a document's texts) never hides a finding the
per-text judgement (the reference) makes."""

from __future__ import annotations

import copy
import random
from dataclasses import replace

from pathapi.content.document import Document
from pathapi.content.kinds import Kind
from pathapi.content.markdown import markdown_issues, plain_issues
from pathapi.content.media import texts_by_media, typed_texts
from pathapi.content.plain_texts import all_paragraphs_and_bullets, all_plain_lines
from pathapi.content.sources import read_directory
from pathapi.content.text_rules import check_texts, clean_at_a_glance, judge_texts, scan
from pathapi.content.validator import Validator
from pathapi.content.versions import CURRENT, schema_path
from tests.support import ROOT

ALPHABET = [
    *"aäö Ab1.)-+=*_#>[]!<`~&\\|\t:",
    "- ",
    "\n- ",
    "\n",
    "\n\n",
    "    ",
    "  ",
    "\r",
    "\u00a0",
    "\x00",
    "\n---",
    "\n===",
    "Sana ",
    "toinen sana. ",
]


def random_text(rng: random.Random) -> str:
    return "".join(rng.choice(ALPHABET) for _ in range(rng.randint(0, 10)))


def test_a_glance_at_many_texts_passes_only_texts_that_pass_alone() -> None:
    rng = random.Random(12)
    passed = {"markdown": 0, "plain": 0}
    for _ in range(20_000):
        texts = [random_text(rng) for _ in range(rng.randint(1, 3))]
        if all_paragraphs_and_bullets(texts):
            passed["markdown"] += 1
            assert all(markdown_issues(t) == [] and markdown_issues(t, images=True) == [] for t in texts), texts
        if all_plain_lines(texts):
            passed["plain"] += 1
            assert all(plain_issues(t) == [] for t in texts), texts
    assert passed["markdown"] > 300 and passed["plain"] > 300


def test_plain_words_and_bullets_pass_at_a_glance() -> None:
    assert all_paragraphs_and_bullets(["Lue ohjeet.\n\n- Soita meille.\n- Tule käymään.", "Toinen kappale."])
    assert all_plain_lines(["Raskauden seuranta 12", "Neuvola", ""]) and all_plain_lines([])
    assert all_paragraphs_and_bullets([]) and all_paragraphs_and_bullets(["", "Sana.\n\nToinen."])
    assert not all_plain_lines(["kaksi\nriviä"]) and not all_plain_lines(["a\x00b"])  # one line each, as given
    assert not all_paragraphs_and_bullets(["- "]) and not all_paragraphs_and_bullets(["-  koodi"])


def documents_and_schemas() -> tuple[list[Document], dict[str, object]]:
    """The bundled content's documents (schema-valid) and the schemas they are checked with."""
    files = read_directory(ROOT)
    validator = Validator.for_files(files)
    validation = validator.validate(files)
    return validation.documents, dict(validator.schemas.schemas)


def spoilt(doc: Document, schemas: dict[str, object], rng: random.Random) -> Document:
    """DOC with one of its texts given random characters (markup or not)."""
    typed = list(typed_texts(schemas, schema_path(doc.kind, CURRENT), doc.data))  # type: ignore[arg-type]
    data = copy.deepcopy(doc.data)
    target = rng.choice(typed)
    node = data
    for part in target.parts[:-1]:
        node = node[part]
    node[target.parts[-1]] = target.text + random_text(rng)
    return replace(doc, data=data)


def test_the_glance_agrees_with_judging_every_text_on_bundled_and_spoilt_documents() -> None:
    documents, schemas = documents_and_schemas()
    rng = random.Random(3)
    judged = 0
    for doc in documents:
        for candidate in [doc, *(spoilt(doc, schemas, rng) for _ in range(20))]:
            expected = list(judge_texts(candidate, schemas))  # type: ignore[arg-type]
            assert list(check_texts(candidate, schemas)) == expected  # type: ignore[arg-type]
            judged += bool(expected)
    assert judged > 50  # the spoilt texts do break the contract, and the glance lets the judgement see it


def test_generated_documents_pass_at_a_glance() -> None:
    """The benchmark's documents take the fast way, as most real documents do."""
    from bench.generate import documents

    schemas = documents_and_schemas()[1]
    for folder, data in documents(5):
        kind = next(k for k in Kind if k.folder == folder)
        doc = Document(kind, data["id"], f"content/{folder}/{data['id']}.json", data)
        assert clean_at_a_glance(doc, schemas)  # type: ignore[arg-type]


def test_the_rules_walk_gathers_the_same_texts_as_the_schema_walk() -> None:
    """``scan`` (one walk for the rules and the texts) finds every text ``texts_by_media`` finds, no more."""
    documents, schemas = documents_and_schemas()
    rng = random.Random(5)
    for doc in documents:
        for candidate in [doc, spoilt(doc, schemas, rng)]:
            reference = texts_by_media(schemas, schema_path(doc.kind, CURRENT), candidate.data)  # type: ignore[arg-type]
            found = scan(candidate, schemas).media  # type: ignore[arg-type]
            assert {k: sorted(v) for k, v in found.items()} == {k: sorted(v) for k, v in reference.items()}
            assert found  # every document has texts
