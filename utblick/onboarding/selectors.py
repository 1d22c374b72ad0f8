"""Reads for the first-run path: each step's state, derived from the data, and the standard units."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

from django.db.models import Count, Exists, OuterRef, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from utblick.accounts.models import Invitation, Membership
from utblick.activities.models import Activity
from utblick.imports.models import BatchStatus, ImportBatch
from utblick.municipalities.models import Municipality
from utblick.onboarding.models import Step, StepSkip
from utblick.organisation.models import Unit, UnitKind
from utblick.policies.models import Policy, PolicyStatus
from utblick.public.models import PublicSettings

#: The units step is done when the municipality has at least this many current units.
UNITS_NEEDED = 2

DONE, SKIPPED, TODO = "done", "skipped", "todo"
STATUS_LABELS = {
    DONE: gettext_lazy("Klart"),
    SKIPPED: gettext_lazy("Hoppades över"),
    TODO: gettext_lazy("Att göra"),
}


@dataclass(frozen=True)
class StepState:
    """One step of the path as the page shows it."""

    key: str
    number: int
    title: str
    explanation: str
    rule: str
    link_text: str
    url: str
    done: bool
    skipped: bool

    @property
    def status(self) -> str:
        if self.done:
            return DONE
        return SKIPPED if self.skipped else TODO

    @property
    def status_label(self) -> str:
        return str(STATUS_LABELS[self.status])

    @property
    def finished(self) -> bool:
        return self.done or self.skipped


@dataclass(frozen=True)
class Progress:
    steps: list[StepState]

    @property
    def total(self) -> int:
        return len(self.steps)

    @property
    def finished_count(self) -> int:
        """Steps done or skipped: what the progress bar counts."""
        return sum(1 for s in self.steps if s.finished)

    @property
    def done_count(self) -> int:
        return sum(1 for s in self.steps if s.done)

    @property
    def complete(self) -> bool:
        return self.finished_count == self.total

    @property
    def next_step(self) -> StepState | None:
        return next((s for s in self.steps if not s.finished), None)


def _count(queryset: QuerySet) -> Coalesce:
    """How many rows of ``queryset`` belong to the outer municipality, as a subquery."""
    per_municipality = (
        queryset.filter(municipality=OuterRef("pk"))
        .order_by()
        .values("municipality")
        .annotate(n=Count("pk"))
        .values("n")[:1]
    )
    return Coalesce(Subquery(per_municipality), 0)


def _exists(queryset: QuerySet) -> Exists:
    return Exists(queryset.filter(municipality=OuterRef("pk")))


def _done(municipality: Municipality) -> dict[str, bool]:
    """Each step's completion, read from the data in one query (the menu asks on every page)."""
    facts = (
        Municipality.objects.filter(pk=municipality.pk)
        .annotate(
            policy=_exists(Policy.objects.filter(status=PolicyStatus.IN_FORCE)),
            units=_count(Unit.objects.current()),
            members=_count(Membership.objects.filter(archived_at__isnull=True)),
            invited=_exists(Invitation.objects.filter(withdrawn_at__isnull=True)),
            activities=_exists(Activity.objects.all()),
            applied=_exists(ImportBatch.objects.filter(status=BatchStatus.APPLIED)),
            published=_exists(PublicSettings.objects.filter(enabled=True)),
        )
        .values("policy", "units", "members", "invited", "activities", "applied", "published")
        .get()
    )
    return {
        Step.POLICY: facts["policy"],
        Step.UNITS: facts["units"] >= UNITS_NEEDED,
        Step.MEMBERS: facts["members"] > 1 or facts["invited"],
        Step.REGISTER: facts["activities"] or facts["applied"],
        Step.PUBLISHING: facts["published"],
    }


def onboarding_open(municipality: Municipality) -> bool:
    """Whether some step is neither done nor skipped (two queries, whatever the data)."""
    skipped = skipped_steps(municipality)
    return any(not done for step, done in _done(municipality).items() if step not in skipped)


def skipped_steps(municipality: Municipality) -> set[str]:
    return set(
        StepSkip.objects.filter(municipality=municipality, skipped_at__isnull=False).values_list(
            "step", flat=True
        )
    )


def onboarding_progress(municipality: Municipality) -> Progress:
    """The five steps in order, each done (from the data), skipped (stored) or still to do."""
    slug = municipality.slug
    done = _done(municipality)
    skipped = skipped_steps(municipality)
    texts = {
        Step.POLICY: (
            _(
                "Kommunens policy för det internationella arbetet styr allt annat i Utblick: "
                "fokusområden, mål och principer. Ladda upp det antagna dokumentet, utgå från "
                "en färdig policy eller fyll i den själv."
            ),
            _("Klart när ett styrdokument är antaget och gäller."),
            _("Lägg in styrdokumentet"),
            reverse("intake:upload", args=[slug]),
        ),
        Step.UNITS: (
            _(
                "Enheterna är kommunens organ och förvaltningar: de äger aktiviteterna och "
                "redaktörerna arbetar för dem. Välj bland vanliga nämnder och bolag."
            ),
            _("Klart när kommunen har minst två enheter, till exempel fullmäktige och styrelsen."),
            _("Lägg till enheter"),
            reverse("onboarding:units", args=[slug]),
        ),
        Step.MEMBERS: (
            _(
                "Bjud in kollegorna som ska läsa eller föra in uppgifter. De får en länk med "
                "e-post och väljer själva lösenord."
            ),
            _("Klart när någon mer än du är medlem eller inbjuden."),
            _("Bjud in användare"),
            reverse("members:add", args=[slug]),
        ),
        Step.REGISTER: (
            _(
                "Har kommunen en förteckning i Excel över samarbeten och projekt? Läs in den, "
                "så slipper ni skriva in allt på nytt."
            ),
            _("Klart när registret har minst en aktivitet eller en import är inläst."),
            _("Läs in den gamla listan"),
            reverse("imports:upload", args=[slug]),
        ),
        Step.PUBLISHING: (
            _(
                "Visa invånarna kommunens internationella arbete på en publik sida. Bara "
                "aktiviteter ni själva publicerar syns där."
            ),
            _("Klart när den publika sidan är påslagen."),
            _("Slå på den publika sidan"),
            reverse("publishing:settings", args=[slug]),
        ),
    }
    steps = []
    for number, (key, title) in enumerate(Step.choices, start=1):
        explanation, rule, link_text, url = texts[Step(key)]
        steps.append(
            StepState(
                key=key,
                number=number,
                title=str(title),
                explanation=explanation,
                rule=rule,
                link_text=link_text,
                url=url,
                done=done[Step(key)],
                skipped=key in skipped,
            )
        )
    return Progress(steps)


# --- The suggested standard set of units ------------------------------------------------


@dataclass(frozen=True)
class StandardUnit:
    """A body most Swedish municipalities have, offered on the standard-set page."""

    key: str
    name: str
    kind: str
    group: str
    parent: str | None = None
    ticked: bool = False


POLITICAL = "political"
ADMINISTRATION = "administration"
COMPANIES = "companies"
GROUPS = {
    POLITICAL: gettext_lazy("Fullmäktige, styrelse och nämnder"),
    ADMINISTRATION: gettext_lazy("Förvaltningar och kontor"),
    COMPANIES: gettext_lazy("Kommunala bolag (exempel, byt namn)"),
}

STANDARD_UNITS: tuple[StandardUnit, ...] = (
    StandardUnit("kf", "Kommunfullmäktige", UnitKind.COUNCIL, POLITICAL, ticked=True),
    StandardUnit("ks", "Kommunstyrelsen", UnitKind.EXECUTIVE_BOARD, POLITICAL, "kf", ticked=True),
    StandardUnit("bun", "Barn- och utbildningsnämnden", UnitKind.COMMITTEE, POLITICAL, "kf"),
    StandardUnit("son", "Socialnämnden", UnitKind.COMMITTEE, POLITICAL, "kf"),
    StandardUnit("kfn", "Kultur- och fritidsnämnden", UnitKind.COMMITTEE, POLITICAL, "kf"),
    StandardUnit("mbn", "Miljö- och byggnadsnämnden", UnitKind.COMMITTEE, POLITICAL, "kf"),
    StandardUnit("tn", "Tekniska nämnden", UnitKind.COMMITTEE, POLITICAL, "kf"),
    StandardUnit("ofn", "Överförmyndarnämnden", UnitKind.COMMITTEE, POLITICAL, "kf"),
    StandardUnit("klk", "Kommunledningskontoret", UnitKind.DEPARTMENT, ADMINISTRATION, "ks"),
    StandardUnit(
        "buf", "Barn- och utbildningsförvaltningen", UnitKind.DEPARTMENT, ADMINISTRATION, "bun"
    ),
    StandardUnit("sof", "Socialförvaltningen", UnitKind.DEPARTMENT, ADMINISTRATION, "son"),
    StandardUnit(
        "kff", "Kultur- och fritidsförvaltningen", UnitKind.DEPARTMENT, ADMINISTRATION, "kfn"
    ),
    StandardUnit(
        "sbf", "Samhällsbyggnadsförvaltningen", UnitKind.DEPARTMENT, ADMINISTRATION, "mbn"
    ),
    StandardUnit("tf", "Tekniska förvaltningen", UnitKind.DEPARTMENT, ADMINISTRATION, "tn"),
    StandardUnit("bostadsbolag", "Kommunens bostadsbolag AB", UnitKind.COMPANY, COMPANIES, "ks"),
    StandardUnit("energibolag", "Kommunens energibolag AB", UnitKind.COMPANY, COMPANIES, "ks"),
    StandardUnit(
        "naringslivsbolag", "Kommunens näringslivsbolag AB", UnitKind.COMPANY, COMPANIES, "ks"
    ),
)
STANDARD_BY_KEY = {s.key: s for s in STANDARD_UNITS}


def name_key(name: str) -> str:
    """How two unit names are compared: case and surrounding spaces ignored."""
    return " ".join(name.split()).casefold()


def existing_unit_names(municipality: Municipality) -> dict[str, Unit]:
    """The municipality's current units by compared name."""
    return {name_key(u.name): u for u in Unit.objects.current().filter(municipality=municipality)}


def standard_units_offered(municipality: Municipality) -> tuple[list[StandardUnit], list[Unit]]:
    """The standard units still to offer, and the current units already matching one.

    A unit matches by name, or by the standard key it was given when added from this list.
    """
    current = list(Unit.objects.current().filter(municipality=municipality))
    by_name = {name_key(u.name): u for u in current}
    # A standard unit added under another name keeps the standard key.
    by_key = {u.key: u for u in current}
    offered, present = [], []
    for unit in STANDARD_UNITS:
        found = by_name.get(name_key(unit.name)) or by_key.get(unit.key)
        if found is None:
            offered.append(unit)
        else:
            present.append(found)
    return offered, present


def unit_keys_taken(municipality: Municipality) -> set[str]:
    return set(Unit.objects.filter(municipality=municipality).values_list("key", flat=True))


class SetupState:
    """What a new municipality still lacks, read once per page and only when asked.

    The empty states of the lists use it to say what to do next: first the
    policy, then units, then activities.
    """

    def __init__(self, municipality: Municipality) -> None:
        self.municipality = municipality

    @cached_property
    def has_policy(self) -> bool:
        return Policy.objects.filter(
            municipality=self.municipality, status=PolicyStatus.IN_FORCE
        ).exists()

    @cached_property
    def has_units(self) -> bool:
        return Unit.objects.current().filter(municipality=self.municipality).exists()

    @cached_property
    def has_activities(self) -> bool:
        return Activity.objects.filter(municipality=self.municipality).exists()
