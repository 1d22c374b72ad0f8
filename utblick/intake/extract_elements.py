"""Goals and taxonomies: where a Swedish governing document states them.

- Goals are the list items of a section named "Mål" (also "Vision och mål",
  "Syfte och mål"); in its paragraphs, and in a "Vision" section, sentences
  that state an aim ("Målet … är att", "ska bidra till", the municipality
  "ska …", an infinitive "Att …"); list items led in by an aim ("ska:", "vill
  kommunen:", "ska leda till att:"); and anywhere, sentences saying what the
  international work shall reach. A document that states no goal has its own
  purpose ("Denna policy har till syfte att …") proposed as its goal.
- Taxonomies are the classifications the document ties the work to: Agenda
  2030, Europa 2020, or its own core values listed in quotation marks.

Focus areas are read in extract_focus.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from django.utils.translation import gettext as _

from utblick.intake.lexicon import (
    NOT_INFINITIVES,
    PRINCIPLES_LEAD,
    PURPOSE_IS,
    TO_REACH,
    capitalise,
)
from utblick.intake.proposals import Passage, Proposal, containment
from utblick.intake.structure import (
    Block,
    Document,
    Heading,
    Sentence,
    lead_sentence,
)

_I = re.IGNORECASE
_GIVES_THE_WORK = re.compile(
    r"^(?:den\s+(?:\w+\s+)?)?(?:strategin|policyn|programmet)\s+(?:ska|skall)\s+(?:ge|skapa)\b"
    r"[^.]*\binternationella\s+(?:arbetet|samarbetet)\b",
    _I,
)
#: "… genom planen ska antalet elever som gör praktik utomlands öka": a target, an aim.
_TARGET = re.compile(
    r"\b(?:ska|skall)\s+(?:antalet|andelen)\s+[^.]{0,100}?\b(?:öka|ökas|fördubblas|höjas|växa|stiga)\b",
    _I,
)
_GOAL_SECTION = re.compile(r"\bmål(?:en|sättning\w*)?\b|\bsyfte(?:t|n)?\b", _I)
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
    r"|EU-arbetet|EU-arbete|EU-samarbetet|internationalisering(?:en)?|internationaliseringsarbetet)\b"
    r"(?:[^.:]|:(?=s\b))*?(?:\bsyftar\s+(?:också\s+|även\s+|främst\s+|i\s+första\s+hand\s+)?till\b"
    r"|\bhar\s+(?:\w+\s+)?sikte\s+på\b"
    r"|\b(?:ska|skall),?\s+(?:(?:[^.;:]|:(?=s\b)){0,60}?,\s+)?(?:\w+\s+)?(?:bidra|syfta)\s+till\b"
    r"|\bhar\s+(?:som|till)\s+(?:mål|syfte)\b|\bär\s+att\b|\bär\s+till\s+för\s+att\b|\bi\s+syfte\s+att\b"
    r"|\b(?:ska|skall)\s+(?:\w+\s+)?(?:ge|leda\s+till|stärka|öka|främja|skapa|bli|utveckla|tillföra|stimulera"
    r"|möjliggöra|göra\s+så\s+att)\b"
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
    r"(?:[^.]{0,40}?\binternationell\w*|[^.]{0,80}?\binternationell\w*\s+(?:frågor|utbyten?|samarbeten?|kontakter))"
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
#: "Kommunförbundets verksamhet inom EU- och internationella frågor syftar i första hand till
#: att …": what the body's work on the questions aims at.
_ACTIVITY_AIM = re.compile(
    r"^(?:\w+\s+){0,3}?verksamhet(?:en)?\s+(?:inom|för|med)\s+[^.]{0,50}?"
    r"\b(?:internationell\w*|EU\S*)\s+(?:frågor|arbete|samarbete)\s+syftar\s+(?:\w+\s+){0,3}?till\s+att\b",
    _I,
)
#: "Europa Direkt-kontoren ska också arbeta för att främja …", "Rådet ska också arbeta med att
#: skapa …": what a body shall work towards.
_WORKS_TOWARDS = re.compile(
    # (not "Projektet ska också arbeta för att …": one project's or network's)
    r"^(?!(?:\w+\s+){0,2}?(?:projekt\w*|nätverk\w*|elev\w*)\b)"
    r".*?\b(?:ska|skall)\s+(?:också\s+|även\s+)?arbeta\s+(?:för|med)\s+att\s+"
    r"(?:främja|öka|stärka|skapa|utveckla)\b",
    _I,
)
#: "Fokus är att skapa hållbar tillväxt …", "Samarbetet handlar om att öka …": what the work is
#: for, said with an aim.
_FOCUS_IS = re.compile(
    # (not "Projektets fokus är att …", nor "Samarbetet handlar inte om att …")
    r"^(?:(?:vårt\s+|arbetets\s+|samarbetets\s+)?(?:fokus|huvudfokus)\s+(?:är|ligger\s+på)"
    r"|(?:samarbetet|arbetet|det\s+internationella\s+(?:arbetet|samarbetet))\s+handlar\s+"
    r"(?:(?!inte\b|ej\b)\w+\s+)?om)"
    r"\s+att\s+(?:skapa|stärka|öka|främja|utveckla|förbättra)\b",
    _I,
)
#: "Samarbetet över gränsen ska stärkas med …": the cooperation itself, to grow.
_COOPERATION_GROWS = re.compile(
    # (not "… ska inte utvecklas", "… ska kunna utökas", nor one project's or network's)
    r"^samarbetet\s+(?!(?:\S+\s+){0,4}?(?:\S*projekt\S*|\S*nätverk\S*)\s)(?:\S+\s+){0,4}?(?:ska|skall)\s+"
    r"(?!inte\b|ej\b|kunna\b)(?:\w+\s+)?(?:stärkas|utvecklas|fördjupas|utökas|breddas)\b",
    _I,
)
#: "Strategiområdet Öka internationaliseringen innebär att utvidga …": what an area of the
#: work means to reach, in the area's own section too.
#: (an infinitive after "att", not a noun: "… att förvaltningarna måste …")
_MEANS_ALSO = re.compile(
    r"^det\s+innebär\s+(?:också|även)\s+att\s+(?P<verb>[a-zåäö]+(?<!n)a)\b", _I
)
_AREA_MEANS = re.compile(
    r"^[A-ZÅÄÖ][a-zåäö]*området\s+[A-ZÅÄÖ][^.;,]{2,60}?\s+innebär\s+att\s+[a-zåäö]+a\b"
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
    # (not "Med policyn syftar nämnden till att …": what the body aims at with it)
    r"^(?!mål|syfte|med\s(?=[^.]*\b(?:syftar|vill)\b))(?:denna|detta|den här|det här)?\s*(?:\w+\s+){0,2}?(?:policy|policyn|program|programmet|"
    r"strategi|strategin|riktlinjer|riktlinjerna|dokument|dokumentet)\b(?:\s+(?:för|i)\s+[^.]*?)?\s+"
    r"(?:syftar|ska|skall|har|är)\b",
    _I,
)
#: In a goal section, a sentence that states what shall be or is reached, not a description.
_STATEMENT = re.compile(r"\b(?:ska|skall|säkras|säkerställs|uppnås|visar|stärks|ökar)\b", _I)
_ANAPHOR = re.compile(
    r"^(?:det|detta|dessa|denna|det här|här)\s+(?:innebär|innefattar|betyder|gäller)\b", _I
)
#: "…, säger oppositionsrådet": a quote, in its speaker's words.
_QUOTED = re.compile(r",\s+säger\s+\w", _I)
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
    # ("Genom sitt uppdrag bidrar kontoret även till:")
    r"(?:\b(?:ska|skall)|\bsyfte\w*\b.*|\bmål\w*\b.*|\bär att|\bbidrar?\s+(?:(?:vi|den|det|de|\w+(?:et|en|na))\s+)?(?:även\s+|också\s+|därmed\s+)?"
    r"till(?: att)?|"
    r"\bsyftar till(?: att)?|\bleda till(?: att)?|\bvill\b.*|\bsträvar\b.*"
    # "Angelägna insatser för Region X;": the actions it sets itself, said as aims
    r"|\b(?:angelägna|prioriterade|viktiga)\s+insatser(?:\s+(?:för|inom)\s+[^:;]*)?)\s*[:;]$"
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
    # … and what the place shall become ("Det öppna Skåne ska utvecklas som …", "Skåne ska bli
    # en av de mest dynamiska regionerna"), named without "Region"
    name = short_name(municipality)
    place = re.escape(re.sub(r"^Region\s+", "", name))
    # "Sölvesborgs kommun ska i sitt EU-arbete verka för …", "Kommittén ska också få till stånd
    # …"; "Mittnordenkommittén ska vara en öppen arena …", what the body shall be (not "… ska
    # vara en integrerad del av …", how)
    # (what a committee or council shall be, not a municipality: "Testby kommun ska vara en
    # restriktiv part …" is a rule)
    body = not re.search(r"\b(?:kommun|stad|region)\b", municipality, _I)
    role = r"|(?:vara|utgöra)\s+(?:en|ett)\s+(?!av\b|(?:\w+\s+){0,3}?del\b)" if body else ""
    # ("Rådet skall vara en aktör för att öka samarbetet …": the council by its kind)
    itself = r"|rådet|kommittén|gränskommittén|förbundet|föreningen" if body else ""
    own_aim = re.compile(
        rf"^(?:{re.escape(name)}\w*{itself})\s+(?:ska|skall)\s+(?:också\s+|även\s+)?"
        rf"(?:främja|öka|stärka|utveckla|skapa|bidra\s+till|lyfta\s+fram{role})\b"
        rf"|^{re.escape(name)}\w*(?:\s+kommun)?\s+(?:ska|skall)\s+(?:också\s+|även\s+)?"
        r"(?:i\s+sitt\s+[^.]{0,40}?\barbete\s+verka\s+för|få\s+till\s+stånd)\b"
        rf"|^(?:det\s+\w+\s+)?{place}\w*\s+(?:ska|skall)\s+(?:också\s+|även\s+)?"
        r"(?:bli|utvecklas\s+(?:som|till))\b",
        _I,
    )
    # "Vi inom Nordiska Skärgårdssamarbetet arbetar för bättre …", "Tillsammans arbetar vi för
    # att skapa …", "Parterna verkar för att etablera …", "Parterna avser bidra till …": what
    # the body whose page it is, or the parties to an agreement, work for (not "… aktörer som
    # arbetar för att …", nor another body named: "SEF arbetar för att …")
    own = re.escape(name) + r"\w*(?:\s+kommun)?"
    aim_verb = r"(?:främja|stärka|bidra|öka|utveckla|skapa|förbättra|stödja|förverkliga|minska|avskaffa|avlägsna)"
    works_for = r"(?:arbetar|verkar)\s+(?:också\s+|även\s+)?för\s+(?:att|ett|en|bättre|ökad|ökat)\b"
    # (the office or committee by its kind only on its own page, not a municipality's: "Europe
    # Direct-kontoret arbetar för …" is another's; "Hedmark-Dalarna -Gränskommittén" is its name)
    kind = r"|(?:[^.,]{0,40}?-)?(?:gränskommittén|kommittén|kontoret)" if body else ""
    own_work_for = re.compile(
        r"^(?:\d+(?:\.\d+)*\s+)?(?:"
        # (… whatever the sentence puts first: "Med en stark profil som en hållbar region
        # arbetar vi för att …"; and what "we" shall further by a means: "Genom gemensam
        # utveckling av projekt ska vi främja …", not "I höst ska vi skapa en referensgrupp")
        # (not one project's: "I EU-projektet Baltic Link arbetar vi för …")
        rf"(?:(?![^.,;:]*projekt)[^.,;:]{{1,80}}?\s)?(?:arbetar|verkar)\s+vi\s+(?:också\s+|även\s+)?"
        r"för\s+(?:att|ett|en|bättre|ökad|ökat)\b"
        r"|genom\s(?![^.,;:]*projektet\b)[^.,;:]{1,80}?\s(?:ska|skall)\s+vi\s+(?:också\s+|även\s+)?"
        r"(?:främja|stärka|bidra|öka|utveckla|skapa|förbättra|minska)\b"
        # "Region Blekinges internationella arbete och samarbeten utgår från att stärka …": what
        # its own work starts from, said with an aim (not "… utgår från att alla har lika
        # värde", nor another's: "EU-kommissionens arbete utgår från att stärka …")
        rf"|(?:{own}s|vårt|kommunens|regionens|det)\s+(?:internationella\s+)?(?:arbete|arbetet)"
        rf"(?:\s+och\s+\w+)?\s+utgår\s+från\s+att\s+{aim_verb}\b"
        rf"|(?:vi(?:\s+inom\s+[^.,]{{1,50}}?)?|parterna|organisationerna|{own}{kind})\s+"
        # ("Kontoret bemannas av tre heltidsanställda och arbetar för …", not "… föreningar som
        # tar emot nyanlända och arbetar för …")
        rf"(?:(?:(?!\bsom\b)[^.,]){{0,60}}?\s+och\s+)?{works_for}"
        # (what they contribute to reaching, not money: "… bidra till kostnaderna")
        rf"|(?:vi|parterna|organisationerna|{own})\s+(?:avser|kommer)\s+(?:att\s+)?bidra\s+till\s+att\b"
        # "Nordiska skärgårdssamarbetet är en av Nordens gränskommittéer, vars syfte är att …"
        # (not "Testby är delägare i Europakontoret, vars uppgift är att …": the office's)
        rf"|{own}\s+är\s+(?:en|ett)\s+(?:(?!\b(?:i|inom|hos)\b)[^.,]){{0,80}}?,\s+vars\s+"
        rf"(?:syfte|uppgift|uppdrag)\s+är\s+att\s+{aim_verb}\b"
        # "Vårt uppdrag är att främja tillväxt …", "Kontorets uppgift är att utifrån ett
        # EU-perspektiv bidra till …": the body's own mission, said with an aim (not "… att
        # samordna, utveckla …", "… att bevaka …": its duties; nor "EU-kommissionens uppgift …")
        rf"|(?:vårt|vår|{own}s|kontorets|kansliets|kommitténs|rådets|enhetens)\s+(?:\w+\s+)?"
        rf"(?:uppdrag|uppgift)\w*\s+är\s+att\s+(?:utifrån\s+[^.,]{{1,30}}?\s+)?{aim_verb}\b)",
        _I,
    )
    in_sections: set[int] = set()
    for heading in document.headings:
        vision = bool(_VISION_SECTION.match(heading.title))
        if not vision and not _GOAL_SECTION.search(heading.title):
            continue
        for block in document.in_section(heading, nested=False):
            in_sections.add(id(block))
            if block.kind == "item" and _only_how(document, block):
                continue  # "Arbetet ska bedrivas strategiskt …": how, a principle
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
                    or PURPOSE_IS.search(text)
                    or _infinitive_aim(text)
                )
                how = _MANNER.search(text) and not aim
                if (aim or (not vision and subject.search(text)) or statement) and not how:
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
            any(s.block is block.lead for s in focus_used) and not TO_REACH.match(block.text)
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
            reached = TO_REACH.match(block.text) and _BINDING_LEAD.search(lead)
            if aimed or reached or _WORK_AIM.search(block.text):
                _add_goal(
                    found,
                    block.text,
                    Passage(block.start, block.end, block.source),
                    0.75,
                    _("Punkt i en uppräkning av vad arbetet ska uppnå."),
                )
                continue
            # … a paragraph set off by a dash ("- Projektet ligger i linje med … Vårt
            # internationella arbete ska bidra till …, säger …") is read sentence by sentence,
            # unless it is one of a list's items ("… följande principer: - Öppenhet. Vi ska …")
            if len(document.sentences(block)) < 2 or lead.endswith((":", ";")):
                continue
        for sentence in document.sentences(block):
            # ("Det innebär också att verka för …" right after it says more of the same aim)
            area_aim = (
                _WORK_AIM.search(sentence.text)
                or _AREA_MEANS.search(sentence.text)
                or (
                    _MEANS_ALSO.match(sentence.text)
                    and _AREA_MEANS.search(_sentence_before(document, sentence))
                )
            )
            if sentence.start in listed and not (in_area and area_aim):
                continue  # the sentence that lists the areas, or one that describes an area
            # what the body whose document it is shall be or works for is its aim, in an
            # area's section too ("Mittnordenkommittén ska vara en öppen lärande arena …")
            # (not what someone quoted says "we" work for: "Vi arbetar för …, säger
            # oppositionsrådet")
            quoted = _QUOTED.search(sentence.text)
            own_body = not quoted and (
                own_aim.search(sentence.text) or own_work_for.search(sentence.text)
            )
            aim = (
                area_aim
                or own_body
                or (
                    # the aims of one focus area are not the work's, unless they name the work
                    not in_area
                    and (
                        _WORK_CONTRIBUTES.search(sentence.text)
                        or PURPOSE_IS.search(sentence.text)
                        or _WANTS_TO_CONTRIBUTE.search(sentence.text)
                        or _WORKS_FOR.search(sentence.text)
                        or _ALL_OF_THEM_AIM.search(sentence.text)
                        or _TARGET.search(sentence.text)
                        or _ACTIVITY_AIM.search(sentence.text)
                        or _WORKS_TOWARDS.search(sentence.text)
                        or _COOPERATION_GROWS.search(sentence.text)
                        or _FOCUS_IS.search(sentence.text)
                    )
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


#: How the work is done, not what it shall reach: "… ska bedrivas strategiskt", "… ska
#: präglas av öppenhet", "… ska vara en integrerad del av verksamheten".
_MANNER = re.compile(
    r"\b(?:arbetet|arbete|samarbetet|samarbete|det)\s+(?:ska|skall)\s+(?:\w+\s+)?"
    r"(?:bedrivas|präglas|ske|genomföras|vara\s+en\s+(?:\w+\s+)?del)\b(?![^.]*\bså\s+att\b)",
    _I,
)


def _only_how(document: Document, block: Block) -> bool:
    """Whether every sentence of ``block`` says how the work is done, and none what it aims at."""
    sentences = [s.text for s in document.sentences(block)]
    return bool(sentences) and all(
        _MANNER.search(text) and not (_AIM.search(text) or _WORK_AIM.search(text))
        for text in sentences
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


def _sentence_before(document: Document, sentence: Sentence) -> str:
    """The sentence right before ``sentence``: in its paragraph, or the last of the paragraph
    before it in the same section; "" after a heading, a list or a section's start."""
    block = sentence.block
    earlier = [s.text for s in document.sentences(block) if s.start < sentence.start]
    if earlier:
        return earlier[-1]
    before = document.blocks[block.index - 1] if block.index > 0 else None
    if before is None or before.kind != "paragraph" or before.section is not block.section:
        return ""
    sentences = document.sentences(before)
    return sentences[-1].text if sentences else ""


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
    link = re.search(r"\s+https?://\S+$", text)
    if link:  # "Vi verkar för ett mer integrerat Norden https://…": the link is not the goal
        passage = Passage(passage.start, passage.end - (len(text) - link.start()), passage.section)
        text = text[: link.start()]
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
            capitalise(t.strip()) for t in re.split(r"\s+[-–]\s+|,\s*", match.group(1)) if t.strip()
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
