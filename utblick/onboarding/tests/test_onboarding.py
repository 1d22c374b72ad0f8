"""The first-run path: each step derived from the data, skips with history, the standard units."""

from __future__ import annotations

from typing import Any

import pytest
from bs4 import BeautifulSoup
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from utblick.accounts.access import access_for
from utblick.accounts.services import invitation_create
from utblick.activities.models import Activity
from utblick.core.tenancy import Role
from utblick.demo.services import shipped_policy_file
from utblick.intake.evaluate import shipped_policy
from utblick.municipalities.models import Municipality
from utblick.onboarding.models import StepSkip
from utblick.onboarding.selectors import STANDARD_UNITS, onboarding_progress
from utblick.onboarding.services import UnitChoice, onboarding_step_skip, standard_units_add
from utblick.organisation.models import Unit, UnitKind
from utblick.policies.services import policy_file_load
from utblick.public.models import PublicSettings
from utblick.testing.fixtures import client_for, make_member

pytestmark = pytest.mark.django_db


def fresh_municipality(slug: str = "kungalv") -> Municipality:
    """A municipality as a platform administrator creates it: no policy, no units, no data."""
    spec = shipped_policy(slug).municipality
    return Municipality.objects.create(
        name=spec.name, slug=spec.slug, code=spec.code, organisation_number=spec.organisation_number
    )


@pytest.fixture
def kungalv(db: Any) -> Municipality:
    return fresh_municipality()


@pytest.fixture
def coordinator(kungalv: Municipality) -> Any:
    return make_member(kungalv, "ny-samordnare", Role.COORDINATOR)


def states(municipality: Municipality) -> dict[str, str]:
    return {s.key: s.status for s in onboarding_progress(municipality).steps}


def soup(response: Any) -> BeautifulSoup:
    return BeautifulSoup(response.content, "html.parser")


def test_a_new_municipality_has_every_step_to_do(kungalv: Municipality, coordinator: Any) -> None:
    assert states(kungalv) == dict.fromkeys(
        ["policy", "units", "members", "register", "publishing"], "todo"
    )
    page = soup(client_for(coordinator).get(reverse("onboarding:start", args=["kungalv"])))
    steps = page.select("ol.onboarding-steps > li")
    assert len(steps) == 5
    assert steps[0].h2.get_text(" ", strip=True) == "1. Styrdokument Att göra"
    assert page.select_one("#onboarding-progress-label").get_text(strip=True) == (
        "0 av 5 steg klara"
    )
    progress = page.select_one("progress")
    assert progress["value"] == "0" and progress["max"] == "5"
    # Each step links to where it is done.
    links = [s.select("a")[0]["href"] for s in steps]
    assert links == [
        reverse("intake:upload", args=["kungalv"]),
        reverse("onboarding:units", args=["kungalv"]),
        reverse("members:add", args=["kungalv"]),
        reverse("imports:upload", args=["kungalv"]),
        reverse("publishing:settings", args=["kungalv"]),
    ]


def test_each_step_is_done_when_its_data_exists(kungalv: Municipality, coordinator: Any) -> None:
    access = access_for(coordinator, "kungalv")
    unit = Unit.objects.create(municipality=kungalv, key="kf", name="KF", kind=UnitKind.COUNCIL)
    assert states(kungalv)["units"] == "todo"  # one unit is not yet an organisation
    Unit.objects.create(municipality=kungalv, key="ks", name="KS", kind=UnitKind.EXECUTIVE_BOARD)
    assert states(kungalv)["units"] == "done"

    invitation_create(
        access=access,
        user=coordinator,
        email="kollega@example.se",
        first_name="Kollega",
        last_name="",
        role="reader",
        units=[],
    )
    assert states(kungalv)["members"] == "done"

    Activity.objects.create(
        municipality=kungalv, kind="project", title="Första", unit=unit, development_area="x"
    )
    assert states(kungalv)["register"] == "done"

    PublicSettings.objects.create(
        municipality=kungalv,
        enabled=False,
        contact_email="a@example.se",
        accessibility_email="a@example.se",
    )
    assert states(kungalv)["publishing"] == "todo"
    PublicSettings.objects.filter(municipality=kungalv).update(enabled=True)
    assert states(kungalv)["publishing"] == "done"

    assert states(kungalv)["policy"] == "todo"
    policy_file_load(data=shipped_policy_file("kungalv"), filename="k.toml", user=None)
    assert states(kungalv)["policy"] == "done"
    progress = onboarding_progress(kungalv)
    assert progress.complete and progress.done_count == 5


def test_a_member_besides_the_coordinator_counts(kungalv: Municipality, coordinator: Any) -> None:
    make_member(kungalv, "kollega", Role.READER)
    assert states(kungalv)["members"] == "done"


def test_skip_and_unskip_leave_history(kungalv: Municipality, coordinator: Any) -> None:
    client = client_for(coordinator)
    url = reverse("onboarding:skip", args=["kungalv"])
    assert client.post(url, {"step": "units", "action": "skip"}).status_code == 302
    assert states(kungalv)["units"] == "skipped"
    row = StepSkip.objects.get(municipality=kungalv, step="units")
    assert row.skipped_by == coordinator
    page = soup(client.get(reverse("onboarding:start", args=["kungalv"])))
    assert "Hoppades över" in page.select_one("#steg-units h2").get_text()
    assert page.select_one("#steg-units button").get_text(strip=True).startswith("Ångra")

    client.post(url, {"step": "units", "action": "unskip"})
    assert states(kungalv)["units"] == "todo"
    # Skipping twice changes nothing the second time.
    client.post(url, {"step": "units", "action": "skip"})
    client.post(url, {"step": "units", "action": "skip"})
    actions = list(
        row.history.order_by("history_date").values_list("history_action", "history_user")
    )
    assert actions == [
        ("stepskip.skipped", coordinator.pk),
        ("stepskip.unskipped", coordinator.pk),
        ("stepskip.skipped", coordinator.pk),
    ]


def test_a_bad_step_changes_nothing(kungalv: Municipality, coordinator: Any) -> None:
    client = client_for(coordinator)
    url = reverse("onboarding:skip", args=["kungalv"])
    assert client.post(url, {"step": "nonsense", "action": "skip"}).status_code == 302
    with pytest.raises(ValidationError):
        onboarding_step_skip(
            access=access_for(coordinator, "kungalv"), user=coordinator, step="x", skip=True
        )
    assert not StepSkip.objects.exists()


def test_all_steps_skipped_is_complete(kungalv: Municipality, coordinator: Any) -> None:
    client = client_for(coordinator)
    start = reverse("dashboard:start", args=["kungalv"])
    assert soup(client.get(start)).select_one(".onboarding-panel") is not None
    for step in ("policy", "units", "members", "register", "publishing"):
        client.post(reverse("onboarding:skip", args=["kungalv"]), {"step": step, "action": "skip"})
    page = soup(client.get(reverse("onboarding:start", args=["kungalv"])))
    assert page.select_one(".notice a")["href"] == start
    assert soup(client.get(start)).select_one(".onboarding-panel") is None


def test_the_menu_offers_the_path_while_it_is_open(kungalv: Municipality, coordinator: Any) -> None:
    client = client_for(coordinator)
    url = reverse("onboarding:start", args=["kungalv"])
    units = reverse("organisation:unit_list", args=["kungalv"])
    assert soup(client.get(units)).select_one(f".main-nav a[href='{url}']") is not None
    reader = make_member(kungalv, "lasare", Role.READER)
    assert soup(client_for(reader).get(units)).select_one(f".main-nav a[href='{url}']") is None
    for step in ("policy", "units", "members", "register", "publishing"):
        client.post(reverse("onboarding:skip", args=["kungalv"]), {"step": step, "action": "skip"})
    assert soup(client.get(units)).select_one(f".main-nav a[href='{url}']") is None


def test_only_the_coordinator_sees_the_path(kungalv: Municipality, coordinator: Any) -> None:
    reader = make_member(kungalv, "lasare", Role.READER)
    editor = make_member(kungalv, "redaktor", Role.EDITOR)
    for user in (reader, editor):
        client = client_for(user)
        for name in ("onboarding:start", "onboarding:units"):
            assert client.get(reverse(name, args=["kungalv"])).status_code == 403
        response = client.post(
            reverse("onboarding:skip", args=["kungalv"]), {"step": "units", "action": "skip"}
        )
        assert response.status_code == 403
        page = soup(client.get(reverse("dashboard:start", args=["kungalv"])))
        assert page.select_one(".onboarding-panel") is None
    assert not StepSkip.objects.exists()
    with pytest.raises(PermissionDenied):
        onboarding_step_skip(
            access=access_for(reader, "kungalv"), user=reader, step="units", skip=True
        )


def test_another_municipality_gets_404(kungalv: Municipality, coordinator: Any) -> None:
    other = fresh_municipality("upplands-bro")
    outsider = make_member(other, "annan", Role.COORDINATOR)
    client = client_for(outsider)
    for name in ("onboarding:start", "onboarding:units", "onboarding:skip"):
        url = reverse(name, args=["kungalv"])
        assert client.get(url).status_code == 404
        assert client.post(url, {"step": "units", "action": "skip"}).status_code == 404
    assert not StepSkip.objects.exists()
    assert not Unit.objects.exists()


def _units_post(**changes: Any) -> dict[str, Any]:
    """The standard-set form as first shown: KF and KS ticked, names as suggested."""
    data: dict[str, Any] = {f"name_{u.key}": u.name for u in STANDARD_UNITS}
    data |= {f"add_{u.key}": "on" for u in STANDARD_UNITS if u.ticked}
    data.update(changes)
    return {k: v for k, v in data.items() if v is not None}


def test_standard_units_are_added_with_kind_parent_and_history(
    kungalv: Municipality, coordinator: Any
) -> None:
    client = client_for(coordinator)
    url = reverse("onboarding:units", args=["kungalv"])
    page = soup(client.get(url))
    assert page.select_one("#id_add_kf").has_attr("checked")
    assert page.select_one("#id_add_ks").has_attr("checked")
    assert not page.select_one("#id_add_son").has_attr("checked")
    response = client.post(
        url,
        _units_post(
            add_son="on",
            add_sof="on",
            add_bostadsbolag="on",
            name_bostadsbolag="Kungälvsbostäder AB",
        ),
        follow=True,
    )
    assert "5 enheter lades till." in soup(response).select_one(".messages").get_text()
    units = {u.name: u for u in Unit.objects.filter(municipality=kungalv)}
    assert set(units) == {
        "Kommunfullmäktige",
        "Kommunstyrelsen",
        "Socialnämnden",
        "Socialförvaltningen",
        "Kungälvsbostäder AB",
    }
    assert units["Kommunfullmäktige"].kind == UnitKind.COUNCIL
    assert units["Kommunfullmäktige"].parent is None
    assert units["Kommunstyrelsen"].parent == units["Kommunfullmäktige"]
    assert units["Socialförvaltningen"].parent == units["Socialnämnden"]
    assert units["Socialförvaltningen"].kind == UnitKind.DEPARTMENT
    assert units["Kungälvsbostäder AB"].kind == UnitKind.COMPANY
    assert all(u.history.get().history_user_id == coordinator.pk for u in units.values())
    # Present units are shown as such and not offered again, renamed ones too.
    page = soup(client.get(url))
    assert page.select_one("#id_add_kf") is None
    assert page.select_one("#id_add_bostadsbolag") is None
    assert page.select_one("#id_add_bun") is not None
    assert "Kungälvsbostäder AB" in page.select_one(".standard-units__present").get_text()
    assert "Kommunfullmäktige" in page.select_one(".standard-units__present").get_text()
    assert page.select_one("a[href$='/organisation/enheter/ny/']") is not None
    assert states(kungalv)["units"] == "done"


def test_a_later_unit_finds_its_existing_parent(kungalv: Municipality, coordinator: Any) -> None:
    access = access_for(coordinator, "kungalv")
    standard_units_add(
        access=access, user=coordinator, choices=[UnitChoice("kf", "Kommunfullmäktige")]
    )
    [tn] = standard_units_add(
        access=access, user=coordinator, choices=[UnitChoice("tn", "Tekniska nämnden")]
    )
    assert tn.parent.name == "Kommunfullmäktige"


@pytest.mark.parametrize(
    ("changes", "error"),
    [
        ({"name_ks": "  "}, "Skriv ett namn på enheten."),
        ({"name_ks": "kommunfullmäktige"}, "Det finns redan en enhet som heter kommunfullmäktige."),
        ({"add_kf": None, "add_ks": None, "add_son": None}, "Välj minst en enhet att lägga till."),
        ({"name_ks": "x" * 201}, "som mest 200 tecken"),
    ],
)
def test_bad_input_saves_nothing(
    kungalv: Municipality, coordinator: Any, changes: dict[str, Any], error: str
) -> None:
    response = client_for(coordinator).post(
        reverse("onboarding:units", args=["kungalv"]), _units_post(**{"add_son": "on", **changes})
    )
    assert response.status_code == 200
    summary = soup(response).select_one(".error-summary")
    assert summary is not None and error in summary.get_text()
    assert not Unit.objects.exists()


def test_a_standard_unit_is_not_added_twice(kungalv: Municipality, coordinator: Any) -> None:
    access = access_for(coordinator, "kungalv")
    standard_units_add(access=access, user=coordinator, choices=[UnitChoice("kf", "Fullmäktige")])
    with pytest.raises(ValidationError) as raised:
        standard_units_add(
            access=access,
            user=coordinator,
            choices=[UnitChoice("ks", "Kommunstyrelsen"), UnitChoice("kf", "Nytt namn")],
        )
    assert raised.value.message_dict == {"kf": ["Enheten finns redan."]}
    assert Unit.objects.count() == 1


def test_a_name_already_in_use_saves_nothing(kungalv: Municipality, coordinator: Any) -> None:
    Unit.objects.create(municipality=kungalv, key="x", name="Samhällsnämnden", kind="committee")
    response = client_for(coordinator).post(
        reverse("onboarding:units", args=["kungalv"]),
        _units_post(add_mbn="on", name_mbn="Samhällsnämnden"),
    )
    assert (
        "Det finns redan en enhet som heter Samhällsnämnden."
        in soup(response).select_one(".error-summary").get_text()
    )
    assert Unit.objects.count() == 1


def test_a_failing_unit_rolls_back_the_whole_set(kungalv: Municipality, coordinator: Any) -> None:
    # A control character passes the form's length check but not unit_save's text check:
    # the units saved before it are rolled back.
    access = access_for(coordinator, "kungalv")
    with pytest.raises(ValidationError):
        standard_units_add(
            access=access,
            user=coordinator,
            choices=[
                UnitChoice("kf", "Kommunfullmäktige"),
                UnitChoice("tn", "Tekniska\x00 nämnden"),
            ],
        )
    assert not Unit.objects.exists()
    assert Unit.history.count() == 0
