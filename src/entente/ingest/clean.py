"""Remove web-page leftovers from article text, as named, tested heuristics.

Scraped text carries page chrome: navigation words ("search", "share"),
repeated address blocks, stock-photo ids and credits, lists of other
articles' teasers, "Related Posts" and author bios at the end. Each kind is
recognised by one small predicate named for the test it performs
(``is_navigation_line``, ``is_photo_credit``, ...), and the words each one
knows come from ``data/boilerplate.toml``, so an editor can extend them
without touching code.

The rule that outranks every heuristic: never drop a sentence of the article
body. Each predicate errs towards keeping a line, and the trailing-section
cut only fires when nothing after the marker looks like article prose.
"""

from __future__ import annotations

import re
import tomllib
from collections import deque
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path

from entente.errors import DataFileError

BOILERPLATE_FILE = "boilerplate.toml"

# Whitespace other than the line break, including no-break and typographic spaces.
_SPACES = re.compile(r"[ \t\f\v\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]+")
# Zero-width characters and C0/C1 controls other than tab and newline carry no text.
_INVISIBLE = re.compile(r"[\u200b-\u200d\u2060\ufeff\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_LINE_BREAKS = re.compile(r"\r\n?|[\u2028\u2029\x85]")
_ELLIPSIS_END = re.compile(r"(?:\.\.\.|…)[\"”’)]?$")
_FINAL_PUNCT_END = re.compile(r"[.!?:;,][\"”’)\]]*$")
_DIGIT = re.compile(r"\d")
# What may follow a credit marker for it to close a caption: a new sentence.
_NEW_SENTENCE = re.compile(r"\s+[\"“'‘(\[]?[A-Z0-9]")
# Generous average word length (with its space) to turn a word limit into characters.
_CHARS_PER_WORD_MAX = 20
# A sentence ends at . ! or ? (maybe closed by a quote or bracket) before a space,
# but not after an initial ("U.S.", "J.") or a common title abbreviation.
_SENTENCE_BOUNDARY = re.compile(
    r"(?<!\b[A-Z])(?<!\b(?:Mr|Ms|Dr|St|Jr|Sr|No|Lt))(?<!\b(?:Mrs|Gen|Col|Sgt|Gov|Sen|Rep))"
    r"(?<!\b(?:Capt|Prof))[.!?][\"”’)\]]*\s+"
)


# The longest run of characters without whitespace that can be prose. The
# longest in 3,918 real articles (the 2017 corpus, the VOA stories, the seeds)
# is 174 characters (a URL); a longer run is encoded data pasted into the page
# (a base64 image, a script), which no reader wants and the parser cannot take
# whole (spaCy refuses a text over a million characters).
UNBROKEN_RUN_MAX_CHARS = 1_000
_UNBROKEN_RUN = re.compile(rf"\S{{{UNBROKEN_RUN_MAX_CHARS + 1},}}")


def drop_unbroken_runs(text: str) -> tuple[str, int]:
    """``text`` without its runs of over UNBROKEN_RUN_MAX_CHARS characters that
    hold no whitespace, and the length of the longest run dropped (0 for none).

    >>> drop_unbroken_runs("Envoys met. " + "QUJD" * 400 + " They agreed.")
    ('Envoys met.  They agreed.', 1600)
    """
    longest = 0

    def drop(match: re.Match[str]) -> str:
        nonlocal longest
        longest = max(longest, len(match.group()))
        return ""

    return _UNBROKEN_RUN.sub(drop, text), longest


@dataclass(frozen=True, slots=True)
class GluedHyphens:
    """The word lists of ``[glued_hyphens]`` in ``boilerplate.toml``."""

    clause_words: frozenset[str]
    phrase_words: frozenset[str]
    particle_stems: frozenset[str]
    phrase_openers: frozenset[str]
    date_words: frozenset[str]
    prefixes: frozenset[str]


@dataclass(frozen=True, slots=True)
class Boilerplate:
    """The vocabularies of ``boilerplate.toml``, compiled for matching."""

    navigation: re.Pattern[str]
    address_labels: frozenset[str]
    address_max_lines: int
    section_markers: frozenset[str]
    section_prefixes: tuple[str, ...]
    bio_markers: frozenset[str]
    credit_paren: re.Pattern[str]
    credit_label: re.Pattern[str]
    image_id: re.Pattern[str]
    navigation_line_max_chars: int
    address_line_max_chars: int
    address_line_max_words: int
    image_id_line_max_chars: int
    caption_max_words: int
    teaser_title_max_words: int
    teaser_max_words: int
    tail_line_max_words: int
    tail_max_share: float
    name_max_words: int
    glued: GluedHyphens
    inline_link: re.Pattern[str]
    link_headline_max_words: int
    link_opening_words: frozenset[str]


def _alternation(words: Iterable[str]) -> str:
    """A regex alternation of literal phrases, longest first (so "share this" beats "share")."""
    ordered = sorted({w.strip().casefold() for w in words if w.strip()}, key=len, reverse=True)
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in ordered)


@cache
def load_boilerplate(path: Path | None = None) -> Boilerplate:
    """Load and compile the boilerplate vocabularies (cached per path).

    Raises ``DataFileError`` naming the file and the missing key when the file
    is malformed.
    """
    source = path or resources.files("entente") / "data" / BOILERPLATE_FILE
    try:
        data = tomllib.loads(source.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as exc:
        raise DataFileError(str(source), None, str(exc)) from exc
    try:
        nav = data["navigation"]["phrases"]
        address = data["address"]
        sections = data["sections"]
        credits = data["credits"]
        limits = data["limits"]
        separators = r"[\s|/•·\-–—>»«:,]*"
        navigation = re.compile(rf"^{separators}(?:(?:{_alternation(nav)}){separators})+$", re.I)
        agencies = _alternation(credits["agencies"])
        credit_paren = re.compile(
            r"\(\s*(?:"
            rf"(?:{_alternation(credits['words'])})\b[^()]{{0,120}}"
            rf"|[^()]{{0,80}}(?:/|\bvia\s)\s*(?:{agencies})\b[^()]{{0,40}}"
            rf"|(?:{agencies})(?:\s*/[^()]{{0,60}})?"
            r")\s*\)",
            re.I,
        )
        credit_label = re.compile(rf"^(?:{_alternation(credits['labels'])})\s*:\s*\S", re.I)
        image_id = re.compile(
            rf"^(?:(?:{_alternation(credits['image_id_prefixes'])})[\s_-]?\d{{5,}}"
            r"|\S+\.(?:jpe?g|png|gif|webp|avif|tiff?)\b)",
            re.I,
        )
        return Boilerplate(
            navigation=navigation,
            address_labels=frozenset(w.casefold() for w in address["labels"]),
            address_max_lines=int(address["max_lines"]),
            section_markers=frozenset(w.casefold() for w in sections["markers"]),
            section_prefixes=tuple(w.casefold() for w in sections["prefixes"]),
            bio_markers=frozenset(w.casefold() for w in sections["bio"]),
            credit_paren=credit_paren,
            credit_label=credit_label,
            image_id=image_id,
            navigation_line_max_chars=int(limits["navigation_line_max_chars"]),
            address_line_max_chars=int(limits["address_line_max_chars"]),
            address_line_max_words=int(limits["address_line_max_words"]),
            image_id_line_max_chars=int(limits["image_id_line_max_chars"]),
            caption_max_words=int(limits["caption_max_words"]),
            teaser_title_max_words=int(limits["teaser_title_max_words"]),
            teaser_max_words=int(limits["teaser_max_words"]),
            tail_line_max_words=int(limits["tail_line_max_words"]),
            tail_max_share=float(limits["tail_max_share"]),
            name_max_words=int(limits["name_max_words"]),
            glued=GluedHyphens(
                **{name: frozenset(data["glued_hyphens"][name]) for name in GluedHyphens.__slots__}
            ),
            inline_link=re.compile(
                rf"\b(?:{_alternation(data['inline_links']['markers'])})\s*[:\-\u2013\u2014]\s*",
                re.I,
            ),
            link_headline_max_words=int(data["inline_links"]["link_headline_max_words"]),
            link_opening_words=frozenset(
                w.casefold() for w in data["inline_links"]["opening_words"]
            ),
        )
    except KeyError as exc:
        raise DataFileError(str(source), None, f"missing key {exc.args[0]!r}") from exc


# --- hyphens where spaces were ----------------------------------------------

# A hyphen after clause punctuation or a word's full stop, before a letter
# ("Obamacare,-in 2010", "Source:-Al Jazeera", "the Turkmen.-Meanwhile"); the full
# stop of an initial keeps its hyphen ("U.S.-led", "U.N.-backed").
_PUNCTUATION_HYPHEN = re.compile(r"(?:(?<=[,;:!?\"”’')\]])|(?<=[a-z]{2}\.))-(?=[A-Za-z])")
# A hyphen between two words, the left one not itself after a hyphen
# ("next-to-last" is one word) and the right one not before one ("state-of-the-art").
_WORD_HYPHEN = re.compile(r"(?<![-\w])([A-Za-z]+)-(?=([A-Za-z]+)\b(?!-))")
_NEXT_WORD = re.compile(r" ([\w\"“']*)")


def _is_glued(left: str, right: str, after: str, words: GluedHyphens) -> bool:
    """Does the hyphen of ``left-right`` (``after``: the word that follows) stand
    where a space was (``[glued_hyphens]`` says which words)?"""
    if left.lower() in words.prefixes or left in words.date_words:
        return False
    if right in words.clause_words or right in words.date_words:
        return True
    if right not in words.phrase_words or not after or left.lower() in words.particle_stems:
        return False
    first = after.lstrip("\"“'")
    return first in words.phrase_openers or first[:1].isdigit() or first[:1].isupper()


def repair_glued_hyphens(line: str, bp: Boilerplate) -> str:
    """``line`` with a space for each hyphen that stands where a space was
    ("resigned-on Monday", "Obamacare,-in 2010", "adviser,-accused"), the same
    length, so every offset into it is an offset into the input too. Real
    hyphenated words stay: "pro-Russian", "Kim Jong-un", "sit-in", "head-on",
    "mother-in-law", "mid-March".

    >>> repair_glued_hyphens("He resigned-on Monday,-after a pro-Russian sit-in.", load_boilerplate())
    'He resigned on Monday, after a pro-Russian sit-in.'
    """
    if "-" not in line:
        return line
    chars = list(line)
    for found in _PUNCTUATION_HYPHEN.finditer(line):
        chars[found.start()] = " "
    for found in _WORD_HYPHEN.finditer(line):
        right = found[2]
        following = _NEXT_WORD.match(line, found.end() + len(right))
        if _is_glued(found[1], right, following[1] if following else "", bp.glued):
            chars[found.end() - 1] = " "
    return "".join(chars)


# A typographic mark lost in conversion and written as '"?' before the next word:
# '"?' stood for one of ’ ” — with the space after it (2017 corpus: 5,079 in 966
# of its 3,741 articles, mostly ABC News and HuffPost). Glued to the words around
# it, the parser read 'choice,"?Sen. Warren' as one clause with a junk speaker
# '"?Sen' and ran sentences together at '."?The'. A '"?' before a space or at the
# end of a line is a real question mark after a quote and stays.
_LOST_MARK = re.compile(r'"\?(?=\S)')


def repair_lost_punctuation(line: str) -> str:
    """``line`` with each lost mark '"?' written back as the mark it most likely
    was, the same length, so offsets keep: after a space it is a dash ("WASHINGTON
    "?House voted", 'the bill "?the AHCA "?would'); after a word or punctuation
    it closes a quote when one is open in the line, and after a word with no
    quote open it is an apostrophe ("teachers"?unions").

    >>> print(repair_lost_punctuation('"It is wrong,"?Sen. Warren said of DeVos"?vote "?again.'))
    "It is wrong," Sen. Warren said of DeVos' vote — again.
    """
    if '"?' not in line:
        return line
    chars = list(line)
    quotes = 0  # quote marks seen so far in the line, the repaired ones included
    last = 0
    for found in _LOST_MARK.finditer(line):
        at = found.start()
        quotes += line.count('"', last, at)
        last = found.end()
        before = line[at - 1] if at else " "
        if before.isspace():
            chars[at : at + 2] = ["\u2014", " "]
        elif quotes % 2 == 1 or not before.isalnum():
            chars[at : at + 2] = ['"', " "]
            quotes += 1
        else:
            chars[at : at + 2] = ["'", " "]
    return "".join(chars)


# --- links to other articles inside a paragraph ---------------------------------

_WORD = re.compile(r"\S+")
_OPENING_QUOTES = '"\u201c'
_CLOSING_QUOTES = "'\"\u201d\u2019"


def _opens_sentence(word: str, before: str, bp: Boilerplate) -> bool:
    """Can ``word`` after ``before`` start the sentence that follows a pasted
    headline (``[inline_links]`` in boilerplate.toml says which words)?"""
    capital = word[:1].isupper()
    if capital and before[-1] in "?!" + _CLOSING_QUOTES:
        return True
    if word[0] in _OPENING_QUOTES and before[-1] not in "-:":
        return True
    return (
        capital
        and word.rstrip(",").casefold() in bp.link_opening_words
        and (before[-1].isalnum() or before[-1] in _CLOSING_QUOTES + ")")
    )


def drop_inline_links(line: str, bp: Boilerplate) -> str:
    """``line`` without the links to other articles pasted into it ("READ MORE:
    Kim Jong-nam attack reveals true nature of North Korea Another legislator
    said ..."): the marker and the headline go where the next sentence's first
    word can be told (``_opens_sentence``) or where the line ends with the
    headline, else the marker alone. Never more
    than ``link_headline_max_words`` words after the marker, so the paragraph's
    own sentence is kept.

    >>> drop_inline_links("He met Ruiz. READ MORE: Talks fail in Oslo The envoy left.", load_boilerplate())
    'He met Ruiz. The envoy left.'
    """
    found = bp.inline_link.search(line)
    if found is None:
        return line
    rest = line[found.end() :]
    words = list(_WORD.finditer(rest))
    cut = 0
    for k in range(2, min(len(words), bp.link_headline_max_words + 1)):
        if _opens_sentence(words[k].group(), words[k - 1].group(), bp):
            cut = words[k].start()
            break
    else:
        if len(words) <= bp.link_headline_max_words and not _FINAL_PUNCT_END.search(rest):
            cut = len(rest)  # the headline ends the line: nothing of the paragraph follows
    return line[: found.start()] + drop_inline_links(rest[cut:], bp)


# --- whitespace -------------------------------------------------------------


def normalise_lines(text: str) -> list[str]:
    """Split into lines with runs of spaces collapsed, ends stripped and invisible
    characters removed; a line of only whitespace becomes ``""``."""
    text = _INVISIBLE.sub("", _LINE_BREAKS.sub("\n", text))
    return [_SPACES.sub(" ", line).strip() for line in text.split("\n")]


def _marker_key(line: str) -> str:
    return line.casefold().rstrip(" :.").strip()


def _word_count(line: str) -> int:
    return len(line.split())


# --- line predicates ----------------------------------------------------------


def is_navigation_line(line: str, bp: Boilerplate) -> bool:
    """The line consists only of navigation phrases ("Search", "Share | Tweet")."""
    return (
        bool(line) and len(line) <= bp.navigation_line_max_chars and bool(bp.navigation.match(line))
    )


def is_address_label(line: str, bp: Boilerplate) -> bool:
    """The line is an address label such as "Physical Address"."""
    return _marker_key(line) in bp.address_labels


def is_address_line(line: str, bp: Boilerplate) -> bool:
    """The line is short and holds a number, as a street or postcode line does."""
    return (
        0 < len(line) <= bp.address_line_max_chars
        and _word_count(line) <= bp.address_line_max_words
        and bool(_DIGIT.search(line))
    )


def is_image_id_line(line: str, bp: Boilerplate) -> bool:
    """The line starts with a stock-image id or an image file name ("GettyImages-1234567 ...")."""
    return len(line) <= bp.image_id_line_max_chars and bool(bp.image_id.match(line))


def is_photo_credit(line: str, bp: Boilerplate) -> bool:
    """The whole line is a caption: short, one sentence, ending in a credit
    ("Leader at the summit (Photo by Jane Doe/Agency)") or labelled "Photo: ...".
    """
    if not line or _word_count(line) > bp.caption_max_words:
        return False
    if bp.credit_label.match(line) and _word_count(line) <= bp.teaser_title_max_words:
        return True
    match = _last_credit(line, bp)
    if match is None or match.end() != len(line):
        return False
    # One sentence before the credit, no more: a paragraph is handled inline.
    before = line[: match.start()].rstrip()
    return _SENTENCE_BOUNDARY.search(before.removesuffix(".")) is None


def is_section_marker(line: str, bp: Boilerplate) -> bool:
    """The line is a related-content or author heading ("Related Posts",
    "About the Author") or a prefix marker with a short name ("Read More From Jane Doe")."""
    key = _marker_key(line)
    if key in bp.section_markers:
        return True
    return any(
        key.startswith(prefix + " ") and _word_count(key) - _word_count(prefix) <= bp.name_max_words
        for prefix in bp.section_prefixes
    )


def is_bio_marker(line: str, bp: Boilerplate) -> bool:
    """The line heads an author biography ("About the Author")."""
    return _marker_key(line) in bp.bio_markers


def is_teaser_title(line: str, bp: Boilerplate) -> bool:
    """A short line without final punctuation, as another article's title in a listing."""
    return (
        bool(line)
        and _word_count(line) <= bp.teaser_title_max_words
        and not _FINAL_PUNCT_END.search(line)
        and not _ELLIPSIS_END.search(line)
    )


def is_teaser(line: str, bp: Boilerplate) -> bool:
    """A short paragraph cut off with an ellipsis, as a teaser of another article."""
    return bool(_ELLIPSIS_END.search(line)) and _word_count(line) <= bp.teaser_max_words


def is_article_like(line: str, bp: Boilerplate) -> bool:
    """A line long enough to be article prose and not a cut-off teaser."""
    return _word_count(line) > bp.tail_line_max_words and not _ELLIPSIS_END.search(line)


# --- actions ------------------------------------------------------------------


def _last_credit(text: str, bp: Boilerplate) -> re.Match[str] | None:
    last = None
    for match in bp.credit_paren.finditer(text):
        last = match
    return last


def remove_credited_captions(line: str, bp: Boilerplate) -> str:
    """Remove caption sentences that end in a credit marker inside a paragraph.

    "... said the minister. A drone is launched at an exercise, in this handout
    image. (credit: AGENCY)" keeps the first sentence. The caption is the text
    from the last sentence boundary before the marker's own sentence to the
    marker; a marker followed by lower-case text is part of a sentence and
    stays. Searching backwards for the nearest boundary can only remove less
    than the caption, never a body sentence.
    """
    if "(" not in line:
        return line
    # A caption is at most caption_max_words long; look no further back than
    # that many generous words, which keeps this linear on long lines.
    window = bp.caption_max_words * _CHARS_PER_WORD_MAX
    cuts: list[tuple[int, int]] = []
    last_end = 0
    for match in bp.credit_paren.finditer(line):
        if match.end() < len(line) and not _NEW_SENTENCE.match(line, match.end()):
            continue
        head_start = max(last_end, match.start() - window)
        # The caption's own closing period, if any, is not its start.
        head = line[head_start : match.start()].rstrip().removesuffix(".")
        boundary = deque(_SENTENCE_BOUNDARY.finditer(head), maxlen=1)  # the last one
        if boundary:
            start = head_start + boundary[0].end()
        elif head_start == last_end:
            start = last_end
        else:
            continue
        if _word_count(line[start : match.start()]) > bp.caption_max_words:
            continue
        cuts.append((start, match.end()))
        last_end = match.end()
    if not cuts:
        return line
    parts: list[str] = []
    position = 0
    for start, end in cuts:
        parts.append(line[position:start].strip())
        position = end
    parts.append(line[position:].strip())
    return " ".join(part for part in parts if part)


def drop_address_blocks(lines: list[str], bp: Boilerplate) -> list[str]:
    """Drop each address label with the short numbered lines that follow it."""
    kept: list[str] = []
    skip = 0
    for index, line in enumerate(lines):
        if skip:
            skip -= 1
            continue
        if is_address_label(line, bp):
            following = lines[index + 1 : index + 1 + bp.address_max_lines]
            block = 0
            for candidate in following:
                if not is_address_line(candidate, bp):
                    break
                block += 1
            if block:
                skip = block
                continue
        kept.append(line)
    return kept


def drop_teaser_listings(lines: list[str], bp: Boilerplate) -> list[str]:
    """Drop runs of two or more (title, teaser...) pairs: lists of other articles.

    A single pair is kept: it could be a subheading over a paragraph that
    happens to trail off.
    """
    content = [i for i, line in enumerate(lines) if line]
    pairs: list[tuple[int, int]] = []
    position = 0
    while position + 1 < len(content):
        title, teaser = content[position], content[position + 1]
        if is_teaser_title(lines[title], bp) and is_teaser(lines[teaser], bp):
            pairs.append((title, teaser))
            position += 2
        else:
            pairs.append((-1, -1))
            position += 1
    drop: set[int] = set()
    run: list[tuple[int, int]] = []
    for pair in [*pairs, (-1, -1)]:
        if pair[0] >= 0:
            run.append(pair)
            continue
        if len(run) >= 2:
            drop.update(i for p in run for i in p)
        run = []
    return [line for i, line in enumerate(lines) if i not in drop]


def find_trailing_cut(lines: list[str], bp: Boilerplate) -> int | None:
    """The index of the first section marker after which nothing is article-like.

    After the marker only blank lines, other markers, short lines, teasers and
    one biography paragraph per bio marker may follow. The cut is refused when
    it would remove more than ``tail_max_share`` of the text.
    """
    total = sum(len(line) for line in lines) or 1
    cut = None
    after_bio = False
    tail_chars = 0
    for index in range(len(lines) - 1, -1, -1):
        line = lines[index]
        tail_chars += len(line)
        if not line:
            continue
        if is_section_marker(line, bp):
            if tail_chars / total <= bp.tail_max_share:
                cut = index
            after_bio = False
            continue
        if is_article_like(line, bp):
            # A bio paragraph is allowed right under its marker.
            previous = next((lines[j] for j in range(index - 1, -1, -1) if lines[j]), "")
            if is_bio_marker(previous, bp) and not after_bio:
                after_bio = True
                continue
            break
    return cut


def cut_trailing_sections(lines: list[str], bp: Boilerplate) -> list[str]:
    """Cut everything from the first trailing section marker, then drop any
    section marker still standing alone elsewhere."""
    cut = find_trailing_cut(lines, bp)
    if cut is not None:
        lines = lines[:cut]
    return [line for line in lines if not is_section_marker(line, bp)]


def join_lines(lines: list[str]) -> str:
    """Join lines, keeping single line breaks and collapsing blank runs into one blank line."""
    out: list[str] = []
    for line in lines:
        if not line and (not out or not out[-1]):
            continue
        out.append(line)
    while out and not out[-1]:
        out.pop()
    return "\n".join(out)


def clean_text(text: str, boilerplate: Boilerplate | None = None) -> str:
    """Return the article text without web-page leftovers, whitespace normalised.

    Steps, in order: 1. normalise whitespace per line, write back the marks
    lost as '"?' (``repair_lost_punctuation``) and put back the spaces that
    hyphens stand for (``repair_glued_hyphens``), and drop links to other
    articles pasted into a paragraph (``drop_inline_links``); 2. drop address blocks;
    3. drop navigation, image-id and caption lines; 4. remove credited caption
    sentences inside paragraphs; 5. cut trailing sections (related posts,
    author bio); 6. drop teaser listings. Paragraph breaks are kept (a blank
    line stays one blank line, a single break stays single). Never raises on a
    ``str``, and never returns text longer than its input.

    >>> clean_text("Share\\n\\nThe envoy met the minister in Geneva.\\n\\nRelated Posts")
    'The envoy met the minister in Geneva.'
    """
    bp = boilerplate or load_boilerplate()
    lines = [  # 1.
        drop_inline_links(repair_glued_hyphens(repair_lost_punctuation(line), bp), bp)
        for line in normalise_lines(text)
    ]
    lines = drop_address_blocks(lines, bp)  # 2.
    lines = [  # 3.
        ""
        if is_navigation_line(line, bp) or is_image_id_line(line, bp) or is_photo_credit(line, bp)
        else line
        for line in lines
    ]
    lines = [remove_credited_captions(line, bp) for line in lines]  # 4.
    lines = cut_trailing_sections(lines, bp)  # 5.
    lines = drop_teaser_listings(lines, bp)  # 6.
    return join_lines(lines)
