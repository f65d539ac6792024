// Conflicts and claims: where sources disagree, the versions side by side;
// the claims with who makes them and how many outlets carry them.

import { api } from "./api.js";
import { $, fill, h, names } from "./dom.js";
import { openEvent } from "./reader.js";
import { dateInFilter, filterParams, onFilters } from "./state.js";

let visible = () => false;

export function initConflicts(isVisible) {
  visible = isVisible;
  onFilters(() => {
    if (visible()) load();
  });
}

export async function load() {
  await Promise.all([loadConflicts(), loadClaims()]);
}

async function loadConflicts() {
  const box = $("#conflicts");
  fill(box, h("p", { class: "note" }, "Loading…"));
  let rows;
  try {
    rows = (await api("conflicts", { ...filterParams(), limit: 50 })).conflicts;
  } catch (error) {
    fill(box, h("p", { class: "error" }, error.message));
    return;
  }
  rows = rows.filter((r) => dateInFilter(r.date_start));
  if (!rows.length) {
    fill(box, h("p", { class: "note" }, "No disagreements between sources match the filters."));
    return;
  }
  // One card per event (cluster), every field its sources disagree on inside it;
  // the limit counts events too.
  const stories = [];
  const byCluster = new Map();
  for (const row of rows) {
    if (!byCluster.has(row.cluster_id)) {
      byCluster.set(row.cluster_id, []);
      stories.push(byCluster.get(row.cluster_id));
    }
    byCluster.get(row.cluster_id).push(row);
  }
  fill(box, stories.map(conflictCard), stories.length === 50 ? h("p", { class: "note" }, "The first 50 shown: narrow the filters for others.") : null);
}

function conflictCard(fields) {
  const row = fields[0];
  const what = (r) => (r.item ? `${r.field} (${r.item})` : r.field);
  return h(
    "article",
    { class: "conflict", dataset: { clusterId: row.cluster_id, field: fields.map((r) => r.field).join(" ") } },
    h(
      "header",
      {},
      h("strong", {}, row.type),
      ` ${names(row.actor_name || row.actor)} → ${names(row.recipient_name || row.recipient)}`,
      ` · ${row.date_start || "undated"} · sources disagree on `,
      h("em", {}, fields.map(what).join(", ")),
      ` · ${row.n_outlets} outlet(s) · ${row.status}`,
    ),
    fields.map((r) =>
      h(
        "div",
        { class: "versions", dataset: { field: r.field } },
        fields.length > 1 ? h("h4", { class: "versions-field" }, what(r)) : null,
        r.values.map((v) =>
          h(
            "section",
            { class: "version", dataset: { value: String(v.value) } },
            h("h4", { class: "version-value" }, String(v.value)),
            versionEvents(v.events),
          ),
        ),
      ),
    ),
  );
}

// A version carried by many sentences shows a few, and the rest on request.
const SHOWN = 3;

function versionEvents(events) {
  const list = h("ul", {}, events.slice(0, SHOWN).map(versionEvent));
  if (events.length > SHOWN) {
    const more = h(
      "button",
      {
        type: "button",
        class: "more",
        onclick: () => {
          list.append(...events.slice(SHOWN).map(versionEvent));
          more.remove();
        },
      },
      `${events.length - SHOWN} more`,
    );
    return [list, more];
  }
  return list;
}

function versionEvent(e) {
  return h(
    "li",
    { class: "version-event", tabindex: "0", dataset: { eventId: e.event_id }, onclick: () => openEvent(e.event_id) },
    h("div", { class: "event-meta" }, [e.outlet || e.title || e.doc_id, e.published].filter(Boolean).join(" · ")),
    h("div", { class: "event-sentence" }, e.sentence_text || ""),
  );
}

async function loadClaims() {
  const box = $("#claims");
  fill(box, h("p", { class: "note" }, "Loading…"));
  let rows;
  try {
    rows = (await api("claims", { ...filterParams(), limit: 50 })).claims;
  } catch (error) {
    fill(box, h("p", { class: "error" }, error.message));
    return;
  }
  rows = rows.filter((r) => dateInFilter(r.date_start));
  if (!rows.length) {
    fill(box, h("p", { class: "note" }, "No claims match the filters."));
    return;
  }
  fill(
    box,
    h(
      "table",
      { class: "claims" },
      h("thead", {}, h("tr", {}, ["Claimant", "Certainty", "Event", "Date", "Sentence", "Outlets"].map((t) => h("th", {}, t)))),
      h(
        "tbody",
        {},
        rows.map((r) =>
          h(
            "tr",
            { class: "claim", tabindex: "0", dataset: { eventId: r.event_id }, onclick: () => openEvent(r.event_id) },
            h("td", {}, r.claimant || "(the outlet)", r.cue ? h("div", { class: "event-meta" }, `“${r.cue}”`) : null),
            h("td", {}, r.certainty),
            h("td", {}, `${r.type}: ${names(r.actor_name)} → ${names(r.recipient_name)}`),
            h("td", {}, r.date_start || "undated"),
            h("td", { class: "event-sentence" }, r.sentence_text || ""),
            h("td", { class: "num" }, String(r.outlets_reporting ?? "")),
          ),
        ),
      ),
    ),
  );
}
