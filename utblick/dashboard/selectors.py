"""What a municipality's start page shows."""

from __future__ import annotations

from typing import Any

from utblick.core import clock
from utblick.core.selectors import recent_changes
from utblick.municipalities.models import Municipality
from utblick.onboarding.selectors import onboarding_progress
from utblick.organisation.models import Contact, Unit
from utblick.policies.selectors import policy_current


def start_page(municipality: Municipality, *, coordinator: bool = False) -> dict[str, Any]:
    """The start page's figures; a coordinator also gets the first-run path while it is open."""
    policy = policy_current(municipality)
    contacts = Contact.objects.current().filter(municipality=municipality)
    return {
        "policy": policy,
        "revision_due_since": policy.revision_due_since(clock.today()) if policy else None,
        "unit_count": Unit.objects.current().filter(municipality=municipality).count(),
        "contact_count": contacts.count(),
        "consent_count": contacts.filter(consent_to_publish=True).count(),
        "changes": recent_changes(municipality, limit=10),
        "onboarding": onboarding_progress(municipality) if coordinator else None,
    }
