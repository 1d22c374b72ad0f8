"""Responsibilities: who does what in the international work.

A responsibility is a clause that names a body and a duty: "Kommunstyrelsen
antar riktlinjer …", "Varje nämnd och bolagsstyrelse ansvarar för att … följa
upp …". The body is the clause's subject (Swedish puts it first or right after
the verb), the agent of a passive ("antas av kommunfullmäktige"), the
recipient of a report ("redovisas … till Kommunstyrelsen"), the body a
pronoun refers back to ("De ansvarar också …"), or — when the clause has none
("Ansvarar för den strategiska ledningen …") — the body its section is named
after ("4.2 Kommunstyrelsen"), or the one unit a heading over verb-first items
names ("Vad kan EU-kontoret erbjuda?" over "Företräder kommunen …"). Sentences
with two predicates ("… samt fattar beslut om vänorter") are split into
clauses. Each item of a list led in by a body's duty ("Den ansvarar för
följande:", "Internationella enheten ska") is a duty of that body. A body that
is told ("delges", "ska informeras", "får rapporter") receives reports.

The duties' words are in duty_words; the follow-up cadence is read in
extract_cadence.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.utils.translation import gettext as _

from utblick.intake.duty_words import PRIMARY_DUTIES, SECONDARY_DUTIES
from utblick.intake.extract_cadence import cadence_proposal
from utblick.intake.lexicon import (
    ANTECEDENT_ONLY,
    NOT_INFINITIVES,
    PREPOSITIONS,
    BodyMention,
    body_mentions,
    grouped,
    word_before,
    word_index,
)
from utblick.intake.proposals import Passage, Proposal
from utblick.intake.structure import OPEN_LEAD, Document, Sentence, headed_lists

_I = re.IGNORECASE
_VERBS = (
    "fattar|beslutar|antar|ansvarar|genomför|följer|leder|redovisar|rapporterar|samordnar"
    "|företräder|upprättar|utser|bär|stödjer|bistår|redovisas|rapporteras|återrapporterar"
    "|utarbetar|tillhandahåller|tecknar|ansvarar|bevakar|arbetar"
)
_CLAUSE_SPLIT = re.compile(
    rf",?\s+(?:och|samt)\s+(?=(?:{_VERBS})\b|(?:varje|årligen|dessutom|därefter)\b)"
    rf"|,\s+(?=(?:{_VERBS})\b)"
    r"|,\s+(?=(?:därför|därmed)\s)",
    _I,
)
#: Duties a clause may name together with its first one.
_JOINABLE = {"coordinates", "develops", "supports", "monitors", "follows_up", "represents"}
_JOINED_WITHIN = 40
_AND_TO = re.compile(r"\boch\s+att\b", _I)
#: "stödja, stimulera, främja, kunskapsutveckla och följa …": one verb series, any length.
_VERB_SERIES = re.compile(r"^(?:(?:ska|skall)\s+)?(?:[a-zåäö-]+(?:a|ar|er|r)(?:,\s+|\s+och\s+))+$")
_LIST_DUTY = re.compile(
    r"\bansvarar\b|\b(?:ska|skall)\b|\buppgift\w*\b|\buppdrag\b|\barbetar\s+med\s+att\b", _I
)
#: "Detta innebär bland annat att:": the items spell out the duty the paragraph opened with.
_SPELLED_OUT = re.compile(r"^(?:Detta|Det|Vilket)\s+innebär\b", _I)
_MEANS_FOR = re.compile(r"^För\s+(.{3,60}?)\s+innebär\b.*:$", _I)
#: A unit named by its kind alone ("Enheten …") is the one the text named before.
_THE_UNIT = r"(?:Enheten|Avdelningen|Förvaltningen|Kontoret|Gruppen)"
_PRONOUN_LEAD = re.compile(rf"^(?:Den|De|{_THE_UNIT})\b")
_ANAPHORIC_UNIT = re.compile(rf"^{_THE_UNIT}\b")
_PRONOUN = re.compile(
    rf"^(?:De|Dessa|Ansvaret|{_THE_UNIT})\b"
    r"|^Den(?=\s+(?:också\s+)?[a-zåäö]+(?:ar|er)\b)"  # "Den utövar också …", not "Den regionala …"
)
_PROPOSES_TO = re.compile(r"\bföreslår?\s+((?:\w+\s+){1,3}?)att\b", _I)
_PLURAL_PRONOUN = re.compile(r"^(?:De|Dessa)\s+(?!\w+na\b)")
#: Units whose staff a plural pronoun names: "Kontoret … De har också som uppgift att …".
_STAFFED = {"international_unit", "department"}
#: A definite singular that names no one on its own refers back to the body of that kind
#: named just before: "… ett representationskontor i Bryssel. Kontoret bevakar …".
_ANAPHORS = {
    "nämnden": "nämnd",
    "kontoret": "kontor",
    "förvaltningen": "förvaltning",
    "enheten": "enhet",
    "avdelningen": "avdelning",
    "föreningen": "förening",
    "förbundet": "förbund",
}
_ANAPHOR_REACH = 3  # sentences back
_RESPONSIBLE = re.compile(
    r"\bansvara(?:r)?\b|\bär ansvarig\w*\b|\bhar\s+(?:\w+\s+)?ansvar\w*\b|^ansvaret\b", _I
)
#: What a body is responsible for when the duty is the international work as a whole.
_THE_WORK = re.compile(
    r"\binternationella\s+(?:arbetet|frågor|frågorna|samarbetet|verksamheten)\b|\btematiska frågor\b"
    r"|\b(?:kommunens|regionens|stadens|det)\s+(?:EU-arbete|internationella arbete|vänorts\w+)"
    # "Styrelsens förvaltning ansvarar för den internationella funktionen": the unit itself
    r"|\bden\s+internationella\s+(?:funktionen|enheten|avdelningen)\b",
    _I,
)
#: A part of the work in a body's own field: its contacts, exchanges, projects, EU matters.
_ITS_PART = re.compile(
    r"\b(?:sitt|sina|sin|dess)\s+(?:\w+\s+)?(?:internationella|kontakter|utbyten|arbete)\b"
    r"|\b\w*utbyte\w*|\binternationella\s+(?:kontakter|projekt|utbyten)\b|\bEU-(?:frågor|ärenden|arbete)\w*"
    r"|\binternationell\w*\s+perspektiv\w*",
    _I,
)
_PASSIVE_AGENT = re.compile(
    r"\b(\w+as|\w+(?:its|ats)|sköts|görs|utförs|leds|utsedda?|valda?)\s+(?:\w+\s+){0,4}?(?:av|från)\s+(?:(?:berörd|berörda|respektive|ansvarig|ansvariga|aktuell|en|ett)\s+)?"
    r"|\b(?:sker|ligger|finns)\s+(?:på|hos|inom)\s+",
    _I,
)
_RECIPIENT = re.compile(r"\btill\s+", _I)
#: A report passed on: its recipient receives it ("redovisas … till kommunstyrelsen").
_PASSIVE_REPORTING = re.compile(
    r"\b(?:redovisas|rapporteras|återrapporteras|lämnas|rapportering|redovisning)\b", _I
)
#: … or the subject reports it to the recipient ("Nämnderna ska redovisa … till …", "Nämnden
#: redovisar … till …").
_REPORTING = re.compile(
    rf"{_PASSIVE_REPORTING.pattern}|\b(?:ska|skall)\s+(?:\w+\s+)?(?:redovisa|rapportera|återrapportera)\b"
    r"|\b(?:redovisar|rapporterar|återrapporterar)\b"
    r"|\bhar\s+(?:\w+\s+)?(?:rapporterings|redovisnings|återrapporterings)ansvar\b",
    _I,
)


@dataclass
class Clause:
    text: str
    start: int
    end: int
    sentence: Sentence
    first: bool  # the sentence's first clause (it carries the subject)


def clauses(sentence: Sentence) -> list[Clause]:
    """A sentence's clauses, split before a second predicate ("… samt fattar beslut …")."""
    out = []
    start = 0
    for match in _CLAUSE_SPLIT.finditer(sentence.text):
        out.append(_clause(sentence, start, match.start(), not out))
        start = match.end()
    out.append(_clause(sentence, start, len(sentence.text), not out))
    return out


def _clause(sentence: Sentence, start: int, end: int, first: bool) -> Clause:
    text = sentence.text[start:end].rstrip(" .;")
    return Clause(text, sentence.start + start, sentence.start + start + len(text), sentence, first)


def _genitive(text: str, mention: BodyMention) -> bool:
    word = text[mention.start : mention.end].lower()
    return mention.specific and word.endswith(("ens", "ges", "ets")) and word not in {"ks", "kf"}


#: A body's task named as a noun: "Enhetens (främsta) uppgift är att …", "Det är kommunstyrelsens
#: uppgift att …", "En viktig uppgift för EU-samordnaren är att …".
_TASK = r"[a-zåäö]*(?:uppgift|uppdrag|roll)(?:en)?"
_TASK_AFTER_GENITIVE = re.compile(
    rf"^\s+(?:[a-zåäö]+\s+){{0,2}}?{_TASK}\s+(?:är|blir)?\s*att\b", _I
)
_TASK_BEFORE = re.compile(rf"^(?:En|Ett|Den|Det)\s+(?:[a-zåäö]+\s+){{0,2}}?{_TASK}\s+för\s+$", _I)
_TASK_AFTER = re.compile(r"^\s+(?:är|blir)\s+att\b", _I)


def _task_of(text: str, mention: BodyMention) -> bool:
    """Whether the clause names ``mention``'s task: the body whose duties it states."""
    if not mention.specific:
        return False
    if _genitive(text, mention):
        return bool(_TASK_AFTER_GENITIVE.match(text[mention.end :]))
    return bool(_TASK_BEFORE.match(text[: mention.start])) and bool(
        _TASK_AFTER.match(text[mention.end :])
    )


def subject_of(text: str) -> list[BodyMention] | None:
    """The bodies a clause names as its subject, or None."""
    groups = grouped(body_mentions(text), text)
    infinitive = re.match(r"([a-zåäö]+a)\b", text)
    if (
        infinitive
        and infinitive.group(1) not in NOT_INFINITIVES
        and not (groups and groups[0][0].start == 0)
    ):
        return None  # "stödja förvaltningarna …": an item that goes on its lead's subject
    for index, group in enumerate(groups):
        first = group[0]
        if word_index(text, first.start) > 5:
            return None
        if _task_of(text, first):
            return list(group)  # "Enhetens uppgift är att …": the unit whose task it is
        if word_before(text, first.start) in PREPOSITIONS or _genitive(text, first):
            continue
        subject = list(group)
        for later in groups[index + 1 :]:
            if word_before(text, later[0].start) == "genom":
                subject += [m for m in later if m.specific]
        return subject
    return None


def _resolved(
    group: list[BodyMention] | None, text: str, recent: list[BodyMention]
) -> list[BodyMention] | None:
    """``group`` with an anaphor ("nämnden", "Kontoret") replaced by the body it refers to."""
    if not group or len(group) != 1 or group[0].specific:
        return group
    mention = group[0]
    stem = _ANAPHORS.get(text[mention.start : mention.end].lower())
    if stem is None:
        return group
    for earlier in reversed(recent):
        if stem in earlier.name.lower():
            return [BodyMention(earlier.name, earlier.kind, True, mention.start, mention.end)]
    if text[mention.start : mention.end].lower() in ANTECEDENT_ONLY:
        return None
    return group


def _after(text: str, pattern: re.Pattern[str]) -> list[BodyMention]:
    for match in pattern.finditer(text):
        rest = text[match.end() :]
        groups = grouped(body_mentions(rest), rest)
        if groups and groups[0][0].start == 0:
            return [
                BodyMention(m.name, m.kind, m.specific, m.start + match.end(), m.end + match.end())
                for m in groups[0]
            ]
    return []


#: A clause that opens with its verb ("Företräder kommunen …", "Hjälper till med …"): the
#: present tense of the verbs that state a unit's duties, not a plural noun ("Kontakter").
_VERB_FIRST = re.compile(
    r"^(?:Hjälper|Stöder|Stödjer|Stöttar|Bistår|Företräder|Representerar|Samordnar|Bevakar"
    r"|Informerar|Ansvarar|Erbjuder|Arrangerar|Anordnar|Driver|Ger|Håller|Genomför|Utvecklar"
    r"|Sprider|Söker|Hanterar|Leder|Följer|Rapporterar|Utbildar|Tar|Initierar|Samverkar)\b"
)


def _heading_subject(sentence: Sentence) -> list[BodyMention] | None:
    """The body a section is named after ("4.2 Kommunstyrelsen"); or, for a list of verb-first
    items, the one unit its heading names ("Vad kan internationella enheten erbjuda?")."""
    heading = sentence.section
    if heading is None:
        return None
    mentions = body_mentions(heading.title)
    covered = sum(m.end - m.start for m in mentions)
    if mentions and covered >= 0.5 * len(heading.title.replace(" och ", "")):
        return mentions
    specific = [m for m in mentions if m.specific]
    if len(specific) == 1 and sentence.block.kind == "item" and _VERB_FIRST.match(sentence.text):
        return specific
    return None


@dataclass
class Duties:
    responsibilities: list[Proposal]
    cadence: Proposal | None
    #: Sentences that assign a duty to a named body (not principles on their own).
    used: list[Sentence]


def duty_proposals(document: Document) -> Duties:
    found: list[Proposal] = []
    used: list[Sentence] = []
    previous: list[BodyMention] | None = None
    named_before: list[list[BodyMention]] = []
    for sentence in document.all_sentences():
        recent = [m for mentions in named_before[-_ANAPHOR_REACH:] for m in mentions]
        named_before.append([m for m in body_mentions(sentence.text) if m.specific])
        if sentence.position == 0 and not _ANAPHORIC_UNIT.match(sentence.text):
            previous = None  # "De" refers within a paragraph; "Enheten" to the unit just named
        subject: list[BodyMention] | None = None
        who: list[BodyMention] | None = None
        for clause in clauses(sentence):
            named = (
                _resolved(subject_of(clause.text), clause.text, recent) if clause.first else None
            )
            if not clause.first:
                # "… och varje år antar regionstyrelsen …": a later clause with its own subject.
                own = _resolved(subject_of(clause.text), clause.text, recent)
                if own and any(m.specific for m in own):
                    named = own
            if clause.first:
                subject = named
                if subject is None and _PRONOUN.match(clause.text):
                    subject = previous
                    # "Landstingsstyrelsen har utsett fyra politiker … Dessa representerar …":
                    # "Dessa" are the politicians, not the one board named before
                    # … but "Brysselkontoret … De som arbetar i Bryssel …" are the office's staff
                    plural = _PLURAL_PRONOUN.match(clause.text)
                    one = previous and len(previous) == 1 and previous[0].specific
                    if plural and one and previous[0].kind not in _STAFFED:
                        subject = None
            recipients = _after(clause.text, _RECIPIENT) if _REPORTING.search(clause.text) else []
            for mention in recipients:
                _add(found, "receives_reports", [mention], clause, subject_text="", confidence=0.8)
            if any(m.specific for m in recipients):
                used.append(sentence)
            who = named if named and not clause.first else subject
            confidence = 0.8 if named else 0.65
            if who is None:
                who = _after(clause.text, _PASSIVE_AGENT) or None
            if who is None and not recipients:
                who = _heading_subject(sentence)
            if not who:
                continue
            # A body's own name ("samordnaren") is not its duty, nor what it is for ("För att
            # tillgodose behovet av bevakning ska …")
            said = _without_purpose(_without_bodies(clause.text))
            duties = [duty for duty, pattern in SECONDARY_DUTIES if pattern.search(said)]
            found_at = [
                (d, m.start()) for d, pattern in PRIMARY_DUTIES if (m := pattern.search(said))
            ]
            primary = found_at[0][0] if found_at else None
            passive = recipients and _PASSIVE_REPORTING.search(clause.text)
            if primary and not (passive and primary in ("reports", "follows_up")):
                duties.insert(0, primary)
                # "ansvarar för utveckling och samordning": the duties named side by side.
                duties += [
                    d
                    for d, at in found_at[1:]
                    if (
                        d in _JOINABLE
                        and primary in _JOINABLE
                        and abs(at - found_at[0][1]) <= _JOINED_WITHIN
                    )
                    or _VERB_SERIES.match(said[found_at[0][1] : at])
                    # "uppdrag är att stödja verksamheterna … och att samordna …"
                    or (
                        abs(at - found_at[0][1]) <= 3 * _JOINED_WITHIN
                        and _AND_TO.search(said[min(at, found_at[0][1]) : max(at, found_at[0][1])])
                    )
                ]
            if not duties and _RESPONSIBLE.search(said) and _THE_WORK.search(clause.text):
                # "X ansvarar för det internationella arbetet": a named unit leads it, every
                # board or department carries it in its own field.
                duties = ["leads" if any(m.specific for m in who) else "integrates"]
            elif not duties and _RESPONSIBLE.search(said) and _ITS_PART.search(said):
                duties = ["integrates"]  # "… ansvarar för sina internationella kontakter"
            subject_text = ""
            if not clause.first and subject:
                subject_text = document.text[
                    subject[0].start + sentence.start : subject[-1].end + sentence.start
                ]
            # "Kommunstyrelsen har beslutat att föreslå kommunfullmäktige att avsluta …": the
            # decision proposed is the council's
            proposed = _PROPOSES_TO.search(clause.text)
            if proposed and duties and all(d.startswith("decides_") for d in duties):
                named_to = [m for m in body_mentions(proposed.group(1)) if m.specific]
                if named_to:
                    who, subject_text = named_to, ""
            for duty in duties:
                _add(found, duty, who, clause, subject_text, confidence)
            if duties and (any(m.specific for m in who) or "integrates" in duties):
                used.append(sentence)
        if subject:
            previous = subject
        elif who and any(m.specific for m in who):
            previous = who  # "… sker på kanslienheten. Enheten ger stöd …"
    used += _listed_duties(document, found)
    for proposal in found:  # a page that says the same sentence twice cites it once
        cited = [document.text[p.start : p.end] for p in proposal.passages]
        proposal.passages = [
            p for i, p in enumerate(proposal.passages) if cited[i] not in cited[:i]
        ]
    return Duties(found, cadence_proposal(document, found), used)


def _listed_duties(document: Document, found: list[Proposal]) -> list[Sentence]:
    """Each item of a list led in by a body's duty ("Den ansvarar för följande:") is one."""
    listed: list[Sentence] = []
    previous: list[BodyMention] | None = None
    for block in document.blocks:
        if block.kind == "paragraph":
            sentences = document.sentences(block)
            last = sentences[-1] if sentences else None
            named = subject_of(sentences[0].text) if sentences else None
            agent = _after(block.text, _PASSIVE_AGENT) if sentences else []
            previous = named or agent or previous
            leads = last is not None and (last.text.endswith(":") or OPEN_LEAD.search(last.text))
            spelled_out = (
                leads
                and len(sentences) > 1
                and bool(_SPELLED_OUT.match(last.text))
                and any(x.start == sentences[0].start for p in found for x in p.passages)
            )
            # "För internationella funktionen innebär fokusområdena följande:" and a list under
            # each area's heading: what the unit the lead names does in each
            meant = _MEANS_FOR.match(last.text) if last is not None else None
            if not leads or not (_LIST_DUTY.search(last.text) or spelled_out or meant):
                continue
            who = subject_of(last.text) or (previous if _PRONOUN_LEAD.match(last.text) else None)
            if spelled_out:
                who = named
            if meant:
                who = [m for m in body_mentions(meant.group(1)) if m.specific] or None
            if not who or not any(m.specific for m in who):
                continue
            items = [b for b in document.blocks if b.kind == "item" and b.lead is block]
            items += [item for _heading, under in headed_lists(document, block) for item in under]
            for item in items:
                said = _without_bodies(item.text)
                # An item's duty is its verb, the first duty it names ("bevaka … stöd till …").
                at = [
                    (m.start(), rank, duty)
                    for rank, (duty, pattern) in enumerate(PRIMARY_DUTIES)
                    if (m := pattern.search(said))
                ]
                if at:
                    sentence = document.sentences(item)[0]
                    clause = Clause(item.text, item.start, item.end, sentence, True)
                    _add(found, min(at)[2], who, clause, "", 0.7)
                    listed.append(sentence)
    return listed


#: A purpose clause before the main clause: "För att tillgodose …, ska Härnösand vara …".
_MAIN_VERB = r"(?:ska|skall|bör|har|är|kommer|arbetar|behöver)\s"
#: … up to the main clause's verb: after a comma when there is one ("För att kommunen ska
#: kunna bevaka EU, ska …"), else the first verb ("För att tillgodose … behov ska …").
_LEADING_PURPOSE = re.compile(
    rf"^(?:För|I\s+syfte)\s+att\b(?:[^.]*?(?=,\s*{_MAIN_VERB})|[^.]*?(?=\s{_MAIN_VERB}))", _I
)


def _without_purpose(text: str) -> str:
    """``text`` with a leading purpose clause blanked out, offsets kept."""
    match = _LEADING_PURPOSE.match(text)
    return " " * match.end() + text[match.end() :] if match else text


def _without_bodies(text: str) -> str:
    """``text`` with the names of the bodies in it blanked out, offsets kept."""
    for mention in body_mentions(text):
        if mention.kind in ("international_unit", "department", "drafting_committee"):
            text = text[: mention.start] + " " * (mention.end - mention.start) + text[mention.end :]
    return text


def clause_text(clause: Clause, subject_text: str) -> str:
    """A clause as a sentence of its own: "Kommunfullmäktige […] fattar beslut om vänorter."."""
    text = clause.text
    if subject_text:
        text = f"{subject_text} […] {text}"
    return text[:1].upper() + text[1:] + ("" if text.endswith((".", "!", "?")) else ".")


def _add(
    found: list[Proposal],
    duty: str,
    who: list[BodyMention],
    clause: Clause,
    subject_text: str,
    confidence: float,
) -> None:
    passage = Passage(clause.start, clause.end, clause.sentence.block.source)
    text = clause_text(clause, subject_text)
    targets: list[tuple[dict[str, str] | None, list[str]]] = [
        (m.ref, []) for m in who if m.specific
    ]
    kinds = list(dict.fromkeys(m.kind for m in who if not m.specific))
    if kinds:
        targets.append((None, kinds))
    for body, bodies in targets:
        for proposal in found:
            value = proposal.value
            if value["duty"] == duty and value["body"] == body and value["bodies"] == bodies:
                if not any(p.overlaps(passage.start, passage.end) for p in proposal.passages):
                    proposal.passages.append(passage)
                break
        else:
            found.append(
                Proposal(
                    "responsibility",
                    {"duty": duty, "body": body, "bodies": bodies, "text": text},
                    [passage],
                    confidence,
                    _("Meningen tilldelar ett organ ett ansvar."),
                )
            )
