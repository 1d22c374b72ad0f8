"""Memberships through the pages, password change, Django admin for platform administrators.

Invitations have their own module (test_invitations), sign-in throttling too.
"""

from __future__ import annotations

from typing import Any

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth import get_user_model
from django.urls import reverse

from utblick.accounts.models import Invitation, Membership
from utblick.testing.fixtures import PASSWORD, client_for

pytestmark = pytest.mark.django_db


def test_editor_needs_a_unit(personas: dict[str, Any]) -> None:
    client = client_for(personas["coordinator"])
    response = client.post(
        reverse("members:add", args=["uppsala"]),
        {"first_name": "X", "email": "x@example.se", "role": "editor"},
    )
    assert "minst en enhet" in response.content.decode()
    assert not Invitation.objects.exists()


def test_last_coordinator_cannot_leave(personas: dict[str, Any]) -> None:
    client = client_for(personas["coordinator"])
    own = Membership.objects.get(user=personas["coordinator"])
    response = client.post(reverse("members:archive", args=["uppsala", own.pk]), follow=True)
    own.refresh_from_db()
    assert own.archived_at is None
    assert "minst en samordnare" in response.content.decode()


def test_removed_member_loses_access(personas: dict[str, Any]) -> None:
    reader = Membership.objects.get(user=personas["reader"])
    client_for(personas["coordinator"]).post(
        reverse("members:archive", args=["uppsala", reader.pk])
    )
    assert (
        client_for(personas["reader"]).get(reverse("dashboard:start", args=["uppsala"])).status_code
        == 404
    )


def test_password_change(personas: dict[str, Any]) -> None:
    client = client_for(personas["reader"])
    response = client.post(
        reverse("accounts:password_change"),
        {
            "old_password": PASSWORD,
            "new_password1": "ett-nytt-langt-losen-42",
            "new_password2": "ett-nytt-langt-losen-42",
        },
    )
    assert response.status_code == 302
    login = client_for(None).post(
        reverse("accounts:login"),
        {"username": "uppsala-lasare", "password": "ett-nytt-langt-losen-42"},
    )
    assert login.status_code == 302


def test_admin_is_for_platform_administrators_only(personas: dict[str, Any]) -> None:
    assert client_for(personas["coordinator"]).get("/admin/").status_code == 302
    admin = get_user_model().objects.create_superuser("root", "root@example.se", "x")
    client = client_for(admin)
    assert client.get("/admin/").status_code == 200
    assert client.get("/admin/policies/policy/").status_code == 200
    assert client.get("/admin/organisation/unit/").status_code == 200


def test_the_admin_shows_records_but_every_write_goes_through_the_app(
    personas: dict[str, Any],
) -> None:
    """A second door for memberships and units would skip their rules and history."""
    admin = get_user_model().objects.create_superuser("root", "root@example.se", "x")
    client = client_for(admin)
    membership = Membership.objects.get(user=personas["reader"])
    assert client.get(f"/admin/accounts/membership/{membership.pk}/change/").status_code == 200
    assert client.get("/admin/accounts/membership/add/").status_code == 403
    assert client.get("/admin/organisation/unit/add/").status_code == 403
    response = client.post(
        f"/admin/accounts/membership/{membership.pk}/change/",
        {
            "user": personas["reader"].pk,
            "municipality": membership.municipality_id,
            "role": "coordinator",
        },
    )
    assert response.status_code == 403
    membership.refresh_from_db()
    assert membership.role == "reader"


def test_api_key_page_creates_a_key_once_and_revokes_it(personas: dict[str, Any]) -> None:
    from utblick.accounts.tokens import token_user

    client = client_for(personas["reader"])
    response = client.post(
        reverse("accounts:tokens"), {"name": "Ekonomisystemet", "scope": "read", "validity": "90"}
    )
    key = BeautifulSoup(response.content, "html.parser").select_one(".password code").get_text()
    assert token_user(key) == personas["reader"]
    assert key not in client.get(reverse("accounts:tokens")).content.decode()  # shown once only
    token = personas["reader"].api_tokens.get()
    assert token.key_hash != key and key.startswith(token.prefix)
    client.post(reverse("accounts:tokens"), {"revoke": token.pk})
    assert token_user(key) is None
    # Someone else's key cannot be revoked from your page.
    other = client_for(personas["coordinator"])
    from utblick.accounts.tokens import token_create

    their, their_key = token_create(user=personas["coordinator"], name="x")
    client.post(reverse("accounts:tokens"), {"revoke": their.pk})
    assert token_user(their_key) == personas["coordinator"]
    # A value that is not a key's number is a clear message, not a 500.
    for bad in ("abc", "", "-1", "9" * 40):
        response = client.post(reverse("accounts:tokens"), {"revoke": bad}, follow=True)
        assert response.status_code == 200, bad
    assert token_user(their_key) == personas["coordinator"]
    assert other is not None
