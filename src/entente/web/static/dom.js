// DOM building without innerHTML: every piece of data goes in as a text node,
// so article text (untrusted) can never become markup.

/**
 * h("div", {class: "x", dataset: {id: "1"}, onclick: fn}, "text", child, [more])
 * Attributes named on* become event listeners; strings and numbers become text nodes.
 */
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs || {})) {
    if (value === null || value === undefined || value === false) continue;
    if (key === "class") el.className = value;
    else if (key === "dataset") Object.assign(el.dataset, value);
    else if (key.startsWith("on")) {
      // Listeners only: an on* attribute string would be inline script.
      if (typeof value === "function") el.addEventListener(key.slice(2), value);
    } else if (key === "text") el.textContent = String(value);
    else el.setAttribute(key, value === true ? "" : String(value));
  }
  append(el, children);
  return el;
}

export function append(el, children) {
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    el.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return el;
}

/** Replace an element's children (no innerHTML). */
export function fill(el, ...children) {
  el.replaceChildren();
  return append(el, children);
}

export function svg(tag, attrs = {}) {
  const el = document.createElementNS("http://www.w3.org/2000/svg", tag);
  for (const [key, value] of Object.entries(attrs)) el.setAttribute(key, String(value));
  return el;
}

export const $ = (selector, root = document) => root.querySelector(selector);

/** Names of a list of actors ({name}) or plain names, joined. */
export function names(list) {
  if (!list || !list.length) return "—";
  return list.map((a) => (typeof a === "string" ? a : a.name || a.id || "?")).join(", ");
}

export function message(text, cls = "note") {
  return h("p", { class: cls }, text);
}
