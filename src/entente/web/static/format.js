// Small formatting helpers shared by the views.

export const QUADS = {
  verbal_coop: { label: "verbal cooperation", color: "#4f9dd9" },
  material_coop: { label: "material cooperation", color: "#1f5fa8" },
  verbal_conflict: { label: "verbal conflict", color: "#f0a04b" },
  material_conflict: { label: "material conflict", color: "#c8322b" },
};

export const RELATIONS = {
  arms_supplier_of: { label: "arms supplier of", color: "#c8322b" },
  backs: { label: "backs", color: "#8e44ad" },
  partner_of: { label: "partner of", color: "#2e8b57" },
  adversary_of: { label: "adversary of", color: "#e67e22" },
};

export function relationLabel(kind) {
  return (RELATIONS[kind] && RELATIONS[kind].label) || String(kind || "").replaceAll("_", " ");
}

export function relationColor(kind) {
  return (RELATIONS[kind] && RELATIONS[kind].color) || "#7f8c8d";
}

export function quadColor(quad) {
  return (QUADS[quad] && QUADS[quad].color) || "#999";
}

export function quadLabel(quad) {
  return (QUADS[quad] && QUADS[quad].label) || quad || "unknown";
}

/** An event's own date with its precision: "2024-04 (month)", or "undated". */
export function eventDate(date) {
  if (!date || !date.start) return "undated";
  const span = date.end && date.end !== date.start ? `${date.start} – ${date.end}` : date.start;
  return date.precision ? `${span} (${date.precision})` : span;
}

export function plural(n, word) {
  return `${n} ${word}${n === 1 ? "" : "s"}`;
}

/** A stable colour from a string (for countries and kinds without a fixed colour). */
export function hashColor(text) {
  let hash = 0;
  for (const ch of String(text || "")) hash = (hash * 31 + ch.codePointAt(0)) | 0;
  const hue = Math.abs(hash) % 360;
  return `hsl(${hue}, 55%, 52%)`;
}
