"""Cleaning a document's text of layout artefacts, so that its structure can be read.

What the source texts show, and what is done with it:

- tables of contents (dotted leaders or tabs and a page number) are dropped,
  with their "Innehåll" heading;
- running page headers and footers (lines repeating at the top or bottom of
  several pages) and page numbers ("Sida 3 av 5") are dropped;
- words hyphenated at a line end are joined (keeping the hyphen after an
  abbreviation or a number: "EU-arenan"); lines wrapped inside a paragraph
  are joined, also across a page break, but not a heading set right under a
  paragraph;
- bold and italic markers (``**…**``, ``*…*``) are removed;
- bullets of every kind (•, –, ▪, o, …) become ``- ``;
- table cells (tab-separated) become blocks of their own.

The result has one block per line, blocks separated by a blank line. Every
offset an element cites refers to this text, which is what the review screen
shows.
"""

from __future__ import annotations

import re
import statistics
import unicodedata

from utblick.intake.flattened import (
    BULLETS,
    CHROME_PHRASES,
    SITE_PHRASES,
    SITE_WORDS,
    contents_entries,
    is_flattened,
    unflatten,
)
from utblick.intake.lexicon import NAME_WORDS, opens_infinitive
from utblick.intake.structure import is_lead

_INVISIBLE = str.maketrans(
    {
        "\xad": None,  # soft hyphen
        "\u200b": None,
        "\u200c": None,
        "\u200d": None,
        "\ufeff": None,
        "\xa0": " ",
        "\u2007": " ",
        "\u202f": " ",
        "\u2009": " ",
        "\u2010": "-",  # the hyphen a PDF typesetter uses when it breaks a word
        "\u2011": "-",
    }
)
_BULLET = re.compile(
    r"^\s*(?:[-–—•◦▪▫■□●○·∙‣⁃➢➤►*\uf0b7\uf0a7\uf076\uf0d8]|o(?=\s+\S))\s+"
    # "-Skapa nätverk …": a hyphen set right before an item's first word
    r"|^\s*-(?=[A-ZÅÄÖ][a-zåäö])"
)
_TOC_LINE = re.compile(
    r"^\s*(?:\d+(?:\.\d+)*\.?\s+)?\S.{0,150}?(?:\s*\.{3,}\s*|\s*…+\s*|\t+\s*|\s{3,})\d{1,3}\s*$"
)
_TOC_HEADING = re.compile(r"^\s*(innehåll|innehållsförteckning)\s*:?\s*$", re.IGNORECASE)
_PAGE_NUMBER = re.compile(
    r"^\s*(?:(?:sida|sid\.|s\.)\s*)?\d{1,3}(?:\s*(?:av|/|\()\s*\d{1,3}\)?)?\s*$", re.IGNORECASE
)
_SOURCE_LINE = re.compile(
    r"^\s*(?:(?:källa|source|url|hämtad från|hämtat från|adress)\s*:\s*)?(?:https?://|www\.)\S+\s*$",
    re.IGNORECASE,
)
_UPLOADED = re.compile(r"^\s*-\s*för\s+\d+\s+(?:år|månader|månad|dagar|veckor)\s+sedan\s*$", re.I)
_UPLOADER = re.compile(r"^\s*-\s*[A-ZÅÄÖ][\w.-]+(?:\s+[A-ZÅÄÖ][\w.-]+){0,3}\s*$")
#: A line that is only the sharing site's or the web page's own: the shared phrases, and
#: what is safe to drop only as a whole line ("Sök", "Meny", "- för 8 år sedan").
_SITE_LINE = re.compile(
    r"^\s*(?:"
    + "|".join(SITE_PHRASES + CHROME_PHRASES)
    + r"|\||-\s*Visningar:?.*|WORD\s+PNG\s+TXT\s+JPG|Dela\s*"
    r"|dela sidan.{0,80}|kontakta [^.]{0,40}|(?:denna\s+)?sida(?:n)? (?:senast )?uppdater\w*.{0,40}"
    # share buttons, a form's messages and the cookie banner
    r"|(?:dela\s+(?:på|till\s+\w+|med\s+e-post)\s*)+|ett fel inträffade|de markerade fälten måste fyllas i"
    r"|.{0,200}\bcookies\b.{0,200}"
    r"|-\s*för\s+\d+\s+(?:år|månader|månad|dagar|veckor)\s+sedan)\s*$",
    re.I,
)
_NUMBERED_HEADING = re.compile(r"^\d{1,2}(?:\.\d{1,2})*\.?\s+[A-ZÅÄÖ]")
_TRAILING_PAGE = re.compile(r"(?<=[.)!?])\s+\d{1,3}\s*$")
_LONE_BULLET = re.compile(rf"^\s*[{BULLETS}]\s*$")
_SECTION_NUMBER = re.compile(r"^(?:\d+(?:\.\d+)*\.?|[ivxlc]+\)|[a-z]\))$", re.IGNORECASE)
_LABEL = re.compile(r"^[A-ZÅÄÖ][\w/ -]{1,30}:(?:\s|$)")
_HEADING_LIKE = re.compile(r"^(?:\d+(?:\.\d+)*\.?\s+|[ivxlc]+\)\s+)?[A-ZÅÄÖ0-9]")
_TERMINAL = (".", "!", "?", ":", ";")
#: Words a sentence does not end with: a block ending with one continues on the next page.
_OPEN_ENDINGS = {
    "och",
    "eller",
    "samt",
    "att",
    "i",
    "på",
    "av",
    "för",
    "till",
    "med",
    "om",
    "som",
    "den",
    "det",
    "de",
    "en",
    "ett",
    "inom",
    "från",
    "under",
    "genom",
    "mellan",
    "hos",
    "vid",
    "där",
}
#: "Samarbetsavtal för Sydsveriges Europakontor –" over "Blekinge - Småland": a dash between
#: words, the line broken after it (not a label's: "Pressmeddelande -").
_OPEN_DASH = re.compile(r"\S\s+\S+\s+[–-]$")
#: Words after which a line-end hyphen is a real one ("omvärlds- och intressebevakning").
_KEEP_HYPHEN_BEFORE = {"och", "eller", "samt", "till", "respektive", "som"}


def normalise(raw: str) -> str:
    """The cleaned text: one block per line, blocks separated by blank lines."""
    text = unicodedata.normalize("NFC", raw).translate(_INVISIBLE)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    pages = text.split("\f")
    if len(pages) > 1:
        pages = _without_running_lines(pages)
    entries = contents_entries(text)
    lines = _unflattened(_without_source_lines("\n".join(pages).split("\n")), entries)
    lines = _without_toc(lines)
    lines = _cells_apart(lines)
    lines = [item for line in lines for item in _bullets_apart(line)]
    lines = [_clean_line(line) for line in lines]
    lines = [line for line in lines if line is not None]
    blocks = _join_wrapped(lines)
    blocks = _join_broken(blocks)
    blocks = [part for block in blocks for part in _unflattened_block(block, entries)]
    return "\n\n".join(_numbered_items(_infinitive_items(blocks)))


#: A list that lost its bullets: lines of "Att …" under a lead that ends with a colon.
_LOST_BULLET = re.compile(r"^[Aa]tt\s+[a-zåäö]")
_LONGEST_ITEM = 40  # words
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-ZÅÄÖ])")


def _infinitive_items(blocks: list[str]) -> list[str]:
    """ "Syftet med vänortsavtalet är:" then "Att främja …" lines: the lines are its items."""
    out: list[str] = []
    listing = False
    for block in blocks:
        # "Att skapa … vänortsutbyte. För att utveckla …": the item is the first sentence.
        item, *rest = _SENTENCE_END.split(block, maxsplit=1)
        if listing and _LOST_BULLET.match(item) and len(item.split()) <= _LONGEST_ITEM:
            out += [f"- {item}", *rest]
            listing = not rest
            continue
        listing = is_lead(block)
        out.append(block)
    return out


#: "1. Strategiskt påverkansarbete på EU-nivå": a numbered line, a heading or a list's item.
_NUMBER_ITEM = re.compile(r"^(\d{1,2})[.)]\s+(\S.*)$")


#: A short line with no full stop: a name, in a list that lost its bullets or as a heading.
_SHORT_LINE = re.compile(r"^[A-ZÅÄÖ][^.:;!?]*[^\W\d_]$")


def _numbered_items(blocks: list[str]) -> list[str]:
    """ "… utveckla följande områden:" then "1. …", "2. …" with nothing between: the numbered
    lines are the lead's items, not headings (a heading has its own text under it). So are
    short unnumbered lines right under a lead ("… fem prioriterade områden:" over
    "Tillgänglighet", "Grön omställning", …): see ``_short_lines``."""
    out: list[str] = []
    index = 0
    while index < len(blocks):
        out.append(blocks[index])
        run: list[str] = []
        if is_lead(blocks[index]):
            for block in blocks[index + 1 :]:
                match = _NUMBER_ITEM.match(block)
                if not match or int(match.group(1)) != len(run) + 1:
                    break
                run.append(match.group(2))
            if not run:
                run = _short_lines(blocks[index + 1 :])
        # "… arbetar med att:" over "Svara på frågor om EU" and "- Informera om …": the first
        # item lost its bullet, both open with a verb ("Kommunövergripande" over "- Utbyte …"
        # heads its own list)
        then = blocks[index + 1 + len(run)] if index + 1 + len(run) < len(blocks) else ""
        verbs = run and opens_infinitive(run[0]) and opens_infinitive(then[2:])
        if len(run) >= 2 or (verbs and then.startswith("- ")):
            out += [f"- {item}" for item in run]
            index += len(run)
        index += 1
    return out


def _short_lines(blocks: list[str]) -> list[str]:
    """The short lines that open ``blocks``, when they are a list: three or more, or any
    number before a list or the end. One or two before a paragraph head that paragraph."""
    run = []
    for block in blocks:
        if not _SHORT_LINE.match(block) or len(block.split()) > NAME_WORDS:
            break
        run.append(block)
    following = blocks[len(run)] if len(run) < len(blocks) else ""
    return run if following[:1] in ("", "-", "–") or len(run) >= 3 else []


def _without_source_lines(lines: list[str]) -> list[str]:
    """Drop where the text was fetched from and what the sharing site adds around it.

    "Källa: https://…", a bare address, and a document-sharing page's own lines
    ("Save this PDF as", "Transkript", "- för 8 år sedan", "- Visningar:", the
    uploader's name just before them) are not the document.
    """
    out: list[str] = []
    for line in lines:
        if _SOURCE_LINE.match(line) or _SITE_LINE.match(line):
            if _UPLOADED.match(line) and out and _UPLOADER.match(out[-1]):
                out.pop()
            continue
        out.append(line)
    return out


def _unflattened(lines: list[str], entries: list[str]) -> list[str]:
    """A document extracted as one long line becomes its blocks again (see ``flattened``)."""
    out: list[str] = []
    alone = sum(1 for line in lines if line.strip()) == 1
    for line in lines:
        if not is_flattened(line, alone=alone):
            out.append(line)
            continue
        # "Internationella enheten  Arbetet med …  Information om stödformer  …": a copy that
        # kept its blank lines as runs of spaces keeps its blocks apart by them.
        parts = _KEPT_BREAK.split(line.strip())
        kept = len(_KEPT_HEADING_BREAK.findall(line)) >= _KEPT_BREAKS
        for part in parts if kept else [line]:
            if kept and not SITE_WORDS.sub("", part).strip():
                continue  # "Storlek: px Starta visningen från sidan:": the sharing site's words
            if kept and _KEPT_ITEM.match(part) and _follows_lead(out):
                part = "- " + _KEPT_ITEM.sub("", part)  # "… tre prioriterade områden:  1. …"
            for block in unflatten(part, entries) if not kept or is_flattened(part) else [part]:
                out += ["", block]
            out.append("")
    return out


_KEPT_ITEM = re.compile(r"^(?:\d{1,2}[.)]|[-–•])\s+(?=\S)")


def _follows_lead(out: list[str]) -> bool:
    """Whether the last block written is a list's lead or one of its items."""
    last = next((line for line in reversed(out) if line.strip()), "")
    return last.endswith(":") or last.startswith("- ")


_KEPT_BREAK = re.compile(r"(?<=\S) {2,}(?=\S)")
# … counted where no full stop comes before them (some word processors put two spaces
# between sentences): the breaks after headings and list leads
_KEPT_HEADING_BREAK = re.compile(r"(?<=[^\s.!?]) {2,}(?=\S)")
#: As many such breaks as this before the runs of spaces count as the copy's blank lines.
_KEPT_BREAKS = 4


def _unflattened_block(block: str, entries: list[str]) -> list[str]:
    """A paragraph joined from a PDF's lines that is in fact a run of headings and paragraphs."""
    if not is_flattened(block):
        return [block]
    return [cleaned for part in unflatten(block, entries) if (cleaned := _clean_line(part))]


def _key(line: str) -> str:
    return re.sub(r"\d+", "#", " ".join(line.split()).casefold())


def _without_running_lines(pages: list[str]) -> list[str]:
    """Drop lines that repeat at the top or bottom of most pages (headers, footers)."""
    edges: list[tuple[set[str], set[str]]] = []
    for page in pages:
        lines = [line for line in page.split("\n") if line.strip()]
        edges.append(({_key(x) for x in lines[:3]}, {_key(x) for x in lines[-3:]}))
    counts: dict[str, int] = {}
    for top, bottom in edges:
        for key in top | bottom:
            counts[key] = counts.get(key, 0) + 1
    needed = max(2, (len(pages) + 1) // 2)
    running = {key for key, n in counts.items() if n >= needed}
    if not running:
        return pages
    cleaned = []
    for number, page in enumerate(pages):
        lines = page.split("\n")
        filled = [i for i, line in enumerate(lines) if line.strip()]
        zone = set(filled[:3] + filled[-3:])
        if number == 0:
            # The title page may hold the title itself among the running lines: drop
            # only the first repeat at its top.
            first = next((i for i in filled[:3] if _key(lines[i]) in running), None)
            zone = set(filled[-3:]) | ({first} if first is not None else set())
        cleaned.append(
            "\n".join(x for i, x in enumerate(lines) if not (i in zone and _key(x) in running))
        )
    return cleaned


def _without_toc(lines: list[str]) -> list[str]:
    """Drop a table of contents: two or more entries in a row, or one after "Innehåll"."""
    out: list[str] = []
    i = 0
    while i < len(lines):
        j = i
        while j < len(lines) and (_TOC_LINE.match(lines[j]) or (j > i and not lines[j].strip())):
            j += 1
        while j > i and not lines[j - 1].strip():
            j -= 1
        entries = sum(1 for x in lines[i:j] if x.strip())
        after_heading = bool(out) and _TOC_HEADING.match(_last_filled(out) or "")
        if entries >= 2 or (entries == 1 and after_heading):
            while out and not out[-1].strip():
                out.pop()
            if out and _TOC_HEADING.match(out[-1]):
                out.pop()
            i = j
            continue
        out.append(lines[i])
        i += 1
    return out


def _last_filled(lines: list[str]) -> str | None:
    for line in reversed(lines):
        if line.strip():
            return line
    return None


def _cells_apart(lines: list[str]) -> list[str]:
    """Table rows ("a<TAB>b") become one block per cell; "1<TAB>Bakgrund" stays a heading."""
    out: list[str] = []
    for line in lines:
        if "\t" not in line.strip():
            out.append(line.replace("\t", " "))
            continue
        cells: list[str] = []
        for cell in (c.strip() for c in line.split("\t")):
            if not cell:
                continue
            if cells and _SECTION_NUMBER.match(cells[-1]):
                cells[-1] = f"{cells[-1]} {cell}"
            else:
                cells.append(cell)
        bullet = line.lstrip().startswith(("-", "•"))
        if len(cells) == 1 or bullet:
            out.append(" ".join(cells))
            continue
        out.append("")
        for cell in cells:
            out += [cell, ""]
    return out


#: A bullet sign inside a line that already starts with one: "• A. • B. • C.".
_INNER_BULLET = re.compile(rf"\s+(?=[{BULLETS}]\s)")


def _bullets_apart(line: str) -> list[str]:
    """A list a web page's copy put on one line, one line per item."""
    if not _BULLET.match(line) or line.lstrip()[:1] not in BULLETS:
        return [line]
    return _INNER_BULLET.split(line)


#: What a web page's script left where a value was missing: a line "null" or "undefined".
_SCRIPT_VALUE = re.compile(r"^\s*(?:null|undefined|NaN|None)\s*$")
#: A news item's quotation: "– Genom … vill vi …, säger Anna Andersson (S), ordförande."
_QUOTED = re.compile(r"[.,!?]\s+säger\s+[A-ZÅÄÖ]")


def _clean_line(line: str) -> str | None:
    """One line without markup and with one kind of bullet; None for a page number."""
    if _PAGE_NUMBER.match(line) or _LONE_BULLET.match(line) or _SCRIPT_VALUE.match(line):
        return None
    bullet = _BULLET.match(line)
    if bullet and _QUOTED.search(line):
        line = line[bullet.end() :]  # "– Vi vill …, säger X (S)": a quotation, not an item
    elif bullet and line.strip() not in {"-", "–"}:
        line = "- " + line[bullet.end() :]
    line = line.replace("**", "").replace("__", "")
    line = re.sub(r"(?<![\w*])\*(?=\S)(.+?)(?<=\S)\*(?![\w*])", r"\1", line)
    # "… i all verksamhet. 3": the next page's number at the end of a transcript's line.
    line = _TRAILING_PAGE.sub("", line)
    return " ".join(line.split())


def _is_label(line: str) -> bool:
    """A short "Label: value" line, as document headers have them."""
    return len(line) <= 100 and bool(_LABEL.match(line))


def _is_bullet(line: str) -> bool:
    return line.startswith("- ")


def _heading_like(line: str) -> bool:
    words = line.split()
    return (
        0 < len(words) <= 10
        and len(line) <= 80
        and not line.endswith((*_TERMINAL, ","))
        and bool(_HEADING_LIKE.match(line))
    )


def _join_wrapped(lines: list[str]) -> list[str]:
    """Lines of one paragraph become one block; a blank line or a new start ends it."""
    lengths = [len(x) for x in lines if len(x) > 30]
    width = statistics.quantiles(lengths, n=10)[-1] if len(lengths) >= 10 else 10_000
    blocks: list[str] = []
    previous = ""
    for line in lines:
        if not line:
            previous = ""
            continue
        if previous and _continues(previous, line, width):
            blocks[-1] = _glue(blocks[-1], line)
        else:
            blocks.append(line)
        previous = line
    return blocks


def _continues(previous: str, line: str, width: float) -> bool:
    if not _is_bullet(line) and previous.rsplit(" ", 1)[-1] in _OPEN_ENDINGS:
        return True
    if _is_bullet(line) or _is_label(line) or _is_label(previous):
        return False
    # (not a table's rows: "Antal utbyten 2022 –" over "Antal utbyten 2023 14")
    if (
        _OPEN_DASH.search(previous)
        and not re.search(r"\d", line)
        and previous.split()[0] != line.split()[0]
    ):
        return True
    if _NUMBERED_HEADING.match(line) and _heading_like(line):
        return False  # "3. Inriktning" right under a list item (PDF)
    if _ends_hyphenated(previous) and line[:1].islower():
        return True
    if line[:1].islower() and not previous.endswith(_TERMINAL):
        return True
    if _heading_like(previous) and len(previous) < 0.7 * width:
        return False
    if previous.endswith(_TERMINAL) and _heading_like(line) and len(line) < 0.7 * width:
        return False  # a heading right under a paragraph, without a blank line (PDF)
    # A wrapped line fills the width; the last line of a paragraph usually does not.
    return len(previous) >= 0.8 * width and not previous.endswith(":")


def _ends_hyphenated(text: str) -> bool:
    return bool(re.search(r"\w-$", text))


def _glue(block: str, line: str) -> str:
    first = line.split(" ", 1)[0]
    if _ends_hyphenated(block) and line[:1].islower() and first not in _KEEP_HYPHEN_BEFORE:
        if re.search(r"[A-ZÅÄÖ0-9]-$", block):
            return block + line  # "EU-|arenan", "2014-|års": the hyphen is the word's own
        return block[:-1] + line
    return f"{block} {line}"


def _join_broken(blocks: list[str]) -> list[str]:
    """A paragraph split by a page break: the next block starts in lower case."""
    out: list[str] = []
    for block in blocks:
        if (
            out
            and not out[-1].endswith(_TERMINAL)
            and not _is_label(block)
            and not _is_bullet(block)
            and (block[:1].islower() or out[-1].rsplit(" ", 1)[-1] in _OPEN_ENDINGS)
        ):
            out[-1] = _glue(out[-1], block)
        else:
            out.append(block)
    return out
