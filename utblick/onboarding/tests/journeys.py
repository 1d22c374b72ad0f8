"""Browser steps of the first-run path that other browser tests reuse (the end-to-end journey).

Each helper drives the real pages in a Playwright ``page`` that is already
signed in as a coordinator of ``slug``.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from django.urls import reverse


def add_standard_units(
    page: Any,
    base: str,
    slug: str,
    *,
    extra: Iterable[str] = (),
    untick: Iterable[str] = (),
    rename: Mapping[str, str] | None = None,
) -> str:
    """Add the suggested standard units on /app/<slug>/kom-igang/enheter/.

    Kommunfullmäktige and Kommunstyrelsen are ticked already; ``extra`` ticks
    more by their standard key (``son`` Socialnämnden, ``bun``, ``kfn``, ``mbn``,
    ``tn``, ``ofn``, ``klk``, ``buf``, ``sof``, ``kff``, ``sbf``, ``tf``,
    ``bostadsbolag``, ``energibolag``, ``naringslivsbolag``), ``untick`` clears
    some, and ``rename`` gives a unit another name. Returns the confirmation
    ("4 enheter lades till.").
    """
    page.goto(base + reverse("onboarding:units", args=[slug]))
    for key in extra:
        page.check(f"#id_add_{key}")
    for key in untick:
        page.uncheck(f"#id_add_{key}")
    for key, name in (rename or {}).items():
        page.check(f"#id_add_{key}")
        page.fill(f"#id_name_{key}", name)
    page.click("form.standard-units button[type=submit]")
    page.wait_for_selector(".messages .message--success")
    return page.inner_text(".messages .message--success")


def skip_step(page: Any, base: str, slug: str, step: str, *, undo: bool = False) -> str:
    """Skip (or with ``undo`` take back) a step on /app/<slug>/kom-igang/; its new status word."""
    url = base + reverse("onboarding:start", args=[slug])
    if page.url != url:
        page.goto(url)
    with page.expect_navigation():
        page.click(f"#steg-{step} form button[type=submit]")
    return page.inner_text(f"#steg-{step} .onboarding-step__status")
