"""The page's Ask box, end to end (issue 17): `entente serve` on a store of a few
invented articles, driven in Debian's headless Chromium like the other views
(tests/test_web_e2e.py). A question is typed, an answer comes with its cited
sentences, and a click opens the reader on that sentence in its article.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

# The browser fixtures of the page's own end-to-end tests.
from test_web_e2e import Server, Watched, browser, watched  # noqa: F401

pytestmark = pytest.mark.slow

HOSTILE = "<img src=x onerror=alert(1)>"
# Invented reports (no publisher's text), each long enough for ingest to keep.
ARTICLES = [
    {
        "title": "Drone deliveries reported",
        "outlet": "Harbour Post",
        "date": "2031-03-02",
        "text": (
            "Iran delivered hundreds of attack drones to Russia in February, Ukrainian "
            "officials said on Monday, citing intercepted shipping records. The drones were "
            "flown to an airfield near the border, the officials said. Russia did not comment "
            "on the report, and Iran's foreign ministry called it baseless."
        ),
    },
    {
        "title": "Ministers meet on grain",
        "outlet": "Valley Times",
        "date": "2031-04-11",
        "text": (
            "Turkey and Greece agreed on Tuesday to resume talks over grain shipments across "
            "the Aegean Sea, officials in Ankara said after the two foreign ministers met in "
            f"Geneva. A note pinned to the ministry door read {HOSTILE} before it was taken "
            "down, the ministry said. The ministers will meet again in May."
        ),
    },
]


@pytest.fixture(scope="module")
def ask_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from entente.ingest.run import ingest
    from entente.settings import Settings

    folder = tmp_path_factory.mktemp("ask-inputs")
    paths = []
    for number, record in enumerate(ARTICLES):
        path = folder / f"article-{number}.json"
        path.write_text(json.dumps(record), encoding="utf-8")
        paths.append(str(path))
    db = tmp_path_factory.mktemp("ask-store") / "ask.duckdb"
    ingest(paths, Settings.load(db=db, workers=1))
    return db


@pytest.fixture(scope="module")
def ask_server(ask_db: Path) -> Iterator[Server]:
    running = Server(ask_db)
    yield running
    running.stop()


def _squash(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def _open_first_citation(page: object) -> str:
    """Clicks the first cited sentence; the reader must mark that same sentence."""
    citation = page.locator("#ask-answers .citation").first  # type: ignore[attr-defined]
    citation.wait_for(timeout=30_000)
    sentence = _squash(citation.locator(".citation-sentence").inner_text())
    start, end = citation.get_attribute("data-start"), citation.get_attribute("data-end")
    citation.click()
    page.wait_for_selector(f'#reader[data-sentence="{start}:{end}"]')  # type: ignore[attr-defined]
    mark = page.locator("#reader .article-text mark.evidence")  # type: ignore[attr-defined]
    assert _squash(mark.inner_text()) == sentence
    return sentence


def test_a_question_is_answered_with_sentences_that_open_in_the_reader(
    ask_server: Server,
    watched: Watched,  # noqa: F811
) -> None:
    page = watched.open(ask_server.url)
    page.fill("#ask-q", "Who supplies drones to Russia?")  # type: ignore[attr-defined]
    page.click("#ask-form button[type=submit]")  # type: ignore[attr-defined]
    page.wait_for_selector("#view-ask:not([hidden])")  # type: ignore[attr-defined]
    # The first answer that cites sentences: it has a certainty and opens the reader.
    answer = page.locator("#ask-answers .answer").filter(has=page.locator(".citation")).first  # type: ignore[attr-defined]
    answer.wait_for(timeout=30_000)
    assert answer.locator(".answer-text").inner_text().strip()
    assert answer.locator(".certainty").inner_text().strip()
    sentence = _open_first_citation(page)
    assert "drones" in sentence
    # The reader shows the whole article around it, with its outlet.
    assert "Harbour Post" in page.locator("#reader .doc-meta").inner_text()  # type: ignore[attr-defined]


def test_a_sentence_search_lists_retrieved_sentences_and_keeps_markup_as_text(
    ask_server: Server,
    watched: Watched,  # noqa: F811
) -> None:
    page = watched.open(ask_server.url)
    page.fill("#ask-q", "note pinned to the ministry door")  # type: ignore[attr-defined]
    page.click("#ask-search")  # type: ignore[attr-defined]
    page.locator("#ask-answers").filter(has_text="retrieved, not coded").wait_for()  # type: ignore[attr-defined]
    sentence = _open_first_citation(page)
    # The markup in the article is shown as the text it is, never run.
    assert HOSTILE in sentence
    assert page.locator("#ask-answers img, #reader img").count() == 0  # type: ignore[attr-defined]


def test_a_search_nothing_matches_says_so(
    ask_server: Server,
    watched: Watched,  # noqa: F811
) -> None:
    page = watched.open(ask_server.url + "#ask")
    page.fill("#ask-q", "zeppelins")  # type: ignore[attr-defined]
    page.click("#ask-search")  # type: ignore[attr-defined]
    page.locator("#ask-answers").filter(has_text="No stored sentence matches").wait_for()  # type: ignore[attr-defined]
    assert page.locator("#ask-answers .citation").count() == 0  # type: ignore[attr-defined]
