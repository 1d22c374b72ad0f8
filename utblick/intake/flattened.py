"""Text extracted as one long line: headings, lists, page numbers and contents found again.

PDF-to-text tools and document-sharing sites often give a whole policy as a
single line: "2 Innehåll 1. Inledning Syfte Mål Ansvar 3 1. Inledning
Kommunen påverkas … • ge ökad medvetenhet • bidra till tillväxt". This module
splits such a line into the blocks a laid-out document has — the title and
its labels, headings, paragraphs of one sentence, list items — so that the
rest of the intake reads it as it reads any document. Page numbers ("3",
"2 (13)"), the table of contents and the sharing site's own words ("Save this
PDF as", "Transkript") are dropped. Nothing here knows a municipality.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from itertools import pairwise

from utblick.intake.flattened_titles import leading_title, title_over_image, titled_after_header
from utblick.intake.lexicon import (
    BEFORE_A_NAME,
    FINITE,
    ISO_DATE,
    NAME_WORDS,
    OPENERS,
    PREPOSITIONS,
    SECTION_WORDS,
    WORD_DATE,
    opens_sentence,
)
from utblick.intake.structure import split_sentences

#: A line this long with more than one sentence is a flattened document, not a paragraph.
FLAT_LENGTH = 900
#: What document-sharing sites and web pages put around a document, wherever it stands.
SITE_PHRASES = (
    r"Save this PDF as:?(?:\s+(?:WORD|PNG|TXT|JPG))*",
    r"Storlek:\s*px",
    r"Starta visningen från sidan:?",
    r"Download\s+\"[^\"]{0,200}\"",
    r"Ladda ner\s+\"[^\"]{0,200}\"",
    r"Transkript",
    r"Transcript",
    r"(?:Gå|Hoppa) till (?:huvud)?innehåll(?:et)?",
    r"Dela sidan på sociala medier",
    r"Kontakta [A-ZÅÄÖ]\w+ kommun",
    r"Lyssna(?: på sidan)?(?: Lyssna)?",
    r"MENY",
    r"Untitled(?: document)?",
    r"advertisement",
    r"(?:Dela på\s+)?(?:Dela (?:till (?:Facebook|Twitter|LinkedIn|X)|med e-post)\s*)+",
)
SITE_WORDS = re.compile(r"\b(?:" + "|".join(SITE_PHRASES) + r")(?!\w)")
#: A web page's navigation and tools: text only where they stand alone (a line of their
#: own, or the run of them before a flattened page's heading), as "Sök" is a word too.
CHROME_PHRASES = (
    r"search|sök|menu|meny|huvudmeny|verktygsfält|skriv ut|återställ|visa kontaktuppgifter",
    r"(?:gå\s+)?till (?:startsidan|innehållet|undermeny|huvudmeny)|karta|kontakt|talande webb",
    r"tyck till om (?:oss|sidan|[\w-]+\.se)",
    r"[^,.]{2,40}? (?:logga|logotyp)|[^,.]{2,40}, länk till startsidan|<\s*>",
    # "Lilla Edets kommun - startsida": the site's name over every page
    r"[^,.]{2,40}? [-–|] startsida",
)
_LEADING_CHROME = re.compile(
    r"^(?:\s*(?:" + "|".join(SITE_PHRASES + CHROME_PHRASES) + r")(?!(?-i:[a-zåäö])))+\s*", re.I
)
#: A newsletter's banner: "NYHETSBREV FRÅN REGION X | FREDAG 8 MAJ 2015 | LÄS PÅ WEBBEN | …",
#: its parts between bars, the last in capitals before the text.
_PIPED_BANNER = re.compile(
    r"^(?:[^|.]{1,60}?\s\|\s)+[A-ZÅÄÖ0-9][A-ZÅÄÖ0-9 ]{0,60}(?=\s[A-ZÅÄÖ][a-zåäö])"
)
_CREDIT = re.compile(
    r"\b(?:Foto|Fotograf|Bild|Photo|Illustration)\s*:\s*[A-ZÅÄÖ][\w-]+(?:\s+[A-ZÅÄÖ]\.?)?\s+[A-ZÅÄÖ][\w-]+"
    r"(?=\s+[A-ZÅÄÖ]|\s*$)"
)
#: "2 Vänorter Testby kommun har …": a sharing site's transcript, one page per line.
_PAGE_LINE = re.compile(r"^\d{1,3}\s+(?:\d{1,2}(?:\.\d{1,2})*\.?\s+)?[A-ZÅÄÖ]")
_PAGE_OF = re.compile(r"(?<!\S)(?:[Ss]ida\s+)?\d{1,3}\s*(?:\(\s*\d{1,3}\s*\)|av\s+\d{1,3}(?!\d))")
#: Bullet signs (not the dash, which also joins words).
BULLETS = "•▪●■◦▫□○∙‣⁃➢➤►\uf0b7\uf0a7\uf076\uf0d8"
_BULLET_SPLIT = re.compile(rf"\s*[{BULLETS}]\s*")
#: "… målen är: - Verksamhetsutveckling - Främja utbyte …": a dash list run into its lead's
#: line. A dash also joins words, so a list only after a colon and with two dashes or more …
_DASH_LEAD = re.compile(r"(?<=[:;])\s+-\s+(?=[A-ZÅÄÖ])")
_DASH_NEXT = re.compile(r"\s+-\s+(?=[A-ZÅÄÖ])")
_DASH_ITEM_WORDS = 12
#: … or dashes glued to their items' first words: "… i första hand -Skapa nätverk … -Främja …"
#: (not names joined: "Haparanda -Tornio och Kemi -Torneå", "Öresund -Kattegat -Skagerrak")
_GLUED_DASH = re.compile(r"(?<=\s)-(?=[A-ZÅÄÖ][a-zåäö])")
_GLUED_ITEM_WORDS = 25
_GLUED_ITEM_FEWEST = 4
#: (a quotation's omission mark between two sentences is neither's, as in ``structure``)
_BOUNDARY = re.compile(
    r"(?<=[.!?])[\"”’)]*\s+(?:[\[(](?:…|\.\.\.)[\])]\s+)?(?=[\"”“(]?[A-ZÅÄÖ0-9])"
)
_DATELINE = re.compile(
    rf"^(?:\d{{1,2}}\s*/\s*\d{{1,2}}\s*/\s*(?:19|20)\d{{2}}|{ISO_DATE.pattern}|{WORD_DATE.pattern})"
    r"\s+(?=(?-i:[A-ZÅÄÖ]))",
    re.I,
)
_BULLET_AFTER_STOP = re.compile(rf"[.!?]\s+[{BULLETS}]\s")
_TOC = re.compile(r"\b(?:Innehållsförteckning|Innehåll)\b\s*:?")
_NUMBER = re.compile(r"^(\d{1,2}(?:\.\d{1,2})*\.?)\s+(?=[A-ZÅÄÖ])")
#: A heading in capitals before a sentence in ordinary case.
_CAPITALS_HEADING = re.compile(
    r"^((?:\d{1,2}(?:\.\d{1,2})*\.?\s+)?[A-ZÅÄÖ][A-ZÅÄÖ-]{2,}(?:\s+[A-ZÅÄÖ][A-ZÅÄÖ-]*:?)*)\s+"
    r"(?=[A-ZÅÄÖ][a-zåäö])"
)
#: "… internationella arbete 1 Åsa Exempel …": a page number between two pages' words.
_INLINE_PAGE = re.compile(r"(?<=[a-zåäö,)])\s\d{1,3}\s+(?=[A-ZÅÄÖ][a-zåäö]|\d{1,2}\.\s)")
_PAGE_NUMBER = re.compile(r"^\d{1,3}\s+(?=(?:\d{1,2}(?:\.\d{1,2})*\.?\s+)?[A-ZÅÄÖ])")
#: A page's footer: its labels in capitals ("POSTADRESS BESÖKSADRESS TELEFON …") end the page.
_FOOTER = re.compile(
    r"\s+(?=(?:POSTADRESS|BESÖKSADRESS|TELEFON|TELEFAX|ORGANISATIONSNUMMER|E-POSTADRESS|WEBBPLATS"
    r"|BANKGIRO|PLUSGIRO)(?:\s+[A-ZÅÄÖ][A-ZÅÄÖ-]{3,})+)"
)
#: Labels of a document's header, split off wherever they stand.
_LABELS = re.compile(
    r"\s(?=(?:Dnr|Diarienummer|Diarienr|Dokumentansvarig|Ansvarig|Handläggare|Fastställare|"
    r"Fastställd|Fastställt|Beslutad|Beslutat|Antagen|Antaget|Antogs|Gäller från|Gällande|Giltig|"
    r"Reviderad|Revideras|Version|Datum|Dokumenttyp|Dokumentnamn|Beslutsdatum|Tfn|Telefon|E-post|"
    r"Utarbetad av|Upprättad av|"
    r"Diarie-/dokumentnummer)\b)"
)
#: A lead that announces named areas, not aims: its items are names.
_NAMES_LEAD = re.compile(
    r"\b(?:områden|områdena|fokusområden|insatsområden|inriktningar|teman)\b", re.I
)
#: "Dnr KS 2011/120 Testby kommun har …": the number ends where the text begins.
_REGISTRY_THEN_TEXT = re.compile(
    r"\b((?:Dnr|Diarienr|Diarienummer)\.?:?\s*(?:[A-ZÅÄÖ]{1,6}[ -]?)?\d[\w./-]*)\s+(?=[A-ZÅÄÖ][a-zåäö])"
)
#: A heading that ends with a name the sentence after it starts with.
_NAME_REPEATED = re.compile(r"^((?:\S+\s+){1,8}?((?:[A-ZÅÄÖ][\w-]+\s+){1,3}))(?=\2)")
#: A paragraph that opens with its name: "Dynamiskt föreningsliv: Uppmuntra …".
_LABELLED = re.compile(r"^[A-ZÅÄÖ][\w-]*(?:\s+[a-zåäö][\w-]*){0,3}:\s+[A-ZÅÄÖ]")
_SHORT_VERBS = {"Ge", "Nå", "Få", "Se", "Gå", "Bli", "Tillgodose", "Göra", "Verka"}
_BARE_LABEL = re.compile(r"^\s*(?:[A-ZÅÄÖ][\w /-]{1,30}:\s*)+$")
_SECTION = re.compile(rf"^(?:{SECTION_WORDS})\b")
_SUBJECT_HEADING = re.compile(
    r"\s((?:Internationella frågor|Internationellt arbete|Internationellt samarbete|"
    r"Internationella relationer|EU-arbete|EU och internationellt))\s+(?=[A-ZÅÄÖ][a-zåäö])"
)
_LOST_STOP = re.compile(
    r"(?<=[a-zåäö]{3})\s+(?=(?:Genom att|Det internationella|Kommunen ska|Kommunen skall|Syftet är|Målet är|Vårt|Våra|Vår|Vi)\b)"
)
#: Words that start a sentence, not the end of a list item before them.
_STARTERS = re.compile(
    r"\s(?=(?:Det|Den|De|Detta|Dessa|Denna|Kommunen|Regionen|Vi|Målet|Syftet|Arbetet|"
    r"Samtliga|Alla|Varje|Genom|Inom|För att)\s)"
)


def is_flattened(line: str, alone: bool = False) -> bool:
    """Whether ``line`` is a whole document, or one page of it, on one line.

    A document that is ``alone`` on its one line is flattened from two sentences on.
    """
    # ("… per person. • Bidrag utgår …": a bullet after a full stop starts one too)
    sentences = len(_BOUNDARY.findall(line)) + len(_BULLET_AFTER_STOP.findall(line))
    if alone and len(line) >= 150 and sentences >= 2:
        return True
    labels = len(re.findall(r"\b[A-ZÅÄÖ][a-zåäö]+(?: [a-zåäö]+)?:\s", line))
    page = bool(_PAGE_LINE.match(line)) and len(line) >= 200 and (sentences >= 2 or labels >= 3)
    # A sharing site's transcript ("Storlek: px … Transkript") is one from 200 characters on.
    shared = len(line) >= 200 and sentences >= 2 and bool(SITE_WORDS.search(line))
    return page or shared or (len(line) >= FLAT_LENGTH and sentences >= 3)


def contents_entries(text: str) -> list[str]:
    """Section titles a table of contents gives with dotted leaders ("Syfte med arbetet... 5")."""
    return [
        " ".join(m.group(1).split())
        for m in re.finditer(
            r"(?:^|(?<=\s))([A-ZÅÄÖ][^.\d]{2,80}?)\s*(?:\.{2,}|…+)\s*\d{1,3}\b", text
        )
    ]


def unflatten(line: str, known: list[str] | None = None) -> list[str]:
    """The blocks of a flattened line, in order: headings, sentences, "- " list items.

    ``known`` are section titles found elsewhere in the document (its contents).
    """
    text = _LEADING_CHROME.sub("", SITE_WORDS.sub(" ", line).strip())
    text = _PIPED_BANNER.sub("", text).strip()
    text = _PAGE_OF.sub(" ", text)
    text, entries = _without_contents(text)
    entries += known or []
    text = _CREDIT.sub(" ", text)
    pictured, text = title_over_image(text)
    blocks: list[str] = []
    items: list[str] = []
    pieces = _BULLET_SPLIT.split(_dash_lists(text))
    for index, piece in enumerate(pieces):
        piece = " ".join(piece.split())
        if not piece:
            continue
        if index == 0:
            # "26 / 05 / 2023 Kvarkenrådets första strategi …": a news item's dateline
            dateline = _DATELINE.match(piece)
            piece = piece[dateline.end() :] if dateline else piece
            title, piece = (pictured, piece) if pictured else leading_title(piece)
            blocks += [dateline.group().strip()] if dateline else []
            blocks += ([title] if title else []) + titled_after_header(_paragraphs(piece, entries))
            continue
        item, rest = _item(piece, items, last=index == len(pieces) - 1)
        items.append(item)
        blocks.append(f"- {item}")
        if rest:
            # "• Extern finansiering Verksamhetsutveckling Internationella utbyten …": the
            # list's names come back as the headings of the sections after it.
            blocks += _paragraphs(rest, entries + items)
    return blocks


def _dash_lists(text: str) -> str:
    """The dashes of lists run into one line, as bullets: "är: - A - B" → "är: • A • B"."""
    marks = _runs(text, _DASH_LEAD, _DASH_NEXT, _DASH_ITEM_WORDS, r"[.!?:;]")
    marks += _runs(
        text, _GLUED_DASH, _GLUED_DASH, _GLUED_ITEM_WORDS, r"[:;]", fewest=_GLUED_ITEM_FEWEST
    )
    out: list[str] = []
    at = 0
    for start, end in sorted(set(marks)):
        if start >= at:
            out += [text[at:start], " • "]
            at = end
    return "".join(out) + text[at:]


def _runs(
    text: str,
    lead: re.Pattern[str],
    following: re.Pattern[str],
    words: int,
    stops: str,
    fewest: int = 1,
) -> list[tuple[int, int]]:
    """Where the marks of lists of two items or more stand: each begins at a ``lead``, goes on
    at each ``following`` mark after an item of ``fewest`` to ``words`` words without
    ``stops``."""
    found: list[tuple[int, int]] = []
    for first in lead.finditer(text):
        if found and first.start() < found[-1][1]:
            continue
        marks = [first]
        while nxt := following.search(text, marks[-1].end()):
            item = text[marks[-1].end() : nxt.start()]
            if not fewest <= len(item.split()) <= words or re.search(stops, item):
                break
            marks.append(nxt)
        if len(marks) >= 2:
            found += [(m.start(), m.end()) for m in marks]
    return found


def _without_contents(text: str) -> tuple[str, list[str]]:
    """The text without its table of contents, and the contents' entries (section titles)."""
    match = _TOC.search(text)
    if not match or match.start() > len(text) // 2:
        return text, []
    rest = text[match.end() :]
    first = re.match(r"\s*((?:\d{1,2}(?:\.\d{1,2})*\.?\s+)?[A-ZÅÄÖ][\wåäöÅÄÖ-]*)", rest)
    end = -1
    if first:
        repeat = rest.find(first.group(1).strip(), first.end())
        end = repeat if repeat > 0 else -1
    if end < 0:
        boundary = _BOUNDARY.search(rest)
        if not boundary:
            return text, []
        end = rest.rfind(" ", 0, boundary.start())
    contents = rest[:end]
    if len(contents.split()) > 120:
        return text, []
    entries = []
    for part in re.split(r"\s*(?:\.{2,}|…+)?\s*\b\d{1,3}(?:\.\d{1,2})*\.?(?=\s|$)\s*", contents):
        entries += _titles(part.strip(" ."))
    # What precedes the contents keeps its page number so that the heading after it parts.
    return text[: match.start()] + " " + rest[end:], entries


def _titles(part: str) -> list[str]:
    """Section titles run together ("Syfte Målgrupper Mål Ansvar Uppföljning in Hylte kommun")."""
    words = part.split()
    titles: list[list[str]] = []
    for i, word in enumerate(words):
        starts = word[:1].isupper() and not (i and words[i - 1].lower() in BEFORE_A_NAME)
        if starts or not titles:
            titles.append([word])
        else:
            titles[-1].append(word)
    return [" ".join(t) for t in titles if t]


#: "… Senast uppdaterad: 2020-09-04 Kontakta oss …": the page's date line ends its text.
_PAGE_DATE = re.compile(
    r"\s(?=(?:Senast\s+(?:uppdaterad|publicerad|ändrad)|Sidan\s+(?:senast\s+)?uppdaterad\w*|Publicerad)"
    r"\s*:?\s*\d)",
    re.I,
)


#: A capital word after one in lower case, then a capitalised subject and its verb: a
#: heading and the first sentence under it ("… länet Fokusområden Arbetet koncentreras …").
_HEADING_THEN_SENTENCE = re.compile(
    r"(?<=[a-zåäö])\s+(?=[A-ZÅÄÖ][a-zåäö]+\s+[A-ZÅÄÖ][a-zåäö]+\s+"
    r"(?:ska|skall|är|har|kan|bör|följer|ansvarar|beslutar|antar|fastställer|koncentreras"
    r"|inriktas|prioriterar|samordnar|arbetar)\b)"
)
#: Words a name follows besides the prepositions: "… samarbete kring Östersjön".
_ALSO_BEFORE_A_NAME = {"kring", "via", "enligt", "rör", "gentemot"}
#: A plain capital word after a word in lower case, with four words or more after it.
_CAPITAL_THEN_TEXT = re.compile(r"(?<=[a-zåäö])\s+(?=[A-ZÅÄÖ][a-zåäö]+\s+(?:\S+\s+){3})")


def _next_heading(piece: str) -> re.Match[str] | None:
    """Where a heading or a sentence begins in running text: at a plain capital word after a
    word no name follows ("… utbyten Medlemmar och …", not "… kring Östersjön …")."""
    for capital in _CAPITAL_THEN_TEXT.finditer(piece):
        before = piece[: capital.start()].rsplit(" ", 1)[-1].lower()
        if before not in BEFORE_A_NAME | PREPOSITIONS | _ALSO_BEFORE_A_NAME:
            return capital
    return None


_QUESTION_HEADING = re.compile(
    r"(?<=[\w)])\s+(?=(?:Hur|Vad|Vilka|Vilket|Vilken|Varför|Vem|När)\s[^.?!:]{2,80}\?)"
)


def _item(piece: str, earlier: Sequence[str] = (), *, last: bool = False) -> tuple[str, str]:
    """A list item and what follows it in the same piece (the paragraph after the list).

    An ``earlier`` item of the same list said again after this one heads the text after it.
    """
    dated = _PAGE_DATE.search(piece)
    if dated:
        item, rest = _item(piece[: dated.start()], earlier)
        return item, f"{rest} {piece[dated.end() :]}".strip()
    for name in earlier:
        again = piece.find(f" {name} ")
        if len(name.split()) >= 2 and again > 0 and piece[again + len(name) + 2 :][:1].isupper():
            return piece[:again], piece[again + 1 :]
    # "lobbyaktiviteter • utbyten Medlemmar och ordförandeskap Medlemsregioner är …": in a list
    # of short names in lower case, a plain capital word with text after it ends the last one
    # (not "• söka EU-medel för utveckling", "• samarbete kring Östersjön")
    lower = (
        last
        and earlier
        and piece[:1].islower()
        and all(item[:1].islower() and len(item.split()) <= 3 for item in earlier)
    )
    capital = _next_heading(piece) if lower else None
    if capital and len(piece[: capital.start()].split()) <= NAME_WORDS:
        return piece[: capital.start()], piece[capital.end() :]
    # "… Göteborgs stads EU-nätverk Hur sker samarbetet?": a question heading ends the item.
    question = _QUESTION_HEADING.search(piece)
    if question:
        return piece[: question.start()], piece[question.end() :]
    boundary = _BOUNDARY.search(piece)
    # "… i projektutveckling Uppföljning Regionstyrelsen följer upp …": a one-word heading and
    # the sentence under it, its subject right before its verb
    headed = _HEADING_THEN_SENTENCE.search(piece, 0, boundary.start() if boundary else len(piece))
    if headed:
        return piece[: headed.start()], piece[headed.end() :]
    # "Invest i Norrbotten Internationellt samarbete Haparandas …": a heading ends the item.
    heading = _SUBJECT_HEADING.search(piece, 0, boundary.start() if boundary else len(piece))
    if heading:
        return piece[: heading.start()].rstrip(), piece[heading.start() :]
    # "Hållbar samhällsutveckling Dessa fokusområden är …": a sentence after a named item.
    starter = _STARTERS.search(piece, 0, boundary.start() if boundary else len(piece))
    named = starter and not FINITE.search(piece[: starter.start()])
    if named and len(piece[: starter.start()].split()) >= 2:
        return piece[: starter.start()], piece[starter.end() :]
    if boundary:
        return piece[: boundary.start()].rstrip(), piece[boundary.end() :]
    starter = _STARTERS.search(piece)
    if starter and len(piece[: starter.start()].split()) >= 2:
        return piece[: starter.start()], piece[starter.end() :]
    return piece, ""


def _paragraphs(text: str, entries: list[str]) -> list[str]:
    blocks: list[str] = []
    parts: list[str] = []
    text = _REGISTRY_THEN_TEXT.sub(r"\1\n", text)
    text = _FOOTER.sub("\n", text)
    for part in _LABELS.split(_INLINE_PAGE.sub("\n", text)):
        # A run of labels ("Fastställt av: Diarienummer: …") keeps its values after it.
        if parts and _BARE_LABEL.match(parts[-1]):
            parts[-1] = f"{parts[-1]} {part}"
        else:
            parts.append(part)
    for part in parts:
        for piece in part.split("\n"):
            blocks += _with_lists(piece, entries)
    return _lead_with_antecedent([b for b in blocks if b])


def _with_lists(piece: str, entries: list[str]) -> list[str]:
    """Sentences of ``piece``; a run-in list after a colon ("ska: Öka … Stärka …") as items."""
    # "… för perioden Genom att dra nytta …": a full stop lost between two sentences;
    # "… direkt@kommun.se Internationella frågor Kommunfullmäktige …": a page's heading.
    piece = _LOST_STOP.sub("\n", piece)
    piece = _SUBJECT_HEADING.sub("\n\\1\n", piece)
    if "\n" in piece:
        return [b for part in piece.split("\n") for b in _with_lists(part, entries)]
    numbered = _numbered_run(piece)
    if numbered:  # "Prioriterade områden 1. Internationella nätverk 2. Omvärldsbevakning …"
        head, items, after = numbered
        blocks = [b for s, e in split_sentences(head) for b in _headed(head[s:e].strip(), entries)]
        return blocks + [f"- {item}" for item in items] + _with_lists(after, entries)
    aims = _AIMS_RUN_IN.search(piece)
    if aims:  # "… målen för arbetet att: öka …, stimulera …, samt bidra …": a list lost its bullets
        head, rest = piece[: aims.end()], piece[aims.end() :].strip()
        items, after = _comma_items(rest)
        if len(items) >= 2:
            blocks = [
                b for s, e in split_sentences(head) for b in _headed(head[s:e].strip(), entries)
            ]
            return blocks + [f"- {item}" for item in items] + _with_lists(after, entries)
    lead = None
    for colon in re.finditer(r"[^\s.:]:\s+(?=[A-ZÅÄÖ])", piece):
        before = piece[: colon.start() + 1]
        clause = re.split(r"[.:]\s", before)[-1]
        in_labels = ":" in before[-len(clause) - 3 :][:3]  # "Gäller för: Ansvar för revidering:"
        # "Kultur och idrott: Föreningar …" names a paragraph; a lead says something.
        named = len(clause.split()) <= 4 and not FINITE.search(clause)
        if len(clause.split()) >= 3 and not in_labels and not named:
            lead = colon
            break
    if lead is None:
        return [b for s, e in split_sentences(piece) for b in _headed(piece[s:e].strip(), entries)]
    head, rest = piece[: lead.start() + 2], piece[lead.end() :]
    # "… i fyra områden: Miljö, Bo & leva, Näringsliv och Infrastruktur." (not aims: "… ska
    # bidra till: Ökad kunskap, Fler utbyten …")
    if _NAMES_LEAD.search(head) and _NAMES_IN_SENTENCE.match(rest):
        return [b for s, e in split_sentences(piece) for b in _headed(piece[s:e].strip(), entries)]
    blocks = _lead_with_antecedent(
        [b for s, e in split_sentences(head) for b in _headed(head[s:e].strip(), entries)]
    )
    if _LABELLED.match(rest):  # "… utgångspunkter: Utveckling: Med …": labelled paragraphs
        return blocks + _with_lists(rest, entries)
    items, after = _counted_items(head, rest) or _run_in_items(
        rest, entries, names=bool(_NAMES_LEAD.search(head))
    )
    blocks += [f"- {item}" for item in items]
    return blocks + (_with_lists(after, entries) if after else [])


#: "… i form av fem prioriterade områden:": a lead that says how many names follow it.
_COUNTED = re.compile(
    r"\b(två|tre|fyra|fem|sex|sju|åtta|nio|tio)\s+(?:[a-zåäö]+\s+){0,2}?"
    r"[a-zåäö]*(?:områden|mål|principer|prioriteringar|inriktningar|teman|delar)\s*:$",
    re.I,
)
_COUNT = {
    "två": 2,
    "tre": 3,
    "fyra": 4,
    "fem": 5,
    "sex": 6,
    "sju": 7,
    "åtta": 8,
    "nio": 9,
    "tio": 10,
}


def _counted_items(head: str, rest: str) -> tuple[list[str], str] | None:
    """The names a counting lead announces, run together without bullets: "fem områden:
    Demografi och attraktionskraft Tillgänglighet Grön omställning …" → five names, each from
    a capital after a word no name follows; None unless there are that many short names."""
    counted = _COUNTED.search(head.rstrip())
    if counted is None:
        return None
    wanted = _COUNT[counted.group(1).lower()]
    words = rest.split(" ")
    starts = [0] + [
        index
        for index in range(1, len(words))
        if words[index][:1].isupper()
        and words[index - 1].lower() not in BEFORE_A_NAME
        and not words[index - 1].endswith(":s")
    ]
    if len(starts) <= wanted:
        return None
    spans = [" ".join(words[a:b]) for a, b in pairwise(starts[: wanted + 1])]
    if any(FINITE.search(span) or "." in span.rstrip(" –-,;.") for span in spans):
        return None  # "Utbildning Skolorna ska delta i utbyten. Näringsliv …": described names
    names = [span.rstrip(" –-,;.") for span in spans]
    cut = PREPOSITIONS | BEFORE_A_NAME | _ALSO_BEFORE_A_NAME
    if any(
        not name
        or len(name.split()) > NAME_WORDS
        or name.split()[0] in OPENERS
        or name.split()[-1].lower() in cut
        for name in names
    ):
        return None  # "Utbildning Här ingår …", "Påverkan gentemot EU", "Ett attraktivt …"
    return names, " ".join(words[starts[wanted] :]).lstrip("–- ")


#: "Detta innebär bland annat att:": a lead that says what the sentence before it means, with
#: no subject of its own (not "Det innebär att nämnderna ska:").
_ANAPHORIC_LEAD = re.compile(r"^(?:Detta|Det)\s+innebär\b[^.:]*\batt\s*:$")


def _lead_with_antecedent(blocks: list[str]) -> list[str]:
    """A list's lead that refers back kept in one paragraph with the sentence it refers to, as
    the lines of a page have it ("Avdelningen ansvarar för … Detta innebär att:"), so that its
    items are that body's duties."""
    if len(blocks) >= 2 and _ANAPHORIC_LEAD.match(blocks[-1]) and blocks[-2].endswith("."):
        return [*blocks[:-2], f"{blocks[-2]} {blocks[-1]}"]
    return blocks


#: Short names parted by commas and a last "och", ending the sentence: the lead's sentence
#: names them itself, as a line of its own would.
_NAMES_IN_SENTENCE = re.compile(
    r"^[^,.:;]{1,40}(?:,\s+[^,.:;]{1,40}){1,8}(?:\s+(?:och|samt)\s+[^,.:;]{1,40})?\.(?:\s|$)"
)
_FIRST_NUMBER = re.compile(r"(?:^|(?<=\s))1\.\s+(?=[A-ZÅÄÖ])")
_LONGEST_NUMBERED = 15  # words; a longer one is a numbered section with its text


def _numbered_run(piece: str) -> tuple[str, list[str], str] | None:
    """A numbered list run into a line: what comes before it, its items, and the text after
    the last item, which ends where a capital follows a word no name follows."""
    first = _FIRST_NUMBER.search(piece)
    if first is None:
        return None
    # … up to the next list's first item: "… 1. Nätverk 2. Bevakning … punkter: 1. Näringsliv"
    again = _FIRST_NUMBER.search(piece, first.end())
    limit = again.start() if again else len(piece)
    markers = [first]
    while following := re.compile(rf"\s{len(markers) + 1}\.\s+(?=[A-ZÅÄÖ])").search(
        piece, markers[-1].end(), limit
    ):
        markers.append(following)
    if len(markers) < 2:
        return None
    items = [piece[a.end() : b.start()].strip() for a, b in pairwise(markers)]
    words = piece[markers[-1].end() :].split(" ")
    cut = len(words)
    for index in range(1, len(words)):
        if opens_sentence(words[index], words[index - 1]):  # "… kunskap om EU Målet med …"
            cut = index
            break
    # "… Göteborgs stads EU-nätverk Hur sker samarbetet?": a question heading after the list
    question = _QUESTION_HEADING.search(" ".join(words[:cut]))
    if question:
        cut = len(" ".join(words[:cut])[: question.start()].split(" "))
    items.append(" ".join(words[:cut]))
    if any(len(item.split()) > _LONGEST_NUMBERED or ". " in item for item in items):
        return None
    return piece[: first.start()].strip(), items, " ".join(words[cut:])


#: Verbs an aim's item opens with, in lower case after its lead's "att:" or "ska:".
_AIM_VERBS = (
    r"öka|stärka|stimulera|tillföra|bidra|främja|utveckla|skapa|underlätta|förbättra|höja|minska"
    r"|sprida|verka|ge|åstadkomma|samarbeta|fördjupa|bredda|synliggöra|möjliggöra|attrahera"
)
#: … and the verbs of a body's aims abroad: "bevaka och hävda …", "knyta kontakter …"
_RUN_IN_VERBS = (
    rf"{_AIM_VERBS}|bevaka|hävda|knyta|förmedla|bjuda|påverka|delta|medverka|stödja|initiera"
    r"|lyfta|etablera|profilera|tillvarata|bygga|driva|marknadsföra|informera"
)
_AIMS_RUN_IN = re.compile(rf"\b(?:att|ska|skall):(?=\s+(?:{_RUN_IN_VERBS})\s)", re.I)
_NEXT_AIM = re.compile(rf",\s+(?=(?:samt\s+|och\s+)?(?:{_RUN_IN_VERBS})\s)")
#: "… regionens intressen knyta och förmedla kontakter …": items that lost their bullets and
#: their commas part where a verb follows a word it cannot go on from.
_NEXT_BARE_AIM = re.compile(rf"(?<=[a-zåäö])\s+(?=(?:{_RUN_IN_VERBS})\s)")
_GOES_ON = {"att", "och", "eller", "samt", "ska", "skall", "kan", "vill", "bör", "måste", "inte"}
_GOES_ON |= {"för", "till", "som", "även", "också", "man", "vi", "ej", "kunna"}


def _comma_items(text: str) -> tuple[list[str], str]:
    """ "öka X, stimulera Y, att ta del av Z, samt bidra till W Kommunens resor …": the items
    part where a comma comes before the next verb; the last ends where a new sentence starts."""
    parts = _NEXT_AIM.split(text)
    if len(parts) == 1:
        cuts = [
            m.start()
            for m in _NEXT_BARE_AIM.finditer(text)
            if text[: m.start()].split()[-1].lower() not in _GOES_ON
        ]
        parts = [text[a:b] for a, b in pairwise([0, *cuts, len(text)])]
    after = ""
    words = parts[-1].split(" ")
    for index in range(1, len(words)):
        word, previous = words[index], words[index - 1]
        # "… samhällsutveckling Kommunens resor minskade": a capital after a word that no
        # name follows ("samarbetet med Tyskland och Polen" goes on)
        if word[:1].isupper() and previous[-1:].isalpha() and previous.lower() not in BEFORE_A_NAME:
            parts[-1], after = " ".join(words[:index]), " ".join(words[index:])
            break
    return [p.strip() for p in parts if p.strip()], after


def _infinitive(word: str) -> bool:
    return word[:1].isupper() and (word.endswith("a") or word in _SHORT_VERBS)


def _run_in_items(text: str, entries: list[str], names: bool) -> tuple[list[str], str]:
    """The items of a list run into the text after its lead, and the text after the list.

    Items that start with a verb ("Öka …", "Stärka …") part at the next verb; named areas
    (``names``: the lead announces areas) part at each capital after a lower-case word.
    """
    words = text.split(" ")
    verbs = not names and _infinitive(words[0])
    items: list[list[str]] = [[]]
    for index, word in enumerate(words):
        previous = words[index - 1] if index else ""
        rest = " ".join(words[index:])
        if index and _NUMBER.match(rest) and _heading_prefix(rest, entries) is not None:
            return _items_text(items), rest  # "… utbyten 3. Ansvar …": the next section
        if index and word[:1].isupper() and previous.lower() not in BEFORE_A_NAME:
            heading = _heading_prefix(rest, entries)
            if heading is not None or _STARTERS.match(" " + rest):
                return _items_text(items), rest
            ends = previous.endswith(".")
            if verbs and _infinitive(word) and (ends or previous[:1].islower()):
                items.append([])
            elif not verbs and (ends or previous[:1].islower()):
                if ends and len(items[-1]) > 12:
                    return _items_text(items), rest
                items.append([])
        items[-1].append(word)
    return _items_text(items), ""


def _items_text(items: list[list[str]]) -> list[str]:
    return [" ".join(item).strip() for item in items if item]


def _headed(sentence: str, entries: list[str]) -> list[str]:
    """A sentence with page numbers and headings in front of it split off; headings first."""
    out: list[str] = []
    while sentence:
        capitals = _CAPITALS_HEADING.match(sentence)
        if capitals:  # "ALLMÄNT Nacka kommuns internationella arbete skall …"
            out.append(capitals.group(1))
            sentence = sentence[capitals.end() :]
            continue
        page = _PAGE_NUMBER.match(sentence)
        if page and len(sentence.split()) > 2:
            sentence = sentence[page.end() :]
            continue
        heading = _heading_prefix(sentence, entries)
        named = _NAME_REPEATED.match(sentence)
        if heading is None and named and not FINITE.search(named.group(1)):
            heading = named.group(1)  # "EU i Testby Testby kommun har …": the name twice
        if heading is None:
            break
        out.append(heading.strip())
        sentence = sentence[len(heading) :].strip()
    inner = re.split(r"\s+\d{1,3}\s+(?=\d{1,2}(?:\.\d{1,2})*\.?\s+[A-ZÅÄÖ])", sentence, maxsplit=1)
    if len(inner) == 2:  # "… arbete 3 1. Inledning …": a page number, then a heading
        return [*out, inner[0], *_headed(inner[1], entries)]
    return out + ([sentence] if sentence else [])


def _heading_prefix(sentence: str, entries: list[str]) -> str | None:
    """The heading at the start of ``sentence`` (with its number), if one stands there."""
    number = _NUMBER.match(sentence)
    offset = number.end() if number else 0
    rest = sentence[offset:]
    for entry in sorted(entries, key=len, reverse=True):
        if len(entry) < 3 or not rest.startswith(entry + " "):
            continue
        after = rest[len(entry) + 1 :]
        # A title of several words may be followed by a sentence that lost its capital.
        if _opens(after) or (len(entry.split()) >= 3 and len(after.split()) >= 3):
            return sentence[: offset + len(entry) + 1]
    if not number and not _SECTION.match(rest):
        return None
    words = rest.split(" ")
    for size in range(1, min(9, len(words) - 2)):
        title, after = words[:size], " ".join(words[size:])
        if size > 1 and (
            words[size - 1][:1].isupper() and words[size - 2].lower() not in BEFORE_A_NAME
        ):
            return None
        if FINITE.search(" ".join(title)):
            return None
        capital = after[:1].isupper() and after.split(" ", 1)[0].lower() not in BEFORE_A_NAME
        if capital and _opens(after):
            return sentence[: offset + len(" ".join(title)) + 1]
    return None


def _opens(after: str) -> bool:
    """Whether ``after`` reads as the start of a sentence or another heading."""
    words = after.split()
    return bool(words) and words[0][:1].isupper() and len(words) >= 2
