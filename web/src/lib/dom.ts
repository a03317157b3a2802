// A tiny DOM builder: text goes in as text nodes, never as HTML, so API data cannot inject markup.

export type Child = Node | string | number | null | undefined | false | Child[];
type AttrValue = string | number | boolean | null | undefined | ((ev: Event) => void);
export type Attrs = Record<string, AttrValue>;

/**
 * h('button', { class: 'primary', onclick: fn, disabled: true }, 'Simpan', child, [more])
 * Attributes: `class`, `for`, data-*, aria-*, booleans (true sets, false/null/undefined omit),
 * `on<event>` functions as listeners, `value`/`checked` as properties.
 */
export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Attrs = {},
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs ?? {})) {
    if (v === false || v === null || v === undefined) continue;
    if (k.startsWith('on') && typeof v === 'function') el.addEventListener(k.slice(2), v);
    else if (k === 'value') (el as HTMLInputElement).value = String(v);
    else if (k === 'checked') (el as HTMLInputElement).checked = Boolean(v);
    else el.setAttribute(k, v === true ? '' : String(v));
  }
  append(el, children);
  return el;
}

function append(el: Element, children: Child[]) {
  for (const c of children) {
    if (c === null || c === undefined || c === false) continue;
    if (Array.isArray(c)) append(el, c);
    else el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
}

let uid = 0;
/** A unique element id for label/input pairs. */
export function nextId(prefix = 'f'): string {
  uid += 1;
  return `${prefix}-${uid}`;
}

/** Replaces an element's children (null/false children are skipped, as in h()). */
export function render(el: Element, ...children: Child[]): Element {
  el.replaceChildren();
  append(el, children);
  return el;
}
