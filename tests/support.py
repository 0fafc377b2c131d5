"""Build real content repositories in temporary directories for tests."""

from __future__ import annotations

import atexit
import functools
import json
import os
import shutil
import subprocess
import tempfile
from datetime import datetime
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
SCHEMAS = ROOT / "schemas"
GIT_ENV = {
    "GIT_AUTHOR_NAME": "Editor",
    "GIT_AUTHOR_EMAIL": "editor@example.fi",
    "GIT_COMMITTER_NAME": "Editor",
    "GIT_COMMITTER_EMAIL": "editor@example.fi",
    "GIT_CONFIG_NOSYSTEM": "1",
    "HOME": "/nonexistent",
    "PATH": "/usr/bin:/bin",
}


EXAMPLES_SCALE = "PATHAPI_TEST_EXAMPLES"  # a fraction: `make quick` runs the property-based tests at 1/4


def examples(full: int) -> int:
    """How many examples a property-based test draws: FULL (what `make test` and CI run), or a share of it
    when PATHAPI_TEST_EXAMPLES asks for fewer while editing (never fewer than 25)."""
    scale = float(os.environ.get(EXAMPLES_SCALE) or 1)
    return full if scale >= 1 else max(25, int(full * scale))


def topic(doc_id: str, **extra: Any) -> dict[str, Any]:
    """A minimal published topic."""
    return {
        "$schema": "../../schemas/topic.schema.json",
        "id": doc_id,
        "status": "published",
        "title": {"fi": f"Aihe {doc_id}", "sv": f"Ämne {doc_id}"},
        **extra,
    }


def channel(doc_id: str, **extra: Any) -> dict[str, Any]:
    """A minimal published phone channel."""
    return {
        "$schema": "../../schemas/channel.schema.json",
        "id": doc_id,
        "status": "published",
        "type": "phone",
        "name": {"fi": f"Puhelin {doc_id}"},
        "description": {"fi": "Soita arkisin."},
        "contact": {"phone": "+358 3 123 4567"},
        "requires_strong_auth": False,
        **extra,
    }


def segment(doc_id: str, code: str = "S1", **extra: Any) -> dict[str, Any]:
    """A minimal published segment."""
    return {
        "$schema": "../../schemas/segment.schema.json",
        "id": doc_id,
        "status": "published",
        "code": code,
        "name": {"fi": "Asiantuntijuus"},
        "share_percent": 18,
        "description": {"fi": "Haluaa asiantuntijan."},
        "service_promise": {"fi": "Saat asiantuntijan."},
        "personas": [{"name": "Aino", "age": 34, "description": {"fi": "Aino on tarkka."}}],
        **extra,
    }


def path(
    doc_id: str,
    *,
    topics: list[str],
    channels: list[str] | None = None,
    languages: tuple[str, ...] = ("fi", "sv"),
    **extra: Any,
) -> dict[str, Any]:
    """A published service path with one phase and two steps, in LANGUAGES."""

    def text(fi: str) -> dict[str, str]:
        return {lang: f"{fi} ({lang})" if lang != "fi" else fi for lang in languages}

    step = {
        "id": "yhteydenotto",
        "title": text("Ota yhteyttä"),
        "body": text("Soita tai kirjoita."),
        "customer_action": text("Soitan"),
        "channels": channels or [],
        "links": [{"kind": "information", "title": text("Lue lisää"), "url": "https://www.terveyskyla.fi/"}],
        "swimlanes": {"customer": text("Asiakas soittaa."), "professional": text("SISÄINEN kaista")},
        "professional_notes": text("SISÄINEN ohje ammattilaiselle"),
    }
    second = {
        "id": "seuranta",
        "title": text("Seuranta"),
        "body": text("Sovimme seurannan."),
        "customer_action": text("Vastaan kyselyyn"),
        "swimlanes": {"professional": text("SISÄINEN vain ammattilaiselle")},
    }
    doc: dict[str, Any] = {
        "$schema": "../../schemas/path.schema.json",
        "id": doc_id,
        "level": "service",
        "status": "published",
        "title": text(f"Polku {doc_id}"),
        "summary": text("Yhteenveto."),
        "topics": topics,
        "target_groups": ["adults"],
        "segments": [],
        "owner": {"unit": "Palveluyksikkö", "review_due": "2027-06-30"},
        "phases": [
            {"id": "alku", "title": text("Alku"), "promise": text("Minun on helppo aloittaa"), "steps": [step, second]}
        ],
    }
    doc.update(extra)
    return doc


class ContentRepo:
    """A real git repository with the project's schemas, written and committed by tests."""

    def __init__(self, root: Path) -> None:
        """A new repository at ROOT holding only the schemas, nothing committed (a copy of one built per process)."""
        self.root = root
        root.mkdir(parents=True, exist_ok=True)
        shutil.copytree(_template("empty"), root, symlinks=True, dirs_exist_ok=True)

    @classmethod
    def copy_of(cls, template: Path, root: Path) -> ContentRepo:
        """A repository at ROOT that is a full copy of TEMPLATE (work tree, index, refs, objects)."""
        shutil.copytree(template, root, symlinks=True)
        content = cls.__new__(cls)
        content.root = root
        return content

    def git(self, *args: str) -> str:
        """Run git in the repository and return its stdout."""
        done = subprocess.run(["git", *args], cwd=self.root, env=GIT_ENV, check=True, capture_output=True, text=True)
        return done.stdout.strip()

    def write(self, doc: dict[str, Any], kind: str | None = None) -> Path:
        """Write DOC to content/<kind>s/<id>.json (kind read from its $schema)."""
        kind = kind or doc["$schema"].rsplit("/", 1)[-1].split(".")[0]
        target = self.root / "content" / f"{kind}s" / f"{doc['id']}.json"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(json.dumps(doc, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
        return target

    def write_raw(self, relative: str, text: str) -> Path:
        """Write TEXT to a repository-relative path."""
        target = self.root / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
        return target

    def remove(self, relative: str) -> None:
        """Delete a repository-relative file."""
        (self.root / relative).unlink()

    def commit(self, message: str = "Update content") -> str:
        """Stage everything and commit; return the commit id."""
        self.git("add", "-A")
        self.git("commit", "-q", "--allow-empty", "-m", message)
        return self.git("rev-parse", "HEAD")

    def commit_alone(self, message: str = "Only commit") -> str:
        """Stage everything and make it the branch's only commit (no earlier version to fall back to)."""
        self.git("add", "-A")
        self.git("reset", "-q", "--soft", self.git("rev-list", "--max-parents=0", "HEAD").split()[0])
        self.git("commit", "-q", "--amend", "--allow-empty", "-m", message)
        return self.git("rev-parse", "HEAD")


def standard_content(repo: ContentRepo) -> None:
    """A small corpus: two topics, two channels, a segment, two published paths, a draft."""
    repo.write(topic("seksuaaliterveys"))
    repo.write(topic("raskaus", parent="seksuaaliterveys"))
    repo.write(channel("neuvonta"))
    repo.write(channel("chat", type="chat", name={"fi": "Chat"}))
    repo.write(segment("s1-asiantuntijuus"))
    repo.write(
        path(
            "ehkaisy",
            topics=["seksuaaliterveys"],
            channels=["neuvonta", "chat"],
            languages=("fi", "sv", "en"),
            segments=["s1-asiantuntijuus"],
            related_paths=["testaus"],
        )
    )
    repo.write(
        path(
            "testaus",
            topics=["seksuaaliterveys", "raskaus"],
            channels=["chat"],
            languages=("fi",),
            level="touchpoint",
            target_groups=["young_people"],
        )
    )
    repo.write(path("luonnos", topics=["raskaus"], status="draft"))


def standard_repo(root: Path) -> ContentRepo:
    """A repository at ROOT holding the standard corpus, committed (a copy of one built per process)."""
    return ContentRepo.copy_of(_template("standard"), root)


@functools.cache
def _template(name: str) -> Path:
    """A repository built once per process and copied by every test that asks for it: "empty" holds the schemas
    and no commit, "standard" the standard corpus in one commit (loose objects, as tests that damage one expect)."""
    root = Path(tempfile.mkdtemp(prefix=f"pathapi-{name}-"))
    atexit.register(shutil.rmtree, root, ignore_errors=True)
    root = root / "repo"
    root.mkdir()
    shutil.copytree(SCHEMAS, root / "schemas")
    subprocess.run(["git", "init", "-q", "-b", "main", "--template="], cwd=root, env=GIT_ENV, check=True)
    if name == "standard":
        content = ContentRepo.copy_of(root, root.parent / "standard")
        standard_content(content)
        content.commit("Initial content")
        return content.root
    return root


def retitle(repo: ContentRepo, title: str) -> str:
    """Commit a new Finnish title for path ehkaisy; return the commit id."""
    target = repo.root / "content/paths/ehkaisy.json"
    data = json.loads(target.read_text())
    data["title"]["fi"] = title
    target.write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n")
    return repo.commit(f"Retitle to {title}")


class BrokenClock:
    """A clock that fails once the app is up: an unexpected exception inside every read."""

    def __call__(self) -> datetime:
        raise RuntimeError("clock exploded")
