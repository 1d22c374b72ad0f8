"""A flattened text's title: the heading a converter ran into the first sentence.

Web pages and PDFs given as one line open with their title, a site's menu, a picture's name
or a dateline, then the first sentence, with no line break between them. These functions
find where the title ends; ``flattened`` splits the rest into headings, paragraphs and lists.
"""

from __future__ import annotations

import re

from utblick.intake.lexicon import (
    ABOUT_THE_WORK,
    BEFORE_A_NAME,
    FINITE,
    KIND_WORDS,
    NAME_WORDS,
    OPENERS,
    opens_sentence,
)

#: A web page's picture: its file name ("xindonesien_II 707.JPG") and photo credit
#: ("Fotograf: Marie Zetterlund"), run into the text around it.
_IMAGE = re.compile(r"(?:\S*_\S*\s+)?[\w-]+\.(?:jpe?g|png|gif|webp|svg)\b", re.I)


def title_over_image(text: str) -> tuple[str, str]:
    """A page's heading over its first picture, and the text without the pictures' names."""
    first = _IMAGE.search(text)
    head = text[: first.start()].strip() if first else ""
    titled = (
        1 <= len(head.split()) <= 12
        and not FINITE.search(head)
        and not re.search(r"[.:;!?\d]", head)
    )
    rest = text[first.end() :] if first and titled else text
    return (head if titled else ""), _IMAGE.sub(" ", rest)


def leading_title(text: str, longest: int = 12) -> tuple[str, str]:
    """A title run into the first sentence: "Åmåls kommun i omvärlden Åmåls kommun har …"."""
    # "Om Central Sweden Central Sweden är …", "Om oss Vi arbetar …": a page about its body
    about = _ABOUT_PAGE.match(text)
    if about:
        return about.group(1).strip(), text[about.end(1) :].strip()
    words = text.split(" ")
    folded = [word.casefold().rstrip(".:") for word in words]
    for size in range(2, 9):
        # "Samarbete med vänregioner Samarbete med vänregioner …": the page repeats its heading.
        if folded[:size] == folded[size : 2 * size] and not FINITE.search(" ".join(words[:size])):
            # ("Euroregion Baltic Euroregion Baltic (ERB) är …": the second names the subject
            # of the first sentence)
            after = words[2 * size : 2 * size + 1]
            if after and (after[0][:1].islower() or after[0].startswith("(")):
                return " ".join(words[:size]).rstrip(".:"), " ".join(words[size:])
            return " ".join(words[: 2 * size]).rstrip(".:"), " ".join(words[2 * size :])
    # "Kvarkenrådets första strategi som en Europeisk Gruppering … Kvarkenrådet EGTS medlemmar
    # har godkänt …": the text under the title opens with the name the title opens with
    named = _reopened(words, longest)
    if named:
        return named
    # A one-word title names the work or the document ("EU-samarbete Värmdö kommun har …",
    # "Internationalisering Ett strategiskt …"), or the text opens with its body's name
    # ("Intressebevakning Region Västerbotten arbetar …").
    one_word = (
        ABOUT_THE_WORK.search(words[0])
        or _INTERNATIONALISATION.match(words[0])
        or any(p.match(words[0]) for p, _ in KIND_WORDS)
        or words[1:2] == ["Region"]
        or words[1:2] == ["Regionen"]
        or [w.casefold() for w in words[2:3]] in (["kommun"], ["kommuns"], ["stad"], ["stads"])
    )
    first = ""  # the first heading-like run, in case what follows it is the page's menu
    # "HH-samarbetet För att utveckla …": a one-word heading before a sentence's opening word
    one_word = one_word or (len(words) > 1 and words[1] in OPENERS)
    for index in range(1 if one_word else 2, min(len(words) - 3, longest + 1)):
        word, previous = words[index], words[index - 1]
        if (
            not word[:1].isupper()
            or previous.lower() in BEFORE_A_NAME
            or not previous[:1].isalpha()
        ):
            continue
        if (word.isupper() and previous.isupper()) or previous in _BODY_NAMES:
            continue  # "INTERNATIONELL POLICY": one title in capitals; "Region Västerbotten"
        title, rest = " ".join(words[:index]), " ".join(words[index:])
        # "Så arbetar vi internationellt": a heading that asks or tells how has its verb.
        told = words[0] in ("Så", "Hur", "Varför") and not re.search(r"[.:;!\d]", title)
        if (FINITE.search(title) and not told) or re.search(r"[.:;!?\d]", title):
            return _over_menu(first, text) if first else _news_headline(words, longest)
        first = first or title
        # The sentence after the title has its verb: "Internationellt arbete Vikten av … är stor."
        # A sentence that opens with a word no title ends on ("… arbete För att fortsätta
        # utvecklas … bedriver Kristianstads kommun …") may have it later.
        sentence = re.split(r"(?<=[.!?:])\s", rest, maxsplit=1)[0]
        reach = 40 if word in OPENERS else 15
        if FINITE.search(" ".join(sentence.split(" ")[:reach])):
            headline = _headline(words, longest)
            between = headline[0][len(title) + 1 :]
            # "Öka internationaliseringen Strategiområdet Öka internationaliseringen innebär …":
            # a definite noun before the name repeated opens the sentence, not the title's end
            apposition = re.fullmatch(
                r"[A-ZÅÄÖ][a-zåäö]+(?:et|en|na)", between
            ) and rest.startswith(f"{between} {title} ")
            if apposition:
                return title, rest
            if headline[0].startswith(f"{title} "):
                return headline  # the headline's verb is not the end of its title
            return _named_on(title, rest)
    return _over_menu(first, text) if first else _news_headline(words, longest)


def _reopened(words: list[str], longest: int) -> tuple[str, str] | None:
    """A title and the text under it, which opens again with the name the title's first word is
    the genitive of; None when the name does not come back."""
    name = words[0]
    # (a name in the genitive, said again as the subject: not "Policy Policy för …", nor a menu
    # "Vänorter Vänortssamarbete … Vänorter Testby har …")
    if not name[:1].isupper() or not name.endswith("s") or name in OPENERS or len(name) < 5:
        return None
    names = {name[:-1]}
    for size in range(3, min(len(words) - 2, longest + 1)):
        title = " ".join(words[:size])
        if re.search(r"[.:;!?\d]", title) or FINITE.search(title) or words[size - 1] in OPENERS:
            return None  # (a sentence has begun: "EU-projekt och internationellt De flesta …")
        ends = words[size - 1].lower()
        # ("Stärk utbytet Fokusområdet Stärk utbytet innebär …": the whole title said again is
        # an apposition, for ``_headline``)
        again = words[size + 1 : size + 2] == words[1:2]
        if words[size] in names and ends not in BEFORE_A_NAME and ends not in _JOINS and not again:
            return title, " ".join(words[size:])
    return None


_ABOUT_PAGE = re.compile(r"^(Om\s+(?:oss\s+(?=[A-ZÅÄÖ])|((?:[A-ZÅÄÖ][\w-]*\s+){1,4}?)(?=\2)))")


#: Words that join a clause to the one before it: a capital after them starts no sentence.
_JOINS = {"att", "där", "men", "som", "när", "och", "eller", "eftersom", "om", "då", "så", "medan"}


_NOUN_ENDING = re.compile(r"(?:ets|ens|et|en|s)$")


def _named_on(title: str, rest: str) -> tuple[str, str]:
    """ "EU-kontor Skåne Nordost EU-kontorets uppgift är …": the name after a title's first
    word belongs to the title when the sentence after it opens with that word again."""
    first = title.split(" ", 1)[0].casefold()
    words = rest.split(" ")
    if re.fullmatch(r"\S+\s+(?:kommun|stad|region)|(?:region|landstinget)\s+\S+", title, re.I):
        return title, rest  # "Eskilstuna kommun Internationellt …": the site's name
    for size in range(1, min(len(words) - 1, NAME_WORDS + 1)):
        name = words[:size]
        if (
            not all(w[:1].isupper() or w in BEFORE_A_NAME for w in name)
            or name[-1] in BEFORE_A_NAME
        ):
            break
        after = words[size].casefold()
        stem = _NOUN_ENDING.sub("", after)  # "Kvarkenrådets" … "Kvarkenrådet"
        opens = words[size][:1].isupper()  # the sentence after opens with it
        if len(stem) >= 5 and stem == _NOUN_ENDING.sub("", first) and opens:
            return f"{title} {' '.join(name)}", " ".join(words[size:])
    return title, rest


_INTERNATIONALISATION = re.compile(r"internationali[sz]\w*$", re.I)


_BODY_NAMES = {"Region", "Regionen", "Kommunen", "Landstinget", "Staden"}


def _headline(words: list[str], longest: int) -> tuple[str, str]:
    """ "Internationell samverkan stärker Blekinge Internationell samverkan är …": a headline
    whose first two words open the text under it."""
    folded = [word.casefold() for word in words]
    if folded[1:2] in (["kommun"], ["region"], ["stad"]):
        return "", " ".join(words)  # "Eskilstuna kommun …": the site's name, then the text's
    for size in range(3, min(len(words) - 2, longest + 1)):
        title = " ".join(words[:size])
        opens = words[size][:1].isupper()  # the repeat opens the text under the headline
        if opens and folded[size : size + 2] == folded[:2] and not re.search(r"[.:;!?\d]", title):
            return title, " ".join(words[size:])
    return "", " ".join(words)


def _news_headline(words: list[str], longest: int) -> tuple[str, str]:
    """ "Sollefteå kommun kan säga upp vänortssamarbeten Kommunstyrelsen har beslutat …": a news
    item's headline with its verb, then the first sentence, its subject right before its verb."""
    for size in range(3, min(len(words) - 2, longest + 1)):
        title = " ".join(words[:size])
        if re.search(r"[.:;!?\d]", title):
            break  # (a dateline is no headline)
        if (
            FINITE.search(title)
            and words[0] not in OPENERS
            and words[size - 1].lower() not in _JOINS  # "… en liten kommun men Europa finns …"
            and opens_sentence(words[size], words[size - 1])
            and FINITE.fullmatch(words[size + 1])
        ):
            return title, " ".join(words[size:])
    return _headline(words, longest)


def _over_menu(title: str, text: str) -> tuple[str, str]:
    """A heading about the work over its section's menu, a run of links without a verb:
    "Internationellt samarbete Ystad och EU - strategi … Leader. EU påverkar …"."""
    rest = text[len(title) :].strip()
    menu = re.split(r"(?<=[.!?])\s", rest, maxsplit=1)[0]
    if title and ABOUT_THE_WORK.search(title) and menu != rest and not FINITE.search(menu):
        return title, rest
    return "", text


def titled_after_header(blocks: list[str]) -> list[str]:
    """A document title run into the first sentence after the header's labels:
    "Dnr: KS 2011/12 …" then "Varberg i omvärlden – Internationell policy för … Ökad …"."""
    for index, block in enumerate(blocks[:4]):
        if ":" in block[:40]:
            continue  # the header's labels and values
        title, rest = leading_title(block, longest=16)
        if title and any(pattern.search(title) for pattern, _kind in KIND_WORDS):
            return [*blocks[:index], title, rest, *blocks[index + 1 :]]
        break
    return blocks
