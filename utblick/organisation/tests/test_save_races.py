"""A save that races further saves: merged over the newest record, never written back stale.

The interleaving is real: the ``save`` given to ``save_form`` lets another
coordinator save through the same service door before the user's save runs.
"""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.messages import get_messages
from django.contrib.messages.storage.fallback import FallbackStorage
from django.contrib.sessions.backends.db import SessionStore
from django.test import RequestFactory

from utblick.accounts.access import access_for
from utblick.core.editing import MERGE_ATTEMPTS, save_form
from utblick.organisation.forms import UnitForm
from utblick.organisation.models import Unit
from utblick.organisation.services import unit_save

pytestmark = pytest.mark.django_db


def _request(user: Any, data: dict[str, Any]) -> Any:
    request = RequestFactory().post("/", data)
    request.user = user
    request.session = SessionStore()
    request._messages = FallbackStorage(request)
    return request


def _data(unit: Unit, **changes: Any) -> dict[str, Any]:
    return {
        "name": unit.name,
        "kind": unit.kind,
        "parent": unit.parent_id or "",
        "description": unit.description,
        "key": unit.key,
        "row_version": unit.row_version,
    } | changes


def _other_saves(access: Any, user: Any, pk: int, description: str) -> None:
    unit = Unit.objects.get(pk=pk)
    unit.description = description
    unit_save(access=access, user=user, unit=unit, expected_version=unit.row_version)


@pytest.fixture
def unit(uppsala: Any) -> Unit:
    return Unit.objects.get(municipality=uppsala, key="kommunledningskontoret")


def test_a_save_overtaken_while_merging_is_merged_again(
    personas: dict[str, Any], unit: Unit
) -> None:
    user = personas["coordinator"]
    access = access_for(user, "uppsala")
    data = _data(unit, name="Kommunledningskontoret (KLK)")
    _other_saves(access, user, unit.pk, "Först")  # the form is stale before it is sent
    calls = []

    def save(obj: Unit, version: int | None) -> Unit:
        calls.append(version)
        if len(calls) == 2:  # between the conflict and the merged save, another save lands
            _other_saves(access, user, unit.pk, "Sedan")
        return unit_save(access=access, user=user, unit=obj, expected_version=version)

    request = _request(user, data)
    form = UnitForm(request.POST, instance=unit, municipality=unit.municipality)
    saved, conflict = save_form(request, form, save, "Sparad")
    assert saved is not None and conflict is None and len(calls) == 3
    unit.refresh_from_db()
    assert (unit.name, unit.description) == ("Kommunledningskontoret (KLK)", "Sedan")
    assert [str(m) for m in get_messages(request)][-1] == "Sparad"


def test_a_save_overtaken_every_time_saves_nothing_and_shows_the_newest(
    personas: dict[str, Any], unit: Unit
) -> None:
    user = personas["coordinator"]
    access = access_for(user, "uppsala")
    original, start = unit.name, unit.row_version
    data = _data(unit, name="Kommunledningskontoret (KLK)")

    def save(obj: Unit, version: int | None) -> Unit:
        _other_saves(access, user, unit.pk, f"Ändrad {version}")
        return unit_save(access=access, user=user, unit=obj, expected_version=version)

    request = _request(user, data)
    form = UnitForm(request.POST, instance=unit, municipality=unit.municipality)
    saved, conflict = save_form(request, form, save, "Sparad")
    assert saved is None and conflict["both"] == []
    unit.refresh_from_db()
    assert unit.name == original  # nothing of the user's was written
    assert unit.row_version == start + MERGE_ATTEMPTS
    newest = unit.description
    # The form now holds the newest description beside the user's own name change,
    # and the newest version: saving it again loses neither.
    assert form.data["description"] == unit.description
    assert form.data["name"] == "Kommunledningskontoret (KLK)"
    assert form.data["row_version"] == str(unit.row_version)
    assert "Posten ändrades flera gånger" in " ".join(form.non_field_errors())
    again = _request(user, form.data.dict())
    form = UnitForm(
        again.POST, instance=Unit.objects.get(pk=unit.pk), municipality=unit.municipality
    )
    saved, conflict = save_form(
        again,
        form,
        lambda obj, version: unit_save(
            access=access, user=user, unit=obj, expected_version=version
        ),
        "Sparad",
    )
    assert conflict is None
    unit.refresh_from_db()
    assert unit.name == "Kommunledningskontoret (KLK)"
    assert unit.description == newest
