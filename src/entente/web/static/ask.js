// Ask: a question answered from the map (/api/ask), or the sentences that best
// match its words (/api/search), each statement with the sentences behind it.
// A citation opens the reader on its sentence. Answers quote article text: it
// only ever enters the page as text nodes (dom.js's h()).

import { api } from "./api.js";
import { $, fill, h } from "./dom.js";
import { openSentence } from "./reader.js";
import { filters } from "./state.js";

let asked = null; // the latest request: a slower, older answer must not replace it

/** Binds the Ask box; ``show`` brings the Ask view on screen. */
export function initAsk(show) {
  $("#ask-form").addEventListener("submit", (e) => {
    e.preventDefault();
    run("ask", show);
  });
  $("#ask-search").addEventListener("click", () => run("search", show));
}

async function run(kind, show) {
  const q = $("#ask-q").value.trim();
  if (!q) return;
  show();
  const box = $("#ask-answers");
  const request = { kind, q };
  asked = request;
  fill(box, h("p", { class: "note loading" }, kind === "ask" ? "Answering…" : "Searching…"));
  // The page's date filter bounds the answers too.
  const params = { q, since: filters.since, until: filters.until };
  let data;
  try {
    data = await api(kind, params);
  } catch (error) {
    if (asked === request) fill(box, h("p", { class: "error" }, error.message));
    return;
  }
  if (asked !== request) return;
  if (kind === "ask") fill(box, interpretation(data.interpretation || {}), answers(data.answers || []));
  else fill(box, searched(data.sentences || []));
}

// What the question was read as: the form, actors, event types, dates.
function interpretation(reading) {
  const parts = [];
  if (reading.form) parts.push(`form: ${reading.form}`);
  const actors = (reading.actors || []).map((a) => a.name || a.id || a.text).filter(Boolean);
  if (actors.length) parts.push(`actors: ${actors.join(", ")}`);
  if ((reading.types || []).length) parts.push(`types: ${reading.types.join(", ")}`);
  if ((reading.relation_kinds || []).length) parts.push(`relations: ${reading.relation_kinds.join(", ")}`);
  if (reading.since || reading.until) parts.push(`dates: ${reading.since || "…"} to ${reading.until || "…"}`);
  return h(
    "div",
    { class: "ask-reading" },
    parts.length ? h("p", { class: "note" }, `Read as ${parts.join(" · ")}`) : null,
    reading.note ? h("p", { class: "note" }, reading.note) : null,
  );
}

function answers(list) {
  if (!list.length) return h("p", { class: "note" }, "Nothing in the store answers this question.");
  return h(
    "ol",
    { class: "answers" },
    list.map((a) =>
      h(
        "li",
        { class: "answer", dataset: { kind: a.kind || "" } },
        h(
          "p",
          { class: "answer-text" },
          a.text,
          // A "none" answer says what is missing: it has no certainty to show.
          a.kind === "none" || !a.certainty ? null : [" ", h("span", { class: "certainty" }, a.certainty)],
        ),
        citations(a.citations || []),
      ),
    ),
  );
}

function searched(list) {
  if (!list.length) return h("p", { class: "note" }, "No stored sentence matches these words.");
  return h(
    "div",
    {},
    h("p", { class: "note" }, "Sentences that best match the words: retrieved, not coded."),
    citations(list),
  );
}

function citations(list) {
  return h(
    "ul",
    { class: "citations" },
    list.map((c) => {
      // The sentence cited, exactly: the reader marks it (and its trigger) in its article.
      const open = () => openSentence(c);
      const copies = c.copies > 1 ? ` · in ${c.copies} articles` : "";
      return h(
        "li",
        {
          class: "citation",
          tabindex: "0",
          dataset: { doc: c.doc, start: String(c.start), end: String(c.end) },
          onclick: open,
          onkeydown: (e) => {
            if (e.key === "Enter") open();
          },
        },
        h("div", { class: "event-meta" }, `${c.outlet || c.title || c.doc} · ${c.published || "undated"}${copies}`),
        h("div", { class: "citation-sentence" }, c.sentence),
      );
    }),
  );
}
