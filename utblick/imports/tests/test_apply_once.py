"""Issue 12, finding 2: an import batch is applied once, whatever is pressed or run in parallel.

Thirty rows applied twice in parallel, or submitted twice, gave 60 activities
and a 500 on PostgreSQL. The concurrent test commits for real (threads, each
with its own connection), so it runs on both databases in CI.
"""

from __future__ import annotations

import threading
from typing import Any

import pytest
from bs4 import BeautifulSoup
from django.core.exceptions import ValidationError
from django.db import connection

from utblick.accounts.access import access_for
from utblick.activities.models import Activity
from utblick.core.tenancy import Role
from utblick.imports.models import BatchStatus, ImportBatch
from utblick.imports.services import AlreadyApplied, batch_apply, batch_preview
from utblick.imports.tests.test_import import good_row, xlsx
from utblick.testing.fixtures import (
    client_for,
    import_apply,
    import_preview,
    load_shipped,
    make_member,
)

THIRTY = xlsx([good_row(n) for n in range(1, 31)])


def _preview(client: Any, data: bytes = THIRTY, name: str = "trettio.xlsx") -> str:
    page = import_preview(client, "uppsala", name, data)
    assert page.status_code == 200
    form = BeautifulSoup(page.content, "html.parser").select_one("form[action*='las-in']")
    assert form is not None, page.content.decode()[:2000]
    return form["action"]


@pytest.mark.django_db
def test_a_second_press_shows_the_first_result_and_adds_nothing(personas: dict[str, Any]) -> None:
    client = client_for(personas["coordinator"])
    url = _preview(client)
    first = client.post(url)
    assert client.post(url)["Location"] == first["Location"]  # pressed twice: one job
    assert import_apply(client, url).state == "done"
    assert Activity.objects.filter(municipality__slug="uppsala").count() == 30
    again = import_apply(client, url)  # a third press after it is done: a job of its own
    assert again.state == "done" and "redan inläst" in again.result_label
    assert Activity.objects.filter(municipality__slug="uppsala").count() == 30


@pytest.mark.django_db
def test_the_same_file_uploaded_again_changes_nothing(personas: dict[str, Any]) -> None:
    client = client_for(personas["coordinator"])
    assert import_apply(client, _preview(client)).state == "done"
    page = import_preview(client, "uppsala", "igen.xlsx", THIRTY)
    assert "lästes redan in" in page.content.decode()
    # Even applied, the same file is refused by the door itself: nothing is added twice.
    access = access_for(personas["coordinator"], "uppsala")
    batch, _plan = batch_preview(
        access=access, user=personas["coordinator"], data=THIRTY, filename="igen.xlsx"
    )
    with pytest.raises(ValidationError, match="lästes redan in"):
        batch_apply(access=access, user=personas["coordinator"], batch=batch)
    assert Activity.objects.filter(municipality__slug="uppsala").count() == 30


@pytest.mark.django_db(transaction=True)
def test_parallel_applies_of_one_batch_write_it_once() -> None:
    uppsala = load_shipped("uppsala")
    user = make_member(uppsala, "samordnare", Role.COORDINATOR)
    access = access_for(user, "uppsala")
    batch, _plan = batch_preview(access=access, user=user, data=THIRTY, filename="trettio.xlsx")
    outcomes: list[str] = []
    start = threading.Barrier(3)

    def apply() -> None:
        try:
            start.wait()
            batch_apply(access=access, user=user, batch=ImportBatch.objects.get(pk=batch.pk))
            outcomes.append("applied")
        except AlreadyApplied:
            outcomes.append("already")
        finally:
            connection.close()

    threads = [threading.Thread(target=apply) for _ in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert sorted(outcomes) == ["already", "already", "applied"]
    assert Activity.objects.filter(municipality=uppsala).count() == 30
    assert ImportBatch.objects.get(pk=batch.pk).status == BatchStatus.APPLIED
