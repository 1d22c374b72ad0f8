"""The national benchmark dataset: counts, determinism, and that it is ordinary data."""

from __future__ import annotations

import pytest
from django.core.management import CommandError, call_command

from utblick.activities.models import Activity, ActivityPartner, Kind
from utblick.demo.national import Scale, generate, municipality_names, organisation_number
from utblick.followup.models import FollowUp
from utblick.municipalities.models import Municipality
from utblick.organisation.models import Unit
from utblick.partners.models import Partner
from utblick.policies.models import Policy, PolicyStatus
from utblick.public.models import PublicActivity, PublicSettings

pytestmark = pytest.mark.django_db


def _titles(slug: str) -> list[tuple[str, str, str]]:
    return list(
        Activity.objects.filter(municipality__slug=slug)
        .order_by("pk")
        .values_list("title", "kind", "status")
    )


def test_a_small_national_dataset_has_what_was_asked_for() -> None:
    scale = Scale(municipalities=3, activities=90, partners=30, first_size=40, seed=7)
    made = generate(scale)

    assert made.municipalities == 3
    assert made.activities == Activity.objects.count() == 90
    assert made.partners == Partner.objects.count() == 30
    assert made.followups == FollowUp.objects.count() > 0
    slugs = [slug for _name, slug in municipality_names(3)]
    assert Activity.objects.filter(municipality__slug=slugs[0]).count() == 40
    for municipality in Municipality.objects.filter(slug__in=slugs):
        in_force = Policy.objects.filter(municipality=municipality, status=PolicyStatus.IN_FORCE)
        assert in_force.count() == 1
        assert Unit.objects.filter(municipality=municipality).exists()
        assert PublicSettings.objects.get(municipality=municipality).enabled
    assert set(Activity.objects.values_list("kind", flat=True)) >= {Kind.PROJECT, Kind.NETWORK}
    # Links never cross a municipality's wall.
    for link in ActivityPartner.objects.select_related("activity", "partner"):
        assert link.activity.municipality_id == link.partner.municipality_id == link.municipality_id
    published = Activity.objects.filter(published=True)
    assert 0 < published.count() < 90
    assert PublicActivity.objects.count() == published.count()


def test_the_same_seed_gives_the_same_data_and_a_second_run_adds_nothing() -> None:
    generate(Scale(slugs=["forsta"], sizes=[25], partners=10, municipalities=1, seed=3))
    generate(Scale(slugs=["andra"], sizes=[25], partners=10, municipalities=1, seed=3))
    generate(Scale(slugs=["tredje"], sizes=[25], partners=10, municipalities=1, seed=4))
    assert _titles("forsta") == _titles("andra")
    assert _titles("forsta") != _titles("tredje")

    again = generate(Scale(slugs=["forsta"], sizes=[25], partners=10, municipalities=1, seed=3))
    assert again.municipalities == again.activities == 0
    assert Activity.objects.filter(municipality__slug="forsta").count() == 25


def test_invented_municipalities_have_unique_slugs_and_valid_organisation_numbers() -> None:
    names = municipality_names(290)
    assert len({slug for _name, slug in names}) == 290
    assert names[0] == ("Benchby kommun", "benchby")
    from utblick.core.validators import luhn_ok

    assert all(luhn_ok(organisation_number(i).replace("-", "")) for i in range(290))
    with pytest.raises(ValueError):
        municipality_names(10_000)


def test_the_command_builds_a_scaled_dataset_and_refuses_bad_arguments() -> None:
    call_command("demo", scale="national", municipalities=2, activities=12, partners=4, quiet=True)
    assert Municipality.objects.count() == 2
    assert Activity.objects.count() == 12
    with pytest.raises(CommandError, match="lika många"):
        call_command("demo", scale="national", names="a,b", sizes="10", quiet=True)
    with pytest.raises(CommandError, match="heltal"):
        call_command("demo", scale="national", names="a", sizes="tio", quiet=True)
    with pytest.raises(CommandError, match="minst en"):
        call_command("demo", scale="national", municipalities=3, activities=2, quiet=True)
