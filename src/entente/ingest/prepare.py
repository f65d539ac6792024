"""From a raw article to a clean, dated Document, or a Rejection saying why not.

This runs in the main process for every article, so it must be fast (a few
milliseconds for a 5 KB text, language identification aside) and must never
raise: whatever goes wrong becomes a ``Rejection`` with a one-line reason.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata

from entente.ingest.clean import clean_text, drop_unbroken_runs
from entente.ingest.decode import valid_text
from entente.ingest.metadata import (
    HTML_PARSER_MAX_DEPTH,
    detect_language,
    html_nesting_depth,
    html_to_article,
    language_name,
    outlet_from_url,
    parse_published,
    split_byline,
    split_leading_date,
    split_title,
)
from entente.records import Document, PublicationDate, RawArticle, Rejection
from entente.settings import SETTINGS

DEFAULT_MIN_CHARS: int = next(s.default for s in SETTINGS if s.name == "min_chars")
DEFAULT_LANGUAGES: tuple[str, ...] = tuple(
    next(s.default for s in SETTINGS if s.name == "languages").split(",")
)
# Hex digits of the sha256 kept as the id: 64 bits, no collision in any corpus
# this tool will see.
DOCUMENT_ID_HEX_CHARS = 16

_WHITESPACE = re.compile(r"\s+")


def document_id(text: str) -> str:
    """The id of a document: 16 hex digits of the sha256 of its normalised text.

    Normalised means NFKC, whitespace runs collapsed to one space, ends
    stripped, and casefolded, so the same article scraped twice with
    different spacing or case gets the same id.

    >>> document_id("Iran  and Russia") == document_id("iran and russia\\n")
    True
    """
    normal = _WHITESPACE.sub(" ", unicodedata.normalize("NFKC", text)).strip().casefold()
    return hashlib.sha256(normal.encode("utf-8", "surrogatepass")).hexdigest()[
        :DOCUMENT_ID_HEX_CHARS
    ]


def _same_line(a: str, b: str) -> bool:
    return _WHITESPACE.sub(" ", a).strip().casefold() == _WHITESPACE.sub(" ", b).strip().casefold()


def _drop_repeated_title(text: str, title: str) -> str:
    """Drop the first line when it repeats the title the source already gave."""
    first, _, rest = text.lstrip().partition("\n")
    return rest.lstrip("\n") if rest and _same_line(first, title) else text


def _clean_or_none(value: str | None) -> str | None:
    if value is None:
        return None
    value = _WHITESPACE.sub(" ", str(value)).strip()
    return value or None


def prepare_document(
    raw: RawArticle,
    *,
    min_chars: int = DEFAULT_MIN_CHARS,
    languages: tuple[str, ...] = DEFAULT_LANGUAGES,
) -> Document | Rejection:
    """Clean a raw article and read its metadata; reject it if too short or off-language.

    Steps: 0. every field is made valid Unicode (``valid_text``); 1. HTML goes
    through trafilatura for text, title, author, date and outlet; 2. plain text
    loses a leading `` date YYYY-MM-DD`` marker, then runs of encoded data
    (``drop_unbroken_runs``) and web leftovers (``clean_text``), then a byline line and a headline line at
    the top (see ``metadata`` for the title rule); 3. the source's own fields
    win over what was found in the text; 4. too-short texts and languages not
    in ``languages`` (empty = any) are rejected with ``skipped``.

    Never raises: an unexpected failure is a ``Rejection`` with status
    ``error`` naming the exception.

    >>> doc = prepare_document(RawArticle(source="a.txt", text="Envoys Meet\\n\\n" + "The envoys met. " * 20))
    >>> doc.title, len(doc.id)
    ('Envoys Meet', 16)
    """
    try:
        return _prepare(raw, min_chars, languages)
    except Exception as exc:  # the contract is "never raises": report, don't crash the run
        return Rejection(
            raw.source, "error", f"could not prepare article: {type(exc).__name__}: {exc}"
        )


def _valid(raw: RawArticle) -> RawArticle:
    """The raw article with every field valid Unicode: the door every reader's
    output passes, so no stage and no writer meets a lone surrogate or a NUL."""
    return RawArticle(
        **{
            name: valid_text(value) if isinstance(value, str) else value
            for name in RawArticle.__slots__
            for value in [getattr(raw, name)]
        }
    )


def _prepare(raw: RawArticle, min_chars: int, languages: tuple[str, ...]) -> Document | Rejection:
    raw = _valid(raw)
    title = _clean_or_none(raw.title)
    author = _clean_or_none(raw.author)
    outlet = _clean_or_none(raw.outlet)
    url = _clean_or_none(raw.url)
    found_date: PublicationDate | None = None

    if raw.html is not None:  # 1.
        page = html_to_article(raw.html, url)
        text, dropped_run = drop_unbroken_runs(page.text)  # as in 2.
        text = clean_text(text)
        title = title or page.title
        author = author or page.author
        found_date = page.published
        outlet = outlet or page.outlet
        url = url or page.url
        if title:
            text = _drop_repeated_title(text, title)
    else:  # 2.
        found_date, text = split_leading_date(raw.text or "")
        text, dropped_run = drop_unbroken_runs(text)
        text = clean_text(text)
        byline, text = split_byline(text)
        author = author or byline
        if title:
            text = _drop_repeated_title(text, title)
        else:
            title, text = split_title(text)

    # 3. The source's own date field wins; the text's is the fallback.
    published = parse_published(raw.published) or found_date
    outlet = outlet or outlet_from_url(url)

    # 4.
    if len(text) < min_chars and raw.html is not None:
        depth = html_nesting_depth(raw.html)
        if depth > HTML_PARSER_MAX_DEPTH:
            return Rejection(
                raw.source,
                "skipped",
                f"HTML nested {depth:,} elements deep, over the {HTML_PARSER_MAX_DEPTH} "
                "levels its parser reads: no text could be extracted",
            )
    if len(text) < min_chars:
        dropped = (
            f" (a run of {dropped_run:,} characters without a space was dropped as encoded data)"
            if dropped_run
            else ""
        )
        return Rejection(
            raw.source,
            "skipped",
            f"{len(text):,} characters of text after cleaning, under the {min_chars:,} "
            f"minimum{dropped}",
        )
    language, probability = detect_language(text)
    if languages and language not in languages:
        return Rejection(
            raw.source,
            "skipped",
            f"language is {language_name(language)} ({language}, p={probability:.2f}), "
            f"not {', '.join(languages)}",
        )
    return Document(
        id=document_id(text),
        source=raw.source,
        text=text,
        title=title,
        author=author,
        published=published,
        url=url,
        outlet=outlet,
        language=language,
    )
