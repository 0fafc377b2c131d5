"""Static export: every file holds exactly the bytes the API serves at its URL."""

from __future__ import annotations

import contextlib
import getpass
import gzip
import hashlib
import io
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from datetime import date
from pathlib import Path

import pytest

from pathapi.api.app import create_app
from pathapi.cli import main
from pathapi.publishing import release
from pathapi.store.git import ContentRepository
from tests.support import ROOT, ContentRepo

sys.path.insert(0, str(ROOT / "deploy"))
from render import temp_paths

from tests.leaks import secret_texts, strings


@pytest.fixture(scope="module")
def bundled(tmp_path_factory: pytest.TempPathFactory) -> ContentRepo:
    """A real git repository of the bundled content, released once."""
    repo = ContentRepo(tmp_path_factory.mktemp("export") / "repo")
    shutil.copytree(ROOT / "content", repo.root / "content")
    repo.commit("Bundled content")
    release(ContentRepository(repo.root), "HEAD", "Ensimmäinen", date(2026, 11, 23))
    return repo


@pytest.fixture(scope="module")
def export_run(bundled: ContentRepo, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str, str]:
    """The export of the live version (messages in English): its directory, and what it printed on
    stdout and stderr."""
    target = tmp_path_factory.mktemp("site") / "site"
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        assert main(["export", str(target), "--repo", str(bundled.root), "--lang", "en"]) == 0
    return target, out.getvalue(), err.getvalue()


@pytest.fixture(scope="module")
def exported(export_run: tuple[Path, str, str]) -> Path:
    """The export of the live version."""
    return export_run[0]


def manifest(target: Path) -> dict[str, object]:
    """The export's manifest."""
    data: dict[str, object] = json.loads((target / "manifest.json").read_text())
    return data


def test_every_exported_file_is_the_apis_answer(bundled: ContentRepo, exported: Path) -> None:
    client = create_app({"REPO": str(bundled.root), "TESTING": True}).test_client()
    files = manifest(exported)["files"]
    assert isinstance(files, list) and len(files) > 150
    for entry in files:
        response = client.get(entry["url"])
        assert response.status_code == 200, entry["url"]
        assert (exported / entry["file"]).read_bytes() == response.data, entry["url"]
        assert entry["content_type"] == response.headers["Content-Type"]


def test_export_covers_lists_items_languages_sync_bundle_and_schemas(exported: Path) -> None:
    urls = {entry["url"] for entry in manifest(exported)["files"]}  # type: ignore[union-attr]
    for url in [
        "/v1/paths",
        "/v1/paths?lang=sv",
        "/v1/paths/raskaudenkeskeytys?lang=en",
        "/v1/paths/monipalvelupolku/history",
        "/v1/channels/neuvontachat",
        "/v1/sync?lang=fi",
        "/v1/bundle?lang=sv",
        "/v1/schemas/path?form=delivered",
        "/openapi.json",
        "/v1/releases",
        "/v1/paths/raskaudenkeskeytys/steps/alaikainen",
        "/v1/paths/raskaudenkeskeytys/steps/alaikainen?lang=sv",
        "/v1/schemas/step?form=delivered",
    ]:
        assert url in urls, url
    nginx_map = (exported / "nginx-map.conf").read_text()
    assert '"/v1/paths?lang=sv" "/v1/paths/lang=sv.json";' in nginx_map
    assert manifest(exported)["release"] == "2026-11-23.1"


def test_every_exported_sync_hash_has_its_app_view_file(exported: Path) -> None:
    """An app syncing from the export can verify and refetch each document from the export too."""
    files = {entry["url"]: exported / entry["file"] for entry in manifest(exported)["files"]}  # type: ignore[union-attr]
    checked = 0
    for lang in ("fi", "sv", "en"):
        page = json.loads(files[f"/v1/sync?lang={lang}"].read_bytes())
        for item in page["items"]:
            body = files[f"/v1/{item['type']}s/{item['id']}?audience=app&lang={lang}"].read_bytes()
            assert "sha256:" + hashlib.sha256(body).hexdigest() == item["hash"]
            checked += 1
    assert checked > 60


def test_no_intranet_text_in_the_export(bundled: ContentRepo, exported: Path) -> None:
    secrets = secret_texts(bundled.root / "content")
    for file in exported.rglob("*"):
        if not file.is_file() or file.name in ("manifest.json", "nginx-map.conf"):
            continue
        data = file.read_bytes()
        body = json.loads(gzip.decompress(data) if file.name.endswith(".gz") else data)
        text = "\n".join(strings(body))
        assert not [s for s in secrets if s in text], file
        assert "konsultaatiopuhelin" not in text, file


def test_export_of_an_older_release(bundled: ContentRepo, tmp_path: Path) -> None:
    doc = bundled.root / "content/paths/raskaudenkeskeytys.json"
    original = doc.read_text()
    data = json.loads(original)
    data["title"]["fi"] = "Uudempi otsikko"
    doc.write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n")
    bundled.commit("Retitle")
    store = ContentRepository(bundled.root)
    release(store, "HEAD", "Toinen", date(2026, 11, 24))
    try:
        old = tmp_path / "old"
        assert main(["export", str(old), "--repo", str(bundled.root), "--version", "2026-11-23.1"]) == 0
        page = json.loads((old / "v1/paths/raskaudenkeskeytys/index.json").read_text())
        assert page["title"] == "Raskaudenkeskeytys"
        assert manifest(old)["release"] == "2026-11-23.1"
    finally:
        bundled.git("tag", "-d", "release/2026-11-24.1")
        bundled.git("reset", "-q", "--hard", "HEAD~1")


def test_export_refuses_a_non_empty_directory(
    bundled: ContentRepo, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "something").write_text("x")
    assert main(["export", str(tmp_path), "--repo", str(bundled.root), "--lang", "en"]) == 1
    assert "not empty" in capsys.readouterr().err


def test_export_shows_progress(export_run: tuple[Path, str, str]) -> None:
    _, out, err = export_run
    lines = err.splitlines()
    assert len(lines) >= 2 and all(line.startswith("exported ") for line in lines)
    assert int(lines[-1].split()[1]) > int(lines[0].split()[1])
    assert out.startswith("exported ") and "2026-11-23.1" in out


def render_static(export: Path, runtime: Path, port: int) -> str:
    """deploy/nginx-static.conf made to serve EXPORT on 127.0.0.1:PORT with files under RUNTIME."""
    text = (ROOT / "deploy/nginx-static.conf").read_text()
    replacements = [
        ("user www-data;", f"user {getpass.getuser()};"),  # the test's files are private to this user
        ("pid /run/nginx.pid;", f"pid {runtime}/nginx.pid;"),
        ("error_log /var/log/nginx/error.log warn;", f"error_log {runtime}/error.log warn;"),
        ("access_log /var/log/nginx/pathapi-static.access.log", f"access_log {runtime}/access.log"),
        ("listen 80;", f"listen 127.0.0.1:{port};"),
        ("root /srv/pathapi/export/current;", f"root {export};"),
        ("include /srv/pathapi/export/current/nginx-map.conf;", f"include {export}/nginx-map.conf;"),
        ("http {\n", "http {\n" + temp_paths(shutil.which("nginx") or "/usr/sbin/nginx", runtime)),
    ]
    for old, new in replacements:
        assert text.count(old) == 1, old
        text = text.replace(old, new)
    return text


@pytest.mark.slow
def test_nginx_serves_the_export_with_the_shipped_config(exported: Path, tmp_path: Path) -> None:
    nginx = shutil.which("nginx") or shutil.which("nginx", path="/usr/sbin")
    assert nginx, "nginx is needed: apt-get install nginx-light (.ci/run installs it)"
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    conf = tmp_path / "nginx.conf"
    conf.write_text(render_static(exported, tmp_path, port))
    proc = subprocess.Popen(
        [nginx, "-p", str(tmp_path), "-c", str(conf), "-g", "daemon off;"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        start_new_session=True,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 10
        while True:
            try:
                urllib.request.urlopen(f"{base}/openapi.json", timeout=1).close()
                break
            except OSError:
                assert proc.poll() is None, proc.stderr.read().decode() if proc.stderr else ""
                assert time.monotonic() < deadline, "nginx did not start"
                time.sleep(0.1)
        for entry in manifest(exported)["files"]:  # type: ignore[union-attr]
            with urllib.request.urlopen(base + entry["url"], timeout=5) as response:
                assert response.read() == (exported / entry["file"]).read_bytes(), entry["url"]
                if entry["file"].endswith(".gz"):
                    assert response.headers["Content-Type"] == "application/gzip"
        with pytest.raises(urllib.error.HTTPError) as missing:
            urllib.request.urlopen(f"{base}/v1/search?q=neuvola", timeout=5)
        assert missing.value.code == 404
        missing.value.close()
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        proc.wait(timeout=10)
        if proc.stderr:
            proc.stderr.close()
