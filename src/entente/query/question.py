"""Reading a question without a language model: its form, actors, act words, time and polarity.

A question is read as the articles are: parsed by the same spaCy pipeline, its
actors found by the same resolver (``actors.resolve``: names, aliases, titles,
demonyms, seats of power), its act words looked up in ``data/ask/question_words.tsv``
and then in the coder's own ``lexicons/triggers.tsv``, its form and negation words
in ``data/ask/question_forms.tsv``, and its time expressions resolved by the
events' date code (``events.date_expressions.resolve_date``). ``interpret``
returns an ``Interpretation``; ``query.ask`` answers it from the store.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc, Token

from entente.actors.registry import Registry
from entente.actors.resolve import resolve_actors
from entente.errors import DataFileError, UsageError
from entente.events.date_expressions import resolve_date
from entente.events.lexicon import Lexicon, data_rows, read_words
from entente.records import ActorRef, Document

DATA_DIR = Path(__file__).resolve().parents[1] / "data"
FORMS = ("who", "what", "when", "how_many", "which_sources", "yes_no")
SIDES = ("-", "reverse")
# How the resolver found a mention (actors.resolve.RESOLVED_BY) when its words name a
# place standing for a state: kept as topic words as well as the state.
PLACE_WORDS = frozenset({"place", "metonymy"})
# A question longer than this is a paste, not a question: refused with a reason.
MAX_QUESTION_CHARS = 300
# The dependency labels that make a word the subject of its verb, and those that
# make it what the act is done to (its object, or the object of a preposition).
SUBJECT_DEPS = frozenset({"nsubj", "csubj", "expl"})
AGENT_DEPS = frozenset({"agent"})
OBJECT_DEPS = frozenset({"dobj", "nsubjpass", "pobj", "dative", "attr", "oprd"})


@dataclass(frozen=True, slots=True)
class QuestionWord:
    """One row of question_words.tsv (or a trigger row read the same way)."""

    lemmas: tuple[str, ...]
    pos: str
    types: tuple[str, ...]
    relations: tuple[str, ...]
    reverse: bool = False


@dataclass(frozen=True, slots=True)
class FormCue:
    words: tuple[str, ...]
    kind: str  # form or negation
    value: str | None
    at_start: bool


@dataclass(slots=True)
class QuestionKnowledge:
    """What the question reader looks words up in, loaded once."""

    words: dict[str, list[QuestionWord]]
    forms: list[FormCue]
    lexicon: Lexicon
    relation_kinds: frozenset[str]
    # words that, before "to" and a verb, refuse that act (refusal_words.txt)
    refusals: frozenset[str] = frozenset()


@dataclass(slots=True)
class AskedActor:
    """An actor the question names: its words, the resolver's reference and its role."""

    text: str
    ref: ActorRef
    role: str  # actor, recipient or any
    node: str | None = None
    name: str | None = None

    def record(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "id": self.ref.actor_id,
            "node": self.node,
            "name": self.name,
            "role": self.role,
        }


@dataclass(slots=True)
class Interpretation:
    """What a question asks, as ``interpret`` read it."""

    question: str
    form: str
    actors: list[AskedActor] = field(default_factory=list)
    types: tuple[str, ...] = ()
    relation_kinds: tuple[str, ...] = ()
    words: tuple[str, ...] = ()
    # content words that are no actor and no act: the topic ("drones", "attack")
    topic: tuple[str, ...] = ()
    # names the question gives that no actor resolves ("Europe"): an answer's sentence
    # must write them, since no side of an event can stand for them
    unresolved: tuple[str, ...] = ()
    polarity: str = "positive"
    since: str | None = None
    until: str | None = None
    time_text: str | None = None
    note: str | None = None

    def record(self) -> dict[str, Any]:
        return {
            "form": self.form,
            "actors": [a.record() for a in self.actors],
            "types": list(self.types),
            "relation_kinds": list(self.relation_kinds),
            "words": list(self.words),
            "topic": list(self.topic),
            "unresolved": list(self.unresolved),
            "polarity": self.polarity,
            "since": self.since,
            "until": self.until,
            "time_text": self.time_text,
            "note": self.note,
        }


# --- knowledge -----------------------------------------------------------------------


def _split(value: str) -> tuple[str, ...]:
    return () if value == "-" else tuple(v.strip() for v in value.split(",") if v.strip())


def load_question_words(
    path: Path, types: frozenset[str], kinds: frozenset[str]
) -> dict[str, list[QuestionWord]]:
    """question_words.tsv by first lemma, longest phrase first. Raises DataFileError."""
    index: dict[str, list[QuestionWord]] = {}
    for number, (word, pos, typ, relations, sides) in data_rows(path, 5):
        lemmas = tuple(word.lower().split())
        if not lemmas:
            raise DataFileError(path, number, "empty word")
        if pos not in ("V", "N", "*"):
            raise DataFileError(path, number, f"pos {pos!r} is not one of V, N, *")
        if sides not in SIDES:
            raise DataFileError(path, number, f"sides {sides!r} is not one of {', '.join(SIDES)}")
        bad = [t for t in _split(typ) if t not in types] + [
            k for k in _split(relations) if k not in kinds
        ]
        if bad:
            raise DataFileError(path, number, f"unknown type or relation kind {', '.join(bad)}")
        index.setdefault(lemmas[0], []).append(
            QuestionWord(lemmas, pos, _split(typ), _split(relations), sides == "reverse")
        )
    for entries in index.values():
        entries.sort(key=lambda w: -len(w.lemmas))
    return index


def load_forms(path: Path) -> list[FormCue]:
    """question_forms.tsv, longest cue first. Raises DataFileError."""
    cues = []
    for number, (cue, kind, value, where) in data_rows(path, 4):
        if kind not in ("form", "negation"):
            raise DataFileError(path, number, f"kind {kind!r} is not form or negation")
        if kind == "form" and value not in FORMS:
            raise DataFileError(path, number, f"form {value!r} is not one of {', '.join(FORMS)}")
        if where not in ("start", "any"):
            raise DataFileError(path, number, f"where {where!r} is not start or any")
        cues.append(
            FormCue(
                tuple(cue.lower().split()), kind, None if value == "-" else value, where == "start"
            )
        )
    cues.sort(key=lambda c: -len(c.words))
    return cues


@lru_cache(maxsize=2)
def load_question_knowledge(data_dir: Path | None = None) -> QuestionKnowledge:
    """The question reader's data files and the coder's lexicon, checked, once."""
    from entente.events.lexicon import load_lexicon
    from entente.vocabulary import relation_kinds

    base = data_dir or DATA_DIR
    lexicon = load_lexicon()
    kinds = frozenset(relation_kinds())
    return QuestionKnowledge(
        words=load_question_words(
            base / "ask" / "question_words.tsv", frozenset(lexicon.types), kinds
        ),
        forms=load_forms(base / "ask" / "question_forms.tsv"),
        lexicon=lexicon,
        relation_kinds=kinds,
        refusals=read_words(base / "ask" / "refusal_words.txt"),
    )


# --- reading -------------------------------------------------------------------------


@dataclass(slots=True)
class QuestionReader:
    """The articles' own parser and actor resolver, applied to a question."""

    nlp: Language
    registry: Registry

    def read(self, question: str) -> tuple[Doc, list[tuple[int, int, str, ActorRef, str]]]:
        """The parse and the actors named: (start token, end token, text, reference, and
        how the resolver found it: name, alias, metonymy, place, ...)."""
        doc = self.nlp(question)
        found = resolve_actors(
            doc, Document(id="question", source="question", text=question), self.registry
        )
        actors = []
        for mention in found.mentions:
            if mention.actor_id is None and not mention.country:
                continue  # an unresolved name: no actor to ask about
            span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
            if span is None:
                continue
            ref = ActorRef(
                name=mention.text,
                country=mention.country,
                sector=mention.sector,
                actor_id=mention.actor_id,
            )
            actors.append((span.start, span.end, mention.text, ref, mention.resolved_by))
        return doc, actors


@lru_cache(maxsize=1)
def default_reader() -> QuestionReader:
    """The packaged pipeline and registry, loaded once per process (about 1.5 s)."""
    from entente.actors.registry import load_registry
    from entente.nlp.pipeline import load_pipeline

    return QuestionReader(load_pipeline(), load_registry())


def _form(words: list[str], cues: list[FormCue]) -> tuple[str, bool]:
    """The question's form and whether it is negated."""
    form = None
    negated = False
    for cue in cues:
        n = len(cue.words)
        positions = [0] if cue.at_start else range(len(words) - n + 1)
        for i in positions:
            if tuple(words[i : i + n]) == cue.words:
                if cue.kind == "negation":
                    negated = True
                elif form is None:
                    form = cue.value
                break
    return form or "what", negated


def _role(token: Token, reverse: bool) -> str:
    """Whether the actor at ``token`` (the head of its words) acts or is acted on."""
    node = token
    # climb through compounds, appositions and conjuncts to the word that holds the role
    while (
        node.dep_ in ("compound", "appos", "conj", "poss", "amod", "nmod") and node.head is not node
    ):
        node = node.head
    if node.dep_ in SUBJECT_DEPS or (node.dep_ == "pobj" and node.head.dep_ in AGENT_DEPS):
        role = "actor"
    elif node.dep_ in OBJECT_DEPS:
        role = "recipient"
    else:
        return "any"
    if reverse:
        return "recipient" if role == "actor" else "actor"
    return role


def _word_entries(token: Token, knowledge: QuestionKnowledge, doc: Doc) -> QuestionWord | None:
    """What ``token`` asks about: a question_words row first, then a trigger row."""
    lemma = token.lemma_.lower()
    pos = "V" if token.pos_ in ("VERB", "AUX") else "N" if token.pos_ in ("NOUN", "PROPN") else None
    if pos is None:
        return None
    following = [t.lemma_.lower() for t in doc[token.i : token.i + 4]]
    for word in knowledge.words.get(lemma, ()):
        if word.pos in ("*", pos) and tuple(following[: len(word.lemmas)]) == word.lemmas:
            return word
    lemmas = {t.lemma_.lower() for t in doc}
    for entry in knowledge.lexicon.triggers.get(lemma, ()):
        if entry.type is None or (entry.pos != "*" and entry.pos != pos):
            continue
        if tuple(following[: len(entry.lemmas)]) != entry.lemmas:
            continue
        if entry.objects and not (entry.objects & lemmas or "*" in entry.objects):
            continue  # "launch ^missile": a launch of what the question does not name
        return QuestionWord(entry.lemmas, entry.pos, (entry.type,), ())
    return None


def _depth(token: Token) -> int:
    depth = 0
    while token.head is not token and depth < 50:
        token = token.head
        depth += 1
    return depth


def _time(doc: Doc) -> tuple[str | None, str | None, str | None]:
    """The period a question's own date words name ("in April 2024", "in 2021"), as since,
    until and the words; a date without a year ("the October 7 attack") names an event, not
    a period, and is left alone."""
    for ent in doc.ents:
        if ent.label_ != "DATE":
            continue
        found = resolve_date(ent.text, None)
        if found is None or found.start is None:
            continue
        return found.start, found.end or found.start, ent.text
    return None, None, None


def interpret(
    question: str, reader: QuestionReader, knowledge: QuestionKnowledge
) -> Interpretation:
    """Read a question: its form, the actors it names and their roles, the act it asks
    about (PLOVER types and relation kinds), its time and polarity.

    The act is the typed word nearest the root of the parse ("Did Russia condemn the
    October 7 attack?": condemn, not attack, which is what was condemned); the other
    content words are its topic. Raises UsageError for an empty or overlong question.
    """
    text = " ".join(question.split())
    if not text:
        raise UsageError('The question is empty: write one, e.g. "Who supplies drones to Russia?"')
    if len(text) > MAX_QUESTION_CHARS:
        raise UsageError(
            f"The question is longer than {MAX_QUESTION_CHARS} characters: ask a shorter one."
        )
    doc, named = reader.read(text)
    words = [t.lower_ for t in doc if not t.is_punct]
    form, negated = _form(words, knowledge.forms)
    in_actor = {i for start, end, _, _, _ in named for i in range(start, end)}
    # the act: typed words by their depth in the parse, the shallowest kept
    typed: list[tuple[int, Token, QuestionWord]] = []
    for token in doc:
        if token.i in in_actor or token.is_stop or token.is_punct:
            continue
        entry = _word_entries(token, knowledge, doc)
        if entry is not None:
            typed.append((_depth(token), token, entry))
    # a verb states the act before a noun ("condemn the attack": the attack is what was
    # condemned); among verbs, or among nouns, the shallowest in the parse
    verbs = [t for t in typed if t[1].pos_ in ("VERB", "AUX")]
    typed = sorted(verbs or typed, key=lambda t: (t[0], t[1].i))
    act = [t for t in typed if t[0] == typed[0][0]] if typed else []
    reverse = any(entry.reverse for _, _, entry in act)
    types = tuple(dict.fromkeys(t for _, _, entry in act for t in entry.types))
    kinds = tuple(dict.fromkeys(k for _, _, entry in act for k in entry.relations))
    act_tokens = {token.i for _, token, _ in act}
    topic = tuple(
        dict.fromkeys(
            t.lemma_.lower()
            for t in doc
            if t.i not in in_actor
            and t.i not in act_tokens
            and t.pos_ in ("NOUN", "PROPN", "VERB", "NUM")
            and not t.is_stop
            and t.ent_type_ != "DATE"
        )
    )
    since, until, time_text = _time(doc)
    # a date that names an event, not a period ("the October 7 attack"), is part of the topic
    topic += tuple(e.text for e in doc.ents if e.label_ == "DATE" and e.text != time_text)
    actors = []
    for start, end, mention_text, ref, by in named:
        head = doc[start:end].root
        actors.append(AskedActor(mention_text, ref, _role(head, reverse)))
        if by in PLACE_WORDS:
            # a city or seat names its state on the map, and the place itself in the
            # sentences: "Did Russia strike Idlib?" wants the sentences about Idlib first
            topic += (mention_text,)
    deduped: dict[tuple[str | None, str | None], AskedActor] = {}
    for actor in actors:
        deduped.setdefault((actor.ref.actor_id, actor.ref.country), actor)
    unresolved = tuple(
        dict.fromkeys(
            ent.text
            for ent in doc.ents
            if ent.label_ in ("GPE", "LOC", "ORG", "NORP", "PERSON")
            and not any(i in in_actor for i in range(ent.start, ent.end))
        )
    )
    note = None
    if not types and not kinds:
        note = "no act word of the question is known (question_words.tsv, triggers.tsv): any act matches"
    return Interpretation(
        question=text,
        form=form,
        actors=list(deduped.values()),
        types=types,
        relation_kinds=kinds,
        words=tuple(token.text for _, token, _ in act),
        topic=topic,
        unresolved=unresolved,
        polarity="negative" if negated else "positive",
        since=since,
        until=until,
        time_text=time_text,
        note=note,
    )


__all__ = [
    "FORMS",
    "AskedActor",
    "Interpretation",
    "QuestionKnowledge",
    "QuestionReader",
    "default_reader",
    "interpret",
    "load_question_knowledge",
]
