"""A long text is parsed a part at a time, so a worker's memory does not follow the
longest article of a corpus; the parts join back into one Doc of the whole text."""

from __future__ import annotations

from entente.nlp.pipeline import parse_texts, text_parts

PARAGRAPH = (
    "The foreign minister of Norway met her counterpart from Sudan in Lisbon on Monday. "
    "Both sides said the talks on fishing rights had been useful. "
    "A spokesman for the Sudanese government declined to comment on the sanctions.\n\n"
)


def test_a_short_text_is_one_part() -> None:
    assert text_parts("Officials met on Monday.", 100) == ["Officials met on Monday."]


def test_parts_join_back_into_the_text_and_respect_the_limit() -> None:
    text = PARAGRAPH * 12
    parts = text_parts(text, 1_000)
    assert "".join(parts) == text
    assert len(parts) > 1
    assert all(len(part) <= 1_000 for part in parts)


def test_a_cut_prefers_a_paragraph_break_to_a_sentence_end() -> None:
    text = PARAGRAPH * 12
    for part in text_parts(text, 1_000)[:-1]:
        assert part.endswith("\n\n")


def test_without_paragraphs_a_cut_falls_after_a_sentence() -> None:
    text = PARAGRAPH.replace("\n\n", " ") * 12
    parts = text_parts(text, 1_000)
    assert "".join(parts) == text
    for part in parts[:-1]:
        assert part.rstrip().endswith(".")


def test_a_cut_falls_after_a_space_when_the_second_half_has_one() -> None:
    word = "x" * 20
    text = f"{word} {word} {word}"
    parts = text_parts(text, 30)
    assert "".join(parts) == text
    assert [part.strip() for part in parts] == [word, word, word]


def test_a_run_without_any_space_is_cut_at_the_limit() -> None:
    # A base64 blob of a million characters once reached the parser whole
    # (spaCy E088) and ended the batch.
    text = "Officials met. " + "QUJD" * 500 + " They agreed."
    parts = text_parts(text, 300)
    assert "".join(parts) == text
    assert all(len(part) <= 300 for part in parts)


def test_a_text_longer_than_the_parsers_limit_is_parsed(nlp) -> None:
    text = "Officials met. " + "QUJD" * 300 + " They agreed."
    limit = nlp.max_length
    nlp.max_length = 1_000  # the same refusal as a million characters, cheaper
    try:
        [doc] = parse_texts(nlp, [text], max_chars=500)
    finally:
        nlp.max_length = limit
    assert doc.text == text


def test_a_long_text_parsed_in_parts_is_one_doc_of_the_whole_text(nlp) -> None:
    long_text = PARAGRAPH * 12
    short_text = "Sudan recalled its ambassador."
    docs = list(parse_texts(nlp, [short_text, long_text, short_text], max_chars=1_000))
    assert [doc.text for doc in docs] == [short_text, long_text, short_text]
    whole = nlp(long_text)
    parted = docs[1]
    assert [t.text for t in parted] == [t.text for t in whole]
    # Every cut is a paragraph break, where the parser starts a sentence anyway.
    assert [s.text for s in parted.sents] == [s.text for s in whole.sents]
    assert [(e.text, e.label_) for e in parted.ents] == [(e.text, e.label_) for e in whole.ents]
    # Dependency arcs stay inside the part they were drawn in, and offsets are the text's.
    for token in parted:
        assert long_text[token.idx : token.idx + len(token)] == token.text


def test_a_document_coded_in_parts_is_coded_as_if_whole(monkeypatch) -> None:
    from entente import pipeline
    from entente.records import Document

    pipeline.init_worker(None)
    text = PARAGRAPH * 6 + "Norway expelled two Sudanese diplomats on Friday.\n"
    document = Document(id="long", source="long.txt", text=text)
    [whole] = pipeline.code_chunk([document])
    monkeypatch.setattr(pipeline, "PARSE_MAX_CHARS", 500)
    [parted] = pipeline.code_chunk([document])
    assert parted.sentences == whole.sentences
    assert parted.mentions == whole.mentions
    assert parted.events == whole.events
    # The event in the last part keeps its offsets into the whole text.
    last = parted.sentences[-1].index
    found = [e.evidence for e in parted.events if e.sentence == last]
    assert found
    assert all(text[f.trigger_start : f.trigger_end] == f.trigger for f in found)


def test_a_document_over_the_coding_limit_is_coded_a_segment_at_a_time(monkeypatch) -> None:
    from entente import pipeline
    from entente.records import Document

    pipeline.init_worker(None)
    text = PARAGRAPH * 6 + "Norway expelled two Sudanese diplomats on Friday.\n"
    document = Document(id="long", source="long.txt", text=text)
    [whole] = pipeline.code_chunk([document])
    parsed: list[int] = []
    real_parse = pipeline.parse_texts

    def parse_texts(nlp, texts, max_chars, batch_size=16):
        texts = list(texts)
        parsed.extend(len(t) for t in texts)
        return real_parse(nlp, texts, max_chars, batch_size)

    monkeypatch.setattr(pipeline, "parse_texts", parse_texts)
    monkeypatch.setattr(pipeline, "CODE_MAX_CHARS", 600)
    [segmented] = pipeline.code_chunk([document])
    # No Doc of more than a segment was made.
    assert len(parsed) > 1 and max(parsed) <= 600
    # Sentences, mentions and events are those of the whole text, in its offsets.
    assert [(s.index, s.start, s.end) for s in segmented.sentences] == [
        (s.index, s.start, s.end) for s in whole.sentences
    ]
    assert [(m.start, m.text, m.actor_id) for m in segmented.mentions] == [
        (m.start, m.text, m.actor_id) for m in whole.mentions
    ]
    for mention in segmented.mentions:
        assert text[mention.start : mention.end] == mention.text
    assert segmented.events, "the last sentence states an expulsion"
    assert [(e.type, e.sentence, e.evidence.trigger_start) for e in segmented.events] == [
        (e.type, e.sentence, e.evidence.trigger_start) for e in whole.events
    ]
    for event in segmented.events:
        evidence = event.evidence
        assert text[evidence.trigger_start : evidence.trigger_end] == evidence.trigger
        assert text[evidence.start : evidence.end] == evidence.sentence
    assert len({e.id for e in segmented.events}) == len(segmented.events)
