"""The activities' search index follows every write, on both databases, and survives migrations."""

from __future__ import annotations

from typing import Any

import pytest
from django.apps import apps
from django.db import connection
from django.db.migrations import Migration
from django.db.models.signals import post_migrate

from utblick.activities.models import Activity
from utblick.activities.services import activity_archive, activity_restore, activity_save
from utblick.activities.validation import Tags
from utblick.core.tenancy import system_access
from utblick.search.selectors import search
from utblick.search.tests.test_search import make_activity, titles

pytestmark = pytest.mark.django_db


def found(municipality: Any, query: str) -> list[str]:
    return titles(search(access=system_access(municipality), query=query), "aktiviteter")


def test_a_changed_title_is_found_by_its_new_words_only(uppsala: Any) -> None:
    activity = make_activity(uppsala, "Gammalt namn på projektet")
    assert found(uppsala, "gammalt") == ["Gammalt namn på projektet"]
    activity.title = "Nytt ordval för bävrarna"
    activity_save(
        access=system_access(uppsala),
        user=None,
        activity=activity,
        tags=Tags(),
        expected_version=activity.row_version,
    )
    assert found(uppsala, "gammalt") == []
    assert found(uppsala, "bavrarna") == ["Nytt ordval för bävrarna"]


def test_archiving_takes_it_out_and_restoring_brings_it_back(
    personas: dict[str, Any], uppsala: Any
) -> None:
    activity = make_activity(uppsala, "Tillfälligt tranprojekt")
    access = system_access(uppsala)
    activity_archive(access=access, user=personas["coordinator"], activity=activity)
    assert found(uppsala, "tranprojekt") == []
    activity_restore(access=access, user=personas["coordinator"], activity=activity)
    assert found(uppsala, "tranprojekt") == ["Tillfälligt tranprojekt"]


def test_a_write_beside_the_services_reaches_the_index_too(uppsala: Any, umea: Any) -> None:
    """A bulk update in SQL, and a row moved to another municipality, are followed."""
    activity = make_activity(uppsala, "Flyttbart lodjursprojekt")
    Activity.objects.filter(pk=activity.pk).update(title="Omdöpt lodjursprojekt")
    assert found(uppsala, "omdopt") == ["Omdöpt lodjursprojekt"]
    Activity.objects.filter(pk=activity.pk).update(municipality=umea)
    assert found(uppsala, "lodjursprojekt") == []
    assert found(umea, "lodjursprojekt") == ["Omdöpt lodjursprojekt"]
    Activity.objects.filter(pk=activity.pk).delete()
    assert found(umea, "lodjursprojekt") == []


def test_every_hit_is_counted_and_title_hits_rank_first(uppsala: Any) -> None:
    for i in range(3):
        make_activity(uppsala, f"Älgprojekt {i}", description="Om älgar.")
    make_activity(uppsala, "Annat", description="Nämner älgprojekt i texten.")
    [group] = [
        g
        for g in search(access=system_access(uppsala), query="älgprojekt").groups
        if g.key == "aktiviteter"
    ]
    assert group.count == 4
    assert [hit.title for hit in group.hits][-1] == "Annat"


@pytest.mark.skipif(connection.vendor != "postgresql", reason="trigram similarity: PostgreSQL")
def test_a_misspelt_activity_title_is_found_when_the_words_find_nothing(uppsala: Any) -> None:
    make_activity(uppsala, "Vänortsutbyte med Jyväskylä")
    make_activity(uppsala, "Skolprojekt i Tartu")
    assert found(uppsala, "jyvaskula") == ["Vänortsutbyte med Jyväskylä"]
    # A word that is found gives exact hits only, nothing merely similar.
    assert found(uppsala, "tartu") == ["Skolprojekt i Tartu"]


@pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite drops triggers on a rebuild")
def test_after_a_migration_the_triggers_are_back_and_the_index_refilled(uppsala: Any) -> None:
    """When a migration rebuilds ``activities_activity`` SQLite drops its triggers with the old
    table; here they are dropped as that would, and a row changed while they are gone."""
    activity = make_activity(uppsala, "Före ombyggnaden")
    with connection.cursor() as cursor:
        for name in ("insert", "update", "delete"):
            cursor.execute(f"DROP TRIGGER search_activity_{name}")
    Activity.objects.filter(pk=activity.pk).update(title="Efter ombyggnaden")
    assert found(uppsala, "efter") == []  # what migrate would leave without the handler
    config = apps.get_app_config("search")
    post_migrate.send(
        sender=config,
        app_config=config,
        verbosity=0,
        interactive=False,
        using="default",
        apps=apps,
        plan=[(Migration("0099_rebuild", "activities"), False)],
    )
    assert found(uppsala, "efter") == ["Efter ombyggnaden"]
    Activity.objects.filter(pk=activity.pk).update(title="Och sedan igen")
    assert found(uppsala, "igen") == ["Och sedan igen"]
