// The side list of events (behind an edge, a node, a month, a search), paged.

import { api } from "./api.js";
import { $, fill, h, names } from "./dom.js";
import { eventDate, quadColor, quadLabel } from "./format.js";
import { openEvent } from "./reader.js";
import { filterParams, onFilters } from "./state.js";

const PAGE = 50;
let current = null; // {title, params, offset}

export function showEvents(title, params, subtitle = "") {
  current = { title, params, subtitle, offset: 0 };
  return load();
}

export function clearEvents(text) {
  current = null;
  fill($("#events-title"), "Events");
  fill($("#events-list"), h("p", { class: "note" }, text));
  fill($("#events-pager"));
}

// A list opened from the graph keeps following the filters.
onFilters(() => {
  if (current) {
    current.offset = 0;
    load();
  }
});

async function load() {
  const box = $("#events-list");
  const request = current;
  fill($("#events-title"), request.title);
  fill(box, h("p", { class: "note" }, "Loading…"));
  let data;
  try {
    data = await api("events", {
      ...filterParams(),
      ...request.params,
      limit: PAGE,
      offset: request.offset,
    });
  } catch (error) {
    fill(box, h("p", { class: "error" }, error.message));
    return;
  }
  if (request !== current) return; // a newer list was asked for meanwhile
  const items = data.events.map(eventItem);
  fill(
    box,
    request.subtitle ? h("p", { class: "note" }, request.subtitle) : null,
    data.search_truncated
      ? h("p", { class: "note" }, "The text search is common: only its first matches were searched; narrow it for all.")
      : null,
    items.length
      ? h("ol", { class: "event-list", start: request.offset + 1 }, items)
      : h("p", { class: "note" }, "No events match the filters."),
  );
  pager(data, request);
}

function pager(data, request) {
  const shown = data.events.length;
  const total = data.total;
  const from = shown ? request.offset + 1 : 0;
  const to = request.offset + shown;
  const more = total === null || total === undefined ? shown === PAGE : to < total;
  fill(
    $("#events-pager"),
    h(
      "button",
      {
        type: "button",
        disabled: request.offset === 0,
        onclick: () => {
          request.offset = Math.max(0, request.offset - PAGE);
          load();
        },
      },
      "‹ previous",
    ),
    h("span", {}, ` ${from}–${to}${total !== null && total !== undefined ? ` of ${total}` : ""} `),
    h(
      "button",
      {
        type: "button",
        disabled: !more,
        onclick: () => {
          request.offset += PAGE;
          load();
        },
      },
      "next ›",
    ),
  );
}

export function eventItem(event) {
  const swatch = h("span", { class: "swatch", title: quadLabel(event.quad) });
  swatch.style.background = quadColor(event.quad);
  return h(
    "li",
    {
      class: "event-item",
      tabindex: "0",
      dataset: { eventId: event.id },
      onclick: () => openEvent(event.id),
      onkeydown: (e) => {
        if (e.key === "Enter") openEvent(event.id);
      },
    },
    h(
      "div",
      { class: "event-head" },
      swatch,
      h("strong", {}, event.type),
      " ",
      h("span", {}, dyadText(event)),
    ),
    h(
      "div",
      { class: "event-meta" },
      `${eventDate(event.date)} · ${event.certainty || "?"} · ${event.polarity || "?"}` +
        ` · ${(event.doc && (event.doc.outlet || event.doc.title)) || (event.doc && event.doc.id) || ""}`,
    ),
    h("div", { class: "event-sentence" }, event.evidence ? event.evidence.sentence : ""),
  );
}

// "actor → recipient"; a side the sentence leaves unnamed (a passive "was
// attacked", whose dyad came from the sentences around it) shows the map's
// node for it, in parentheses, rather than "—".
function dyadText(event) {
  const side = (own, nodes) => {
    if (own && own.length) return names(own);
    if (nodes && nodes.length) return `(${names(nodes)})`;
    return names(own);
  };
  const map = event.nodes || {};
  return `${side(event.actor, map.actor)} → ${side(event.recipient, map.recipient)}`;
}
