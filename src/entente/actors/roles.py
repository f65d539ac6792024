"""Reading the context of a mention: titles, group nouns, places, past offices.

Helpers of the resolution passes (resolve.py). ``Context`` holds one document's state while it is
resolved; the functions below read the dependency parse around a span and look
words up in the tables of roles.yaml (via the Registry).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from spacy.attrs import IDX, IS_PUNCT, LOWER, ORTH, SPACY
from spacy.tokens import Doc, Span, Token

from entente.actors.registry import NameMatch, Registry
from entente.nlp.pipeline import strings_of
from entente.records import Actor, Mention

# NER labels whose spans are actor candidates.
ENTITY_LABELS = frozenset({"PERSON", "ORG", "GPE", "NORP"})
# How far left of a name a "former"/"then-" may stand ("former Ukrainian President X").
PAST_MARKER_WINDOW_TOKENS = 5
# How many tokens around a name are read for a title and an affiliation.
TITLE_WINDOW_TOKENS = 8
# Dependency labels that tie a modifier to the noun it modifies.
MODIFIER_DEPS = frozenset({"amod", "compound", "nmod", "poss", "npadvmod"})
# Sectors of state offices: a bare title in one of them names an office of a state.
STATE_SECTORS = frozenset({"GOV", "MIL", "LEG", "JUD", "COP", "SPY"})
_AFFILIATION_KINDS = frozenset({"state", "demonym", "capital", "seat", "organisation"})


@dataclass(slots=True)
class Context:
    """One document being resolved: the parse, the registry, and what is found so far."""

    doc: Doc
    doc_id: str
    registry: Registry
    date: str | None
    claimed: dict[int, NameMatch] = field(default_factory=dict)
    mentions: list[Mention] = field(default_factory=list)
    new_actors: dict[str, Actor] = field(default_factory=dict)
    covered: set[int] = field(default_factory=set)
    people: list[tuple[Actor, str | None, str | None]] = field(default_factory=list)
    person_mention: dict[str, Mention] = field(default_factory=dict)
    surnames: dict[str, Actor] = field(default_factory=dict)
    entity_of: dict[int, Span] = field(default_factory=dict)
    sentence_of: list[int] = field(default_factory=list)
    backers: set[int] = field(default_factory=set)
    places: set[int] = field(default_factory=set)
    given_first: dict[str, Actor] = field(default_factory=dict)
    # The registry names found in the document, and how often it names each state
    # (names, demonyms, capitals, seats): set by resolve_actors before the passes.
    matches: list[NameMatch] = field(default_factory=list)
    countries: Counter[str] = field(default_factory=Counter)
    # The document read once: its entities, text and each token's words and offset.
    # spaCy makes a new Python object for every ``doc[i]``, ``for t in doc`` and
    # ``doc.ents``, and a new string for every ``.text``/``.lower_``; the passes
    # walk the document a dozen times, so they read these lists and make Tokens
    # only where a word matched.
    ents: tuple[Span, ...] = ()
    text: str = ""
    words: list[str] = field(default_factory=list)
    lower: list[str] = field(default_factory=list)
    starts: list[int] = field(default_factory=list)  # each token's character offset
    punct: list[int] = field(default_factory=list)  # each token's is_punct
    # the words of each entity's name, by (start, end): see spans.words_of
    name_words: dict[tuple[int, int], list[Token]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.ents = self.doc.ents
        if len(self.doc):  # the words off the Doc's arrays, each string looked up once
            orth, lower, spacy, self.starts, self.punct = self.doc.to_array(
                [ORTH, LOWER, SPACY, IDX, IS_PUNCT]
            ).T.tolist()
            word_of = strings_of(self.doc, orth + lower)
            self.words = [word_of[h] for h in orth]
            self.lower = [word_of[h] for h in lower]
            # Doc.text: each token's text and the space after it when it has one
            self.text = "".join(
                [
                    word + " " if space else word
                    for word, space in zip(self.words, spacy, strict=True)
                ]
            )
        for ent in self.ents:
            for i in range(ent.start, ent.end):
                self.entity_of[i] = ent
        self.sentence_of = [0] * len(self.doc)
        for index, sent in enumerate(self.doc.sents):
            for i in range(sent.start, sent.end):
                self.sentence_of[i] = index
        backing, words = self.registry.backing_words, self.words
        for i, lower in enumerate(self.lower):
            if lower in backing and i >= 2 and words[i - 1] == "-":
                self.backers.add(i - 2)

    def span_text(self, start: int, end: int) -> str:
        """``doc[start:end].text``, sliced from the document's text."""
        if start >= end:
            return ""
        return self.text[self.starts[start] : self.starts[end - 1] + len(self.words[end - 1])]

    def is_backer(self, match: NameMatch) -> bool:
        return match.last - 1 in self.backers

    def overlaps(self, span: Span) -> bool:
        return any(i in self.covered for i in range(span.start, span.end))

    def overlaps_actor(self, span: Span) -> bool:
        """Like overlaps, but tokens covered only by a place mention do not count."""
        return any(i in self.covered and i not in self.places for i in range(span.start, span.end))

    def drop_places(self, span: Span) -> None:
        """Remove place mentions inside ``span`` (a longer name is being resolved over them)."""
        start, end = span.start_char, span.end_char
        self.mentions = [
            m
            for m in self.mentions
            if not (m.resolved_by == "place" and start <= m.start and m.end <= end)
        ]
        self.places.difference_update(range(span.start, span.end))

    def state_names_only(self, span: Span) -> bool:
        """Every mention inside ``span`` is a state's name, demonym or a place, ending
        before its last token ("Nigeria" in "the Nigeria Center for Disease
        Control"): a longer organisation name may replace them."""
        start, end = span.start_char, span.end_char
        inside = [m for m in self.mentions if m.start < end and start < m.end]
        last = span[-1].idx
        for mention in inside:
            if mention.start < start or mention.end > end:
                return False
            if mention.resolved_by == "place" and mention.start > span[0].idx:
                continue  # "the University of Witwatersrand in South Africa"
            # (the text from the span's start to the mention: a slice of the
            # document's text, not a Span to the end of the document per mention)
            if mention.end > last and self.text[start : mention.start].rstrip().split(" ")[
                -1
            ].lower() not in ("of", "for", "in"):
                return False  # the state is the last word and no "X of <state>": no head
            actor = self.registry.actors.get(mention.actor_id or "")
            if (
                actor is None
                or actor.kind != "state"
                or mention.resolved_by not in ("name", "alias", "modifier")
            ):
                return False
        return bool(inside)

    def drop_mentions(self, span: Span) -> None:
        """Remove every mention inside ``span`` and free its tokens (a longer name replaces them)."""
        start, end = span.start_char, span.end_char
        self.mentions = [m for m in self.mentions if not (start <= m.start and m.end <= end)]
        self.covered.difference_update(range(span.start, span.end))
        self.places.difference_update(range(span.start, span.end))

    def add(
        self,
        span: Span,
        actor_id: str | None,
        resolved_by: str,
        country: str | None,
        sector: str | None,
        person: Actor | None = None,
    ) -> Mention:
        """Record a mention of ``span`` (offsets into doc.text == document.text)."""
        mention = Mention(
            doc_id=self.doc_id,
            sentence=self.sentence_of[span.start] if len(span) else 0,
            start=span.start_char,
            end=span.end_char,
            text=self.span_text(span.start, span.end),
            actor_id=actor_id,
            resolved_by=resolved_by,
            country=country,
            sector=sector,
        )
        self.mentions.append(mention)
        self.covered.update(range(span.start, span.end))
        if person is not None and person.id not in self.person_mention:
            self.person_mention[person.id] = mention
            role = None
            office = self.registry.office_on(person, self.date) if person.offices else None
            if office is not None:
                role = office.role
            self.people.append((person, country, role))
            words = [token.text for token in span if not token.is_punct and token.text != "'s"]
            if len(words) >= 2:
                self.surnames.setdefault(words[-1], person)
                self.surnames.setdefault(" ".join(words), person)
                # family name first ("Kim Jong Un" -> "Kim"), after every surname
                self.given_first.setdefault(words[0], person)
            for alias in person.aliases:
                self.surnames.setdefault(alias, person)
        return mention


def past_marked(ctx: Context, first: int) -> bool:
    """A past marker ("former", "then-", "ex-") in the few tokens before a name."""
    markers = ctx.registry.past_markers
    start = max(0, first - PAST_MARKER_WINDOW_TOKENS)
    sentence = ctx.sentence_of[first]
    return any(
        ctx.lower[i] in markers and ctx.sentence_of[i] == sentence for i in range(start, first)
    )


def is_place(ctx: Context, span: Span) -> bool:
    """True when a state, capital or seat names a place here, not an actor.

    1. a dateline: written in capitals and followed by a dash, perhaps after
       a region ("WASHINGTON -", "MARANCHON, SPAIN -"); an acronym in running
       text ("DHS said", "the DPRK") is not one;
    2. the object of a locative preposition ("in Damascus", "at the White
       House"), or a name in apposition or conjoined to one ("in the
       country's capital, Bangui"), or the destination of a motion verb
       ("travel to Mauritius"; roles.yaml ``motion_verbs``);
    3. a "City, Region" pair ("Atlanta, Georgia", "Washington, DC").
    """
    doc = ctx.doc
    first, last = span[0], span[-1]
    if len(first.text) > 2 and first.text.isupper() and first.is_alpha and _before_dash(span):
        return True
    root = span.root
    while root.dep_ in ("appos", "conj") and root.head.i < span.start:
        root = root.head  # "in Mali, Burkina Faso and Niger"; "in its capital, Bangui"
    if (
        root.dep_ == "pobj"
        and root.head.lower_ in ctx.registry.locative_prepositions
        and root.head.dep_ != "agent"
    ):
        return True
    if (
        root.dep_ == "pobj"
        and root.head.lower_ in ("to", "toward", "towards")
        and root.head.head.lemma_.lower() in ctx.registry.motion_verbs
    ):
        return True  # "travel to Mauritius": a destination
    if span.start >= 2 and doc[span.start - 1].text == "," and doc[span.start - 2].pos_ == "PROPN":
        before = doc[span.start - 2]
        if before.ent_type_ == "GPE" and before.i not in ctx.claimed:
            return True
    if last.i + 2 < len(doc) and doc[last.i + 1].text == ",":
        after = doc[last.i + 2]
        if after.pos_ == "PROPN" and after.ent_type_ == "GPE" and len(after.text) <= 4:
            return True
    return False


_DASHES = frozenset({"-", "--", "\u2013", "\u2014"})


def _before_dash(span: Span) -> bool:
    """The span is followed by a dash, perhaps after ", REGION" in capitals (a dateline)."""
    doc = span.doc
    i = span.end
    while i < len(doc) and i - span.end < 6:
        token = doc[i]
        if token.text in _DASHES or token.text.strip() in _DASHES:
            return True
        if token.text == "," or token.is_space or (token.is_alpha and token.text.isupper()):
            i += 1
            continue
        return False
    return False


def is_facility_name(ctx: Context, span: Span) -> bool:
    """A person's name used as the name of a place ("the al-Assad airbase", "Putin bridge").

    The head must be a place word (things.yaml ``place_heads``): a name before
    any other noun is still the person ("Assad loyalists", "the Obama
    administration"), and so is a name the parser took for a compound of a
    verb it mistagged ("how Trump perceives China").
    """
    root = span.root
    head = root.head
    return (
        root.dep_ == "compound"
        and head.i > root.i
        and head.pos_ == "NOUN"
        and head.lower_ in ctx.registry.place_heads
    )


def noun_phrase_sector(ctx: Context, span: Span) -> tuple[Span, str | None, str | None] | None:
    """The noun phrase a state/demonym/place modifies, when its head is a group noun or title.

    "Iran's Foreign Ministry" -> (that phrase, GOV, None); "Israeli warplanes" ->
    (…, MIL, None); "the Russian leader" -> (…, GOV, "leader"). None when the
    head is another actor's name or a noun roles.yaml does not list.
    """
    root = span.root
    conjoined = False
    if root.dep_ == "conj" and root.head.i < span.start and root.head.dep_ in MODIFIER_DEPS:
        root, conjoined = root.head, True  # "French and Egyptian warships": the shared noun
    if root.dep_ not in MODIFIER_DEPS or root.head.i <= span.end - 1:
        return None
    head = root.head
    while head.dep_ == "compound" and head.head.i > head.i and head.i not in ctx.claimed:
        head = head.head  # "Foreign" -> "Ministry"
    if head.i in ctx.claimed or head.ent_type_ == "PERSON":
        return None
    registry = ctx.registry
    compound = " ".join(
        t.lower_ for t in ctx.doc[span.end : head.i + 1] if t.dep_ == "compound" or t == head
    )
    if conjoined:  # the noun is shared with the first conjunct; the mention is the name alone
        for key in (compound, head.lower_):
            if key in registry.group_nouns:
                return span, registry.group_nouns[key], None
        return None
    phrase = ctx.doc[span.start : head.i + 1]
    for key in (compound, head.lower_):
        if key in registry.group_nouns:
            return phrase, _outside_sector(ctx, span, head, registry.group_nouns[key]), None
    for key in (compound, head.lower_):
        if key in registry.titles:
            sector = _outside_sector(ctx, span, head, registry.titles[key] or "GOV")
            return phrase, sector, key
    return None


def _outside_sector(ctx: Context, span: Span, head: Token, sector: str) -> str:
    """A body, group or post in a phrase whose own words put it outside the state
    ("the Syrian opposition delegation", "Syrian rebel leaders", "Syria's main
    opposition group") has the sector of those words (OPP, REB), not the head's: in
    the 2017 store such phrases were the state's government (GOV) or army (MIL)."""
    nouns = ctx.registry.group_nouns
    for t in ctx.doc[span.end : head.i]:
        for key in (t.lower_, t.lower_ + "s"):
            if nouns.get(key) in OUTSIDE_SECTORS:
                return nouns[key]
    return sector


# Sectors of those who stand against a state's government from within it.
OUTSIDE_SECTORS = frozenset({"OPP", "REB"})


@dataclass(frozen=True, slots=True)
class TitleFound:
    """What the words around an unknown person say about them."""

    title: str | None
    country: str | None
    sector: str | None
    organisation: str | None


def _context_tokens(ctx: Context, ent: Span) -> list[Token]:
    """Tokens of the noun phrase around a PERSON: its left modifiers and its appositions.

    Left modifiers are read right to left from the name, up to
    TITLE_WINDOW_TOKENS, stopping at a verb, a clause boundary or a token
    outside the name's own subtree (a bad parse must not reach far).
    """
    doc, root = ent.doc, ent.root
    tokens: list[Token] = []
    i = ent.start - 1
    while i >= max(root.left_edge.i, ent.start - TITLE_WINDOW_TOKENS):
        token = doc[i]
        if token.pos_ in ("VERB", "AUX") or token.text in (",", ";", ":", "(", ")", "\n"):
            break
        if "\n" in token.text or token.is_space:
            break
        tokens.append(token)
        i -= 1
    for child in root.children:
        if child.dep_ == "appos" and child.i >= ent.end:
            tokens.extend(t for t in child.subtree if t.i - ent.end < TITLE_WINDOW_TOKENS * 2)
    if root.dep_ == "nsubj" and root.head.lemma_ == "be":  # "Yang is a Chinese businessman"
        for child in root.head.children:
            if child.dep_ == "attr" and child.i > ent.end:  # the noun and its own modifiers
                tokens.append(child)
                tokens.extend(t for t in child.lefts if t.dep_ in ("amod", "compound", "nmod"))
    if root.dep_ == "appos" and root.head.i < ent.start:
        tokens.extend(
            t
            for t in root.head.subtree
            if t.i < ent.start and ent.start - t.i <= TITLE_WINDOW_TOKENS
        )
    sentence = ent.sent
    return [
        t
        for t in tokens
        if sentence.start <= t.i < sentence.end
        and "\n"
        not in (ctx.span_text(t.i, ent.start) if t.i < ent.start else ctx.span_text(ent.end, t.i))
    ]


def _joined_words(tokens: list[Token]) -> list[str]:
    """Lowercase words in text order, with hyphenated words joined ("secretary-general")."""
    words: list[str] = []
    previous = None
    for token in sorted(tokens, key=lambda t: t.i):
        joined = (
            previous is not None
            and previous.i + 1 == token.i
            and not previous.whitespace_
            and (token.text == "-" or previous.text == "-")
        )
        if joined and words:
            words[-1] += token.lower_
        else:
            words.append(token.lower_)
        previous = token
    return words


# Prepositions whose state object is the subject of a post, not who holds it
# ("envoy to Iran", "representative for North Korea", "the adviser on China").
_PORTFOLIO_PREPOSITIONS = frozenset({"for", "to", "on", "toward", "towards", "in"})


def _portfolio(ctx: Context, match: NameMatch) -> bool:
    """A state named as the object of "for"/"to"/"on" inside a title phrase."""
    root = ctx.doc[match.first : match.last].root
    return root.dep_ == "pobj" and root.head.lower_ in _PORTFOLIO_PREPOSITIONS


def _inside_other_name(ctx: Context, match: NameMatch, title: str | None) -> bool:
    """A state named as part of another proper name ("a Vietnam War veteran",
    "the Korea Times"): the name is not the person's affiliation. A capitalised
    title is no such name: in "US Attorney General Jeff Sessions" the state
    modifies "General", a word of the title, and is his affiliation."""
    root = ctx.doc[match.first : match.last].root
    head = root.head
    return (
        root.dep_ == "compound"
        and head.i >= match.last
        and head.pos_ == "PROPN"
        and head.is_title
        and head.i not in ctx.claimed
        and head.ent_type_ not in ("PERSON", "ORG", "GPE", "NORP")
        and (title is None or head.lower_ not in title.split())
    )


def _place_country(ctx: Context, tokens: list[Token], title: str) -> str | None:
    """The state of a place (a region or city the registry knows) named among a
    title's words, unless it is the post's portfolio ("envoy for Kashmir") or part
    of another proper name; None when there is none. The state must be one the
    document names: region names recur across states ("Rep. X (D-Maryland)" is
    no Liberian, whose county Maryland the registry also knows)."""
    for token in tokens:
        match = ctx.claimed.get(token.i)
        if (
            match is None
            or match.entry.kind != "place"
            or not match.entry.country
            or match.entry.country not in ctx.countries
        ):
            continue
        if _portfolio(ctx, match) or _inside_other_name(ctx, match, title):
            continue
        return match.entry.country
    return None


def find_title(ctx: Context, ent: Span) -> TitleFound | None:
    """Title and affiliation of a PERSON from its context, or None when there is neither."""
    tokens = _context_tokens(ctx, ent)
    if not tokens:
        return None
    registry = ctx.registry
    words = _joined_words(tokens)
    title = None
    for size in range(min(registry.max_title_words, len(words)), 0, -1):
        for i in range(len(words) - size + 1):
            phrase = " ".join(words[i : i + size])
            if phrase in registry.titles:
                title = phrase
                break
        if title:
            break
    affiliation = None
    for token in tokens:
        match = ctx.claimed.get(token.i)
        if match is not None and match.entry.kind in _AFFILIATION_KINDS:
            if match.entry.kind != "organisation" and (
                _portfolio(ctx, match) or _inside_other_name(ctx, match, title)
            ):
                continue  # "representative for North Korea", "a Vietnam War veteran"
            affiliation = match
            break
    if title is None and affiliation is None:
        return None
    country = sector = organisation = None
    if affiliation is None and title is not None:
        # "Scotland's First Minister X", "Chicago judge X", "Montana Rep. X": a region
        # or city in the title's own phrase places the office in its state, where the
        # document's most-named state would be a guess
        country = _place_country(ctx, tokens, title)
    if affiliation is not None:
        actor = registry.actors[affiliation.entry.actor_id]
        country = actor.country
        if affiliation.entry.kind == "organisation":
            organisation = actor.id
            sector = registry.sector_on(actor, ctx.date)
        elif title is not None or affiliation.entry.sector is not None:
            # "Afghan author X" says nationality, not office: no sector without a title.
            sector = affiliation.entry.sector or "GOV"
    if title is not None and registry.titles.get(title) is not None:
        title_sector = registry.titles[title]
        if affiliation is None or affiliation.entry.kind != "organisation" or title_sector != "GOV":
            sector = title_sector
    if affiliation is None and sector in STATE_SECTORS:
        for token in tokens:  # "president of X Company": the head noun's sector
            head_sector = registry.organisation_heads.get(token.lower_, (None, False))[0]
            if head_sector is not None and head_sector not in STATE_SECTORS:
                sector = head_sector
                break
    if (
        affiliation is None
        and sector in STATE_SECTORS
        and any(t.ent_type_ == "ORG" for t in tokens)
    ):
        sector = None  # "president of <a company the registry lacks>": not a state office
    return TitleFound(title=title, country=country, sector=sector, organisation=organisation)
