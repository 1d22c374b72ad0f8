"""Personas and data for tests: coordinator, editor and reader in Uppsala, coordinator in Umeå."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.test import Client

from utblick.accounts.models import Membership, Role
from utblick.demo.services import shipped_policy_file
from utblick.municipalities.models import Municipality
from utblick.organisation.models import Unit
from utblick.policies.services import policy_file_load

PASSWORD = "test-password-1"


def load_shipped(slug: str) -> Municipality:
    return policy_file_load(
        data=shipped_policy_file(slug), filename=f"{slug}.toml", user=None
    ).municipality


def make_member(
    municipality: Municipality, username: str, role: str, units: list[Unit] | None = None
) -> Any:
    user = get_user_model().objects.create_user(username, f"{username}@example.se", PASSWORD)
    membership = Membership.objects.create(municipality=municipality, user=user, role=role)
    if units:
        membership.units.set(units)
    return user


def client_for(user: Any | None) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


@pytest.fixture
def uppsala(db: Any) -> Municipality:
    return load_shipped("uppsala")


@pytest.fixture
def umea(db: Any) -> Municipality:
    return load_shipped("umea")


@pytest.fixture
def personas(uppsala: Municipality, umea: Municipality) -> dict[str, Any]:
    """Users of every kind the tests speak of, keyed by role."""
    education = Unit.objects.get(municipality=uppsala, key="utbildningsnamnden")
    return {
        "coordinator": make_member(uppsala, "uppsala-samordnare", Role.COORDINATOR),
        "editor": make_member(uppsala, "uppsala-redaktor", Role.EDITOR, [education]),
        "reader": make_member(uppsala, "uppsala-lasare", Role.READER),
        "outsider": make_member(umea, "umea-samordnare", Role.COORDINATOR),
    }
