"""Demo follow-ups, action plans and reviews, so every page of the yearly cycle has something.

Loaded after the register; idempotent (nothing is created twice). All of it
is invented example data.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django.utils.translation import gettext as _

from utblick.actionplans.models import ActionPlan, Measure, Outcome, PlanState
from utblick.actionplans.services import measure_save, plan_save
from utblick.activities.models import Activity
from utblick.core import clock
from utblick.core.tenancy import system_access
from utblick.followup.models import FollowUp, TrafficLight
from utblick.followup.selectors import period_of
from utblick.followup.services import FollowUpData, followup_save
from utblick.municipalities.models import Municipality
from utblick.organisation.models import Contact, Unit
from utblick.reviews.models import Decision, Review
from utblick.reviews.services import review_record

#: (municipality, year, period key, activity title, status, progress, spent, comment)
FOLLOWUPS = [
    ("kungalv", 2026, "t1", "Framtidens skolgård", TrafficLight.ON_TRACK, 30, "40000", ""),
    (
        "kungalv",
        2026,
        "t1",
        "Besöksnäring i Kattegatt",
        TrafficLight.AT_RISK,
        55,
        "310000",
        "Två partner har dragit sig ur; budgeten ses över med Interreg-sekretariatet.",
    ),
    (
        "kungalv",
        2026,
        "t1",
        "Samarbetsavtal med Sylt om kustturism",
        TrafficLight.ON_TRACK,
        50,
        "0",
        "",
    ),
    (
        "umea",
        2025,
        "ar",
        "Hållbar stadsutveckling i norr",
        TrafficLight.ON_TRACK,
        60,
        "1100000",
        "",
    ),
    (
        "umea",
        2025,
        "ar",
        "Kommunalt partnerskap Umeå–Mwanza",
        TrafficLight.OFF_TRACK,
        35,
        "380000",
        "Förseningar i upphandlingen hos partnerkommunen; nytt tidsplan i dialog med ICLD.",
    ),
    ("upplands-bro", 2025, "ar", "Vägen till arbete", TrafficLight.ON_TRACK, 70, "1000000", ""),
]

#: (municipality, unit, year, state, measures [(title, indicator, target, outcome, value)])
PLANS = [
    (
        "kungalv",
        "sektor-utbildning-kultur-fritid",
        2026,
        PlanState.ADOPTED,
        [
            ("Söka minst ett nytt Erasmus+-projekt", "Inskickade ansökningar", "1", "", ""),
            ("Låta elever delta i utbyte med Skagen", "Antal elever", "40", "", ""),
        ],
    ),
    (
        "upplands-bro",
        "utbildningsnamnden",
        2026,
        PlanState.ADOPTED,
        [
            ("Förskolepersonal hospiterar i Europa", "Antal hospitanter", "8", "", ""),
            ("Kompetensutveckling om EU:s fonder", "Deltagare i utbildningsdagen", "15", "", ""),
        ],
    ),
    (
        "upplands-bro",
        "socialnamnden",
        2026,
        PlanState.ADOPTED,
        [
            (
                "Driva ESF+-projektet Vägen till arbete",
                "Deltagare i arbete eller studier",
                "30",
                "",
                "",
            ),
        ],
    ),
    (
        "upplands-bro",
        "utbildningsnamnden",
        2025,
        PlanState.EVALUATED,
        [
            (
                "Ansöka om Erasmus+-ackreditering",
                "Ackreditering beviljad",
                "Ja",
                Outcome.ACHIEVED,
                "Ja",
            ),
            ("Studieresa om digital skola", "Deltagare", "6", Outcome.ACHIEVED, "6"),
        ],
    ),
    (
        "upplands-bro",
        "socialnamnden",
        2025,
        PlanState.ADOPTED,
        [
            ("Starta ESF+-projekt", "Projektstart", "2025-01", Outcome.PARTLY, "2025-03"),
        ],
    ),
]

#: (municipality, activity title, decision, body, decided_on, reference, assessment)
REVIEWS = [
    (
        "uppsala",
        "Vänort: Bærum",
        Decision.CONTINUE,
        "kf",
        date(2025, 5, 12),
        "KF § 102/2025",
        "Gemensamma projekt inom skola och äldreomsorg ger tydlig nytta; samarbetet fortsätter.",
    ),
]


def load_planning(municipality: Municipality) -> list[str]:
    """The municipality's demo follow-ups, plans and reviews that do not exist yet.

    Written through the same services as the pages; a follow-up is written on
    its period's due date, as the unit would have done (the clock is set there).
    """
    changes: list[str] = []
    slug = municipality.slug
    access = system_access(municipality)
    activities = {a.title: a for a in Activity.objects.filter(municipality=municipality)}
    for s, year, key, title, status, progress, spent, comment in FOLLOWUPS:
        if s != slug or title not in activities:
            continue
        period = period_of(municipality, year, key)
        if period is None or (
            period.pk
            and FollowUp.objects.filter(activity=activities[title], period=period).exists()
        ):
            continue
        data = FollowUpData(
            status=status,
            progress=progress,
            spent=Decimal(spent),
            comment=comment,
            results=_("Arbetet går enligt projektplanen.")
            if status == TrafficLight.ON_TRACK
            else "",
        )
        with clock.fixed_day(period.due_on):
            followup_save(
                access=access,
                user=None,
                activity=activities[title],
                period=period,
                data=data,
                submit=True,
                expected_version=None,
            )
        changes.append(_("ny uppföljning: %(a)s, %(p)s") % {"a": title, "p": period.name})
    units = {u.key: u for u in Unit.objects.filter(municipality=municipality)}
    contacts = list(Contact.objects.filter(municipality=municipality))
    for s, unit_key, year, state, measures in PLANS:
        if s != slug or ActionPlan.objects.filter(unit=units[unit_key], year=year).exists():
            continue
        plan = ActionPlan(
            unit=units[unit_key],
            year=year,
            state=state,
            adopted_on=date(year, 2, 15),
            decision_reference=f"{year}/{unit_key[:3].upper()}-12",
            summary=_("Exempel: påhittad handlingsplan för demon."),
            evaluation_summary=_("Årets åtgärder genomfördes.")
            if state == PlanState.EVALUATED
            else "",
            evaluated_on=date(year + 1, 1, 31) if state == PlanState.EVALUATED else None,
        )
        plan_save(access=access, user=None, plan=plan, expected_version=None)
        for i, (title, indicator, target, outcome, value) in enumerate(measures):
            measure = Measure(
                title=title,
                indicator=indicator,
                target_value=target,
                deadline=date(year, 12, 31),
                outcome=outcome,
                outcome_value=value,
                position=i,
                responsible=contacts[0] if contacts else None,
                evaluation_comment=_("Startade två månader sent.")
                if outcome == Outcome.PARTLY
                else "",
            )
            measure_save(
                access=access,
                user=None,
                plan=plan,
                measure=measure,
                activities=[],
                goals=[],
                expected_version=None,
            )
        changes.append(_("ny handlingsplan: %(p)s") % {"p": plan})
    for s, title, decision, body, decided, reference, assessment in REVIEWS:
        if s != slug or title not in activities or activities[title].reviews.exists():
            continue
        review = Review(
            decision=decision,
            deciding_body=units[body],
            decided_on=decided,
            decision_reference=reference,
            assessment=assessment,
            next_review_on=date(decided.year + 2, 5, 31),
        )
        review_record(access=access, user=None, activity=activities[title], review=review)
        changes.append(_("ny omprövning: %(a)s") % {"a": title})
    return changes
