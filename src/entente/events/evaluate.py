"""Score exported events against gold: the seeds' key events and PLOVER records.

The rules are those of the reference scorers (``../shared/tools/score_events.py``
and ``score_plover.py``), written here so ``entente eval`` needs nothing outside
the package. Both functions take parsed records (dicts) and return a report.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from entente.errors import DataFileError

# Non-state actor keys of the gold files and the names that count for them.
KEY_ALIASES: dict[str, tuple[str, ...]] = {
    "hamas": ("hamas",),
    "hezbollah": ("hezbollah", "hizbullah", "hizballah", "hizbollah"),
    "houthis": ("houthi", "ansar allah", "ansarallah"),
    "wagner group": ("wagner",),
    "irgc": ("irgc", "revolutionary guard", "islamic revolutionary guard", "quds force"),
    "iranian-backed proxies": ("proxy", "proxies", "militia", "militias"),
    "taliban": ("taliban",),
    "islamic state": ("islamic state", "isis", "isil", "daesh"),
}
SYMMETRIC = frozenset({"CONSULT", "AGREE", "COOPERATE"})
PLOVER_OLD_LABELS = {
    "DEMAND": "REQUEST",
    "DISAPPROVE": "ACCUSE",
    "INVESTIGATE": "ACCUSE",
    "FIGHT": "ASSAULT",
}
CODE_FIXES = {"JAP": "JPN"}
INTERNATIONAL = frozenset({"IGO", "UNO", "EUR", "NGO"})
ATTRIBUTES = ("date", "polarity", "tense", "certainty", "quantity")


def read_jsonl(path: Path) -> list[dict[str, Any]]:
    rows = []
    with open(path, encoding="utf-8") as handle:
        for number, line in enumerate(handle, start=1):
            if not line.strip():
                continue
            try:
                rows.append(json.loads(line))
            except json.JSONDecodeError as exc:
                raise DataFileError(path, number, f"not JSON ({exc.msg})") from exc
    return rows


def _norm(text: str | None) -> str:
    text = unicodedata.normalize("NFKC", text or "")
    for a, b in (("\u2019", "'"), ("\u2018", "'"), ("\u201c", '"'), ("\u201d", '"')):
        text = text.replace(a, b)
    return re.sub(r"\s+", " ", text).strip().lower()


def doc_stem(source: str | None) -> str:
    """A document's key: the part after ``#``, else the file name without extension."""
    source = source or ""
    if "#" in source:
        return source.rsplit("#", 1)[1]
    base = re.split(r"[\\/]", source)[-1]
    return base.rsplit(".", 1)[0] if "." in base else base


def _key_matches(key: str, actors: list[dict[str, Any]]) -> bool:
    if re.fullmatch(r"[A-Z]{3}", key):
        return any((a.get("country") or "") == key for a in actors)
    names = KEY_ALIASES.get(key.lower(), (key.lower(),))
    for a in actors:
        blob = _norm(" ".join(str(a.get(f) or "") for f in ("name", "text")))
        if any(n in blob for n in names):
            return True
        if key.lower() == "irgc" and a.get("country") == "IRN" and a.get("sector") == "MIL":
            return True
    return False


def _side_ok(keys: list[str], actors: list[dict[str, Any]] | None) -> bool:
    return all(_key_matches(k, actors or []) for k in keys)


def gold_matches(gold: dict[str, Any], event: dict[str, Any]) -> bool:
    """Does ``event`` state the gold line (type, anchor sentence, both sides)?"""
    if event.get("type") not in gold["accept_event"]:
        return False
    anchors = gold["anchor"] if isinstance(gold["anchor"], list) else [gold["anchor"]]
    sentence = _norm((event.get("evidence") or {}).get("sentence"))
    if not any(_norm(a) in sentence for a in anchors):
        return False
    actor, recipient = event.get("actor") or [], event.get("recipient") or []
    if _side_ok(gold["actor"], actor) and _side_ok(gold["recipient"], recipient):
        return True
    return (
        gold["event"] in SYMMETRIC
        and _side_ok(gold["actor"], recipient)
        and _side_ok(gold["recipient"], actor)
    )


def _attribute_checks(gold: dict[str, Any], event: dict[str, Any]) -> dict[str, bool | None]:
    start = str(((event.get("date") or {}).get("start")) or "")
    quantities = event.get("quantities") or []
    return {
        "date": start.startswith(gold["date"]) if gold.get("date") else None,
        "polarity": (event.get("polarity") or "positive") == gold["polarity"],
        "tense": None
        if gold.get("tense") is None
        else (event.get("tense") or "actual") == gold["tense"],
        "certainty": None
        if gold.get("certainty") is None
        else ((event.get("certainty") or "asserted") == "asserted")
        == (gold["certainty"] == "asserted"),
        "quantity": None
        if not gold.get("quantity")
        else any(
            abs(float(q.get("value") or 0) - float(g["value"])) < 1e-6 * max(1, g["value"])
            for q in quantities
            for g in gold["quantity"]
        ),
    }


@dataclass(slots=True)
class GoldReport:
    """Recall of gold lines and attribute accuracy on the lines found."""

    gold: int
    found: int
    events_in_docs: int
    lines: list[tuple[str, bool]] = field(default_factory=list)
    attributes: dict[str, list[int]] = field(default_factory=dict)  # name -> [right, scored]
    # Gold documents none of the scored events comes from: missing from the
    # store (or the export), most likely, which makes their lines misses.
    docs_without_events: list[str] = field(default_factory=list)

    @property
    def recall(self) -> float:
        return self.found / self.gold if self.gold else 0.0


def score_events(
    gold: list[dict[str, Any]], events: list[dict[str, Any]], core_only: bool = False
) -> GoldReport:
    """Score exported events against gold lines in the seeds.gold.jsonl format."""
    by_doc: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for event in events:
        by_doc[doc_stem((event.get("doc") or {}).get("source"))].append(event)
    if core_only:
        gold = [g for g in gold if g.get("core")]
    attrs: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    report = GoldReport(gold=len(gold), found=0, events_in_docs=0)
    for line in gold:
        hits = [e for e in by_doc.get(line["doc"], []) if gold_matches(line, e)]
        report.lines.append((line["id"], bool(hits)))
        report.found += bool(hits)
        if line["polarity"] == "negative":
            attrs["negatives"][1] += 1
            attrs["negatives"][0] += bool(hits and hits[0].get("polarity") == "negative")
        if not hits:
            continue
        for name, ok in _attribute_checks(line, hits[0]).items():
            if ok is not None:
                attrs[name][0] += bool(ok)
                attrs[name][1] += 1
    gold_docs = {g["doc"] for g in gold}
    report.events_in_docs = sum(len(by_doc.get(d, [])) for d in gold_docs)
    report.docs_without_events = sorted(d for d in gold_docs if not by_doc.get(d))
    report.attributes = dict(attrs)
    return report


def _codes(side: Any) -> set[str]:
    if not isinstance(side, list):
        return set()
    out = set()
    for a in side:
        code = CODE_FIXES.get(a.get("code"), a.get("code"))
        if code and re.fullmatch(r"[A-Z]{3}", code):
            out.add(code)
    return out


def _has(gold_codes: set[str], actors: list[dict[str, Any]] | None) -> bool:
    got = {CODE_FIXES.get(a.get("country"), a.get("country")) for a in actors or []}
    return all(c in got or (c in INTERNATIONAL and got & INTERNATIONAL) for c in gold_codes)


@dataclass(slots=True)
class PloverReport:
    records: int
    any_event: int
    type_right: int
    all_right: int

    def share(self, count: int) -> float:
        return count / self.records if self.records else 0.0


def score_plover(records: list[dict[str, Any]], events: list[dict[str, Any]]) -> PloverReport:
    """Score events of PLOVER gold records ingested as documents whose source ends
    in ``#<record id>``: type right, and type with actor and recipient countries right."""
    gold = [r for r in records if r.get("event") != "DOCUMENT"]
    by_record: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for event in events:
        source = (event.get("doc") or {}).get("source") or ""
        by_record[source.rsplit("#", 1)[-1]].append(event)
    report = PloverReport(records=len(gold), any_event=0, type_right=0, all_right=0)
    for record in gold:
        want = PLOVER_OLD_LABELS.get(record["event"], record["event"])
        found = by_record.get(record["id"], [])
        typed = [e for e in found if e.get("type") == want]
        report.any_event += bool(found)
        report.type_right += bool(typed)
        report.all_right += any(
            _has(_codes(record.get("source")), e.get("actor"))
            and _has(_codes(record.get("target")), e.get("recipient"))
            for e in typed
        )
    return report
