"""The trigger lexicon: loading, checking, and finding triggers in text."""

from __future__ import annotations

import shutil

import pytest
from _events_helpers import code

from entente.errors import DataFileError
from entente.events.extract import load_lexicon
from entente.events.lexicon import DATA_DIR


def test_load_lexicon_every_plover_type_has_a_trigger(lexicon):
    typed = {e.type for entries in lexicon.triggers.values() for e in entries}
    assert set(lexicon.types) <= typed


def test_load_lexicon_scores_from_plover_table(lexicon):
    assert lexicon.ptype("ASSAULT").score_for("drone") == -9.5
    assert lexicon.ptype("ASSAULT").score_for(None) == -9
    assert lexicon.ptype("CONSULT").score_for("visit") == 4


def _copy_data(tmp_path):
    target = tmp_path / "data"
    shutil.copytree(DATA_DIR / "lexicons", target / "lexicons")
    shutil.copy(DATA_DIR / "plover.yaml", target / "plover.yaml")
    return target


def test_load_lexicon_bad_type_names_file_and_line(tmp_path):
    data = _copy_data(tmp_path)
    path = data / "lexicons" / "triggers.tsv"
    path.write_text(path.read_text() + "snub\tV\tSNUB\t-\tdo\t-\t-\t1\t-\n")
    with pytest.raises(DataFileError) as err:
        load_lexicon(data)
    assert err.value.path == path
    assert err.value.line == len(path.read_text().splitlines())
    assert "SNUB" in str(err.value)


def test_load_lexicon_a_repeated_trigger_row_names_both_lines(tmp_path):
    """The first row for a phrase wins, so a second one would be dead: refuse it."""
    data = _copy_data(tmp_path)
    path = data / "lexicons" / "triggers.tsv"
    path.write_text(path.read_text() + "host\tV\tCONSULT\t-\tdo\t-\t-\t1\t-\n")
    with pytest.raises(DataFileError, match="'host' \\(V\\) repeats line") as err:
        load_lexicon(data)
    assert err.value.line == len(path.read_text().splitlines())


def test_load_lexicon_short_row_rejected(tmp_path):
    data = _copy_data(tmp_path)
    path = data / "lexicons" / "cues.tsv"
    path.write_text(path.read_text() + "perhaps\thypothetical\n")
    with pytest.raises(DataFileError, match="expected 3"):
        load_lexicon(data)


def test_load_lexicon_unquoted_yaml_on_rejected(tmp_path):
    data = _copy_data(tmp_path)
    path = data / "plover.yaml"
    path.write_text(path.read_text().replace('["on", against, at, of]', "[on, against, at, of]"))
    with pytest.raises(DataFileError, match="recipient_preps"):
        load_lexicon(data)


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Ruritania condemned Freedonia on Monday.", "ACCUSE"),
        ("Freedonia's foreign minister visited Ruritania.", "CONSULT"),
        ("Ruritania praised Freedonia for its restraint.", "SUPPORT"),
        ("Freedonia delivered tanks to Ruritania.", "AID"),
        ("Ruritania urged Freedonia to withdraw its troops.", "REQUEST"),
        ("Freedonia rejected the proposal from Ruritania.", "REJECT"),
        ("Ruritania threatened Freedonia with sanctions.", "THREATEN"),
        ("Ruritania expelled two Freedonian diplomats.", "SANCTION"),
        ("Ruritania deployed troops to the border with Freedonia.", "MOBILIZE"),
        ("Freedonia seized a Ruritanian tanker.", "COERCE"),
        ("Ruritania bombed a base in Freedonia.", "ASSAULT"),
        ("Ruritania and Freedonia agreed on a ceasefire.", "AGREE"),
        ("Ruritania and Freedonia cooperated on border security.", "COOPERATE"),
    ],
)
def test_find_triggers_verbs_give_types(nlp, lexicon, text, expected):
    assert expected in {e.type for e in code(nlp, lexicon, text)}


@pytest.mark.slow
def test_find_triggers_multiword_phone_call_mode(nlp, lexicon):
    events = code(nlp, lexicon, "Ruritania's president held a phone call with Freedonia's leader.")
    assert [(e.type, e.mode) for e in events] == [("CONSULT", "phone")]


@pytest.mark.slow
def test_find_triggers_nominal_attack_counts(nlp, lexicon):
    events = code(nlp, lexicon, "Ruritania's attack on Freedonia shocked the region.")
    assert [e.type for e in events] == ["ASSAULT"]


@pytest.mark.slow
def test_find_triggers_light_verb_one_event(nlp, lexicon):
    """'held talks' is one CONSULT, not a CONSULT plus a light verb."""
    events = code(nlp, lexicon, "Ruritania held talks with Freedonia in Geneva.")
    assert [e.type for e in events] == ["CONSULT"]


@pytest.mark.slow
def test_find_triggers_drone_mode_from_weapon(nlp, lexicon):
    events = code(nlp, lexicon, "Ruritania attacked Freedonia with drones.")
    assert events[0].type == "ASSAULT" and events[0].mode == "drone"
    assert events[0].score == -9.5


@pytest.mark.slow
@pytest.mark.parametrize(
    "text",
    [
        "The weather in the capital was mild on Tuesday.",
        "The museum opened a new wing for modern art.",
        "Given the long history, the outcome surprised nobody.",
    ],
)
def test_find_triggers_no_event_sentences_give_none(nlp, lexicon, text):
    assert code(nlp, lexicon, text) == []
