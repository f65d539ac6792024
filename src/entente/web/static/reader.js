// Evidence and reader: an event opens on its sentence, highlighted (<mark>) in
// its article, with the article's actor mentions and other events marked.
// The article text is untrusted: it only ever enters the page as text nodes.

import { api } from "./api.js";
import { $, fill, h, names } from "./dom.js";
import { eventDate, quadColor, quadLabel } from "./format.js";

let showing = null;

export async function openEvent(eventId) {
  showing = eventId;
  const box = $("#reader");
  document.body.classList.add("reading");
  for (const item of document.querySelectorAll(".event-item.selected")) item.classList.remove("selected");
  for (const item of document.querySelectorAll(`.event-item[data-event-id="${CSS.escape(eventId)}"]`))
    item.classList.add("selected");
  fill(box, h("p", { class: "note" }, "Loading…"));
  let event;
  let doc;
  try {
    event = await api(`events/${encodeURIComponent(eventId)}`);
    doc = await api(`documents/${encodeURIComponent(event.doc.id)}`);
  } catch (error) {
    if (showing === eventId) fill(box, h("p", { class: "error" }, error.message));
    return;
  }
  if (showing !== eventId) return;
  render(box, event, doc, event.evidence || {});
}

/**
 * Opens the reader on a cited sentence ({doc, start, end}, and the trigger's
 * offsets when the answer has them): an answer of Ask, or a searched sentence
 * that no event was coded from.
 */
export async function openSentence(citation) {
  const key = `${citation.doc}:${citation.start}:${citation.end}`;
  showing = key;
  const box = $("#reader");
  document.body.classList.add("reading");
  fill(box, h("p", { class: "note" }, "Loading…"));
  let doc;
  try {
    doc = await api(`documents/${encodeURIComponent(citation.doc)}`);
  } catch (error) {
    if (showing === key) fill(box, h("p", { class: "error" }, error.message));
    return;
  }
  if (showing !== key) return;
  render(box, null, doc, citation);
}

// ``evidence``: the sentence to mark ({start, end, trigger_start, trigger_end}).
function render(box, event, doc, evidence) {
  box.dataset.eventId = event ? event.id : "";
  box.dataset.sentence = `${evidence.start}:${evidence.end}`;
  const mark = h("mark", { class: "evidence", dataset: { eventId: event ? event.id : "" } });
  fill(
    box,
    h("h2", { class: "reader-title" }, doc.title || `(untitled: ${baseName(doc.source) || doc.id})`),
    h(
      "dl",
      { class: "doc-meta" },
      field("Outlet", doc.outlet),
      field("Author", doc.author),
      field("Published", doc.published),
      field("Source", doc.source),
      [h("dt", {}, "Link"), h("dd", {}, link(doc.url))],
    ),
    event ? eventCard(event) : h("p", { class: "note cited" }, "The cited sentence is marked below."),
    legend(event ? "this event's sentence" : "the cited sentence"),
    articleText(doc, evidence, mark),
  );
  // Scroll the reader's own box (not the page) so the sentence sits near its top third.
  const scroller = box.querySelector(".article-text");
  if (scroller && mark.isConnected) {
    const offset = mark.getBoundingClientRect().top - scroller.getBoundingClientRect().top;
    scroller.scrollTop += offset - scroller.clientHeight / 3;
  }
}

function baseName(path) {
  return path ? String(path).split(/[\\/]/).pop() : "";
}

// Only http(s) addresses become links (never javascript: or data:); others stay text.
function link(url) {
  if (!url) return "—";
  if (!/^https?:\/\//i.test(url)) return String(url);
  return h("a", { href: url, rel: "noopener noreferrer", target: "_blank" }, url);
}

function field(label, value) {
  return [h("dt", {}, label), h("dd", {}, value === null || value === undefined || value === "" ? "—" : String(value))];
}

function eventCard(event) {
  const swatch = h("span", { class: "swatch" });
  swatch.style.background = quadColor(event.quad);
  const attributed = event.attributed_to
    ? `${event.attributed_to.name || "?"}${event.attributed_to.cue ? ` (“${event.attributed_to.cue}”)` : ""}`
    : null;
  const quantities = (event.quantities || [])
    .map((q) => (typeof q === "object" && q ? q.text || [q.value, q.item || q.unit || ""].join(" ").trim() : String(q)))
    .join("; ");
  return h(
    "section",
    { class: "event-card" },
    h("h3", {}, swatch, `${event.type} — ${quadLabel(event.quad)}`),
    h(
      "dl",
      { class: "attributes" },
      field("Actor", names(event.actor)),
      field("Recipient", names(event.recipient)),
      field("Date", `${eventDate(event.date)}${event.date && event.date.basis ? ` · ${event.date.basis}` : ""}`),
      field("Certainty", event.certainty),
      field("Polarity", event.polarity),
      field("Tense", event.tense),
      field("Mode", event.mode),
      field("Attributed to", attributed),
      field("Quantities", quantities),
      field("Trigger", event.evidence && event.evidence.trigger),
      field("Score", event.score),
      field("Confidence", event.confidence),
    ),
  );
}

function legend(marked) {
  return h(
    "p",
    { class: "legend" },
    h("mark", { class: "evidence" }, marked),
    " ",
    h("span", { class: "event-sentence" }, "other events"),
    " ",
    h("span", { class: "mention" }, "actor mention"),
  );
}

/**
 * The article with marks. Offsets from the API count Unicode code points
 * (Python), so the text is cut by code points, not UTF-16 units.
 */
function articleText(doc, ev, mark) {
  const chars = Array.from(doc.text || "");
  const ranges = [];
  for (const m of doc.mentions || []) {
    ranges.push({ start: m.start, end: m.end, kind: "mention", data: m });
  }
  const seen = new Set([`${ev.start}:${ev.end}`]);
  for (const other of doc.events || []) {
    const e = other.evidence || {};
    if (e.start === null || e.start === undefined) continue;
    // One mark per sentence: the first event coded from it opens on click.
    if (seen.has(`${e.start}:${e.end}`)) continue;
    seen.add(`${e.start}:${e.end}`);
    ranges.push({ start: e.start, end: e.end, kind: "event", data: other });
  }
  if (ev.trigger_start !== null && ev.trigger_start !== undefined) {
    ranges.push({ start: ev.trigger_start, end: ev.trigger_end, kind: "trigger", data: ev });
  }
  const body = h("div", { class: "article-text" });
  const hasSentence = ev.start !== null && ev.start !== undefined && ev.end > ev.start;
  if (!hasSentence) {
    body.append(...segments(chars, 0, chars.length, ranges));
    return body;
  }
  body.append(...segments(chars, 0, ev.start, ranges));
  mark.append(...segments(chars, ev.start, ev.end, ranges));
  body.append(mark);
  body.append(...segments(chars, ev.end, chars.length, ranges));
  return body;
}

const ORDER = ["event", "mention", "trigger"];

function segments(chars, from, to, ranges) {
  const inside = ranges.filter((r) => r.start < to && r.end > from);
  const cuts = new Set([from, to]);
  for (const r of inside) {
    if (r.start > from) cuts.add(r.start);
    if (r.end < to) cuts.add(r.end);
  }
  const points = [...cuts].sort((a, b) => a - b);
  const nodes = [];
  for (let i = 0; i < points.length - 1; i += 1) {
    const [a, b] = [points[i], points[i + 1]];
    let node = document.createTextNode(chars.slice(a, b).join(""));
    const active = inside
      .filter((r) => r.start <= a && r.end >= b)
      .sort((x, y) => ORDER.indexOf(y.kind) - ORDER.indexOf(x.kind));
    for (const r of active) node = wrap(r, node);
    nodes.push(node);
  }
  return nodes;
}

function wrap(range, child) {
  if (range.kind === "mention") {
    const m = range.data;
    const who = [m.actor_name, m.country, m.sector].filter(Boolean).join(" · ");
    return h("span", { class: "mention", title: who || "unresolved mention", dataset: { actorId: m.actor_id || "" } }, child);
  }
  if (range.kind === "trigger") return h("strong", { class: "trigger" }, child);
  const other = range.data;
  return h(
    "span",
    {
      class: "event-sentence",
      title: `${other.type}: ${names(other.actor)} → ${names(other.recipient)} (click to open)`,
      dataset: { eventId: other.id },
      onclick: () => openEvent(other.id),
    },
    child,
  );
}
