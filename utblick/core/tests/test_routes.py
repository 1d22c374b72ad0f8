"""Every internal route, for every persona: the tenant wall and the roles, generated.

A route added without an entry in ROUTES fails ``test_every_route_is_covered``.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from typing import Any

import pytest
from django.apps import apps
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from utblick.accounts.access import access_for
from utblick.accounts.models import Membership
from utblick.accounts.services import invitation_create
from utblick.core.models import TenantModel
from utblick.demo.services import shipped_policy_file
from utblick.organisation.models import CompetenceEntry, Contact, Unit
from utblick.policies.services import policy_file_load
from utblick.reports.data import Scope
from utblick.reports.services import report_start
from utblick.testing.fixtures import (
    client_for,
    load_shipped,
    make_draft_objects,
    make_intake_objects,
    make_personas,
    make_planning_objects,
    make_register_objects,
    module_data,
)

pytestmark = pytest.mark.django_db


@dataclass(frozen=True)
class Route:
    need: str  # read | edit | coordinate
    objects: tuple[str, ...] = ()  # which object ids the URL takes, from the world
    post_only: bool = False


ROUTES: dict[str, Route] = {
    "dashboard:start": Route("read"),
    "policies:current": Route("read"),
    "policies:versions": Route("read"),
    "policies:version": Route("read", ("number",)),
    "policies:export": Route("read", ("number",)),
    "policies:history": Route("read", ("number",)),
    "policies:compare": Route("read", ("number",)),
    "policies:load": Route("coordinate"),
    "policies:adopt": Route("coordinate", ("number",), post_only=True),
    "policies:transfer": Route("read", ("number",)),
    "termchange:pack": Route("read"),
    "termchange:generate": Route("read", post_only=True),
    "organisation:unit_list": Route("read"),
    "organisation:unit_create": Route("coordinate"),
    "organisation:unit_detail": Route("read", ("unit",)),
    "organisation:unit_edit": Route("coordinate", ("unit",)),
    "organisation:unit_archive": Route("coordinate", ("unit",)),
    "organisation:unit_restore": Route("coordinate", ("unit",), post_only=True),
    "organisation:unit_history": Route("read", ("unit",)),
    "organisation:contact_list": Route("read"),
    "organisation:contact_create": Route("edit"),
    "organisation:contact_detail": Route("read", ("contact",)),
    "organisation:contact_edit": Route("edit", ("contact",)),
    "organisation:contact_archive": Route("edit", ("contact",)),
    "organisation:contact_restore": Route("edit", ("contact",), post_only=True),
    "organisation:contact_history": Route("read", ("contact",)),
    "organisation:competence_add": Route("edit", ("contact",), post_only=True),
    "organisation:competence_archive": Route("edit", ("contact", "entry"), post_only=True),
    "members:list": Route("coordinate"),
    "members:add": Route("coordinate"),
    "members:edit": Route("coordinate", ("membership",)),
    "members:archive": Route("coordinate", ("membership",), post_only=True),
    "members:restore": Route("coordinate", ("membership",), post_only=True),
    "members:history": Route("coordinate", ("membership",)),
    "members:invitation_resend": Route("coordinate", ("invitation",), post_only=True),
    "members:invitation_withdraw": Route("coordinate", ("invitation",), post_only=True),
    "sso:settings": Route("coordinate"),
    "activities:list": Route("read"),
    "activities:export_csv": Route("read"),
    "activities:export_xlsx": Route("read"),
    "activities:create": Route("edit"),
    "activities:detail": Route("read", ("activity",)),
    "activities:edit": Route("edit", ("activity",)),
    "activities:archive": Route("edit", ("activity",)),
    "activities:restore": Route("edit", ("activity",), post_only=True),
    "activities:history": Route("read", ("activity",)),
    "activities:partner_add": Route("edit", ("activity",), post_only=True),
    "activities:partner_remove": Route("edit", ("activity", "partner_link"), post_only=True),
    "activities:budget_save": Route("edit", ("activity",), post_only=True),
    "activities:budget_remove": Route("edit", ("activity", "budget_line"), post_only=True),
    "activities:funding_add": Route("edit", ("activity",)),
    "activities:funding_edit": Route("edit", ("activity", "funding")),
    "activities:funding_archive": Route("edit", ("activity", "funding"), post_only=True),
    "activities:link_add": Route("edit", ("activity",), post_only=True),
    "activities:link_archive": Route("edit", ("activity", "link"), post_only=True),
    "activities:document_add": Route("edit", ("activity",), post_only=True),
    "activities:document_download": Route("read", ("activity", "document")),
    "activities:document_archive": Route("edit", ("activity", "document"), post_only=True),
    "partners:list": Route("read"),
    "partners:create": Route("edit"),
    "partners:detail": Route("read", ("partner",)),
    "partners:edit": Route("edit", ("partner",)),
    "partners:archive": Route("coordinate", ("partner",)),
    "partners:restore": Route("coordinate", ("partner",), post_only=True),
    "partners:history": Route("read", ("partner",)),
    "imports:upload": Route("edit"),
    "imports:template": Route("read"),
    "imports:apply": Route("edit", ("batch",), post_only=True),
    "followup:periods": Route("read"),
    "followup:due": Route("read"),
    "followup:period_create": Route("coordinate"),
    "followup:period": Route("read", ("year", "period")),
    # Writing a follow-up is checked per unit by the service.
    "followup:edit": Route("read", ("year", "period", "activity")),
    "followup:return": Route("coordinate", ("year", "period", "activity"), post_only=True),
    "followup:correct": Route("edit", ("year", "period", "activity")),
    "actionplans:list": Route("read"),
    "actionplans:create": Route("edit"),
    "actionplans:detail": Route("read", ("plan",)),
    "actionplans:edit": Route("edit", ("plan",)),
    "actionplans:evaluate": Route("edit", ("plan",), post_only=True),
    "actionplans:revise": Route("edit", ("plan",), post_only=True),
    "actionplans:followup": Route("edit", ("plan",), post_only=True),
    "actionplans:measure_create": Route("edit", ("plan",)),
    "actionplans:measure_edit": Route("edit", ("plan", "measure")),
    "actionplans:measure_evaluate": Route("edit", ("plan", "measure")),
    "actionplans:measure_archive": Route("edit", ("plan", "measure"), post_only=True),
    "reviews:list": Route("read"),
    "reviews:create": Route("edit", ("activity",)),
    "reviews:drafts": Route("read", ("activity",)),
    "reviews:draft_create": Route("edit", ("activity",), post_only=True),
    "reviews:draft_download": Route("read", ("draft", "draft_format")),
    "reviews:draft_entry": Route("edit", ("draft",)),
    "reports:page": Route("read"),
    "reports:generate": Route("read", post_only=True),  # makes an archived copy, changes no data
    "reports:archive": Route("read"),
    "reports:download": Route("read", ("report",)),
    "compliance:page": Route("read"),
    "compliance:run": Route("coordinate", post_only=True),
    "compliance:run_detail": Route("read", ("run",)),
    "compliance:justify": Route("coordinate", post_only=True),
    "compliance:justification_history": Route("read", ("justification",)),
    "activities:publish": Route("edit", ("activity",), post_only=True),
    "activities:unpublish": Route("edit", ("activity",), post_only=True),
    "publishing:overview": Route("read"),
    "publishing:settings": Route("coordinate"),
    "publishing:report_handled": Route("coordinate", ("defect",), post_only=True),
    "policies:document": Route("read", ("number", "policy_document")),
    "intake:upload": Route("coordinate"),
    "intake:review": Route("coordinate", ("intake",)),
    "intake:document": Route("coordinate", ("intake",)),
    "intake:draft": Route("coordinate", ("intake",)),
    "intake:compare": Route("coordinate", ("intake",)),
    "intake:decide": Route("coordinate", ("intake", "proposal"), post_only=True),
    "intake:edit": Route("coordinate", ("intake", "proposal")),
    "intake:add": Route("coordinate", ("intake", "element")),
    "intake:accept_all": Route("coordinate", ("intake",), post_only=True),
    "intake:adopt": Route("coordinate", ("intake",)),
    "intake:discard": Route("coordinate", ("intake",), post_only=True),
    "intake:start_template": Route("coordinate", post_only=True),
    "intake:start_blank": Route("coordinate", post_only=True),
    "intake:remove": Route("coordinate", ("intake", "proposal"), post_only=True),
    "onboarding:start": Route("coordinate"),
    "onboarding:skip": Route("coordinate", post_only=True),
    "onboarding:units": Route("coordinate"),
    "activities:bulk": Route("coordinate", post_only=True),
    "activities:bulk_apply": Route("coordinate", post_only=True),
    "search:results": Route("read"),
    "jobs:index": Route("read"),
    "imports:preview": Route("edit", ("batch",)),
    "jobs:detail": Route("read", ("job",)),  # the reader's own job; coordinators see all
    # Other municipalities' published work only (peers.selectors); the wall is the member's own.
    "peers:index": Route("read"),
    "euimport:upload": Route("edit"),
    "travel:overview": Route("read"),
    "travel:trip_add": Route("edit", ("activity",)),
    "travel:trip_edit": Route("edit", ("activity", "trip")),
    "travel:trip_archive": Route("edit", ("activity", "trip"), post_only=True),
    "travel:factor_edit": Route("coordinate", ("mode",)),
    "travel:factor_reset": Route("coordinate", ("mode",), post_only=True),
    "agenda:index": Route("read"),
    "agenda:goal": Route("read", ("goal",)),
    "agenda:review": Route("read"),
    "agenda:suggestions": Route("read", ("activity",)),
    "agenda:decide": Route("edit", ("activity",), post_only=True),
}


def _tenant_route_names() -> set[str]:
    names: set[str] = set()

    def walk(patterns: list[Any], namespace: str, prefix: str) -> None:
        for p in patterns:
            if isinstance(p, URLResolver):
                ns = f"{namespace}{p.namespace}:" if p.namespace else namespace
                walk(p.url_patterns, ns, prefix + str(p.pattern))
            elif isinstance(p, URLPattern) and "municipality_slug" in prefix + str(p.pattern):
                names.add(f"{namespace}{p.name}")

    walk(get_resolver().url_patterns, "", "")
    return names


def test_every_route_is_covered() -> None:
    assert _tenant_route_names() == set(ROUTES)


#: The world below is built once for the module (``module_data``); tests only read it.
SHARED_WORLD = True


@pytest.fixture(scope="module")
def world(django_db_setup: Any, django_db_blocker: Any, tmp_path_factory: Any) -> Iterator[dict]:
    """Uppsala objects of each kind, one of them in the editor's unit; and the personas."""
    with module_data(django_db_blocker, tmp_path_factory):
        uppsala, umea = load_shipped("uppsala"), load_shipped("umea")
        personas = make_personas(uppsala, umea)
        own_unit = Unit.objects.get(municipality=uppsala, key="utbildningsforvaltningen")
        contact = Contact.objects.get(municipality=uppsala, unit=own_unit)
        entry = CompetenceEntry.objects.create(
            municipality=uppsala, contact=contact, date=date(2025, 1, 1), title="Kurs", kind="joint"
        )
        membership = Membership.objects.get(user=personas["reader"])
        invitation = invitation_create(
            access=access_for(personas["coordinator"], "uppsala"),
            user=personas["coordinator"],
            email="inbjuden@example.se",
            first_name="Inbjuden",
            last_name="",
            role="reader",
            units=[],
        )
        # A draft version 2 that only Uppsala has, so that Umeå's own version
        # numbers cannot stand in for it.
        draft = (
            shipped_policy_file("uppsala")
            .decode()
            .replace('status = "in_force"', 'status = "draft"')
            .replace("Policy för internationellt arbete i Uppsala kommun", "Utkast till ny policy")
        )
        policy_file_load(data=draft, filename="utkast.toml", user=None)
        register = make_register_objects(uppsala, own_unit, personas["coordinator"])
        register |= make_planning_objects(
            uppsala, own_unit, register["activity"], personas["coordinator"]
        )
        register |= make_intake_objects(uppsala, personas["coordinator"])
        register |= make_draft_objects(uppsala, register["activity"], personas["coordinator"])
        register["job"] = report_start(
            access=access_for(personas["reader"], "uppsala"),
            user=personas["reader"],
            scope=Scope(uppsala, 2026),
            fmt="xlsx",
        ).pk
        yield {
            "slug": "uppsala",
            "uppsala": uppsala,
            "personas": personas,
            "ids": {
                "number": 2,
                "unit": own_unit.pk,
                "contact": contact.pk,
                "entry": entry.pk,
                "membership": membership.pk,
                "invitation": invitation.pk,
                "mode": "flight",  # an emission factor is named by its mode
                "goal": 11,  # a goal of Agenda 2030, the same in every municipality
                **register,
            },
        }


@pytest.fixture
def personas(world: dict[str, Any], db: Any) -> dict[str, Any]:
    return world["personas"]


@pytest.fixture
def uppsala(world: dict[str, Any], db: Any) -> Any:
    return world["uppsala"]


def url_for(name: str, slug: str, ids: dict[str, int]) -> str:
    route = ROUTES[name]
    return reverse(name, args=[slug, *(ids[o] for o in route.objects)])


def history_rows() -> int:
    """Every write leaves a history row; an unchanged count means nothing changed."""
    return sum(m.history.count() for m in apps.get_models() if issubclass(m, TenantModel))


@pytest.mark.parametrize("name", sorted(ROUTES))
def test_anonymous_is_sent_to_login(name: str, world: dict[str, Any]) -> None:
    client = client_for(None)
    url = url_for(name, world["slug"], world["ids"])
    for method in ("get", "post"):
        response = getattr(client, method)(url)
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("accounts:login"))


@pytest.mark.parametrize("name", sorted(ROUTES))
def test_other_municipality_gets_404(
    name: str, world: dict[str, Any], personas: dict[str, Any]
) -> None:
    client = client_for(personas["outsider"])
    before = history_rows()
    # Uppsala's URL, and Umeå's URL carrying Uppsala's object ids: both 404.
    # (For the latter a GET to a POST-only route is refused as 405 before any lookup.)
    checks = [(url_for(name, "uppsala", world["ids"]), ("get", "post"))]
    # A period is named by year and key, and a factor by its mode, which every municipality
    # has: not an object id.
    if set(ROUTES[name].objects) - {"year", "period", "mode", "goal"}:
        methods = ("post",) if ROUTES[name].post_only else ("get", "post")
        checks.append((url_for(name, "umea", world["ids"]), methods))
    for url, methods in checks:
        for method in methods:
            response = getattr(client, method)(url, {"name": "x", "file": ""})
            assert response.status_code == 404, (method, url)
    assert history_rows() == before


@pytest.mark.parametrize("name", sorted(n for n, r in ROUTES.items() if r.need != "read"))
def test_reader_cannot_change(name: str, world: dict[str, Any], personas: dict[str, Any]) -> None:
    client = client_for(personas["reader"])
    url = url_for(name, world["slug"], world["ids"])
    before = history_rows()
    assert (
        client.post(url, {"name": "Ändrat", "title": "x", "role": "coordinator"}).status_code == 403
    )
    if not ROUTES[name].post_only:
        assert client.get(url).status_code == 403
    assert history_rows() == before


@pytest.mark.parametrize(
    "name", sorted(n for n, r in ROUTES.items() if r.need == "read" and not r.post_only)
)
def test_reader_can_read(name: str, world: dict[str, Any], personas: dict[str, Any]) -> None:
    response = client_for(personas["reader"]).get(url_for(name, world["slug"], world["ids"]))
    assert response.status_code == 200


@pytest.mark.parametrize("name", sorted(n for n, r in ROUTES.items() if not r.post_only))
def test_coordinator_opens_every_page(
    name: str, world: dict[str, Any], personas: dict[str, Any]
) -> None:
    response = client_for(personas["coordinator"]).get(url_for(name, world["slug"], world["ids"]))
    assert response.status_code == 200


@pytest.mark.parametrize("name", sorted(n for n, r in ROUTES.items() if r.need == "coordinate"))
def test_editor_cannot_coordinate(
    name: str, world: dict[str, Any], personas: dict[str, Any]
) -> None:
    client = client_for(personas["editor"])
    url = url_for(name, world["slug"], world["ids"])
    before = history_rows()
    assert client.post(url, {"name": "Ändrat"}).status_code == 403
    assert history_rows() == before


def test_editor_changes_only_own_units(
    world: dict[str, Any], personas: dict[str, Any], uppsala: Any
) -> None:
    client = client_for(personas["editor"])
    own = Contact.objects.get(pk=world["ids"]["contact"])
    foreign = Contact.objects.filter(municipality=uppsala).exclude(unit=own.unit).first()
    assert foreign is not None
    assert (
        client.get(reverse("organisation:contact_edit", args=["uppsala", own.pk])).status_code
        == 200
    )
    before = history_rows()
    for name in (
        "organisation:contact_edit",
        "organisation:contact_archive",
        "organisation:competence_add",
    ):
        url = reverse(name, args=["uppsala", foreign.pk])
        assert client.post(url, {"name": "Kapat"}).status_code == 403
    assert history_rows() == before
    # Nor can an editor move their own contact into a unit they do not edit.
    response = client.post(
        reverse("organisation:contact_edit", args=["uppsala", own.pk]),
        {"name": own.name, "unit": foreign.unit_id, "row_version": own.row_version},
    )
    assert response.status_code == 200  # the form refuses the choice
    own.refresh_from_db()
    assert own.unit_id == world["ids"]["unit"]


def test_reader_cannot_write_a_followup(world: dict[str, Any], personas: dict[str, Any]) -> None:
    url = url_for("followup:edit", "uppsala", world["ids"])
    before = history_rows()
    response = client_for(personas["reader"]).post(
        url, {"status": "on_track", "progress": 10, "spent": 0, "submit": 1}
    )
    assert response.status_code == 403
    assert history_rows() == before
