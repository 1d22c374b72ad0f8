"""`utblick demo --scale national`: every Swedish municipality's worth of data, for benchmarks.

290 invented municipalities, each loaded from one of the four shipped policy
files with its own name, code and organisation number (so each has a policy,
units, contacts and a follow-up cadence), then about 100 000 activities of all
kinds, 20 000 partners, 400 000 follow-ups, budget and funding rows and a
realistic share published. Deterministic: the same seed gives the same data.

Policies go through the ordinary loader; the bulk rows are inserted directly
(bulk_create) without history rows, since nobody made those changes: that is
what makes minutes instead of hours. The first municipality, "Benchby", has
exactly 500 activities for the report benchmark.
"""

from __future__ import annotations

import copy
import random
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from utblick.activities.models import Activity, ActivityPartner, BudgetLine, Kind, Status
from utblick.core import clock
from utblick.core.countries import country_name
from utblick.core.text import fold
from utblick.core.validators import luhn_ok
from utblick.demo.services import SHIPPED, shipped_policy_file
from utblick.followup.models import FollowUp, Period
from utblick.followup.selectors import periods_for
from utblick.followup.services import period_ensure
from utblick.funding.models import Funding, FundingSource
from utblick.funding.services import funding_sources_ensure
from utblick.jobs.models import Job
from utblick.jobs.services import JobRefused, Outcome, Progress, job_start
from utblick.municipalities.models import Municipality
from utblick.organisation.models import Contact, Unit
from utblick.partners.models import Partner
from utblick.policies.models import FocusArea, PolicyStatus
from utblick.policies.services import policy_file_load
from utblick.public.copying import public_copies
from utblick.public.map import centroid
from utblick.public.models import PublicActivity, PublicSettings

PREFIXES = [
    "Ny",
    "Gran",
    "Björk",
    "Ek",
    "Sjö",
    "Berg",
    "Å",
    "Lind",
    "Hag",
    "Strand",
    "Ö",
    "Norr",
    "Sör",
    "Väst",
    "Öst",
    "Mal",
    "Kvarn",
    "Holm",
    "Lunn",
    "Fors",
]
SUFFIXES = [
    "by",
    "köping",
    "hamn",
    "ås",
    "dal",
    "vik",
    "torp",
    "stad",
    "berga",
    "sund",
    "näs",
    "fors",
    "hult",
    "åker",
    "ö",
]
COUNTRIES = [
    "FI",
    "NO",
    "DK",
    "EE",
    "LV",
    "LT",
    "PL",
    "DE",
    "NL",
    "BE",
    "FR",
    "ES",
    "IT",
    "PT",
    "AT",
    "CZ",
    "IE",
    "GB",
    "IS",
    "UA",
    "US",
    "KR",
    "TZ",
    "KE",
]
KIND_SHARE = [
    (Kind.PROJECT, 40),
    (Kind.EVENT, 20),
    (Kind.NETWORK, 15),
    (Kind.TWIN_CITY, 10),
    (Kind.PARTNERSHIP, 10),
    (Kind.MONITORING, 5),
]
WORDS = [
    "klimat",
    "skola",
    "unga",
    "kultur",
    "digital",
    "vatten",
    "hälsa",
    "jämställdhet",
    "energi",
    "näringsliv",
    "demokrati",
    "trafik",
]


@dataclass
class Scale:
    municipalities: int = 290
    activities: int = 100_000
    partners: int = 20_000
    followups_per_activity: int = 4
    published_share: float = 0.6
    first_size: int = 500  # the first municipality's activities (the report benchmark)
    seed: int = 2026
    slugs: list[str] | None = None  # instead of the invented names (e.g. for the scaling curve)
    sizes: list[int] | None = None  # activities per municipality, with ``slugs``


@dataclass
class Generated:
    municipalities: int = 0
    activities: int = 0
    partners: int = 0
    followups: int = 0
    published: int = 0


def municipality_names(count: int) -> list[tuple[str, str]]:
    """(name, slug) pairs, the first "Benchby kommun"."""
    names = [("Benchby kommun", "benchby")]
    for prefix in PREFIXES:
        for suffix in SUFFIXES:
            stem = (prefix + suffix).capitalize()
            names.append((f"{stem} kommun", re.sub(r"[^a-z]", "", fold(stem).replace(" ", ""))))
    seen: set[str] = set()
    unique = [n for n in names if not (n[1] in seen or seen.add(n[1]))]  # type: ignore[func-returns-value]
    if count > len(unique):
        raise ValueError(f"at most {len(unique)} municipalities")
    return unique[:count]


def organisation_number(i: int) -> str:
    body = f"212{i:06d}"
    check = next(d for d in range(10) if luhn_ok(body + str(d)))
    return f"{body[:6]}-{body[6:]}{check}"


def policy_text(template: str, name: str, slug: str, i: int) -> str:
    """A shipped policy file as another municipality's."""
    head, rest = template.split("[municipality]", 1)
    block, tail = rest.split("\n\n", 1)
    block = re.sub(r'(?m)^name = ".*"$', f'name = "{name}"', block)
    block = re.sub(r'(?m)^slug = ".*"$', f'slug = "{slug}"', block)
    block = re.sub(r'(?m)^code = ".*"$', f'code = "{9000 + i:04d}"', block)
    block = re.sub(
        r'(?m)^organisation_number = ".*"$',
        f'organisation_number = "{organisation_number(i)}"',
        block,
    )
    block = re.sub(r'(?m)^website = ".*"$', f'website = "https://www.{slug}.example.se"', block)
    return head + "[municipality]" + block + "\n\n" + tail


def sizes(scale: Scale) -> list[int]:
    if scale.sizes:
        return scale.sizes
    rest = scale.activities - scale.first_size
    count = scale.municipalities - 1
    base, extra = divmod(rest, count) if count else (0, 0)
    return [scale.first_size] + [base + (1 if i < extra else 0) for i in range(count)]


def generate(scale: Scale, progress: Callable[[int], None] | None = None) -> Generated:
    """Create what does not exist yet; a municipality already generated is left as it is."""
    funding_sources_ensure()
    sources = list(FundingSource.objects.filter(external=True).order_by("position"))
    templates = {slug: shipped_policy_file(slug).decode() for slug in SHIPPED}
    partners_each = max(1, scale.partners // scale.municipalities)
    result = Generated()
    names = (
        [(f"{slug.capitalize()} kommun", slug) for slug in scale.slugs]
        if scale.slugs
        else municipality_names(scale.municipalities)
    )
    for i, ((name, slug), size) in enumerate(zip(names, sizes(scale), strict=True)):
        if Activity.objects.filter(municipality__slug=slug).exists():
            if progress:
                progress(1)
            continue
        rng = random.Random(scale.seed * 1000 + i)
        with transaction.atomic():
            # Umeå's policy first: it has the most rules, so Benchby is the hard case.
            # Code and organisation number only need to be free; the data depends on i alone.
            number = Municipality.objects.count()
            text = policy_text(templates[SHIPPED[(i + 1) % len(SHIPPED)]], name, slug, number)
            municipality = policy_file_load(
                data=text, filename=f"{slug}.toml", user=None
            ).municipality
            made = _fill(municipality, rng, size, partners_each, scale, sources)
        result.municipalities += 1
        for key, value in made.items():
            setattr(result, key, getattr(result, key) + value)
        if progress:
            progress(1)
    return result


def _fill(
    m: Municipality,
    rng: random.Random,
    size: int,
    partner_count: int,
    scale: Scale,
    sources: list[FundingSource],
) -> dict[str, int]:
    units = list(Unit.objects.filter(municipality=m))
    contacts = list(Contact.objects.filter(municipality=m))
    areas = list(
        FocusArea.objects.filter(policy__municipality=m, policy__status=PolicyStatus.IN_FORCE)
    )
    partners = Partner.objects.bulk_create(list(_partners(m, rng, partner_count)), batch_size=1000)
    networks = [p for p in partners if p.kind == "network"] or partners[:1]
    activities = Activity.objects.bulk_create(
        [_activity(m, rng, n, units, contacts, networks) for n in range(size)], batch_size=1000
    )
    through = Activity.focus_areas.through
    through.objects.bulk_create(
        [
            through(activity_id=a.pk, focusarea_id=area.pk)
            for a in activities
            for area in rng.sample(areas, k=min(len(areas), rng.choice((1, 1, 2))))
        ],
        batch_size=2000,
    )
    links = [
        ActivityPartner(
            municipality=m, activity=a, partner=p, role=rng.choice(("lead", "partner", "partner"))
        )
        for a in activities
        if a.kind in (Kind.PROJECT, Kind.TWIN_CITY, Kind.PARTNERSHIP)
        for p in rng.sample(partners, k=min(len(partners), rng.choice((1, 1, 2, 3))))
    ]
    ActivityPartner.objects.bulk_create(links, batch_size=2000)
    _money(m, rng, [a for a in activities if a.kind == Kind.PROJECT], sources)
    followups = _followups(m, rng, activities, scale.followups_per_activity)
    published = [
        a.pk
        for a in activities
        if a.status in (Status.ACTIVE, Status.COMPLETED)
        and rng.random() < scale.published_share / 0.75
    ]
    _publish(m, published)
    return {
        "activities": len(activities),
        "partners": len(partners),
        "followups": followups,
        "published": len(published),
    }


def _partners(m: Municipality, rng: random.Random, count: int) -> Iterator[Partner]:
    for n in range(count):
        country = rng.choice(COUNTRIES)
        kind = rng.choice(
            ("municipality", "municipality", "region", "university", "association", "network")
        )
        middle = centroid(country) or (15.0, 55.0)
        name = f"{rng.choice(PREFIXES)}{rng.choice(SUFFIXES)} {kind[:4].upper()}-{n:03d} ({country_name(country)})"
        yield Partner(
            municipality=m,
            name=name,
            name_key=fold(name),
            kind=kind,
            country=country,
            place=f"Ort {n:03d}",
            latitude=Decimal(f"{middle[1] + rng.uniform(-1.5, 1.5):.5f}"),
            longitude=Decimal(f"{middle[0] + rng.uniform(-1.5, 1.5):.5f}"),
        )


def _activity(
    m: Municipality,
    rng: random.Random,
    n: int,
    units: list[Unit],
    contacts: list[Contact],
    networks: list[Partner],
) -> Activity:
    kind = rng.choices([k for k, _w in KIND_SHARE], weights=[w for _k, w in KIND_SHARE])[0]
    status = rng.choices(list(Status), weights=[5, 10, 50, 25, 5, 5])[0]
    start = date(2015, 1, 1) + timedelta(days=rng.randrange(0, 12 * 365))
    theme = rng.choice(WORDS)
    country = rng.choice(COUNTRIES)
    fields: dict[str, Any] = {
        "municipality": m,
        "kind": kind,
        "title": f"{theme.capitalize()} {n:05d} – {Kind(kind).label.lower()}",
        "summary": f"Exempel för prestandamätning: {theme} i samarbete med {country_name(country)}.",
        "status": status,
        "unit": rng.choice(units),
        "contact": rng.choice(contacts) if contacts and rng.random() < 0.7 else None,
        "start_date": start,
        "end_date": start + timedelta(days=rng.randrange(90, 4 * 365))
        if rng.random() < 0.6
        else None,
        "country": country,
        "place": f"Ort {rng.randrange(1000):03d}",
        "example": True,
    }
    if kind == Kind.PROJECT:
        fields["development_area"] = theme.capitalize()
    elif kind in (Kind.TWIN_CITY, Kind.PARTNERSHIP):
        fields["agreement_date"] = start
        fields["agreement_state"] = "active"
        fields["next_review_on"] = start + timedelta(days=4 * 365)
    elif kind == Kind.NETWORK:
        fields |= {
            "network": rng.choice(networks),
            "member_since": start,
            "annual_fee": Decimal(rng.randrange(5, 200) * 1000),
            "next_review_on": start + timedelta(days=4 * 365),
            "country": "",
            "place": "",
        }
    elif kind == Kind.EVENT:
        fields |= {
            "cost": Decimal(rng.randrange(1, 80) * 1000),
            "participant_count": rng.randrange(2, 40),
        }
    else:
        fields |= {"reference": f"COM({2020 + n % 6}) {n % 900}", "country": "", "place": ""}
    activity = Activity(**fields)
    activity.search_text = fold(" ".join([activity.title, activity.summary, activity.place]))
    return activity


def _money(
    m: Municipality, rng: random.Random, projects: list[Activity], sources: list[FundingSource]
) -> None:
    lines, funding = [], []
    for a in projects:
        year = a.start_date.year if a.start_date else 2025
        for offset in range(rng.choice((1, 2, 3))):
            budget = Decimal(rng.randrange(50, 3000) * 1000)
            lines.append(
                BudgetLine(
                    municipality=m, activity=a, year=year + offset, budget=budget, cost=budget / 2
                )
            )
        if rng.random() < 0.4:
            applied = Decimal(rng.randrange(100, 2000) * 1000)
            granted = rng.random() < 0.7
            funding.append(
                Funding(
                    municipality=m,
                    activity=a,
                    source=rng.choice(sources),
                    status="granted" if granted else "applied",
                    currency="SEK",
                    applied_amount=applied,
                    granted_amount=applied * Decimal("0.8") if granted else None,
                    rate_to_sek=Decimal(1),
                    decided_on=a.start_date if granted else None,
                )
            )
    BudgetLine.objects.bulk_create(lines, batch_size=2000)
    Funding.objects.bulk_create(funding, batch_size=2000)


def _followups(
    m: Municipality, rng: random.Random, activities: list[Activity], per_activity: int
) -> int:
    periods: list[Period] = []
    for year in (2023, 2024, 2025, 2026):
        for period in periods_for(m, year):
            period_ensure(period)
    today = clock.today()
    periods = list(
        Period.objects.filter(municipality=m, start__lte=today).order_by("-start")[:per_activity]
    )
    now = clock.now()
    rows = [
        FollowUp(
            municipality=m,
            activity=a,
            period=p,
            status=rng.choices(("on_track", "at_risk", "off_track"), weights=(7, 2, 1))[0],
            comment="Förseningar i partnerkommunen.",
            progress=rng.randrange(0, 101),
            spent=Decimal(rng.randrange(0, 500) * 1000),
            state="submitted",
            submitted_at=now,
        )
        for a in activities
        for p in periods
    ]
    FollowUp.objects.bulk_create(rows, batch_size=2000)
    return len(rows)


def _publish(m: Municipality, ids: list[int]) -> None:
    now = clock.now()
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        copies = public_copies(chunk)
        PublicActivity.objects.bulk_create(
            [
                PublicActivity(
                    activity_id=pk,
                    **{**values, "first_published_at": now, "last_published_at": now},
                )
                for pk, values in copies.items()
            ]
        )
    Activity.objects.filter(pk__in=ids).update(
        published=True, first_published_at=now, last_published_at=now
    )
    PublicSettings.objects.bulk_create(
        [
            PublicSettings(
                municipality=m,
                enabled=True,
                contact_email=f"oppnadata@{m.slug}.example.se",
                accessibility_email=f"webb@{m.slug}.example.se",
            )
        ]
    )


#: The sizes a platform administrator may generate from the browser.
PRESETS: dict[str, tuple[Any, Scale]] = {
    "small": (
        gettext_lazy("Liten: 12 kommuner, 5 000 aktiviteter, 800 partner"),
        Scale(municipalities=12, activities=5_000, partners=800, first_size=500),
    ),
    "national": (
        gettext_lazy("Nationell: 290 kommuner, 100 000 aktiviteter, 20 000 partner"),
        Scale(),
    ),
}


def demo_scale_start(*, user: Any, preset: str) -> Job:
    """Queue the generation of benchmark data at a preset size (never in production)."""
    if settings.PRODUCTION:
        raise PermissionError(_("Demodata skapas aldrig i produktion."))
    label, _scale = PRESETS[preset]
    return job_start(
        kind="demo-scale",
        params={"preset": preset},
        key=preset,
        title=_("Demodata i skala – %(size)s") % {"size": label},
        user=user,
    )


def demo_scale_job(job: Job, access: Any, user: Any, progress: Progress) -> Outcome:
    """Generate the preset's municipalities, counting them; what exists already is kept."""
    if settings.PRODUCTION:
        raise JobRefused(_("Demodata skapas aldrig i produktion."))
    if user is None or not user.is_superuser:
        raise JobRefused(_("Bara plattformens administratör kan skapa demodata."))
    scale = copy.copy(PRESETS[job.params["preset"]][1])
    progress.stage(
        _("Skapar kommunerna med policy, register och uppföljningar"), scale.municipalities
    )
    made = generate(scale, progress=progress.advance)
    return Outcome(
        url=reverse("platformadmin:municipalities"),
        label=_(
            "%(m)s nya kommuner, %(a)s aktiviteter, %(p)s partner och %(f)s uppföljningar – se kommunerna"
        )
        % {"m": made.municipalities, "a": made.activities, "p": made.partners, "f": made.followups},
    )
