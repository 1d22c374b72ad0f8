"""Headless Chromium (Debian's) driven by Playwright, with axe-core from ./node_modules."""

from __future__ import annotations

import os
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from django.db import connections
from django.urls import reverse
from django_tasks_db.management.commands.db_worker import Worker

from utblick.testing.fixtures import PASSWORD, queue_worker

ROOT = Path(__file__).resolve().parents[2]
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
ARTIFACTS = ROOT / "test-artifacts" / "screenshots"
CHROMIUM = "/usr/bin/chromium"
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    # Playwright's sync API keeps an event loop in this thread; the test's own
    # ORM calls are still synchronous, so Django's async guard does not apply.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    if not Path(CHROMIUM).exists() or not AXE.exists():
        pytest.fail("Chromium or axe-core is missing: run `make test` (it installs them).")
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def worker(live_server: Any) -> Iterator[Worker]:
    """django-tasks' database worker, polling the queue in a thread beside the live server."""
    running = queue_worker("browser-test", interval=0.2)

    def run() -> None:
        try:
            running.run()
        finally:
            connections.close_all()  # PostgreSQL drops the test database only when all left

    thread = threading.Thread(target=run, name="worker", daemon=True)
    thread.start()
    yield running
    running.running = False
    thread.join(timeout=600)


def wait_for_job(page: Any, timeout_s: float = 600) -> list[str]:
    """Watch a job page until it is done; every step count shown on the way, in order."""
    seen: list[str] = []
    page.wait_for_selector(".job-status")
    for _ in range(int(timeout_s * 5)):
        text = page.inner_text(".job-status__count")
        if not seen or seen[-1] != text:
            seen.append(text)
        state = page.get_attribute("#job-status", "class") or ""
        if "job-status--done" in state or "job-status--failed" in state:
            return seen
        page.wait_for_timeout(200)
    raise AssertionError(f"the job did not finish in {timeout_s} s: {seen}")


def sign_in(
    page: Any, base: str, username: str, password: str = PASSWORD, *, wait: bool = True
) -> None:
    """Sign in through the login page; by default wait until the app has opened."""
    page.goto(base + reverse("accounts:login"))
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    page.click("button[type=submit]")
    if wait:
        page.wait_for_url("**/app/**")


def new_page(browser: Any, *, width: int = 1280) -> Any:
    # axe is injected as a script; the page's own CSP forbids that, the test may.
    context = browser.new_context(viewport={"width": width, "height": 900}, bypass_csp=True)
    return context.new_page()


def axe_violations(page: Any) -> list[dict[str, Any]]:
    page.add_script_tag(path=str(AXE))
    result = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", WCAG_TAGS
    )
    return result["violations"]


def describe(violations: list[dict[str, Any]]) -> str:
    return "\n".join(
        f"{v['id']} ({v['impact']}): {v['help']} – {[n['target'] for n in v['nodes']][:3]}"
        for v in violations
    )


def screenshot(page: Any, name: str) -> Path:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path


def labels_not_pointing_to_one_element(page: Any) -> list[str]:
    """Each ``<label for=X>`` on the page, unless exactly one element has the id X."""
    return page.evaluate(
        """() => [...document.querySelectorAll('label[for]')]
            .map(l => [l.htmlFor, l.textContent.trim().slice(0, 60),
                       document.querySelectorAll('[id="' + CSS.escape(l.htmlFor) + '"]').length])
            .filter(([, , n]) => n !== 1)
            .map(([target, text, n]) => `for=${JSON.stringify(target)} (${text}): ${n} elements`)"""
    )


def assert_labels_point_to_one_element(page: Any) -> None:
    """Every ``<label for=X>`` on the page names exactly one element with id X."""
    bad = labels_not_pointing_to_one_element(page)
    assert not bad, "labels that do not point to exactly one element: " + "; ".join(bad)
