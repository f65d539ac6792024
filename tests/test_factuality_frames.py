"""How sure, and whether it happened: frames that place an event's tense, polarity
and certainty, each pinned on an invented sentence (issue 20, UW factuality and
PolNeAR attribution). What is likely, chosen among or kept from happening has not
happened; a promise is made only when the statement of it is not itself a wish or
condition; a speaker's word on their own act, and a judge's on what they judge
someone for, are theirs."""

from __future__ import annotations

import pytest
from _events_helpers import code

pytestmark = pytest.mark.slow


def events(nlp, lexicon, text, type_name, trigger=None):
    return [
        e
        for e in code(nlp, lexicon, text)
        if e.type == type_name and (trigger is None or e.evidence.trigger == trigger)
    ]


def event(nlp, lexicon, text, type_name, trigger=None):
    found = events(nlp, lexicon, text, type_name, trigger)
    assert found, f"no {type_name} in {text!r}"
    return found[0]


def test_what_is_likely_has_not_happened(nlp, lexicon):
    e = event(nlp, lexicon, "Sylvania is likely to attack Freedonia next year.", "ASSAULT")
    assert e.tense == "hypothetical" and e.polarity == "positive"


def test_an_option_is_not_an_act_done(nlp, lexicon):
    text = "Sylvania faces the choice of withdrawing its troops or attacking Freedonia."
    assert event(nlp, lexicon, text, "ASSAULT", "attacking").tense == "hypothetical"
    assert event(nlp, lexicon, text, "RETREAT", "withdrawing").tense == "hypothetical"
    # the parser takes the first gerund for the object of "of": still a clause
    text = (
        "The blockade leaves Sylvania with only the stark choice of backing out of "
        "Freedonia or launching new attacks."
    )
    assert event(nlp, lexicon, text, "ASSAULT", "launching").tense == "hypothetical"


def test_what_is_kept_from_happening_is_not_done(nlp, lexicon):
    text = "The court barred Sylvania from sending troops to Freedonia."
    e = event(nlp, lexicon, text, "MOBILIZE")
    assert e.tense == "hypothetical"


def test_a_conjunct_shares_a_denied_implicative(nlp, lexicon):
    """ "will not force X to back down or withdraw": neither happens."""
    text = "The blockade will not force Sylvania to back down or withdraw its troops."
    e = event(nlp, lexicon, text, "RETREAT", "withdraw")
    assert e.polarity == "negative"
    # a negated act is no promise
    assert not [x for x in code(nlp, lexicon, text) if x.type == "AGREE"]


def test_a_purpose_clause_of_a_verb_of_saying_is_an_aim(nlp, lexicon):
    """ "To ease the blockade, X added a clause": the easing is aimed at, not done;
    "is said to ease" would be a claim that it happened."""
    text = "To ease the blockade of Freedonia, Sylvania added a clause to the treaty."
    e = event(nlp, lexicon, text, "RETREAT", "ease")
    assert e.tense == "future"


def test_a_wish_above_the_statement_makes_no_promise(nlp, lexicon):
    """ "we want Sylvania to prepare to meet X": Sylvania promised nothing; "Sylvania
    is preparing to meet X" is a promise (AGREE on its own word)."""
    wished = "Russia wants to help Sylvania prepare to meet Freedonia."
    meet = event(nlp, lexicon, wished, "CONSULT", "meet")
    assert meet.tense == "hypothetical"
    assert not events(nlp, lexicon, wished, "AGREE")
    stated = "Sylvania is preparing to meet Freedonia."
    promise = event(nlp, lexicon, stated, "AGREE")
    assert promise.tense == "actual" and promise.evidence.trigger == "preparing"


def test_a_condition_makes_no_promise(nlp, lexicon):
    text = "It was unclear if Sylvania would give Freedonia the aid."
    e = event(nlp, lexicon, text, "AID", "give")
    assert e.tense == "hypothetical"
    assert not events(nlp, lexicon, text, "AGREE")
    # a plain "would" in a report is still the speaker's promise
    assert events(nlp, lexicon, "Sylvania said it would give Freedonia the aid.", "AGREE")


def test_a_speakers_word_on_their_own_act_is_theirs(nlp, lexicon):
    """ "stressed his support of the raid that killed ...": the president speaks of his
    own act, and of what it holds; "noted a phone call" (no owner) stays the
    narrator's (seeds s000-02, test_claims)."""
    text = "The Russian president stressed his support of the 2011 raid that killed 40 people in Freedonia."
    for type_name, trigger in (("SUPPORT", "support"), ("ASSAULT", "raid"), ("ASSAULT", "killed")):
        e = event(nlp, lexicon, text, type_name, trigger)
        assert e.certainty == "reported" and e.tense == "actual", trigger
        assert e.attributed_to is not None and e.attributed_to.cue == "stress"
        assert e.attributed_to.name == "The Russian president"
    # another's act, named by its owner, is not the speaker's word
    other = "The Russian president stressed Sylvania's support of the raid on Freedonia."
    assert event(nlp, lexicon, other, "ASSAULT", "raid").certainty == "asserted"


def test_what_a_judge_judges_is_the_judges_word(nlp, lexicon):
    """ "criticized X for attacking Y": the attack is the critic's word on X."""
    text = "The Ruritanian minister criticized Sylvania for attacking Freedonia."
    e = event(nlp, lexicon, text, "ASSAULT", "attacking")
    assert e.certainty == "reported" and e.tense == "actual"
    assert e.attributed_to is not None and "minister" in e.attributed_to.name
    assert e.attributed_to.cue == "criticize"


def test_the_means_of_an_attempt_was_done(nlp, lexicon):
    """ "tried to help X by attacking Y": the help is only tried, the attack was made;
    "will try to ... by attacking" makes the attack future."""
    text = "Sylvania tried to help Ruritania by attacking Freedonia."
    assert event(nlp, lexicon, text, "AID", "help").tense == "hypothetical"
    assert event(nlp, lexicon, text, "ASSAULT", "attacking").tense == "actual"
    text = "Sylvania will try to help Ruritania by attacking Freedonia."
    assert event(nlp, lexicon, text, "ASSAULT", "attacking").tense == "future"
    text = "The effort by Sylvania to help Ruritania by attacking Freedonia failed."
    assert event(nlp, lexicon, text, "ASSAULT", "attacking").tense == "actual"


def test_a_charge_the_parser_hangs_on_the_accused_is_still_alleged(nlp, lexicon):
    """ "accused Sylvania's army of attacking X": the parser often attaches "of" to the
    accused; the attack is still the accuser's charge (alleged, by Ruritania)."""
    text = "Ruritania accused a Sylvania-backed militia of attacking Freedonia."
    e = event(nlp, lexicon, text, "ASSAULT", "attacking")
    assert e.certainty == "alleged"
    assert e.attributed_to is not None and e.attributed_to.name == "Ruritania"


def test_a_means_of_saying_speaks_for_the_main_subject(nlp, lexicon):
    """ "X responded by saying Y": X says Y; "tries to justify X by arguing Y" too."""
    text = "Ruritania responded by saying that Sylvania had attacked Freedonia."
    e = event(nlp, lexicon, text, "ASSAULT")
    assert e.certainty == "reported"
    assert e.attributed_to is not None and e.attributed_to.name == "Ruritania"
    assert e.attributed_to.cue == "say"


def test_a_participle_of_belief_hedges_the_next(nlp, lexicon):
    """ "kidnapped and presumed killed": held likely by no one named."""
    text = "An aid worker was kidnapped and presumed killed by Sylvanian rebels in Freedonia."
    e = event(nlp, lexicon, text, "ASSAULT", "killed")
    assert e.certainty == "alleged" and e.attributed_to is None


def test_what_one_is_protected_from_is_not_done(nlp, lexicon):
    text = "Freedonia has a duty to protect the villagers from being attacked by Sylvanian troops."
    assert event(nlp, lexicon, text, "ASSAULT", "attacked").tense == "hypothetical"


def test_an_act_named_by_what_it_would_bring_is_a_prospect(nlp, lexicon):
    text = (
        "The minister said that a Sylvanian blockade of Freedonia could push the region into war."
    )
    assert event(nlp, lexicon, text, "COERCE", "blockade").tense == "hypothetical"
    # the act in view, named with "the", is there already
    text = (
        "The minister said that the Sylvanian blockade of Freedonia could push the region into war."
    )
    assert event(nlp, lexicon, text, "COERCE", "blockade").tense == "actual"


def test_a_verb_with_its_particle_governs(nlp, lexicon):
    text = "The Freedonian president said he looked forward to visiting Sylvania."
    assert event(nlp, lexicon, text, "CONSULT", "visiting").tense == "hypothetical"
    assert not events(nlp, lexicon, text, "AGREE")  # a wish, no promise
    text = "Sylvania said it regretted the clash, then went on to attack Freedonia again."
    assert event(nlp, lexicon, text, "ASSAULT", "attack").tense == "actual"


def test_what_one_is_capable_of_is_not_done(nlp, lexicon):
    text = "Sylvanian commanders said they were capable of deploying 50,000 troops to Freedonia."
    assert event(nlp, lexicon, text, "MOBILIZE", "deploying").tense == "hypothetical"


def test_what_a_sought_thing_would_bring_about_is_a_prospect(nlp, lexicon):
    text = "Freedonia is offering a reward for information leading to the arrest of Sylvania's spy."
    assert event(nlp, lexicon, text, "COERCE", "arrest").tense == "hypothetical"
    text = "The protests led to the arrest of 50 activists by Freedonia's police."
    assert event(nlp, lexicon, text, "COERCE", "arrest").tense == "actual"


def test_no_promise_under_a_noun_of_hope(nlp, lexicon):
    """ "any feeling of hope that X would": the noun's "of" object is the hope."""
    text = (
        'After a meeting with the king, the president said, "I did not come away with '
        'any feeling of hope" that Iran would withdraw its army from Israel.'
    )
    assert event(nlp, lexicon, text, "RETREAT", "withdraw").tense == "future"
    assert not events(nlp, lexicon, text, "AGREE")


def test_what_is_requested_or_pressed_for_has_not_happened(nlp, lexicon):
    text = "Freedonia pressed for talks with Sylvania."
    assert event(nlp, lexicon, text, "CONSULT", "talks").tense == "hypothetical"
    text = "Freedonia is pushing for Sylvania's expulsion from the alliance."
    assert event(nlp, lexicon, text, "SANCTION", "expulsion").tense == "hypothetical"
    # the amount stands in the clause for the event it measures
    text = "Sylvania has requested $50 million in Russian military aid."
    assert event(nlp, lexicon, text, "AID").tense == "hypothetical"


def test_an_absolute_clause_is_not_what_is_asked(nlp, lexicon):
    text = "Sylvania urged Freedonia to hold talks, with Russia condemning the tests."
    e = event(nlp, lexicon, text, "ACCUSE", "condemning")
    assert e.tense == "actual" and e.attributed_to is None


def test_a_topic_of_talk_is_not_an_act_done(nlp, lexicon):
    text = "Freedonia's envoy heard the colonel talk about attacking Sylvania."
    assert event(nlp, lexicon, text, "ASSAULT", "attacking").tense == "hypothetical"


def test_what_one_is_exposed_to_has_not_happened(nlp, lexicon):
    text = "Sylvania's border posts are vulnerable to attack by Freedonia's army."
    assert event(nlp, lexicon, text, "ASSAULT", "attack").tense == "hypothetical"


def test_an_infinitive_split_off_as_a_conjunct_is_still_a_complement(nlp, lexicon):
    """A to-infinitive cannot be coordinated with a finite verb: the parser split it off."""
    text = "Sylvania appealed to the world, and Russia in particular, to send aid to Freedonia."
    assert event(nlp, lexicon, text, "AID", "send").tense == "future"


def test_a_concession_after_what_is_said_is_the_narrators(nlp, lexicon):
    text = "Iran said that the sanctions were unlawful, although Israel has already attacked Iran's ships."
    e = event(nlp, lexicon, text, "ASSAULT", "attacked")
    assert e.certainty == "asserted" and e.attributed_to is None
    # a verb of saying after the aside says it all
    text = "Sylvania refused, even though Freedonia threatened to attack it, the envoy says."
    assert event(nlp, lexicon, text, "ASSAULT", "attack").attributed_to.name == "the envoy"


def test_a_negation_inside_a_condition_states_no_act_undone(nlp, lexicon):
    """ "if it doesn't back down": the condition says neither that it backed down nor
    that it did not; the event is hypothetical, not negative."""
    text = "Freedonia warned Sylvania of military strikes if it doesn't back down."
    e = event(nlp, lexicon, text, "CONCEDE", "back down")
    assert e.polarity == "positive" and e.tense == "hypothetical"
    text = "Freedonia would use force if diplomacy fails to force Sylvania to back down."
    e = event(nlp, lexicon, text, "CONCEDE", "back down")
    assert e.polarity == "positive" and e.tense == "hypothetical"
    text = "If Sylvania does not withdraw its troops, Freedonia will attack."
    assert event(nlp, lexicon, text, "RETREAT", "withdraw").polarity == "positive"


def test_a_negation_outside_any_condition_still_negates(nlp, lexicon):
    text = "Freedonia said Sylvania would not attack unless provoked."
    assert event(nlp, lexicon, text, "ASSAULT", "attack").polarity == "negative"
    text = "Sylvania did not withdraw its troops."
    assert event(nlp, lexicon, text, "RETREAT", "withdraw").polarity == "negative"


@pytest.mark.parametrize(
    "text,type_name,trigger",
    [
        ("Sylvania is prepared to talk with Freedonia.", "CONSULT", "talk"),
        ("Sylvania is determined to attack Freedonia.", "ASSAULT", "attack"),
        ("Sylvania is keen to meet Freedonia.", "CONSULT", "meet"),
        ("Sylvania is ready to meet Freedonia.", "CONSULT", "meet"),
        ("Sylvania pledged to send aid to Freedonia.", "AID", "send"),
    ],
)
def test_an_act_one_is_ready_or_resolved_to_do_is_still_to_come(
    nlp, lexicon, text, type_name, trigger
):
    assert event(nlp, lexicon, text, type_name, trigger).tense == "future"


@pytest.mark.parametrize(
    "text,type_name,trigger",
    [
        ("Sylvania should resign from the alliance.", "RETREAT", "resign"),
        ("Sylvania must withdraw its troops from Freedonia.", "RETREAT", "withdraw"),
        ("Sylvania needs to withdraw its troops from Freedonia.", "RETREAT", "withdraw"),
        (
            "The premier rejected any suggestion that Sylvania should withdraw its troops.",
            "RETREAT",
            "withdraw",
        ),
    ],
)
def test_a_call_for_an_act_is_hypothetical(nlp, lexicon, text, type_name, trigger):
    """The map counts only actual events, so a call never stands for a relation."""
    found = events(nlp, lexicon, text, type_name, trigger)
    assert found and all(e.tense == "hypothetical" for e in found)


def test_a_promise_made_is_an_act_done_and_what_it_promises_is_to_come(nlp, lexicon):
    """PLOVER's AGREE is the promise: it was made (UW factuality gold scores
    "pledged" as having happened), while the act promised is still to come."""
    text = "Sylvania pledged to send aid to Freedonia."
    assert event(nlp, lexicon, text, "AGREE", "pledged").tense == "actual"
    assert event(nlp, lexicon, text, "AID", "send").tense == "future"


def test_the_occasion_of_a_telling_is_the_narrators(nlp, lexicon):
    """ "Obama said after meeting Putin": the meeting is when it was said, told by the
    writer; an occasion inside what is said stays the speaker's."""
    text = (
        "Sylvania's president said after meeting Freedonia's leader that the talks had gone well."
    )
    e = event(nlp, lexicon, text, "CONSULT", "meeting")
    assert e.certainty == "asserted" and e.attributed_to is None
    text = "Sylvania said that Freedonia attacked Ruritania after meeting its president."
    e = event(nlp, lexicon, text, "CONSULT", "meeting")
    assert e.certainty == "reported" and e.attributed_to.name == "Sylvania"


def test_a_second_telling_coordinated_with_the_saying_is_the_narrators(nlp, lexicon):
    """ "said he would order X and warned Y": a cue verb in the plain past that cannot
    share the modal or auxiliary of what was said is the speaker's second telling,
    told by the writer; a conjunct of the same form, or a plain act, stays what is said."""
    text = (
        "Sylvania's president said he would order a review of the border and warned "
        "Freedonia against new attacks."
    )
    e = event(nlp, lexicon, text, "THREATEN", "warned")
    assert (e.certainty, e.attributed_to, e.tense) == ("asserted", None, "actual")
    text = "Sylvania said Freedonia had attacked the convoy and killed three soldiers."
    e = event(nlp, lexicon, text, "ASSAULT", "killed")
    assert e.certainty == "reported" and e.attributed_to.name == "Sylvania"
    text = "Sylvania said Freedonia attacked the convoy and warned Ruritania."
    e = event(nlp, lexicon, text, "THREATEN", "warned")
    assert e.certainty == "reported" and e.attributed_to.name == "Sylvania"
