"""The duties a clause can state, by the Swedish words that state them.

Each duty is a pattern over the clause's text. The first primary duty that
matches is the clause's duty; the secondary duties are decisions a body takes
besides it ("antar riktlinjer … där prioritering av nätverk … sker").
These are general patterns of Swedish municipal governing documents, not the
wording of any one document.
"""

from __future__ import annotations

import re

_I = re.IGNORECASE
#: "beslutade i december 2015 att …", "beslutade den 3 maj om …": a past decision and when.
_DECIDED = r"beslutade\s+(?:(?:i|den|under|på)\s+(?:\w+\s+){1,3}?)?"
#: What a new document is said to be: "en ny strategi", "ett gemensamt program".
_ADJECTIVES = (
    r"(?:ny|nytt|nya|reviderad|reviderat|internationell|internationellt|internationella"
    r"|gemensam|gemensamt|gemensamma|regional|regionalt|regionala|övergripande)"
)
#: The agreements of a partnership: "partnerskapsöverenskommelse", "samarbetsavtal" (not
#: "hyresavtal", "ramavtal för resor").
_PARTNERSHIP_AGREEMENT = (
    r"(?:\w*överenskommelse\w*|(?:samarbets|partnerskaps|vänorts|vänskaps|samverkans)avtal\w*"
    r"|\w*partnerskap\w*)"
)

#: (duty, pattern); the first that matches is the clause's duty.
PRIMARY_DUTIES = [
    (
        "adopts_guidelines",
        re.compile(
            r"\b(?:antar|fastställer|beslutar om)\s+riktlinjer"
            r"|\b(?:antar|fastställer)\b(?:\s+\w+){0,4}?\s+(?:en\s+)?(?:\w+\s+)?(?:handlingsplan|verksamhetsplan)\w*",
            _I,
        ),
    ),
    (
        "adopts_policy",
        re.compile(
            r"\b(?:antar|antas|fastställer|fastställs|beslutar om|godkänner"
            # "Kommunfullmäktige har beslutat om en strategi för …"
            r"|har\s+(?:beslutat\s+om|antagit|fastställt|godkänt))\s+(?:\w+\s+){0,3}?"
            r"(?:policy|policyn|program|programmet|strategi|strategin|styrdokument)\b"
            # "Regionstyrelsen beslutade i december 2012 om en strategi för …" (not "… om en
            # uppföljning av strategin", "… om budget för programmet")
            rf"|{_DECIDED}(?:om|att\s+anta)\s+(?:en\s+|ett\s+|den\s+|det\s+)?(?:{_ADJECTIVES}\s+)?"
            r"(?:policy|policyn|program|programmet|strategi|strategin|styrdokument)\b"
            r"|^(?:programmet|policyn|strategin|dokumentet)\s+(?:antas|fastställs)\b",
            _I,
        ),
    ),
    (
        "receives_reports",
        re.compile(
            r"^\W*(?:[\w-]+(?:\s+[\w-]+){0,3}\s+)?(?:(?:ska|skall)\s+(?:\w+\s+)?"
            r"(?:informeras|hållas\s+informerad)\b|delges\b"
            r"|får\s+(?:\w+\s+)?(?:\w*rapport(?:er|erna|en)?\b|redovisning\w*)"
            r"|tar\s+emot\s+(?:\w+\s+)?(?:\w*rapport\w*|redovisning\w*)"
            # "Beredningen är återföringspunkt för förtroendevalda med internationella uppdrag"
            r"|är\s+(?:\w+\s+)?(?:återföringspunkt|mottagare\s+av)\b)",
            _I,
        ),
    ),
    (
        "represents",
        re.compile(
            r"\bföreträder\b|\brepresenterar\b|\batt representera\b"
            r"|\b(?:tar|ta)\s+tillvara\s+(?:\w+\s+){0,2}?intressen\b|\bbevakar\s+(?:\w+\s+){0,2}?intressen\b"
            r"|\butövar\s+(?:\w+\s+)?värdskap\b|\bvärdskapet\b"
            # "arbetar kontoret med att påverka beslutsprocessen i EU"
            r"|\bpåverka\s+(?:\S+\s+){0,2}?(?:beslutsprocess\w*|lagstiftning\w*|beslut|politik\w*)\b"
            # "arbetar för att främja Stockholmsregionens gemensamma politiska intressen inom EU"
            r"|\bfrämja\s+(?:\w+\s+){0,3}?intressen\b"
            # "EU-kontoret bedriver även ett aktivt påverkansarbete"
            r"|\b(?:bedriver|arbetar\s+med|arbeta\s+med)\s+(?:\w+\s+){0,3}?påverka(?:ns\w*)?\b"
            # "svara för landstingets deltagande i Stockholmsregionens Europaförening"
            r"|\bsvara(?:r)?\s+för\s+(?:\w+\s+)?deltagande\s+i\b",
            _I,
        ),
    ),
    # "… EU-kontaktperson som är länken mellan förvaltningarna och …"
    (
        "coordinates",
        re.compile(
            r"\bsamordn(?!ar(?:e|en|na|es|ens|nas)\b)\w*|\bkoordiner\w*|\bhanterar\b|\bär\s+länken\s+mellan\b",
            _I,
        ),
    ),
    (
        "develops",
        re.compile(
            r"\butvecklingsansvar\w*|\bfortsatt utveckling\b|\butvecklingen av det\b|\bbereder\s+frågor\b"
            r"|\bbereda\b|\bbereder\b|\btagits? fram\b|\btar fram\b|\bframtagande\b|\butarbeta(?:r|s)?\b"
            r"|\butveckla\s+(?:\w+\s+)?(?:kontakter|arbetet|kommunens internationella)\b"
            r"|\bansvarar för utveckling\b|\bmed att (?:\w+\s+och\s+)?utveckla\b"
            # "Kontoret arbetar även med strategisk projektutveckling kring EU:s program"
            r"|\barbetar\s+(?:\w+\s+)?med\s+(?:\w+\s+)?\w+utveckling\b"
            # "uppdrag är att samordna, utveckla, följa upp …": one verb of a series
            r"|(?<=,\s)utveckla(?=,|\s+och\b)",
            _I,
        ),
    ),
    (
        "leads",
        re.compile(
            r"\bledning(?:en)?\b|\bleder\b|\bleds\b|\b(?:det\s+)?(?:övergripande|samlade|yttersta)\s+ansvar\w*"
            r"|\bhuvudansvar\w*",
            _I,
        ),
    ),
    (
        "appoints_contacts",
        re.compile(
            r"\bkontaktperson\w*\b.{0,80}\butses\b|\butser\b.{0,30}kontaktperson"
            r"|\butse\b.{0,30}kontaktperson|\butser\b.{0,30}\b(?:representant|ombud|ledamot|ledamöter)\w*"
            # "har utsett fyra politiker med särskilt ansvar för …"
            r"|\butsett\s+(?:\w+\s+){0,2}?(?:politiker|representant\w*|ombud|ledamöter|kontaktperson\w*)\b"
            r"|\bha\s+en\s+(?:utsedd\s+)?kontaktperson"
            # "De kommunala representanterna är utsedda av respektive kommunchef"
            r"|\b(?:är|blir)\s+utsedda?\s+av\b",
            _I,
        ),
    ),
    (
        "plans",
        re.compile(
            r"\bhandlingsplan\w*|\bplanerar\b"
            # "föreslå vilka nätverk … som ska prioriteras"
            r"|\bföreslå\w*\s+vilka\b[^.]{0,120}?\bprioriteras\b"
            r"|\b(?:prioriterar|definierar)\b(?:\s+och\s+\w+)?\s+(?:\w+\s+)?(?:varje år|årligen)\b",
            _I,
        ),
    ),
    (
        "finances",
        re.compile(
            r"\bekonomiska ansvaret\b|\bbär kostnad\w*|\bstår för kostnad\w*|\bfinansierar\b"
            r"|\b(?:resurser|medel)\s+avsätts\b|\bavsätt(?:er|a)\s+(?:\w+\s+){0,3}?(?:resurser|medel|pengar|kronor|tkr|mkr)\b"
            # "bekostas av respektive förvaltning", "fördelar årets bidrag", "beslut om
            # fördelningen av resebidraget"
            r"|\btillskjut\w*\s+(?:av\s+)?(?:[\w/]+\s+){0,4}?resurser\b"
            r"|\bbekosta(?:s|r)\b|\bfördela(?:r|s)?\s+(?:\w+\s+){0,3}?(?:\w*bidrag\w*|medel|pengar)\b"
            r"|\b(?:beslut|beslutar|ansvarar\s+för)\s+(?:om\s+)?fördelning(?:en)?\s+av\s+(?:\w+\s+)?"
            r"(?:\w*bidrag\w*|medel|pengar)\b"
            # "Kommunstyrelsen har en budget på 100 tkr årligen för vänortssamarbetet"
            r"|\bhar\s+(?:en\s+)?(?:egen\s+)?budget\b",
            _I,
        ),
    ),
    (
        "integrates",
        re.compile(
            r"\bintegrera\w*|\ben del av\b|\bi linje med ordinarie\b|\binom sin ordinarie\b"
            r"|\binom (?:sitt|sina?) (?:verksamhets)?områden?\b|\binom\s+(?:[\w-]+\s+){0,3}?verksamhetsområde\w*"
            # "har själv ansvar för det internationella arbetet på sitt sakområde"
            r"|\b(?:inom|på)\s+(?:sitt|sina)\s+(?:eget\s+|egna\s+)?\w*område\w*\b"
            # "har uppgiften att i arbetet med verksamhetsplan och budget inkludera …"
            r"|\binkludera\b|\binarbeta\w*",
            _I,
        ),
    ),
    (
        "supports",
        re.compile(
            r"\bbistår\b|\bstöd till\b|\bsom stöd (?:för|åt|till)\b|(?<!som\s)\bstödjer\b|\buppmuntrar\b"
            # "Enheten erbjuder strategisk rådgivning", "uppdrag är att stödja …"
            r"|\berbjuder\s+(?:\w+\s+)?(?:rådgivning|stöd|råd)\b|\brådgivning\b|\bstimulera\s+till\b"
            r"|\btillhandahåll(?:a|er)\s+(?:\w+\s+)?(?:utbildning\w*|information|råd\w*)"
            # "informera kommunledning och förvaltningar om …" (not "informera kommunstyrelsen
            # om …": that reports to it)
            r"|\binformera\s+(?!(?:\w+\s+)?(?:kommun|region)?(?:styrelsen|fullmäktige|nämnde\w*)\b)"
            r"[^.]{0,80}?\bom\b"
            # "… har till uppgift att tillgodose medlemmarna med information och kunskap"
            r"|\btillgodose\s+(?:\w+\s+){0,2}?med\s+(?:information|kunskap|stöd)\b"
            r"|\b(?:uppdrag|uppgift)\w*\s+är\s+att\s+(?:\w+\s+)?(?:stödja|bistå|stötta)\b"
            r"|\bger råd\b|\btillhandahåller\b[^.,]{0,20}\bstöd\b|\bger\s+(?:\w+\s+)?stöd\b"
            r"|\bstöttar\b|\bsom stöd\b|(?<!som\s)\bstöder\b|\bhjälper\s+till\b|^(?:\w+\s+och\s+)?(?:stödja|bistå|stötta)\b"
            r"|\b(?:ska|skall)\s+(?:\w+\s+)?(?:stödja|bistå|stötta)\b"
            # "ska vara en stödjande part", "fungera som rådgivande och stödjande instans"
            r"|\b(?:vara|är|fungera\s+som)\s+(?:en\s+|ett\s+)?(?:\w+\s+och\s+)?stödjande\b"
            # "ansvarar för samordning, informationsspridning och stöd i …": support as a noun
            r"|\bansvarar\s+för\s+(?:[\w-]+,?\s+){1,4}?och\s+stöd\b"
            # "verkar som internt stöd", "arbetar med att vägleda verksamheterna"
            r"|\b(?:verkar|fungerar)\s+som\s+(?:\w+\s+)?stöd\b|\bvägled(?:a|er)\b",
            _I,
        ),
    ),
    # "… har som uppgift att arbeta med intressebevakning"
    (
        "monitors",
        re.compile(
            r"\b\w*bevakning\w*|\bbevaka\w*"
            # "fokuserar på att följa arbetet inom EU:s institutioner"
            r"|\bfölj(?:a|er)(?!\s+upp\b)\s+(?:\w+\s+){0,2}?(?:inom|i|på)\s+(?:EU|Bryssel)\w*",
            _I,
        ),
    ),
    (
        "reports",
        re.compile(
            r"\båterrapport\w*|\brapportera(?:r)?\b|\bredovisa(?:r)?\b|\bföljas upp av\b|\binformera(?:r)?\b"
            r"|\b(?:rapporterings|redovisnings)ansvar\b"
            r"|\bförmedla\w*\s+(?:\w+\s+)?information\b"
            r"|\b(?:ansvarig\w*|ansvarar för)\s+(?:att\s+)?(?:redovisa|rapportera)\b",
            _I,
        ),
    ),
    (
        "follows_up",
        re.compile(
            r"\bföljer upp\b|\bfölja upp\b|\bföljs upp\b|\buppföljning\b|\bsammanställ\w*"
            r"|\buppsikt\b|\butvärdera\w*"
            # "stödja, stimulera … och följa det internationella arbetet"
            r"|\bfölj(?:a|er)\s+(?:det|de|kommunens|stadens|regionens)\s+(?:\w+\s+)?(?:sam)?arbete\w*",
            _I,
        ),
    ),
]

#: Decisions a body takes in addition to its main duty ("antar riktlinjer … där prioritering av nätverk … sker").
SECONDARY_DUTIES = [
    (
        # "Kommunfullmäktige har antagit en policy och riktlinjer för …": both documents
        "adopts_guidelines",
        re.compile(
            r"\b(?:anta|antar|antagit|antog|fastställa|fastställer|fastställt|fastställde)\s+(?:en\s+)?"
            r"(?:(?:ny|nya|övergripande|gemensam|gemensamma)\s+)?policy\s+(?:och|samt)\s+"
            r"(?:(?:tillhörande|kompletterande|övergripande)\s+)?riktlinjer\b",
            _I,
        ),
    ),
    (
        "decides_twin_cities",
        re.compile(
            r"\b(?:fattar beslut|beslutar|besluta)\s+(?:i\s+frågor\s+)?om\s+(?:\w+\s+){0,2}?vänort"
            # "har beslutat att säga upp avtalen med sina vänorter"
            r"|\bbeslut(?:ar|at|ade)\s+att\s+[^.]{0,60}?\bvänort",
            _I,
        ),
    ),
    (
        "decides_partnerships",
        re.compile(
            r"\b(?:fattar beslut|beslutar|besluta)\s+(?:i\s+frågor\s+)?om\s+(?:\w+\s+){0,2}?"
            r"(?:partnerskap|samarbetsavtal|samarbeten|projekt(?:en)?)\b"
            r"|\bgodkänner\s+(?:\w+\s+){0,2}?(?:deltagande|projekt(?:en)?|samarbete(?:n|t|na)?)\b"
            r"|\btecknar\s+(?:\w+\s+)?samarbetsavtal"
            # "Landstingsstyrelsen beslutade i december 2015 att ingå en
            # partnerskapsöverenskommelse mellan …"
            rf"|\b(?:beslutar\s+|{_DECIDED})att\s+(?:ingå|teckna)\s+(?:\w+\s+){{0,2}}?"
            rf"{_PARTNERSHIP_AGREEMENT}"
            r"|\bansvaret (?:gäller|omfattar)\b[^.]*\bsamarbetsavtal"
            r"|\bbeslut\s+om\s+(?:deltagande\s+i\s+)?(?:internationell\w*\s+)?"
            r"(?:samarbete|samarbeten|projekt|partnerskap)\b.{0,100}?\b(?:fattas|tas)\b",
            _I,
        ),
    ),
    (
        "decides_memberships",
        re.compile(
            r"\bprioritering av nätverk|\bansvaret (?:gäller|omfattar)\b[^.]*\bmedlemskap"
            r"|\b(?:fattar beslut|beslutar|besluta)\s+om\s+(?:\w+\s+){0,4}?(?:medlemskap|nätverk)\w*\b"
            r"|\bprioriterar\s+(?:\w+\s+){0,3}?nätverk(?:en)?\b",
            _I,
        ),
    ),
]
