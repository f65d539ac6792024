"""Which events count towards a standing relation, and why the others do not.

A relation on the map stands for a lasting state of affairs between political
actors (issue 14). An event counts towards one only when it happened and was
meant: the rules, in order (``standing_rule`` returns the first one an event
fails, or None):

1. **happened**: positive (not "refused to condemn") and actual (not a
   promise, a plan, a condition or a call for an act: the coder codes "X
   should resign" hypothetical), and of ``evidence.intent_types`` no
   intent (``is_intent``: "ready to meet", "would like friendlier relations",
   "pledged to build", coded as agreements: the promise was made, so the
   coder codes it actual; it is still no agreement reached), and of any type
   but a threat no possibility or future the coder left actual
   (``is_forecast``: "could be partners", "could face sanctions"); the coder
   reads a warning of a risk as no threat ("warned the US could be heading for
   conflict": clause_senses.tsv, ``gating.states_a_view``);
2. **claimed**: asserted, reported or alleged, not denied by its source nor
   asked ("Just how much support did Moscow give ...?"); the coder reads what a
   sentence's "pushed back on reports that ..." rejects as denied (cues.tsv,
   ``claims.denial_of``), so its cluster is contested;
3. **meant**: a conflict event that is no accident ("an accidental
   airstrike", "mistakenly shot down": ``evidence.accident_cues`` in
   relations.yaml); an agreement to prevent accidents is meant;
4. **political**: no side only populations rather than political actors (their
   sectors among ``evidence.population_sectors``: civilians, refugees, a
   faith, firms, the press: "two Palestinian civilians were killed", "Muslims",
   "Iranian companies", "an American tourist"), no side a place named where it happened (``is_place_side``:
   "a raid in Yemen" made Yemen the raid's recipient, the CAMEO location
   recipient; clustering still uses the place to tell events apart), and not
   one person acting alone, nor one person as the target
   ("a lone gunman", "a Turkish gunman", "a man from Turkey": a side's name
   ends with, stands before, or follows "<noun> in / from / of" one of
   ``evidence.individual_nouns``), nor a state its sentence writes only as the
   word before a place or a private person ("the Syrian city of Deraa", "an
   American tourist": ``evidence.written_place_nouns``). The names are the one the event gives the
   side ("United States") and the words its sentence names it with
   (``attach_names``): "a man in the US state of Kansas", "an Indian man";
   **sides**: its sides are its own, not taken from another telling of its
   article (``has_own_sides``, ``evidence.borrowed_sides``);
5. **current**: an event with no date of its own that its sentence places in
   the past ("in the early 20th century Russian troops occupied northern
   Iran": ``evidence.past_cues``) is history, not the state of affairs on
   the article's date; so is an attack, a threat or an accusation its text
   dates a year or more before the article (``is_history``: "In November
   2015, Turkey shot down a Russian fighter jet");
6. **act**: praise, thanks, congratulations, a welcome or an apology voice an
   attitude and do nothing (``is_expressive``: "she openly praised Trump's
   predecessor"): no partnership nor backing;
7. **agreement**: an "agreed with X" is an agreement reached only with what
   was agreed to ("agreed with Russia to prevent clashes"); without it, it
   is a view shared (``is_concurrence``: "Lavrov agreed with Trump, saying
   ...");
8. **material**: a transfer (``evidence.word_gift_types``) moves goods, not
   words: "Trump sent Lunar New Year greetings to the Chinese people",
   "Putin has sent condolences" (``evidence.word_gifts`` in ``transfer_text``:
   the trigger and the items the coder stored as what it moves).

The words are data; the rules are these nine. ``RULES`` names each for the
relation audit (``explain_relation``).
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Iterable

from entente.consolidate.blocks import EventRow, period_bounds
from entente.consolidate.knowledge import MapKnowledge
from entente.records import ActorRef
from entente.store.db import Store

_WORD = re.compile(r"[a-z]+")

# What each rule requires, as the relation audit shows it.
RULES = {
    "happened": "a positive, actual event (not negated, promised, offered, wished, "
    "called for, hypothetical or told as a possibility)",
    "claimed": "asserted, reported or alleged, not denied nor asked",
    "meant": "no accident",
    "political": "between political actors: no population (civilians, refugees, a faith, "
    "firms, the press) or place as a side, not one person acting alone or targeted alone",
    "sides": "names its sides itself, not taken from another telling of its article",
    "current": "not history: dated, or not placed in the past by its sentence; an attack, "
    "threat or accusation not dated a year or more before its article",
    "act": "an act, an agreement or backing, not praise, thanks, congratulations or a "
    "welcome voiced",
    "agreement": "an agreement reached or a cooperation, not a view shared "
    '("agreed with Trump, saying ...")',
    "material": "a transfer of goods, not of words (greetings, condolences)",
}


def standing_rule(event: EventRow, knowledge: MapKnowledge, sides: bool = True) -> str | None:
    """The first rule (a key of RULES) that keeps ``event`` from a standing relation, or
    None; with ``sides`` false, all but the rule "sides" (the dyad series' test)."""
    # no call-cue window here: the coder codes a call ("should resign", "must
    # withdraw", "needs to") hypothetical or future, so "actual" excludes it
    if (
        event.polarity != "positive"
        or event.tense != "actual"
        or is_intent(event, knowledge)
        or is_forecast(event, knowledge)
    ):
        return "happened"
    text = event.sentence_text.lower()
    if event.certainty == "denied" or text.rstrip(" \"'\u201d\u2019").endswith("?"):
        return "claimed"
    if knowledge.quads.get(event.type, "").endswith("conflict") and _matches(
        knowledge.accident_re, text
    ):
        return "meant"  # an accidental strike; an agreement to prevent accidents is meant
    if any(is_place_side(ref) for ref in (*event.actor, *event.recipient)) or any(
        side and all(ref.sector in knowledge.population_sectors for ref in side)
        for side in (event.actor, event.recipient)
    ):
        # a side of populations only: "Russian state media and Lavrov" is Lavrov's
        return "political"
    if any(
        _is_individual(name, text, knowledge)
        for ref in (*event.actor, *event.recipient)
        for name in _names_of(ref, event)
    ) or any(_written_as_place(ref, event, knowledge) for ref in (*event.actor, *event.recipient)):
        return "political"
    if sides and not has_own_sides(event, knowledge):
        return "sides"
    if event.date_basis != "text" and _matches(knowledge.past_re, text):
        return "current"
    if is_history(event, knowledge):
        return "current"
    if is_concurrence(event, knowledge):
        return "agreement"
    if is_expressive(event, knowledge):
        return "act"
    if event.type in knowledge.word_gift_types and _matches(
        knowledge.word_gift_re, transfer_text(event).lower()
    ):
        return "material"
    return None


# Rules that hold for a whole event once one telling shows it: an accident said
# of one telling is the event's ("a Russian air strike accidentally killed three
# Turkish soldiers" beside "a Russian jet bombed Turkish positions"), and a telling
# that took its sides from another ("a newborn baby was also killed in the raid",
# after "the Navy SEAL raid in Yemen") has that telling's sides, place included.
EVENT_RULES = frozenset({"meant"})
BORROWED_RULES = frozenset({"political", "meant"})


def member_rules(
    members: list[EventRow], knowledge: MapKnowledge, sides: bool = True
) -> dict[str, str | None]:
    """The rule that keeps each telling of one event (a cluster) from a standing
    relation, or None: its own (``standing_rule``), else one of ``EVENT_RULES``
    another telling fails, else one of ``BORROWED_RULES`` that the telling it
    took its sides from (``refers_to``) fails."""
    own = {m.id: standing_rule(m, knowledge, sides) for m in members}
    shared = next((r for r in sorted(EVENT_RULES) if r in own.values()), None)
    rules: dict[str, str | None] = {}
    for m in members:
        borrowed = own.get(m.refers_to or "")
        rules[m.id] = own[m.id] or shared or (borrowed if borrowed in BORROWED_RULES else None)
    return rules


# How many words before its trigger are read for a cue of intent, of a forecast or
# of a call: "we are ready to restore cooperation", "would be open to meeting",
# "Noonan should resign". Read on the AGREE events of the whole 2017 store (issue
# 14); widened from 4 to 6 in session 12 (s11 final rebuilt): 48 more events, 30
# read (seed 1203), 29 a possibility, a condition, a future or an intent ("argue it
# will free up the UK to trade", "could meet with Trump at the summit"), one a
# deal of 2013 that a union "wants authorities to implement". The window stays
# within its clause.
CUE_WINDOW_WORDS = 6
# A cue beyond one of these belongs to another clause ("Russia, which will host
# the talks, agreed").
_CLAUSE_BREAK = re.compile(r"[,;:()\"\u201c\u201d]")


def trigger_window(event: EventRow) -> str:
    """The trigger and the few words before it in its clause, lowercased."""
    trigger = event.trigger.lower()
    at = event.trigger_at
    if at is None or not 0 <= at <= len(event.sentence_text):
        return trigger
    before = _CLAUSE_BREAK.split(event.sentence_text[:at].lower())[-1]
    return " ".join([*_WORD.findall(before)[-CUE_WINDOW_WORDS:], trigger])


def is_intent(event: EventRow, knowledge: MapKnowledge) -> bool:
    """Whether an event of ``evidence.intent_types`` tells an intent, not an act
    done: its trigger or the words before it are a cue of readiness, wish, pledge,
    offer, plan or a modal of the future (``evidence.intent_cues``): "Putin said he
    was ready to meet Trump", "Trump would like to establish more friendly
    relations", "Trump's pledge to build the wall". An agreement stands for a
    partnership when it was reached ("the two countries agreed to exchange
    prisoners"), not when one side offers or wishes it."""
    return event.type in knowledge.intent_types and _matches(
        knowledge.intent_re, trigger_window(event)
    )


def is_forecast(event: EventRow, knowledge: MapKnowledge) -> bool:
    """Whether an event is told as a possibility, a condition or a future the
    coder left actual: a cue (``evidence.forecast_cues``: "could", "would",
    "will", "if", "possibly") just before its trigger ("the two nations could be
    partners assisting", "Dortmund could also face sanctions", "the draft would
    eliminate funding"). A threat (``forecast_exempt_types``) tells a future act
    and is itself done ("Turkey said it would suspend relations")."""
    return event.type not in knowledge.forecast_exempt_types and _matches(
        knowledge.forecast_re, trigger_window(event)
    )


def has_own_sides(event: EventRow, knowledge: MapKnowledge) -> bool:
    """Whether a telling's sides on the map are its own, named in its sentence, and
    not taken from another telling of its article. ``blocks.assign_map_view`` gives
    a telling that lacks a side the sides of the nearest complete telling of its
    family and article, which places it in its cluster and its dyad's series; for a
    standing relation (``evidence.borrowed_sides: false``) that is a guess:
    "-whom the Turkish government blames for the coup" took the United States from
    "He accused the US of ..." three sentences before, "A suspected suicide bomber
    has targeted the Supreme Court" the Taliban of another attack."""
    return event.refers_to is None or knowledge.borrowed_sides


def is_history(event: EventRow, knowledge: MapKnowledge) -> bool:
    """Whether an act of ``evidence.history_types`` (an attack, a threat, an
    accusation) is dated by its text to a period that ended ``history_days`` or
    more before its article was published: background ("In November 2015,
    Turkey shot down a Russian fighter jet", "the Soviet Union's costly 1979
    invasion of Afghanistan", "targeted before in June 2013 by a suicide
    bomber"), not the state of affairs the article tells. A date that starts
    what goes on (``evidence.ongoing_cues``: "has bombed targets since 2014")
    is no history; nor is a sanction or an agreement, which stand until lifted."""
    if event.type not in knowledge.history_types or event.date_basis != "text":
        return False
    bounds = period_bounds(event.date_start)
    if bounds is None or event.published_date is None:
        return False
    if (event.published_date - bounds[1]).days < knowledge.history_days:
        return False
    said = (event.date_text or "").lower()
    text = event.sentence_text.lower()
    at = text.find(said) if said else -1
    before = " ".join(_WORD.findall(text[:at])[-ONGOING_WINDOW_WORDS:]) if at >= 0 else ""
    return not _matches(knowledge.ongoing_re, before)


# How many words before a date are read for a cue that it starts what goes on
# ("since a 2014 Pakistani military operation").
ONGOING_WINDOW_WORDS = 6


def is_concurrence(event: EventRow, knowledge: MapKnowledge) -> bool:
    """Whether an event of ``evidence.concurrence_types`` is a view shared, not an
    agreement reached: its trigger is "agree(d) with" (``concurrence_verbs``) and
    no ``agreement_words`` ("to": "agreed with Russia to prevent clashes") follow in
    its clause: "Lavrov also agreed with Trump on Friday, saying the attacks ...
    looked like a witch hunt", "agreed with the president's view that it's too
    high"."""
    at = event.trigger_at
    if (
        event.type not in knowledge.concurrence_types
        or at is None
        or knowledge.concurrence_re is None
    ):
        return False
    rest = event.sentence_text[at:].lower()
    found = knowledge.concurrence_re.match(rest)
    if not found:
        return False
    clause = _CLAUSE_BREAK.split(rest[found.end() :])[0]
    return not _matches(knowledge.agreement_re, clause)


def is_expressive(event: EventRow, knowledge: MapKnowledge) -> bool:
    """Whether an event of ``evidence.expressive_types`` voices an attitude and does
    nothing: its trigger is praise, thanks, congratulations, a welcome or an
    apology (``evidence.expressive_verbs``): "In contrast, she openly praised
    Trump's predecessor", "Ayrault congratulated Rutte", "Saudi Arabia has
    welcomed Trump's hard line rhetoric on Iran". PLOVER codes these SUPPORT;
    they are no partnership or backing (a deal praised is the deal's, told in
    its own event)."""
    return event.type in knowledge.expressive_types and bool(
        knowledge.expressive_re and knowledge.expressive_re.fullmatch(event.trigger.lower().strip())
    )


def is_call(event: EventRow, knowledge: MapKnowledge) -> bool:
    """Whether an event is told as a call for it ("any suggestion that Noonan should
    resign", "the government ought to accept"), not as a claim that it happened:
    a deontic modal (``call_cues``) just before its trigger. The coder codes such
    an event hypothetical or future, so it never counts towards a relation; the
    conflicts read this to tell a call rejected (no fact disputed) from a chance
    denied ("rumours say Russia might hand the islands", which tense cannot tell
    apart)."""
    return _matches(knowledge.call_re, trigger_window(event))


def is_place_side(ref: ActorRef) -> bool:
    """A side that names where, not who: a country and neither an actor nor a
    sector ("an attack in Lahore", "a raid in Yemen", "the Treaty of Lisbon").
    On the whole 2017 store 759 event sides are such (601 of them place
    mentions, most others states or capitals named as the place of a domestic
    event: "a railway in Iran"). Of 13 read at random, 12 were places and one
    the state acting ("expelled from New Zealand")."""
    return not ref.actor_id and not ref.sector and bool(ref.country)


def transfer_text(event: EventRow) -> str:
    """What an event transfers, as words: its trigger ("arms sale", "military aid")
    and the items stored with it, which the coder read from the transfer itself
    (``events.quantities.transferred_items``: "supplied S-300 systems", "arms
    supplies", "sent New Year greetings") and its counts ("20.7 tons of
    humanitarian aid"). A weapon named elsewhere in the sentence ("Russian
    aircraft delivered humanitarian aid") is no part of the transfer."""
    items = [f"{q.get('text') or ''} {q.get('item') or ''}" for q in event.quantities]
    return " ".join([event.trigger, *items])


def is_military_transfer(event: EventRow, knowledge: MapKnowledge) -> bool:
    """Whether a transfer moves military goods (``transfer_text`` names one of
    lexicons/military_goods.txt) or is done by military personnel
    (``military_personnel`` among the words before its trigger in its clause:
    "NATO-led soldiers remain to help Afghan forces", "special operations
    fighters are there to train and assist the SDF")."""
    if knowledge.names_military_goods(transfer_text(event)):
        return True
    at = event.trigger_at
    if at is None or not 0 <= at <= len(event.sentence_text):
        return False
    clause = re.split(r"[;:()]", event.sentence_text[:at].lower())[-1]
    words = _WORD.findall(clause)[-PERSONNEL_WINDOW_WORDS:]
    return _matches(knowledge.personnel_re, " ".join(words))


# How far before a transfer's trigger its doers are read (see is_military_transfer).
PERSONNEL_WINDOW_WORDS = 12


def _matches(pattern: re.Pattern[str] | None, text: str) -> bool:
    return bool(pattern and pattern.search(text))


def _names_of(ref: ActorRef, event: EventRow) -> list[str]:
    """The side's name as the event gives it, then as its sentence writes it."""
    written = (event.side_names or {}).get(ref.actor_id or "", [])
    return [ref.name, *(w for w in written if w.lower() != ref.name.lower())]


def _names_an_individual(sentence: str, knowledge: MapKnowledge) -> bool:
    """Whether a sentence holds a word the political rule reads side names for."""
    words = _WORD.findall(sentence.lower())
    return not (
        knowledge.individual_nouns.isdisjoint(words)
        and knowledge.written_place_nouns.isdisjoint(words)
        and knowledge.written_event_nouns.isdisjoint(words)
    )


def _written_as_place(ref: ActorRef, event: EventRow, knowledge: MapKnowledge) -> bool:
    """A side (a state or an organisation) that its sentence writes only as the word
    before a place or a private person (``evidence.written_place_nouns``): "air
    strikes on rebel-held areas of the southern Syrian city of Deraa" (where),
    "American tourist killed", "an assurance to EU citizens" (whom), or as its own
    name before an event noun (``evidence.written_event_nouns``: "an American
    commando killed in a Yemen raid against al-Qaeda"): not the state or
    organisation acting or acted on."""
    if not ref.actor_id:
        return False
    written = (event.side_names or {}).get(ref.actor_id, [])
    if not written:
        return False  # most sides: no name written in the sentence to read after
    text = event.sentence_text.lower()
    following = [
        (name, (text[m.end() :].split(None, 1) or [""])[0].strip(".,;:'\""))
        for name in written
        for m in re.finditer(rf"(?<![\w-]){re.escape(name.lower())}(?![\w-])", text)
    ]
    return bool(following) and all(
        word in knowledge.written_place_nouns or _names_where(name, word, ref, knowledge)
        for name, word in following
    )


def _names_where(name: str, word: str, ref: ActorRef, knowledge: MapKnowledge) -> bool:
    """The state's own name, not its demonym, before an event noun, within the words
    that name it ("the Yemen mission") or after them ("a Yemen raid"): where the
    event was. "A US raid", "the Soviet invasion" say by whom."""
    if ref.actor_id != ref.country:
        return False
    words = name.lower().split()
    if len(words) > 1 and words[-1] in knowledge.written_event_nouns:
        words, word = words[:-1], words[-1]
    return word in knowledge.written_event_nouns and " ".join(words) == ref.name.lower()


# How a mention that names a place was resolved: a place, a venue ("the Paris
# attacks"), or a capital or seat standing for its state ("Moscow", "the Kremlin").
PLACE_RESOLUTIONS = frozenset({"place", "venue", "metonymy"})


def attach_names(store: Store, events: Iterable[EventRow], knowledge: MapKnowledge) -> None:
    """Read, from the mentions of each event's sentence, what two rules need: the
    words naming its sides (the political rule, for sentences with an individual
    noun) and the places it names (count conflicts, for events with a count). Few
    events need either, so an update reads the mentions of a few documents."""
    wanted = [
        e
        for e in events
        if e.side_names is None
        and (e.quantities or _names_an_individual(e.sentence_text, knowledge))
    ]
    if not wanted:
        return
    sides: dict[tuple[str, int], dict[str, list[str]]] = {}
    places: dict[tuple[str, int], list[str]] = {}
    for doc_id, sentence, actor_id, text, resolved_by in store.fetchall(
        "SELECT doc_id, sentence, actor_id, text, resolved_by FROM mentions "
        "WHERE doc_id IN (SELECT unnest(?)) ORDER BY doc_id, start",
        [sorted({e.doc_id for e in wanted})],
    ):
        if actor_id is not None:
            names = sides.setdefault((doc_id, sentence), {}).setdefault(actor_id, [])
            if text not in names:
                names.append(text)
        if resolved_by in PLACE_RESOLUTIONS:
            places.setdefault((doc_id, sentence), []).append(text)
    for event in wanted:
        event.side_names = sides.get((event.doc_id, event.sentence), {})
        event.places = places.get((event.doc_id, event.sentence), []) or [
            place
            for back in range(1, PLACE_CONTEXT_SENTENCES + 1)
            for place in places.get((event.doc_id, event.sentence - back), [])
        ]


# A telling that names no place is placed by the sentences just before it, which
# set its scene ("a provincial official said Tuesday's attack in Helmand province's
# capital ..." before "Taliban spokesman Zabihullah Mujahid told Al Jazeera the group
# was responsible for the attack, saying it killed 11 policemen"). On the whole 2017
# store (s11 final) this makes one more count conflict, that one (11 against
# Reuters' 12 policemen), and no other.
PLACE_CONTEXT_SENTENCES = 2


def _is_individual(name: str, sentence: str, knowledge: MapKnowledge) -> bool:
    """The side is one person: its name ends with an individual noun ("Turkish
    gunman"), its name stands before one in the sentence ("a Turkish gunman"
    where only "Turkish" was resolved), or one stands before it with "in",
    "from" or "of" ("a man from Turkey")."""
    words = name.lower().split()
    if not words:
        return False
    if words[-1] in knowledge.individual_nouns:
        return True
    start = sentence.find(name.lower())
    while start >= 0:
        end = start + len(name)
        if (start and sentence[start - 1].isalnum()) or sentence[end : end + 1].isalnum():
            # inside a word: "Congress" in "Congressman Mulvaney" is no name
            start = sentence.find(name.lower(), start + 1)
            continue
        after = sentence[start + len(name) :].split(None, 1)
        if after and after[0].strip(".,;:") in knowledge.individual_nouns:
            return True
        before = sentence[:start].split()[-3:]
        if before and before[-1] == "the":
            before = before[:-1]
        if (
            len(before) >= 2
            and before[-1] in _PLACE_PREPOSITIONS
            and before[-2].strip(".,;:") in knowledge.individual_nouns
        ):
            return True
        start = sentence.find(name.lower(), start + 1)
    return False


_PLACE_PREPOSITIONS = frozenset({"in", "from", "of"})


_NUMBER_WORD = re.compile(r"[\w.,$€£%-]+")


def is_occurrence_count(quantity: dict, sentence: str, knowledge: MapKnowledge) -> bool:
    """Whether a count tells how many of one occurrence, so that another source
    counting it differently disagrees (a conflict). Not such a count:

    1. a vague one, in words with no number ("dozens", "hundreds of thousands");
    2. a running total: its sentence counts over a period ("at least 99 killed
       since Monday", "12 executive orders at this point in his presidency");
    3. an increment: "an additional 5,000 agents", "four more missiles"
       ("more than 600" is an estimate of the whole, and counts);
    4. a count naming a thing: "the 12-nation pact" counts nations, not an event;
    5. a count of one version of a thing that changed: "the revised order's six
       countries" against "the original's seven" (``counts.version_words``).
    """
    text = str(quantity.get("text") or "").strip()
    lowered = sentence.lower()
    words = text.lower().split()
    if not any(c.isdigit() for c in text) and any(w in knowledge.vague_count_words for w in words):
        return False
    if _matches(knowledge.running_total_re, lowered):
        return False
    if any(w.strip(".,;:'\"()") in knowledge.version_words for w in lowered.split()):
        return False
    where = lowered.find(text.lower()) if text else -1
    if where >= 0:
        before = _NUMBER_WORD.findall(lowered[:where])[-1:]
        after = _NUMBER_WORD.findall(lowered[where:])[:3]
        number_at = next((i for i, w in enumerate(after) if any(c.isdigit() for c in w)), 0)
        following = after[number_at + 1 : number_at + 3]
        if before and before[0] in knowledge.increment_words and before[0] != "more":
            return False
        if following and following[0] in knowledge.increment_words and following[1:] != ["than"]:
            return False
    item = str(quantity.get("item") or "").lower().split()
    first, _, rest = (words[0] if words else "").partition("-")
    names_thing = bool(rest and first[:1].isdigit() and item)
    return not (names_thing and rest.rstrip("s") == item[-1].rstrip("s"))


# Month names and their short forms ("Feb.", "Sept"): a date in these words is
# read the same by every source; "last week" or "on Monday" depends on when the
# article was written and how the reader resolved it.
_MONTHS = frozenset(
    {m.lower() for m in calendar.month_name[1:]}
    | {m.lower() for m in calendar.month_abbr[1:]}
    | {"sept"}
)


def is_absolute_date(event: EventRow) -> bool:
    """Whether the event's date was read from words that fix it (a number or a
    month: "March 13", "2017", "Feb. 9"), not from words relative to the
    article's date ("last week", "on Tuesday", "today"). Two sources disagree
    about when only with such dates: relative ones differ with publication
    dates and resolution slips (issue 14: "last week" read on the 15th and on
    the 17th of one month made two dates for one missile launch)."""
    text = (event.date_text or "").lower()
    if any(c.isdigit() for c in text):
        return True
    return any(word.strip(".,") in _MONTHS for word in text.split())


def is_someones_word(event: EventRow) -> bool:
    """Whether a telling is someone's statement (attributed, or reported or
    denied by a source), not the narrator's own account. A polarity conflict
    is a source saying it did not happen ("I never met ...", he said) against
    one saying it did; the narrator's "X did not attend the meeting" beside
    "Y was meeting Z" is two events, not a disagreement."""
    return bool(event.attributed_to) or event.certainty in ("reported", "denied")
