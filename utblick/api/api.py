"""The JSON API under /api/v1/: activities, partners and funding.

Token authentication per user (``Authorization: Bearer utb_…``); the same
tenant wall and unit scoping as the pages (the municipality is in the path and
answers 404 to non-members), the same filters (``ActivityFilter``) and the
same services for writes. Errors are RFC 9457 problem details
(``application/problem+json``, see :mod:`utblick.api.problems`) with the
field errors as an extension: ``"errors": [{"field": "end_date", "message": "…"}]``.
"""

from __future__ import annotations

from typing import Annotated, Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import EmptyPage, Paginator
from django.http import Http404, HttpRequest, HttpResponse, QueryDict
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from ninja import Field, NinjaAPI, Query, Status
from ninja.errors import AuthenticationError, HttpError
from ninja.errors import ValidationError as NinjaValidationError
from ninja.security import HttpBearer
from pydantic import ValidationError as PydanticValidationError

from utblick.accounts.access import access_for
from utblick.accounts.models import TokenScope
from utblick.accounts.tokens import token_for_key
from utblick.activities.filters import ActivityFilter
from utblick.activities.models import Activity
from utblick.activities.services import ActivityInvalid
from utblick.api import schemas as s
from utblick.api.convert import (
    activity_from_payload,
    activity_out,
    funding_out,
    partner_out,
    peers_out,
)
from utblick.api.docs import LocalSwagger
from utblick.api.problems import CONFLICT, INVALID, MEDIA_TYPE, problem, title_for
from utblick.api.selectors import list_queryset, relations_for
from utblick.core import clock
from utblick.core.db import Swedish
from utblick.core.history import fields_changed_since
from utblick.core.pydantic_errors import swedish_message
from utblick.core.services import ConflictError, conflict_since
from utblick.core.tenancy import Access
from utblick.core.text import fold
from utblick.funding.models import Funding, FundingSource
from utblick.funding.services import funding_save
from utblick.partners.models import Partner
from utblick.partners.services import partner_save
from utblick.peers.selectors import PeerQuery, peers
from utblick.public.opendata import site_base

MAX_PAGE = 200


SAFE_METHODS = ("GET", "HEAD", "OPTIONS")


class TokenExpired(Exception):
    """A real key whose last valid day has passed."""


class TokenReadOnly(Exception):
    """A read-only key used for a write."""


class TokenAuth(HttpBearer):
    def authenticate(self, request: HttpRequest, token: str) -> Any:
        found = token_for_key(token)
        if found is None:
            return None
        if found.is_expired(clock.today()):
            raise TokenExpired
        if request.method not in SAFE_METHODS and found.scope != TokenScope.WRITE:
            raise TokenReadOnly
        request.user = found.user
        return found.user


class UtblickAPI(NinjaAPI):
    def get_openapi_schema(self, **kwargs: Any) -> Any:
        """Errors are documented as what they are: ``application/problem+json``."""
        schema = super().get_openapi_schema(**kwargs)
        for operations in schema["paths"].values():
            for operation in operations.values():
                for status, response in operation.get("responses", {}).items():
                    content = response.get("content", {})
                    if int(status) >= 400 and "application/json" in content:
                        response["content"] = {MEDIA_TYPE: content["application/json"]}
        return schema


api = UtblickAPI(
    title="Utblick API",
    version="1",
    description="Kommunens register över internationellt arbete: aktiviteter, partner och finansiering.",
    urls_namespace="api",
    docs_url="/docs",
    docs=LocalSwagger(),
    auth=TokenAuth(),
)


def _errors(items: list[tuple[str, str]], status: int, request: HttpRequest) -> HttpResponse:
    detail = items[0][1] if len(items) == 1 and not items[0][0] else ""
    if status in (400, 422):
        return problem(
            request,
            status,
            detail or _("Uppgifterna kunde inte sparas; se varje fält."),
            errors=items,
            type_=INVALID,
        )
    return problem(request, status, detail or title_for(status), errors=items)


@api.exception_handler(NinjaValidationError)
def _invalid_request(request: HttpRequest, exc: NinjaValidationError) -> HttpResponse:
    items = []
    for error in exc.errors:
        loc = [str(p) for p in error.get("loc", []) if p not in ("body", "payload", "query")]
        items.append((".".join(loc), swedish_message(error)))
    return _errors(items, 422, request)


@api.exception_handler(HttpError)
def _http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
    """Ninja's own refusals; the only one with a body to read is a body it could not parse."""
    if exc.status_code == 400:
        return _errors([("", _("Begäran kunde inte läsas: skicka giltig JSON."))], 400, request)
    return _errors([], exc.status_code, request)


@api.exception_handler(ValidationError)
def _invalid_data(request: HttpRequest, exc: ValidationError) -> HttpResponse:
    if hasattr(exc, "error_dict"):
        items = [
            (name if name != "__all__" else "", str(m))
            for name, ms in exc.message_dict.items()
            for m in ms
        ]
    else:
        items = [("", m) for m in exc.messages]
    return _errors(items, 400, request)


@api.exception_handler(ConflictError)
def _conflict(request: HttpRequest, exc: ConflictError) -> HttpResponse:
    return problem(
        request,
        409,
        str(exc),
        errors=[("row_version", str(exc))],
        type_=CONFLICT,
        current_row_version=exc.current.row_version,
        changes=[{"field": c.name, "before": c.old, "after": c.new} for c in exc.changes],
    )


@api.exception_handler(PermissionDenied)
def _forbidden(request: HttpRequest, exc: PermissionDenied) -> HttpResponse:
    return _errors([("", str(exc) or _("Ingen behörighet."))], 403, request)


@api.exception_handler(AuthenticationError)
def _unauthenticated(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
    return _errors(
        [("", _("Ange en giltig API-nyckel: Authorization: Bearer <nyckel>."))], 401, request
    )


@api.exception_handler(TokenExpired)
def _expired(request: HttpRequest, exc: TokenExpired) -> HttpResponse:
    return _errors(
        [("", _("API-nyckeln har gått ut. Skapa en ny nyckel på sidan API-nycklar."))],
        401,
        request,
    )


@api.exception_handler(TokenReadOnly)
def _read_only(request: HttpRequest, exc: TokenReadOnly) -> HttpResponse:
    return _errors(
        [("", _("API-nyckeln får bara läsa. Skapa en nyckel som får läsa och skriva."))],
        403,
        request,
    )


@api.exception_handler(Http404)
def _not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
    return _errors([("", _("Finns inte."))], 404, request)


def _access(request: HttpRequest, municipality: str, need: str = "read") -> Access:
    access = access_for(request.user, municipality)
    access.require(need)  # type: ignore[arg-type]
    return access


def _page(queryset: Any, page: int, per_page: int) -> tuple[Any, dict[str, int]]:
    per_page = max(1, min(per_page, MAX_PAGE))
    paginator = Paginator(queryset, per_page)
    try:
        current = paginator.page(page)
    except EmptyPage:
        current = paginator.page(paginator.num_pages) if page > 1 else paginator.page(1)
    return current.object_list, {
        "count": paginator.count,
        "page": current.number,
        "pages": paginator.num_pages,
    }


@api.get(
    "/{municipality}/activities",
    response={200: s.ActivityPage, **s.READ_ERRORS},
    tags=["aktiviteter"],
)
def list_activities(
    request: HttpRequest, municipality: str, filters: Query[s.ActivityFilters]
) -> Any:
    """Aktiviteterna, med samma filter som registrets sida (parametrarna har samma namn)."""
    access = _access(request, municipality)
    params = QueryDict(mutable=True)
    for key in request.GET:
        params.setlist(key, request.GET.getlist(key))
    activity_filter = ActivityFilter(
        params, queryset=Activity.objects.visible_to(access), municipality=access.municipality
    )
    if not activity_filter.form.is_valid():
        raise ValidationError({k: list(v) for k, v in activity_filter.form.errors.items()})
    rows, meta = _page(list_queryset(activity_filter.qs), filters.sida, filters.per_sida)
    rows = list(rows)
    relations = relations_for(rows)
    return {**meta, "results": [activity_out(a, relations[a.pk]) for a in rows]}


def _activity(access: Access, activity_id: s.Id) -> Activity:
    return get_object_or_404(list_queryset(Activity.objects.visible_to(access)), pk=activity_id)


@api.get(
    "/{municipality}/activities/{activity_id}",
    response={200: s.ActivityOut, **s.READ_ERRORS},
    tags=["aktiviteter"],
)
def get_activity(request: HttpRequest, municipality: str, activity_id: s.Id) -> Any:
    return activity_out(_activity(_access(request, municipality), activity_id))


@api.post(
    "/{municipality}/activities",
    response={201: s.ActivityOut, **s.WRITE_ERRORS},
    tags=["aktiviteter"],
)
def create_activity(request: HttpRequest, municipality: str, payload: s.ActivityIn) -> Any:
    """Skapar en aktivitet.

    API:t kontrollerar inte om en annan aktivitet redan har samma titel: formuläret frågar
    först, men ett system som skapar via API:t undviker själv dubbletter, till exempel
    genom att först hämta registret med ``q=`` och titeln. Importen matchar rader utan id
    på titel och typ och uppdaterar då den befintliga aktiviteten.
    """
    access = _access(request, municipality, "edit")
    activity = activity_from_payload(
        access, request.user, Activity(municipality=access.municipality), payload, None
    )
    return Status(201, activity_out(_activity(access, activity.pk)))


@api.put(
    "/{municipality}/activities/{activity_id}",
    response={200: s.ActivityOut, **s.WRITE_ERRORS},
    tags=["aktiviteter"],
)
def update_activity(
    request: HttpRequest, municipality: str, activity_id: s.Id, payload: s.ActivityUpdate
) -> Any:
    """Uppdaterar hela aktiviteten. ``row_version`` ska vara den version du läste; annars 409."""
    access = _access(request, municipality, "edit")
    activity = get_object_or_404(Activity.objects.visible_to(access), pk=activity_id)
    activity_from_payload(access, request.user, activity, payload, payload.row_version)
    return activity_out(_activity(access, activity_id))


#: The API's names for what a stale PATCH may not overwrite: the fields in the history.
TRACKED_AS = {"focus_areas": "tag_summary", "goals": "tag_summary", "terms": "tag_summary"}


@api.patch(
    "/{municipality}/activities/{activity_id}",
    response={200: s.ActivityOut, **s.WRITE_ERRORS},
    tags=["aktiviteter"],
)
def patch_activity(
    request: HttpRequest, municipality: str, activity_id: s.Id, payload: s.ActivityPatch
) -> Any:
    """Ändrar bara de fält som skickas.

    Har någon annan sparat sedan ``row_version`` skrivs de skickade fälten ovanpå
    deras ändringar, så länge ingen av dem är ett fält som den andra ändrade; annars 409
    med deras ändringar.
    """
    access = _access(request, municipality, "edit")
    activity = get_object_or_404(Activity.objects.visible_to(access), pk=activity_id)
    sent = payload.model_dump(exclude_unset=True)
    version = sent.pop("row_version")
    if version != activity.row_version:
        found = fields_changed_since(activity, version)
        theirs = found[1] if found else None
        names = {TRACKED_AS.get(name, name) for name in sent}
        if theirs is None or names & theirs or "partners" in sent:
            raise conflict_since(activity, version)
        version = activity.row_version
    current = activity_out(_activity(access, activity_id))
    try:
        whole = s.ActivityUpdate.model_validate(
            {name: current[name] for name in s.ActivityFields.model_fields}
            | sent
            | {"row_version": version}
        )
    except PydanticValidationError as invalid:  # a field sent as null that must have a value
        raise NinjaValidationError(list(invalid.errors())) from invalid
    activity_from_payload(access, request.user, activity, whole, version)
    return activity_out(_activity(access, activity_id))


@api.get(
    "/{municipality}/partners", response={200: s.PartnerPage, **s.READ_ERRORS}, tags=["partner"]
)
def list_partners(
    request: HttpRequest,
    municipality: str,
    q: str = "",
    land: str = "",
    sida: Annotated[int, Field(ge=1)] = 1,
    per_sida: Annotated[int, Field(ge=1, le=MAX_PAGE)] = 50,
) -> Any:

    access = _access(request, municipality)
    partners = Partner.objects.visible_to(access).current()
    if q:
        partners = partners.filter(name_key__contains=fold(q))
    if land:
        partners = partners.filter(country=land.upper())
    rows, meta = _page(partners.order_by(Swedish("name"), "pk"), sida, per_sida)
    return {**meta, "results": [partner_out(p) for p in rows]}


@api.get(
    "/{municipality}/partners/{partner_id}",
    response={200: s.PartnerOut, **s.READ_ERRORS},
    tags=["partner"],
)
def get_partner(request: HttpRequest, municipality: str, partner_id: s.Id) -> Any:
    access = _access(request, municipality)
    return partner_out(get_object_or_404(Partner.objects.visible_to(access), pk=partner_id))


def _save_partner(
    request: HttpRequest, access: Access, partner: Partner, payload: Any, version: int | None
) -> Partner:
    for name, value in payload.model_dump(exclude={"row_version"}).items():
        setattr(partner, name, value)
    partner.country = partner.country.upper()
    return partner_save(access=access, user=request.user, partner=partner, expected_version=version)


@api.post(
    "/{municipality}/partners", response={201: s.PartnerOut, **s.WRITE_ERRORS}, tags=["partner"]
)
def create_partner(request: HttpRequest, municipality: str, payload: s.PartnerIn) -> Any:
    access = _access(request, municipality, "edit")
    return Status(201, partner_out(_save_partner(request, access, Partner(), payload, None)))


@api.put(
    "/{municipality}/partners/{partner_id}",
    response={200: s.PartnerOut, **s.WRITE_ERRORS},
    tags=["partner"],
)
def update_partner(
    request: HttpRequest, municipality: str, partner_id: s.Id, payload: s.PartnerUpdate
) -> Any:
    access = _access(request, municipality, "edit")
    partner = get_object_or_404(Partner.objects.visible_to(access), pk=partner_id)
    return partner_out(_save_partner(request, access, partner, payload, payload.row_version))


@api.get("/peers", response={200: s.PeersOut, **s.READ_ERRORS}, tags=["andra kommuner"])
def list_peers(request: HttpRequest, filters: Query[s.PeerFilters]) -> Any:
    """Vilka kommuner har publicerat arbete med en ort, partner, nätverk eller program.

    Bara publicerade uppgifter från kommuner som publicerar; ange minst en av ort,
    partner, natverk och program.
    """
    query = PeerQuery(
        place=filters.ort,
        partner=filters.partner,
        country=filters.land,
        network=filters.natverk,
        programme=filters.program,
    )
    if query.empty:
        raise HttpError(400, _("Ange ort, partner, nätverk eller program."))
    return peers_out(peers(query), site_base(request))


@api.get(
    "/funding-sources",
    response={200: list[s.FundingSourceOut], **s.READ_ERRORS},
    tags=["finansiering"],
)
def funding_sources(request: HttpRequest) -> Any:
    """Referenslistan över finansiärer (EU-program, nationella finansiärer, egna medel)."""
    return list(FundingSource.objects.all())


@api.get(
    "/{municipality}/activities/{activity_id}/funding",
    response={200: list[s.FundingOut], **s.READ_ERRORS},
    tags=["finansiering"],
)
def list_funding(request: HttpRequest, municipality: str, activity_id: s.Id) -> Any:
    access = _access(request, municipality)
    activity = _activity(access, activity_id)
    return [
        funding_out(f)
        for f in activity.funding.filter(archived_at__isnull=True).select_related("source")
    ]


def _save_funding(
    request: HttpRequest,
    access: Access,
    activity: Activity,
    funding: Funding,
    payload: Any,
    version: int | None,
) -> Funding:
    source = FundingSource.objects.filter(key=payload.source).first()
    if source is None:
        raise ValidationError(
            {
                "source": [
                    f"Okänd finansieringskälla {payload.source!r}; se /api/v1/funding-sources."
                ]
            }
        )
    for name, value in payload.model_dump(exclude={"row_version", "source"}).items():
        setattr(funding, name, value)
    funding.source = source
    return funding_save(
        access=access,
        user=request.user,
        activity=activity,
        funding=funding,
        expected_version=version,
    )


@api.post(
    "/{municipality}/activities/{activity_id}/funding",
    response={201: s.FundingOut, **s.WRITE_ERRORS},
    tags=["finansiering"],
)
def create_funding(
    request: HttpRequest, municipality: str, activity_id: s.Id, payload: s.FundingIn
) -> Any:
    access = _access(request, municipality, "edit")
    activity = get_object_or_404(Activity.objects.visible_to(access), pk=activity_id)
    funding = _save_funding(request, access, activity, Funding(), payload, None)
    return Status(201, funding_out(funding))


@api.put(
    "/{municipality}/activities/{activity_id}/funding/{funding_id}",
    response={200: s.FundingOut, **s.WRITE_ERRORS},
    tags=["finansiering"],
)
def update_funding(
    request: HttpRequest,
    municipality: str,
    activity_id: s.Id,
    funding_id: s.Id,
    payload: s.FundingUpdate,
) -> Any:
    access = _access(request, municipality, "edit")
    activity = get_object_or_404(Activity.objects.visible_to(access), pk=activity_id)
    funding = get_object_or_404(
        Funding.objects.filter(municipality=access.municipality), pk=funding_id, activity=activity
    )
    return funding_out(
        _save_funding(request, access, activity, funding, payload, payload.row_version)
    )


def _activity_invalid(request: HttpRequest, exc: ActivityInvalid) -> HttpResponse:
    return _errors([(k, m) for k, ms in exc.errors.items() for m in ms], 400, request)


api.add_exception_handler(ActivityInvalid, _activity_invalid)
