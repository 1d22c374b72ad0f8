"""Search: ranking, folding, stemming, tenant walls, rights, odd input, grouping (both databases)."""

from __future__ import annotations

from typing import Any

import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.urls import reverse

from utblick.activities.models import Activity
from utblick.activities.services import activity_archive, activity_save
from utblick.activities.validation import Tags
from utblick.core.tenancy import system_access
from utblick.funding.services import funding_sources_ensure
from utblick.organisation.models import Contact, Unit
from utblick.partners.models import Partner
from utblick.partners.services import partner_save
from utblick.policies.models import Policy
from utblick.search.selectors import clean_query, query_words, search, stem
from utblick.testing.fixtures import bulk_activities, client_for

pytestmark = pytest.mark.django_db


def make_activity(municipality: Any, title: str, **fields: Any) -> Activity:
    fields.setdefault("development_area", "Verksamhetsutveckling")
    activity = Activity(
        municipality=municipality,
        kind="project",
        title=title,
        unit=Unit.objects.filter(municipality=municipality).order_by("pk").first(),
        **fields,
    )
    return activity_save(
        access=system_access(municipality),
        user=None,
        activity=activity,
        tags=Tags(),
        expected_version=None,
    )


def make_partner(municipality: Any, name: str, **fields: Any) -> Partner:
    partner = Partner(municipality=municipality, name=name, kind="municipality", **fields)
    partner.country = fields.get("country", "SE")
    return partner_save(
        access=system_access(municipality), user=None, partner=partner, expected_version=None
    )


def titles(results: Any, key: str) -> list[str]:
    [group] = [g for g in results.groups if g.key == key]
    return [hit.title for hit in group.hits]


def page(client: Any, slug: str, q: str) -> BeautifulSoup:
    response = client.get(reverse("search:results", args=[slug]), {"q": q})
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def test_a_title_hit_ranks_above_a_body_hit(uppsala: Any) -> None:
    make_activity(uppsala, "Skolutbyte med Tartu", description="Elever reser till Lettland.")
    make_activity(uppsala, "Lettland och Uppsala, vänortssamarbete", summary="Kultur.")
    results = search(access=system_access(uppsala), query="lettland")
    assert titles(results, "aktiviteter") == [
        "Lettland och Uppsala, vänortssamarbete",
        "Skolutbyte med Tartu",
    ]


def test_folding_finds_a_and_o_with_their_dots(uppsala: Any) -> None:
    make_activity(uppsala, "Vänort Göteborg")
    make_partner(uppsala, "Malmö stad")
    access = system_access(uppsala)
    assert titles(search(access=access, query="goteborg"), "aktiviteter") == ["Vänort Göteborg"]
    assert titles(search(access=access, query="MALMO"), "partner") == ["Malmö stad"]
    assert titles(search(access=access, query="malmö"), "partner") == ["Malmö stad"]


def test_inflected_words_find_the_base_form(uppsala: Any) -> None:
    make_activity(uppsala, "Vänort i Finland")
    results = search(access=system_access(uppsala), query="vänorter")
    assert titles(results, "aktiviteter") == ["Vänort i Finland"]


@pytest.mark.skipif(connection.vendor != "postgresql", reason="trigram similarity: PostgreSQL")
def test_a_misspelling_still_finds_the_title_on_postgres(uppsala: Any) -> None:
    make_partner(uppsala, "Jyväskylä stad", country="FI")
    results = search(access=system_access(uppsala), query="jyvaskula")
    assert titles(results, "partner") == ["Jyväskylä stad"]


def test_another_municipalitys_matching_records_never_show(
    personas: dict[str, Any], uppsala: Any, umea: Any
) -> None:
    make_activity(uppsala, "Zebrasamarbete i Uppsala")
    make_activity(umea, "Zebrasamarbete i Umeå")
    make_partner(umea, "Zebra stad")
    Contact.objects.filter(municipality=umea).update(name="Zebra Zebrasson")
    client = client_for(personas["coordinator"])
    html = page(client, "uppsala", "zebra")
    found = [a.get_text(strip=True) for a in html.select(".search-hit > a")]
    assert found == ["Zebrasamarbete i Uppsala"]
    # The other municipality's search page is not there for this member at all.
    response = client.get(reverse("search:results", args=["umea"]), {"q": "zebra"})
    assert response.status_code == 404
    assert client_for(None).get(reverse("search:results", args=["uppsala"])).status_code == 302


def test_a_reader_finds_what_readers_see_and_archived_rows_stay_out(
    personas: dict[str, Any], uppsala: Any
) -> None:
    kept = make_activity(uppsala, "Kvarvarande kvastprojekt")
    gone = make_activity(uppsala, "Arkiverat kvastprojekt")
    activity_archive(access=system_access(uppsala), user=personas["coordinator"], activity=gone)
    html = page(client_for(personas["reader"]), "uppsala", "kvastprojekt")
    links = {a.get_text(strip=True): a["href"] for a in html.select(".search-hit > a")}
    assert links == {kept.title: reverse("activities:detail", args=["uppsala", kept.pk])}
    # The link opens for the reader.
    assert client_for(personas["reader"]).get(links[kept.title]).status_code == 200


def test_results_are_grouped_by_kind_with_counts_and_links(
    personas: dict[str, Any], uppsala: Any
) -> None:
    make_activity(uppsala, "Ekorrprojektet")
    make_partner(uppsala, "Ekorrnätverket")
    contact = Contact.objects.filter(municipality=uppsala).first()
    Contact.objects.filter(pk=contact.pk).update(role="Ekorrsamordnare")
    policy = Policy.objects.filter(municipality=uppsala).first()
    Policy.objects.filter(pk=policy.pk).update(summary="Om ekorrar och ekorrprojekt.")
    html = page(client_for(personas["coordinator"]), "uppsala", "ekorr")
    groups = {
        section["id"]: (
            section.select_one("h2").get_text(" ", strip=True),
            [a["href"] for a in section.select(".search-hit > a")],
        )
        for section in html.select("section.search-group")
    }
    assert set(groups) == {"aktiviteter", "partner", "kontaktpersoner", "dokument"}
    assert groups["kontaktpersoner"] == (
        "Kontaktpersoner (1)",
        [reverse("organisation:contact_detail", args=["uppsala", contact.pk])],
    )
    assert groups["dokument"][1] == [reverse("policies:version", args=["uppsala", policy.number])]
    assert html.select_one(".search-summary").get_text(strip=True).startswith("4 träffar")
    # The header box keeps the query.
    assert html.select_one("#site-search-q")["value"] == "ekorr"


@pytest.mark.parametrize(
    "query",
    [
        "",
        "   ",
        '"',
        "'; DROP TABLE activities_activity; --",
        "*",
        "-",
        "NEAR(a b)",
        'göteborg NEAR/2 "malmö',
        "(((",
        "a OR b AND NOT c",
        "och att i",
        "a:* & !b | c <-> d",
        "100%_",
        "\\",
        "ö" * 5000,
        "^$:{}[]<>~!@#&|",
    ],
)
def test_odd_input_never_fails(personas: dict[str, Any], uppsala: Any, query: str) -> None:
    html = page(client_for(personas["reader"]), "uppsala", query)
    assert html.select_one("h1").get_text(strip=True) == "Sök"
    assert len(html.select_one("#site-search-q")["value"]) <= 200


def test_a_nul_in_the_address_is_refused_clearly_not_a_500(personas: dict[str, Any]) -> None:
    # The project's middleware refuses control characters in any request (400, in Swedish).
    response = client_for(personas["reader"]).get(
        reverse("search:results", args=["uppsala"]), {"q": "x\x00y"}
    )
    assert response.status_code == 400


def test_no_hits_say_so_with_tips(personas: dict[str, Any], uppsala: Any) -> None:
    html = page(client_for(personas["reader"]), "uppsala", "xyzzyplugh")
    empty = html.select_one(".search-empty")
    assert empty.select_one("h2").get_text(strip=True) == "Inga träffar för ”xyzzyplugh”"
    assert len(empty.select("li")) == 3


def test_the_header_has_a_search_box_on_internal_pages(personas: dict[str, Any]) -> None:
    response = client_for(personas["reader"]).get(reverse("dashboard:start", args=["uppsala"]))
    form = BeautifulSoup(response.content, "html.parser").select_one(
        ".site-header__inner form[role=search]"
    )
    assert form["action"] == reverse("search:results", args=["uppsala"])
    assert form["method"] == "get"
    assert form.select_one("label[for=site-search-q]")


def test_query_words_and_stems() -> None:
    assert clean_query("  a\x00b  " + "c" * 300) == ("a b " + "c" * 300)[:200]
    assert query_words('"Göteborg" NEAR(malmö*) -x') == ["goteborg", "near", "malmo", "x"]
    assert stem("vanorter") == "vanort"
    assert stem("kommunerna") == "kommun"
    assert stem("bo") == "bo"


def test_a_long_group_shows_the_best_and_says_how_many_in_all(
    personas: dict[str, Any], uppsala: Any
) -> None:
    funding_sources_ensure()
    bulk_activities(uppsala, 25, label="molnprojekt")
    html = page(client_for(personas["reader"]), "uppsala", "molnprojekt")
    section = html.select_one("section#aktiviteter")
    assert section.select_one("h2").get_text(" ", strip=True) == "Aktiviteter (25)"
    assert len(section.select(".search-hit")) == 20
    assert section.select_one(".search-group__more").get_text(strip=True) == (
        "Visar de 20 bästa av 25. Förfina sökningen för att se fler."
    )
