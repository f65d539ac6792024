// Shared state: the filters every view obeys, and who to tell when they change.

const listeners = new Set();

export const filters = {
  since: "",
  until: "",
  types: [],
  certainty: [],
  polarity: "",
  outlets: [],
  q: "",
};

/** The filters as API query parameters (empty ones are left out by api()). */
export function filterParams() {
  return { ...filters };
}

export function setFilters(changes) {
  Object.assign(filters, changes);
  for (const listener of listeners) listener(filters);
}

export function onFilters(listener) {
  listeners.add(listener);
}

/** True when a period (YYYY, YYYY-MM or YYYY-MM-DD) overlaps the since/until filter. */
export function dateInFilter(date) {
  if (!filters.since && !filters.until) return true;
  if (!date) return false;
  if (filters.since && periodEnd(date) < periodStart(filters.since)) return false;
  if (filters.until && periodStart(date) > periodEnd(filters.until)) return false;
  return true;
}

export function periodStart(date) {
  if (date.length === 4) return `${date}-01-01`;
  if (date.length === 7) return `${date}-01`;
  return date;
}

export function periodEnd(date) {
  if (date.length === 4) return `${date}-12-31`;
  if (date.length === 7) return `${date}-31`;
  return date;
}
