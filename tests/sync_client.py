"""A mobile app's side of /v1/sync and /v1/bundle, for tests that follow an app's life."""

from __future__ import annotations

import gzip
import hashlib
import json
from typing import Any

from flask.testing import FlaskClient


class App:
    """A mobile app's local store, kept up to date by sync."""

    def __init__(self, client: FlaskClient, lang: str = "fi", **params: str) -> None:
        self.client = client
        self.lang = lang
        self.params = params
        self.store: dict[tuple[str, str], dict[str, Any]] = {}
        self.token: str | None = None

    def sync(self, limit: int = 200) -> tuple[set[tuple[str, str]], set[tuple[str, str]]]:
        """Follow every page; apply upserts and deletions; return what changed."""
        query = {"token": self.token} if self.token else {"lang": self.lang, **self.params}
        url: str | None = "/v1/sync"
        upserted, deleted = set(), set()
        first = True
        while url:
            response = self.client.get(url, query_string={**query, "limit": limit} if first else None)
            assert response.status_code == 200, response.get_json()
            page = response.get_json()
            for entry in page["items"]:
                document = entry["document"]
                raw = json.dumps(document, ensure_ascii=False, separators=(",", ":")).encode()
                assert entry["hash"] == "sha256:" + hashlib.sha256(raw).hexdigest()
                assert document["language"] in (self.lang, "fi")
                self.store[(entry["type"], entry["id"])] = document
                upserted.add((entry["type"], entry["id"]))
            for gone in page["deleted"]:
                self.store.pop((gone["type"], gone["id"]), None)
                deleted.add((gone["type"], gone["id"]))
            url, first = page["next"], False
            if page["sync_token"]:
                self.token = page["sync_token"]
        return upserted, deleted

    def install_bundle(self) -> None:
        """First install from the bundle file."""
        response = self.client.get("/v1/bundle", query_string={"lang": self.lang, **self.params})
        assert response.status_code == 200
        bundle = json.loads(gzip.decompress(response.data))
        self.store = {(e["type"], e["id"]): e["document"] for e in bundle["items"]}
        self.token = bundle["sync_token"]
