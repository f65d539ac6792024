"""Issue 17's question set: questions over the seeds and the VOA corpus, each with the facts its
answer must hold, written from the articles' text before ``ask`` existed (2026-12-08).

Each question names what it must be read as (``form``, the map ``nodes`` of its actors) and
what its first three answers must hold: a cited sentence with one of ``cite``, an answer text
with one of ``names``, the numbers in ``number``, and the ``verdict`` its first answer gives
(yes, no: a cited event not done, alleged, disputed: sources disagree or denied). A question
``ask`` answers wrongly stays here as an xfail with the reason. Ten more questions of the same
kind were kept out of the repository as a held-out set (the session's report gives its figure).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from test_ask import assert_cited_sentences_are_stored

from entente.ingest.run import ingest
from entente.query.ask import ask
from entente.settings import Settings
from entente.store.db import Store

pytestmark = [pytest.mark.acceptance, pytest.mark.slow]

QUESTIONS = [
    {
        "q": "Who supplies drones to Russia?",
        "corpus": "seeds",
        "form": "who",
        "nodes": ["RUS"],
        "cite": ["drone"],
        "names": ["Iran"],
    },
    {
        "q": "Does Russia supply arms to Iran?",
        "corpus": "seeds",
        "form": "yes_no",
        "nodes": ["RUS", "IRN"],
        "verdict": "yes",
        "cite": ["Yak-130", "arms", "military", "air defence", "weapon"],
    },
    {
        "q": "Did Russia condemn the October 7 attack?",
        "corpus": "seeds",
        "form": "yes_no",
        "nodes": ["RUS"],
        "verdict": "no",
        "cite": ["not condemned", "declined to condemn"],
    },
    {
        "q": "Did Wagner train Hamas?",
        "corpus": "seeds",
        "form": "yes_no",
        "nodes": ["wagner-group", "hamas"],
        "verdict": "alleged",
        "cite": ["Wagner"],
    },
    {
        "q": "How many missiles did Iran launch at Israel in April 2024?",
        "corpus": "seeds",
        "form": "how_many",
        "nodes": ["IRN", "ISR"],
        "number": [350, 300],
        "cite": ["350", "300"],
    },
    {
        "q": "When did Lavrov visit Tehran?",
        "corpus": "seeds",
        "form": "when",
        "nodes": ["RUS", "IRN"],
        "cite": ["visited Tehran"],
    },
    {
        "q": "Which sources say Iran supplies drones to Russia?",
        "corpus": "seeds",
        "form": "which_sources",
        "nodes": ["IRN", "RUS"],
        "cite": ["drone"],
    },
    {
        "q": "Did Iran threaten Israel?",
        "corpus": "seeds",
        "form": "yes_no",
        "nodes": ["IRN", "ISR"],
        "verdict": "yes",
        "cite": ["threatened"],
    },
    {
        "q": "Who praised Lavrov?",
        "corpus": "seeds",
        "form": "who",
        "nodes": ["RUS"],
        "names": ["Iran"],
        "cite": ["praised"],
    },
    {
        "q": "Did Shoigu visit Tehran?",
        "corpus": "seeds",
        "form": "yes_no",
        "nodes": ["RUS", "IRN"],
        "verdict": "yes",
        "cite": ["visited Tehran"],
    },
    {
        "q": "What did Putin ask Iran to do?",
        "corpus": "seeds",
        "form": "what",
        "nodes": ["RUS", "IRN"],
        "cite": ["restraint"],
    },
    {
        "q": "Who urged Russia to accept a ceasefire?",
        "corpus": "voa",
        "form": "who",
        "nodes": ["RUS"],
        "names": ["G7", "Group of Seven"],
        "cite": ["urged Russia"],
    },
    {
        "q": "Did Ukraine agree to a ceasefire?",
        "corpus": "voa",
        "form": "yes_no",
        "nodes": ["UKR"],
        "verdict": "yes",
        "cite": ["ceasefire"],
    },
    {
        "q": "Has Russia agreed to the ceasefire?",
        "corpus": "voa",
        "form": "yes_no",
        "nodes": ["RUS"],
        "verdict": "no",
        "cite": ["not agreed"],
    },
    {
        "q": "Who threatened the European Union with tariffs?",
        "corpus": "voa",
        "form": "who",
        "nodes": ["eu"],
        "names": ["Trump", "United States"],
        "cite": ["200%"],
    },
    {
        "q": "How many militants did Somali forces kill?",
        "corpus": "voa",
        "form": "how_many",
        "nodes": ["SOM"],
        "number": [50],
        "cite": ["50"],
    },
    {
        "q": "Did Afghanistan direct the train attack in Pakistan?",
        "corpus": "voa",
        "form": "yes_no",
        "nodes": ["AFG", "PAK"],
        "verdict": "disputed",
        "cite": ["baseless", "Afghanistan"],
    },
    {
        "q": "Who accused Afghanistan?",
        "corpus": "voa",
        "form": "who",
        "nodes": ["AFG"],
        "names": ["Pakistan"],
        "cite": ["Afghanistan"],
    },
    {
        "q": "Did India and Mauritius upgrade their ties?",
        "corpus": "voa",
        "form": "yes_no",
        "nodes": ["IND", "MUS"],
        "verdict": "yes",
        "cite": ["upgrade"],
    },
    {
        "q": "Who deported Uyghurs to China?",
        "corpus": "voa",
        "form": "who",
        "nodes": ["CHN"],
        "names": ["Thailand"],
        "cite": ["deported", "turned 40"],
    },
    {
        "q": "Who condemned Thailand?",
        "corpus": "voa",
        "form": "who",
        "nodes": ["THA"],
        "names": ["United States", "United Nations"],
        "cite": ["condemned Thailand"],
    },
    {
        "q": "Who criticized Israel in May 2021?",
        "corpus": "voa",
        "form": "who",
        "nodes": ["ISR"],
        "names": ["Turkey"],
        "cite": ["Israel"],
    },
    {
        "q": "Did the United States sanction Sali Berisha?",
        "corpus": "voa",
        "form": "yes_no",
        "nodes": ["USA", "ALB"],
        "verdict": "yes",
        "cite": ["Berisha"],
    },
    {
        "q": "Did Turkey buy S-400 missiles from Russia?",
        "corpus": "voa",
        "form": "yes_no",
        "nodes": ["TUR", "RUS"],
        "verdict": "yes",
        "cite": ["S-400"],
    },
    {
        "q": "Who signed a treaty with North Korea?",
        "corpus": "voa",
        "form": "who",
        "nodes": ["PRK"],
        "names": ["Russia"],
        "cite": ["Treaty on Comprehensive Strategic Partnership", "signed"],
    },
    {
        "q": "Does North Korea supply arms to Russia?",
        "corpus": "voa",
        "form": "yes_no",
        "nodes": ["PRK", "RUS"],
        "verdict": "yes",
        "cite": ["artillery shells", "arms", "munitions", "weapons"],
    },
    {
        "q": "Did Kenya attend the ICJ hearing?",
        "corpus": "voa",
        "form": "yes_no",
        "nodes": ["KEN", "icj"],
        "verdict": "no",
        "cite": ["refused"],
    },
    {
        "q": "Did Rubio meet Mohammed bin Salman?",
        "corpus": "voa",
        "form": "yes_no",
        "nodes": ["USA", "SAU"],
        "verdict": "yes",
        "cite": ["met with Rubio"],
    },
    {
        "q": "Who did Modi meet in Mauritius?",
        "corpus": "voa",
        "form": "who",
        "nodes": ["IND", "MUS"],
        "names": ["Mauritius"],
        "cite": ["Ramgoolam", "talks"],
    },
    {
        "q": "When did Trump double tariffs on Canadian steel?",
        "corpus": "voa",
        "form": "when",
        "nodes": ["USA", "CAN"],
        "cite": ["doubling", "doubled"],
        "names": ["2025-03"],
    },
    {
        "q": "Which sources report that Iran attacked Israel?",
        "corpus": "seeds",
        "form": "which_sources",
        "nodes": ["IRN", "ISR"],
        "cite": ["attack"],
    },
    {
        "q": "Did Europe retaliate against US tariffs?",
        "corpus": "voa",
        "form": "yes_no",
        "nodes": ["USA"],
        "verdict": "yes",
        "cite": ["retaliated"],
    },
    {
        "q": "Who condemned the killing of Myanmar protesters?",
        "corpus": "voa",
        "form": "who",
        "nodes": ["MMR"],
        "names": ["United Nations", "Guterres", "UN"],
        "cite": ["Guterres", "condemned"],
    },
    {
        "q": "Did Iran reject talks with the United States?",
        "corpus": "voa",
        "form": "yes_no",
        "nodes": ["IRN", "USA"],
        "verdict": "yes",
        "cite": ["rejected"],
    },
    {
        "q": "Did Hamas thank the Kremlin?",
        "corpus": "seeds",
        "form": "yes_no",
        "nodes": ["hamas", "RUS"],
        "verdict": "yes",
        "cite": ["thanked"],
    },
]

# Questions ask answers wrongly, with the reason (read on the seeds + VOA store).
WRONG: dict[str, str] = {
    "Did Afghanistan direct the train attack in Pakistan?": "no event has Afghanistan as a side "
    "of the train attack; the Taliban's rejection of the 'baseless' allegation is a REJECT "
    "aimed at Pakistan, not linked to the attack as its denial",
    "Who accused Afghanistan?": "Pakistan's allegations against Afghanistan are coded as no "
    "ACCUSE of Afghanistan; the events found are Afghan officials accusing the Taliban",
    "Did Turkey buy S-400 missiles from Russia?": "the purchase is told in nouns ('Ankara's "
    "purchase of the S-400s'), of which the coder makes no AID from Russia to Turkey",
    "When did Trump double tariffs on Canadian steel?": "the doubled tariff is coded as no "
    "SANCTION or COERCE of Canada",
    "Did Europe retaliate against US tariffs?": "'Europe' resolves to no actor and 'Europe "
    "quickly retaliated' is coded as no event against the United States",
    "Did Iran reject talks with the United States?": "'Tehran rejected its offer' is coded with "
    "no recipient ('its' is the United States): the answer says 'Not as coded', no verdict",
}


@pytest.fixture(scope="module")
def corpus_store(shared: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    db = tmp_path_factory.mktemp("ask") / "seeds-voa.duckdb"
    ingest(
        [str(shared / "seeds"), str(shared / "corpora" / "voa-2025-03.jsonl")],
        Settings.load(db=db, workers=1),
    )
    return db


@pytest.fixture(scope="module")
def answers(corpus_store: Path) -> dict[str, dict]:
    with Store(corpus_store, read_only=True) as store:
        found = {q["q"]: ask(store, q["q"]) for q in QUESTIONS}
        assert_cited_sentences_are_stored(store, list(found.values()))
    return found


def check(question: dict, answer: dict) -> list[str]:
    """What the answer misses of the facts the question names (empty: it holds them all)."""
    missing = []
    reading = answer["interpretation"]
    if reading["form"] != question["form"]:
        missing.append(f"form {reading['form']} != {question['form']}")
    nodes = {a["node"] for a in reading["actors"]}
    if not set(question["nodes"]) <= nodes:
        missing.append(f"nodes {sorted(nodes)} lack {question['nodes']}")
    top = answer["answers"][:3]
    for item in answer["answers"]:
        if item["kind"] != "none" and not 1 <= len(item["citations"]) <= 3:
            missing.append(f"{item['text']!r} has {len(item['citations'])} citations")
    sentences = [c["sentence"].lower() for item in top for c in item["citations"]]
    if "cite" in question and not any(p.lower() in s for p in question["cite"] for s in sentences):
        missing.append(f"no cited sentence holds any of {question['cite']}")
    texts = " ".join(item["text"] for item in top).lower()
    if "names" in question and not any(n.lower() in texts for n in question["names"]):
        missing.append(f"no answer names any of {question['names']}")
    for number in question.get("number", []):
        if str(number) not in texts:
            missing.append(f"no answer gives {number}")
    if "verdict" in question:
        first = answer["answers"][0]["text"].lower()
        starts = {
            "yes": ("yes",),
            "no": ("no:",),
            "alleged": ("alleged",),
            "disputed": ("sources disagree", "denied"),
        }[question["verdict"]]
        if not first.startswith(starts):
            missing.append(f"verdict {question['verdict']}: {answer['answers'][0]['text']!r}")
    return missing


@pytest.mark.parametrize(
    "question",
    [
        pytest.param(q, marks=pytest.mark.xfail(reason=WRONG[q["q"]], strict=False))
        if q["q"] in WRONG
        else q
        for q in QUESTIONS
    ],
    ids=[q["q"] for q in QUESTIONS],
)
def test_question_is_answered_with_its_facts(question: dict, answers: dict[str, dict]) -> None:
    assert check(question, answers[question["q"]]) == []


def test_question_set_is_large_enough_and_mostly_answered() -> None:
    assert len(QUESTIONS) >= 30
    assert len(WRONG) <= len(QUESTIONS) // 3
