/** The two DOM helpers every page uses: find a page element, make a new one. */

/** The element `#id`, or an error naming it (a page template and its controller out of step). */
export function byId<T extends HTMLElement = HTMLElement>(id: string): T {
  const e = document.getElementById(id);
  if (!e) throw new Error(`page element #${id} is missing`);
  return e as T;
}

/** Attributes of a new element: `class` sets the class name; null, undefined and false are left out; true is an empty attribute. */
export type Attrs = Record<string, string | boolean | null | undefined>;
/** A child of a new element: a node, or text; null, undefined, false and '' add nothing. */
export type Child = Node | string | null | undefined | false;

/**
 * A new element: `el('td', 'num', '12')` (a class name and text), or `el('button', { type: 'button',
 * class: 'btn' }, 'OK', icon)` (attributes and children).
 */
export function el<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: string | Attrs = '', ...children: Child[]): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  if (typeof attrs === 'string') {
    if (attrs) e.className = attrs;
  } else {
    for (const [k, v] of Object.entries(attrs)) {
      if (v === null || v === undefined || v === false) continue;
      if (k === 'class') e.className = String(v);
      else e.setAttribute(k, v === true ? '' : v);
    }
  }
  for (const c of children) if (c !== null && c !== undefined && c !== false && c !== '') e.append(c);
  return e;
}
