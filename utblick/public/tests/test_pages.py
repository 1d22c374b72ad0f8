"""The public pages: open without login, Swedish and English, findable and shareable."""

from __future__ import annotations

from typing import Any

import pytest
from bs4 import BeautifulSoup
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from utblick.public.tests.test_leaks import public_pages

pytestmark = pytest.mark.django_db

#: Every address reachable without logging in. A new one must be added here on purpose.
OPEN_ROUTES = {
    "accounts:login",
    # An e-mailed invitation's link: the key in the address is the permission.
    "accounts:invitation_accept",
    # A forgotten password: the request form, its answer, and the e-mailed link (key in the address).
    "accounts:password_reset",
    "accounts:password_reset_done",
    "accounts:password_reset_confirm",
    "accounts:password_reset_complete",
    # Sign-in through the organisation's provider: choosing it, the invitation's way, the answer.
    "sso:start",
    "sso:invitation",
    "sso:callback",
    "admin:login",
    "sitemap",
    "robots",
    "landing",
    # The API answers 401 itself without a token (its own tests prove it).
    "api:openapi-json",
    "api:openapi-view",  # the interactive docs of the public OpenAPI document
    "api:api-root",
    "api:list_activities",
    "api:create_activity",
    "api:get_activity",
    "api:update_activity",
    "api:patch_activity",
    "api:list_partners",
    "api:create_partner",
    "api:get_partner",
    "api:update_partner",
    "api:funding_sources",
    "api:list_peers",
    "api:list_funding",
    "api:create_funding",
    "api:update_funding",
    "public:home",
    "public:activities",
    "public:activity",
    "public:partners",
    "public:map",
    "public:policy",
    "public:goal",
    "public:open_data",
    "public:open_data_csv",
    "public:open_data_json",
    "public:dcat",
    "public:dcat_rdf",
    "site_dcat",
    "site_dcat_rdf",
    "site_dcat_ttl",
    "site_dcat_jsonld",
    "public:dcat_ttl",
    "public:dcat_jsonld",
    "public:accessibility",
}


def test_only_the_public_routes_are_open() -> None:
    found = set()

    def walk(patterns: list[Any], namespace: str) -> None:
        for p in patterns:
            if isinstance(p, URLResolver):
                walk(p.url_patterns, f"{namespace}{p.namespace}:" if p.namespace else namespace)
            elif isinstance(p, URLPattern) and getattr(p.callback, "login_required", True) is False:
                found.add(f"{namespace}{p.name}")

    walk(get_resolver().url_patterns, "")
    assert found == OPEN_ROUTES


def soup(path: str) -> BeautifulSoup:
    response = Client().get(path)
    assert response.status_code == 200, path
    return BeautifulSoup(response.content, "html.parser")


def test_every_page_has_title_description_language_and_its_other_language(
    world: dict[str, Any],
) -> None:
    titles = set()
    for name, path in public_pages(world).items():
        if name == "sitemap":
            continue
        page = soup(path)
        english = name.endswith("(en)")
        assert page.html["lang"] == ("en" if english else "sv"), name
        title = page.title.get_text(strip=True)
        assert title and (name.startswith("landing") or "Uppsala kommun" in title), name
        assert page.find("meta", attrs={"name": "description"})["content"].strip(), name
        assert len(page.find_all("h1")) == 1, name
        alternates = {
            link["hreflang"]: link["href"]
            for link in page.find_all("link", rel="alternate", hreflang=True)
        }
        assert set(alternates) == {"sv", "en"}, name
        assert alternates["en"].endswith(
            "/en" + alternates["sv"].split("://", 1)[1].split("/", 1)[1].join(["/", ""])
        )
        switch = page.select_one(".site-header__user a[hreflang]")
        assert (
            switch["href"]
            == (alternates["sv"] if english else alternates["en"]).split("://", 1)[1][
                len("testserver") :
            ]
        ), name
        titles.add(title)
    assert len(titles) > 10  # titles differ from page to page


def test_english_pages_are_in_english(world: dict[str, Any]) -> None:
    swedish = soup(reverse("public:home", args=["uppsala"]))
    english = soup("/en" + reverse("public:home", args=["uppsala"]))
    assert [a.get_text(strip=True) for a in swedish.select(".main-nav a")][:3] == [
        "Översikt",
        "Aktiviteter",
        "Vänorter och nätverk",
    ]
    assert [a.get_text(strip=True) for a in english.select(".main-nav a")][:3] == [
        "Overview",
        "Activities",
        "Twin cities and networks",
    ]
    assert english.select_one(".main-nav a")["href"] == "/en/uppsala/"
    activity = soup("/en" + reverse("public:activity", args=["uppsala", world["twin"]])).get_text()
    assert "Twin city" in activity and "Estonia" in activity
    assert "Vänort: Tartu" in activity  # the municipality's own text stays as written


def test_the_landing_page_lists_who_publishes(world: dict[str, Any]) -> None:
    page = soup(reverse("landing"))
    links = {a.get_text(strip=True): a["href"] for a in page.select(".card-list a")}
    assert links == {"Uppsala kommun": "/uppsala/"}
    assert "3 publicerade aktiviteter" in page.get_text()
    assert soup("/en/").select_one(".card-list a")["href"] == "/en/uppsala/"


def test_sitemap_and_robots(world: dict[str, Any]) -> None:
    xml = Client().get(reverse("sitemap")).content.decode()
    assert f"/uppsala/aktiviteter/{world['twin']}/" in xml
    assert f"/en/uppsala/aktiviteter/{world['twin']}/" in xml  # with its English alternate
    for key in ("draft", "archived", "other"):
        assert f"/aktiviteter/{world[key]}/" not in xml
    assert "/umea/" not in xml
    robots = Client().get(reverse("robots")).content.decode()
    assert "Disallow: /app/" in robots and "Sitemap: http://testserver/sitemap.xml" in robots


def test_unknown_addresses_get_the_public_not_found_page(world: dict[str, Any]) -> None:
    for path in (
        "/finns-inte/",
        "/uppsala/aktiviteter/999999/",
        "/en/finns-inte/karta/",
        "/uppsala/aktiviteter/abc/",
    ):
        response = Client().get(path)
        assert response.status_code == 404, path
        assert (
            "Sidan finns inte" in response.content.decode()
            or "Page not found" in response.content.decode()
        )
    assert "Page not found" in Client().get("/en/finns-inte/").content.decode()


def test_the_map_has_a_text_alternative_and_the_places_as_a_table(world: dict[str, Any]) -> None:
    page = soup(reverse("public:map", args=["uppsala"]))
    svg = page.select_one("svg.map")
    assert svg["role"] == "img"
    assert (
        page.select_one("#" + svg["aria-labelledby"].split()[1]).get_text().startswith("Karta med")
    )
    rows = [
        [c.get_text(" ", strip=True) for c in tr.find_all(["th", "td"])]
        for tr in page.select("table tbody tr")
    ]
    assert ["Tartu", "Estland", "Tartu linn", "Vänort: Tartu Vänort"] in rows
    # The network without coordinates is placed in the middle of its country, and says so.
    assert any(r[0].startswith("Bryssel") for r in rows)


def test_charts_have_tables_with_the_same_figures(world: dict[str, Any]) -> None:
    page = soup(reverse("public:home", args=["uppsala"]))
    blocks = page.select(".chart-block")
    assert blocks
    for block in blocks:
        assert block.img["alt"]
        assert block.find("table").find("tbody").find_all("tr")
    funding = next(b for b in blocks if "finansiering" in b.h2.get_text())
    assert "Erasmus+" in funding.get_text() and "200" in funding.get_text()


def test_a_municipality_cannot_take_an_address_of_utblick_itself(db: Any) -> None:
    from utblick.demo.services import shipped_policy_file
    from utblick.policies.fileformat import PolicyFileInvalid, read_policy_file

    text = shipped_policy_file("uppsala").decode().replace('slug = "uppsala"', 'slug = "app"', 1)
    assert 'slug = "app"' in text
    with pytest.raises(PolicyFileInvalid) as error:
        read_policy_file(text, "uppsala.toml")
    assert "reserverat" in " ".join(p.message for p in error.value.problems)


def test_a_turned_off_site_shows_our_not_found_page_in_development_too(
    world: dict[str, Any], settings: Any
) -> None:
    settings.DEBUG = True  # what `make run` uses: Django would show its technical 404
    for path in ("/umea/", "/uppsala/aktiviteter/999999/"):
        response = Client().get(path)
        body = response.content.decode()
        assert response.status_code == 404, path
        assert "Sidan finns inte" in body and "URLconf" not in body and "Http404" not in body
