"""Headless Chromium for the HTML report's tests, its benchmark and its screenshot.

Debian's ``chromium`` (``/usr/bin/chromium``; ``.ci/run`` installs it where missing),
driven through the Chrome DevTools Protocol by Playwright's Python package, which is told
to use that browser and downloads none. The flags keep Chromium from reaching out on its own
(background networking, component updates, sync), so every request a page makes is its own.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, NamedTuple

__all__ = ["ARGS", "Loaded", "chromium_path", "launch", "load"]

ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-quic",
    "--no-first-run",
    "--disable-component-update",
    "--disable-sync",
]


def chromium_path() -> str | None:
    """Debian's Chromium, or ``None`` where it is not installed."""
    found = os.environ.get("ARTICLELINT_CHROMIUM") or shutil.which("chromium")
    return found if found and os.access(found, os.X_OK) else None


@contextmanager
def launch() -> Iterator[Any]:
    """A headless Chromium (a Playwright ``Browser``), closed afterwards."""
    from playwright.sync_api import sync_playwright

    executable = chromium_path()
    assert executable is not None, "no chromium"
    with sync_playwright() as playwright:
        # (Playwright adds `--headless` itself.)
        flags = [flag for flag in ARGS if flag != "--headless"]
        browser = playwright.chromium.launch(executable_path=executable, args=flags)
        try:
            yield browser
        finally:
            browser.close()


class Loaded(NamedTuple):
    page: Any
    #: ``(type, text)`` of every console message and uncaught error.
    console: list[tuple[str, str]]
    #: Every URL the page requested, the page itself included.
    requests: list[str]


def load(browser: Any, path: Path, *, width: int = 1280, height: int = 900) -> Loaded:
    """Open the report at ``path`` and wait until its script has drawn the list."""
    page = browser.new_page(viewport={"width": width, "height": height})
    console: list[tuple[str, str]] = []
    requests: list[str] = []
    page.on("console", lambda message: console.append((message.type, message.text)))
    page.on("pageerror", lambda error: console.append(("pageerror", str(error))))
    page.on("request", lambda request: requests.append(request.url))
    page.goto(path.resolve().as_uri())
    page.wait_for_selector("html[data-ready=true]", state="attached", timeout=30_000)
    return Loaded(page, console, requests)
