"""Actor and recipient from the dependency parse."""

from __future__ import annotations

import pytest
from _events_helpers import code, countries

pytestmark = pytest.mark.slow


def one(nlp, lexicon, text, type_name):
    found = [e for e in code(nlp, lexicon, text) if e.type == type_name]
    assert found, f"no {type_name} in {text!r}"
    return found[0]


def test_roles_subject_and_object(nlp, lexicon):
    e = one(nlp, lexicon, "Ruritania condemned Freedonia.", "ACCUSE")
    assert countries(e.actor) == ["RUR"] and countries(e.recipient) == ["FRE"]


def test_roles_passive_agent_is_actor(nlp, lexicon):
    e = one(nlp, lexicon, "Freedonia was attacked by Ruritania.", "ASSAULT")
    assert countries(e.actor) == ["RUR"] and countries(e.recipient) == ["FRE"]


def test_roles_give_frame_recipient_from_to(nlp, lexicon):
    e = one(nlp, lexicon, "Ruritania supplied rifles to Freedonia.", "AID")
    assert countries(e.actor) == ["RUR"] and countries(e.recipient) == ["FRE"]


def test_roles_indirect_object_recipient(nlp, lexicon):
    e = one(nlp, lexicon, "France will sell Peru ten fighter jets.", "AID")
    assert countries(e.recipient) == ["PER"]


def test_roles_nominal_possessor_actor_on_recipient(nlp, lexicon):
    e = one(nlp, lexicon, "Ruritania's attack on Freedonia was condemned.", "ASSAULT")
    assert countries(e.actor) == ["RUR"] and countries(e.recipient) == ["FRE"]


def test_roles_between_gives_both_sides(nlp, lexicon):
    e = one(nlp, lexicon, "A meeting between Ruritania and Freedonia took place.", "CONSULT")
    assert countries(e.actor + e.recipient) == ["RUR", "FRE"]


def test_roles_coordinated_mutual_subjects_on_both_sides(nlp, lexicon):
    e = one(nlp, lexicon, "Ruritania and Freedonia signed a treaty.", "SUPPORT")
    assert set(countries(e.actor)) == {"RUR", "FRE"}
    assert set(countries(e.recipient)) == {"RUR", "FRE"}


def test_roles_control_verb_inherits_subject(nlp, lexicon):
    e = one(nlp, lexicon, "Ruritania is keen to acquire Freedonian rifles.", "REQUEST")
    assert countries(e.actor) == ["RUR"]


def test_roles_declined_to_inherits_subject(nlp, lexicon):
    e = one(nlp, lexicon, "Ruritania declined to condemn Freedonia.", "ACCUSE")
    assert countries(e.actor) == ["RUR"] and countries(e.recipient) == ["FRE"]


def test_roles_appositive_names_actor(nlp, lexicon):
    e = one(nlp, lexicon, "The old ally, Ruritania, praised Freedonia on Monday.", "SUPPORT")
    assert countries(e.actor) == ["RUR"]


def test_roles_relative_clause_subject(nlp, lexicon):
    text = "Peru welcomed the envoy from Ruritania, which backs Freedonia."
    e = one(nlp, lexicon, text, "SUPPORT")
    backing = [x for x in code(nlp, lexicon, text) if x.evidence.trigger == "backs"]
    assert backing and countries(backing[0].recipient) == ["FRE"]
    assert e.actor


def test_roles_object_control_subject_from_object(nlp, lexicon):
    e = one(nlp, lexicon, "Ruritania helped Freedonia to build a reactor.", "AID")
    assert countries(e.actor) == ["RUR"] and countries(e.recipient) == ["FRE"]


def test_roles_pronoun_possessor_resolves_to_subject(nlp, lexicon):
    e = one(nlp, lexicon, "Ruritania said its attack on Freedonia was limited.", "ASSAULT")
    assert countries(e.actor) == ["RUR"]


def test_roles_nationality_adjective_actor(nlp, lexicon):
    e = one(nlp, lexicon, "Norwegian officials visited Canada last month.", "CONSULT")
    assert countries(e.actor) == ["NOR"] and countries(e.recipient) == ["CAN"]


def test_roles_blamed_on_gives_the_accused_the_event(nlp, lexicon):
    text = "Peru mourned the victims of an airstrike which Ruritania has blamed on Freedonia."
    e = one(nlp, lexicon, text, "ASSAULT")
    assert countries(e.actor) == ["FRE"]
    assert e.certainty == "alleged"
