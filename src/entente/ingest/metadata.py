"""Article metadata: publication date, title, byline, outlet, language, and HTML extraction.

Each function reads one thing from the text or from a source's own field and
returns it with what is left, so ``prepare.py`` can chain them. None of them
raises on odd input: a value that cannot be read is ``None``.

Title handling (a choice callers rely on): a standalone headline line at the
top of a plain text is moved out of the text into ``title``, because it is not
a sentence of the article and would otherwise be parsed as a fragment. A
first line that is part of a paragraph, or ends like a sentence, stays in the
text and the title is ``None``.
"""

from __future__ import annotations

import re
import warnings
from dataclasses import dataclass
from datetime import date, datetime
from email.utils import parsedate_to_datetime
from functools import cache
from importlib import resources
from urllib.parse import urlsplit

import numpy

from entente.errors import DataFileError
from entente.records import PublicationDate

# A headline is short: the longest titles in the seeds and the VOA corpus are
# under 120 characters and 20 words; these limits leave room.
TITLE_MAX_CHARS = 200
TITLE_MAX_WORDS = 25
TITLE_MIN_WORDS = 2
# langid reads this many characters: a few sentences decide an article's language, and
# langid's time grows with the sample (it runs in the main process, beside the workers).
LANGUAGE_SAMPLE_CHARS = 800
# Plausible publication years; anything else is a misread number.
YEAR_MIN, YEAR_MAX = 1800, 2100

_LEADING_DATE = re.compile(r"^\s*date\s+(\d{4}-\d{2}-\d{2}|\d{4}-\d{2}|\d{4})\b[ \t]*\n?", re.I)
_FOUR_DIGIT_YEAR = re.compile(r"(?<!\d)(?:18|19|20|21)\d\d(?!\d)")
# Year first is always year, month, day, whatever the separator ("2017/2/7" as the
# 2017 corpus writes it): read directly, not by dateparser (~5 ms a value).
_ISO_DATE = re.compile(r"^\s*(\d{4})(?:([-/.])(\d{1,2})(?:\2(\d{1,2}))?)?(?=$|[T\s_]|Z)")
# Final sentence punctuation; a title may hold a period inside, not at its end.
# A question mark is allowed: question headlines are common.
_SENTENCE_END = re.compile(r"[.!:;,][\"”’)\]]*$|(?:\.\.\.|…)$")
_BYLINE_PREFIX = re.compile(r"^(?:by|written by|words by)\s+", re.I)
# A name word: capitalised, with initials, hyphens and apostrophes
# ("J.", "O'Brien", "al-Sayed"), or a lower-case particle ("de", "van", "al").
_NAME_WORD = re.compile(
    r"^(?:(?:al|el|ad|as|ash|bin|ibn|d|l)[-'’])?[A-Z][\w'’.-]*$"
    r"|^(?:de|da|del|der|di|du|la|le|van|von|bin|al|ibn)$"
)
_NAME_MAX_WORDS = 4
_NAME_MAX_CHARS = 40

_DATEPARSER_SETTINGS = {
    "PREFER_DATES_FROM": "past",
    # Without a year there is no date: never borrow the current one.
    "REQUIRE_PARTS": ["year"],
    "PREFER_DAY_OF_MONTH": "first",
    "RETURN_AS_TIMEZONE_AWARE": False,
    # Relative words ("yesterday") mean nothing without the crawl date.
    "PARSERS": ["timestamp", "custom-formats", "absolute-time"],
}


# --- dates ----------------------------------------------------------------------


def _date_or_none(year: int, month: int | None, day: int | None) -> PublicationDate | None:
    if not YEAR_MIN <= year <= YEAR_MAX:
        return None
    try:
        if day is not None and month is not None:
            return PublicationDate(date(year, month, day).isoformat(), "day")
        if month is not None:
            date(year, month, 1)
            return PublicationDate(f"{year:04d}-{month:02d}", "month")
    except ValueError:
        return None
    return PublicationDate(f"{year:04d}", "year")


@cache
def _date_parser():
    from dateparser.date import DateDataParser

    return DateDataParser(settings=_DATEPARSER_SETTINGS)


def parse_published(value: str | None) -> PublicationDate | None:
    """Read a publication date at the precision the value gives, or None.

    ISO dates (and other year-first dates) and RFC 2822 feed dates are read directly; anything else goes to
    dateparser, which prefers past dates and never fills a missing part from
    today (a value without a year is no date).

    >>> parse_published("2025-03-14 20:30:26Z")
    PublicationDate(value='2025-03-14', precision='day')
    >>> parse_published("March 2024")
    PublicationDate(value='2024-03', precision='month')
    """
    if value is None:
        return None
    text = str(value).strip()
    if not text or len(text) > 100:
        return None
    # 1. ISO 8601 (and "YYYY-MM", "YYYY").
    match = _ISO_DATE.match(text)
    if match:
        year, month, day = (int(g) if g else None for g in match.group(1, 3, 4))
        return _date_or_none(year, month, day)  # type: ignore[arg-type]
    # 2. RFC 2822, as RSS writes it.
    try:
        parsed = parsedate_to_datetime(text)
        return _date_or_none(parsed.year, parsed.month, parsed.day)
    except (TypeError, ValueError, IndexError):
        pass
    # 3. Everything else, when it holds a four-digit year: dateparser reads
    # "15 March" as March 2015.
    if not _FOUR_DIGIT_YEAR.search(text):
        return None
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            data = _date_parser().get_date_data(text)
    except Exception:  # dateparser raises assorted errors on odd strings; no date then
        return None
    if data is None or data.date_obj is None:
        return None
    found: datetime = data.date_obj
    if data.period == "year":
        return _date_or_none(found.year, None, None)
    if data.period == "month":
        return _date_or_none(found.year, found.month, None)
    return _date_or_none(found.year, found.month, found.day)


def split_leading_date(text: str) -> tuple[PublicationDate | None, str]:
    """Take a leading `` date YYYY-MM-DD`` marker off the text.

    Some scrapers write the date before the body on the same line; the rest
    of that line is the body's first sentence and stays.

    >>> split_leading_date(" date 2024-04-15 Iran is hoping for support.")
    (PublicationDate(value='2024-04-15', precision='day'), 'Iran is hoping for support.')
    """
    match = _LEADING_DATE.match(text)
    if not match:
        return None, text
    published = parse_published(match.group(1))
    if published is None:
        return None, text
    return published, text[match.end() :]


# --- title and byline -------------------------------------------------------------


def _first_line(text: str) -> tuple[str, str]:
    """The first non-empty line, stripped, and the text after it."""
    stripped = text.lstrip()
    line, _, rest = stripped.partition("\n")
    return line.strip(), rest


def is_headline(line: str) -> bool:
    """A short line without final sentence punctuation: a headline."""
    words = line.split()
    return (
        0 < len(line) <= TITLE_MAX_CHARS
        and TITLE_MIN_WORDS <= len(words) <= TITLE_MAX_WORDS
        and not _SENTENCE_END.search(line)
        and any(c.isalpha() for c in line)
    )


def split_title(text: str) -> tuple[str | None, str]:
    """Take a standalone headline line off the top of the text.

    The first line is the title when it is at most 200 characters and 25
    words, has at least two words, and does not end in sentence punctuation
    (a period inside is fine; a question mark is allowed), and text follows
    it. Otherwise the title is None and the text is returned unchanged.

    >>> split_title("Envoys Meet in Geneva\\n\\nThe talks began on Monday.")
    ('Envoys Meet in Geneva', 'The talks began on Monday.')
    """
    line, rest = _first_line(text)
    if not is_headline(line) or not rest.strip():
        return None, text
    return line, rest.lstrip("\n")


@cache
def _country_words() -> frozenset[str]:
    import pycountry

    words: set[str] = set()
    for country in pycountry.countries:
        for attr in ("name", "common_name"):
            value = getattr(country, attr, None)
            if value:
                words.update(w.casefold() for w in re.findall(r"[\w'’-]+", value))
    return frozenset(words)


def is_byline(line: str, following: str) -> bool:
    """The line is just an author's name above a headline.

    Safe only when: it starts with "By", or it is 2-4 name words (capitalised,
    initials, particles) none of which is a country's name, and the next
    non-empty line is itself a headline (a name line over a title, not a
    title over a subtitle).
    """
    if not line or len(line) > _NAME_MAX_CHARS + 10 or any(c.isdigit() for c in line):
        return False
    has_prefix = bool(_BYLINE_PREFIX.match(line))
    name = _BYLINE_PREFIX.sub("", line)
    words = name.replace(",", " ").split()
    if not 2 <= len(words) <= _NAME_MAX_WORDS or len(name) > _NAME_MAX_CHARS:
        return False
    if not all(_NAME_WORD.match(w) for w in words):
        return False
    if has_prefix:
        return True
    if any(w.casefold().strip(".") in _country_words() for w in words):
        return False
    return is_headline(following)


def split_byline(text: str) -> tuple[str | None, str]:
    """Take an author's name line off the very top of the text, if it is safely one.

    >>> split_byline("Jane Doe\\n\\nEnvoys Meet in Geneva\\n\\nThe talks began.")
    ('Jane Doe', 'Envoys Meet in Geneva\\n\\nThe talks began.')
    """
    line, rest = _first_line(text)
    following, _ = _first_line(rest)
    if not is_byline(line, following):
        return None, text
    return _BYLINE_PREFIX.sub("", line).strip(), rest.lstrip("\n")


# --- outlet and language ------------------------------------------------------------


OUTLETS_FILE = "outlets.tsv"


@cache
def outlet_names() -> dict[str, str]:
    """``data/outlets.tsv``: web domain (a host or registered domain) to outlet name."""
    source = resources.files("entente.data").joinpath(OUTLETS_FILE)
    return read_outlets(source.read_text(encoding="utf-8"), str(source))


def read_outlets(text: str, source: str) -> dict[str, str]:
    r"""Domain to outlet name from the lines of an outlets file; raises
    DataFileError naming the line of a row that is not domain, name, country.

    >>> read_outlets("domain\tname\tcountry\nwww.voanews.com\tVoice of America\tUSA", "t")
    {'voanews.com': 'Voice of America'}
    """
    names: dict[str, str] = {}
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip() or line.startswith("#") or line.startswith("domain\t"):
            continue
        fields = [f.strip() for f in line.split("\t")]
        if len(fields) != 3 or not all(fields) or "/" in fields[0] or "." not in fields[0]:
            raise DataFileError(source, number, "expected domain, name and country, tab-separated")
        domain = fields[0].lower().removeprefix("www.")
        if domain in names:
            raise DataFileError(source, number, f"{domain} is listed twice")
        names[domain] = fields[1]
    return names


def outlet_from_url(url: str | None) -> str | None:
    """The outlet a URL belongs to: its name from ``data/outlets.tsv`` where the
    host or a domain above it is listed there (the most specific first), else the
    registered domain without ``www``.

    >>> outlet_from_url("https://www.voanews.com/a/story/8011115.html")
    'Voice of America'
    >>> outlet_from_url("https://abcnews.go.com/International/story?id=1")
    'ABC News'
    >>> outlet_from_url("https://news.example-news.com/a/1.html")
    'example-news.com'
    """
    if not url or not isinstance(url, str):
        return None
    from tld import get_fld

    try:
        domain = get_fld(url.strip(), fix_protocol=True, fail_silently=True)
    except Exception:  # tld raises its own errors on malformed hosts; no outlet then
        return None
    if not domain:
        return None
    domain = domain.lower()
    host = (urlsplit(url.strip() if "//" in url else f"//{url.strip()}").hostname or "").lower()
    names = outlet_names()
    # abcnews.go.com, then go.com: a registered domain may host several outlets.
    labels = host.removeprefix("www.").split(".") if host.endswith(domain) else []
    for i in range(len(labels) - domain.count(".")):
        name = names.get(".".join(labels[i:]))
        if name:
            return name
    return names.get(domain, domain)


_IDENTIFIER = None  # langid's LanguageIdentifier, built on first use


def _language_identifier():
    global _IDENTIFIER
    if _IDENTIFIER is None:
        from langid.langid import LanguageIdentifier, model

        # Unpacking langid's packed model (bz2, then a pickle of Python lists)
        # takes about a second of CPU per process.
        _IDENTIFIER = LanguageIdentifier.from_modelstring(model, norm_probs=True)
    return _IDENTIFIER


def language_model() -> tuple:
    """The language identifier's arrays, for ``use_language_model`` in another process.

    They pickle in milliseconds, where building the identifier from langid's
    packed model takes about a second of CPU: the Ray engine builds it once
    and hands it to its actors through the object store.
    """
    identifier = _language_identifier()
    return (
        identifier.nb_ptc,
        identifier.nb_pc,
        identifier.nb_numfeats,
        identifier.nb_classes,
        identifier.tk_nextmove,
        identifier.tk_output,
    )


def use_language_model(model: tuple) -> None:
    """Detect languages with ``model`` (from ``language_model``) from now on in this process."""
    global _IDENTIFIER
    from langid.langid import LanguageIdentifier

    _IDENTIFIER = LanguageIdentifier(*model, norm_probs=True)


def detect_language(text: str) -> tuple[str, float]:
    """The ISO 639-1 code of the text's language and langid's normalised probability.

    Reads the first 2000 characters. Text without letters is ``("und", 0.0)``.
    """
    sample = text[:LANGUAGE_SAMPLE_CHARS]
    if not any(c.isalpha() for c in sample):
        return "und", 0.0
    identifier = _language_identifier()
    # langid's own classify multiplies the whole count vector (7,480 features,
    # a few hundred non-zero, as integers) by its model matrix, which costs ~6 ms an
    # article in the main process beside the workers; the same sum taken over the
    # non-zero features alone is the same score at a tenth of the cost.
    counts = identifier.instance2fv(sample)
    present = counts.nonzero()[0]
    scores = counts[present].astype(numpy.float32) @ identifier.nb_ptc[present] + identifier.nb_pc
    probabilities = identifier.norm_probs(scores)
    best = int(numpy.argmax(probabilities))
    return str(identifier.nb_classes[best]), float(probabilities[best])


def language_name(code: str) -> str:
    """The English name of an ISO 639 language code, or the code itself."""
    import pycountry

    language = pycountry.languages.get(alpha_2=code) if len(code) == 2 else None
    language = language or pycountry.languages.get(alpha_3=code)
    return language.name if language else code


# --- HTML -------------------------------------------------------------------------


@dataclass(slots=True)
class HtmlArticle:
    """What trafilatura found in a page; any field may be missing."""

    text: str
    title: str | None = None
    author: str | None = None
    published: PublicationDate | None = None
    outlet: str | None = None
    url: str | None = None


# Elements nested deeper than this are dropped by libxml2's HTML parser (its
# default limit without XML_PARSE_HUGE), and trafilatura with them: a page of
# 100,000 nested divs came out as no text at all (issue 18).
HTML_PARSER_MAX_DEPTH = 255
# fmt: off
# Elements that never hold others (void), or whose end tag HTML lets a page leave
# out: neither deepens the nesting the parser sees.
_FLAT_ELEMENTS = frozenset((
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param",
    "source", "track", "wbr", "p", "li", "dt", "dd", "tr", "td", "th", "option", "optgroup",
    "thead", "tbody", "tfoot", "colgroup", "caption", "rb", "rt", "rp",
))
# fmt: on
_TAG = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9:-]*)[^<>]*?(/?)>")


def html_nesting_depth(html: str) -> int:
    """How deep the page's elements nest, counted from its tags (an estimate: end
    tags a page may omit do not count)."""
    depth = deepest = 0
    for match in _TAG.finditer(html):
        closing, name, self_closing = match.groups()
        if self_closing or name.lower() in _FLAT_ELEMENTS:
            continue
        depth = max(0, depth - 1) if closing else depth + 1
        deepest = max(deepest, depth)
    return deepest


def html_to_article(html: str, url: str | None = None) -> HtmlArticle:
    """Extract the main text and metadata of an HTML page with trafilatura.

    1. One parse gives both: ``bare_extraction`` with ``favor_recall`` (article
    sentences matter more than a stray menu, which ``clean_text`` removes
    later) and metadata on, whose date comes from htmldate. 2. When that
    finds no body, all the page's text is taken. The outlet is the page's
    site name, else the URL's domain. The text is ``""`` when nothing could
    be extracted.
    """
    import trafilatura

    try:  # 1.
        result = trafilatura.bare_extraction(
            html,
            url=url,
            favor_recall=True,
            include_comments=False,
            include_tables=False,
            with_metadata=True,
        )
    except Exception:  # lxml and trafilatura raise on some broken markup; no text then
        result = None
    if result is None or not getattr(result, "text", None):
        # 2. Nothing looked like an article body: fall back to all of the page's text.
        try:
            # html2txt gives nothing for some bare fragments; a wrapper fixes that.
            text = (
                trafilatura.html2txt(html)
                or trafilatura.html2txt(f"<html><body>{html}</body></html>")
                or ""
            )
        except Exception:  # same as above: broken markup gives no text
            text = ""
        if result is None:
            return HtmlArticle(text=text, outlet=outlet_from_url(url), url=url)
        result.text = text
    page_url = url or getattr(result, "url", None)
    return HtmlArticle(
        text=getattr(result, "text", None) or "",
        title=getattr(result, "title", None) or None,
        author=getattr(result, "author", None) or None,
        published=parse_published(getattr(result, "date", None)),
        outlet=getattr(result, "sitename", None) or outlet_from_url(page_url),
        url=page_url,
    )
