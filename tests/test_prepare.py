"""Tests for entente.ingest.prepare: raw articles to documents or rejections."""

from __future__ import annotations

from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from entente.ingest import prepare as prepare_module
from entente.ingest.prepare import document_id, prepare_document
from entente.ingest.readers import read_source
from entente.records import Document, PublicationDate, RawArticle, Rejection

BODY = (
    "The foreign ministers of Armenia and Azerbaijan met in Almaty on Friday for a new round "
    "of peace talks. They agreed to set up a joint commission on the border and to exchange "
    "prisoners before the end of the year, a spokesperson for the host government said.\n\n"
    "Diplomats said the commission would hold its first meeting next month."
)


def test_prepare_document_plain_text_with_title_and_leftovers():
    raw = RawArticle(
        source="a.txt", text=f"search\nAlmaty Talks Make Progress\n\n{BODY}\n\nRelated Posts"
    )
    doc = prepare_document(raw)
    assert isinstance(doc, Document)
    assert doc.title == "Almaty Talks Make Progress"
    assert doc.text == BODY
    assert doc.language == "en"
    assert doc.id == document_id(BODY)


def test_prepare_document_leading_date_marker_is_published():
    doc = prepare_document(RawArticle(source="a.txt", text=f" date 2024-04-15 {BODY}"))
    assert doc.published == PublicationDate("2024-04-15", "day")
    assert doc.text == BODY and doc.title is None


def test_prepare_document_source_date_wins_over_text_marker():
    raw = RawArticle(source="a.txt", text=f" date 2024-04-15 {BODY}", published="2024-04-16T08:00Z")
    assert prepare_document(raw).published == PublicationDate("2024-04-16", "day")


def test_prepare_document_byline_becomes_author():
    raw = RawArticle(source="a.txt", text=f"Jane Example\n\nAlmaty Talks Make Progress\n\n{BODY}")
    doc = prepare_document(raw)
    assert (doc.author, doc.title, doc.text) == ("Jane Example", "Almaty Talks Make Progress", BODY)


def test_prepare_document_source_title_repeated_in_text_dropped():
    raw = RawArticle(
        source="r.json#1",
        text=f"Almaty Talks Make Progress\n{BODY}",
        title="Almaty Talks Make Progress",
    )
    assert prepare_document(raw).text == BODY


def test_prepare_document_outlet_from_url():
    raw = RawArticle(source="r.json#1", text=BODY, url="https://www.example-news.com/a/1.html")
    assert prepare_document(raw).outlet == "example-news.com"


def test_prepare_document_html_extracted(fixtures: Path):
    raw = next(read_source(fixtures / "ingest" / "article.html"))
    doc = prepare_document(raw)
    assert doc.title == "Envoys Discuss Ceasefire Monitoring"
    assert doc.published == PublicationDate("2024-05-02", "day")
    assert doc.author == "Jane Placeholder"
    assert not doc.text.startswith("Envoys Discuss")
    assert "Doha next month" in doc.text


def test_prepare_document_french_rejected_with_language_name(fixtures: Path):
    raw = next(read_source(fixtures / "ingest" / "french.txt"))
    rejection = prepare_document(raw)
    assert isinstance(rejection, Rejection) and rejection.status == "skipped"
    assert rejection.reason.startswith("language is French (fr, p=")
    assert rejection.reason.endswith("), not en")


def test_prepare_document_french_kept_when_languages_allow_it(fixtures: Path):
    raw = next(read_source(fixtures / "ingest" / "french.txt"))
    doc = prepare_document(raw, languages=("en", "fr"))
    assert isinstance(doc, Document) and doc.language == "fr"


def test_prepare_document_too_short_rejected():
    rejection = prepare_document(
        RawArticle(source="s.txt", text="Share\n\nTalks resumed in Almaty on Friday.")
    )
    assert rejection == Rejection(
        "s.txt", "skipped", "34 characters of text after cleaning, under the 200 minimum"
    )


def test_prepare_document_min_chars_option():
    assert isinstance(
        prepare_document(RawArticle(source="s", text=BODY), min_chars=10_000), Rejection
    )


def test_prepare_document_unexpected_failure_is_error_rejection(monkeypatch):
    def broken(text):
        raise RuntimeError("boom")

    monkeypatch.setattr(prepare_module, "clean_text", broken)
    rejection = prepare_document(RawArticle(source="x.txt", text=BODY))
    assert rejection == Rejection("x.txt", "error", "could not prepare article: RuntimeError: boom")


def test_document_id_ignores_case_spacing_and_width():
    assert document_id("Iran  and\nRussia") == document_id("iran and russia ")
    assert document_id("ＩＲＡＮ") == document_id("iran")  # NFKC folds full-width letters
    assert len(document_id(BODY)) == 16
    assert document_id("Iran") != document_id("Iraq")


def test_prepare_document_same_text_same_id():
    first = prepare_document(RawArticle(source="a.txt", text=BODY))
    second = prepare_document(RawArticle(source="b.txt", text=BODY.replace(" ", "  ")))
    assert first.id == second.id


@given(
    text=st.text(max_size=3000),
    html=st.booleans(),
    published=st.one_of(st.none(), st.text(max_size=40)),
    url=st.one_of(st.none(), st.text(max_size=60)),
)
@settings(max_examples=150, deadline=None)
def test_prepare_document_never_raises(text, html, published, url):
    raw = RawArticle(
        source="h",
        text=None if html else text,
        html=text if html else None,
        published=published,
        url=url,
    )
    result = prepare_document(raw, min_chars=0)
    assert isinstance(result, Document | Rejection)


def test_every_field_is_made_valid_unicode_at_the_door():
    raw = RawArticle(
        source="feed.jsonl:3",
        text=f"{BODY}\ud800 The talks\x00 resume\x1b[31m in May \ud83d\ude00.",
        title="Talks \udfff resume",
        author="A. Writer\x07",
    )
    doc = prepare_document(raw)
    assert isinstance(doc, Document)
    for value in (doc.text, doc.title, doc.author):
        value.encode("utf-8")  # a lone surrogate raises here
        assert not any(ord(c) < 32 and c not in "\n\t" for c in value)
    assert doc.title == "Talks \ufffd resume"
    assert doc.text.endswith("\ufffd The talks resume[31m in May \U0001f600.")


def test_a_run_of_encoded_data_is_dropped_and_the_prose_kept():
    blob = "iVBORw0KGgo" * 200_000  # 2.2 MB, no whitespace: a pasted base64 image
    doc = prepare_document(RawArticle(source="a.txt", text=f"{BODY}\n\n{blob}\n\n{BODY}"))
    assert isinstance(doc, Document)
    assert doc.text == f"{BODY}\n\n{BODY}"


def test_a_text_that_is_only_encoded_data_is_skipped_with_its_reason():
    rejection = prepare_document(RawArticle(source="b.txt", text="QUJD" * 500_000))
    assert isinstance(rejection, Rejection)
    assert rejection.status == "skipped"
    assert "a run of 2,000,000 characters without a space was dropped" in rejection.reason
