"""Issue 19's page on news of 2017: every node's name readable at the default zoom.

A store of the first articles of the 2017 corpus (bench/corpus.py fetches it),
served by `entente serve` and opened in headless Chromium as in
tests/test_web_e2e.py. On the whole-corpus store the graph's names were drawn
over each other where actors crowd (China, the European Union, Russia); each
label now takes a free place around its node (web/static/graph.js).
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

# The browser fixtures of the page's own end-to-end tests.
from test_web_e2e import Server, Watched, browser, watched  # noqa: F401

pytestmark = [pytest.mark.acceptance, pytest.mark.slow]

ARTICLES = 300  # the corpus's first articles: a graph of a few dozen actors

# Each node's label box, its body's box, and its font size on screen.
DRAWN = """() => {
  const cy = window.entente.graph;
  const only = { includeEdges: false, includeOverlays: false, includeUnderlays: false };
  const box = (b) => [b.x1, b.y1, b.x2, b.y2];
  return {
    pane: [cy.width(), cy.height()],
    nodes: cy.nodes().map((n) => ({
      name: n.data("label"),
      px: parseFloat(n.renderedStyle("font-size")),
      label: box(n.renderedBoundingBox({ ...only, includeNodes: false, includeLabels: true })),
      body: box(n.renderedBoundingBox({ ...only, includeLabels: false })),
    })),
  };
}"""


@pytest.fixture(scope="module")
def news_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from entente.ingest.run import ingest
    from entente.settings import Settings

    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "bench"))
    from corpus import news_2017

    db = tmp_path_factory.mktemp("news-2017") / "news.duckdb"
    ingest([str(news_2017())], Settings.load(db=db, workers=2), limit=ARTICLES)
    return db


@pytest.fixture(scope="module")
def news_server(news_db: Path) -> Iterator[Server]:
    running = Server(news_db)
    try:
        yield running
    finally:
        running.stop()


def _overlap(a: list[float], b: list[float]) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


@pytest.mark.parametrize("single_document", [False, True], ids=["default", "single-document"])
def test_page_2017_every_name_readable_at_the_default_zoom(
    news_server: Server,
    watched: Watched,  # noqa: F811 (the fixture imported above)
    single_document: bool,
) -> None:
    page = watched.open(news_server.url)
    if single_document:
        page.check("#graph-single")  # type: ignore[attr-defined]
        page.locator("#graph-status").filter(  # type: ignore[attr-defined]
            has_text=re.compile(r"^\d+ actors, \d+ relations")
        ).wait_for()
    drawn = page.evaluate(DRAWN)  # type: ignore[attr-defined]
    nodes = drawn["nodes"]
    # By default the page draws corroborated relations only (issue 14): on these
    # 300 articles, that of Russia and the United States (Germany partner_of Russia
    # rests on one event, a phone call two articles tell: one incident, hidden).
    assert len(nodes) >= (20 if single_document else 2), [n["name"] for n in nodes]
    assert [n["name"] for n in nodes if n["px"] < 11] == []
    assert [
        n["name"] for n in nodes if not n["name"] or re.fullmatch(r"[A-Z]{3}|x-.*", n["name"])
    ] == []
    crossed = [
        (a["name"], b["name"])
        for i, a in enumerate(nodes)
        for b in nodes[i + 1 :]
        if _overlap(a["label"], b["label"])
    ]
    assert crossed == [], "names drawn over each other"
    covered = [
        (a["name"], b["name"])
        for a in nodes
        for b in nodes
        if a is not b and _overlap(a["label"], b["body"])
    ]
    assert covered == [], "names drawn over another actor"
    width, height = drawn["pane"]
    outside = [
        n["name"]
        for n in nodes
        if min(n["label"][:2] + n["body"][:2]) < 0
        or max(n["label"][2], n["body"][2]) > width
        or max(n["label"][3], n["body"][3]) > height
    ]
    assert outside == [], "names or nodes outside the pane"
    watched.check_clean()
