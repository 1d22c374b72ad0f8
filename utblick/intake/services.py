"""Writes for policy intake: upload, decide on proposals, adopt, discard.

Every change checks the row version the reviewer started from, so two
reviewers of one draft get a conflict instead of overwriting each other.
Adoption is one transaction: the reviewed draft is loaded as a policy file
(draft status), adopted like any version, and the original document is
attached to it.
"""

from __future__ import annotations

import hashlib
from pathlib import PurePath
from typing import TYPE_CHECKING, Any

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history

from utblick.core import clock
from utblick.core import services as core
from utblick.core.services import save_versioned
from utblick.core.tenancy import Access
from utblick.intake.assemble import to_toml
from utblick.intake.drafting import draft_from_text
from utblick.intake.models import (
    Decision,
    DraftOrigin,
    IntakeProposal,
    IntakeStatus,
    PolicyIntake,
)
from utblick.intake.policy_draft import proposal_rows
from utblick.intake.reading import read_document
from utblick.intake.selectors import intake_filename, intake_policy_file, intake_problems
from utblick.intake.starters import starter_get, starter_proposals, starter_reason
from utblick.jobs.models import Job
from utblick.jobs.services import JobRefused, Outcome, Progress, job_start
from utblick.policies.fileformat import PolicyFileInvalid
from utblick.policies.models import Policy, PolicyDocument, PolicyStatus
from utblick.policies.services import policy_adopt, policy_file_load

if TYPE_CHECKING:
    from django.contrib.auth.models import AbstractBaseUser


#: Elements a policy has one of: accepting one proposal sets the others aside.
SINGLE = {"cadence"}


class IntakeInvalid(Exception):
    """The draft cannot be adopted; nothing was changed."""

    def __init__(self, problems: list[str]):
        self.problems = problems
        super().__init__("\n".join(problems))


class IntakeClosed(Exception):
    """The intake is adopted or discarded: its draft no longer changes."""


def _suffix(name: str, file_format: str) -> str:
    suffix = PurePath(name).suffix.lower()
    return suffix if suffix in (".txt", ".md", ".docx", ".pdf") else f".{file_format}"


def intake_upload(
    *, access: Access, user: AbstractBaseUser, data: bytes, filename: str
) -> PolicyIntake:
    """Keep an uploaded document as text; :class:`UnreadableDocument` if it can't be read.

    The document is read before anything is written, so a file that cannot be read
    leaves nothing behind. The draft is made by :func:`intake_draft` (a job).
    """
    access.require("coordinate")
    document = read_document(data, filename)
    sha256 = hashlib.sha256(data).hexdigest()
    intake = PolicyIntake(
        municipality=access.municipality,
        original_name=PurePath(filename).name[:255] or "dokument",
        sha256=sha256,
        size=len(data),
        file_format=document.format,
        text=document.text,
        status=IntakeStatus.READING,
        created_by=user,
    )
    stored = ""
    try:
        with transaction.atomic():
            intake.file.save(
                f"policy-{sha256[:12]}{_suffix(filename, document.format)}",
                ContentFile(data),
                save=False,
            )
            stored = intake.file.name
            save_versioned(intake, expected_version=None, user=user)
    except BaseException:
        if stored:
            intake.file.storage.delete(stored)
        raise
    return intake


def intake_draft(
    *, access: Access, user: AbstractBaseUser | None, intake: PolicyIntake
) -> PolicyIntake:
    """Draft the policy from a kept document's text: the proposals, each citing its passage.

    Once: an intake that has been drafted already is left as it is.
    """
    access.require("coordinate")
    if intake.status != IntakeStatus.READING:
        return intake
    draft = draft_from_text(intake.text, municipality=access.municipality.name)
    with transaction.atomic():
        intake.text = draft.text
        intake.status = IntakeStatus.REVIEWING if draft.is_policy else IntakeStatus.NOT_POLICY
        intake.explanation = draft.explanation
        save_versioned(intake, expected_version=intake.row_version, user=user, verb="read")
        rows = proposal_rows(draft, intake)
        if rows:
            bulk_create_with_history(
                rows,
                IntakeProposal,
                default_user=user,
                custom_historical_attrs={"history_action": "intakeproposal.created"},
            )
    return intake


def intake_create(
    *, access: Access, user: AbstractBaseUser, data: bytes, filename: str
) -> PolicyIntake:
    """Keep and draft an uploaded document in one go (the browser drafts it as a job)."""
    intake = intake_upload(access=access, user=user, data=data, filename=filename)
    return intake_draft(access=access, user=user, intake=intake)


def intake_read_start(*, access: Access, user: AbstractBaseUser, intake: PolicyIntake) -> Job:
    """Queue the drafting of a kept document; its job page leads to the review."""
    return job_start(
        kind="intake-read",
        params={"intake": intake.pk},
        key=f"intake:{intake.pk}",
        title=_("Inläsning av %(name)s") % {"name": intake.original_name},
        municipality=access.municipality,
        user=user,
    )


def intake_read_job(job: Job, access: Access | None, user: Any, progress: Progress) -> Outcome:
    assert access is not None
    intake = PolicyIntake.objects.filter(
        municipality=job.municipality, pk=job.params["intake"]
    ).first()
    if intake is None:
        raise JobRefused(_("Dokumentet finns inte längre; ladda upp det igen."))
    progress.stage(_("Läser dokumentet och föreslår policyns delar med sina ställen"), total=1)
    intake = intake_draft(access=access, user=user, intake=intake)
    if intake.status == IntakeStatus.NOT_POLICY:
        label = _("Se vad som hittades: %(why)s") % {"why": intake.explanation}
    else:
        label = _("Granska de %(n)s förslagen och anta sedan policyn") % {
            "n": intake.proposals.count()
        }
    return Outcome(url=intake.get_absolute_url(), label=label)


def intake_start_blank(*, access: Access, user: AbstractBaseUser) -> PolicyIntake:
    """An empty draft without a document, for the coordinator to fill in element by element."""
    access.require("coordinate")
    intake = PolicyIntake(
        municipality=access.municipality, origin=DraftOrigin.BLANK, created_by=user
    )
    save_versioned(intake, expected_version=None, user=user)
    return intake


def intake_start_from_template(
    *, access: Access, user: AbstractBaseUser, template: str
) -> PolicyIntake:
    """A draft from one of the shipped policies; :class:`UnknownTemplate` if there is none.

    The template's own facts (its municipality, title, decision and document) are
    left out for the coordinator to give; everything else is proposed, to review.
    """
    access.require("coordinate")
    starter = starter_get(template)
    values = starter_proposals(template, municipality=access.municipality.name)
    reason = starter_reason(starter)
    with transaction.atomic():
        intake = PolicyIntake(
            municipality=access.municipality,
            origin=DraftOrigin.TEMPLATE,
            template=starter.label[:300],
            created_by=user,
        )
        save_versioned(intake, expected_version=None, user=user)
        rows = [
            IntakeProposal(
                municipality=access.municipality,
                intake=intake,
                position=position,
                element=element,
                attribute=attribute,
                proposed=value,
                value=value,
                decision=Decision.PENDING,
                confidence=1.0,
                passages=[],
                reason=reason,
            )
            for position, (element, attribute, value) in enumerate(values)
        ]
        bulk_create_with_history(
            rows,
            IntakeProposal,
            default_user=user,
            custom_historical_attrs={"history_action": "intakeproposal.created"},
        )
    return intake


def _require_open(intake: PolicyIntake) -> None:
    if not intake.is_open:
        raise IntakeClosed(_("Inläsningen är avslutad och kan inte ändras."))


def _set_aside_others(proposal: IntakeProposal, user: AbstractBaseUser) -> None:
    """Accepting a document fact or the cadence sets aside the other proposals for it."""
    if proposal.element != "metadata" and proposal.element not in SINGLE:
        return
    others = IntakeProposal.objects.filter(
        intake=proposal.intake,
        element=proposal.element,
        attribute=proposal.attribute,
        decision__in=[Decision.ACCEPTED, Decision.EDITED, Decision.PENDING],
    ).exclude(pk=proposal.pk)
    for other in others:
        other.decision = Decision.REJECTED
        other.decided_by = user  # type: ignore[assignment]
        other.decided_at = clock.now()
        save_versioned(other, expected_version=None, user=user, verb="decided")


def proposal_decide(
    *,
    access: Access,
    proposal: IntakeProposal,
    decision: str,
    expected_version: int | None,
    user: AbstractBaseUser,
) -> IntakeProposal:
    """Accept, reject or undo the decision on one proposal."""
    access.require("coordinate")
    _require_open(proposal.intake)
    if decision == "accepted":
        decision = Decision.ACCEPTED if proposal.value == proposal.proposed else Decision.EDITED
    elif decision not in (Decision.REJECTED, Decision.PENDING):
        raise ValueError(decision)
    with transaction.atomic():
        proposal.decision = decision
        proposal.decided_by = user if decision != Decision.PENDING else None  # type: ignore[assignment]
        proposal.decided_at = clock.now() if decision != Decision.PENDING else None
        save_versioned(
            proposal,
            expected_version=expected_version,
            user=user,
            verb="decided",  # the decision shows as the change of its field
        )
        if proposal.included:
            _set_aside_others(proposal, user)
    return proposal


def proposal_edit(
    *,
    access: Access,
    proposal: IntakeProposal,
    value: dict[str, Any],
    expected_version: int | None,
    user: AbstractBaseUser,
) -> IntakeProposal:
    """Change a proposal's value; it is then part of the draft as edited."""
    access.require("coordinate")
    _require_open(proposal.intake)
    with transaction.atomic():
        proposal.value = value
        proposal.decision = Decision.ACCEPTED if value == proposal.proposed else Decision.EDITED
        proposal.decided_by = user  # type: ignore[assignment]
        proposal.decided_at = clock.now()
        save_versioned(proposal, expected_version=expected_version, user=user)
        _set_aside_others(proposal, user)
    return proposal


def proposal_add(
    *,
    access: Access,
    intake: PolicyIntake,
    element: str,
    attribute: str,
    value: dict[str, Any],
    user: AbstractBaseUser,
) -> IntakeProposal:
    """An element the document's proposals lack, added by the reviewer (no source passage)."""
    access.require("coordinate")
    _require_open(intake)
    with transaction.atomic():
        last = intake.proposals.order_by("-position").values_list("position", flat=True).first()
        proposal = IntakeProposal(
            municipality=intake.municipality,
            intake=intake,
            position=(last or 0) + 1,
            element=element,
            attribute=attribute,
            proposed={},
            value=value,
            decision=Decision.EDITED,
            confidence=1.0,
            passages=[],
            reason=_("Tillagt av granskaren."),
            added=True,
            decided_by=user,
            decided_at=clock.now(),
        )
        save_versioned(proposal, expected_version=None, user=user)
        _set_aside_others(proposal, user)
    return proposal


def proposal_remove(
    *,
    access: Access,
    proposal: IntakeProposal,
    expected_version: int | None,
    user: AbstractBaseUser,
) -> None:
    """Take out an element the reviewer added; a proposed one is rejected instead, to undo."""
    access.require("coordinate")
    _require_open(proposal.intake)
    if not proposal.added:
        raise ValueError(_("Bara det du själv har lagt till kan tas bort; avvisa förslaget."))
    with transaction.atomic():
        core.lock_version(proposal, expected_version)
        proposal._history_user = user  # type: ignore[attr-defined]
        proposal.delete()


def intake_accept_pending(*, access: Access, intake: PolicyIntake, user: AbstractBaseUser) -> int:
    """Accept every proposal not yet decided; the number accepted."""
    access.require("coordinate")
    _require_open(intake)
    count = 0
    with transaction.atomic():
        for proposal in intake.proposals.filter(decision=Decision.PENDING).order_by("position"):
            proposal.refresh_from_db()
            if proposal.decision != Decision.PENDING:
                continue  # set aside by an earlier acceptance in this loop
            proposal_decide(
                access=access,
                proposal=proposal,
                decision="accepted",
                expected_version=proposal.row_version,
                user=user,
            )
            count += 1
    return count


def intake_adopt(
    *, access: Access, intake: PolicyIntake, expected_version: int | None, user: AbstractBaseUser
) -> Policy:
    """Adopt the reviewed draft as a new version in force, with the original document attached."""
    access.require("coordinate")
    _require_open(intake)
    with transaction.atomic():
        # Taking the intake's row first: a second adoption of the same draft waits, then conflicts.
        core.lock_version(intake, expected_version)
        proposals = list(intake.proposals.all())
        problems = intake_problems(intake, proposals)
        if problems:
            raise IntakeInvalid(problems)
        data, _added = intake_policy_file(intake, proposals)
        try:
            result = policy_file_load(
                data=to_toml(data),
                filename=intake_filename(intake),
                user=user,
                restrict_to=access.municipality,
            )
        except PolicyFileInvalid as exc:
            raise IntakeInvalid(exc.messages()) from exc
        policy = result.policy
        if policy is None or policy.status != PolicyStatus.DRAFT:
            raise IntakeInvalid([_("Utkastet är detsamma som en befintlig version.")])
        policy_adopt(access=access, policy=policy, user=user)
        if not intake.has_document:
            intake.status = IntakeStatus.ADOPTED
            intake.policy = policy
            intake.adopted_at = clock.now()
            save_versioned(intake, expected_version=expected_version, user=user, verb="adopted")
            return policy
        document = PolicyDocument(
            municipality=access.municipality,
            policy=policy,
            title=intake.original_name[:200],
            sha256=intake.sha256,
        )
        with intake.file.open("rb") as handle:
            content = handle.read()
        document.file.save(
            f"policy-v{policy.number}-{intake.sha256[:12]}{_suffix(intake.original_name, intake.file_format)}",
            ContentFile(content),
            save=False,
        )
        stored = document.file.name
        try:
            save_versioned(document, expected_version=None, user=user)
            intake.status = IntakeStatus.ADOPTED
            intake.policy = policy
            intake.adopted_at = clock.now()
            save_versioned(intake, expected_version=expected_version, user=user, verb="adopted")
        except BaseException:
            document.file.storage.delete(stored)
            raise
    return policy


def intake_discard(
    *, access: Access, intake: PolicyIntake, expected_version: int | None, user: AbstractBaseUser
) -> None:
    """Stop reviewing; the upload and its draft stay, read-only."""
    access.require("coordinate")
    _require_open(intake)
    intake.status = IntakeStatus.DISCARDED
    save_versioned(intake, expected_version=expected_version, user=user, verb="discarded")
