"""Which events count towards a standing relation, and why the others do not.

A relation on the map stands for a lasting state of affairs between political
actors (issue 14). An event counts towards one only when it happened and was
meant: the rules, in order (``standing_rule`` returns the first one an event
fails, or None):

1. **happened**: positive (not "refused to condemn") and actual (not a
   promise, a plan or a condition);
2. **claimed**: asserted, reported or alleged, not denied by its source nor
   asked ("Just how much support did Moscow give ...?");
3. **meant**: a conflict event that is no accident ("an accidental
   airstrike", "mistakenly shot down": ``evidence.accident_cues`` in
   relations.yaml); an agreement to prevent accidents is meant;
4. **political**: not one person acting alone ("a lone gunman": the actor's
   name ends with, or stands before, one of ``evidence.individual_nouns``);
5. **current**: an event with no date of its own that its sentence places in
   the past ("in the early 20th century Russian troops occupied northern
   Iran": ``evidence.past_cues``) is history, not the state of affairs on
   the article's date.

The words are data; the rules are these five. ``RULES`` names each for the
relation audit (``explain_relation``).
"""

from __future__ import annotations

import re

from entente.consolidate.blocks import EventRow
from entente.consolidate.knowledge import MapKnowledge

# What each rule requires, as the relation audit shows it.
RULES = {
    "happened": "a positive, actual event (not negated, promised or hypothetical)",
    "claimed": "asserted, reported or alleged, not denied nor asked",
    "meant": "no accident",
    "political": "not one person acting alone",
    "current": "dated, or not placed in the past by its sentence",
}


def standing_rule(event: EventRow, knowledge: MapKnowledge) -> str | None:
    """The first rule (a key of RULES) that keeps ``event`` from a standing relation, or None."""
    if event.polarity != "positive" or event.tense != "actual":
        return "happened"
    text = event.sentence_text.lower()
    if event.certainty == "denied" or text.rstrip(" \"'\u201d\u2019").endswith("?"):
        return "claimed"
    if knowledge.quads.get(event.type, "").endswith("conflict") and _matches(
        knowledge.accident_re, text
    ):
        return "meant"  # an accidental strike; an agreement to prevent accidents is meant
    if any(_is_individual(ref.name, text, knowledge) for ref in event.actor):
        return "political"
    if event.date_basis != "text" and _matches(knowledge.past_re, text):
        return "current"
    return None


def _matches(pattern: re.Pattern[str] | None, text: str) -> bool:
    return bool(pattern and pattern.search(text))


def _is_individual(name: str, sentence: str, knowledge: MapKnowledge) -> bool:
    """The actor is one person: its name ends with an individual noun ("Turkish
    gunman"), or its name stands before one in the sentence ("a Turkish gunman"
    where only "Turkish" was resolved)."""
    words = name.lower().split()
    if not words:
        return False
    if words[-1] in knowledge.individual_nouns:
        return True
    start = sentence.find(name.lower())
    while start >= 0:
        after = sentence[start + len(name) :].split(None, 1)
        if after and after[0].strip(".,;:") in knowledge.individual_nouns:
            return True
        start = sentence.find(name.lower(), start + 1)
    return False
