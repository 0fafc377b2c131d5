"""Static export: the public API of one version written as files, the same bytes at the same URLs.

The export asks the real application for every public URL (through its WSGI interface, so
the bytes cannot differ from what the API serves) and writes each answer to a file. It also
writes ``manifest.json`` (URL, file, content type, size, ETag) and ``nginx-map.conf``, which
``deploy/nginx-static.conf`` includes to serve each URL, query string and all, from its file.
"""

from __future__ import annotations

import hashlib
import json
import re
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from flask import Flask

from pathapi.content.catalogue import render
from pathapi.content.document import LANGUAGES
from pathapi.content.kinds import Kind
from pathapi.delivery.step_schema import SCHEMA_NAME

SAFE_QUERY = re.compile(r"^[A-Za-z0-9=&_.,-]{1,120}$")
Progress = Callable[[int, int], None]


@dataclass(frozen=True)
class Exported:
    """One written file: the URL it answers, where it is, and what it holds."""

    url: str
    file: str
    content_type: str
    etag: str
    size: int


EXTENSIONS = {"application/json": ".json", "application/gzip": ".json.gz", "application/schema+json": ".schema.json"}


def file_for(url: str, content_type: str) -> str:
    """The export-relative file answering URL: readable where the query allows, hashed otherwise."""
    parts = urlsplit(url)
    base = parts.path.strip("/")
    if not parts.query and "." in base.rsplit("/", 1)[-1]:
        return base  # /openapi.json
    extension = EXTENSIONS.get(content_type.split(";")[0], "")
    if not parts.query:
        return f"{base}/index{extension}"
    if SAFE_QUERY.match(parts.query):
        return f"{base}/{parts.query}{extension}"
    return f"{base}/q-{hashlib.sha256(parts.query.encode()).hexdigest()[:32]}{extension}"


class Exporter:
    """Crawls the public API of one app and writes every answer under a directory."""

    def __init__(self, app: Flask, target: Path, progress: Progress | None = None) -> None:
        self.client = app.test_client()
        self.target = target
        self.progress = progress
        self.written: list[Exported] = []

    def get(self, url: str) -> Any:
        """GET URL; write its bytes; return the decoded JSON (None for other types)."""
        response = self.client.get(url)
        if response.status_code != 200:
            raise RuntimeError(f"{url} answered {response.status_code}: {response.get_data(as_text=True)[:200]}")
        relative = file_for(url, response.headers["Content-Type"])
        path = self.target / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(response.data)
        self.written.append(
            Exported(
                url, relative, response.headers["Content-Type"], response.headers.get("ETag", ""), len(response.data)
            )
        )
        return response.get_json(silent=True) if response.is_json else None

    def urls(self) -> Iterator[str]:
        """The seed URLs; lists, sync pages and items found through them are added as crawled."""
        yield from ["/openapi.json", "/v1/releases", "/v1/schemas"]
        for name in (*(kind.value for kind in Kind), SCHEMA_NAME):
            yield f"/v1/schemas/{name}"
            yield f"/v1/schemas/{name}?form=delivered"
        for lang in (None, *LANGUAGES):
            yield f"/v1/bundle?lang={lang}" if lang else "/v1/bundle"

    def run(self) -> list[Exported]:
        """Export everything; returns the files written."""
        seeds = list(self.urls())
        for url in seeds:
            self.get(url)
        for kind in Kind:
            for lang in (None, *LANGUAGES):
                page_url: str | None = f"/v1/{kind.folder}" + (f"?lang={lang}" if lang else "")
                while page_url:
                    page = self.get(page_url)
                    if lang is None:
                        self._items(kind, page["items"])
                    page_url = page["links"]["next"]
                    self._tick()
        for lang in (None, *LANGUAGES):
            sync_url: str | None = "/v1/sync" + (f"?lang={lang}" if lang else "")
            while sync_url:
                page = self.get(sync_url)
                if lang:  # each document as the app can refetch it: the URL its sync hash is taken of
                    for item in page["items"]:
                        self.get(f"/v1/{item['type']}s/{item['id']}?audience=app&lang={lang}")
                sync_url = page["next"]
        self._tick(final=True)
        return self.written

    def _items(self, kind: Kind, items: list[dict[str, Any]]) -> None:
        for item in items:
            document = self.get(f"/v1/{kind.folder}/{item['id']}")
            for language in LANGUAGES:
                self.get(f"/v1/{kind.folder}/{item['id']}?lang={language}")
            if kind is Kind.PATH:
                self.get(f"/v1/paths/{item['id']}/history")
                for step in (s["id"] for phase in document["phases"] for s in phase["steps"]):  # deep links
                    for query in ("", *(f"?lang={language}" for language in LANGUAGES)):
                        self.get(f"/v1/paths/{item['id']}/steps/{step}{query}")
            self._tick()

    def _tick(self, final: bool = False) -> None:
        if self.progress is not None:
            self.progress(len(self.written), -1 if not final else len(self.written))


def write_index(target: Path, written: list[Exported], version: str, release: str | None) -> None:
    """``manifest.json`` and the nginx map that serves each URL from its file."""
    manifest = {
        "version": version,
        "release": release,
        "exported_at": datetime.now(UTC).isoformat(),
        "files": [e.__dict__ for e in written],
    }
    (target / "manifest.json").write_text(json.dumps(manifest, indent=2, ensure_ascii=False) + "\n")
    lines = [f'"{e.url}" "/{e.file}";' for e in written]
    (target / "nginx-map.conf").write_text(
        "# Generated by pathapi export: request URI -> file.\n" + "\n".join(lines) + "\n"
    )


class ConsoleProgress:
    """Progress on stderr: a rewritten line on a terminal, else a line per hundred files."""

    def __init__(self, lang: str = "en") -> None:
        self.shown = 0
        self.lang = lang

    def __call__(self, done: int, total: int) -> None:
        """Report DONE files written; TOTAL is -1 until the export is complete."""
        final = total >= 0
        words = (render("export-progress", {"count": str(done)}, self.lang) or ("", ""))[0]
        if sys.stderr.isatty():
            sys.stderr.write(f"\r{words}" + ("\n" if final else ""))
        elif final or done // 100 > self.shown // 100:
            sys.stderr.write(f"{words}\n")
        self.shown = done
