"""Members by e-mail invitation (issue 12, finding 8).

A coordinator invites a name and an e-mail address; the invitee chooses a
username and password from the link. No form path attaches an existing account
(of another municipality or any other) and the coordinator's page answers the
same whatever accounts exist.
"""

from __future__ import annotations

import re
from datetime import datetime, timedelta
from typing import Any

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth import get_user_model
from django.core import mail
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from utblick.accounts.access import access_for
from utblick.accounts.models import Invitation, Membership
from utblick.accounts.services import invitation_create
from utblick.core.history import action_of
from utblick.core.tenancy import Role
from utblick.organisation.models import Unit
from utblick.testing.clock import STOCKHOLM
from utblick.testing.fixtures import client_for

pytestmark = pytest.mark.django_db

START = datetime(2026, 3, 2, 10, 0, tzinfo=STOCKHOLM)
NEW_PASSWORD = "ett-langt-eget-losen-42"


def invite(client: Client, slug: str, capture: Any, **data: Any) -> Any:
    with capture(execute=True):
        return client.post(reverse("members:add", args=[slug]), data)


def link_in(message: Any) -> str:
    match = re.search(r"https?://\S+/konto/inbjudan/(\S+)/", message.body)
    assert match, message.body
    return f"/konto/inbjudan/{match.group(1)}/"


def accept(
    link: str, username: str, password: str = NEW_PASSWORD, client: Client | None = None
) -> Any:
    return (client or Client()).post(
        link, {"username": username, "new_password1": password, "new_password2": password}
    )


def test_umea_cannot_make_uppsalas_reader_a_member(
    personas: dict[str, Any], django_capture_on_commit_callbacks: Any
) -> None:
    reader = personas["reader"]
    umea = client_for(personas["outsider"])
    # The old form took a username; the new one an address. Neither attaches the account.
    for data in (
        {"username": reader.username, "role": "coordinator"},
        {
            "username": reader.username,
            "first_name": "Lars",
            "email": reader.email,
            "role": "coordinator",
        },
    ):
        invite(umea, "umea", django_capture_on_commit_callbacks, **data)
    assert not Membership.objects.filter(user=reader, municipality__slug="umea").exists()
    assert reader.memberships.count() == 1
    # Even when the reader takes up the invitation, a new account is made for it.
    [message] = mail.outbox
    assert message.to == [reader.email]
    response = accept(link_in(message), "lars-umea", client=client_for(reader))
    assert response.status_code == 302
    assert not Membership.objects.filter(user=reader, municipality__slug="umea").exists()
    new = get_user_model().objects.get(username="lars-umea")
    assert new != reader and new.memberships.get().role == Role.COORDINATOR


def page_after(response: Any, client: Client) -> str:
    """What the coordinator sees after sending, with the address itself taken out."""
    assert response.status_code == 302
    html = BeautifulSoup(client.get(response["Location"]).content, "html.parser")
    main = html.select_one("main")
    for token in main.select("input[name=csrfmiddlewaretoken]"):
        token.decompose()
    return re.sub(r"\S+@example\.se|/\d+/", "X", main.get_text(" ", strip=True))


def test_the_answer_is_the_same_for_a_known_and_an_unknown_address(
    personas: dict[str, Any], django_capture_on_commit_callbacks: Any
) -> None:
    client = client_for(personas["outsider"])
    known, unknown = personas["reader"], "ingen-alls@example.se"
    answers = []
    for username, email in ((known.username, known.email), ("ingen-alls", unknown)):
        response = invite(
            client,
            "umea",
            django_capture_on_commit_callbacks,
            username=username,
            first_name="Någon",
            email=email,
            role="reader",
        )
        answers.append(
            (response.status_code, response.get("Location"), page_after(response, client))
        )
        Invitation.objects.all().delete()  # the pending list shows the address; start afresh
    assert answers[0] == answers[1]
    assert get_user_model().objects.filter(username="ingen-alls").count() == 0
    assert len(mail.outbox) == 2  # both get the same invitation to a new account


def test_an_invited_editor_chooses_username_and_password(
    personas: dict[str, Any], uppsala: Any, django_capture_on_commit_callbacks: Any, clock: Any
) -> None:
    clock.set(START)
    unit = Unit.objects.get(municipality=uppsala, key="kulturnamnden")
    coordinator = client_for(personas["coordinator"])
    response = invite(
        coordinator,
        "uppsala",
        django_capture_on_commit_callbacks,
        first_name="Nora",
        last_name="Nyström",
        email="nora.nystrom@example.se",
        role="editor",
        units=[unit.pk],
    )
    assert response.status_code == 302
    [message] = mail.outbox
    assert message.to == ["nora.nystrom@example.se"]
    assert "Uppsala" in message.subject and "inbjuden" in message.subject
    assert "redaktör" in message.body and "2026-03-09" in message.body
    invitation = Invitation.objects.get()
    token = link_in(message).rstrip("/").rsplit("/", 1)[-1]
    assert token not in (invitation.token_hash, str(invitation.pk))  # only its hash is kept
    # The list shows it as waiting.
    listing = BeautifulSoup(
        coordinator.get(reverse("members:list", args=["uppsala"])).content, "html.parser"
    )
    assert "nora.nystrom@example.se" in listing.select_one(".invitations").get_text()

    form = BeautifulSoup(Client().get(link_in(message)).content, "html.parser")
    assert form.select_one("input[name=username]")["value"] == "nora.nystrom"
    # Django's password rules apply.
    weak = accept(link_in(message), "nora", "1234567")
    assert weak.status_code == 200 and "för kort" in weak.content.decode()
    taken = accept(link_in(message), "Uppsala-Lasare")
    assert taken.status_code == 200 and "upptaget" in taken.content.decode()
    visitor = Client()
    response = accept(link_in(message), "nora", client=visitor)
    assert response.status_code == 302 and "_auth_user_id" in visitor.session
    user = get_user_model().objects.get(username="nora")
    assert (user.first_name, user.last_name, user.email) == (
        "Nora",
        "Nyström",
        "nora.nystrom@example.se",
    )
    membership = user.memberships.get()
    assert membership.municipality == uppsala and membership.role == Role.EDITOR
    assert list(membership.units.all()) == [unit]
    invitation.refresh_from_db()
    assert invitation.accepted_by == user
    assert [action_of(h) for h in invitation.history.order_by("history_date")] == [
        "invitation.created",
        "invitation.accepted",
    ]
    assert action_of(membership.history.get()) == "membership.created"
    # Single use: the link does nothing more.
    again = accept(link_in(message), "nora2")
    assert again.status_code == 410 and "redan använts" in again.content.decode()
    assert not get_user_model().objects.filter(username="nora2").exists()


def test_an_invitation_expires_after_seven_days(
    personas: dict[str, Any], django_capture_on_commit_callbacks: Any, clock: Any
) -> None:
    clock.set(START)
    invite(
        client_for(personas["coordinator"]),
        "uppsala",
        django_capture_on_commit_callbacks,
        first_name="Sen",
        email="sen@example.se",
        role="reader",
    )
    link = link_in(mail.outbox[0])
    clock.set(START + timedelta(days=7, minutes=1))
    response = Client().get(link)
    assert response.status_code == 410 and "gått ut" in response.content.decode()
    assert accept(link, "sen").status_code == 410
    assert not get_user_model().objects.filter(username="sen").exists()


def test_an_unknown_link_is_not_found(db: Any) -> None:
    assert Client().get("/konto/inbjudan/inte-en-riktig-nyckel/").status_code == 404


def test_a_member_of_this_municipality_is_named(
    personas: dict[str, Any], django_capture_on_commit_callbacks: Any
) -> None:
    response = invite(
        client_for(personas["coordinator"]),
        "uppsala",
        django_capture_on_commit_callbacks,
        first_name="Lars",
        email=personas["reader"].email.upper(),
        role="reader",
    )
    assert response.status_code == 200
    assert "redan medlem i kommunen" in response.content.decode()
    assert not mail.outbox and not Invitation.objects.exists()


def test_withdraw_and_resend(
    personas: dict[str, Any], django_capture_on_commit_callbacks: Any, clock: Any
) -> None:
    clock.set(START)
    coordinator = client_for(personas["coordinator"])
    invite(
        coordinator,
        "uppsala",
        django_capture_on_commit_callbacks,
        first_name="A",
        email="a@example.se",
        role="reader",
    )
    invitation = Invitation.objects.get()
    first = link_in(mail.outbox[0])
    # Umeå's coordinator cannot touch Uppsala's invitation.
    outsider = client_for(personas["outsider"])
    for name in ("members:invitation_resend", "members:invitation_withdraw"):
        assert outsider.post(reverse(name, args=["umea", invitation.pk])).status_code == 404
    # Sending again makes a new link, valid for seven days from now; the old one is dead.
    clock.set(START + timedelta(days=6))
    coordinator = client_for(personas["coordinator"])  # a new day, a new session
    with django_capture_on_commit_callbacks(execute=True):
        coordinator.post(reverse("members:invitation_resend", args=["uppsala", invitation.pk]))
    second = link_in(mail.outbox[1])
    assert second != first
    assert Client().get(first).status_code == 404
    clock.set(START + timedelta(days=10))
    assert Client().get(second).status_code == 200
    coordinator = client_for(personas["coordinator"])
    coordinator.post(reverse("members:invitation_withdraw", args=["uppsala", invitation.pk]))
    assert Client().get(second).status_code == 410
    listing = coordinator.get(reverse("members:list", args=["uppsala"])).content
    assert BeautifulSoup(listing, "html.parser").select_one(".invitations") is None
    assert [action_of(h) for h in invitation.history.order_by("history_date")] == [
        "invitation.created",
        "invitation.resent",
        "invitation.withdrawn",
    ]


def test_a_reader_cannot_invite(
    personas: dict[str, Any], django_capture_on_commit_callbacks: Any
) -> None:
    response = invite(
        client_for(personas["reader"]),
        "uppsala",
        django_capture_on_commit_callbacks,
        first_name="X",
        email="x@example.se",
        role="coordinator",
    )
    assert response.status_code == 403 and not mail.outbox and not Invitation.objects.exists()


def test_the_member_list_reads_invitations_in_a_fixed_number_of_queries(
    personas: dict[str, Any], uppsala: Any, django_assert_max_num_queries: Any
) -> None:
    access = access_for(personas["coordinator"], "uppsala")
    units = list(Unit.objects.filter(municipality=uppsala)[:2])

    def invite_many(n: int, start: int) -> None:
        for i in range(start, start + n):
            invitation_create(
                access=access,
                user=personas["coordinator"],
                email=f"person{i}@example.se",
                first_name=f"Person {i}",
                last_name="",
                role="editor",
                units=units,
            )

    client = client_for(personas["coordinator"])
    url = reverse("members:list", args=["uppsala"])
    invite_many(1, 0)
    client.get(url)
    with CaptureQueriesContext(connection) as few:
        assert client.get(url).status_code == 200
    baseline = len(few.captured_queries)
    invite_many(15, 1)
    with django_assert_max_num_queries(baseline):
        html = BeautifulSoup(client.get(url).content, "html.parser")
    assert len(html.select(".invitations tbody tr")) == 16
