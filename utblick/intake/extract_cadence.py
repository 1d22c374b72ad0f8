"""The follow-up cadence: how often the international work is reported, and to whom.

The cadence comes from the sentences about follow-up that name a period
(tertial, delårsrapport, halvår, "två gånger per år", årligen, "en gång om
året", bokslut …); it is reported to the bodies that receive the reports, or
else to those that follow the work up in the same sentences.
"""

from __future__ import annotations

import re

from django.utils.translation import gettext as _

from utblick.intake.proposals import Passage, Proposal
from utblick.intake.structure import Document

_I = re.IGNORECASE
_FOLLOW_UP = re.compile(
    r"\b(?:följ\w*\s+(?:\w+\s+)?upp|uppföljning\w*|redovis\w*|\w*rapporter\w*|presenter\w*|sammanställ\w*"
    r"|utvärder\w*)",
    _I,
)


_PERIOD_WORDS = [
    # A municipality's interim report (delårsrapport) closes a tertial.
    ("tertial", re.compile(r"\btertial\w*|\bdelår\w*", _I)),
    ("quarter", re.compile(r"\bkvartal\w*", _I)),
    ("meeting", re.compile(r"\b(?:efter|vid)\s+varje\s+(?:sammanträde|möte)\b", _I)),
    ("half", re.compile(r"\bhalvår\w*|\btvå gånger (?:per|om|varje) år(?:et)?\b", _I)),
    (
        "yearly",
        re.compile(
            r"\bårlig\w*|\bårligen\b|\bvarje år\b|\bhelår\w*|\bbokslut\w*|\bårsredovisning\w*"
            r"|\ben gång (?:per|om|varje) år(?:et)?\b",
            _I,
        ),
    ),
]


#: Revising or drawing up a document, not following the work up.
_NOT_CADENCE = re.compile(
    r"mandatperiod|revider|\b(?:tar|tas)\s+(?:\w+\s+){0,3}?fram\b|\bupprätta\w*|\bantas\b", _I
)


CUSTOM_PERIODS = {
    "quarter": [
        {"key": "q1", "name": "Kvartal 1", "start": "01-01", "end": "03-31", "due_days": 30},
        {"key": "q2", "name": "Kvartal 2", "start": "04-01", "end": "06-30", "due_days": 30},
        {"key": "q3", "name": "Kvartal 3", "start": "07-01", "end": "09-30", "due_days": 30},
        {"key": "q4", "name": "Kvartal 4", "start": "10-01", "end": "12-31", "due_days": 45},
    ],
    "half": [
        {"key": "h1", "name": "Första halvåret", "start": "01-01", "end": "06-30", "due_days": 30},
        {"key": "h2", "name": "Andra halvåret", "start": "07-01", "end": "12-31", "due_days": 45},
    ],
}


def cadence_proposal(document: Document, responsibilities: list[Proposal]) -> Proposal | None:
    """The follow-up cadence the document states, reported to the bodies that receive reports."""
    sentences = [
        s
        for s in document.all_sentences()
        if _FOLLOW_UP.search(s.text)
        and any(p.search(s.text) for _, p in _PERIOD_WORDS)
        and not _NOT_CADENCE.search(s.text)
    ]
    if not sentences:
        return None
    kind = next(k for k, pattern in _PERIOD_WORDS if any(pattern.search(s.text) for s in sentences))
    report_to: list[dict[str, str]] = []
    for proposal in responsibilities:
        if proposal.value["duty"] == "receives_reports" and proposal.value["body"] not in report_to:
            report_to.append(proposal.value["body"])
    if not report_to:
        spans = [(s.start, s.end) for s in sentences]
        for proposal in responsibilities:
            body = proposal.value["body"]
            if (
                proposal.value["duty"] == "follows_up"
                and body
                and body not in report_to
                and any(p.overlaps(a, b) for p in proposal.passages for a, b in spans)
            ):
                report_to.append(body)
    value = {
        "kind": {"tertial": "tertial", "yearly": "yearly"}.get(kind, "custom"),
        "report_to": report_to,
        "text": " ".join(s.text for s in sentences),
        "periods": CUSTOM_PERIODS.get(kind, []),
    }
    return Proposal(
        "cadence",
        value,
        [Passage(s.start, s.end, s.block.source) for s in sentences],
        0.85,
        _("Meningar om uppföljning som anger hur ofta den görs."),
    )
