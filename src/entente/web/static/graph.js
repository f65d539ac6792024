// Graph: actors as nodes (sized by activity, coloured by kind or country),
// relations as directed edges coloured by kind, dashed when alleged. A click
// lists the events behind a node or an edge. The API returns the strongest
// relations first, at most `limit`, so a big store draws its strongest part.

import { api } from "./api.js";
import { $, fill, h } from "./dom.js";
import { clearEvents, showEvents } from "./events.js";
import { hashColor, relationColor, relationLabel, RELATIONS } from "./format.js";
import { filterParams, onFilters } from "./state.js";

let cy = null;
let colourBy = "kind";
let lastData = null;

// Labels keep this size on screen at any zoom: a big store's graph is fitted
// far out (a zoom of 0.3 made 11 px labels 3 px), and a label that cannot be
// read is no label. Zooming in still enlarges them.
const LABEL_PX = 12;

// Relations resting on fewer documents are hidden unless the user asks for
// them: one article is no standing relation yet (issue 14; `entente map` too).
const MIN_DOCUMENTS = 2;

function scaleLabels(graph) {
  const k = 1 / Math.min(1, graph.zoom());
  graph.nodes().style({ "font-size": LABEL_PX * k, "text-margin-y": 3 * k, "text-outline-width": 2 * k });
}

const KIND_COLOURS = {
  state: "#3b6ea5",
  igo: "#16a085",
  "armed-group": "#c0392b",
  movement: "#d35400",
  party: "#8e44ad",
  person: "#7f8c8d",
  organisation: "#27ae60",
  media: "#95a5a6",
  ngo: "#2ecc71",
  company: "#f39c12",
};

function nodeColour(node) {
  if (colourBy === "country") return node.country ? hashColor(node.country) : "#bbb";
  return KIND_COLOURS[node.kind] || hashColor(node.kind || "other");
}

export function initGraph(isVisible) {
  $("#graph-limit").addEventListener("change", load);
  $("#graph-single").addEventListener("change", load);
  $("#graph-colour").addEventListener("change", (e) => {
    colourBy = e.target.value;
    if (cy) cy.nodes().forEach((n) => n.data("colour", nodeColour(n.data("raw"))));
    drawLegend();
  });
  // A hidden container has no size to lay out in: a hidden graph reloads when shown.
  onFilters(() => {
    if (isVisible()) load();
  });
  drawLegend();
}

export async function load() {
  const status = $("#graph-status");
  fill(status, "Loading…");
  let data;
  try {
    data = await api("graph", {
      ...filterParams(),
      limit: $("#graph-limit").value,
      min_documents: $("#graph-single").checked ? 1 : MIN_DOCUMENTS,
    });
  } catch (error) {
    fill(status, h("span", { class: "error" }, error.message));
    return;
  }
  lastData = data;
  draw(data);
  fill(
    status,
    `${data.nodes.length} actors, ${data.edges.length} relations` +
      (data.truncated ? " — the strongest shown; raise the limit to see more" : "") +
      (data.below_min_documents ? ` (${data.below_min_documents} from a single article hidden)` : ""),
  );
}

function draw(data) {
  const maxActivity = Math.max(1, ...data.nodes.map((n) => n.activity || 0));
  const maxStrength = Math.max(1, ...data.edges.map((e) => e.strength || 0));
  const elements = [
    ...data.nodes.map((n) => ({
      group: "nodes",
      data: {
        id: n.id,
        label: n.name || n.id,
        raw: n,
        colour: nodeColour(n),
        size: 18 + 42 * Math.sqrt((n.activity || 0) / maxActivity),
      },
    })),
    ...data.edges.map((e) => ({
      group: "edges",
      data: {
        id: e.id,
        source: e.source,
        target: e.target,
        raw: e,
        colour: relationColor(e.kind),
        width: 1.5 + 5 * ((e.strength || 0) / maxStrength),
        alleged: e.certainty === "alleged" ? 1 : 0,
      },
    })),
  ];
  const container = $("#graph");
  if (cy) cy.destroy();
  fill(container);
  if (!data.nodes.length) {
    cy = null;
    window.entente.graph = null;
    const hidden = data.below_min_documents
      ? ` ${data.below_min_documents} resting on a single article are hidden: tick "Show relations from a single article".`
      : "";
    fill(container, h("p", { class: "note" }, `No relations match the filters.${hidden}`));
    return;
  }
  cy = window.cytoscape({
    container,
    elements,
    style: [
      {
        selector: "node",
        style: {
          label: "data(label)",
          "background-color": "data(colour)",
          width: "data(size)",
          height: "data(size)",
          "font-size": LABEL_PX,
          color: "#222",
          "text-valign": "bottom",
          "text-margin-y": 3,
          "text-outline-color": "#fff",
          "text-outline-width": 2,
        },
      },
      // The node under the pointer (or selected) is drawn above its neighbours'
      // labels, in bold, so a crowded label can still be read.
      { selector: "node.focus, node:selected", style: { "z-index": 10, "font-weight": "bold" } },
      {
        selector: "edge",
        style: {
          width: "data(width)",
          "line-color": "data(colour)",
          "target-arrow-color": "data(colour)",
          "target-arrow-shape": "triangle",
          "curve-style": "bezier",
          "arrow-scale": 1.1,
          opacity: 0.85,
        },
      },
      { selector: "edge[alleged = 1]", style: { "line-style": "dashed", "line-dash-pattern": [6, 4] } },
      { selector: ":selected", style: { "overlay-color": "#000", "overlay-opacity": 0.15, "overlay-padding": 4 } },
    ],
    layout: {
      name: "cose",
      animate: false,
      randomize: false,
      nodeRepulsion: () => 60000,
      idealEdgeLength: () => 110,
      nodeOverlap: 20,
      componentSpacing: 100,
      padding: 24,
    },
  });
  fillPane(cy);
  scaleLabels(cy);
  window.entente.graph = cy;
  let rescale = 0;
  cy.on("zoom", () => {
    if (!rescale) {
      rescale = requestAnimationFrame(() => {
        rescale = 0;
        if (cy) scaleLabels(cy);
      });
    }
  });
  cy.on("mouseover", "node", (evt) => evt.target.addClass("focus"));
  cy.on("mouseout", "node", (evt) => evt.target.removeClass("focus"));
  cy.on("tap", "node", (evt) => {
    const n = evt.target.data("raw");
    showEvents(`Events of ${n.name || n.id}`, { node: n.id });
  });
  cy.on("tap", "edge", (evt) => {
    const e = evt.target.data("raw");
    showEvents(
      `${e.source_name || e.source} → ${e.target_name || e.target}: ${relationLabel(e.kind)}`,
      { edge: e.id },
      `${e.certainty}; strength ${e.strength}; ${e.clusters} event cluster(s)`,
    );
  });
  cy.on("tap", (evt) => {
    if (evt.target === cy) clearEvents("Click a node or an edge to list its events.");
  });
}

// The force layout packs a graph into a roughly square area (its loose
// components in a row beside it), so in a wide pane it used a third of the
// width. Stretching the positions along the short side to the pane's aspect
// and fitting again fills the pane without moving any node past another.
function fillPane(graph) {
  const nodes = graph.nodes();
  if (nodes.length < 3) return;
  const box = nodes.boundingBox({ includeLabels: false });
  const pane = graph.width() / Math.max(1, graph.height());
  const drawn = box.w / Math.max(1, box.h);
  const sx = drawn < pane ? pane / drawn : 1;
  const sy = drawn > pane ? drawn / pane : 1;
  nodes.positions((node) => {
    const p = node.position();
    return { x: box.x1 + (p.x - box.x1) * sx, y: box.y1 + (p.y - box.y1) * sy };
  });
  graph.fit(undefined, 30);
}

function drawLegend() {
  const items = Object.entries(RELATIONS).map(([kind, { label, color }]) => {
    const line = h("span", { class: "legend-line" });
    line.style.borderTopColor = color;
    return h("li", {}, line, label);
  });
  const dashed = h("span", { class: "legend-line dashed" });
  items.push(h("li", {}, dashed, "alleged"));
  fill($("#graph-legend"), h("ul", {}, items), h("p", { class: "note" }, `Nodes coloured by ${colourBy}; size = activity.`));
}

export function resizeGraph() {
  if (cy) cy.resize();
}

export function graphData() {
  return lastData;
}
