"""The studio in a real browser (system Chromium): every path page, accessibility, keyboard, live reload."""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from pathapi.studio.live import create_live_app
from tests.browser import ARTIFACTS, CHROMIUM, CHROMIUM_ARGS, serious_violations, serving, with_axe
from tests.support import ROOT

pytestmark = pytest.mark.slow
BUNDLED_PATHS = sorted(p.stem for p in (ROOT / "content" / "paths").glob("*.json"))


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    """Headless system Chromium."""
    from playwright import sync_api as playwright  # imported where used: every process collects this module

    with playwright.sync_playwright() as p:
        launched = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        yield launched
        launched.close()


@pytest.fixture(scope="module")
def bundled_studio(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The live studio over a copy of the bundled content."""
    root = tmp_path_factory.mktemp("studio")
    shutil.copytree(ROOT / "content", root / "content")
    shutil.copytree(ROOT / "schemas", root / "schemas")
    with serving(create_live_app(root)) as origin:
        yield origin


class Page:
    """A browser page that records every request and refuses any that would leave the server."""

    def __init__(self, browser: Any, origin: str) -> None:
        self.context = with_axe(browser.new_context(bypass_csp=True, viewport={"width": 1280, "height": 900}))
        self.page = self.context.new_page()
        self.outside: list[str] = []
        self.origin = origin
        self.context.route("**/*", self._route)

    def _route(self, route: Any) -> None:
        if route.request.url.startswith(self.origin + "/"):
            route.continue_()
        else:
            self.outside.append(route.request.url)
            route.abort()

    def close(self) -> None:
        """Close the context."""
        self.context.close()


@pytest.mark.parametrize("doc_id", BUNDLED_PATHS)
def test_path_page_renders_in_every_language_accessibly_and_offline(
    browser: Any, bundled_studio: str, doc_id: str
) -> None:
    data = json.loads((ROOT / "content" / "paths" / f"{doc_id}.json").read_text(encoding="utf-8"))
    shown = Page(browser, bundled_studio)
    try:
        for lang in ("fi", "sv", "en"):
            shown.page.goto(f"{bundled_studio}/studio/paths/{doc_id}?lang={lang}")
            page = shown.page
            assert page.locator("html").get_attribute("lang") == lang
            assert page.locator("h1").inner_text().startswith(data["title"].get(lang, data["title"]["fi"]))
            public_phases = [p for p in data["phases"] if "public" in p.get("audience", ["public"])]
            assert page.locator("ol.timeline > li").count() == len(public_phases)
            assert page.locator("section.phase").count() == len(public_phases)
            public_steps = sum(
                1 for p in public_phases for s in p["steps"] if "public" in s.get("audience", ["public"])
            )
            assert page.locator("li.step").count() == public_steps
            assert page.locator("table.board tbody tr").count() >= 1
            assert page.locator("main").count() == 1 and page.locator("header.site").count() == 1
            violations = serious_violations(page)
            assert violations == [], f"{doc_id} ({lang}): {violations}"
        assert shown.outside == []
    finally:
        shown.close()


def test_keyboard_reaches_every_link_and_screenshot_is_kept(browser: Any, bundled_studio: str) -> None:
    shown = Page(browser, bundled_studio)
    page = shown.page
    try:
        page.goto(f"{bundled_studio}/studio/paths/raskaudenkeskeytys")
        links = page.eval_on_selector_all("a[href]", "els => els.length")
        page.evaluate(  # the page notes which link each Tab focuses (one question at the end, not one a key)
            "() => { window.reached = new Set(); document.addEventListener('focusin', (event) => {"
            " const i = [...document.querySelectorAll('a[href]')].indexOf(event.target);"
            " if (i >= 0) window.reached.add(i); }); }"
        )
        for _ in range(links + 40):
            page.keyboard.press("Tab")
        assert page.evaluate("() => window.reached.size") == links
        ARTIFACTS.mkdir(exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / "studio-path.png"), full_page=True)
        assert (ARTIFACTS / "studio-path.png").stat().st_size > 10_000
        page.goto(f"{bundled_studio}/studio/")
        assert serious_violations(page) == []
        page.screenshot(path=str(ARTIFACTS / "studio-index.png"), full_page=True)
        for other in ("/studio/diff", "/studio/channels/neuvontachat", "/studio/paths/ei-ole", "/studio/signin"):
            page.goto(f"{bundled_studio}{other}")
            assert serious_violations(page) == [], other
        assert shown.outside == []
    finally:
        shown.close()


def test_live_studio_reloads_on_save_and_shows_a_broken_file(browser: Any, tmp_path: Path) -> None:
    shutil.copytree(ROOT / "content", tmp_path / "content")
    shutil.copytree(ROOT / "schemas", tmp_path / "schemas")
    file = tmp_path / "content" / "paths" / "monipalvelupolku.json"
    with serving(create_live_app(tmp_path)) as origin:
        shown = Page(browser, origin)
        page = shown.page
        try:
            with page.expect_response(lambda r: r.url.endswith("/studio/events")):
                page.goto(f"{origin}/studio/paths/monipalvelupolku")
            page.wait_for_timeout(300)  # the event stream is open
            data = json.loads(file.read_text(encoding="utf-8"))
            data["title"]["fi"] = "Uusi otsikko tallennuksen jälkeen"
            with page.expect_navigation(timeout=10_000):
                file.write_text(json.dumps(data, ensure_ascii=False, indent=2), encoding="utf-8")
            assert page.locator("h1").inner_text() == "Uusi otsikko tallennuksen jälkeen"
            page.wait_for_timeout(300)
            with page.expect_navigation(timeout=10_000):
                file.write_text('{\n  "id": "monipalvelupolku",\n  "title": {"fi": "Rikki"\n}\n', encoding="utf-8")
            text = page.locator("main").inner_text()
            assert "Tiedostoa ei voi näyttää" in text
            assert "content/paths/monipalvelupolku.json:5:1 Tiedosto loppuu kesken." in text
            assert shown.outside == []
        finally:
            shown.close()


def test_print_stylesheet_keeps_the_path_and_drops_the_controls(browser: Any, bundled_studio: str) -> None:
    shown = Page(browser, bundled_studio)
    page = shown.page
    try:
        page.goto(f"{bundled_studio}/studio/paths/monipalvelupolku")
        assert page.locator("header.site .switches").is_visible()
        page.emulate_media(media="print")
        assert not page.locator("header.site .switches").is_visible()
        assert page.locator("li.step").first.is_visible() and page.locator("table.board").is_visible()
        link = page.locator(".links a[href^='https']").first
        after = link.evaluate("a => getComputedStyle(a, '::after').content")
        assert "https://" in after  # printed links show where they lead
    finally:
        shown.close()
