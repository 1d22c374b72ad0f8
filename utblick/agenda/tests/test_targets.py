"""The 169 targets (issue 17, point 1): reference data under their goals, taggable when a
policy has the built-in classification, and counted on the goal's page."""

from __future__ import annotations

from datetime import date
from typing import Any

from utblick.activities.models import Activity
from utblick.activities.services import activity_save
from utblick.activities.validation import Tags
from utblick.agenda.selectors import goal_overview, goal_page
from utblick.core.reference import AGENDA_2030
from utblick.core.sdg_targets import TARGETS, targets_of
from utblick.core.tenancy import system_access
from utblick.demo.services import shipped_policy_file
from utblick.organisation.models import Unit
from utblick.policies.models import Term
from utblick.policies.services import policy_file_load
from utblick.public.copying import public_copy
from utblick.reports.data import Scope, build_report

TARGETS_TAXONOMY = """
[[policy.taxonomies]]
key = "delmal"
name = "Delmål i Agenda 2030"
builtin = "agenda2030-delmal"
"""


def test_169_targets_each_under_its_goal() -> None:
    codes = [code for code, _name in TARGETS]
    assert len(codes) == len(set(codes)) == 169
    per_goal = {goal: len(targets_of(goal)) for goal, _name in AGENDA_2030}
    # The UN's counts: goal 17 has 19 targets, goal 13 five, goal 3 thirteen.
    assert per_goal["17"] == 19 and per_goal["13"] == 5 and per_goal["3"] == 13
    assert sum(per_goal.values()) == 169
    assert all(name and name[0].isupper() for _code, name in TARGETS)


def test_a_target_tags_the_activity_under_its_goal(db: Any) -> None:
    toml = shipped_policy_file("umea").decode()
    anchor = "[[policy.principles]]"
    toml = toml.replace(anchor, TARGETS_TAXONOMY.strip() + "\n\n" + anchor, 1)
    umea = policy_file_load(data=toml, filename="umea.toml", user=None).municipality
    target = Term.objects.get(
        taxonomy__policy__municipality=umea, taxonomy__builtin="agenda2030-delmal", code="13.1"
    )
    assert Term.objects.filter(taxonomy=target.taxonomy).count() == 169
    activity = activity_save(
        access=system_access(umea),
        user=None,
        activity=Activity(
            municipality=umea,
            kind="event",
            title="Skyfallsplanering med Würzburg",
            unit=Unit.objects.get(municipality=umea, key="ks"),
            status="active",
            start_date=date(2026, 5, 1),
        ),
        tags=Tags(terms=[target]),
        expected_version=None,
    )
    page = goal_page(umea, "13")
    assert [r.activity.pk for r in page.activities] == [activity.pk]
    assert ("13.1", dict(TARGETS)["13.1"], 1) in page.targets
    assert {g: n for g, _name, n, _k in goal_overview(umea)}["13"] == 1
    assert goal_page(umea, "1").activities == []
    # The public copy counts it under goal 13 (the open data's agenda2030 column), and so
    # does the compiled report.
    assert public_copy(activity)["sdgs"] == ["13"]
    counts = dict(map(tuple, build_report(Scope(umea, 2026)).table("sdgs").rows))
    assert counts["13 Bekämpa klimatförändringarna"] == 1
    assert counts["1 Ingen fattigdom"] == 0
