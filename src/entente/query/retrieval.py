"""Ranked full-text search over the store's sentences: a BM25 index (bm25s).

What the map does not code (a sentence with no event, an event the gate held
back) can still answer a question: ``search_sentences`` ranks every stored
sentence against the words of a question, so ``ask`` can cite sentences that
are "retrieved, not coded", and the page can rank sentences for a search.

The index
    One BM25 index over the *distinct* sentence texts of the store (a wire
    story carried by ten outlets is one text with ten rows behind it, so a
    search lists it once, not ten times, and its words are not counted ten
    times in the corpus statistics), plus, for each text, its rows
    (document, sentence index) and each document's publication day for
    ``since``/``until``. Words are lower-cased, English stop words dropped,
    plurals folded by the S-stemmer (Harman 1991: "drones" finds "drone",
    nothing more aggressive that would merge "arms" and "army").

Where it lives
    Beside the DuckDB file, in the folder ``STORE.duckdb.sentences/`` (an
    in-memory store keeps it in memory). It is written to a temporary folder
    and renamed into place, so a reader never sees half an index, and two
    processes building at once both end with a whole one.

When it is built, and staleness
    Lazily, on the first search of a process, and again whenever the store's
    sentences have changed: each search compares the store's *fingerprint*
    (``fingerprint``: the numbers of documents and sentences, an order-free
    hash of the document ids and the latest ingest time) with the one saved
    beside the index. An ingest changes it, and so does another store put in
    the file's place; a stale or unreadable index is rebuilt, never used. A read-only store (``entente
    serve``) cannot change while it is open, so its fingerprint is taken once
    per open store; when the folder cannot be written the index is built in
    memory and used from there.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import tempfile
import threading
import weakref
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import numpy as np

from entente.errors import UsageError
from entente.events.lexicon import DATA_DIR, read_words
from entente.query.filters import parse_day
from entente.store.db import Store

# Bumped when the saved layout or the tokenizer changes: an index of another
# version is rebuilt, not read.
INDEX_VERSION = 1
INDEX_SUFFIX = ".sentences"
# Questions longer than this are pastes, refused as the text filter refuses them.
MAX_QUERY_CHARS = 500
MAX_LIMIT = 200
# Rows fetched per round trip while building: bounded memory at any store size.
_BUILD_BATCH = 50_000
# Days since 1970-01-01 of a document with no publication day: never in a date range.
_NO_DAY = np.iinfo(np.int32).min
_WORD = re.compile(r"(?u)\b\w\w+\b")

STOP_WORDS_FILE = DATA_DIR / "retrieval" / "stop_words.txt"
# English function words: they match almost every sentence and rank nothing.
STOP_WORDS = read_words(STOP_WORDS_FILE)
# The list's own fingerprint: another list indexes other words.
_STOP_WORDS_HASH = hashlib.sha256(" ".join(sorted(STOP_WORDS)).encode()).hexdigest()[:12]


def stem(word: str) -> str:
    """Harman's S-stemmer: English plurals to their singular, nothing else.

    >>> [stem(w) for w in ("drones", "militaries", "talks", "press", "virus", "shoes")]
    ['drone', 'military', 'talk', 'press', 'virus', 'shoe']
    """
    if len(word) > 3 and word.endswith("ies") and not word.endswith(("eies", "aies")):
        return word[:-3] + "y"
    if len(word) > 3 and word.endswith("es") and not word.endswith(("aes", "ees", "oes")):
        return word[:-1]
    if len(word) > 2 and word.endswith("s") and not word.endswith(("us", "ss")):
        return word[:-1]
    return word


def tokens(text: str) -> list[str]:
    """The words BM25 counts in ``text``: lower case, no stop words, plurals folded."""
    return [stem(w) for w in _WORD.findall(text.lower()) if w not in STOP_WORDS]


@dataclass
class SentenceIndex:
    """A loaded index: BM25 over distinct texts, and the rows behind each text."""

    fingerprint: str
    retriever: Any  # bm25s.BM25
    # Rows of text u are rows[offsets[u]:offsets[u + 1]] of the row_* arrays:
    # the document (its number in doc_ids), sentence index and offsets.
    offsets: np.ndarray
    row_doc: np.ndarray
    row_idx: np.ndarray
    row_start: np.ndarray
    row_end: np.ndarray
    doc_ids: list[str]
    doc_day: np.ndarray

    @property
    def texts(self) -> int:
        return len(self.offsets) - 1

    def documents_in(self, first: int | None, last: int | None) -> np.ndarray:
        """Whether each document is published within [first, last] (days)."""
        keep = np.ones(len(self.doc_day), dtype=bool)
        if first is not None:
            keep &= self.doc_day >= first
        if last is not None:
            keep &= (self.doc_day <= last) & (self.doc_day != _NO_DAY)
        return keep

    def texts_in(self, texts: np.ndarray, documents: np.ndarray) -> np.ndarray:
        """Whether each of ``texts`` has a row in one of ``documents`` (a mask by document).

        Only the rows of the texts asked about are read: the texts a search
        scored, not all 2.8 million rows of 100,000 articles (which cost 20 ms
        of CPU a dated search).
        """
        lo = self.offsets[texts]
        counts = self.offsets[texts + 1] - lo
        firsts = np.cumsum(counts) - counts
        rows = np.repeat(lo - firsts, counts) + np.arange(int(counts.sum()))
        # (Every text has at least one row, so no slice of reduceat is empty.)
        return np.logical_or.reduceat(documents[self.row_doc[rows]], firsts)


# Loaded indexes by store path (one process: the CLI, or the server's threads).
_CACHE: dict[str, SentenceIndex] = {}
# The fingerprint seen by each open read-only store, through its read model
# (one per ``entente serve``, shared by the requests' cursors).
_CHECKED: weakref.WeakKeyDictionary[Any, str] = weakref.WeakKeyDictionary()
_LOCK = threading.Lock()


def index_dir(store: Store) -> Path | None:
    """The folder the index of ``store`` lives in; None for an in-memory store."""
    if str(store.path) == ":memory:":
        return None
    return Path(f"{store.path}{INDEX_SUFFIX}")


def fingerprint(store: Store) -> str:
    """What the index was built from: the store's documents and how many sentences.

    Documents and their sentences are only ever appended, never rewritten
    (store/write.py's CONFLICTS: "a document's rows are never rewritten"), and a
    document's id is a hash of its text; so the number of sentences and an
    order-free hash of the document ids name the sentences stored. (A hash over
    every sentence row cost 75 ms a search at 100,000 articles; this costs a few.)
    """
    docs, digest, latest = store.fetchone(
        "SELECT count(*), coalesce(bit_xor(hash(id)), 0), max(ingested_at) FROM documents"
    )
    (rows,) = store.fetchone("SELECT count(*) FROM sentences")
    return f"v{INDEX_VERSION}:{_STOP_WORDS_HASH}:{docs}:{digest}:{rows}:{latest}"


def sentence_index(store: Store) -> SentenceIndex:
    """The store's index, loaded, checked against the store and rebuilt when stale."""
    key = str(store.path.resolve()) if index_dir(store) else f":memory:{id(store.con)}"
    read_model = getattr(store, "read_model", None)
    with _LOCK:
        cached = _CACHE.get(key)
        # A read-only store cannot change while open: one check per open store.
        if (
            cached is not None
            and read_model is not None
            and _CHECKED.get(read_model) == cached.fingerprint
        ):
            return cached
        current = fingerprint(store)
        if cached is None or cached.fingerprint != current:
            cached = _load(index_dir(store), current) or build_index(store, current)
            _CACHE[key] = cached
        if read_model is not None:
            _CHECKED[read_model] = current
        return cached


def build_index(store: Store, current: str | None = None) -> SentenceIndex:
    """Index every sentence of ``store`` and save it beside the store when it can."""
    import bm25s

    current = current or fingerprint(store)
    doc_ids: list[str] = []
    doc_number: dict[str, int] = {}
    days: list[int] = []
    for doc_id, day in store.fetchall("SELECT id, published_date FROM documents ORDER BY id"):
        doc_number[doc_id] = len(doc_ids)
        doc_ids.append(doc_id)
        days.append(_day_number(day) if day is not None else _NO_DAY)

    text_number: dict[str, int] = {}
    corpus: list[list[str]] = []
    row_text: list[int] = []
    row_doc: list[int] = []
    row_idx: list[int] = []
    row_start: list[int] = []
    row_end: list[int] = []
    cursor = store.con.cursor()
    try:
        # Sentence text is the document's text sliced by the sentence's offsets
        # (character offsets, 0-based; DuckDB's substr counts from 1).
        cursor.execute(
            'SELECT s.doc_id, s.idx, s.start, s."end", '
            'substr(d.text, s.start + 1, s."end" - s.start) '
            "FROM sentences s JOIN documents d ON d.id = s.doc_id ORDER BY s.doc_id, s.idx"
        )
        while batch := cursor.fetchmany(_BUILD_BATCH):
            for doc_id, idx, start, end, text in batch:
                key = " ".join(text.split())
                number = text_number.get(key)
                if number is None:
                    number = text_number[key] = len(corpus)
                    corpus.append(tokens(text) or [""])
                row_text.append(number)
                row_doc.append(doc_number[doc_id])
                row_idx.append(idx)
                row_start.append(start)
                row_end.append(end)
    finally:
        cursor.close()

    order = np.argsort(np.asarray(row_text, dtype=np.int64), kind="stable")
    counts = np.bincount(np.asarray(row_text, dtype=np.int64), minlength=len(corpus))
    offsets = np.zeros(len(corpus) + 1, dtype=np.int64)
    np.cumsum(counts, out=offsets[1:])
    retriever = bm25s.BM25()
    if corpus:
        retriever.index(corpus, show_progress=False)
    index = SentenceIndex(
        fingerprint=current,
        retriever=retriever,
        offsets=offsets,
        row_doc=np.asarray(row_doc, dtype=np.int32)[order],
        row_idx=np.asarray(row_idx, dtype=np.int32)[order],
        row_start=np.asarray(row_start, dtype=np.int32)[order],
        row_end=np.asarray(row_end, dtype=np.int32)[order],
        doc_ids=doc_ids,
        doc_day=np.asarray(days, dtype=np.int32),
    )
    folder = index_dir(store)
    if folder is not None and corpus:
        _save(index, folder)
    return index


def _day_number(day: date) -> int:
    return (day - date(1970, 1, 1)).days


def _save(index: SentenceIndex, folder: Path) -> None:
    """Write to a temporary folder beside ``folder``, then rename it into place."""
    try:
        tmp = Path(tempfile.mkdtemp(prefix=folder.name + ".tmp-", dir=folder.parent))
    except OSError:
        return  # a read-only place: the index lives in memory only
    try:
        index.retriever.save(str(tmp / "bm25"), show_progress=False)
        np.savez(
            tmp / "rows.npz",
            offsets=index.offsets,
            row_doc=index.row_doc,
            row_idx=index.row_idx,
            row_start=index.row_start,
            row_end=index.row_end,
            doc_day=index.doc_day,
        )
        (tmp / "documents.json").write_text(json.dumps(index.doc_ids), encoding="utf-8")
        # Written last: a folder without it is no index.
        meta = {"version": INDEX_VERSION, "fingerprint": index.fingerprint, "texts": index.texts}
        (tmp / "meta.json").write_text(json.dumps(meta), encoding="utf-8")
        old = folder.with_name(folder.name + f".old-{os.getpid()}")
        if folder.exists():
            folder.rename(old)
        tmp.rename(folder)
        shutil.rmtree(old, ignore_errors=True)
    except OSError:
        shutil.rmtree(tmp, ignore_errors=True)


def _load(folder: Path | None, current: str) -> SentenceIndex | None:
    """The saved index when it is whole and of the store as it is now; None otherwise."""
    import bm25s

    if folder is None or not (folder / "meta.json").is_file():
        return None
    try:
        meta = json.loads((folder / "meta.json").read_text(encoding="utf-8"))
        if meta.get("version") != INDEX_VERSION or meta.get("fingerprint") != current:
            return None
        retriever = bm25s.BM25.load(str(folder / "bm25"), mmap=True, show_progress=False)
        with np.load(folder / "rows.npz") as rows:
            arrays = {name: rows[name] for name in rows.files}
        doc_ids = json.loads((folder / "documents.json").read_text(encoding="utf-8"))
    except (OSError, ValueError, KeyError):
        return None
    return SentenceIndex(
        fingerprint=current,
        retriever=retriever,
        offsets=arrays["offsets"],
        row_doc=arrays["row_doc"],
        row_idx=arrays["row_idx"],
        row_start=arrays["row_start"],
        row_end=arrays["row_end"],
        doc_ids=doc_ids,
        doc_day=arrays["doc_day"],
    )


def search_sentences(
    store: Store,
    text: str,
    limit: int = 10,
    since: date | str | None = None,
    until: date | str | None = None,
) -> list[dict[str, Any]]:
    """The stored sentences that best match ``text`` (BM25), best first.

    Each record: ``doc``, ``outlet``, ``published``, ``title``, ``sentence`` (the stored
    text, character for character), ``start``/``end`` (its offsets in the
    document), ``score`` (BM25, rounded), and ``copies`` (how many stored rows
    carry the same text; the one cited is the newest within the dates).
    ``since``/``until`` bound the document's publication date (``until`` names
    a whole period, as the filters do). A search with no searchable word (only
    stop words) finds nothing. Raises UsageError for a bad limit, date or a
    paste longer than ``MAX_QUERY_CHARS``.
    """
    if not 1 <= limit <= MAX_LIMIT:
        raise UsageError(f"limit={limit}: choose 1 to {MAX_LIMIT}.")
    if len(text) > MAX_QUERY_CHARS:
        raise UsageError(
            f"The search is longer than {MAX_QUERY_CHARS} characters: search for fewer words."
        )
    first = _as_day(since, "since", parse_day, last=False)
    last = _as_day(until, "until", parse_day, last=True)
    words = tokens(text)
    if not words:
        return []
    index = sentence_index(store)
    if index.texts == 0:
        return []
    known = [w for w in words if w in index.retriever.vocab_dict]
    if not known:
        return []
    scores = index.retriever.get_scores(known)
    documents = None
    if first is not None or last is not None:
        # A text is kept when one of its rows is in an article of those dates.
        documents = index.documents_in(first, last)
        scored = np.flatnonzero(scores > 0)
        if len(scored):
            outside = scored[~index.texts_in(scored, documents)]
            scores = scores.copy()
            scores[outside] = 0.0
    hits = _top(scores, limit)
    return _records(store, index, hits, scores, documents)


def _as_day(value: date | str | None, name: str, parse: Any, last: bool) -> int | None:
    if value is None or value == "":
        return None
    day = value if isinstance(value, date) else parse(str(value), name, last=last)
    return _day_number(day)


def _top(scores: np.ndarray, limit: int) -> list[int]:
    """Indices of the ``limit`` highest positive scores, best first (ties: lower index)."""
    positive = np.flatnonzero(scores > 0)
    if len(positive) > limit:
        part = np.argpartition(-scores[positive], limit - 1)[:limit]
        positive = positive[part]
    order = sorted(positive.tolist(), key=lambda u: (-float(scores[u]), u))
    return order


def _records(
    store: Store,
    index: SentenceIndex,
    hits: Iterable[int],
    scores: np.ndarray,
    documents: np.ndarray | None,
) -> list[dict[str, Any]]:
    chosen: list[tuple[int, int, int]] = []  # text, row, copies
    for u in hits:
        lo, hi = int(index.offsets[u]), int(index.offsets[u + 1])
        rows = np.arange(lo, hi)
        if documents is not None:
            rows = rows[documents[index.row_doc[lo:hi]]]
        if not len(rows):
            continue
        # The newest copy within the dates: the reader opens the latest report.
        days = index.doc_day[index.row_doc[rows]]
        chosen.append((u, int(rows[int(np.argmax(days))]), len(rows)))
    if not chosen:
        return []
    # The documents by id (their primary key): joining sentences with
    # documents here scanned both tables (300 ms at 100,000 articles).
    wanted = sorted({index.doc_ids[int(index.row_doc[row])] for _, row, _ in chosen})
    documents = {
        r[0]: r
        for r in store.fetchall(
            "SELECT id, outlet, published, text, title FROM documents WHERE id IN "
            f"({', '.join('?' * len(wanted))})",
            wanted,
        )
    }
    records = []
    for u, row, copies in chosen:
        doc = documents.get(index.doc_ids[int(index.row_doc[row])])
        if doc is None:  # the store changed under a cached index: skip, never misquote
            continue
        start, end = int(index.row_start[row]), int(index.row_end[row])
        records.append(
            {
                "doc": doc[0],
                "outlet": doc[1],
                "published": doc[2],
                "title": doc[4],
                "sentence": doc[3][start:end],
                "start": start,
                "end": end,
                "score": round(float(scores[u]), 4),
                "copies": copies,
            }
        )
    return records
