"""Headless Chromium (Debian's package) driven by Playwright. `playwright
install` cannot download browsers here; `make test` installs chromium."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.api.conftest import client, server  # noqa: F401  (the same server process)

SCREENSHOTS = Path(__file__).resolve().parents[2] / "test-output"
# Without these, Chromium keeps dialling Google's services, which this closed network refuses.
_QUIET_FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
    "--disable-quic",
]


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    executable = shutil.which("chromium")
    if executable is None:
        pytest.fail("the UI tests need Debian's chromium: run `make test`, which installs it")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=_QUIET_FLAGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser, server):  # noqa: F811
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    page = context.new_page()
    page.set_default_timeout(30_000)
    page.goto(f"{server.url}/")  # the root redirects to the UI
    page.locator("#question textarea").wait_for()
    yield page
    context.close()


def screenshot(page, name: str) -> Path:
    SCREENSHOTS.mkdir(exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path
