"""Focus areas, goals and taxonomies: where a Swedish governing document states them.

- Focus areas come from an enumeration ("inriktas på tre områden: A, B samt
  C", "Prioriterade områden för arbetet är …", a list after "Strategin har
  tre övergripande prioriteringar:") and from the sub-sections of a section
  named "Inriktning", "Fokusområden" or "Prioriterade områden", names listed
  under "följande områden:" or an "inriktning … :" lead, and numbered lines
  ("Insatsområde 1: Kompetensförsörjning"). A section named like an area gives
  its description.
- Goals are the list items of a section named "Mål" (also "Vision och mål",
  "Syfte och mål"); in its paragraphs, and in a "Vision" section, sentences
  that state an aim ("Målet … är att", "ska bidra till", the municipality
  "ska …", an infinitive "Att …"); list items led in by an aim ("ska:", "vill
  kommunen:", "ska leda till att:"); and anywhere, sentences saying what the
  international work shall reach. A document that states no goal has its own
  purpose ("Denna policy har till syfte att …") proposed as its goal.
- Taxonomies are the classifications the document ties the work to: Agenda
  2030, Europa 2020, or its own core values listed in quotation marks.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from itertools import pairwise, takewhile

from django.utils.translation import gettext as _

from utblick.intake.lexicon import NOT_INFINITIVES, PRINCIPLES_LEAD, SECTION_WORDS
from utblick.intake.proposals import Passage, Proposal, containment, dice
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
    r"|\b(?:prioriterar|fokuserar\s+på)\s+(?:\w+\s+)?(?:följande\s+)?\w*områden\b[^.]*:$"
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
)
_GIVES_THE_WORK = re.compile(
    r"^(?:den\s+(?:\w+\s+)?)?(?:strategin|policyn|programmet)\s+(?:ska|skall)\s+(?:ge|skapa)\b"
    r"[^.]*\binternationella\s+(?:arbetet|samarbetet)\b",
    _I,
)
_RELATIVE_AFTER = re.compile(r"^\s*,?\s*(?:vilka|vilket|som|där)\b", _I)
#: "… genom planen ska antalet elever som gör praktik utomlands öka": a target, an aim.
_TARGET = re.compile(
    r"\b(?:ska|skall)\s+(?:antalet|andelen)\s+[^.]{0,100}?\b(?:öka|ökas|fördubblas|höjas|växa|stiga)\b",
    _I,
)
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
    r"^(?:(?:ska|skall|bör)\s+)?(?:bidra till|verka för|arbeta (?:för|med)|främja|stärka|satsa på)\s+",
    _I,
)
_ITEM_MARKER = re.compile(r"(?:^|(?<=\s))(?:[ivx]+|[a-h]|\d{1,2})\)\s+")
_GOAL_SECTION = re.compile(r"\bmål(?:en|sättning\w*)?\b|\bsyfte(?:t|n)?\b", _I)
#: A heading that opens one of the document's own sections, not an area.
_SECTION_WORD = re.compile(rf"^(?:\d+(?:\.\d+)*\.?\s+)?(?:{SECTION_WORDS})\b")
_VISION_SECTION = re.compile(r"^vision(?:en)?$", _I)
_AIM = re.compile(
    r"^(?:det övergripande\s+)?(?:målet|målen|ambitionen|syftet)\b[^.]*?\bär att\b"
    r"|\b(?:ska|skall)\s+(?:\w+\s+)?(?:bidra|medverka)\s+till\b"
    r"|\bsyftar\s+till\b|\bhar\s+(?:som|till)\s+(?:mål|syfte)\b",
    _I,
)
#: What the international work itself shall reach or aims at, in a goal section or outside.
_WORK_AIM = re.compile(
    # (not "Om det internationella arbetet ska ge resultat måste …": a condition, not an aim)
    r"^(?!visionen?\b|om\s)(?:[^.]{0,80}?\b(?:slår\s+(?:\w+\s+){0,2}?fast|fastslår|anger|står|framgår)\s+att\s+)?"
    r"(?:(?:\w+s\s+)?(?:\w*syftet|syfte|\w*målet|målen|meningen)\s+med\s+)?(?:\w+\s+)?(?:(?:det|ett|de|\w+s)\s+)?"
    r"(?:\w+\s+)?(?:(?:vårt|vår|våra)\s+)?(?:internationella\s+(?:arbetet|arbete|samarbetet|samarbete|samverkan|engagemanget|"
    r"kontakterna|verksamheten|frågor|aktiviteter|aktiviteterna)|vänortsarbetet|vänortssamarbetet"
    r"|EU-arbetet|EU-arbete|EU-samarbetet|internationaliseringen|internationaliseringsarbetet)\b"
    r"(?:[^.:]|:(?=s\b))*?(?:\bsyftar\s+till\b|\bhar\s+(?:\w+\s+)?sikte\s+på\b"
    r"|\b(?:ska|skall),?\s+(?:(?:[^.;:]|:(?=s\b)){0,60}?,\s+)?(?:\w+\s+)?(?:bidra|syfta)\s+till\b"
    r"|\bhar\s+(?:som|till)\s+(?:mål|syfte)\b|\bär\s+att\b|\bär\s+till\s+för\s+att\b|\bi\s+syfte\s+att\b"
    r"|\b(?:ska|skall)\s+(?:\w+\s+)?(?:ge|leda\s+till|stärka|öka|främja|skapa|bli|utveckla|tillföra|stimulera"
    r"|möjliggöra)\b"
    r"|\b(?:ska|skall)\s+[^.;:]{0,80}?\s+och\s+(?:bidra|leda)\s+till\b"
    r"|\b(?:ska|skall)\s+(?:i\s+första\s+hand\s+|främst\s+|även\s+)?(?:ses|betraktas)\s+som\s+"
    r"(?:ett\s+)?(?:\w+\s+)?(?:verktyg|medel|redskap)\s+för\b)",
    _I,
)
#: "Genom vårt arbete … vill vi bidra till att …": what the work wants to contribute to.
_WANTS_TO_CONTRIBUTE = re.compile(
    r"\bvill\s+(?:\w+\s+){0,5}?bidra\s+till\b"
    # "Ockelbo … vill genom vårt internationella arbete ge …"
    r"|\bvill\s+(?:\w+\s+){0,2}?(?:genom|med|i)\s+(?:\w+\s+)?internationell\w*\s+(?:arbete|samarbete"
    r"|samverkan|engagemang|utbyte)\w*\b"
    # "… och kommunen vill nu i stället ha utländskt utbyte …": what the municipality wants of
    # the work, not what a reader may want ("Vill du …", "som vill delta")
    # "Stockholmsregionen vill vara med och påverka EU:s initiativ …"
    r"|\b\w*(?:kommunen|regionen|staden)\s+vill\s+(?=[^.?]*\b(?:utbyte|internationell|vänort|EU(?:-|:s\b)))"
    # "Med all sin verksamhet strävar rådet efter att främja …"
    r"|\bsträvar\s+(?:\w+\s+){0,2}?efter\s+att\b"
    # "Genom de åtaganden vi gör som region, vill vi öka våra invånares kunskap om EU"
    r"|\bvill\s+vi\s+(?:\w+\s+)?(?:öka|stärka|främja|utveckla|skapa)\b(?=[^.?]*\b(?:EU|internationell|utbyte|vänort))",
    _I,
)
#: "Kommunen driver ett internationellt arbete för att …", "Vi samarbetar internationellt i
#: syfte att …": why the work is done, said of the one who does it.
_WORKS_FOR = re.compile(
    r"^(?:\w+\s+){1,4}?(?:driver|bedriver|arbetar|samarbetar|engagerar\s+sig|söker)\s+"
    r"(?:[^.,;:]{0,40}?\s)?internationell\w*\b[^.,;:]{0,40}?\s"
    r"(?:för\s+att|i\s+syfte\s+att|med\s+syftet?\s+att)\s"
    # "Leksands kommun samarbetar med Soroti, Uganda, för att … utveckla lokal demokrati"
    r"|^(?:\w+\s+){1,3}?samarbetar\s+med\s+(?=[^.]*(?:partnerskap|vänort|internationell|\bEU\b))"
    r"[^.]{0,80}?\sför\s+att\s"
    # "Vi arbetar för att stimulera ett ökat internationellt kunskapsutbyte …"
    r"|^(?:\w+\s+){1,3}?arbetar\s+för\s+att\s+(?:stimulera|öka|stärka|främja|utveckla|skapa)\s"
    r"[^.]{0,40}?\binternationell\w*"
    # "För att utveckla livskvalitet och tillväxt i regionen arbetar Helsingör och Helsingborg
    # efter en gemensam strategi": why two named partners work together
    r"|^för\s+att\s+(?:utveckla|stärka|öka|främja|skapa|bidra)\s[^.]{5,200}?\s(?:arbetar|samarbetar)\s+"
    r"(?-i:[A-ZÅÄÖ])\w+\s+(?:och|samt)\s+(?-i:[A-ZÅÄÖ])\w+\s+(?:efter|utifrån|enligt|tillsammans|gemensamt)\b"
    # "För att stärka utvecklingen i länet arbetar Region X internationellt och …"
    r"|^för\s+att\s+[^.]{10,200}?\s(?:arbetar|samarbetar)\s+(?:\w+\s+){1,3}?internationellt\b"
    # "För att fortsätta utvecklas … bedriver Testby kommun ett aktivt internationellt arbete"
    r"|^för\s+att\s+[^.]{10,250}?\s(?:bedriver|driver)\s+(?:\w+\s+){1,4}?(?:ett\s+)?(?:\w+\s+)?"
    r"internationell\w*\s+(?:arbete|samarbete)\b",
    _I,
)
#: "Projekten … syftar till att …": the projects, exchanges or networks in general (plural,
#: definite), not one named project.
_ALL_OF_THEM_AIM = re.compile(
    r"^(?:(?:de|många|flera|alla|de\s+flesta)\s+)?(?:\w+\s+)?(?:projekten|samarbetena|utbytena|kontakterna"
    r"|nätverken|partnerskapen|aktiviteterna|(?<!^)(?:projekt|samarbeten|utbyten|aktiviteter))\b"
    r"[^.;:]{0,80}?\bsyftar\s+(?:även\s+|också\s+)?till\b",
    _I,
)
#: A sentence about the document itself ("Policyn syftar till …"): its purpose, not a goal,
#: unless the document states no goal at all (``_document_purpose``).
_ABOUT_DOCUMENT = re.compile(
    r"^(?!mål|syfte)(?:denna|detta|den här|det här)?\s*(?:\w+\s+){0,2}?(?:policy|policyn|program|programmet|"
    r"strategi|strategin|riktlinjer|riktlinjerna|dokument|dokumentet)\b(?:\s+(?:för|i)\s+[^.]*?)?\s+"
    r"(?:syftar|ska|skall|har|är)\b",
    _I,
)
#: In a goal section, a sentence that states what shall be or is reached, not a description.
_STATEMENT = re.compile(r"\b(?:ska|skall|säkras|säkerställs|uppnås|visar|stärks|ökar)\b", _I)
_ANAPHOR = re.compile(
    r"^(?:det|detta|dessa|denna|det här|här)\s+(?:innebär|innefattar|betyder|gäller)\b", _I
)
#: "ska betraktas som", "ska prioriteras": how the work is done, a principle even in a goal section.
_HOW = re.compile(
    r"\b(?:ska|skall|bör)\s+(?:\w+\s+)?(?:betraktas|ses|bedömas|hanteras|prioriteras|samordnas|"
    r"genomföras|förankras|integreras|präglas|utgå)\b",
    _I,
)
_AREAS_LEAD = re.compile(
    r"\b(?:prioriterade|strategiska)\s+områden\w*\b|\b(?:fokus|insats|mål|tema)områden\b"
    r"|\bföljande\s+områden\b",
    _I,
)
_CONTRIBUTES = re.compile(r"\b(?:ska|skall)\s+(?:\w+\s+)?(?:bidra|medverka)\s+till\b", _I)
#: "…; syftet är att bidra till …": the purpose itself, wherever the sentence puts it.
_PURPOSE_IS = re.compile(
    r"(?:^|[;:,]\s*)(?:\w*syftet|avsikten|grundtanken|(?:(?:\w+s|vårt|vår)\s+)?(?:ambition|målsättning|mål)(?:en)?"
    # "Det långsiktiga målet är att …"
    r"|(?:det\s+)?(?:övergripande\s+|[a-zåäö]+a\s+)?målet)"
    # … not "Huvudsyftet med projektet BOSS är att …": one project's aim, not the work's
    # … nor "Syftet med Erasmusprogrammet är att …": one named programme's
    # "Målet på lång sikt är att …", "Ambitionen med kontoret har varit att …"
    r"(?:\s+på\s+(?:lång|kort)\s+sikt)?"
    r"\s+(?:(?:med|i|för)\s+(?!(?:\w+\s+)?(?:projekt|\w+program\w*\b))[^.]{0,60}?\s+)?"
    r"(?:är|har\s+(?:också\s+|även\s+)?varit)\s+"
    r"(?:också\s+|även\s+|främst\s+|framför\s+allt\s+|i\s+första\s+hand\s+)?"
    r"(?:att|en|ett)\b"
    # "Vidare är ambitionen att …", "Det är även ett mål att …"
    r"|^(?:\w+\s+)?är\s+(?:också\s+|även\s+)?(?:ambitionen|målet|syftet|avsikten|målsättningen)\s+att\b"
    r"|^det\s+är\s+(?:också\s+|även\s+)?(?:ett\s+|en\s+)?(?:\w+\s+)?(?:mål|ambition|målsättning|förhoppning)\s+att\b"
    # (not "… ett samarbete mellan …, vars syfte är att …": the purpose of what it names,
    # unless that is the document the work follows: "… utgår från en riktlinje, vars syfte …")
    r"|^fokus\s+ligger\s+(?:\w+\s+)?på\s+att\b|(?<!\bvars\s)\bsyfte\s+är\s+att\b"
    r"|\b(?:riktlinje|policy|strategi|program|handlingsplan)\w{0,4},?\s+vars\s+syfte\s+är\s+att\b"
    # "Inriktningen ska vara att kommunens verksamheter får nytta av utbytet"
    r"|^(?:inriktningen|målet|syftet|ambitionen)\s+(?:ska|skall)\s+vara\s+att\b"
    # "Det gemensamma uppdraget är att stärka länets position …": the mission, not a body's task
    r"|^det\s+(?:\w+\s+)?uppdraget\s+är\s+att\b"
    # "Vissa samverkan har syftet att …", "… är vårt främsta syfte att …"
    r"|\bhar\s+syftet\s+att\b|\bär\s+(?:vårt|vår|dess|deras)\s+(?:\w+\s+)?syfte\s+att\b",
    _I,
)
#: "Arbetet ska bidra till …", "Samarbetet ska ge …": the work itself, named without
#: "internationella".
_WORK_CONTRIBUTES = re.compile(
    # ("Nordkalottsamarbetet ska ge …", "Vänortsarbetet ska leda till …": the work by its name)
    r"^(?:det\s+)?(?:[a-zåäö]*arbetet|[a-zåäö]*samarbetet|samarbetena|samverkan|utbytet|utbytena"
    # "De projekt och samarbeten som kommunen går in i ska leda till …", "Vänortsbidraget ska
    # uppmuntra föreningar …": what the work's projects and grants are for
    r"|(?:de\s+)?(?:projekt(?:en)?|samarbeten(?:a)?)(?:\s+och\s+[a-zåäö]+)?(?:\s+som\s+[^,.;]{1,60}?)?"
    r"|[a-zåäö]*bidrag(?:et|en)"
    # "Internationella utbyten och kontakter ska användas som ett verktyg för …"
    r"|(?:internationella\s+)?(?:utbyten|kontakter)(?:\s+och\s+[a-zåäö]+)?(?=\s+(?:ska|skall)\s+"
    r"(?:användas|ses|fungera)\s+som\s+(?:ett\s+)?(?:verktyg|medel|redskap))"
    # "Strategin ska ge kraft och riktning åt det internationella arbetet"
    r"|(?:den\s+(?:\w+\s+)?)?(?:strategin|policyn|programmet))\s+(?:ska|skall)\s+(?:\w+\s+)?"
    # … not "Samarbetet ska ge alla möjlighet att delta …": who may take part is a rule
    r"(?:(?:bidra|medverka|leda)\s+till|ge(?!\s+(?:alla|var\s+och\s+en|samtliga)\b)|stärka|öka|främja"
    r"|skapa|utveckla|stödja|uppmuntra|stimulera|(?:användas|ses|fungera)\s+som)\b"
    # "Arbetet inriktas på att stärka den regionala nivåns möjligheter att påverka …"
    r"|^(?:det\s+)?(?:internationella\s+)?arbetet\s+(?:inriktas|fokuserar)\s+på\s+att\s+"
    r"(?:stärka|öka|främja|utveckla|skapa|bidra)\b"
    # "Detta för att medverka till att initiera transnationella projekt …": the aim of what
    # the sentence before says the work does
    # … "Detta i syfte att kunna söka EU-finansiering till projekt …"
    r"|^(?:detta|det)\s+för\s+att\s+(?:medverka|bidra)\s+till\b|^detta\s+i\s+syfte\s+att\s"
    r"|^[^,;]{0,80}?\b(?:ska|skall)\s+(?:\w+\s+){0,6}?(?:bidra|medverka)\s+till\b"
    # "Regionen ska i samverkan med andra aktörer skapa förutsättningar för att länet …"
    r"|^[^,;]{0,80}?\b(?:ska|skall)\s+(?:\w+\s+){0,6}?skapa\s+(?:\w+\s+)?förutsättningar\s+för\b",
    _I,
)
#: A list's lead-in that says its items are what the work shall reach.
_AIM_LEAD = re.compile(
    r"(?:\b(?:ska|skall)|\bsyfte\w*\b.*|\bmål\w*\b.*|\bär att|\bbidra till(?: att)?|"
    r"\bsyftar till(?: att)?|\bleda till(?: att)?|\bvill\b.*|\bsträvar\b.*)\s*[:;]$"
    r"|^(?:\w+\s+){0,3}?(?:\w*syfte\w*|\w*mål\w*|avsikten)\s+(?:är|blir)\s+att$"
    # "För att nå de uppställda målen ska rådet i första hand": what it shall do to reach them
    r"|^för\s+att\s+nå\s+[^:]*\b(?:ska|skall)\b[^:]*$",
    _I,
)
_TAXONOMIES = [
    (
        re.compile(
            r"\bAgenda\s?2030\b|\bglobala (?:hållbarhets- och )?(?:utvecklings)?mål(?:en)?\b", _I
        ),
        "agenda2030",
        "Agenda 2030",
    ),
    (re.compile(r"\bEurop[ae]\s?2020\b|\bEU\s?2020\b", _I), "europe2020", "Europa 2020"),
]
_CORE_VALUES = re.compile(r"\bkärnvärde\w*[^”\"“]{0,40}[”\"“]([^”\"“]{3,120})[”\"“]", _I)


def short_name(municipality: str) -> str:
    """ "Kungälvs kommun" → "Kungälv"; "Umeå kommun" → "Umeå"."""
    name = re.sub(r"\s+kommun$", "", municipality.strip(), flags=_I)
    return name[:-1] if name.endswith("s") and len(name) > 3 else name


def _capitalise(text: str) -> str:
    return text[:1].upper() + text[1:]


#: "inom den Europeiska unionen": the preposition and article before a place's name.
_PLACE_WORD = re.compile(r"^(?:inom|i)\s+(?:den\s+|det\s+)?(?=[A-ZÅÄÖ])")


def _items_of(text: str, offset: int) -> list[tuple[str, int, int]]:
    """Names in an enumeration, with their offsets: "i) A, ii) B, samt iii) C" → A, B, C."""
    parts: list[tuple[int, int]] = []
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
        last = text[start:]
        both = last.rstrip(" .").split(" och ")
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
        stripped = _PLACE_WORD.sub("", stripped)
        lead = _LEADING_VERB.match(stripped)
        if lead:
            stripped = stripped[lead.end() :]
        stripped = stripped.split(" – ")[0].split(" - ")[0].strip()
        if not stripped or len(stripped.split()) > 8:
            continue
        at = text.find(stripped, start)
        items.append((_capitalise(stripped), offset + at, offset + at + len(stripped)))
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
        if participle and _PURPOSE_IS.search(sentence.text[: trigger.start()]):
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
                (_capitalise(_clean_item(b.text)), b.start, b.start + len(_clean_item(b.text)))
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
            items = [
                (_capitalise(_clean_item(b.text)), b.start, b.start + len(_clean_item(b.text)))
                for b in _items_under(document, sentence.block)
            ]
        # "• att öka ungas delaktighet" among the names: an aim, for the goals
        items = [item for item in items if not _TO_REACH.match(item[0])]
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
        name = named.group("area") or named.group("first") or named.group("named")
        if not name or len(name.split()) > _LONGEST_NAME:
            continue
        used.append(sentence)
        _add_area(
            found,
            _capitalise(name),
            Passage(sentence.start, sentence.end, sentence.block.source),
            0.7,
            _("En mening som namnger ett prioriterat område."),
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
                _capitalise(numbered.group(1).strip()),
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
    name = _clean_item(item.text)
    passage = Passage(item.start, item.start + len(name), item.source)
    _add_area(found, _capitalise(name), passage, 0.8, reason)


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


def _labelled_after(document: Document, lead: Block) -> list[tuple[str, int, int]]:
    """Paragraphs after a lead that each open with a short name and a colon ("Solidaritet: …")."""
    names = []
    described = False  # a bare "Namn:" line may have its description in the next paragraph
    for block in document.blocks[lead.index + 1 :]:
        match = re.match(r"^([A-ZÅÄÖ][\w ,/-]{2,60}?):(?:\s|$)", block.text)
        if block.kind not in ("paragraph", "heading", "front"):
            break
        if match is None or len(match.group(1).split()) > 5:
            if described:
                described = False
                continue
            break
        names.append((match.group(1), block.start, block.start + len(match.group(1))))
        described = block.text.rstrip().endswith(":")
    return names


def _clean_item(text: str) -> str:
    text = re.sub(r"[\s,;.]+$", "", text)
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


def goal_proposals(
    document: Document,
    municipality: str,
    focus_sections: Sequence[Heading] = (),
    focus_used: Sequence[Sentence] = (),
) -> list[Proposal]:
    """Goals: the goal or purpose section's list and aims, a list led in by an aim, aims anywhere."""
    found: list[Proposal] = []
    subject = re.compile(
        rf"^(?:{re.escape(short_name(municipality))}s?(?:\s+kommun)?|kommunen|regionen|"
        r"(?:det\s+)?(?:internationella\s+)?(?:arbetet|samarbetet))\s+(?:ska|skall)\s+(?!\w+as\b)",
        _I,
    )
    # "Nordkalottrådet ska främja och öka samarbetet …": what the body whose document it is
    # shall further, named by its name
    own_aim = re.compile(
        rf"^{re.escape(short_name(municipality))}\w*\s+(?:ska|skall)\s+(?:också\s+|även\s+)?"
        r"(?:främja|öka|stärka|utveckla|skapa|bidra\s+till|lyfta\s+fram)\b",
        _I,
    )
    in_sections: set[int] = set()
    for heading in document.headings:
        vision = bool(_VISION_SECTION.match(heading.title))
        if not vision and not _GOAL_SECTION.search(heading.title):
            continue
        for block in document.in_section(heading, nested=False):
            in_sections.add(id(block))
            if block.kind == "item":
                _add_goal(
                    found,
                    block.text,
                    Passage(block.start, block.end, heading.source),
                    0.9,
                    _("Punkt i avsnittet om mål."),
                )
                continue
            for sentence in document.sentences(block):
                text = sentence.text
                about_document = _ABOUT_DOCUMENT.search(text) and not _CONTRIBUTES.search(text)
                if text.endswith((":", ";", " att")) or about_document:
                    continue
                statement = (
                    not vision
                    and _STATEMENT.search(text)
                    and not _ANAPHOR.match(text)
                    and not _HOW.search(text)
                    and not text.lower().startswith("för att")
                )
                aim = (
                    _AIM.search(text)
                    or _WORK_AIM.search(text)
                    or _PURPOSE_IS.search(text)
                    or _infinitive_aim(text)
                )
                if aim or (not vision and subject.search(text)) or statement:
                    _add_goal(
                        found,
                        text,
                        Passage(sentence.start, sentence.end, heading.source),
                        0.7,
                        _("Mening som anger ett mål."),
                    )
    listed = {s.start for s in focus_used}
    for block in document.blocks:
        if id(block) in in_sections or block.kind not in ("item", "paragraph"):
            continue
        in_area = block.section is not None and any(block.section.within(h) for h in focus_sections)
        # … or a name in the list whose lead named the areas ("… har tre mål:" over names)
        listing = any(s.block is block for s in focus_used) or (
            any(s.block is block.lead for s in focus_used) and not _TO_REACH.match(block.text)
        )
        if block.kind == "item" and (in_area or listing):
            continue
        if block.kind == "item":
            # the lead is its paragraph's last sentence: "… EU-mål som ska brytas ned … m.m.
            # Här finns några exempel på vad EU påverkar:" leads in examples, not aims
            lead = lead_sentence(block.lead) if block.lead is not None else ""
            aimed = (
                _AIM_LEAD.search(lead)
                and not _AREAS_LEAD.search(lead)
                and not PRINCIPLES_LEAD.search(lead)
            )
            # "Vi ska arbeta med: … • att öka ungas delaktighet": an item that says what is
            # to be reached, under a lead that binds the work
            reached = _TO_REACH.match(block.text) and _BINDING_LEAD.search(lead)
            if aimed or reached or _WORK_AIM.search(block.text):
                _add_goal(
                    found,
                    block.text,
                    Passage(block.start, block.end, block.source),
                    0.75,
                    _("Punkt i en uppräkning av vad arbetet ska uppnå."),
                )
            continue
        for sentence in document.sentences(block):
            if sentence.start in listed and not (in_area and _WORK_AIM.search(sentence.text)):
                continue  # the sentence that lists the areas, or one that describes an area
            aim = _WORK_AIM.search(sentence.text) or (
                # the aims of one focus area are not the work's, unless they name the work
                not in_area
                and (
                    _WORK_CONTRIBUTES.search(sentence.text)
                    or _PURPOSE_IS.search(sentence.text)
                    or _WANTS_TO_CONTRIBUTE.search(sentence.text)
                    or _WORKS_FOR.search(sentence.text)
                    or _ALL_OF_THEM_AIM.search(sentence.text)
                    or _TARGET.search(sentence.text)
                    or own_aim.search(sentence.text)
                )
            )
            # … the document's own aim only when it is what it gives the work ("Strategin ska
            # ge kraft och riktning åt det internationella arbetet")
            about = _ABOUT_DOCUMENT.search(sentence.text) and not _GIVES_THE_WORK.search(
                sentence.text
            )
            lead = sentence.text.endswith((":", " att"))  # "Målsättningen är att" over its list
            if not lead and aim and not about:
                _add_goal(
                    found,
                    sentence.text,
                    Passage(sentence.start, sentence.end, block.source),
                    0.6,
                    _("Mening som anger vad arbetet syftar till."),
                )
    if not found:
        found += _document_purpose(document)
    found.sort(key=lambda p: p.passage.start)
    return found


_TO_REACH = re.compile(
    r"^att\s+(?:öka|stärka|främja|utveckla|förbättra|bidra\s+till|skapa|höja|minska)\b", _I
)
_BINDING_LEAD = re.compile(r"\b(?:ska|skall|mål\w*)\b[^:]*:$", _I)


#: What the document itself is for ("Denna policy har till syfte att …").
_DOCUMENT_AIM = re.compile(
    r"\b(?:syftar\s+till|har\s+(?:till|som)\s+syfte\s+att|(?:ska|skall)\s+bidra\s+till)\b"
    # "Den internationella strategin ska ge stöd och vägledning för …"
    r"|^(?:den|det)\s+(?:\w+\s+)?(?:strategin|policyn|programmet)\s+(?:ska|skall)\s+(?:ge|skapa)\b"
    # … not "Syftet med Erasmusprogrammet är att …": one named programme's or project's
    r"|^syftet\s+med\b(?!\s+(?:\w+\s+)?(?:\w*projekt|\w+program)\w*\b)[^.]*\bär\s+att\b",
    _I,
)


def _document_purpose(document: Document) -> list[Proposal]:
    """With no goal stated, the aim the document gives itself is the work's goal."""
    found: list[Proposal] = []
    for sentence in document.all_sentences():
        about = _ABOUT_DOCUMENT.search(sentence.text) or sentence.text.lower().startswith("syftet")
        if about and _DOCUMENT_AIM.search(sentence.text) and not sentence.text.endswith(":"):
            _add_goal(
                found,
                sentence.text,
                Passage(sentence.start, sentence.end, sentence.block.source),
                0.5,
                _("Dokumentets eget syfte; inget annat mål anges."),
            )
    return found


def _infinitive_aim(text: str) -> bool:
    """In a goal section, "Att så mycket resurser som möjligt hamnar …" or "Informera medborgare
    …": an aim written as an infinitive, without a subject or a modal."""
    words = text.split()
    if len(words) < 3:
        return False
    first = words[0].lower()
    if first == "att":
        return True  # … also "att det internationella arbetet ses som …" after "Syftet … är"
    if not words[0][:1].isupper():
        return False
    place = words[1].lower() in {"kommun", "kommuns", "stad", "stads", "region", "regions", "län"}
    return len(first) >= 4 and first.endswith("a") and first not in NOT_INFINITIVES and not place


def _add_goal(
    found: list[Proposal], text: str, passage: Passage, confidence: float, reason: str
) -> None:
    if text.rstrip().endswith("?"):
        return  # "Vill du delta i internationella utbyten?": a question to the reader
    for proposal in found:
        if containment(proposal.value["text"], text) >= 0.8:
            proposal.passages.append(passage)
            return
    text = re.sub(r"^\d{1,2}[.)]\s+", "", text)  # "1. Fler elever …": the goal, not its number
    found.append(Proposal("goal", {"text": text}, [passage], confidence, reason))


def taxonomy_proposals(document: Document) -> list[Proposal]:
    found: list[Proposal] = []
    text = document.text
    for pattern, builtin, name in _TAXONOMIES:
        match = pattern.search(text)
        if match:
            block = _block_at(document, match.start())
            found.append(
                Proposal(
                    "taxonomy",
                    {"name": name, "builtin": builtin, "terms": [], "description": ""},
                    [Passage(match.start(), match.end(), block.source if block else "")],
                    0.8,
                    _("Dokumentet hänvisar till %(name)s.") % {"name": name},
                )
            )
    match = _CORE_VALUES.search(text)
    if match:
        terms = [
            _capitalise(t.strip())
            for t in re.split(r"\s+[-–]\s+|,\s*", match.group(1))
            if t.strip()
        ]
        if len(terms) >= 2:
            block = _block_at(document, match.start())
            found.append(
                Proposal(
                    "taxonomy",
                    {"name": "Kärnvärden", "builtin": None, "terms": terms, "description": ""},
                    [Passage(match.start(), match.end(), block.source if block else "")],
                    0.6,
                    _("Kärnvärden som dokumentet nämner."),
                )
            )
    return found


def _block_at(document: Document, offset: int) -> Block | None:
    for block in document.blocks:
        if block.start <= offset < block.end:
            return block
    return None
