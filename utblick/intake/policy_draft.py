"""A document straight to a policy file, for the command line: every proposal taken as is.

The same drafting, assembly and policy-file format as the review screen, so
``utblick policy load`` reads the result; each element is preceded by a
comment quoting its source passage, for the coordinator who reviews the file
in an editor instead of in the browser.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import PurePath

from utblick.intake.drafting import Draft, draft_from_text
from utblick.intake.models import Decision, IntakeProposal, PolicyIntake
from utblick.intake.reading import read_document
from utblick.intake.selectors import intake_problems, intake_toml
from utblick.municipalities.models import Municipality


@dataclass
class PolicyDraft:
    """The policy file text ('' when the document is not a policy) and what it still lacks."""

    toml: str
    proposals: int
    problems: list[str] = field(default_factory=list)
    explanation: str = ""


def proposal_rows(
    draft: Draft, intake: PolicyIntake, decision: str = Decision.PENDING
) -> list[IntakeProposal]:
    """The draft's proposals as (unsaved) rows of ``intake``, in the draft's order."""
    return [
        IntakeProposal(
            municipality=intake.municipality,
            intake=intake,
            position=position,
            element=p.element,
            attribute=p.field,
            proposed=p.value,
            value=p.value,
            decision=decision,
            confidence=round(p.confidence, 2),
            passages=[[x.start, x.end, x.section] for x in p.passages],
            reason=p.reason,
        )
        for position, p in enumerate(draft.proposals)
    ]


def policy_draft(*, municipality: Municipality, data: bytes, filename: str) -> PolicyDraft:
    """The policy file drafted from a document; :class:`UnreadableDocument` if it cannot be read.

    Nothing is stored. Where the document proposes several values for one fact,
    the first (most certain) is written and the others are left out.
    """
    document = read_document(data, filename)
    draft = draft_from_text(document.text, municipality=municipality.name)
    if not draft.is_policy:
        return PolicyDraft("", 0, explanation=draft.explanation)
    intake = PolicyIntake(
        municipality=municipality, original_name=PurePath(filename).name, text=draft.text
    )
    proposals = proposal_rows(draft, intake, Decision.ACCEPTED)
    return PolicyDraft(
        intake_toml(intake, proposals), len(proposals), intake_problems(intake, proposals)
    )
