// entente's page: shared filters, five views (graph, timeline, dyad, conflicts
// and claims, ask) and the evidence reader beside them. Plain ES modules, no build.

import { api } from "./api.js";
import { initAsk } from "./ask.js";
import { $, fill, h } from "./dom.js";
import { initConflicts, load as loadConflicts } from "./conflicts.js";
import { initDyad, load as loadDyad, preset as presetDyad } from "./dyad.js";
import { clearEvents, showEvents } from "./events.js";
import { graphData, initGraph, load as loadGraph, resizeGraph } from "./graph.js";
import { plural } from "./format.js";
import { openEvent } from "./reader.js";
import { filters, onFilters, setFilters } from "./state.js";
import { initTimeline, load as loadTimeline } from "./timeline.js";

// A hook for tests and the curious: the graph (a cytoscape instance) and the state.
window.entente = { graph: null, filters, setFilters, openEvent, showEvents, ready: false, view: "graph" };

let view = "graph";
const loaded = new Set();

function showView(name) {
  view = name;
  window.entente.view = name;
  for (const tab of document.querySelectorAll(".tabs [data-view]")) {
    tab.setAttribute("aria-selected", String(tab.dataset.view === name));
  }
  for (const section of document.querySelectorAll("section.view")) {
    section.hidden = section.dataset.view !== name;
  }
  if (location.hash !== `#${name}`) history.replaceState(null, "", `${location.pathname}${location.search}#${name}`);
  if (!loaded.has(name)) {
    loaded.add(name);
    if (name === "graph") loadGraph();
    if (name === "timeline") loadTimeline();
    if (name === "conflicts") loadConflicts();
    if (name === "dyad") {
      const data = graphData();
      if (data && data.edges.length) {
        const e = data.edges[0];
        presetDyad(e.source_name || e.source, e.target_name || e.target);
      }
      loadDyad();
    }
  } else if (name === "graph") resizeGraph();
}

// The certainties (and every other word the answers use) come from /api/vocabulary,
// the same list the CLI's choices and the API's checks read (entente.vocabulary).
function fillFilters(overview, vocabulary) {
  fill(
    $("#f-types"),
    overview.types.map((t) => h("option", { value: t.code }, `${t.code} — ${t.name || t.code} (${t.events})`)),
  );
  $("#f-types").size = Math.min(6, Math.max(3, overview.types.length));
  fill(
    $("#f-outlets"),
    overview.outlets.map((o) => h("option", { value: o.name }, `${o.name} (${o.documents})`)),
  );
  fill(
    $("#f-certainty"),
    h("legend", {}, "Certainty"),
    vocabulary.certainties.map((c) => h("label", {}, h("input", { type: "checkbox", value: c }), c)),
  );
}

function readFilters() {
  const selected = (select) => [...select.selectedOptions].map((o) => o.value);
  return {
    since: $("#f-since").value.trim(),
    until: $("#f-until").value.trim(),
    types: selected($("#f-types")),
    certainty: [...document.querySelectorAll("#f-certainty input:checked")].map((i) => i.value),
    polarity: $("#f-polarity").value,
    outlets: selected($("#f-outlets")),
    q: $("#f-q").value.trim(),
  };
}

function showFilters() {
  $("#f-since").value = filters.since;
  $("#f-until").value = filters.until;
  for (const o of $("#f-types").options) o.selected = filters.types.includes(o.value);
  for (const o of $("#f-outlets").options) o.selected = filters.outlets.includes(o.value);
  for (const i of document.querySelectorAll("#f-certainty input")) i.checked = filters.certainty.includes(i.value);
  $("#f-polarity").value = filters.polarity;
  $("#f-q").value = filters.q;
}

const DATE = /^\d{4}(-\d{2}(-\d{2})?)?$/;

function bindFilters() {
  $("#filters").addEventListener("submit", (e) => {
    e.preventDefault();
    const next = readFilters();
    const bad = ["since", "until"].find((k) => next[k] && !DATE.test(next[k]));
    const error = $("#filter-error");
    if (bad) {
      error.hidden = false;
      fill(error, `“${next[bad]}” is not a date: write YYYY, YYYY-MM or YYYY-MM-DD.`);
      return;
    }
    error.hidden = true;
    setFilters(next);
  });
  $("#f-reset").addEventListener("click", () =>
    setFilters({ since: "", until: "", types: [], certainty: [], polarity: "", outlets: [], q: "" }),
  );
  // Views not on screen reload when next shown.
  onFilters(() => {
    showFilters();
    for (const name of [...loaded]) if (name !== view) loaded.delete(name);
  });
}

// The articles' publication span, not the events' dates: those reach as far back
// and forward as the texts do ("events dated 1507-01-01 to 2116-02-15" on 2017 news).
function overviewLine(o) {
  const span = o.first_published ? ` published ${o.first_published} to ${o.last_published}` : "";
  return `${plural(o.documents, "article")}${span} · ${plural(o.events, "event")} · ${plural(o.actors, "actor")} · ${plural(o.relations, "relation")}`;
}

async function main() {
  if (!window.cytoscape || !window.d3) {
    // static/vendor/ is filled by scripts/setup.sh from npm; nothing comes from a CDN.
    fill(
      $("#overview"),
      h("span", { class: "error" }, "The page's libraries (cytoscape, d3) are missing: run scripts/setup.sh (it needs npm), then reload."),
    );
    return;
  }
  // Bound before the first answer arrives, so an early question is not a page reload.
  initAsk(() => showView("ask"));
  let overview;
  let vocabulary;
  try {
    [overview, vocabulary] = await Promise.all([api("overview"), api("vocabulary")]);
  } catch (error) {
    fill($("#overview"), h("span", { class: "error" }, error.message));
    return;
  }
  fill($("#overview"), overviewLine(overview));
  if (overview.empty) {
    $("#empty").hidden = false;
    $("#app").hidden = true;
    $("#filters").hidden = true;
    $("#ask-form").hidden = true;
    ready();
    return;
  }
  fillFilters(overview, vocabulary);
  bindFilters();
  initGraph(() => view === "graph");
  initTimeline(() => view === "timeline");
  initDyad();
  initConflicts(() => view === "conflicts");
  for (const tab of document.querySelectorAll(".tabs [data-view]")) {
    tab.addEventListener("click", () => showView(tab.dataset.view));
  }
  clearEvents("Click a node or an edge of the graph to list its events.");
  await loadGraph();
  loaded.add("graph");
  const start = location.hash.slice(1);
  showView(["graph", "timeline", "dyad", "conflicts", "ask"].includes(start) ? start : "graph");
  ready();
}

// Tests wait for body[data-ready] (a selector: no script evaluation under the CSP).
function ready() {
  window.entente.ready = true;
  document.body.dataset.ready = "true";
}

main();
