"""Focus areas: where a Swedish governing document states them.

Focus areas come from an enumeration ("inriktas på tre områden: A, B samt
C", "Prioriterade områden för arbetet är …", a list after "Strategin har
tre övergripande prioriteringar:") and from the sub-sections of a section
named "Inriktning", "Fokusområden" or "Prioriterade områden", names listed
under "följande områden:" or an "inriktning … :" lead, and numbered lines
("Insatsområde 1: Kompetensförsörjning"). A section named like an area gives
its description.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from itertools import pairwise, takewhile

from django.utils.translation import gettext as _

from utblick.intake.lexicon import (
    NAME_WORDS,
    PREPOSITIONS,
    PURPOSE_IS,
    SECTION_WORDS,
    TO_REACH,
    capitalise,
    opens_infinitive,
)
from utblick.intake.proposals import Passage, Proposal, dice
from utblick.intake.structure import (
    Block,
    Document,
    Heading,
    Sentence,
    headed_lists,
    lead_sentence,
)

_I = re.IGNORECASE
_FOCUS_TRIGGER = re.compile(
    r"\b(?:inriktas|inriktat|inriktad|koncentreras)\s+(?:\w+\s+){0,3}?(?:på|mot)\b"
    # "… internationella arbete ska fokusera på närområdet, den arktiska plattformen och …"
    r"|\barbete(?:t)?\s+(?:ska|skall)\s+(?:\w+\s+)?fokusera\s+på\b"
    r"|\bprioriterade områden\b[^:”\"]{0,40}?(?:är|:)"
    r"|\b(?:två|tre|fyra|fem|sex|sju|\d)\s+(?:\w+\s+)?(?:områden|inriktningar|prioriteringar|fokusområden|insatsområden|utgångspunkter|punkter)\b[^.]*:$"
    r"|\b(?:två|tre|fyra|fem|sex|sju|\d)\s+(?:\w+\s+)?(?:områden|inriktningar|prioriteringar|fokusområden|insatsområden)\b"
    # "… består av tre olika internationaliseringsformer:"
    r"|\bbestår\s+av\s+(?:två|tre|fyra|fem|sex|sju|\d)\s+(?:\w+\s+)?\w*former\b[^.]*:$"
    r"|\b(?:fokusområden|insatsområden|inriktningar|prioriteringar)\s*(?:är|:)"
    r"|\b(?:prioriterade|strategiska)\s+(?:fokus|insats|verksamhets)?områden\w*\b[^.]*[:;]$"
    r"|\b(?:fokusområden|insatsområden)(?:a)?\b[^.]*[:;]$"
    r"|\binriktning(?:en|ar|arna)?\b[^.]*:$"
    r"|\b(?:följande|dessa|tre|fyra|fem|sex)\s+(?:\w+\s+)?\w*områden\b[^.]*:$"
    # "Arbetet … utgår från tre breda grunduppdrag:": what the work is built on
    r"|\butgår\s+från\s+(?:två|tre|fyra|fem|sex|\d)\s+(?:\w+\s+)?\w*uppdrag\s*:"
    # "… har tre huvudsakliga mål:" over bare names ("Samhällsutveckling"): areas, not aims
    r"|\bhar\s+(?:två|tre|fyra|fem|sex|\d)\s+(?:\w+\s+)?mål\s*:$"
    # "Samarbetsområdena är:" over the list of them
    r"|^(?:\w+\s+){0,2}?(?:fokus|insats|samarbets|tema|utvecklings)områdena\s+(?:är|blir)\s*:$"
    # "Inom samarbetet arbetar vi med fokusområdena destinationssamarbete, arbetsmarknad, …"
    r"|\b(?:med|på|inom)\s+(?:de\s+\w+\s+)?(?:fokus|insats|tema)områdena\s+(?=(?-i:[a-zåäö]))"
    # "De ämnen som kommer prioriteras 2018 är demokrati, miljö och …"
    r"|\b(?:ämnen|områden|frågor|teman)\s+som\s+(?:\w+\s+){0,2}?prioriteras\s+(?:\w+\s+){0,2}?är\s+(?=(?-i:[a-zåäö]))"
    # "… lyfte fram följande fem spetsar i strategin: ökad livskraft, …"
    r"|\bföljande\s+(?:\w+\s+)?(?:spetsar|teman|satsningar)\b[^.:]{0,40}:(?=\s*(?-i:[a-zåäö]))"
    # "… fokuserar på följande bevakningsområden; kommunikation, …": the names in the sentence
    r"|\bföljande\s+(?:\w+\s+)?\w*områden\s*[:;](?=\s*\S)"
    r"|\bföljande\s+(?:\w+\s+)?(?:frågor|områden)\s+(?:ska|skall)\s+prioriteras\b"
    # "Inom samarbetet prioriteras följande områden Demokratifrågor, företag, …": the heading
    # over the names, run into them by a flattened text
    r"|\bprioriteras\s+följande\s+(?:\w+\s+)?områden?\s*:?\s+(?=(?-i:[A-ZÅÄÖ])[^.]*,)"
    r"|\b(?:prioriterar|fokuserar\s+på)\s+(?:\w+\s+)?(?:följande\s+)?\w*områden\b[^.]*:$"
    # "… främjar samarbeten inom många områden, framför allt forskning och innovation, …" (not
    # "Testby har många gröna områden, framför allt parker …")
    r"|\b(?:samarbet|samverk|arbet)\w*\s+inom\s+(?:\w+\s+)?områden,\s+"
    r"(?:framför\s+allt|främst|bland\s+annat|särskilt)\s+(?=(?-i:[a-zåäö]))"
    # "EU-kontoret bevakar främst de frågor regionen arbetar med, som exempelvis …": the
    # office's or our own (not "Kommissionen bevakar …"), and the questions' examples (not
    # those of "… frågor som berör våra medlemmar, som exempelvis kommuner …")
    r"|^(?:[\w-]*kontoret|vi)\s+bevakar\s+(?:främst\s+|framför\s+allt\s+)?(?:de\s+)?frågor\b"
    r"(?!\s+(?:som|och|vilka)\b)[^.,]{0,80}?,\s+som\s+"
    r"(?:exempelvis|till\s+exempel|t\.\s?ex\.)\s+(?=(?-i:[a-zåäö]))"
    # "Verksamheten omfattar i huvudsak samverkan, informations- och kunskapsspridning, …" (not
    # "Verksamheten omfattar tre förskolor, …", "… ca 40 anställda")
    r"|^verksamheten\s+omfattar\s+(?:i\s+huvudsak\s+|främst\s+)?"
    r"(?!(?:\d|en|ett|två|tre|fyra|fem|sex|ca|cirka|drygt|omkring)\b)(?=(?-i:[a-zåäö])[^.]*,)"
    # "Vi ska arbeta med: • öppen ungdomsverksamhet • …": what the work is to be about
    r"|\b(?:ska|skall)\s+(?:särskilt\s+|främst\s+)?arbeta\s+med\s*:$",
    _I,
)


_AREAS_HEADING = re.compile(
    r"\bprioriteras\s+följande\s+(?:\w+\s+)?områden?\b|\bföljande\s+områden?\s+prioriteras\b", _I
)


#: A sentence, not a bare enumeration of names.
_FINITE_IN_NAMES = re.compile(
    r"\b(?:ska|skall|är|har|bör|kan|måste|blir|finns|omfattar|gäller|innebär)\b", _I
)


_AREA_SENTENCE = re.compile(
    r"^Det\s+(?:ena|första|andra|tredje|fjärde)\s+(?:området|insatsområdet|fokusområdet)\s+"
    r"(?:gäller|rör|avser|handlar\s+om)\s+(?P<area>[^.;]+?)\.?$"
    # (not "Dessa frågor är särskilt prioriterade": what it refers to is named elsewhere)
    r"|^(?!(?:Det|Detta|Dessa|De|Den|Denna|Frågan|Området|Följande)\b)"
    r"(?P<first>(?:[A-ZÅÄÖ][\w:-]*)(?:\s+[a-zåäö][\w:-]*){0,3})\s+är\s+(?:särskilt|högt)\s+prioriterade?\.?$"
    # "En särskilt prioriterad grupp för internationella kontakter är barn och ungdomar som …"
    r"|^(?:En|Ett|Den|Det)\s+(?:särskilt\s+|högt\s+)?prioriterad\w*\s+(?:mål)?(?:grupp|område|fråga)\w*"
    r"(?:\s+för\s+[^.]{0,60}?)?\s+är\s+(?P<named>[a-zåäö][\w-]*(?:\s+(?!som\b|vilka\b)[a-zåäö][\w-]*){0,3}?)"
    r"(?=\s+(?:som|vilka)\b|\s*[,.]|$)"
    # "Strategiområdet Öka internationaliseringen innebär att utvidga …": the area, named (what
    # it means is an aim, for the goals)
    r"|^[A-ZÅÄÖ][a-zåäö]*området\s+(?P<means>[A-ZÅÄÖ][^.;,]{2,60}?)\s+innebär\s+att\b"
    # "Balanserad utveckling mellan land och stad ska därför vara ett övergripande tema för …"
    # (not "Detta ska vara …", nor "… ett genomgående tema i arbetet": a principle)
    r"|^(?!(?:Det|Detta|Dessa|Den|Denna)\b)(?P<theme>[A-ZÅÄÖ][^.;,:]{3,60}?)\s+(?:ska|skall)\s+"
    r"(?:därför\s+|också\s+)?vara\s+(?:ett|en)\s+(?:övergripande\s+)?"
    r"(?:tema|fokusområde|prioriterat\s+område|insatsområde|huvudområde)\b"
)


_RELATIVE_AFTER = re.compile(r"^\s*,?\s*(?:vilka|vilket|som|där)\b", _I)


#: Whose areas they are when not the work's own: "EU:s", "Erasmus+", "programmets".
_OTHERS = re.compile(r"(?:\bEU:s|\+|\b\w+programmets|\bkommissionens)\s+$", _I)


#: Countries and parts of the world: where the work is directed, not a focus area.
_PLACES = re.compile(
    r"\bländer(?:na)?$|-länderna$|\b(?:Norden|Europa|Östersjöregionen|Afrika|Asien)$", _I
)


#: The most words an area's name has ("Strategiskt samarbete inom ramen för EU:s fonder och
#: program"); a longer item is a sentence.
_LONGEST_NAME = 10


#: A list item that is a sentence, not a name: a finite verb, or too many words.
_NOT_A_NAME = re.compile(r"\b(?:ska|skall|är|har|bör|kan|måste|blir)\b", _I)


_FOCUS_SECTION = re.compile(
    r"^(?:inriktning(?:ar)?|fokusområden|prioriterade områden|insatsområden|prioriteringar"
    r"|samarbetsområden|strategiska områden|målområden|temaområden|tematiska områden)\b",
    _I,
)


#: "Insatsområde 1: Kompetensförsörjning", "Fokusområde 2 – Hållbar tillväxt": a numbered area.
_NUMBERED_AREA = re.compile(
    r"^(?:fokus|insats|mål|tema|samarbets|prioriterat\s+)?område\s*\d{1,2}\s*[:.–-]\s*([^.:]{3,80}?)\.?$",
    _I,
)


_LEADING_VERB = re.compile(
    r"^(?:(?:ska|skall|bör)\s+)?(?:bidra till|verka för|arbeta (?:för|med)|främja|stärka|satsa på)\s+"
    # "… inriktas på insatser som stärker verksamhetsutveckling, …"
    r"|^(?:insatser|åtgärder|aktiviteter)\s+som\s+(?:stärker|främjar|utvecklar|bidrar\s+till)\s+",
    _I,
)


_FOR_WHOM = re.compile(
    r"\s+för\s+(?:de|alla|våra)\s+(?:\w+\s+)?(?:kommunerna|medlemskommunerna|medlemmarna|invånarna)$",
    _I,
)
_ITEM_MARKER = re.compile(r"(?:^|(?<=\s))(?:[ivx]+|[a-h]|\d{1,2})\)\s+")


#: A heading that opens one of the document's own sections, not an area.
_SECTION_WORD = re.compile(rf"^(?:\d+(?:\.\d+)*\.?\s+)?(?:{SECTION_WORDS})\b")


#: "inom den Europeiska unionen": the preposition and article before a place's name.
_PLACE_WORD = re.compile(r"^(?:inom|i)\s+(?:den\s+|det\s+)?(?=[A-ZÅÄÖ])")


#: A capital word after one in lower case, and a verb after it: the next sentence begins.
_NEXT_SENTENCE = re.compile(
    r"(?<=[a-zåäö])\s+(?=[A-ZÅÄÖ][a-zåäö]+\s+(?:ska|skall|är|har|kan|bör|ansvarar|följer|beslutar)\b)"
)
#: "… transporter, energi med mera": the list goes on, the name does not.
_ET_CETERA = re.compile(r"\s+(?:med\s+mera|m\.\s?m|etc)\.?$", re.I)


def _items_of(text: str, offset: int) -> list[tuple[str, int, int]]:
    """Names in an enumeration, with their offsets: "i) A, ii) B, samt iii) C" → A, B, C."""
    parts: list[tuple[int, int]] = []
    # "… samt Kultur Kommunstyrelsen ansvarar för …": a flattened text's next sentence
    text = _NEXT_SENTENCE.split(text, maxsplit=1)[0]
    markers = list(_ITEM_MARKER.finditer(text))
    if len(markers) >= 2:
        for index, marker in enumerate(markers):
            end = markers[index + 1].start() if index + 1 < len(markers) else len(text)
            parts.append((marker.end(), end))
    else:
        start = 0
        for separator in re.finditer(r",\s+|\s+samt\s+|;\s+", text):
            parts.append((start, separator.start()))
            start = separator.end()
        parts.append((start, len(text)))
        # "A, B och C": the last "och" parts two short names when nothing else did.
        # ("… och C för de skånska kommunerna": whom all the names are for, not part of C)
        last = _FOR_WHOM.sub("", text[start:].rstrip(" ."))
        both = last.split(" och ")
        # "… plattformen och inom den Europeiska unionen": the place a name is in counts not
        sides = [_PLACE_WORD.sub("", side) for side in both]
        short = len(both) == 2 and all(0 < len(side.split()) <= 3 for side in sides)
        if len(parts) >= 2 and " samt " not in text and short:
            cut = start + len(both[0])
            parts[-1:] = [(start, cut), (cut + len(" och "), len(text))]
    items = []
    for start, end in parts:
        piece = text[start:end]
        stripped = re.sub(r"^[\s”“\"'(]+|[\s”“\"'.,;:)]+$", "", piece)
        stripped = re.sub(r"^(?:och|samt)\s+|\s+(?:och|samt)$|,?\s+samt$", "", stripped, flags=_I)
        stripped = _ET_CETERA.sub("", stripped)
        stripped = _FOR_WHOM.sub("", _PLACE_WORD.sub("", stripped))
        lead = _LEADING_VERB.match(stripped)
        if lead:
            stripped = stripped[lead.end() :]
        stripped = stripped.split(" – ")[0].split(" - ")[0].strip()
        if not stripped or len(stripped.split()) > 8:
            continue
        at = text.find(stripped, start)
        items.append((capitalise(stripped), offset + at, offset + at + len(stripped)))
    return items


@dataclass
class FocusAreas:
    proposals: list[Proposal] = field(default_factory=list)
    #: Sentences that enumerate the areas, and the first sentences that describe them.
    used: list[Sentence] = field(default_factory=list)
    #: Sections that describe one area each.
    sections: list[Heading] = field(default_factory=list)


def focus_area_proposals(document: Document) -> FocusAreas:
    """Focus areas, the sentences stating them, and the sections describing them."""
    result = FocusAreas()
    found, used = result.proposals, result.used
    for sentence in document.all_sentences():
        trigger = _FOCUS_TRIGGER.search(sentence.text)
        if not trigger:
            continue
        if _OTHERS.search(sentence.text[: trigger.start()]):
            continue  # "… ska genomsyras av Erasmus+ prioriteringar: …": a programme's, not its own
        participle = trigger.group(0).lower().startswith(("inriktad", "inriktat"))
        if participle and PURPOSE_IS.search(sentence.text[: trigger.start()]):
            continue  # "ett mål att skapa ett samarbete inriktat på …": what a goal is about
        rest = sentence.text[trigger.end() :]
        if _RELATIVE_AFTER.match(rest):
            continue  # "… två områden, vilka har utformats utifrån …": not the areas' names
        colon = rest.find(":")
        if colon >= 0:
            rest_start = sentence.start + trigger.end() + colon + 1
        else:
            rest_start = sentence.start + trigger.end()
        items = _items_of(document.text[rest_start : sentence.end], rest_start)
        if sentence.text.rstrip().endswith((":", ";")):
            items = [
                _item_name(b)
                for b in document.blocks
                if b.kind == "item" and b.lead is sentence.block
            ] or _labelled_after(document, sentence.block)
            # … or the headings of the lists the lead goes on with
            items = items or [
                (heading.text, heading.start, heading.end)
                for heading, _items in headed_lists(document, sentence.block)
            ]
        elif len(items) < 2 and sentence.end >= sentence.block.end - 1:
            # "… följande frågor ska prioriteras." and the list right under it
            items = [_item_name(b) for b in _items_under(document, sentence.block)]
        # "… till två områden: politisk påverkan i viktiga frågor och projektstöd": two names
        # said, one "och" between them
        if len(items) < 2 and colon >= 0 and re.search(r"\btvå\b", trigger.group(0), _I):
            items = _two_names(document.text[rest_start : sentence.end], rest_start) or items
        # "• att öka ungas delaktighet" among the names: an aim, for the goals
        items = [item for item in items if not TO_REACH.match(item[0])]
        # the names, then the sentences a page's list goes on with ("– Dessa områden har …")
        names = list(takewhile(lambda item: not _sentence_item(item[0]), items))
        after = items[len(names) :]
        if len(names) >= 2 and all(_comment(name) for name, _s, _e in after):
            items = names
        if len(items) < 2 or any(_sentence_item(name) for name, _start, _end in items):
            continue
        if all(_PLACES.search(name) for name, _start, _end in items):
            continue  # "inriktas mot EU-länderna samt övriga nordiska länder": where, not what
        used.append(sentence)
        for name, start, end in items:
            _add_area(
                found,
                name,
                Passage(start, end, sentence.block.source),
                0.85,
                _("Uppräknad som inriktning i texten."),
            )
    # "Inom samarbetet prioriteras följande områden" as a heading over "Demokrati, kultur,
    # sport och miljö.": the areas as a bare enumeration under their lead
    for block, after in pairwise(document.blocks):
        if block.kind != "heading" or after.kind != "paragraph" or after.section is None:
            continue
        if not _AREAS_HEADING.search(block.text) or _FINITE_IN_NAMES.search(after.text):
            continue
        items = _items_of(after.text, after.start)
        if len(items) < 3 or any(len(name.split()) > 4 for name, _s, _e in items):
            continue
        used.extend(document.sentences(after))
        for name, start, end in items:
            _add_area(
                found,
                name,
                Passage(start, end, after.source),
                0.8,
                _("Uppräknad under en rubrik som säger att områdena prioriteras."),
            )
    # "Det ena området gäller EU:s sammanhållningspolitik.", "Östersjöfrågorna är särskilt
    # prioriterade.": an area named in a sentence of its own
    for sentence in document.all_sentences():
        named = _AREA_SENTENCE.match(sentence.text)
        if named is None:
            continue
        name = (
            named.group("area")
            or named.group("first")
            or named.group("named")
            or named.group("theme")
            or named.group("means")
        )
        if not name or len(name.split()) > _LONGEST_NAME:
            continue
        if not named.group("means"):
            used.append(sentence)
        _add_area(
            found,
            capitalise(name),
            Passage(sentence.start, sentence.end, sentence.block.source),
            0.7,
            _("En mening som namnger ett prioriterat område."),
        )
    for lead, tasks in _task_areas(document):
        used.extend(document.sentences(lead)[-1:])
        for name, start, end in tasks:
            _add_area(
                found,
                name,
                Passage(start, end, lead.source),
                0.7,
                _("Uppräknad som en av verksamhetens huvuduppgifter."),
            )
    for lead, items in _items_that_return_as_headings(document):
        used.extend(document.sentences(lead)[-1:])
        for item in items:
            _add_item_area(found, item, _("Uppräknad och sedan rubrik för ett eget avsnitt."))
    for block in document.blocks:
        numbered = _NUMBERED_AREA.match(block.text)
        if numbered:
            start = block.start + numbered.start(1)
            _add_area(
                found,
                capitalise(numbered.group(1).strip()),
                Passage(start, start + len(numbered.group(1).strip()), block.source),
                0.85,
                _("Ett numrerat område i texten."),
            )
    for heading in document.headings:
        if not _FOCUS_SECTION.match(heading.title):
            continue
        for sub in document.subheadings(heading) or _listed_after(document, heading):
            _add_area(
                found,
                sub.title,
                Passage(sub.start, sub.end, sub.source),
                0.8,
                _("Underrubrik i avsnittet om inriktning."),
            )
        for item in _bare_items(document, heading):
            _add_item_area(found, item, _("Uppräknad under rubriken om inriktning."))
        result.sections.append(heading)
    for proposal in found:
        described = _describe(document, proposal)
        if described is not None:
            heading, sentence = described
            result.sections.append(heading)
            used.append(sentence)
    return result


_NOT_A_NAME_START = re.compile(rf"^(?:\d|(?:{'|'.join(PREPOSITIONS)})\s)", _I)


#: "Kontorets huvudsakliga uppgifter är:", "Det innebär framför allt följande delar:": a lead
#: over the parts of the work, named ("Intressebevakning av frågor …", "Vänortssamarbete").
#: (not "Enhetens uppgifter är:", a unit's duties; nor "Policyn består av följande delar:",
#: the document's own parts)
_TASKS_LEAD = re.compile(
    r"\bhuvudsakliga\s+uppgifter\s+(?:är|blir)\s*:$"
    r"|^(?!.*\b(?:policyn|dokumentet|strategin|programmet|planen|består|uppdelad|uppdelat)\b)"
    r".*\bföljande\s+delar\s*:$",
    _I,
)
_DUTY_SECTION = re.compile(r"\bansvar|\broll(?:er|fördelning)?\b|\borganisation", _I)
#: Where a named part's description begins: "Service till medlemmarna genom att …".
_DESCRIPTION_STARTS = re.compile(r"\s+(?:genom\s+att|av|i|som|där|för\s+att)\s|[,.:;]")


def _task_areas(document: Document) -> list[tuple[Block, list[tuple[str, int, int]]]]:
    """The parts of the work a lead lists by name, each named by the words before its
    description; verb-first items ("Bevaka …") are duties, not parts."""
    found: list[tuple[Block, list[tuple[str, int, int]]]] = []
    for lead in document.blocks:
        if lead.kind != "paragraph" or not _TASKS_LEAD.search(lead_sentence(lead)):
            continue
        if lead.section is not None and _DUTY_SECTION.search(lead.section.title):
            continue  # "Ansvar och roller": the duties of those it names
        items = [b for b in document.blocks if b.kind == "item" and b.lead is lead]
        # (… nor "att samordna …", "Kontoret bevakar …": duties said with their verbs)
        said = [capitalise(re.sub(r"^att\s+", "", b.text, flags=_I)) for b in items]
        opening = [" ".join(t.split()[:3]) for t in said]
        if len(items) < 2 or any(
            opens_infinitive(t) or _FINITE_IN_NAMES.search(t) for t in opening
        ):
            continue
        names = []
        for item in items:
            head = _DESCRIPTION_STARTS.split(item.text, maxsplit=1)[0].strip()
            if head and len(head.split()) <= NAME_WORDS:
                names.append((capitalise(head), item.start, item.start + len(head)))
        if len(names) == len(items):
            found.append((lead, names))
    return found


def _two_names(text: str, offset: int) -> list[tuple[str, int, int]]:
    """ "politisk påverkan i viktiga frågor och projektstöd för att …" → its two names, when one
    "och" and no comma parts them."""
    # (… "och projektstöd för att tillföra regionen resurser": what the second is for)
    said = re.split(r"\s+(?:för|i\s+syfte|så)\s+att\s", text.rstrip(" ."), maxsplit=1)[0]
    lead = len(said) - len(said.lstrip(" :"))
    halves = said[lead:].split(" och ")
    if (
        len(halves) != 2
        or "," in said
        or any(len(h.split()) > _LONGEST_NAME or _NOT_A_NAME_START.match(h) for h in halves)
    ):
        return []
    first, second = halves
    start, end = offset + lead, offset + len(said)
    return [
        (capitalise(first), start, start + len(first)),
        (capitalise(second), end - len(second), end),
    ]


def _items_that_return_as_headings(document: Document) -> list[tuple[Block, list[Block]]]:
    """Lists whose short items come back below as sections' headings: the page's areas.

    "… framförallt möjligheter till: • A • B • C", then sections headed A, B (and C,
    unless the text stops before it): at least two and at least half of the items.
    """
    titles = {}
    for heading in document.headings:
        titles.setdefault(_fold_name(heading.title), heading.start)
    lists: dict[int, list[Block]] = {}
    for block in document.blocks:
        if block.kind == "item" and block.lead is not None:
            lists.setdefault(block.lead.index, []).append(block)
    found = []
    for index, items in lists.items():
        if len(items) < 2 or any(_sentence_item(_clean_item(b.text)) for b in items):
            continue
        back = [b for b in items if titles.get(_fold_name(_clean_item(b.text)), -1) > b.end]
        if len(back) >= 2 and 2 * len(back) >= len(items):
            found.append((document.blocks[index], items))
    return found


def _fold_name(text: str) -> str:
    return " ".join(text.split()).casefold().strip(" .:;,")


def _items_under(document: Document, block: Block) -> list[Block]:
    """The list items right after ``block`` that no lead claims."""
    items = []
    for after in document.blocks[block.index + 1 :]:
        if after.kind != "item" or after.lead is not None:
            break
        items.append(after)
    return items


def _sentence_item(text: str) -> bool:
    """An item that says something rather than names it: too long, or with its verb."""
    return len(text.split()) > _LONGEST_NAME or bool(_NOT_A_NAME.search(text))


def _add_item_area(found: list[Proposal], item: Block, reason: str) -> None:
    """A list item as an area: its name, citing the name."""
    name, start, end = _item_name(item)
    _add_area(found, name, Passage(start, end, item.source), 0.8, reason)


def _comment(text: str) -> bool:
    """A long sentence with its verb after a list of names: a comment on them, no item."""
    return len(text.split()) > _LONGEST_NAME and bool(_NOT_A_NAME.search(text))


def _bare_items(document: Document, heading: Heading) -> list[Block]:
    """The short names listed right under an areas heading, with no lead before them."""
    items = []
    for block in document.in_section(heading, nested=False):
        if block.kind != "item" or block.lead is not None:
            break
        items.append(block)
    if len(items) < 2 or any(_sentence_item(_clean_item(b.text)) for b in items):
        return []
    return items


def _listed_after(document: Document, heading: Heading) -> list[Heading]:
    """The areas under an unnumbered areas heading: headings over a list of their own, or a
    numbered run of short headings ("1. Internationella nätverk", "2. Omvärldsbevakning")."""
    after = [h for h in document.headings if h.start > heading.start]
    areas: list[Heading] = []
    for candidate in after:
        blocks = document.in_section(candidate, nested=False)
        if candidate.number:
            expected = str(len(areas) + 1)
            if heading.number or candidate.number.rstrip(".") != expected:
                break
            areas.append(candidate)
            if blocks:
                break
            continue
        if not blocks or any(b.kind != "item" for b in blocks):
            break
        areas.append(candidate)
    if not areas and not document.in_section(heading, nested=False) and not heading.number:
        return _described_after(document, after)
    return areas


def _described_after(document: Document, after: list[Heading]) -> list[Heading]:
    """An areas heading with no text of its own, then a heading and its text per area, up to
    the next of the document's own sections ("Uppföljning", "Ansvar")."""
    areas = []
    for candidate in after:
        blocks = document.in_section(candidate, nested=False)
        if _SECTION_WORD.match(candidate.title) or len(candidate.title.split()) > _LONGEST_NAME:
            break
        if not blocks or blocks[0].kind != "paragraph":
            break
        areas.append(candidate)
    return areas if len(areas) >= 2 else []


#: A page's own labels, no names: "Kontakt:", "Obs:", "Läs mer på webben:".
_PAGE_LABEL = re.compile(
    r"(?:kontakt|kontaktperson|obs|observera|notera|läs\s+mer|källa|telefon|e-post|adress|"
    r"länk|länkar|se\s+även|mer\s+information)\b",
    re.I,
)
#: How many paragraphs of description a labelled name's own paragraph may have after it.
_DESCRIBED_PARAGRAPHS = 2


def _labelled_after(document: Document, lead: Block) -> list[tuple[str, int, int]]:
    """Paragraphs after a lead that each open with a short name and a colon ("Solidaritet: …")."""
    names = []
    # a name's description may go on in the paragraphs after it ("Namn:" over its text, or a
    # flattened text's sentences each a paragraph), up to the next name
    described = 0
    for block in document.blocks[lead.index + 1 :]:
        match = re.match(r"^([A-ZÅÄÖ][\w ,/-]{2,60}?):(?:\s|$)", block.text)
        if block.kind not in ("paragraph", "heading", "front"):
            break
        if match and _PAGE_LABEL.match(match.group(1)):
            break  # "Kontakt: Anna Andersson …", "Obs: …": the page's, after the names
        if match is None or len(match.group(1).split()) > 5:
            if names and described < _DESCRIBED_PARAGRAPHS and block.kind == "paragraph":
                described += 1
                continue
            break
        names.append((match.group(1), block.start, block.start + len(match.group(1))))
        described = 0
    return names


#: "3. Folkbildning", "b) Kultur": the list's own number, no part of the name.
_ITEM_NUMBER = re.compile(r"^(?:\d{1,2}[.)]|[a-h]\))\s+")


def _item_name(item: Block) -> tuple[str, int, int]:
    """A list item's name without its number, and where the name stands."""
    number = _ITEM_NUMBER.match(item.text)
    skip = number.end() if number else 0
    name = _clean_item(item.text[skip:])
    return capitalise(name), item.start + skip, item.start + skip + len(name)


def _clean_item(text: str) -> str:
    text = re.sub(r"[\s,;.]+$", "", text)
    text = _ET_CETERA.sub("", text)
    text = re.sub(r"\s+(?:och|samt)$", "", text, flags=_I)
    return text.split(" – ")[0].strip()


def _add_area(
    found: list[Proposal], name: str, passage: Passage, confidence: float, reason: str
) -> None:
    for proposal in found:
        if dice(proposal.value["name"], name) >= 0.8:
            proposal.passages.append(passage)
            proposal.confidence = max(proposal.confidence, confidence)
            return
    found.append(
        Proposal("focus_area", {"name": name, "description": ""}, [passage], confidence, reason)
    )


def _describe(document: Document, proposal: Proposal) -> tuple[Heading, Sentence] | None:
    """The first sentence of a section named like the area is its description."""
    for heading in document.headings:
        if dice(heading.title, proposal.value["name"]) < 0.8:
            continue
        blocks = [b for b in document.in_section(heading, nested=False) if b.kind == "paragraph"]
        if blocks:
            first = document.sentences(blocks[0])[0]
            proposal.value["description"] = first.text
            if not any(p.overlaps(heading.start, heading.end) for p in proposal.passages):
                proposal.passages.append(Passage(heading.start, heading.end, heading.source))
            return heading, first
        return None
    return None
