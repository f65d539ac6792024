"""Questions answered from the map: reading the question, then answers with their sentences."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from map_fixtures import doc, event, store_of

from entente.cli import main
from entente.consolidate import update_map
from entente.errors import DataFileError, UsageError
from entente.pipeline import CodedDocument
from entente.query.ask import ask
from entente.query.question import (
    QuestionReader,
    interpret,
    load_question_knowledge,
    load_question_words,
)
from entente.store.db import Store

pytestmark = pytest.mark.slow  # the question is parsed by the real spaCy pipeline


@pytest.fixture(scope="module")
def reader(nlp, registry) -> QuestionReader:
    return QuestionReader(nlp, registry)


def _build(path: Path, docs: list) -> Store:
    store = store_of(path, docs)
    update_map(store, [d.document.id for d in docs])
    return store


def _ask(store: Store, reader: QuestionReader, question: str, **options) -> dict:
    return ask(store, question, reader=reader, knowledge=load_question_knowledge(), **options)


def _first(answer: dict) -> dict:
    return answer["answers"][0]


DRONES = event(
    "e-1",
    "AID",
    ["IRN"],
    ["RUS"],
    "Iran supplied Shahed drones to Russia.",
    date="2022-09",
    items=["Shahed drones"],
    trigger="supplied",
)
DRONES_AGAIN = event(
    "e-2",
    "AID",
    ["IRN"],
    ["RUS"],
    "Iran has supplied Russia with Shahed drones.",
    date="2022-09",
    items=["Shahed drones"],
    trigger="supplied",
)


def test_question_reader_finds_the_asked_side_and_the_act(reader: QuestionReader) -> None:
    reading = interpret("Who supplies drones to Russia?", reader, load_question_knowledge())
    assert reading.form == "who"
    assert [(a.ref.actor_id, a.role) for a in reading.actors] == [("RUS", "recipient")]
    assert "AID" in reading.types and "arms_supplier_of" in reading.relation_kinds
    assert "drone" in reading.topic


def test_a_buyer_is_the_recipient_of_the_transfer(reader: QuestionReader) -> None:
    reading = interpret("Did Turkey buy missiles from Russia?", reader, load_question_knowledge())
    roles = {a.ref.country: a.role for a in reading.actors}
    assert reading.form == "yes_no"
    assert roles == {"TUR": "recipient", "RUS": "actor"}


def test_the_verb_is_the_act_and_its_object_the_topic(reader: QuestionReader) -> None:
    reading = interpret(
        "Did Russia condemn the October 7 attack?", reader, load_question_knowledge()
    )
    assert reading.types == ("ACCUSE",)
    assert "attack" in reading.topic and "October 7" in reading.topic
    assert reading.since is None  # a date with no year names the event, not a period


def test_a_period_the_question_names_bounds_it(reader: QuestionReader) -> None:
    reading = interpret(
        "How many missiles did Iran launch at Israel in April 2024?",
        reader,
        load_question_knowledge(),
    )
    assert (reading.form, reading.since, reading.until) == ("how_many", "2024-04", "2024-04")
    assert reading.types == ("ASSAULT",)


def test_empty_question_is_refused(reader: QuestionReader) -> None:
    with pytest.raises(UsageError):
        interpret("   ", reader, load_question_knowledge())


def test_question_words_refuse_an_unknown_type(tmp_path: Path) -> None:
    path = tmp_path / "words.tsv"
    path.write_text("supply\tV\tGIFT\t-\t-\n", encoding="utf-8")
    with pytest.raises(DataFileError, match="GIFT"):
        load_question_words(path, frozenset({"AID"}), frozenset({"backs"}))


def test_who_is_answered_from_the_relation_first_with_its_sentences(
    tmp_path: Path, reader: QuestionReader
) -> None:
    docs = [
        doc("d-1", "a.com", "2022-10-01", [DRONES]),
        doc("d-2", "b.com", "2022-10-03", [DRONES_AGAIN]),
    ]
    with _build(tmp_path / "s.duckdb", docs) as store:
        answer = _ask(store, reader, "Who supplies drones to Russia?")
    first = _first(answer)
    assert first["kind"] == "relation" and first["certainty"] == "asserted"
    assert first["text"].startswith("Iran supplies arms to Russia")
    assert {c["outlet"] for c in first["citations"]} <= {"a.com", "b.com"}
    assert 1 <= len(first["citations"]) <= 3
    assert answer["answers"][1]["kind"] == "event"


def _russia_not_condemning() -> CodedDocument:
    """One article whose one event is a negative ACCUSE: Russia has not condemned Hamas."""
    refusal = event(
        "e-1",
        "ACCUSE",
        ["RUS"],
        ["hamas"],
        "Russia has not condemned the Hamas attack.",
        polarity="negative",
        trigger="condemned",
    )
    return doc("d-1", "a.com", "2023-10-20", [refusal])


def test_yes_needs_a_cited_event_and_no_comes_from_a_negative_one(
    tmp_path: Path, reader: QuestionReader
) -> None:
    with _build(tmp_path / "s.duckdb", [_russia_not_condemning()]) as store:
        no = _ask(store, reader, "Did Russia condemn Hamas?")
        nothing = _ask(store, reader, "Did Russia attack Hamas?")
    assert _first(no)["text"].startswith("No: ")
    assert "not condemned" in _first(no)["citations"][0]["sentence"]
    assert _first(nothing)["kind"] == "none" and not _first(nothing)["citations"]
    assert not _first(nothing)["text"].lower().startswith("yes")


def test_an_alleged_act_is_answered_as_alleged_not_yes(
    tmp_path: Path, reader: QuestionReader
) -> None:
    training = event(
        "e-1",
        "AID",
        ["wagner-group"],
        ["hamas"],
        "Reports allege that Wagner trained Hamas fighters.",
        certainty="alleged",
        trigger="trained",
    )
    with _build(tmp_path / "s.duckdb", [doc("d-1", "a.com", "2023-10-20", [training])]) as store:
        answer = _ask(store, reader, "Did Wagner train Hamas?")
    assert _first(answer)["text"].startswith("Alleged")
    assert _first(answer)["certainty"] == "alleged"


def test_a_claim_and_its_denial_make_sources_disagree(
    tmp_path: Path, reader: QuestionReader
) -> None:
    claim = event(
        "e-1",
        "ASSAULT",
        ["RUS"],
        ["TUR"],
        "Witnesses said Russia bombed Turkish troops.",
        certainty="alleged",
        date="2023-05-02",
        trigger="bombed",
    )
    denial = event(
        "e-2",
        "ASSAULT",
        ["RUS"],
        ["TUR"],
        "Russia denied that it bombed Turkish troops.",
        certainty="denied",
        date="2023-05-02",
        trigger="bombed",
    )
    docs = [doc("d-1", "a.com", "2023-05-03", [claim]), doc("d-2", "b.com", "2023-05-03", [denial])]
    with _build(tmp_path / "s.duckdb", docs) as store:
        answer = _ask(store, reader, "Did Russia attack Turkey?")
    first = _first(answer)
    assert first["text"].startswith(("Sources disagree", "Denied"))
    assert not first["text"].startswith("Yes")


def test_numbers_that_differ_are_each_given_with_their_source(
    tmp_path: Path, reader: QuestionReader
) -> None:
    one = event(
        "e-1",
        "ASSAULT",
        ["IRN"],
        ["ISR"],
        "Iran launched 350 missiles and drones at Israel.",
        date="2024-04-13",
        quantities=[(350, "missiles and drones")],
        trigger="launched",
    )
    other = event(
        "e-2",
        "ASSAULT",
        ["IRN"],
        ["ISR"],
        "Iran fired 300 missiles and drones at Israel.",
        date="2024-04-13",
        quantities=[(300, "missiles and drones")],
        trigger="fired",
    )
    docs = [doc("d-1", "a.com", "2024-04-15", [one]), doc("d-2", "b.com", "2024-04-16", [other])]
    with _build(tmp_path / "s.duckdb", docs) as store:
        answer = _ask(store, reader, "How many missiles did Iran launch at Israel?")
    texts = [a["text"] for a in answer["answers"]]
    assert texts[0].startswith("Sources differ") and "350" in texts[0] and "300" in texts[0]
    by_value = {a["text"].split()[0]: a for a in answer["answers"][1:3]}
    assert by_value["350"]["citations"][0]["outlet"] == "a.com"
    assert by_value["300"]["citations"][0]["outlet"] == "b.com"


def test_time_bounds_keep_events_of_the_period(tmp_path: Path, reader: QuestionReader) -> None:
    early = event(
        "e-1",
        "THREATEN",
        ["IRN"],
        ["ISR"],
        "Iran threatened Israel.",
        date="2021-02-01",
        trigger="threatened",
    )
    late = event(
        "e-2",
        "THREATEN",
        ["IRN"],
        ["ISR"],
        "Iran again threatened Israel.",
        date="2024-02-01",
        trigger="threatened",
    )
    docs = [doc("d-1", "a.com", "2021-02-02", [early]), doc("d-2", "b.com", "2024-02-02", [late])]
    with _build(tmp_path / "s.duckdb", docs) as store:
        in_question = _ask(store, reader, "When did Iran threaten Israel in 2021?")
        by_option = _ask(store, reader, "When did Iran threaten Israel?", since="2024")
    assert {c["doc"] for a in in_question["answers"] for c in a["citations"]} == {"d-1"}
    assert {c["doc"] for a in by_option["answers"] for c in a["citations"]} == {"d-2"}


def test_every_cited_sentence_is_a_sentence_of_the_store(
    tmp_path: Path, reader: QuestionReader
) -> None:
    docs = [
        doc("d-1", "a.com", "2022-10-01", [DRONES]),
        doc("d-2", "b.com", "2022-10-03", [DRONES_AGAIN]),
    ]
    with _build(tmp_path / "s.duckdb", docs) as store:
        answers = [
            _ask(store, reader, q)
            for q in (
                "Who supplies drones to Russia?",
                "Does Iran supply arms to Russia?",
                "Which sources say Iran supplies drones to Russia?",
            )
        ]
        assert_cited_sentences_are_stored(store, answers)


def assert_cited_sentences_are_stored(store: Store, answers: list[dict]) -> None:
    """Each citation is documents.text[start:end] of a row of sentences, character for
    character, and its trigger lies inside it."""
    cited = [c for a in answers for item in a["answers"] for c in item["citations"]]
    assert cited
    for c in cited:
        text = store.fetchone("SELECT text FROM documents WHERE id = ?", [c["doc"]])[0]
        assert text[c["start"] : c["end"]] == c["sentence"]
        assert store.fetchone(
            'SELECT 1 FROM sentences WHERE doc_id = ? AND start = ? AND "end" = ?',
            [c["doc"], c["start"], c["end"]],
        )
        if c["trigger_start"] is not None:
            assert c["start"] <= c["trigger_start"] < c["trigger_end"] <= c["end"]


def test_ask_command_prints_answers_and_json(tmp_path: Path) -> None:
    db = tmp_path / "s.duckdb"
    _build(db, [doc("d-1", "a.com", "2022-10-01", [DRONES])]).close()
    runner = CliRunner()
    text = runner.invoke(main, ["ask", "Did Iran supply drones to Russia?", "--db", str(db)])
    assert text.exit_code == 0, text.output
    assert "Iran supplied Shahed drones to Russia." in text.output
    as_json = runner.invoke(
        main, ["ask", "Did Iran supply drones to Russia?", "--db", str(db), "--format", "json"]
    )
    record = json.loads(as_json.output)
    assert set(record) == {"question", "interpretation", "answers"}
    assert record["answers"][0]["text"].startswith("Yes")
    bad = runner.invoke(
        main, ["ask", "Who attacked Israel?", "--db", str(db), "--since", "2024-13"]
    )
    assert bad.exit_code == 1 and "Error:" in bad.output


def test_what_nothing_coded_answers_is_retrieved_and_marked_so(
    tmp_path: Path, reader: QuestionReader
) -> None:
    with _build(tmp_path / "s.duckdb", [_russia_not_condemning()]) as store:
        answer = _ask(store, reader, "Did Russia attack Hamas?")
        assert_cited_sentences_are_stored(store, [answer])
    first, *found = answer["answers"]
    assert first["kind"] == "none" and first["text"].startswith("Not found")
    assert found and all(a["certainty"] == "retrieved, not coded" for a in found)
    assert found[0]["citations"][0]["sentence"] == "Russia has not condemned the Hamas attack."


def test_a_place_asked_about_is_its_state_and_a_topic(reader: QuestionReader) -> None:
    reading = interpret("Did Russia strike Idlib?", reader, load_question_knowledge())
    assert {a.ref.country for a in reading.actors} == {"RUS", "SYR"}
    assert "Idlib" in reading.topic


def test_a_refusal_of_the_asked_act_answers_no(tmp_path: Path, reader: QuestionReader) -> None:
    refusal = event(
        "e-1",
        "REJECT",
        ["RUS"],
        [],
        "Russia refused to attend the talks in Geneva.",
        date="2023-03-01",
        trigger="refused",
    )
    with _build(tmp_path / "s.duckdb", [doc("d-1", "a.com", "2023-03-02", [refusal])]) as store:
        attend = _ask(store, reader, "Did Russia attend the talks?")
        meet = _ask(store, reader, "Did Russia meet Ukraine?")
    assert _first(attend)["text"].startswith("No: refused to attend")
    assert (
        _first(attend)["citations"][0]["sentence"]
        == "Russia refused to attend the talks in Geneva."
    )
    assert _first(meet)["text"].startswith("Not found")  # a refusal of another act says nothing
