"""Swedish words the extraction recognises: bodies, document kinds, normative verbs, dates.

These are general patterns of Swedish municipal governing documents, not the
wording of any one document.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

MONTHS = {
    name: number
    for number, name in enumerate(
        [
            "januari",
            "februari",
            "mars",
            "april",
            "maj",
            "juni",
            "juli",
            "augusti",
            "september",
            "oktober",
            "november",
            "december",
        ],
        start=1,
    )
}
ISO_DATE = re.compile(r"\b((?:19|20)\d{2})[-.](\d{2})[-.](\d{2})\b")
WORD_DATE = re.compile(r"\b(\d{1,2})\s+(" + "|".join(MONTHS) + r")\s+((?:19|20)\d{2})\b", re.I)

#: Document kinds as the policy file names them, by the Swedish word in a title.
#: Also as the last part of a compound: "Vänortspolicy", "EU-strategi", "Handlingsplan".
#: Words that say a heading or a sentence is about the international work.
ABOUT_THE_WORK = re.compile(
    r"internationel\w*|internationali[sz]\w*|\bEU\b|vän(?:ort|region|kommun|stad|städer)\w*|omvärld\w*"
    r"|europ\w*|\berasmus\w*|\bbryssel\w*"
    # cross-border work: "… utbyte av erfarenheter med andra nordiska gränsregioner" (not
    # "nordisk skidåkning", nor "förvaltningsgränsöverskridande")
    r"|\bnordiska\s+(?:samarbet|ministerråd|rådet|länder|gränsregion)\w*|\bgräns(?:region|kommitt)\w*"
    r"|\binterreg\w*",
    re.I,
)
KIND_WORDS = [
    (re.compile(r"\b[\w-]*program(met)?\b", re.I), "programme"),
    (re.compile(r"\b[\w-]*strategi(n)?\b", re.I), "strategy"),
    (
        re.compile(r"\briktlinje(r|n|rna)?\b|\b[\w-]*handlingsplan(en)?\b|\banvisningar\b", re.I),
        "guideline",
    ),
    (re.compile(r"\b[\w-]*policy(n)?\b", re.I), "policy"),
]

#: Words that open a section in Swedish governing documents.
SECTION_WORDS = (
    "Inledning|Bakgrund|Syfte|Syftet|Mål|Målsättning|Målsättningar|Övergripande mål|Vision|"
    "Målgrupp|Målgrupper|Ansvar|Ansvarsfördelning|Roller och ansvar|Organisation|Uppföljning|"
    "Utvärdering|Genomförande|Principer|Utgångspunkter|Förhållningssätt|Riktlinjer|"
    "Prioriterade områden|Prioriteringar|Fokusområden|Insatsområden|Strategiska områden|"
    "Inriktning|Strategier|Finansiering|Vänorter|Vänortssamarbete|Vänortsarbete|Nätverk|"
    "Internationella nätverk|Partnerskap|Kompetens|Kommunikation|Sammanfattning|Definitioner|"
    "Begrepp|Omvärldsbevakning|Samverkan|Ekonomi|Resor|Tjänsteresor|Uppdrag|Handlingsplan|"
    "Aktiviteter|Styrning|Policy|Program|Strategi"
)

#: A list's lead that names its items as the work's starting points or principles ("De
#: huvudsakliga utgångspunkterna för … är att:"): each item is a principle, not an aim.
PRINCIPLES_LEAD = re.compile(
    r"\b(?:utgångspunkt\w*|princip\w*|förhållningssätt\w*|värdegrund\w*|kriteri\w*)\b[^.]*:$"
    # "Detta åtar sig kommunen:": what the municipality commits itself to
    r"|\båtar\s+sig\b[^.]*:$|\båtaganden\w*\b[^.]*:$",
    re.I,
)

#: A sentence that binds: "ska", "skall", "bör", "måste", "eftersträvas", "prioriteras",
#: "får inte" (not "får inte bara"), "har i uppdrag att".
NORMATIVE = re.compile(
    r"\b(ska|skall|bör|måste|eftersträvas|förutsätts|prioriteras)\b|\bhar i uppdrag att\b"
    # … "förväntas", but not a forecast: "invånarna förväntas om tio år ha ökat till …"
    r"|\bförväntas\b(?!\s+(?:\S+\s+){0,4}?ha\s+\w+(?:at|it|tt)\b)"
    r"|\bfår\s+(?:inte|ej)\b(?!\s+(?:bara|enbart|endast|minst|sällan)\b)"
    # "Utgångspunkt för kommunens internationella arbete är de behov som …" (not "… är den
    # internationella strategin": that points to a document)
    # ("En utgångspunkt för Brysselkontorets arbete är …", "Utgångspunkter för arbetsgruppernas
    # arbete är …")
    r"|^(?:en\s+)?utgångspunkt(?:en|er|erna)?\s+för\s+[^.]{0,80}?\s+är\s+(?!(?:den|det|de|vår)\s+(?:\w+\s+){0,2}?"
    r"(?:strategi|policy|program|riktlinje)\w*)"
    # "Sveriges medlemskap i EU innebär att samarbete inom unionen … är prioriterat / ges en
    # prioriterad ställning": the priority the policy sets
    r"|\bmedlemskap\s+i\s+EU\s+innebär\s+att\b[^.]*\b(?:prioriteras|är\s+prioritera[dt]\w*|ges\s+(?:en\s+)?prioriterad)"
    # a grant's terms: "Bidrag kan utgå till föreningar …", "Alla föreningar … kan söka
    # vänortsbidrag", "Bidrag … kan endast utgå från en instans"
    # (not "Bidrag från EU:s strukturfonder kan sökas …", "Skolor kan söka bidrag från Erasmus+":
    # where to find money)
    r"|^(?:\w+\s+)?\w*bidrag\w*\b(?!\s+från\s+(?-i:[A-ZÅÄÖ]))[^.]{0,60}?\bkan\s+(?:endast\s+|bara\s+|enbart\s+)?"
    r"(?:utgå|sökas|beviljas)\b"
    r"|\b(?:föreningar|organisationer)\b[^.]{0,60}?\bkan\s+(?:endast\s+|bara\s+)?söka\s+\w*bidrag\b",
    re.I,
)
#: Modals inside a purpose or indirect clause do not make the sentence binding
#: ("För att verksamheterna skall ha en plattform har denna policy utarbetats").
SUBORDINATE_MODAL = re.compile(
    # "… en plan för när insatser ska göras har en strategi tagits fram": "när"'s own modal
    r"\b(för att|så att|hur|att|när)\s+(?:\S+\s+){0,7}?(?:ska|skall)\b",
    re.I,
)
_FINITE = re.compile(r"\b(?:har|är|blir|kan|bör|måste|ska|skall|finns)\b", re.I)
_RELATIVE_MODAL = re.compile(r"\bsom\s+(?:\S+\s+){0,2}?(?:ska|skall)\b", re.I)
_MAIN_VERB = re.compile(r"\bkommer\s+(?:\S+\s+){0,4}?att\b", re.I)
#: … but "en grupp som ska prioriteras" binds
_RELATIVE_PRIORITY = re.compile(
    r"\bsom\s+(?!(?:\S+\s+)?(?:ska|skall|bör|måste)\b)(?:\S+\s+){0,2}?prioriteras\b", re.I
)

#: Words ending in -a that open a clause without being its verb: determiners, adjectives,
#: names ("Alla förvaltningar …", "Internationella kontakter …", "Europa …").
NOT_INFINITIVES = {
    "alla",
    "andra",
    "båda",
    "denna",
    "detta",
    "dessa",
    "egna",
    "ekonomiska",
    "enda",
    "europa",
    "flera",
    "gemensamma",
    "globala",
    "hela",
    "internationella",
    "kommunala",
    "lokala",
    "många",
    "nationella",
    "nya",
    "olika",
    "politiska",
    "regionala",
    "samtliga",
    "sina",
    "sociala",
    "stora",
    "sverige",
    "unga",
    "viktiga",
    "vissa",
    "våra",
    "övriga",
}
#: Small words a name may follow in running text ("samarbetet med Tyskland"): a capital after
#: them does not start a new sentence or heading.
BEFORE_A_NAME = {
    "i",
    "för",
    "av",
    "inom",
    "med",
    "och",
    "på",
    "till",
    "om",
    "mot",
    "samt",
    "vid",
    "eller",
    "och/eller",
    "&",
    # ("Samverkan mellan GR:s EU-nätverk …", "… medel från EU …")
    "mellan",
    "från",
    "hos",
}
#: The most words of a line or an item that names something rather than says it.
NAME_WORDS = 6


def opens_infinitive(text: str) -> bool:
    """Whether ``text`` opens with a verb's infinitive ("Informera …", "Bevaka …"), not a
    determiner, an adjective or a name ending in -a ("Internationella kontakter", "Europa")."""
    first = text.split(" ", 1)[0]
    return (
        first[:1].isupper()
        and len(first) >= 4
        and first.endswith("a")
        and first.lower() not in NOT_INFINITIVES
    )


def opens_sentence(word: str, previous: str) -> bool:
    """Whether ``word`` starts a new sentence or heading in running text: a capital after a
    word in lower case or an abbreviation ("… kunskap om EU Målet med …") that no name follows."""
    ends = previous[-1:].islower() or (len(previous) > 1 and previous.isupper())
    # ("… GR:s EU-nätverk", "… landets EU-arbete": a genitive goes on to what it owns; not
    # "-ens", which ends "kompetens" and "konferens" as well as "stadens")
    owner = previous.endswith((":s", "ets"))
    return word[:1].isupper() and ends and not owner and previous.lower() not in BEFORE_A_NAME


_SHORT_VERBS = {"få", "nå", "se", "gå", "ge", "bli", "ha", "göra"}
PREPOSITIONS = {
    "till",
    "av",
    "för",
    "med",
    "från",
    "genom",
    "om",
    "i",
    "inom",
    "hos",
    "mellan",
    "utöver",
    "på",
    "åt",
    "under",
    "vid",
    "enligt",
    "mot",
    "ur",
}


def parse_date(text: str) -> tuple[date, int, int] | None:
    """The first date in ``text`` (2019-12-05, 12 februari 2020) and where it stands."""
    found = []
    for match in ISO_DATE.finditer(text):
        year, month, day = (int(g) for g in match.groups())
        found.append((match.start(), match.end(), year, month, day))
    for match in WORD_DATE.finditer(text):
        day, month, year = int(match.group(1)), MONTHS[match.group(2).lower()], int(match.group(3))
        found.append((match.start(), match.end(), year, month, day))
    for start, end, year, month, day in sorted(found):
        try:
            return date(year, month, day), start, end
        except ValueError:
            continue
    return None


#: "32 gästhamnar ska rustas upp", "Totalt ska 8,9 miljoner euro investeras", "Tanken bakom
#: Smart Marina är att …": a named project's figures and idea, not a rule of the work.
_PROJECT_FACTS = re.compile(
    r"^(?:totalt\s+(?:\w+\s+)?)?(?!(?:19|20)\d{2}\b)\d+(?:[,.]\d+)?\s+(?!procent\b)(?-i:[a-zåäö])|^(?:tanken|idén)\s+(?:bakom|med)\s+(?-i:[A-ZÅÄÖ])",
    re.I,
)


def is_normative(sentence: str) -> bool:
    if _PROJECT_FACTS.search(sentence):
        return False
    match = SUBORDINATE_MODAL.search(sentence)
    if match and match.group(1).lower().endswith("att"):
        # "För att bredda kunskapen ska arbetet …": an infinitive after "att" has no
        # subject of its own, so the modal that follows is the main clause's.
        after = sentence[match.end(1) :].split()
        if after and after[0].islower() and (after[0].endswith("a") or after[0] in _SHORT_VERBS):
            match = None
    # "För att få en översikt skall projekten inventeras": the modal is the main clause's.
    # "… strategi som anger principer för att arbetet ska kunna bedrivas …": a purpose
    # clause after its main clause binds no one.
    late_purpose = match and match.start() > 0 and match.group(1).lower() in ("för att", "så att")
    if match and (
        match.group(1).lower() == "hur" or late_purpose or _FINITE.search(sentence[match.end() :])
    ):
        sentence = sentence[: match.start()] + " " + sentence[match.end() :]
    # "… kommer en handlingsplan att utarbetas för de åtgärder som ska vidtas": a modal in a
    # relative clause after the main clause's own verb binds no one.
    relative = _RELATIVE_MODAL.search(sentence)
    if relative and _MAIN_VERB.search(sentence[: relative.start()]):
        sentence = sentence[: relative.start()] + " " + sentence[relative.end() :]
    # "… visar vägen för de samarbeten som både prioriteras och …": what a relative clause
    # says is prioritised describes, it binds no one
    sentence = _RELATIVE_PRIORITY.sub(" ", sentence)
    return bool(NORMATIVE.search(sentence))


@dataclass(frozen=True)
class BodyMention:
    """A body named in a text: a specific unit, or every unit of a kind."""

    name: str
    kind: str
    specific: bool
    start: int
    end: int

    @property
    def ref(self) -> dict[str, str]:
        return {"name": self.name, "kind": self.kind}


#: (pattern, kind, specific, name): a fixed name, None for the first group + "en", or
#: AS_WRITTEN for the words as the text writes them ("Utvecklingsavdelningen").
AS_WRITTEN = "="
_BODY_PATTERNS: list[tuple[re.Pattern[str], str, bool, str | None]] = [
    (
        # "Kommunfullmäktiges presidium är ansvarigt för …": the council's own presidium.
        re.compile(r"\b(?:kommun|region|landstings)?fullmäktiges\s+presidium\b", re.I),
        "council",
        True,
        AS_WRITTEN,
    ),
    (
        re.compile(r"\b(?:kommun|region|landstings|förbunds)?fullmäktige(?:s)?\b|\bKF\b", re.I),
        "council",
        True,
        "Kommunfullmäktige",
    ),
    (
        re.compile(r"\b(?:kommun|region)styrelsens\s+arbetsutskott(?:et)?\b", re.I),
        "drafting_committee",
        True,
        AS_WRITTEN,
    ),
    (
        re.compile(
            r"\b(?:kommun|region|landstings)styrelsens\s+(?:förvaltning|kansli|stab)(?:en|et)?\b",
            re.I,
        ),
        "department",
        True,
        AS_WRITTEN,
    ),
    (
        re.compile(r"\b(?:kommun|region|landstings)styrelsens\s+presidium\b", re.I),
        "executive_board",
        True,
        AS_WRITTEN,
    ),
    (
        re.compile(r"\b(?:kommun|region|landstings)styrelsen?s?\b|\bKS\b", re.I),
        "executive_board",
        True,
        "Kommunstyrelsen",
    ),
    (
        re.compile(
            r"\binternationella (?:enheten|kontoret|avdelningen|sekretariat(?:et)?|funktionen)s?\b"
            r"|\binternationell enhet\b"
            # "Enheten för internationella frågor", "Avdelningen för EU- och internationella
            # frågor", the unit named "Externa relationer" (not "Enheten för externa
            # relationer", often the unit for press and business contacts)
            r"|\b(?:enheten|avdelningen|sektionen)\s+(?:(?:för\s+)?(?:internationella\s+(?:frågor|relationer)"
            r"|EU-\s+och\s+internationella\s+frågor)|externa\s+relationer)\b",
            re.I,
        ),
        "international_unit",
        True,
        "Internationella enheten",
    ),
    (
        re.compile(
            r"\b(?:den\s+|de\s+)?internationella?\s+(?:samordnaren|strategen|koordinatorn|sekreteraren"
            r"|samordnarna|strategerna|koordinatorerna)\b"
            r"|\binternationell\s+(?:samordnare|strateg|koordinator)\b"
            r"|\bEU-\s?(?:samordnare|samordnaren|strateg|strategen|koordinator|koordinatorn|kontoret|kontor|enheten"
            r"|handläggare|handläggaren|kontaktperson|kontaktpersonen|samordningsfunktion|samordningsfunktionen)\b"
            # "utvecklingsledare för internationalisering", "samordnare för EU-frågor"
            r"|\b\w*(?:ledare|samordnare|strateg|koordinator|handläggare|sekreterare|chef)(?:n|en)?\s+för\s+"
            r"(?:internationalisering|internationella\s+frågor|internationellt\s+arbete|EU-frågor)\b"
            # an office in Brussels: "representationskontor i Bryssel", "Brysselkontoret"
            r"|\b\w*(?:representationskontor|[Bb]rysselkontor|[Ee]uropakontor)(?:et)?(?:\s+i\s+Bryssel)?\b"
            r"|\b[\w-]*kontor(?:et)?\s+i\s+Bryssel\b"
            # an association of municipalities that does their EU work: "Kommunförbundet Skåne",
            # "Stockholmsregionens Europaförening"
            r"|\b(?-i:Kommunförbundet|Regionförbundet|Kommunalförbundet)(?:\s+(?-i:[A-ZÅÄÖ])[\w-]+){1,2}"
            r"|\b[\w-]*(?-i:[Ee]uropaförening)(?:en)?\b"
            # the EU's local information office a municipality runs: "Europa Direkt Sydskåne"
            r"|\b(?-i:Europa\s+Direkt)(?:-?kontor(?:et)?)?(?:\s+(?-i:[A-ZÅÄÖ])[\w-]+)?"
            # "Mid Testland European Office": an office in Brussels by its English name
            r"|\b(?-i:[A-Z][a-z]+\s+){0,3}European\s+Office\b",
            re.I,
        ),
        "international_unit",
        True,
        AS_WRITTEN,
    ),
    (
        re.compile(
            r"\b(?:samrådet|styrgruppen|arbetsgruppen|referensgruppen|beredningsgruppen"
            # "Alla kommunala partnerskap leds av en styrgrupp som …"
            r"|(?:styrgrupp|arbetsgrupp)(?=\s+(?:som|med|där)\b)"
            # "Vänortsdelegationen fördelar bidragen": a named group of elected members
            r"|[a-zåäö]+delegationen"
            r"|internationella rådet|vänortsrådet"
            # "Internationella kommittén", "Vänortskommittén", "Kommittén", "Beredningen"
            r"|(?:[a-zåäö]+a\s+)?[a-zåäö]*kommittén|(?:[a-zåäö]+a\s+)?beredningen"
            # "Sydöstra Skånes Samarbetskommitté(s)": a joint committee by its name
            r"|(?-i:[A-ZÅÄÖ])[a-zåäö]+kommittés?"
            # "ett internationellt råd som leder …"
            r"|internationellt\s+råd(?=\s+som\b))"
            r"(?:\s+för\s+[a-zåäö]+(?:\s+[a-zåäö]+)?)?\b",
            re.I,
        ),
        "drafting_committee",
        True,
        AS_WRITTEN,
    ),
    (
        re.compile(
            r"\b[A-ZÅÄÖa-zåäö]{3,}(?:avdelning|förvaltning|enhet|stab)en\b"
            r"|\b[A-ZÅÄÖa-zåäö]{3,}(?:kontor|kansli)et\b"
            r"|\b[a-zåäö]+s\s+[a-zåäö]+-?(?:\s+och\s+[a-zåäö]+)?(?:enhet|avdelning|kansli|stab)\b"
            r"|\b(?:enheten|avdelningen|kontoret|staben)\s+för\s+[a-zåäö]+\b",
        ),
        "department",
        True,
        AS_WRITTEN,
    ),
    (re.compile(r"\b(\w+beredning)(?:en|ens|ar|arna)?\b", re.I), "drafting_committee", True, None),
    (re.compile(r"\butskott(?:en|et)?\b", re.I), "drafting_committee", False, None),
    (
        # "Kulturnämnden", "Barn- och utbildningsnämnden", "Regionala utvecklingsnämnden"
        # "den regionala utvecklingsnämnden": an adjective in lower case after "den".
        re.compile(
            r"\b((?:[A-ZÅÄÖ][a-zåäö]+a\s+[a-zåäö]*|(?<=[Dd]en\s)[a-zåäö]+a\s+[a-zåäö]*"
            r"|(?:[A-ZÅÄÖa-zåäö]+-\s+(?:och|samt)\s+)?(?:[A-ZÅÄÖ]\w*|[a-zåäö]+))nämnd)en\b"
        ),
        "committee",
        True,
        None,
    ),
    (re.compile(r"\b\w*nämnd(?:er|erna|en)?\b", re.I), "committee", False, None),
    (re.compile(r"\bverksamheter(?:na)?\b", re.I), "committee", False, None),
    (
        re.compile(
            r"\bbolags?styrelse(?:r|rna|n)?\b|\bbolag(?:en|et)?\b|\bstyrelser(?:na)?\b", re.I
        ),
        "company",
        False,
        None,
    ),
    (
        # "Kommundirektören", "Tekniska förvaltningen": one named head or department.
        re.compile(
            r"\b(?:[Kk]ommun|[Rr]egion|[Ss]tads|[Ll]andstings)direktören\b"
            r"|\b(?!(?:[Vv]arje|[Aa]lla|[Ss]amtliga|[Bb]erörda|[Rr]espektive|[Öö]vriga|[Aa]ndra)\b)"
            r"(?:[A-ZÅÄÖ]|(?<=[Dd]en\s)[a-zåäö])[a-zåäö]+a\s+(?:förvaltningen|kontoret|avdelningen|enheten)\b"
        ),
        "department",
        True,
        AS_WRITTEN,
    ),
    (
        re.compile(
            r"\bförvaltning(?:ar|en|arna)?\b|\bsektor(?:er|n|erna)?\b|\bkontor(?:et|en)?\b|\benheter(?:na)?\b"
            r"|\b(?:förvaltnings|kommun)chef(?:en|er|erna)?\b",
            re.I,
        ),
        "department",
        False,
        None,
    ),
    # "Föreningen ska samordna …": the association named before, or no one (see ANTECEDENT_ONLY)
    (re.compile(r"\b(?:föreningen|förbundet)\b", re.I), "international_unit", False, None),
]
#: Words that name a body only through the one named before them ("Stockholmsregionens
#: Europaförening … Föreningen ska …"); with none before, a citizens' association, not a body.
ANTECEDENT_ONLY = {"föreningen", "förbundet"}
_GROUP_GAP = re.compile(
    r"^\s*(?:,|,?\s*och|,?\s*samt|,?\s*eller)?\s*(?:varje|alla|samtliga|de|dess)?\s*"
    r"(?:[a-zåäö]+a\s+)?$",
    re.I,
)


def body_mentions(text: str) -> list[BodyMention]:
    """Every body named in ``text``, in order, without overlaps."""
    found: list[BodyMention] = []
    for pattern, kind, specific, fixed in _BODY_PATTERNS:
        for match in pattern.finditer(text):
            if any(m.start < match.end() and match.start() < m.end for m in found):
                continue
            if not specific:
                label = kind
            elif fixed == AS_WRITTEN:
                # "Samarbetskommittés roll …": the name without its genitive
                written = re.sub(r"(?<=é)s$", "", " ".join(match.group(0).split()))
                label = written[:1].upper() + written[1:]
            elif fixed:
                # "Regionstyrelsen", "Landstingsfullmäktige": a region's board under its own name.
                prefix = re.match(r"region|landstings", match.group(0), re.I)
                label = fixed.replace("Kommun", prefix.group(0).capitalize()) if prefix else fixed
            else:
                stem = match.group(1)
                label = stem[:1].upper() + stem[1:].lower() + "en"
            found.append(BodyMention(label, kind, specific, match.start(), match.end()))
    found.sort(key=lambda m: m.start)
    return found


def grouped(mentions: list[BodyMention], text: str) -> list[list[BodyMention]]:
    """Mentions joined by "och", "samt" or commas, as one group: "nämnder och bolag"."""
    groups: list[list[BodyMention]] = []
    for mention in mentions:
        if groups and _GROUP_GAP.match(text[groups[-1][-1].end : mention.start]):
            groups[-1].append(mention)
        else:
            groups.append([mention])
    return groups


def word_before(text: str, position: int) -> str:
    words = re.findall(r"[\wåäöÅÄÖ-]+", text[:position])
    return words[-1].lower() if words else ""


def word_index(text: str, position: int) -> int:
    return len(re.findall(r"[\wåäöÅÄÖ-]+", text[:position]))


#: "…; syftet är att bidra till …": the purpose itself, wherever the sentence puts it.
PURPOSE_IS = re.compile(
    r"(?:^|[;:,]\s*)(?:\w*syftet|avsikten|grundtanken|(?:(?:(?!\w*projektets\b|\w*nätverkets\b|\w*programmets\b|\w*unionens\b|\w*politikens\b)\w+s|vårt|vår)\s+"
    r"(?:övergripande\s+|[a-zåäö]+a\s+)?)?(?:ambition|målsättning|mål)(?:en)?"
    # "Det långsiktiga målet är att …"
    r"|(?:det\s+)?(?:övergripande\s+|[a-zåäö]+a\s+)?målet)"
    # … not "Huvudsyftet med projektet BOSS är att …": one project's aim, not the work's
    # … nor "Syftet med Erasmusprogrammet är att …": one named programme's
    # "Målet på lång sikt är att …", "Ambitionen med kontoret har varit att …"
    r"(?:\s+på\s+(?:lång|kort)\s+sikt)?"
    # … nor "Syftet med ARKO-samarbetet är att …": a named network's
    r"\s+(?:(?:med|i|för)\s+(?!(?:\w+\s+)?(?:projekt|\w+program\w*\b)|(?!EU-|FN-)(?-i:[A-ZÅÄÖ]{2,})\w*-)"
    r"[^.]{0,60}?\s+)?"
    r"(?:är|har\s+(?:också\s+|även\s+)?varit)\s+"
    r"(?:också\s+|även\s+|främst\s+|framför\s+allt\s+|i\s+första\s+hand\s+)?"
    r"(?:att|en|ett)\b"
    # "Vidare är ambitionen att …", "Det är även ett mål att …"
    # ("I förlängningen är den konkreta målsättningen att …")
    r"|^(?:\w+\s+){0,2}?är\s+(?:också\s+|även\s+)?(?:den\s+|det\s+)?(?:[a-zåäö]+a\s+)?"
    r"(?:ambitionen|målet|syftet|avsikten|målsättningen)\s+att\b"
    # "Visionen är en gränslös region där …", "Visionen är att göra …"
    # (not "Visionen är en del av styrmodellen", "… ett av kommunens styrdokument")
    r"|^(?:den\s+(?:\w+\s+){0,3})?visionen\s+är\s+(?:att|(?:en|ett)\s+(?!av\b|(?:\w+\s+){0,2}?"
    r"(?:del|utgångspunkt|styrdokument)\b))"
    # "Syftet innebär också att …": what the purpose comes to
    r"|^syftet\s+innebär\s+(?:också\s+|även\s+)?att\b"
    # "Med nämndens policy för internationellt arbete syftar nämnden till att …", "Med policyn
    # vill nämnden visa …": what the body wants of its document
    r"|^med\s+[^.]{0,60}?\b(?:policy|policyn|strategin|riktlinjerna|planen)\b[^.]{0,60}?\s"
    r"(?:syftar|vill)\s+(?!EU\b|projektet\b)(?:\w+\s+){1,3}?"
    r"(?:till\s+att|visa|skapa|öka|stärka|främja|bidra)\b"
    # "Ett av skolans prioriterade mål är, i enlighet med läroplanen, att …"
    # (not "Ett av projektets mål är …": one project's, network's or the union's)
    r"|^(?:ett|en)\s+av\s+(?!(?:\w+\s+)?(?:\w*projektets|\w*nätverkets|\w*programmets|\w*unionens|EU:s)\b)"
    r"(?:\w+\s+){0,2}?(?:mål|målsättningar|syften)\s+är,?\s+(?:[^.]{0,80}?,\s+)?att\b"
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
    re.IGNORECASE,
)


def capitalise(text: str) -> str:
    """ "främja handel" → "Främja handel"."""
    return text[:1].upper() + text[1:]


TO_REACH = re.compile(
    r"^att\s+(?:öka|stärka|främja|utveckla|förbättra|bidra\s+till|skapa|höja|minska)\b",
    re.IGNORECASE,
)


#: The finite verbs a sentence has and a heading or a name has not.
FINITE = re.compile(
    r"\b(ska|skall|är|har|kan|bör|måste|blir|finns|ger|innebär|arbetar|deltar|samarbetar|bedriver"
    r"|verkar|ingår|påverkas|påverkar|söker|lever|får|vill|gäller|skapar|bidrar|syftar|handlar|tar|utgår|sker"
    r"|ser|står|behöver|kommer|leder|omfattar|ansvarar|erbjuder|uppmuntras|pågår|finansieras)\b",
    re.I,
)


#: Words that open a sentence and are never the last word of a heading.
OPENERS = {
    "För",
    "Det",
    "Den",
    "De",
    "Detta",
    "Dessa",
    "Ett",
    "En",
    "I",
    "Vi",
    "Genom",
    "Som",
    "Sedan",
    "Med",
    "Här",
    "Inom",
    "Under",
    "Efter",
    "När",
    "Om",
    "Att",
    "Sverige",
    "Alla",
    "Varje",
}
