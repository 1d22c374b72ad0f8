"""The one pagination partial: keeps the filter in the links, htmx only where asked."""

from __future__ import annotations

from bs4 import BeautifulSoup
from django.core.paginator import Paginator
from django.template.loader import render_to_string


def _nav(**context: object) -> BeautifulSoup:
    return BeautifulSoup(render_to_string("core/_pagination.html", context), "html.parser")


def test_the_middle_page_links_both_ways_with_the_filter_kept() -> None:
    page = Paginator(range(120), 50).page(2)
    nav = _nav(page=page, query="typ=project&status=active", htmx=True)
    links = [(a["href"], a.get("hx-get")) for a in nav.select("nav.pagination a")]
    assert links == [
        ("?typ=project&status=active&sida=1", "?typ=project&status=active&sida=1"),
        ("?typ=project&status=active&sida=3", "?typ=project&status=active&sida=3"),
    ]
    assert "Sida 2 av 3" in nav.get_text()


def test_without_htmx_or_filter_the_links_are_plain() -> None:
    nav = _nav(page=Paginator(range(120), 50).page(1))
    assert [(a["href"], a.get("hx-get")) for a in nav.select("a")] == [("?sida=2", None)]


def test_a_single_page_has_no_navigation() -> None:
    assert _nav(page=Paginator(range(10), 50).page(1)).select("nav") == []
