"""The demo: the four municipalities of the source texts, loaded from their policy files."""

from __future__ import annotations

from dataclasses import dataclass, field
from importlib import resources

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction

from utblick.accounts.models import Membership
from utblick.accounts.services import member_grant
from utblick.core.tenancy import Role, system_access
from utblick.demo.planning import load_planning
from utblick.demo.register import load_register
from utblick.funding.services import funding_sources_ensure
from utblick.municipalities.models import Municipality
from utblick.organisation.models import Unit
from utblick.policies.services import policy_file_load
from utblick.public.models import PublicSettings
from utblick.public.services import settings_save

DEMO_PASSWORD = "utblick-demo"
SHIPPED = ("uppsala", "umea", "kungalv", "upplands-bro")

#: (username, first name, last name, municipality, role, editor units)
DEMO_USERS: list[tuple[str, str, str, str, str, list[str]]] = [
    ("uppsala", "Ulla", "Samordnare (demo)", "uppsala", Role.COORDINATOR, []),
    ("uppsala-lasare", "Lars", "Läsare (demo)", "uppsala", Role.READER, []),
    ("uppsala-redaktor", "Rut", "Redaktör (demo)", "uppsala", Role.EDITOR, ["utbildningsnamnden"]),
    ("umea", "Ulf", "Samordnare (demo)", "umea", Role.COORDINATOR, []),
    ("kungalv", "Kim", "Samordnare (demo)", "kungalv", Role.COORDINATOR, []),
    ("upplands-bro", "Ulrika", "Samordnare (demo)", "upplands-bro", Role.COORDINATOR, []),
]


@dataclass
class DemoReport:
    changes: list[str] = field(default_factory=list)
    logins: list[tuple[str, str]] = field(default_factory=list)


def shipped_policy_file(slug: str) -> bytes:
    return resources.files("utblick.policies").joinpath(f"shipped/{slug}.toml").read_bytes()


def demo_load() -> DemoReport:
    if settings.PRODUCTION:
        raise RuntimeError("demo data is never loaded in production")
    report = DemoReport()
    with transaction.atomic():
        funding_sources_ensure()
        for slug in SHIPPED:
            result = policy_file_load(
                data=shipped_policy_file(slug), filename=f"{slug}.toml", user=None
            )
            report.changes += [f"{result.municipality.name}: {c}" for c in result.changes]
            for load in (load_register, load_planning, load_public):
                name = result.municipality.name
                report.changes += [f"{name}: {c}" for c in load(result.municipality)]
        _demo_users(report)
    return report


def load_public(municipality: Municipality) -> list[str]:
    """Publishing switched on, so the public pages show the published demo activities."""
    if PublicSettings.objects.filter(municipality=municipality).exists():
        return []
    domain = f"{municipality.slug}.example.se"
    settings_row = PublicSettings(
        municipality=municipality,
        enabled=True,
        contact_email=f"internationellt@{domain}",
        accessibility_email=f"tillganglighet@{domain}",
    )
    settings_save(
        access=system_access(municipality), user=None, settings=settings_row, expected_version=None
    )
    return ["publicering påslagen"]


def _demo_users(report: DemoReport) -> None:
    User = get_user_model()
    admin = User.objects.filter(username="admin").first()
    if admin is None:
        User.objects.create_superuser(
            "admin", "admin@example.se", DEMO_PASSWORD, first_name="Plattformsadministratör"
        )
        report.changes.append("ny användare: admin")
    report.logins.append(("admin", "plattformsadministratör (alla kommuner, Django admin)"))
    municipalities = {m.slug: m for m in Municipality.objects.filter(slug__in=SHIPPED)}
    for username, first, last, slug, role, unit_keys in DEMO_USERS:
        municipality = municipalities[slug]
        user = User.objects.filter(username=username).first()
        if user is None:
            user = User.objects.create_user(
                username, f"{username}@example.se", DEMO_PASSWORD, first_name=first, last_name=last
            )
            report.changes.append(f"ny användare: {username}")
        if not Membership.objects.filter(user=user, municipality=municipality).exists():
            # The demo's own accounts; people are invited by e-mail (accounts.services).
            member_grant(
                access=system_access(municipality),
                user=None,
                member=user,
                role=role,
                units=Unit.objects.filter(municipality=municipality, key__in=unit_keys),
            )
        label = Role(role).label.lower()
        units = f" ({', '.join(unit_keys)})" if unit_keys else ""
        report.logins.append((username, f"{label} i {municipality.name}{units}"))
