"""Builds the spaCy Language: the only place a model is loaded.

No code fetches weights at run time: the model must be an installed package.
"""

from __future__ import annotations

import importlib.util
import re
from bisect import bisect_right
from collections.abc import Iterable, Iterator
from functools import lru_cache

from spacy.attrs import ORTH, SPACY
from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from entente.errors import ModelNotInstalled
from entente.settings import DEFAULT_MODELS

# Components no stage of entente reads. The small English pipelines ship
# "senter" disabled already (the parser sets sentence boundaries); it stays off.
UNUSED_COMPONENTS: tuple[str, ...] = ("senter",)


def installed_model(name: str | None = None) -> str:
    """The name of the spaCy pipeline to load: ``name`` if given, else the first
    installed of DEFAULT_MODELS. Raises ModelNotInstalled."""
    candidates = [name] if name else list(DEFAULT_MODELS)
    for candidate in candidates:
        if importlib.util.find_spec(candidate) is not None:
            return candidate
    raise ModelNotInstalled(name or DEFAULT_MODELS[0], candidates)


@lru_cache(maxsize=2)
def load_pipeline(name: str | None = None) -> Language:
    """Load the spaCy pipeline (cached per process).

    >>> nlp = load_pipeline()  # doctest: +SKIP
    >>> [t.dep_ for t in nlp("Iran attacked Israel.")]  # doctest: +SKIP
    ['nsubj', 'ROOT', 'dobj', 'punct']
    """
    import spacy

    model = installed_model(name)
    try:
        nlp = spacy.load(model, exclude=[c for c in UNUSED_COMPONENTS])
    except OSError as exc:  # a package that is present but broken
        raise ModelNotInstalled(model, [model]) from exc
    return nlp


# The most characters the parser is handed as one text. Its working memory
# grows with the text (about 3.5 MB per thousand characters with the small
# English model: 60 MB at 16,000), so a longer article is parsed in parts.
PARSE_MAX_CHARS = 16_000

# Where a long text may be cut, best first: after a paragraph break, after a
# sentence's end, after any space. A cut always follows whitespace, so the parts
# join back into the text exactly, token for token.
_CUTS = (re.compile(r"\n\s*"), re.compile(r"[.!?][\"'”’)\]]*\s+"), re.compile(r"\s+"))


def text_parts(text: str, max_chars: int) -> list[str]:
    r"""``text`` as consecutive parts of at most ``max_chars`` characters that join
    back into it, each cut at the best boundary in its second half. Where the
    second half holds no whitespace at all the part is cut at ``max_chars``
    itself: no part may outgrow what the parser takes (spaCy refuses a text
    over ``nlp.max_length``, and one such text would end its whole batch).

    >>> text_parts("One. Two.\n\nThree four.", 12)
    ['One. Two.\n\n', 'Three four.']
    >>> text_parts("ab cdefghijkl", 4)
    ['ab ', 'cdef', 'ghij', 'kl']
    """
    parts: list[str] = []
    start = 0
    while len(text) - start > max_chars:
        end = start + max_chars
        cut = None
        for pattern in _CUTS:
            found = [m.end() for m in pattern.finditer(text, start + max_chars // 2, end)]
            if found:
                cut = found[-1]
                break
        if cut is None:  # no space in the second half: not a word, data
            cut = end
        parts.append(text[start:cut])
        start = cut
    parts.append(text[start:])
    return [part for part in parts if part]


def parse_texts(
    nlp: Language, texts: Iterable[str], max_chars: int, batch_size: int = 16
) -> Iterator[Doc]:
    """``nlp.pipe`` over ``texts``, except that a text longer than ``max_chars`` is
    parsed a part at a time (``text_parts``) and its parts joined into one Doc.

    The parser's working memory grows with the text it is handed at once (about
    3.5 MB per thousand characters with the small English model), so one very
    long article would otherwise set a worker's peak. The cuts fall on paragraph
    or sentence boundaries, which the parser would have drawn there anyway.
    """
    short: list[str] = []

    def flush() -> Iterator[Doc]:
        yield from nlp.pipe(short, batch_size=batch_size)
        short.clear()

    for text in texts:
        if len(text) <= max_chars:
            short.append(text)
            if len(short) >= batch_size:
                yield from flush()
            continue
        yield from flush()
        parts = [nlp(part) for part in text_parts(text, max_chars)]
        yield Doc.from_docs(parts, ensure_whitespace=False) if len(parts) > 1 else parts[0]
    yield from flush()


def index_sentences(doc: Doc) -> list[Span]:
    """Compute the parser's sentences once and make ``Token.sent``, ``Span.sent``
    and ``Doc.sents`` look them up by bisection.

    Without this every ``.sent`` walks the document's sentences again, which made
    the actor and event stages quadratic in a document's length (a 100-article
    profile spent 9 s of 37 there). Returns the sentences.
    """
    sentences = list(doc.sents)
    starts = [sentence.start for sentence in sentences]

    def sentence_of(position: int) -> Span:
        return sentences[max(bisect_right(starts, position) - 1, 0)]

    def token_sent(token: Token) -> Span:
        return sentence_of(token.i)

    def span_sent(span: Span) -> Span:
        return sentence_of(span.start)

    def doc_sents(_: Doc) -> list[Span]:
        return sentences

    doc.user_token_hooks["sent"] = token_sent
    doc.user_span_hooks["sent"] = span_sent
    doc.user_hooks["sents"] = doc_sents
    return sentences


def forget_sentences(doc: Doc) -> None:
    """Undo ``index_sentences`` once a Doc is done with.

    Its hooks hold the Doc's own sentences, so the Doc is in a reference cycle
    that only Python's rare full collections free: until then each coded Doc
    kept its arrays, and a worker's memory climbed by about 60 MB between
    collections (a sawtooth over the 2017 corpus). Without the hooks the Doc is
    freed as soon as the last reference to it goes.
    """
    doc.user_token_hooks.pop("sent", None)
    doc.user_span_hooks.pop("sent", None)
    doc.user_hooks.pop("sents", None)


# The strings of the hashes met so far. A StringStore lookup costs about as much
# as making a Token, and the same few thousand words recur in every document.
# A hash names one string whatever the vocabulary, so entries never go stale
# (spaCy's memory zones may drop a string from the store; the table keeps it);
# the table is emptied when full so that a long run's memory stays flat.
_STRINGS: dict[int, str] = {}
STRING_TABLE_MAX = 50_000


def strings_of(doc: Doc, hashes: list[int]) -> dict[int, str]:
    """A table holding the string of every hash in ``hashes`` (ORTH, LOWER, LEMMA
    ids of ``doc``'s arrays): one StringStore lookup per new string per process."""
    table = _STRINGS
    missing = set(hashes).difference(table)
    if missing:
        if len(table) + len(missing) > STRING_TABLE_MAX:
            table.clear()
            missing = set(hashes)
        store = doc.vocab.strings
        for key in missing:
            table[key] = store[key]
    return table


def doc_words(doc: Doc) -> tuple[list[str], list[int]]:
    """Each token's text and whether a space follows it, off the Doc's arrays."""
    if len(doc) == 0:
        return [], []
    orth, spacy = doc.to_array([ORTH, SPACY]).T.tolist()
    table = strings_of(doc, orth)
    return [table[key] for key in orth], spacy


def doc_text(doc: Doc) -> str:
    """``doc.text`` without a Token object per token (``Doc.text`` makes one for
    each token and reads its text and space: several times slower)."""
    words, spacy = doc_words(doc)
    return "".join(
        [word + " " if space else word for word, space in zip(words, spacy, strict=True)]
    )
