"""Tests for entente.ingest.metadata: dates, titles, bylines, outlets, language, HTML."""

from __future__ import annotations

from pathlib import Path

import pytest

from entente.errors import DataFileError
from entente.ingest import metadata
from entente.ingest.metadata import (
    detect_language,
    html_to_article,
    is_headline,
    language_model,
    language_name,
    outlet_from_url,
    outlet_names,
    parse_published,
    read_outlets,
    split_byline,
    split_leading_date,
    split_title,
    use_language_model,
)
from entente.records import PublicationDate

BODY = "The two delegations met in Baku on Monday and agreed to reopen the border crossing."


# --- parse_published ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2025-03-14 20:30:26Z", PublicationDate("2025-03-14", "day")),
        ("2024-06-10T11:00:00+02:00", PublicationDate("2024-06-10", "day")),
        ("2024-03", PublicationDate("2024-03", "month")),
        ("2019", PublicationDate("2019", "year")),
        ("Tue, 05 Mar 2024 08:00:00 GMT", PublicationDate("2024-03-05", "day")),
        ("Oct. 23, 2023", PublicationDate("2023-10-23", "day")),
        ("15 April 2024", PublicationDate("2024-04-15", "day")),
        ("March 2024", PublicationDate("2024-03", "month")),
        ("2017/2/7", PublicationDate("2017-02-07", "day")),
        ("2017.12.01", PublicationDate("2017-12-01", "day")),
    ],
)
def test_parse_published_precision(value: str, expected: PublicationDate):
    assert parse_published(value) == expected


@pytest.mark.parametrize(
    "value", [None, "", "not a date", "15 March", "yesterday", "2024-13-45", "2017/13/40"]
)
def test_parse_published_unreadable_or_incomplete_is_none(value):
    """A value without a year, or relative to today, must not borrow the current date."""
    assert parse_published(value) is None


# --- split_leading_date ------------------------------------------------------------


def test_split_leading_date_marker_removed_body_kept():
    published, rest = split_leading_date(f" date 2024-04-15 {BODY}")
    assert published == PublicationDate("2024-04-15", "day")
    assert rest == BODY


def test_split_leading_date_date_inside_text_kept():
    text = f"{BODY} The date 2024-04-15 was chosen for the vote."
    assert split_leading_date(text) == (None, text)


# --- split_title -----------------------------------------------------------------------


def test_split_title_short_headline_line_taken():
    assert split_title(f"Border Crossing to Reopen\n\n{BODY}") == (
        "Border Crossing to Reopen",
        BODY,
    )


def test_split_title_headline_with_inner_period_taken():
    title = "The war was a blunder. The next step could be worse"
    assert split_title(f"{title}\n{BODY}") == (title, BODY)


def test_split_title_question_headline_taken():
    assert split_title(f"Will the Ceasefire Hold?\n{BODY}")[0] == "Will the Ceasefire Hold?"


def test_split_title_sentence_first_line_kept_in_text():
    text = f"{BODY}\n\nA second paragraph follows."
    assert split_title(text) == (None, text)


def test_split_title_long_first_line_without_period_kept():
    line = " ".join(["word"] * 30)
    assert split_title(f"{line}\n{BODY}") == (None, f"{line}\n{BODY}")


def test_split_title_single_line_text_has_no_title():
    assert split_title("Border Crossing to Reopen") == (None, "Border Crossing to Reopen")


def test_is_headline_one_word_kicker_not_a_title():
    assert not is_headline("Ukraine")


# --- split_byline -----------------------------------------------------------------------


def test_split_byline_name_above_headline_taken():
    text = f"Jane Q. Example\n\nBorder Crossing to Reopen\n\n{BODY}"
    assert split_byline(text) == ("Jane Q. Example", f"Border Crossing to Reopen\n\n{BODY}")


def test_split_byline_by_prefix_taken():
    assert split_byline(f"By Omar al-Example\n{BODY}") == ("Omar al-Example", BODY)


def test_split_byline_headline_above_subtitle_kept():
    """A title-cased headline over a sentence is a title, not a name."""
    text = f"Russia Iran Talks\n\n{BODY}"
    assert split_byline(text) == (None, text)


def test_split_byline_country_words_not_a_name():
    text = f"Ukraine Poland\n\nBorder Crossing to Reopen\n\n{BODY}"
    assert split_byline(text) == (None, text)


# --- outlet_from_url ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("url", "outlet"),
    [
        ("https://www.voanews.com/a/story/8011115.html", "Voice of America"),
        ("https://abcnews.go.com/International/story?id=1", "ABC News"),
        ("https://go.com/", "go.com"),
        ("http://europe.chinadaily.com.cn/world/2017-02/01/1.htm", "China Daily"),
        ("https://news.example.co.uk/world/1", "example.co.uk"),
        ("example.org/path", "example.org"),
        ("not a url", None),
        (None, None),
    ],
)
def test_outlet_from_url_names_a_listed_outlet_else_the_registered_domain(url, outlet):
    assert outlet_from_url(url) == outlet


def test_every_outlet_of_the_data_file_is_found_by_its_domain():
    names = outlet_names()
    assert len(names) > 100
    for domain, name in names.items():
        assert outlet_from_url(f"https://www.{domain}/world/story.html") == name


@pytest.mark.parametrize(
    "line", ["voanews.com\tVoice of America", "voanews.com/a\tVOA\tUSA", "\tVOA\tUSA"]
)
def test_a_bad_line_of_the_outlets_file_is_named(line):
    with pytest.raises(DataFileError, match=r"outlets.tsv:2"):
        read_outlets(f"domain\tname\tcountry\n{line}", "outlets.tsv")


# --- language -----------------------------------------------------------------------------


def test_detect_language_english_with_probability():
    code, probability = detect_language(BODY * 3)
    assert code == "en" and 0.9 < probability <= 1.0


def test_detect_language_french():
    text = "Les ministres se sont réunis mardi à Paris pour discuter de la sécurité en Europe."
    assert detect_language(text)[0] == "fr"


@pytest.mark.parametrize(
    "text",
    [
        "The ministers met in Vienna on Tuesday to discuss the ceasefire and the border.",
        "Die Minister trafen sich am Dienstag in Wien, um über die Waffenruhe zu sprechen.",
        "Los ministros se reunieron el martes en Viena para hablar del alto el fuego.",
        "Министры встретились во вторник в Вене, чтобы обсудить перемирие.",
        "ok",
    ],
)
def test_detect_language_scores_as_langid_does(text):
    from langid.langid import LanguageIdentifier, model

    expected_code, expected_probability = LanguageIdentifier.from_modelstring(
        model, norm_probs=True
    ).classify(text)
    code, probability = detect_language(text)
    assert code == expected_code and probability == pytest.approx(expected_probability, abs=1e-6)


def test_language_model_handed_over_detects_as_the_one_built(monkeypatch):
    """What the Ray engine's actors do: take the driver's model, pickled, never build one."""
    import pickle

    from langid.langid import LanguageIdentifier

    texts = [
        "The ministers met in Vienna on Tuesday to discuss the ceasefire and the border.",
        "Die Minister trafen sich am Dienstag in Wien, um über die Waffenruhe zu sprechen.",
        "Министры встретились во вторник в Вене, чтобы обсудить перемирие.",
    ]
    expected = [detect_language(text) for text in texts]
    handed = pickle.loads(pickle.dumps(language_model()))

    def no_build(*args, **kwargs):
        raise AssertionError("the language model was built again")

    monkeypatch.setattr(metadata, "_IDENTIFIER", None)
    monkeypatch.setattr(LanguageIdentifier, "from_modelstring", no_build)
    use_language_model(handed)
    assert [detect_language(text) for text in texts] == expected


def test_detect_language_no_letters_undetermined():
    assert detect_language("12345 --- 678") == ("und", 0.0)


def test_language_name_from_code():
    assert language_name("fr") == "French" and language_name("xx") == "xx"


# --- html_to_article ------------------------------------------------------------------------


def test_html_to_article_text_and_metadata(fixtures: Path):
    html = (fixtures / "ingest" / "article.html").read_text()
    page = html_to_article(html, None)
    assert page.title == "Envoys Discuss Ceasefire Monitoring"
    assert page.author == "Jane Placeholder"
    assert page.published == PublicationDate("2024-05-02", "day")
    assert page.outlet == "The Example Herald"
    assert "Qatar said it would fund the mission" in page.text
    assert "Subscribe to our newsletter" not in page.text


def test_html_to_article_outlet_from_url_when_no_site_name():
    page = html_to_article(
        f"<html><body><p>{BODY * 3}</p></body></html>", "https://www.example.net/a"
    )
    assert page.outlet == "example.net" and "Baku" in page.text


def test_html_to_article_bare_fragment_without_body_falls_back_to_all_text():
    page = html_to_article("<p>" + "Talks went on in Geneva. " * 20000 + "</p>", None)
    assert page.text.startswith("Talks went on in Geneva.")


def test_html_to_article_markup_without_text_gives_empty_text():
    assert html_to_article("<html><body><div><br></div></body></html>", None).text == ""
