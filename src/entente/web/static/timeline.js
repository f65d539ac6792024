// Timeline: events by their own dates, one lane per quad class. A day is a dot;
// a month or a year is a bar as long as the period, so precision is visible.
// When the store is big the API sends monthly buckets instead of points, drawn
// as stacked bars. Brushing a range sets the shared date filter.

import { api } from "./api.js";
import { $, fill, h, svg } from "./dom.js";
import { QUADS, quadColor, quadLabel } from "./format.js";
import { openEvent } from "./reader.js";
import { filterParams, filters, onFilters, setFilters } from "./state.js";

const LANES = Object.keys(QUADS);
const MARGIN = { top: 12, right: 18, bottom: 28, left: 130 };
let visible = () => false;

export function initTimeline(isVisible) {
  visible = isVisible;
  onFilters(() => {
    if (visible()) load();
  });
  $("#timeline-clear").addEventListener("click", () => setFilters({ since: "", until: "" }));
}

function parse(date) {
  const [y, m = "01", d = "01"] = date.split("-");
  return new Date(Date.UTC(Number(y), Number(m) - 1, Number(d)));
}

function periodEnd(start, precision) {
  const t = new Date(start);
  if (precision === "year") t.setUTCFullYear(t.getUTCFullYear() + 1);
  else if (precision === "month") t.setUTCMonth(t.getUTCMonth() + 1);
  else t.setUTCDate(t.getUTCDate() + 1);
  return t;
}

function iso(date) {
  return date.toISOString().slice(0, 10);
}

export async function load() {
  const status = $("#timeline-status");
  fill(status, "Loading…");
  let data;
  try {
    data = await api("timeline", { ...filterParams(), limit: 2000 });
  } catch (error) {
    fill(status, h("span", { class: "error" }, error.message));
    return;
  }
  const points = (data.events || []).filter((e) => e.date_first);
  const usePoints = !data.truncated && points.length > 0;
  draw(data, usePoints ? points : null);
  const range = filters.since || filters.until ? ` · dates ${filters.since || "…"} to ${filters.until || "…"}` : "";
  fill(
    status,
    usePoints
      ? `${points.length} dated events${range}. Drag across the chart to filter every view by date.`
      : `${data.total ?? (data.buckets || []).reduce((n, b) => n + b.events, 0)} dated events, too many to draw one by one: monthly bars${range}. Drag to filter by date.`,
  );
}

function draw(data, points) {
  const d3 = window.d3;
  const box = $("#timeline");
  fill(box);
  const width = Math.max(480, box.clientWidth || 900);
  const height = 300;
  const root = svg("svg", { width, height, viewBox: `0 0 ${width} ${height}`, role: "img" });
  box.append(root);
  const chart = d3.select(root);
  const innerW = width - MARGIN.left - MARGIN.right;
  const innerH = height - MARGIN.top - MARGIN.bottom;

  let items;
  if (points) {
    items = points.map((e) => {
      const start = parse(e.date_first);
      return { ...e, start, end: periodEnd(start, e.date_precision) };
    });
  } else {
    items = (data.buckets || []).map((b) => {
      const start = parse(b.period);
      return { ...b, start, end: periodEnd(start, "month") };
    });
  }
  if (!items.length) {
    fill(box, h("p", { class: "note" }, "No dated events match the filters."));
    return;
  }
  let lo = d3.min(items, (d) => d.start);
  let hi = d3.max(items, (d) => d.end);
  if (filters.since) lo = parse(filters.since);
  if (filters.until) hi = periodEnd(parse(filters.until), filters.until.length === 4 ? "year" : filters.until.length === 7 ? "month" : "day");
  const pad = Math.max((hi - lo) * 0.02, 86400000 * 15);
  const x = d3.scaleUtc().domain([new Date(+lo - pad), new Date(+hi + pad)]).range([0, innerW]);
  const g = chart.append("g").attr("transform", `translate(${MARGIN.left},${MARGIN.top})`);
  g.append("g").attr("class", "axis").attr("transform", `translate(0,${innerH})`).call(d3.axisBottom(x).ticks(Math.min(12, innerW / 80)));

  const lane = d3.scaleBand().domain(LANES).range([0, innerH]).padding(0.12);
  const labels = g.append("g").attr("class", "lanes");
  for (const quad of LANES) {
    labels.append("text").attr("x", -8).attr("y", lane(quad) + lane.bandwidth() / 2).attr("dy", "0.35em").attr("text-anchor", "end").text(quadLabel(quad));
    labels.append("line").attr("class", "lane-rule").attr("x1", 0).attr("x2", innerW).attr("y1", lane(quad) + lane.bandwidth()).attr("y2", lane(quad) + lane.bandwidth());
  }

  // The brush lies under the marks, so marks stay clickable and empty space brushes.
  const brush = d3
    .brushX()
    .extent([[0, 0], [innerW, innerH]])
    .on("end", (event) => {
      if (!event.selection) return;
      const [a, b] = event.selection.map(x.invert);
      setFilters({ since: iso(a), until: iso(b) });
    });
  g.append("g").attr("class", "brush").call(brush);

  const marks = g.append("g").attr("class", "marks");
  if (points) {
    // Several events on one lane and period are spread over a few rows.
    const rows = 6;
    const seen = new Map();
    for (const d of items) {
      const key = `${d.quad}|${d.date_first}|${d.date_precision}`;
      const n = seen.get(key) || 0;
      seen.set(key, n + 1);
      d.row = n % rows;
    }
    const rowH = lane.bandwidth() / rows;
    const group = marks
      .selectAll("g.mark")
      .data(items)
      .join("g")
      .attr("class", (d) => `mark precision-${d.date_precision || "day"}`)
      .attr("data-event-id", (d) => d.id)
      .attr("data-date", (d) => d.date_start || d.date_first)
      .attr("data-precision", (d) => d.date_precision || "")
      .attr("data-quad", (d) => d.quad || "")
      .on("click", (event, d) => openEvent(d.id));
    group.each(function (d) {
      const node = d3.select(this);
      const y = (lane(d.quad) ?? 0) + d.row * rowH + rowH / 2;
      const x0 = x(d.start);
      const x1 = x(d.end);
      if (d.date_precision === "day" || x1 - x0 < 6) {
        node.append("circle").attr("cx", (x0 + x1) / 2).attr("cy", y).attr("r", 4).attr("fill", quadColor(d.quad));
      } else {
        node.append("rect").attr("x", x0).attr("y", y - 3).attr("width", x1 - x0).attr("height", 6).attr("rx", 2).attr("fill", quadColor(d.quad)).attr("fill-opacity", 0.55);
      }
      node.append("title").text(`${d.date_start} (${d.date_precision}) ${d.type}: ${d.actor_name || "?"} → ${d.recipient_name || "?"}`);
    });
  } else {
    const max = d3.max(items, (d) => d.events) || 1;
    marks
      .selectAll("rect")
      .data(items)
      .join("rect")
      .attr("class", "bucket")
      .attr("data-date", (d) => d.period)
      .attr("data-quad", (d) => d.quad)
      .attr("x", (d) => x(d.start))
      .attr("width", (d) => Math.max(1, x(d.end) - x(d.start)))
      .attr("y", (d) => lane(d.quad) + lane.bandwidth() * (1 - d.events / max))
      .attr("height", (d) => lane.bandwidth() * (d.events / max))
      .attr("fill", (d) => quadColor(d.quad))
      .append("title")
      .text((d) => `${d.period} ${quadLabel(d.quad)}: ${d.events} events`);
  }
}
