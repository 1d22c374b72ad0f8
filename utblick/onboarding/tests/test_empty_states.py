"""A brand-new municipality: every internal page says what to do next, and no sentence breaks.

The pages are found with the URL resolver (as ``core.tests.test_routes`` finds
the tenant routes): every route whose only argument is the municipality.
"""

from __future__ import annotations

import re
from typing import Any

import pytest
from bs4 import BeautifulSoup, NavigableString
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from utblick.core.tenancy import Role
from utblick.onboarding.tests.test_onboarding import fresh_municipality
from utblick.testing.fixtures import client_for, make_member

pytestmark = pytest.mark.django_db

#: Pages that answer with a file, not a page.
FILES = {"activities:export_csv", "activities:export_xlsx", "imports:template"}

#: Policy, intake and compliance pages: crawled by their own test below.
OTHERS_PREFIXES = ("policies:", "intake:", "compliance:")

#: Lists that, empty, must show an empty state with a link to what to do next.
EMPTY_STATES = {
    "activities:list",
    "partners:list",
    "organisation:unit_list",
    "organisation:contact_list",
    "followup:periods",
    "followup:due",
    "actionplans:list",
    "reviews:list",
    "reports:page",
    "reports:archive",
    "publishing:overview",
    "members:list",
    "imports:upload",
}

DOUBLE_SPACE = re.compile(r"\S {2,}\S")
NONE_WORD = re.compile(r"\bNone\b")
EMPTY_BRACKETS = re.compile(r"\(\s*\)|«\s*»|„\s*”")


def municipality_only_routes() -> list[str]:
    """Route names whose URL takes the municipality and nothing else."""
    names: list[str] = []

    def walk(patterns: list[Any], namespace: str, prefix: str) -> None:
        for p in patterns:
            if isinstance(p, URLResolver):
                ns = f"{namespace}{p.namespace}:" if p.namespace else namespace
                walk(p.url_patterns, ns, prefix + str(p.pattern))
            elif isinstance(p, URLPattern):
                route = prefix + str(p.pattern)
                if re.findall(r"<(?:\w+:)?(\w+)>", route) == ["municipality_slug"]:
                    names.append(f"{namespace}{p.name}")

    walk(get_resolver().url_patterns, "", "")
    return sorted(names)


def test_the_crawl_finds_the_pages() -> None:
    found = set(municipality_only_routes())
    assert found >= EMPTY_STATES
    assert {"dashboard:start", "onboarding:start", "onboarding:units"} <= found


def sentence_problems(html: bytes) -> list[str]:
    page = BeautifulSoup(html, "html.parser")
    problems = []
    for tag in page(["script", "style"]):
        tag.decompose()
    for text in page.find_all(string=True):
        if not isinstance(text, NavigableString):
            continue
        for pattern in (DOUBLE_SPACE, NONE_WORD, EMPTY_BRACKETS):
            if pattern.search(text):
                problems.append(f"{pattern.pattern}: {text.strip()[:120]!r}")
    for element in page.find_all(True):
        for attribute in ("aria-label", "title", "alt", "placeholder"):
            value = element.get(attribute)
            if isinstance(value, str) and (DOUBLE_SPACE.search(value) or NONE_WORD.search(value)):
                problems.append(f"{attribute}: {value!r}")
    for table in page.select("table"):
        body = table.find("tbody")
        if body is not None and not body.find("tr"):
            problems.append(f"empty table: {table.get('class')}")
    return problems


def crawl(persona: str, names: list[str]) -> dict[str, Any]:
    """Visit ``names`` in a new municipality with only a coordinator (and, if asked, a reader)."""
    municipality = fresh_municipality()
    user = make_member(municipality, "ny-samordnare", Role.COORDINATOR)
    if persona == "reader":
        user = make_member(municipality, "ny-lasare", Role.READER)
    client = client_for(user)
    failures: dict[str, Any] = {}
    for name in names:
        url = reverse(name, args=[municipality.slug])
        response = client.get(url)
        if response.status_code == 405:
            continue  # a POST-only action
        if persona == "reader" and response.status_code == 403:
            continue  # a coordinator's or an editor's page
        if response.status_code != 200 or name in FILES:
            if response.status_code not in (200, 302):
                failures[name] = response.status_code
            continue
        problems = sentence_problems(response.content)
        if name in EMPTY_STATES:
            page = BeautifulSoup(response.content, "html.parser")
            state = page.select_one(".empty-state")
            if state is None:
                problems.append("no .empty-state")
            elif persona == "coordinator" and state.select_one("a[href]") is None:
                problems.append("the empty state has no link")
        if problems:
            failures[name] = problems
    return failures


def _ours() -> list[str]:
    return [n for n in municipality_only_routes() if not n.startswith(OTHERS_PREFIXES)]


@pytest.mark.parametrize("persona", ["coordinator", "reader"])
def test_every_page_of_a_new_municipality(persona: str, db: Any) -> None:
    assert crawl(persona, _ours()) == {}


@pytest.mark.parametrize("persona", ["coordinator", "reader"])
def test_every_policy_page_of_a_new_municipality(persona: str, db: Any) -> None:
    others = [n for n in municipality_only_routes() if n.startswith(OTHERS_PREFIXES)]
    assert others
    assert crawl(persona, others) == {}


def test_the_checks_catch_what_they_look_for() -> None:
    html = (
        b"<main><p>Principerna i  som g\xc3\xa5r att kontrollera</p><p>Enhet: None</p>"
        b"<p>Ansvarig ()</p><table><tbody></tbody></table><table><tbody><tr><td>x</td></tr>"
        b"</tbody></table>\n    <p>indented</p></main>"
    )
    assert len(sentence_problems(html)) == 4
