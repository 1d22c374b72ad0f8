"""Writes for Agenda 2030 indicators: the one door for a Kolada load, all or nothing."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from utblick.activities.models import Activity
from utblick.activities.services import activity_save, activity_tags, require_editable
from utblick.agenda.models import COUNTRY, Decision, Indicator, IndicatorValue, SdgDecision
from utblick.agenda.reading import KoladaError, read_documents
from utblick.agenda.suggest import suggest
from utblick.agenda.suggestions import activity_text
from utblick.core import services as core
from utblick.core.tenancy import Access
from utblick.municipalities.selectors import reference_municipality
from utblick.policies.models import Builtin, PolicyStatus, Term


@dataclass
class LoadResult:
    indicators_new: int = 0
    indicators_changed: int = 0
    values_new: int = 0
    values_changed: int = 0
    values_unchanged: int = 0
    notes: list[str] = field(default_factory=list)


def _area_name(code: str) -> str:
    found = reference_municipality(code)
    return f"{found.name} ({code})" if found else code


def kolada_load(
    *, access: Access, user: AbstractBaseUser | None, documents: list[tuple[str, bytes]]
) -> LoadResult:
    """Read Kolada API v3 responses into the municipality's indicators.

    Refused whole (KoladaError, nothing stored) when a file is malformed, holds another
    municipality's figures, or a key figure's goal is unknown.
    """
    access.require("coordinate")
    municipality = access.municipality
    content = read_documents(documents)
    problems = []
    foreign = sorted(content.areas - {municipality.code, COUNTRY})
    if foreign:
        problems.append(
            _(
                "Filerna har nyckeltal för %(areas)s, inte för %(m)s (%(code)s). Hämta "
                "kommunens egna värden ur Kolada."
            )
            % {
                "areas": ", ".join(_area_name(c) for c in foreign),
                "m": municipality.name,
                "code": municipality.code or "–",
            }
        )
    known: dict[str, dict[str, Indicator]] = {}
    for indicator in Indicator.objects.filter(municipality=municipality):
        known.setdefault(indicator.kpi, {})[indicator.goal] = indicator
    orphans = sorted({f.kpi for f in content.figures} - set(content.kpis) - set(known))
    if orphans:
        problems.append(
            _(
                "Nyckeltalen %(kpis)s hör inte till något av de 17 målen. Läs in svaret från "
                "/v3/kpi_groups tillsammans med data."
            )
            % {"kpis": ", ".join(orphans)}
        )
    if problems:
        raise KoladaError(problems)

    result = LoadResult(notes=list(content.notes))
    with transaction.atomic():
        for kpi, goals in sorted(content.kpis.items()):
            for goal, (title, group) in sorted(goals.items()):
                indicator = known.get(kpi, {}).get(goal)
                if indicator is None:
                    indicator = Indicator(
                        municipality=municipality, kpi=kpi, goal=goal, title=title, group=group
                    )
                    core.save_versioned(indicator, expected_version=None, user=user)
                    known.setdefault(kpi, {})[goal] = indicator
                    result.indicators_new += 1
                elif (indicator.title, indicator.group) != (title, group):
                    indicator.title, indicator.group = title, group
                    core.save_versioned(indicator, expected_version=None, user=user)
                    result.indicators_changed += 1
        stored = {
            (v.indicator_id, v.area, v.year, v.gender): v
            for v in IndicatorValue.objects.filter(municipality=municipality)
        }
        for figure in content.figures:
            for indicator in known[figure.kpi].values():
                key = (indicator.pk, figure.area, figure.year, figure.gender)
                row = stored.get(key)
                if row is None:
                    row = IndicatorValue(
                        municipality=municipality,
                        indicator=indicator,
                        area=figure.area,
                        year=figure.year,
                        gender=figure.gender,
                        value=figure.value,
                        status=figure.status,
                    )
                    core.save_versioned(row, expected_version=None, user=user)
                    stored[key] = row
                    result.values_new += 1
                elif (row.value, row.status) != (figure.value, figure.status):
                    row.value, row.status = figure.value, figure.status
                    core.save_versioned(row, expected_version=None, user=user)
                    result.values_changed += 1
                else:
                    result.values_unchanged += 1
    return result


def _term_for(activity: Activity, code: str) -> Term | None:
    builtin = Builtin.AGENDA2030_TARGETS if "." in code else Builtin.AGENDA2030
    return Term.objects.filter(
        taxonomy__policy__municipality_id=activity.municipality_id,
        taxonomy__policy__status=PolicyStatus.IN_FORCE,
        taxonomy__builtin=builtin,
        code=code,
    ).first()


def sdg_decide(
    *,
    access: Access,
    user: AbstractBaseUser | None,
    activity: Activity,
    code: str,
    accept: bool,
) -> SdgDecision:
    """Accept (tag the activity with the goal or target) or reject a suggestion; kept with
    the words that triggered it. The tag goes through the activity's own door."""
    require_editable(access, activity)
    core.refuse_if_archived(activity)
    suggestions = suggest(activity_text(activity))
    found = next((s for s in suggestions if s.goal == code.split(".")[0]), None)
    if found is None or ("." in code and code not in found.targets):
        raise ValidationError(_("%(code)s föreslås inte längre för aktiviteten.") % {"code": code})
    term = _term_for(activity, code) if accept else None
    if accept and term is None:
        raise ValidationError(
            _("Styrdokumentet som gäller har ingen klassificering för %(code)s i Agenda 2030.")
            % {"code": code}
        )
    words = sorted({h.keyword for h in found.hits if "." not in code or h.target == code})
    decision = SdgDecision.objects.filter(activity=activity, code=code).first() or SdgDecision(
        municipality=activity.municipality, activity=activity, code=code
    )
    decision.decision = Decision.ACCEPTED if accept else Decision.REJECTED
    decision.words = words
    decision.confidence = Decimal(str(found.confidence))
    with transaction.atomic():
        if term is not None:
            tags = activity_tags(activity)
            if term not in tags.terms:
                tags.terms.append(term)
                activity_save(
                    access=access,
                    user=user,
                    activity=activity,
                    tags=tags,
                    expected_version=activity.row_version,
                    reason=_("Förslag till Agenda 2030 godtaget: %(words)s")
                    % {"words": ", ".join(words)},
                )
        core.save_versioned(decision, expected_version=None, user=user)
    return decision
