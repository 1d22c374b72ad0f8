"""The register's list page: filter labels, sortable columns and the page size."""

from __future__ import annotations

from collections import Counter
from typing import Any

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse

from utblick.testing.fixtures import client_for

pytestmark = pytest.mark.django_db


def soup(response: Any) -> BeautifulSoup:
    return BeautifulSoup(response.content, "html.parser")


def test_every_filter_label_points_to_its_own_checkbox(
    personas: dict[str, Any], uppsala: Any
) -> None:
    page = soup(
        client_for(personas["coordinator"]).get(reverse("activities:list", args=["uppsala"]))
    )
    ids = Counter(el["id"] for el in page.select("[id]"))
    assert [i for i, n in ids.items() if n > 1] == []
    for name in ("typ", "status"):
        boxes = page.select(f"#filters input[type=checkbox][name={name}]")
        assert len(boxes) == 6
        for box in boxes:
            [label] = page.select(f"label[for='{box['id']}']")
            assert label.get_text(strip=True)
    labels = {label.get_text(strip=True): label["for"] for label in page.select("#filters label")}
    assert page.select_one(f"#{labels['Vänort']}")["value"] == "twin_city"
