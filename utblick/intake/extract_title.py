"""The document's title and kind: from its header, whatever a sharing site or a web page put around it."""

from __future__ import annotations

import re
from itertools import pairwise

from django.utils.translation import gettext as _

from utblick.intake.header import ADOPTION, BARE_LABEL, LABEL, Field, by_label, fact
from utblick.intake.lexicon import ABOUT_THE_WORK, BEFORE_A_NAME, KIND_WORDS
from utblick.intake.proposals import Proposal
from utblick.intake.structure import Block, Document


def _truecase(text: str, document: Document) -> str:
    """An all-capitals title in the case the body writes its words: "Internationellt program för Umeå kommun"."""
    words = text.split()
    out = []
    body = " ".join(b.text for b in document.body)
    for index, word in enumerate(words):
        lower = word.lower()
        capitalised = lower[:1].upper() + lower[1:]
        upper_uses = len(re.findall(rf"(?<![.!?]\s)(?<!^)\b{re.escape(capitalised)}\b", body))
        lower_uses = len(re.findall(rf"\b{re.escape(lower)}\b", body))
        out.append(capitalised if index == 0 or upper_uses > lower_uses else lower)
    return " ".join(out)


def _kind_of(text: str) -> str | None:
    """The kind whose word stands first in ``text``: "Policy och riktlinjer …" is a policy."""
    found = [(m.start(), kind) for pattern, kind in KIND_WORDS if (m := pattern.search(text))]
    return min(found)[1] if found else None


#: A body's name after the years a title covers: "… 2025–2028 Region Testland".
_OWNER_AFTER_YEARS = re.compile(
    r"(?<=\d)\s+(?:(?:Region|Landstinget|Regionförbundet|Kommunförbundet)\s+[A-ZÅÄÖ][\w-]+"
    r"|[A-ZÅÄÖ][\w-]+\s+(?:kommun|stad))$"
)


def short_place(municipality: str) -> str:
    """ "Mariestads kommun" → "Mariestad"; "Region Halland" → "Halland"."""
    name = re.sub(r"\s+(?:kommun|stad)$|^region\s+", "", municipality.strip(), flags=re.I)
    return name[:-1] if name.endswith("s") and len(name) > 4 and " " not in name else name


def _one_language(title: str) -> str:
    """ "INTERNATIONELL POLICY INTERNATIONAL POLICY" → "INTERNATIONELL POLICY": the title once.

    After the kind word the title goes on only with a preposition ("POLICY FÖR …").
    """
    words = title.split()
    for index, word in enumerate(words):
        if _kind_of(word) and index + 1 < len(words):
            if words[index + 1].lower() not in ("för", "om", "i", "och", "mot", "inom"):
                return " ".join(words[: index + 1])
            return title
    return title


def _capitals_run(text: str) -> str:
    """The words in capitals that name a document kind, when a longer line holds them.

    "KOMMUNAL FÖRFATTNINGSSAMLING 2 POLICY FÖR INTERNATIONELLT ARBETE Kf 6" →
    "POLICY FÖR INTERNATIONELLT ARBETE".
    """
    if text.isupper():
        return text
    runs = list(re.finditer(r"(?:\b[A-ZÅÄÖ][A-ZÅÄÖ-]*\b(?:\s+|$)){2,}", text))
    for run in runs:
        words = run.group(0).strip()
        if _kind_of(words) and len(words.split()) >= 2:
            return words
    # "RUTINER FÖR VÄNORTSARBETET I HÖGANÄS KOMMUN advertisement": the capitals are the title.
    if runs and runs[0].start() == 0 and len(runs[0].group(0).split()) >= 3:
        return runs[0].group(0).strip()
    return text


def _title_fragments(front: list[Block]) -> tuple[str, int, int] | None:
    """A title a sharing site broke at full stops: "Riktlinjer." "Internationellt arbete." …"""
    run = []
    for block in front:
        if (
            block.text.endswith(".")
            and len(block.text.split()) <= 4
            and not LABEL.match(block.text)
        ):
            run.append(block)
        elif run:
            break
    if len(run) < 2:
        return None
    return " ".join(b.text.rstrip(".") for b in run), run[0].start, run[-1].end


def _without_subtitle(text: str) -> str:
    """A long first line cut where its subtitle starts: "Översyn av landstingets internationella
    arbete Genomlysning och bedömning av …" → "Översyn av landstingets internationella arbete"."""
    words = text.split()
    if len(words) <= 12:
        return text
    for index in range(3, len(words)):
        word, previous = words[index], words[index - 1]
        if (
            word[:1].isupper()
            and word[1:2].islower()
            and previous[-1:].islower()
            and previous.lower() not in BEFORE_A_NAME
        ):
            return " ".join(words[:index])
    return text


def _title_like(text: str) -> bool:
    words = text.split()
    return (
        1 <= len(words) <= 12
        and bool(re.search(r"[^\W\d_]{2}", text))  # not a date alone: "09/2017"
        and not text.endswith((".", ":"))
        and not LABEL.match(text)
        and not _GREETING.match(text)
    )


#: "Betydelsen av …", "Syftet med …", "Varför internationellt arbete?": a section's heading.
_SECTION_TITLE = re.compile(r"^[A-ZÅÄÖ][a-zåäö]+(?:en|et)\s+(?:av|med)\s|.*\?$")
_FULL_DATE = re.compile(r"\b\d{1,2}[./]\d{1,2}[./](?:19|20)\d{2}\b|\b(?:19|20)\d{2}-\d{2}-\d{2}\b")
#: A full sentence with its verb, not a title: "Regionens internationella policy antogs 2007."
_SENTENCE = re.compile(
    r"\b(?:är|har|ska|skall|antogs|antas|fastställdes|beslutades|gäller|var|antog|fastställde"
    r"|beslutade|godkände)\b[^.]*\.$",
    re.I,
)
#: A web page's navigation, cookie notice, dateline, byline or breadcrumbs, not its title:
#: "Hoppa till innehåll Meny Sök", "Publicerad 12 maj 2016 av …", "Start › Kommun och politik".
_PAGE_CHROME = re.compile(
    r"\b(?:hoppa\s+till|till\s+startsidan|meny|logga\s+in|kakor|cookies|publicerad|uppdaterad"
    r"|foto:|bild:|text:)|[›»|]",
    re.I,
)
#: "Välkommen till en sida om kommunens EU-arbete": a page's greeting, not its title.
_GREETING = re.compile(r"^(?:Välkommen|Här\s+(?:kan|finns|hittar))\b", re.I)


_SITE_SECTION = re.compile(r"\s[-–|]\s*(?:Aktuellt|Nyheter|Startsida|Start|Hem)$", re.I)
_TRAILING_CASE = re.compile(
    r"\s+(?:Dnr:?\s*)?(?:KS|Ks|KF|Kf|KSN|RS|Rs|LS|Ls)[ /-]?\d{2,4}[/:]\d[\d/:-]*$"
)
_ISSUING_UNIT = re.compile(
    r"^[A-ZÅÄÖ][a-zåäö]+(?:kansliet|förvaltningen|kontoret|avdelningen|enheten|staben)\s+(?=[A-ZÅÄÖ])"
)


#: Minutes: "Sammanträdesprotokoll", "Sammanträdes- protokoll", "Protokollsutdrag".
MINUTES = re.compile(r"\bprotokoll\w*\b|\bsammanträdes-?\s*protokoll\b", re.I)
#: A paragraph of the minutes: "§ 4/2014 Dnr 2013/0743".
MINUTES_PARAGRAPH = re.compile(r"^§\s*(\d{1,4})(?:\s*/\s*((?:19|20)\d{2}))?\b")


def minutes_paragraph(document: Document) -> tuple[Block, re.Match[str]] | None:
    """In minutes ("Sammanträdesprotokoll"), the line of the item's paragraph: "§ 4/2014 Dnr …"."""
    if not any(MINUTES.search(b.text) for b in document.blocks[:4]):
        return None
    for block in document.blocks[:20]:
        match = MINUTES_PARAGRAPH.match(block.text)
        if match:
            return block, match
    return None


def _minutes_item(document: Document) -> Block | None:
    """In minutes, the heading of the item after its paragraph line: "§ 4/2014 Dnr …",
    "Diariekod: 011", then "Ny inriktning för internationella kontakter"."""
    found = minutes_paragraph(document)
    if found is not None:
        index = found[0].index
        for after in document.blocks[index + 1 : index + 4]:
            if LABEL.match(after.text) or re.match(r"^[A-ZÅÄÖ][\w-]*\s*:\s*\S{1,20}$", after.text):
                continue  # "Diariekod: 011"
            if _title_like(after.text) and ABOUT_THE_WORK.search(after.text):
                return after
            break
    return None


def _title_part(text: str, start: int) -> tuple[str, int, int]:
    """A title line without a page number before it and the labels or references after it."""
    page = re.match(
        # … or the paragraph of the minutes it stands in: "§ 13 Interregional strategi", "BUN § 46
        # Policy för …" (the board's initials first)
        r"^(?:\d{1,3}|\d{1,2}(?:\.\d{1,2})*\.|Dnr:?\s*[\w/.-]*\d[\w/.-]*|(?:[A-ZÅÄÖ]{2,6}\s+)?§\s*\d{1,4})"
        r"\s+(?=[A-ZÅÄÖ])",
        text,
    )
    if page:
        text, start = text[page.end() :], start + page.end()
    # "Ledningskansliet Riktlinjer för …": the office that issued it, before the title
    unit = _ISSUING_UNIT.match(text)
    if unit and _kind_of(text[unit.end() :]):
        text, start = text[unit.end() :], start + unit.end()
    cut = len(text)
    kinds = [m.end() for pattern, _kind in KIND_WORDS if (m := pattern.search(text))]
    after_kind = min(kinds) if kinds else 0
    # "… policy – Dnr 2019/12" ends the title, "… policy – nämnder och bolag" goes on with it.
    # … but "Internationellt arbete - Vänorter", with no kind word, goes on after its dash.
    dash = r"\s[-–]\s(?![a-zåäö])" if kinds else r"\s[-–]\s(?=Dnr|\d)"
    for pattern in (LABEL, ADOPTION, re.compile(r"\s\(|" + dash)):
        match = pattern.search(text, after_kind if pattern is not LABEL else 0)
        if match and match.group(0).lower().startswith("har"):
            continue  # "Mora kommun har beslutat om nya former för …": a headline, said whole
        if match and match.start() >= 10:
            cut = min(cut, match.start())
    text = _TRAILING_CASE.sub("", text[:cut])  # "… arbete 2013 Ks/2014:159": its case number
    text = _once(text.rstrip(" ,;:"))
    end = start + len(text)
    # "Internationell strategi. för Gävle kommun": a stray full stop inside a title.
    text = re.sub(r"\.\s+(?=[a-zåäö])", " ", text).rstrip(".")
    return text, start, end


def _leading_headings(document: Document) -> list[Block]:
    """The first heading, after a web page's or a cover's own lines; on a web page that opens
    with captions and link lines, every heading up to the first one with text under it."""
    found: list[Block] = []
    for block in document.blocks[len(document.front) : len(document.front) + 12]:
        if block.kind == "heading":
            found.append(block)
            if document.in_section(block.heading, nested=False) if block.heading else False:
                break
        elif found or block.index >= len(document.front) + 2 or _is_text(block.text):
            break  # a heading after the page's first text is one of its sections
    return found


def _is_text(paragraph: str) -> bool:
    """Two sentences or more: a page's text, not a caption or a link line."""
    if _CAPTION.match(paragraph):
        return False  # "Bilden föreställer fem flaggstänger …": the words under a picture
    return len(paragraph.split()) >= 15 and len(re.findall(r"[.!?]\s+[A-ZÅÄÖ]", paragraph)) >= 1


_CAPTION = re.compile(r"^(?:Bilden|Bild|Fotot|Foto|Fotografiet)\b(?:\s+(?:föreställer|visar)\b|:)")


def _once(text: str) -> str:
    """ "Internationell strategi internationell strategi 1" → "Internationell strategi": a
    sharing site's title with the document's own repeated after it, and a page number."""
    text = re.sub(r"\s+\d{1,2}$", "", text)
    words = text.split()
    half = len(words) // 2
    if (
        half >= 1
        and len(words) % 2 == 0
        and " ".join(words[:half]).lower() == " ".join(words[half:]).lower()
    ):
        text = " ".join(words[:half])
    return text[:1].upper() + text[1:]


def title_and_kind(
    document: Document, fields: list[Field], municipality: str = ""
) -> list[Proposal]:
    """The title and the kind its word names; a heading about the work when no kind is named."""
    labelled = {id(f.block) for f in fields if f.block.text.lower().startswith(f.label)}
    candidates: list[tuple[str, int, int]] = []
    front = [b for b in document.front if id(b) not in labelled and not BARE_LABEL.match(b.text)]
    # The title may stand as the first heading, after a web page's or a cover's own lines.
    front += _leading_headings(document)
    fragments = _title_fragments(front)
    if fragments is not None:
        candidates.append(fragments)
    run: list[Block] = []
    for block in [*front, None]:
        if block is not None and block.text.isupper() and len(block.text.split()) <= 6:
            run.append(block)
            continue
        if run:
            # A title in capitals over several lines, from the line that names the kind.
            first = next((i for i, b in enumerate(run) if _kind_of(b.text)), 0)
            run = run[first:]
            candidates.append((" ".join(b.text for b in run), run[0].start, run[-1].end))
            run = []
        if block is not None:
            candidates.append((block.text, block.start, block.end))
    found: list[Proposal] = []
    place = short_place(municipality)
    for text, start, end in candidates:
        if _SENTENCE.search(text):
            continue  # "Regionens internationella policy antogs 2007.": a sentence about it
        text, start, end = _title_part(_capitals_run(text), start + text.find(_capitals_run(text)))
        owner = _OWNER_AFTER_YEARS.search(text)
        if owner:
            # "Strategi … 2025–2028 Region Testland": the header names its owner after the title
            text = text[: owner.start()]
            end = start + len(text)
        if place and text.endswith(f" {place}"):
            # "Riktlinjer Internationellt arbete Mariestad": the site's name for the file.
            text = text[: -len(place) - 1]
            end = start + len(text)
        if text.isupper():
            text = _one_language(text)
            end = start + len(text)
        kind = _kind_of(text)
        compound = len(text.split()) == 1 and len(text) >= 10  # "Vänortspolicy", "EU-strategi"
        if kind and (len(text.split()) >= 2 or compound) and len(text) <= 200:
            title = _truecase(text, document) if text.isupper() else text
            reason = _("Rubriken i dokumentets huvud.")
            found.append(fact("title", title, start, end, "Dokumenthuvud", 0.9, reason))
            found.append(
                fact(
                    "kind",
                    kind,
                    start,
                    end,
                    "Dokumenthuvud",
                    0.85,
                    _("Dokumenttypen står i titeln."),
                )
            )
            return found
    minutes = _minutes_item(document)
    if minutes is not None:
        reason = _("Rubriken på ärendet i protokollet, efter dess paragraf.")
        return [
            fact("title", minutes.text, minutes.start, minutes.end, minutes.source, 0.6, reason)
        ]
    # Without a kind word: a heading the page says twice (its trail, then its heading) is the
    # page's title; otherwise the first heading about the work, after a web page's own links.
    doubled = [
        c
        for c, after in pairwise(candidates)
        if c[0] == after[0] and ABOUT_THE_WORK.search(c[0]) and _title_like(c[0])
    ]
    # "Vänortsutbyte" over "Bidrag för vänortsutbyte inom kultur": a heading that names the
    # one above it again is a section of the page that one heads.
    narrowed = [
        c
        for c, after in pairwise(candidates)
        if len(c[0]) < len(after[0])
        and re.search(rf"(?<!\w){re.escape(c[0].casefold())}(?!\w)", after[0].casefold())
        and ABOUT_THE_WORK.search(c[0])
        and _title_like(c[0])
    ]
    # … the first heading about the work: "EU och Brysselkontoret" over its first section
    # "Ett brett internationellt engagemang"; not a site's section ("EU-arbete - Aktuellt")
    # "Strategisk plan för internationell samverkan, beslut 2015-10" (a sharing site's name
    # for the file) over "Strategisk plan för internationell samverkan 2015 2018": the
    # document's own line, which says it again in its own words
    restated = [
        after
        for c, after in pairwise(candidates)
        if c[0] != after[0] and c[0].split()[:4] == after[0].split()[:4] and len(c[0].split()) >= 4
    ]
    for text, start, end in [*doubled, *narrowed, *restated, *candidates]:
        if text.endswith("."):
            continue  # "Regionen samarbetar med tre vänregioner.": a sentence, not a heading
        if _CAPTION.match(text):
            continue  # "Bilden visar en EU-flagga": the words under a picture
        if _SITE_SECTION.search(text):
            continue
        text, start, end = _title_part(_capitals_run(text), start + text.find(_capitals_run(text)))
        text = _without_subtitle(text)
        end = start + len(text)
        if _SECTION_TITLE.match(text) and start > candidates[0][1]:
            continue  # "Betydelsen av internationellt arbete": a section under the page's title
        if ABOUT_THE_WORK.search(text) and _title_like(text):
            title = _truecase(text, document) if text.isupper() else text
            return [
                fact(
                    "title",
                    title,
                    start,
                    end,
                    "Dokumenthuvud",
                    0.6,
                    _(
                        "Rubriken i dokumentets huvud; den säger inte vilken sorts styrdokument det är."
                    ),
                )
            ]
    # A title the cover put last ("… Syfte / Falköpings kommuns internationella policy").
    for block in document.blocks:
        text = block.text
        if (
            block.kind in ("heading", "paragraph")
            and _title_like(text)
            and len(text.split()) <= 10
            and _kind_of(text)
            and ABOUT_THE_WORK.search(text)
            and not re.search(r"[.;!?]", text)
        ):
            late = _(
                "En rad längre ned i dokumentet som namnger det; kontrollera att det är titeln."
            )
            return [
                fact("title", text, block.start, block.end, block.source, 0.5, late),
                fact("kind", _kind_of(text), block.start, block.end, block.source, 0.5, late),
            ]
    labelled_title = by_label(fields, "dokumentnamn", "dokumenttitel", "titel")
    first = document.blocks[0] if document.blocks else None
    if not labelled_title and first is not None and first.kind in ("front", "heading"):
        text, start, end = _title_part(first.text, first.start)
        own_name = place and re.fullmatch(
            rf"{re.escape(place)}s?(?:\s+(?:kommun|stad))?", text, re.I
        )
        # (not a news item's dateline: "2017, Nyheter 25.11.2017 Paula Mikkola")
        dated = _FULL_DATE.search(text)
        chrome = _PAGE_CHROME.search(text)
        if _title_like(text) and len(text.split()) <= 10 and not (own_name or dated or chrome):
            return [
                fact(
                    "title",
                    text,
                    start,
                    end,
                    "Dokumenthuvud",
                    0.4,
                    _("Dokumentets första rad; kontrollera att det är dess titel."),
                )
            ]
    for f in labelled_title:
        kind = _kind_of(f.value)
        found.append(
            fact(
                "title",
                f.value,
                f.start,
                f.end,
                "Dokumenthuvud",
                0.7,
                _("Dokumentnamnet i huvudet."),
            )
        )
        if kind:
            found.append(
                fact(
                    "kind",
                    kind,
                    f.start,
                    f.end,
                    "Dokumenthuvud",
                    0.7,
                    _("Dokumenttypen står i dokumentnamnet."),
                )
            )
        return found
    return found
