// Dyad: two actors' monthly cooperation (up) and conflict (down), with the
// mean Goldstein score as a line; clicking a period lists the events behind it.

import { api } from "./api.js";
import { $, fill, h, names, svg } from "./dom.js";
import { quadColor, quadLabel } from "./format.js";
import { showEvents } from "./events.js";
import { openEvent } from "./reader.js";
import { dateInFilter, filterParams, onFilters } from "./state.js";

let series = null;
let suggestTimer = null;

export function initDyad() {
  for (const id of ["#dyad-a", "#dyad-b"]) {
    $(id).addEventListener("input", (e) => suggest(e.target.value));
  }
  $("#dyad-form").addEventListener("submit", (e) => {
    e.preventDefault();
    load();
  });
  onFilters(() => {
    if (series) draw(series);
  });
}

export function preset(a, b) {
  if (!$("#dyad-a").value && !$("#dyad-b").value) {
    $("#dyad-a").value = a;
    $("#dyad-b").value = b;
  }
}

function suggest(text) {
  clearTimeout(suggestTimer);
  suggestTimer = setTimeout(async () => {
    try {
      const data = await api("actors", { q: text, limit: 20 });
      fill(
        $("#actor-options"),
        data.actors.map((a) => h("option", { value: a.name }, `${a.id}${a.country ? ` · ${a.country}` : ""}${a.events !== undefined && a.events !== null ? ` · ${a.events} event clusters` : ""}`)),
      );
    } catch {
      // Suggestions are a convenience; the form still works without them.
    }
  }, 150);
}

export async function load() {
  const a = $("#dyad-a").value.trim();
  const b = $("#dyad-b").value.trim();
  const status = $("#dyad-status");
  if (!a || !b) {
    fill(status, "Pick two actors.");
    return;
  }
  fill(status, "Loading…");
  try {
    series = await api("dyad", { a, b });
  } catch (error) {
    series = null;
    fill(status, h("span", { class: "error" }, error.message));
    fill($("#dyad-chart"));
    return;
  }
  draw(series);
}

function draw(data) {
  const d3 = window.d3;
  const periods = data.periods.filter((p) => dateInFilter(p.period));
  const box = $("#dyad-chart");
  fill(box);
  fill($("#dyad-events"));
  const total = periods.reduce((n, p) => n + p.events, 0);
  fill(
    $("#dyad-status"),
    `${data.a_name} (${data.a}) and ${data.b_name} (${data.b}): ${total} events over ${periods.length} periods` +
      (periods.length < data.periods.length ? ` (${data.periods.length - periods.length} outside the date filter)` : "") +
      ". Click a period for its events.",
  );
  if (!periods.length) {
    box.append(h("p", { class: "note" }, "No events between these two actors match the filters."));
    return;
  }
  const width = Math.max(480, box.clientWidth || 900);
  const height = 300;
  const m = { top: 16, right: 40, bottom: 44, left: 40 };
  const root = svg("svg", { width, height, viewBox: `0 0 ${width} ${height}`, role: "img" });
  box.append(root);
  const g = d3.select(root).append("g").attr("transform", `translate(${m.left},${m.top})`);
  const innerW = width - m.left - m.right;
  const innerH = height - m.top - m.bottom;
  const x = d3.scaleBand().domain(periods.map((p) => p.period)).range([0, innerW]).padding(0.2);
  const coop = (p) => p.verbal_coop + p.material_coop;
  const conflict = (p) => p.verbal_conflict + p.material_conflict;
  const top = d3.max(periods, (p) => Math.max(coop(p), conflict(p))) || 1;
  const y = d3.scaleLinear().domain([-top, top]).range([innerH, 0]).nice();
  const score = d3.scaleLinear().domain([-10, 10]).range([innerH, 0]);
  g.append("g").attr("class", "axis").call(d3.axisLeft(y).ticks(5).tickFormat((v) => Math.abs(v)));
  g.append("g").attr("class", "axis").attr("transform", `translate(${innerW},0)`).call(d3.axisRight(score).ticks(5));
  const axis = g.append("g").attr("class", "axis").attr("transform", `translate(0,${innerH})`).call(d3.axisBottom(x));
  axis.selectAll("text").attr("transform", "rotate(-30)").attr("text-anchor", "end");
  g.append("line").attr("class", "zero").attr("x1", 0).attr("x2", innerW).attr("y1", y(0)).attr("y2", y(0));

  const layers = [
    ["material_coop", 1, 0],
    ["verbal_coop", 1, "material_coop"],
    ["material_conflict", -1, 0],
    ["verbal_conflict", -1, "material_conflict"],
  ];
  const col = g
    .selectAll("g.period")
    .data(periods)
    .join("g")
    .attr("class", "period")
    .attr("data-period", (p) => p.period)
    .attr("data-events", (p) => p.events)
    .on("click", (event, p) => periodEvents(data, p));
  col.append("rect").attr("class", "period-hit").attr("x", (p) => x(p.period)).attr("width", x.bandwidth()).attr("y", 0).attr("height", innerH);
  for (const [quad, sign, under] of layers) {
    col
      .append("rect")
      .attr("x", (p) => x(p.period))
      .attr("width", x.bandwidth())
      .attr("y", (p) => (sign > 0 ? y((under ? p[under] : 0) + p[quad]) : y(-(under ? p[under] : 0))))
      .attr("height", (p) => Math.abs(y(0) - y(p[quad])))
      .attr("fill", quadColor(quad))
      .append("title")
      .text((p) => `${p.period}: ${p[quad]} ${quadLabel(quad)}`);
  }
  const line = d3
    .line()
    .x((p) => x(p.period) + x.bandwidth() / 2)
    .y((p) => score(p.score_mean ?? 0));
  g.append("path").attr("class", "score-line").attr("d", line(periods));
  g.selectAll("circle.score").data(periods).join("circle").attr("class", "score").attr("r", 3)
    .attr("cx", (p) => x(p.period) + x.bandwidth() / 2).attr("cy", (p) => score(p.score_mean ?? 0));
  fill(
    $("#dyad-legend"),
    ["material_coop", "verbal_coop", "verbal_conflict", "material_conflict"].map((q) => {
      const s = h("span", { class: "swatch" });
      s.style.background = quadColor(q);
      return h("span", { class: "legend-item" }, s, quadLabel(q));
    }),
    h("span", { class: "legend-item" }, h("span", { class: "legend-line score" }), "mean score (right axis, −10…10)"),
  );
}

async function periodEvents(data, period) {
  const box = $("#dyad-events");
  for (const el of document.querySelectorAll("#dyad-chart g.period.selected")) el.classList.remove("selected");
  const col = document.querySelector(`#dyad-chart g.period[data-period="${CSS.escape(period.period)}"]`);
  if (col) col.classList.add("selected");
  fill(box, h("p", { class: "note" }, "Loading…"));
  let rows;
  let body;
  try {
    // The month's clusters under the shared filters (types, certainty, outlets, text...).
    body = await api("dyad/events", { ...filterParams(), a: data.a, b: data.b, month: period.period });
    rows = body.clusters;
  } catch (error) {
    fill(box, h("p", { class: "error" }, error.message));
    return;
  }
  fill(
    box,
    h(
      "h3",
      {},
      `${period.period}: ${body.total ?? rows.length} event cluster(s) between ${data.a_name} and ${data.b_name}` +
        (body.total !== undefined && body.total < period.events ? ` match the filters (of ${period.events})` : "") +
        (body.truncated ? `; the first ${rows.length} shown` : ""),
    ),
    h("ol", { class: "cluster-list" }, rows.map((row) => clusterItem(row, period))),
  );
}

function clusterItem(row, period) {
  const swatch = h("span", { class: "swatch" });
  // Rows may lack a quad class: the Goldstein score's sign tells cooperation from conflict.
  swatch.style.background = quadColor(row.quad || (row.score >= 0 ? "verbal_coop" : "verbal_conflict"));
  const open = () => {
    const eventId = row.event_id || (row.event_ids && row.event_ids[0]);
    if (eventId) openEvent(eventId);
    else
      showEvents(`${row.type}: ${names(row.actor_name || row.actor)} → ${names(row.recipient_name || row.recipient)}`, {
        actor: (row.actor || [])[0],
        recipient: (row.recipient || [])[0],
        types: row.type,
        since: period.period,
        until: period.period,
      });
  };
  return h(
    "li",
    { class: "cluster-item", tabindex: "0", dataset: { clusterId: row.id }, onclick: open },
    h("div", { class: "event-head" }, swatch, h("strong", {}, row.type), ` ${names(row.actor_name || row.actor)} → ${names(row.recipient_name || row.recipient)}`),
    h(
      "div",
      { class: "event-meta" },
      `${row.date_start || "undated"}${row.date_precision ? ` (${row.date_precision})` : ""} · ${row.certainty} · ${row.polarity} · ${row.status} · ${row.n_documents} document(s), ${row.n_outlets} outlet(s)`,
    ),
    h("div", { class: "event-sentence" }, row.sentence_text || ""),
  );
}
