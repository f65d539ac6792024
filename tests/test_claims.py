"""Who says so: attribution over the whole reported content, on invented sentences.

Each test pins one frame: a quotation closed or opened by its source, a
quotation of several sentences, "according to" anywhere, a pronoun source
resolved to whom it stands for, a report that keeps its event's tense, a plan
or call whose content is its maker's, and hedges that name no claimant.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from _events_helpers import code
from click.testing import CliRunner

from entente.cli import main
from entente.events.claims import find_quotations

pytestmark = pytest.mark.slow


def event(nlp, lexicon, text, type_name, trigger=None):
    found = [
        e
        for e in code(nlp, lexicon, text)
        if e.type == type_name and (trigger is None or e.evidence.trigger == trigger)
    ]
    assert found, f"no {type_name} in {text!r}"
    return found[0]


def test_quotation_closed_by_its_source(nlp, lexicon):
    text = '"We will send tanks to Freedonia next month," the Ruritanian envoy told reporters.'
    e = event(nlp, lexicon, text, "AID", "send")
    assert e.attributed_to is not None and "envoy" in e.attributed_to.name
    assert e.attributed_to.cue == "tell"
    assert e.certainty == "reported" and e.tense == "future"


def test_quotation_opened_after_its_source(nlp, lexicon):
    text = 'The Ruritanian envoy said: "Sylvania attacked Freedonia in the night."'
    e = event(nlp, lexicon, text, "ASSAULT")
    assert e.attributed_to is not None and "envoy" in e.attributed_to.name
    assert e.certainty == "reported"


def test_quotation_of_several_sentences_keeps_one_speaker(nlp, lexicon):
    text = (
        '"The talks failed," the Ruritanian minister said on Monday. '
        '"Sylvania then attacked Freedonia, and nobody stopped it."'
    )
    e = event(nlp, lexicon, text, "ASSAULT")
    assert e.attributed_to is not None and "minister" in e.attributed_to.name
    assert e.certainty == "reported"


def test_quotation_running_over_a_paragraph_break(nlp, lexicon):
    text = (
        '"Sylvania has armed the rebels for years.\n\n'
        '"It sent them rockets in May," the Freedonian spokesman said.'
    )
    e = event(nlp, lexicon, text, "AID", "sent")
    assert e.attributed_to is not None and "spokesman" in e.attributed_to.name


def test_quotation_pairs_curly_and_doubled_apostrophe_marks(nlp, lexicon):
    doc = nlp("''We left,'' he said. \u201cThey stayed,\u201d she said.")
    quotes = find_quotations(doc, lexicon)
    assert [(doc[q.start].text, doc[q.end].text) for q in quotes] == [
        ("''", "''"),
        ("\u201c", "\u201d"),
    ]
    assert [q.source.text for q in quotes] == ["he", "she"]


def test_first_person_act_in_a_quotation_is_done_by_saying_it(nlp, lexicon):
    text = '"We call on Sylvania to withdraw its troops," the Ruritanian minister said.'
    e = event(nlp, lexicon, text, "REQUEST")
    assert e.certainty == "asserted"
    assert e.attributed_to is not None and "minister" in e.attributed_to.name


def test_according_to_anywhere_in_the_sentence(nlp, lexicon):
    text = "Sylvania, according to the Freedonian Courier, delivered drones to Ruritania."
    e = event(nlp, lexicon, text, "AID")
    assert e.certainty == "reported"
    assert e.attributed_to is not None and "Courier" in e.attributed_to.name


@pytest.mark.parametrize(
    ("text", "tense"),
    [
        ("The Ruritanian minister said Sylvania will withdraw its troops.", "future"),
        ("The Ruritanian minister said Sylvania would attack Freedonia.", "future"),
        ("The Ruritanian minister said Sylvania attacked Freedonia.", "actual"),
    ],
)
def test_a_report_keeps_its_events_own_tense(nlp, lexicon, text, tense):
    e = [x for x in code(nlp, lexicon, text) if x.type in ("RETREAT", "ASSAULT")][0]
    assert e.tense == tense
    assert e.certainty == "reported" and "minister" in e.attributed_to.name


def test_pronoun_source_takes_its_antecedents_name(nlp, lexicon):
    text = "Ruritania closed its embassy on Monday. It said Sylvania had attacked Freedonia."
    e = event(nlp, lexicon, text, "ASSAULT")
    assert e.attributed_to is not None
    assert e.attributed_to.name == "Ruritania" and e.attributed_to.country == "RUR"
    assert e.attributed_to.actor_id == "rur"


@pytest.mark.parametrize(
    ("text", "type_name", "cue"),
    [
        ("Ruritania pledged to impose sanctions on Sylvania.", "SANCTION", "pledge"),
        ("Ruritania vowed to attack Sylvania.", "ASSAULT", "vow"),
        # a call "for" is no charge: the caller is its maker, not the accused
        ("Ruritania called for sanctions against Sylvania.", "SANCTION", "call"),
        # the noun of a promise or call made by a verb that makes it
        ("Ruritania made a pledge to impose sanctions on Sylvania.", "SANCTION", "pledge"),
        ("Ruritania issued a call for Freedonia to attack Sylvania.", "ASSAULT", "call"),
    ],
)
def test_a_plan_or_call_is_its_makers(nlp, lexicon, text, type_name, cue):
    e = event(nlp, lexicon, text, type_name)
    assert e.attributed_to is not None and e.attributed_to.name == "Ruritania"
    assert e.attributed_to.cue == cue
    assert e.tense != "actual"


@pytest.mark.parametrize(
    ("text", "word"),
    [
        ("Ruritania plans to deploy troops to Sylvania.", "plans"),
        ("Ruritania is willing to withdraw its troops from Sylvania.", "willing"),
    ],
)
def test_a_promise_is_stated_by_its_own_word(nlp, lexicon, text, word):
    """Issue 20: the promise or threat a plan implies was made; the act it names was
    not, so each keeps its own trigger (UW factuality scores them apart)."""
    events = code(nlp, lexicon, text)
    implied = [e for e in events if e.type in ("AGREE", "THREATEN")]
    acts = [e for e in events if e.type not in ("AGREE", "THREATEN")]
    assert implied and all(e.evidence.trigger == word for e in implied)
    assert all(e.tense == "actual" and e.certainty == "asserted" for e in implied)
    assert acts and all(e.tense == "future" and e.evidence.trigger != word for e in acts)


@pytest.mark.parametrize(
    ("text", "cue"),
    [
        ("The Ruritanian minister cited the attacks by Sylvania on Freedonia.", "cite"),
        ("The Ruritanian minister mentioned the invasion of Freedonia by Sylvania.", "mention"),
    ],
)
def test_a_verb_that_speaks_of_an_event_is_its_source(nlp, lexicon, text, cue):
    """Issue 20: "cited the attacks" names a source: the event is reported by it."""
    e = event(nlp, lexicon, text, "ASSAULT")
    assert e.attributed_to is not None and "minister" in e.attributed_to.name
    assert e.attributed_to.cue == cue and e.certainty == "reported"
    assert e.tense == "actual" and e.polarity == "positive"


@pytest.mark.parametrize(
    ("text", "cue"),
    [
        (
            "The Ruritanian minister highlighted the toll of the attacks by Sylvania on Freedonia.",
            "highlight",
        ),
        ("Ruritania accused Sylvania of being asleep during the attack on Freedonia.", "accuse"),
    ],
)
def test_an_event_deep_in_what_is_cited_or_charged_is_the_speakers(nlp, lexicon, text, cue):
    """Issue 20: an event below the object of a verb of stance, or below a charge
    ("of being asleep during the attack"), is reported by the verb's subject, not
    alleged: it is background to what is said, and said by that speaker."""
    e = event(nlp, lexicon, text, "ASSAULT")
    assert e.attributed_to is not None and e.attributed_to.cue == cue
    assert ("minister" in e.attributed_to.name) or e.attributed_to.name == "Ruritania"
    assert e.certainty == "reported"


def test_a_verb_of_saying_with_an_event_object_leaves_it_the_narrators(nlp, lexicon):
    """Seeds s000-02: "noted a phone call between X and Y" is the narrator's call."""
    text = "The Ruritanian ministry noted a phone call between Sylvania and Freedonia."
    e = event(nlp, lexicon, text, "CONSULT")
    assert e.attributed_to is None and e.certainty == "asserted"


def test_a_participle_of_saying_speaks_for_the_main_subject(nlp, lexicon):
    """Issue 20: "X spoke ..., saying Y": X says Y, though the participle has no subject."""
    text = "The Ruritanian envoy spoke to reporters, saying Sylvania had attacked Freedonia."
    e = event(nlp, lexicon, text, "ASSAULT")
    assert e.attributed_to is not None and "envoy" in e.attributed_to.name
    assert e.attributed_to.cue == "say" and e.certainty == "reported"


@pytest.mark.parametrize(
    ("text", "name"),
    [
        (
            "John Smith arrived in Ruritania on Monday. He said Sylvania had attacked Freedonia.",
            "John Smith",
        ),
        ("The minister read a report that said Sylvania attacked Freedonia.", "a report"),
    ],
)
def test_a_pronoun_source_is_named_by_its_antecedent(nlp, lexicon, text, name):
    """Issue 20: `entente claims` showed "He" or "that" as claimants: a person the
    registry does not know, or the noun a relative clause describes, names them."""
    e = event(nlp, lexicon, text, "ASSAULT")
    assert e.attributed_to is not None and e.attributed_to.name == name


@pytest.mark.parametrize(
    "text",
    [
        "Ruritania declined to discuss the details of the attack on Sylvania.",
        "Ruritania failed to report the Sylvanian plan to attack Freedonia.",
    ],
)
def test_a_refusal_of_a_thing_does_not_deny_the_event_inside_it(nlp, lexicon, text):
    """Issue 20: a failure or refusal reaches an event through a noun only as that
    noun's thing (the details, a plan): the attack itself is not denied."""
    e = event(nlp, lexicon, text, "ASSAULT")
    assert e.polarity == "positive"


def test_a_refusal_is_stated_by_its_negation(nlp, lexicon):
    """Issue 20: "will not release" is a REJECT stated now, on "will not"; the release
    itself keeps its word, negative."""
    events = code(nlp, lexicon, "Ruritania will not release the Sylvanian prisoners.")
    refusals = [e for e in events if e.type == "REJECT"]
    acts = [e for e in events if e.type == "RETREAT"]
    assert [e.evidence.trigger for e in refusals] == ["will not"]
    assert refusals[0].polarity == "positive" and refusals[0].tense == "actual"
    assert acts and all(e.polarity == "negative" and e.evidence.trigger == "release" for e in acts)


@pytest.mark.parametrize(
    "text",
    [
        "Sylvania is believed to have supplied drones to Ruritania.",
        "Sylvania reportedly supplied drones to Ruritania.",
        "Sylvania appears to have supplied drones to Ruritania.",
    ],
)
def test_unattributed_hedge_names_no_claimant(nlp, lexicon, text):
    e = event(nlp, lexicon, text, "AID")
    assert e.certainty in ("reported", "alleged")
    assert e.attributed_to is None
    assert e.tense == "actual"


def test_narrators_own_sentence_stays_asserted(nlp, lexicon):
    e = event(nlp, lexicon, "Sylvania attacked Freedonia on Monday.", "ASSAULT")
    assert e.certainty == "asserted" and e.attributed_to is None


@pytest.mark.parametrize(
    ("text", "type_name"),
    [
        ("Sylvania was blamed for an alleged attack on Freedonia.", "ASSAULT"),
        ("Sylvania apparently supplied drones to Ruritania.", "AID"),
        ("Sylvania probably attacked Freedonia in May.", "ASSAULT"),
    ],
)
def test_hedge_words_make_an_event_unsure(nlp, lexicon, text, type_name):
    e = event(nlp, lexicon, text, type_name)
    assert e.certainty == "alleged" or e.tense != "actual"


@pytest.mark.parametrize(
    ("text", "type_name"),
    [
        ("None of the Sylvanian ships attacked Freedonia.", "ASSAULT"),
        ("The sanctions will not cause Sylvania to withdraw from Freedonia.", "RETREAT"),
        ("Ruritania remembers the aborted invasion of Freedonia by Sylvania.", "ASSAULT"),
    ],
)
def test_acts_nobody_did_are_negative(nlp, lexicon, text, type_name):
    assert event(nlp, lexicon, text, type_name).polarity == "negative"


def test_accused_of_makes_the_charge_the_accusers_allegation(nlp, lexicon):
    text = "Ruritania accused Sylvania of arming rebels in Freedonia."
    e = event(nlp, lexicon, text, "AID")
    assert e.certainty == "alleged"
    assert e.attributed_to is not None and e.attributed_to.name == "Ruritania"
    assert [r.country for r in e.actor] == ["SYL"]  # the accused does the charged act


def test_a_charge_dismissed_is_kept_with_its_denier(nlp, lexicon):
    text = (
        "Ruritania accused Sylvania of arming rebels in Freedonia, "
        "a charge Sylvania dismissed as a lie."
    )
    sides = {
        e.certainty: e.attributed_to.name
        for e in code(nlp, lexicon, text)
        if e.type == "AID" and e.attributed_to is not None
    }
    assert sides == {"alleged": "Ruritania", "denied": "Sylvania"}


def test_denied_allegations_in_the_next_sentence(nlp, lexicon):
    text = (
        "Ruritania accused Sylvania of arming rebels in Freedonia. Sylvania denied the allegations."
    )
    denied = [e for e in code(nlp, lexicon, text) if e.type == "AID" and e.certainty == "denied"]
    assert denied and denied[0].attributed_to.name == "Sylvania"
    # issue 20: the denial is read where it is said, on the words naming the claim
    assert denied[0].evidence.sentence == "Sylvania denied the allegations."
    assert denied[0].evidence.trigger == "allegations"
    start = denied[0].evidence.trigger_start
    assert text[start : denied[0].evidence.trigger_end] == "allegations"


def test_rejected_accusation_that_denies_its_content(nlp, lexicon):
    text = "Sylvania rejected the accusation that it armed the rebels in Freedonia."
    found = {e.certainty for e in code(nlp, lexicon, text) if e.type == "AID"}
    assert found == {"alleged", "denied"}


def test_pushing_back_on_reports_denies_what_they_report(nlp, lexicon):
    """Issue 14: "pushed back on reports that ..." (cues.tsv ``push back``, the noun
    after on/against) denies their content, as "rejected the report that" does; this
    was the map's own rule (572c3b3)."""
    text = "The president of Sylvania pushed back on reports that his aides met Ruritania."
    found = {e.certainty for e in code(nlp, lexicon, text) if e.type == "CONSULT"}
    assert found == {"reported", "denied"}
    text = "Sylvania pushed back against suggestions that it armed the rebels in Freedonia."
    found = {e.certainty for e in code(nlp, lexicon, text) if e.type == "AID"}
    assert found == {"alleged", "denied"}


def test_rebutting_or_debunking_a_claim_denies_it(nlp, lexicon):
    text = "Sylvania rebutted the claim that it armed the rebels in Freedonia."
    assert "denied" in {e.certainty for e in code(nlp, lexicon, text) if e.type == "AID"}
    text = "Sylvania debunked the story that it armed the rebels in Freedonia."
    assert {e.certainty for e in code(nlp, lexicon, text) if e.type == "AID"} == {
        "reported",
        "denied",
    }


def test_pushing_back_an_event_denies_nothing(nlp, lexicon):
    text = "Sylvania pushed back the talks with Ruritania."
    assert "denied" not in {e.certainty for e in code(nlp, lexicon, text)}


def test_a_plain_denial_is_denied_by_the_denier(nlp, lexicon):
    e = event(nlp, lexicon, "Sylvania denied supplying drones to Ruritania.", "AID")
    assert e.certainty == "denied" and e.attributed_to.name == "Sylvania"


def test_unconfirmed_reports_keep_their_claimant(nlp, lexicon):
    text = (
        "Though unconfirmed, numerous reports out of Freedonia allege Sylvania's private "
        "army was instrumental in arming Ruritania."
    )
    e = event(nlp, lexicon, text, "AID")
    assert e.certainty == "alleged"
    assert e.attributed_to is not None and "reports out of Freedonia" in e.attributed_to.name


def test_export_carries_the_sources_actor_id(nlp, lexicon):
    from entente.events.extract import event_to_record
    from entente.records import Document

    text = "Ruritania closed its embassy on Monday. It said Sylvania had attacked Freedonia."
    e = event(nlp, lexicon, text, "ASSAULT")
    record = event_to_record(e, Document(id="t", source="test.txt", text=text))
    assert record["attributed_to"]["actor_id"] == "rur"
    assert record["attributed_to"]["name"] == "Ruritania"


def test_quotation_signed_with_a_dash(nlp, lexicon):
    text = "\u201cSylvania attacked Freedonia without warning.\u201d \u2015 Maria Lopez\n\nThe talks ended."
    e = event(nlp, lexicon, text, "ASSAULT")
    assert e.attributed_to is not None and "Lopez" in e.attributed_to.name
    assert e.certainty == "reported"


@pytest.mark.parametrize(
    ("text", "tense"),
    [
        ("'I can confirm that Sylvania attacked Ruritania,' the spokesman said.", "actual"),
        ("The spokesman said he could confirm that Sylvania attacked Ruritania.", "actual"),
        ("Officials could not confirm that Sylvania attacked Ruritania.", "hypothetical"),
    ],
)
def test_a_modal_of_ability_on_a_verb_of_saying_leaves_what_is_said(nlp, lexicon, text, tense):
    """ "I can confirm that X" says X happened; "could not confirm" leaves it open."""
    assert event(nlp, lexicon, text, "ASSAULT").tense == tense


def test_what_is_about_to_happen_is_future(nlp, lexicon):
    e = event(
        nlp, lexicon, "Officials said Sylvanian troops were about to attack Ruritania.", "ASSAULT"
    )
    assert e.tense == "future" and e.certainty == "reported"


def test_entente_claims_shows_who_asserts_and_who_denies(tmp_path: Path) -> None:
    """Issue 20, end to end: an accusation dismissed by the accused is one claim shown
    with both sides, the charge alleged by its accuser and denied by the accused."""
    article = tmp_path / "accusation.txt"
    article.write_text(
        "Norway Accuses Peru\n\nNorway has accused Peru of training and arming rebels in "
        "Chile, a charge Lima dismissed as a baseless lie.\n",
        encoding="utf-8",
    )
    db = str(tmp_path / "c.duckdb")
    runner = CliRunner()
    assert (
        runner.invoke(
            main, ["ingest", str(article), "--db", db, "--workers", "1", "--min-chars", "1"]
        ).exit_code
        == 0
    )
    result = runner.invoke(main, ["claims", "--db", db, "--format", "json"])
    assert result.exit_code == 0
    rows = [r for r in json.loads(result.output) if r["type"] == "AID"]
    assert {r["certainty"]: r["claimant"] for r in rows} == {"alleged": "Norway", "denied": "Lima"}
    for row in rows:
        assert row["actor_name"] == ["Peru"]
        assert row["claimed_by"] == ["Norway"] and row["denied_by"] == ["Lima"]


@pytest.mark.parametrize(
    "text",
    [
        "Sylvania accused of arming rebels in Freedonia",
        "Sylvania blamed for the attack on Freedonia",
    ],
)
def test_a_headline_passive_names_the_accused_not_the_accuser(nlp, lexicon, text):
    """ "X accused of Y" (a passive without its auxiliary): X is charged, nobody is
    named as the accuser; the charge stays alleged."""
    charged = [e for e in code(nlp, lexicon, text) if e.type in ("AID", "ASSAULT")]
    assert charged and all(e.certainty == "alleged" for e in charged)
    assert all(e.attributed_to is None for e in charged)


def test_an_apposition_in_what_is_cited_is_the_narrators(nlp, lexicon):
    text = "The Ruritanian minister cited the treaty, a pact signed by Sylvania and Freedonia."
    signed = [e for e in code(nlp, lexicon, text) if e.evidence.trigger == "signed"]
    assert signed and all(e.attributed_to is None and e.certainty == "asserted" for e in signed)


def test_a_plan_welcomed_is_not_the_welcomers(nlp, lexicon):
    """Only a verb that makes the plan names its maker; "welcomed" does not."""
    text = "Ruritania welcomed the plan to impose sanctions on Sylvania."
    e = event(nlp, lexicon, text, "SANCTION")
    assert e.attributed_to is None or e.attributed_to.name != "Ruritania"


def test_what_is_questioned_deep_below_the_verb_is_disputed_by_the_questioner(nlp, lexicon):
    """ "questioned the wisdom of attacking X": the attack is the questioner's to dispute."""
    text = "Ruritanian lawmakers questioned the wisdom of attacking Sylvania."
    e = event(nlp, lexicon, text, "ASSAULT")
    assert e.certainty == "disputed"
    assert e.attributed_to is not None and "lawmakers" in e.attributed_to.name
