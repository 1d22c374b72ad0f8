"""Search across one municipality's register, partners, contacts and documents.

Every search reads the member's own municipality only (``visible_to``);
archived rows are left out.

* Activities, the one kind that grows into thousands per municipality, are
  found through the database's own index, kept by triggers
  (``utblick.search.index``): FTS5 on SQLite, a GIN-indexed ``tsvector`` and a
  trigram index on PostgreSQL. Both match the beginnings of words
  ("ekorr" finds "Ekorrprojektet", not "projektet" inside it).
* Partners, contacts and documents, a few hundred per municipality, are
  matched at query time:

  * PostgreSQL: full text with the Swedish configuration (stemming: "vänorter"
    finds "vänort"), every word as a prefix, over ``unaccent`` text (å/ä/ö
    folded: "goteborg" finds "Göteborg"), plus trigram word similarity on the
    title for misspellings. Title words weigh A, the rest B, so a title hit
    ranks above a body hit.
  * SQLite: every word of the query, folded and lightly stemmed, must occur in
    the folded title or body (``utblick_fold``, see ``utblick.search.db``);
    a title hit counts three times a body hit.

The query is plain words (``query_words``): quotes, ``*``, ``-``, ``NEAR`` and
parentheses have no meaning; the words reach a query parser only as quoted
strings (FTS5) or as ``\\w+`` lexemes (``to_tsquery``).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.contrib.postgres.search import (
    SearchQuery,
    SearchRank,
    SearchVector,
    TrigramWordSimilarity,
)
from django.db import connection
from django.db.models import (
    Case,
    Count,
    F,
    FloatField,
    Func,
    IntegerField,
    Q,
    QuerySet,
    TextField,
    Value,
    When,
    Window,
)
from django.db.models.functions import Cast, Coalesce
from django.urls import reverse
from django.utils.translation import gettext as _

from utblick.activities.models import Activity, ActivityDocument
from utblick.core.tenancy import Access
from utblick.core.text import CONTROL_CHARACTERS, fold
from utblick.organisation.models import Contact
from utblick.partners.models import Partner
from utblick.policies.models import Policy, PolicyDocument
from utblick.reports.models import GeneratedReport
from utblick.search import index
from utblick.search.db import SQLITE_FOLD

#: Longer queries are cut here; nobody types more into a search box.
MAX_QUERY = 200
#: At most this many words count; the rest are ignored.
MAX_WORDS = 8
#: Hits shown per group; the count says how many there are in all.
PER_GROUP = 20
#: Trigram word similarity at which a title counts as a misspelt hit.
TRIGRAM_THRESHOLD = 0.5

_WORD = re.compile(r"\w+")
_CONTROL = re.compile(f"[{CONTROL_CHARACTERS}\ud800-\udfff]")
# Common Swedish inflections, longest first; SQLite has no Swedish stemmer.
_ENDINGS = ("arnas", "ernas", "ornas", "arna", "erna", "orna", "ens", "ets", "ar", "er", "or")


@dataclass(frozen=True)
class Hit:
    """One found record: what it is, where it goes, a line of context."""

    title: str
    url: str
    kind_label: str
    detail: str
    rank: float


@dataclass
class Group:
    """The hits of one kind (activities, partners, contacts, documents) and their count."""

    key: str
    label: str
    count: int = 0
    hits: list[Hit] = field(default_factory=list)


@dataclass
class Results:
    query: str
    words: list[str]
    groups: list[Group]

    @property
    def total(self) -> int:
        return sum(group.count for group in self.groups)


def clean_query(raw: str | None) -> str:
    """The query as searched: control characters removed, spaces collapsed, at most 200 characters."""
    text = _CONTROL.sub(" ", raw or "")
    return " ".join(text.split())[:MAX_QUERY].strip()


def query_words(query: str) -> list[str]:
    """Folded words of the query; punctuation and operator syntax drop out."""
    return _WORD.findall(fold(query).replace("_", " "))[:MAX_WORDS]


def stem(word: str) -> str:
    """A light Swedish stem for SQLite: "vanorter" → "vanort", "kommunerna" → "kommun"."""
    for ending in _ENDINGS:
        if word.endswith(ending) and len(word) - len(ending) >= 4:
            return word[: -len(ending)]
    return word


# --- matching, per database ----------------------------------------------------------------


def _unaccent(expression: Any) -> Func:
    text = Coalesce(expression, Value(""), output_field=TextField())
    return Func(text, function="unaccent", output_field=TextField())


def _folded(expression: Any) -> Func:
    text = Coalesce(expression, Value(""), output_field=TextField())
    return Func(text, function=SQLITE_FOLD, output_field=TextField())


def _matching(
    queryset: QuerySet[Any],
    title: Sequence[str],
    body: Sequence[str],
    words: list[str],
) -> QuerySet[Any]:
    """``queryset`` narrowed to rows that match ``words``, annotated with ``search_rank``.

    ``title`` and ``body`` name the fields.
    """
    if connection.vendor == "postgresql":
        return _matching_postgres(queryset, title, body, words)
    return _matching_sqlite(queryset, title, body, words)


def _matching_postgres(
    queryset: QuerySet[Any],
    title: Sequence[str],
    body: Sequence[str],
    words: list[str],
) -> QuerySet[Any]:
    text = " ".join(words)
    vector = SearchVector(*[_unaccent(F(f)) for f in title], config="swedish", weight="A")
    if body:
        vector = vector + SearchVector(
            *[_unaccent(F(f)) for f in body], config="swedish", weight="B"
        )
    # Prefix matching ("ekorr" finds "ekorrsamordnare"), every word required. The words
    # are \w+ only (query_words), so the raw tsquery can never be malformed.
    query = SearchQuery(
        " & ".join(f"{word}:*" for word in words), config="swedish", search_type="raw"
    )
    title_text = (
        _unaccent(F(title[0]))
        if len(title) == 1
        else _unaccent(
            Func(
                *[F(f) for f in title],
                function="concat_ws",
                template="concat_ws(' ', %(expressions)s)",
            )
        )
    )
    return (
        queryset.annotate(
            search_document=vector,
            search_similarity=TrigramWordSimilarity(text, Func(title_text, function="lower")),
        )
        .filter(Q(search_document=query) | Q(search_similarity__gte=TRIGRAM_THRESHOLD))
        .annotate(
            search_rank=Cast(
                SearchRank(F("search_document"), query) + F("search_similarity") / 10,
                FloatField(),
            )
        )
    )


def _matching_sqlite(
    queryset: QuerySet[Any],
    title: Sequence[str],
    body: Sequence[str],
    words: list[str],
) -> QuerySet[Any]:
    names = {f"search_t{i}": _folded(F(f)) for i, f in enumerate(title)}
    names |= {f"search_b{i}": _folded(F(f)) for i, f in enumerate(body)}
    body_names = [f"search_b{i}" for i in range(len(body))]
    queryset = queryset.alias(**names)
    title_names = [name for name in names if name.startswith("search_t")]
    score: Any = Value(0)
    for word in words:
        part = stem(word)
        in_title = Q()
        for name in title_names:
            in_title |= Q(**{f"{name}__contains": part})
        in_body = Q()
        for name in body_names:
            in_body |= Q(**{f"{name}__contains": part})
        queryset = queryset.filter(in_title | in_body)
        whens = [When(in_title, then=Value(3))]
        if in_body:
            whens.append(When(in_body, then=Value(1)))
        score = score + Case(*whens, default=Value(0), output_field=IntegerField())
    return queryset.annotate(search_rank=Cast(score, FloatField()))


# --- the kinds --------------------------------------------------------------------------------


def _top(queryset: QuerySet[Any], *order: str) -> tuple[int, list[Any]]:
    """The best rows and, counted in the same query, how many match in all."""
    rows = list(
        queryset.annotate(search_total=Window(Count("pk"))).order_by("-search_rank", *order)[
            :PER_GROUP
        ]
    )
    return (rows[0].search_total if rows else 0), rows


def _activities(access: Access, words: list[str]) -> tuple[int, list[Hit]]:
    """Through the database's own index (``utblick.search.index``): thousands per municipality."""
    slug = access.municipality.slug
    count, ranked = index.find_activities(
        connection, access.municipality.pk, words, [stem(word) for word in words], PER_GROUP
    )
    found = (
        Activity.objects.visible_to(access)
        .current()
        .only("id", "title", "kind", "status", "summary")
        .in_bulk([pk for pk, _rank in ranked])
    )
    hits = [
        Hit(
            title=activity.title,
            url=reverse("activities:detail", args=[slug, activity.pk]),
            kind_label=activity.get_kind_display(),
            detail=" · ".join(
                [
                    str(activity.get_status_display()),
                    *([activity.summary] if activity.summary else []),
                ]
            ),
            rank=rank,
        )
        for pk, rank in ranked
        if (activity := found.get(pk)) is not None
    ]
    return count, hits


def _partners(access: Access, words: list[str]) -> tuple[int, list[Hit]]:
    slug = access.municipality.slug
    queryset = _matching(
        Partner.objects.visible_to(access).current(), ["name"], ["place", "description"], words
    ).only("id", "name", "kind", "place", "country")
    count, rows = _top(queryset, "name", "pk")
    hits = [
        Hit(
            title=partner.name,
            url=reverse("partners:detail", args=[slug, partner.pk]),
            kind_label=partner.get_kind_display(),
            detail=", ".join(p for p in [partner.place, partner.country] if p),
            rank=partner.search_rank,
        )
        for partner in rows
    ]
    return count, hits


def _contacts(access: Access, words: list[str]) -> tuple[int, list[Hit]]:
    slug = access.municipality.slug
    queryset = (
        _matching(
            Contact.objects.visible_to(access).current(),
            ["name"],
            ["title", "role", "unit__name"],
            words,
        )
        .select_related("unit")
        .only("id", "name", "title", "unit__name")
    )
    count, rows = _top(queryset, "name", "pk")
    hits = [
        Hit(
            title=contact.name,
            url=reverse("organisation:contact_detail", args=[slug, contact.pk]),
            kind_label=_("Kontaktperson"),
            detail=", ".join(p for p in [contact.title, contact.unit.name] if p),
            rank=contact.search_rank,
        )
        for contact in rows
    ]
    return count, hits


def _documents(access: Access, words: list[str]) -> tuple[int, list[Hit]]:
    """Policy versions, their attached files, activities' attached files and the report archive."""
    slug = access.municipality.slug
    sources: list[tuple[QuerySet[Any], Callable[[Any], Hit]]] = [
        (
            _matching(
                Policy.objects.visible_to(access),
                ["title"],
                ["summary", "purpose", "registry_number", "source_document"],
                words,
            ).only("id", "number", "title", "status", "version_label"),
            lambda p: Hit(
                title=p.title,
                url=reverse("policies:version", args=[slug, p.number]),
                kind_label=_("Styrdokument"),
                detail=" · ".join(x for x in [p.version_label, str(p.get_status_display())] if x),
                rank=p.search_rank,
            ),
        ),
        (
            _matching(
                PolicyDocument.objects.visible_to(access).current(),
                ["title"],
                ["policy__title"],
                words,
            )
            .select_related("policy")
            .only("id", "title", "policy__number", "policy__title"),
            lambda d: Hit(
                title=d.title,
                url=reverse("policies:document", args=[slug, d.policy.number, d.pk]),
                kind_label=_("Bifogat till styrdokument"),
                detail=d.policy.title,
                rank=d.search_rank,
            ),
        ),
        (
            _matching(
                ActivityDocument.objects.visible_to(access)
                .current()
                .filter(activity__archived_at__isnull=True),
                ["title", "original_name"],
                ["activity__title"],
                words,
            )
            .select_related("activity")
            .only("id", "title", "original_name", "activity__id", "activity__title"),
            lambda d: Hit(
                title=d.title,
                url=reverse("activities:detail", args=[slug, d.activity.pk]),
                kind_label=_("Dokument i en aktivitet"),
                detail=f"{d.original_name} · {d.activity.title}",
                rank=d.search_rank,
            ),
        ),
        (
            _matching(GeneratedReport.objects.visible_to(access), ["title"], [], words).only(
                "pk", "title", "format", "year"
            ),
            lambda r: Hit(
                title=r.title,
                url=reverse("reports:download", args=[slug, r.pk]),
                kind_label=_("Rapport"),
                detail=f"{r.year} · {r.get_format_display()}",
                rank=r.search_rank,
            ),
        ),
    ]
    count = 0
    hits: list[Hit] = []
    for queryset, make in sources:
        found, rows = _top(queryset, "pk")
        count += found
        hits.extend(make(row) for row in rows)
    hits.sort(key=lambda hit: -hit.rank)
    return count, hits[:PER_GROUP]


def search(*, access: Access, query: str) -> Results:
    """Everything in the member's municipality that matches ``query``, grouped by kind."""
    cleaned = clean_query(query)
    words = query_words(cleaned)
    kinds: list[tuple[str, str, Callable[[Access, list[str]], tuple[int, list[Hit]]]]] = [
        ("aktiviteter", _("Aktiviteter"), _activities),
        ("partner", _("Partner"), _partners),
        ("kontaktpersoner", _("Kontaktpersoner"), _contacts),
        ("dokument", _("Dokument"), _documents),
    ]
    groups = []
    for key, label, find in kinds:
        group = Group(key=key, label=label)
        if words:
            group.count, group.hits = find(access, words)
        groups.append(group)
    return Results(query=cleaned, words=words, groups=groups)
