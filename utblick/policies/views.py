from __future__ import annotations

from django.contrib import messages
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from utblick.accounts.access import municipality_view
from utblick.core import clock
from utblick.core.history import history_entries
from utblick.core.tenancy import scoped_get
from utblick.policies.diff import policy_versions_diff
from utblick.policies.fileformat import PolicyFileInvalid
from utblick.policies.forms import PolicyFileForm
from utblick.policies.models import (
    Duty,
    Policy,
    PolicyDocument,
    PolicyStatus,
    TagTransfer,
    TransferElement,
)
from utblick.policies.selectors import (
    Transfer,
    TransferRow,
    policy_current,
    policy_export,
    policy_in_force,
    policy_with_elements,
    retired_activities,
    transfer_previous,
    transfer_rows,
)
from utblick.policies.services import policy_adopt, policy_file_load, policy_transfer_confirm


def _render_policy(request: HttpRequest, policy: Policy | None) -> HttpResponse:
    context: dict[str, object] = {"policy": policy}
    if policy is not None:
        policy = policy_with_elements(Policy.objects.filter(pk=policy.pk)).get()
        today = clock.today()
        context.update(
            policy=policy,
            revision_due_since=policy.revision_due_since(today),
            duties=dict(Duty.choices),
            versions=Policy.objects.filter(municipality=policy.municipality).only(
                "number", "version_label", "status", "decided_on", "title"
            ),
            transfers=policy.transfers.count(),
            carried_to=TagTransfer.objects.filter(previous=policy)
            .values_list("policy__number", flat=True)
            .first(),
            transfers_unconfirmed=policy.status == PolicyStatus.IN_FORCE
            and policy.transfers.filter(confirmed=False).exists(),
        )
    return render(request, "policies/policy_detail.html", context)


@municipality_view()
def current(request: HttpRequest) -> HttpResponse:
    return _render_policy(request, policy_current(request.municipality))


@municipality_view()
def version(request: HttpRequest, number: int) -> HttpResponse:
    return _render_policy(request, scoped_get(Policy, request.access, number=number))


@municipality_view()
def versions(request: HttpRequest) -> HttpResponse:
    policies = Policy.objects.filter(municipality=request.municipality).select_related("adopted_by")
    context = {"policies": policies, "in_force": policy_in_force(request.municipality)}
    return render(request, "policies/policy_versions.html", context)


@municipality_view()
def compare(request: HttpRequest, number: int) -> HttpResponse:
    """Version ``number`` against the version in force, or against ``?med=<number>``."""
    policy = scoped_get(Policy, request.access, number=number)
    other_number = request.GET.get("med", "")
    if other_number.isdigit():
        base = scoped_get(Policy, request.access, number=int(other_number[:9]))
    else:
        base = policy_in_force(request.municipality)
    versions = Policy.objects.filter(municipality=request.municipality).only(
        "number", "version_label", "status", "title"
    )
    sections = policy_versions_diff(request.municipality, base, policy) if base else []
    return render(
        request,
        "policies/policy_compare.html",
        {
            "policy": policy,
            "base": base,
            "sections": sections,
            "changes": sum(len(s.items) for s in sections),
            "versions": versions,
        },
    )


@municipality_view()
def export(request: HttpRequest, number: int) -> HttpResponse:
    policy = scoped_get(Policy, request.access, number=number)
    text = policy_export(request.municipality, policy)
    response = HttpResponse(text, content_type="application/toml; charset=utf-8")
    filename = f"{request.municipality.slug}-policy-v{policy.number}.toml"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@municipality_view()
def history(request: HttpRequest, number: int) -> HttpResponse:
    policy = scoped_get(Policy, request.access, number=number)
    return render(
        request,
        "core/history.html",
        {
            "object": policy,
            "entries": history_entries(policy),
            "back_url": policy.get_absolute_url(),
        },
    )


@municipality_view(need="coordinate")
def load(request: HttpRequest) -> HttpResponse:
    form = PolicyFileForm(request.POST or None, request.FILES or None)
    problems: list[str] = []
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            result = policy_file_load(
                data=upload.read(),
                filename=upload.name,
                user=request.user,
                restrict_to=request.municipality,
            )
        except PolicyFileInvalid as exc:
            problems = exc.messages()
        else:
            if not result.changed:
                messages.info(request, _("Filen är inläst – den innehöll inga ändringar."))
            else:
                messages.success(
                    request,
                    _("Filen är inläst: %(changes)s.") % {"changes": "; ".join(result.changes)},
                )
            return redirect("policies:version", request.municipality.slug, result.policy.number)
    return render(
        request,
        "policies/policy_load.html",
        {"form": form, "problems": problems},
        status=400 if form.errors or problems else 200,
    )


@municipality_view(need="coordinate")
@require_POST
def adopt(request: HttpRequest, number: int) -> HttpResponse:
    policy = scoped_get(Policy, request.access, number=number)
    if policy.status == PolicyStatus.DRAFT and transfer_previous(policy) is not None:
        # Replacing a version: the coordinator first says where its tags go.
        return redirect("policies:transfer", request.municipality.slug, number)
    try:
        policy_adopt(access=request.access, policy=policy, user=request.user)
    except ValueError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("Versionen är antagen och gäller från och med nu."))
    return redirect("policies:version", request.municipality.slug, number)


def _chosen(request: HttpRequest, rows: list[TransferRow]) -> Transfer:
    return {(r.element, r.old_key): request.POST.getlist(r.field) for r in rows}


@municipality_view()
def transfer(request: HttpRequest, number: int) -> HttpResponse:
    """Where the replaced version's focus areas, goals and terms go in this version (D5).

    A draft: choose, then adopt. The version in force: confirm or correct what its
    adoption suggested. Any version: the activities whose tags were retired.
    """
    policy = scoped_get(Policy, request.access, number=number)
    previous = transfer_previous(policy)
    rows = transfer_rows(previous, policy) if previous else []
    editable = request.access.is_coordinator and (
        policy.status == PolicyStatus.DRAFT
        or (policy.status == PolicyStatus.IN_FORCE and policy.transfers.exists())
    )
    error = ""
    if request.method == "POST" and editable:
        try:
            if policy.status == PolicyStatus.DRAFT:
                policy_adopt(
                    access=request.access,
                    policy=policy,
                    user=request.user,
                    transfer=_chosen(request, rows),
                )
                messages.success(
                    request, _("Versionen är antagen och taggarna är överförda enligt ditt val.")
                )
            else:
                changed = policy_transfer_confirm(
                    access=request.access,
                    policy=policy,
                    user=request.user,
                    transfer=_chosen(request, rows),
                )
                messages.success(
                    request,
                    _("Överföringen är bekräftad; %(n)s aktiviteter fick ändrade taggar.")
                    % {"n": changed},
                )
        except ValueError as exc:
            error = str(exc)
        else:
            return redirect("policies:transfer", request.municipality.slug, number)
    elif request.method == "POST":
        error = _("Den här versionens överföring kan inte längre ändras.")
    groups = [
        (label, [r for r in rows if r.element == element])
        for element, label in TransferElement.choices
    ]
    return render(
        request,
        "policies/policy_transfer.html",
        {
            "policy": policy,
            "previous": previous,
            "groups": [(label, group) for label, group in groups if group],
            "editable": editable,
            "unconfirmed": any(not r.confirmed for r in rows)
            and policy.status == PolicyStatus.IN_FORCE,
            "moving": sum(r.tagged for r in rows),
            "retired": retired_activities(policy) if previous else [],
            "error": error,
        },
        status=400 if error else 200,
    )


@municipality_view()
def document(request: HttpRequest, number: int, document: int) -> FileResponse:
    """The adopted document attached to a version, as it was uploaded."""
    attached = scoped_get(
        PolicyDocument.objects.current(), request.access, pk=document, policy__number=number
    )
    suffix = attached.file.name.rsplit(".", 1)[-1] if "." in attached.file.name else ""
    name = attached.title if attached.title.endswith(f".{suffix}") else f"{attached.title}.{suffix}"
    return FileResponse(attached.file.open("rb"), as_attachment=True, filename=name)
