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
// Each load is numbered: a reply that arrives after a newer request was sent
// (the filters or the single-article box changed meanwhile) is dropped, so the
// graph always shows what the controls now ask for.
let loads = 0;

// Labels keep this size on screen at any zoom: a big store's graph is fitted
// far out (a zoom of 0.3 made 11 px labels 3 px), and a label that cannot be
// read is no label. Zooming in still enlarges them.
const LABEL_PX = 12;

// Relations resting on fewer documents are hidden unless the user asks for
// them: one article is no standing relation yet (issue 14; `entente map` too).
const MIN_DOCUMENTS = 2;

// Where a node's label may go, in order of preference: below, above, right,
// left, then the corners; (dx, dy) is the gap's direction. On the whole 2017 store the names
// below crowded nodes overlapped ("China" over "European Union", "North
// Korea" over "South Korea"), so each label takes the first place free.
const LABEL_PLACES = [
  { valign: "bottom", halign: "center", dx: 0, dy: 1 },
  { valign: "top", halign: "center", dx: 0, dy: -1 },
  { valign: "center", halign: "right", dx: 1, dy: 0 },
  { valign: "center", halign: "left", dx: -1, dy: 0 },
  { valign: "bottom", halign: "right", dx: 0.7, dy: 0.7 },
  { valign: "bottom", halign: "left", dx: -0.7, dy: 0.7 },
  { valign: "top", halign: "right", dx: 0.7, dy: -0.7 },
  { valign: "top", halign: "left", dx: -0.7, dy: -0.7 },
];

function scaleLabels(graph, nodes = graph.nodes()) {
  const k = 1 / Math.min(1, graph.zoom());
  nodes.forEach((node) => {
    const place = LABEL_PLACES[node.scratch("labelPlace") || 0];
    node.style({
      "font-size": LABEL_PX * k,
      "text-valign": place.valign,
      "text-halign": place.halign,
      "text-margin-x": 3 * k * place.dx,
      "text-margin-y": 3 * k * place.dy,
      "text-outline-width": 2 * k,
    });
  });
}

// A label's box and a node's body, without the overlay drawn on hover (its
// padding made every box 10 px wider on each side).
const LABEL_BOX = { includeNodes: false, includeEdges: false, includeOverlays: false, includeUnderlays: false };
const BODY_BOX = { includeLabels: false, includeEdges: false, includeOverlays: false, includeUnderlays: false };

function isOverlap(a, b) {
  return a.x1 < b.x2 && b.x1 < a.x2 && a.y1 < b.y2 && b.y1 < a.y2;
}

// Each label in the first of LABEL_PLACES where it covers no label placed
// before it and no other node, biggest nodes first: the busiest actors' names
// are placed while there is most room. A label with no free place moves its
// node outwards, two label heights at a time, up to NUDGES times (on the whole
// 2017 store, places alone left a pair of names over each other in 1 load of 5;
// with 8 nudges none in 8 loads).
const NUDGES = 8;

function placeLabels(graph) {
  const nodes = graph.nodes().sort((a, b) => b.data("size") - a.data("size"));
  const bodies = new Map(nodes.map((n) => [n.id(), n.renderedBoundingBox(BODY_BOX)]));
  const centre = nodes.boundingBox(BODY_BOX);
  const [cx, cy] = [(centre.x1 + centre.x2) / 2, (centre.y1 + centre.y2) / 2];
  const step = (2 * LABEL_PX) / graph.zoom();
  const placed = [];
  // What a label would cover (labels placed, other nodes), and, once moved,
  // the labels its own node would cover; a label or node off the pane counts too.
  const [width, height] = [graph.width(), graph.height()];
  const offPane = (box) => box.x1 < 0 || box.y1 < 0 || box.x2 > width || box.y2 > height;
  const covers = (node, box) => {
    const body = bodies.get(node.id());
    return (
      placed.filter((other) => isOverlap(box, other) || isOverlap(body, other)).length +
      [...bodies].filter(([id, other]) => id !== node.id() && isOverlap(box, other)).length +
      Number(offPane(box)) +
      Number(offPane(body))
    );
  };
  nodes.forEach((node) => {
    let best = 0;
    let fewest = Infinity;
    for (let nudge = 0; nudge <= NUDGES && fewest > 0; nudge += 1) {
      if (nudge) {
        const { x, y } = node.position();
        const length = Math.hypot(x - cx, y - cy) || 1;
        node.position({ x: x + (step * (x - cx)) / length, y: y + (step * (y - cy || length)) / length });
        bodies.set(node.id(), node.renderedBoundingBox(BODY_BOX));
      }
      for (let i = 0; i < LABEL_PLACES.length && fewest > 0; i += 1) {
        node.scratch("labelPlace", i);
        scaleLabels(graph, node);
        const covered = covers(node, node.renderedBoundingBox(LABEL_BOX));
        if (covered < fewest) {
          best = i;
          fewest = covered;
        }
      }
    }
    node.scratch("labelPlace", best);
    scaleLabels(graph, node);
    placed.push(node.renderedBoundingBox(LABEL_BOX));
  });
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
  const mine = ++loads;
  fill(status, "Loading…");
  let data;
  try {
    data = await api("graph", {
      ...filterParams(),
      limit: $("#graph-limit").value,
      min_documents: $("#graph-single").checked ? 1 : MIN_DOCUMENTS,
      // what `entente map` shows: no lone article, no pair of untold-again events
      corroborated: $("#graph-single").checked ? "false" : "true",
    });
  } catch (error) {
    if (mine === loads) fill(status, h("span", { class: "error" }, error.message));
    return;
  }
  if (mine !== loads) return;
  lastData = data;
  draw(data);
  fill(
    status,
    `${data.nodes.length} actors, ${data.edges.length} relations` +
      (data.truncated ? " — the strongest shown; raise the limit to see more" : "") +
      (data.below_min_documents
        ? ` (${data.below_min_documents} from a single article or uncorroborated hidden)`
        : ""),
  );
}

function draw(data) {
  const maxActivity = Math.max(1, ...data.nodes.map((n) => n.activity || 0));
  const maxStrength = Math.max(1, ...data.edges.map((e) => e.strength || 0));
  // The force layout starts from these places, not from one point: with every
  // node on the same spot it broke the ties at random, so the same graph came
  // out in another shape on each load (and, now and then, too flat to fill
  // the pane). A circle in the reply's order makes each drawing the same.
  const ring = 40 * Math.max(1, data.nodes.length);
  const elements = [
    ...data.nodes.map((n, i) => ({
      group: "nodes",
      position: {
        x: ring * Math.cos((2 * Math.PI * i) / data.nodes.length),
        y: ring * Math.sin((2 * Math.PI * i) / data.nodes.length),
      },
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
      ? ` ${data.below_min_documents} resting on a single article or on uncorroborated events are hidden: tick "Show relations from a single article".`
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
  placeLabels(cy);
  fillPaneAroundLabels(cy);
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
  stretchTo(nodes, graph.width() / Math.max(1, graph.height()));
  graph.fit(undefined, 30);
}

// Once the labels are placed they stick out of the nodes' box by more on one
// axis than the other (names below the lowest nodes, long names at the sides),
// and the fit, which makes room for them, left that axis short of the pane (a
// seeds map filled 79% of its height). The labels keep their size on screen,
// so stretching the nodes to the aspect the pane leaves them once the labels'
// overhang is taken off, and fitting again, fills both axes.
function fillPaneAroundLabels(graph) {
  const nodes = graph.nodes();
  if (nodes.length < 3) return;
  const drawn = graph.elements().renderedBoundingBox();
  const bodies = nodes.renderedBoundingBox(BODY_BOX);
  const freeW = graph.width() - 60 - (drawn.w - bodies.w);
  const freeH = graph.height() - 60 - (drawn.h - bodies.h);
  if (freeW <= 0 || freeH <= 0) return;
  stretchTo(nodes, freeW / freeH);
  graph.fit(undefined, 30);
  scaleLabels(graph);
}

// Stretch the nodes' positions along the short side of their box to `aspect`
// (width over height); a box already that wide or tall is left as it is.
function stretchTo(nodes, aspect) {
  const box = nodes.boundingBox({ includeLabels: false });
  const drawn = box.w / Math.max(1, box.h);
  const sx = drawn < aspect ? aspect / drawn : 1;
  const sy = drawn > aspect ? drawn / aspect : 1;
  nodes.positions((node) => {
    const p = node.position();
    return { x: box.x1 + (p.x - box.x1) * sx, y: box.y1 + (p.y - box.y1) * sy };
  });
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
