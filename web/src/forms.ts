// Form building blocks shared by the screens: labelled fields that can show the API's
// per-field messages, reading a form into plain values, and submitting with one
// Idempotency-Key per form fill.

import { ApiError } from './api';
import { type Attrs, type Child, h, nextId } from './lib/dom';
import { type ErrorDetail, placeDetails } from './lib/errors';
import type { Built } from './lib/payloads';

type Control = HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement;

/** A labelled field; `data-field` is the API path its errors belong to. */
export function field(name: string, labelText: string, control: Control, hint?: string): HTMLDivElement {
  if (!control.id) control.id = nextId(name);
  return h(
    'div',
    { class: 'field', 'data-field': name },
    h('label', { for: control.id }, labelText),
    hint ? h('p', { class: 'hint' }, hint) : null,
    control,
    h('p', { class: 'field-error', hidden: true }),
  );
}

/** A group of checkboxes or radios in a fieldset; options: { value: label }. */
export function choiceGroup(
  name: string,
  legend: string,
  options: Readonly<Record<string, string>>,
  {
    type = 'checkbox',
    checked = [],
    hint,
  }: { type?: 'checkbox' | 'radio'; checked?: string[]; hint?: string } = {},
): HTMLFieldSetElement {
  return h(
    'fieldset',
    { class: 'field choices', 'data-field': name },
    h('legend', {}, legend),
    hint ? h('p', { class: 'hint' }, hint) : null,
    Object.entries(options).map(([value, text]) =>
      h(
        'label',
        { class: 'choice' },
        h('input', { type, name, value, checked: checked.includes(value) }),
        h('span', {}, text),
      ),
    ),
    h('p', { class: 'field-error', hidden: true }),
  );
}

export function input(name: string, attrs: Attrs = {}): HTMLInputElement {
  return h('input', { name, type: 'text', ...attrs });
}

export function textarea(name: string, attrs: Attrs = {}): HTMLTextAreaElement {
  return h('textarea', { name, rows: 3, ...attrs });
}

export function select(
  name: string,
  options: Readonly<Record<string, string>>,
  { placeholder, value = '' }: { placeholder?: string; value?: string } = {},
): HTMLSelectElement {
  return h(
    'select',
    { name },
    placeholder !== undefined ? h('option', { value: '' }, placeholder) : null,
    Object.entries(options).map(([v, text]) => h('option', { value: v, selected: v === value }, text)),
  );
}

/**
 * The form's values as a plain object: names in `arrays` as arrays (checkbox groups), dotted
 * names nested ('results.thc' -> { results: { thc } }).
 */
export function readForm(form: HTMLFormElement, arrays: string[] = []): Record<string, unknown> {
  const data = new FormData(form);
  const out: Record<string, unknown> = {};
  for (const name of new Set(data.keys())) {
    const value = arrays.includes(name) ? data.getAll(name).map(String) : String(data.get(name));
    const path = name.split('.');
    let target = out;
    for (const key of path.slice(0, -1)) {
      target[key] ??= {};
      target = target[key] as Record<string, unknown>;
    }
    target[path.at(-1)!] = value;
  }
  for (const name of arrays) out[name] ??= [];
  return out;
}

/** Clears the messages shown by showErrors. */
export function clearErrors(form: HTMLFormElement): void {
  for (const p of form.querySelectorAll<HTMLElement>('.field-error')) {
    p.hidden = true;
    p.textContent = '';
  }
  for (const el of form.querySelectorAll('[aria-invalid]')) el.removeAttribute('aria-invalid');
  const box = form.querySelector<HTMLElement>('.form-error');
  if (box) {
    box.hidden = true;
    box.replaceChildren();
  }
}

/** Shows a message above the form and each detail next to its field; focuses the first. */
export function showErrors(
  form: HTMLFormElement,
  message: string,
  details: readonly ErrorDetail[] = [],
): void {
  clearErrors(form);
  const fields = [...form.querySelectorAll<HTMLElement>('[data-field]')].map((el) => el.dataset.field ?? '');
  const { byField, other } = placeDetails(details, fields);
  let first: HTMLElement | null = null;
  for (const [name, messages] of Object.entries(byField)) {
    const wrap = form.querySelector<HTMLElement>(`[data-field="${CSS.escape(name)}"]`);
    const p = wrap?.querySelector<HTMLElement>('.field-error');
    if (!wrap || !p) continue;
    p.replaceChildren(...messages.flatMap((m, i): Array<Node | string> => (i ? [h('br'), m] : [m])));
    p.hidden = false;
    for (const c of wrap.querySelectorAll('input, select, textarea')) c.setAttribute('aria-invalid', 'true');
    first ??= wrap;
  }
  const box = form.querySelector<HTMLElement>('.form-error');
  if (box) {
    box.append(h('strong', {}, message));
    if (other.length)
      box.append(
        h(
          'ul',
          {},
          other.map((m): Child => h('li', {}, m)),
        ),
      );
    box.hidden = false;
  }
  (first ?? box)?.scrollIntoView({ block: 'center' });
  (first as HTMLElement | null)
    ?.querySelector<HTMLElement>('input, select, textarea')
    ?.focus({ preventScroll: true });
}

/**
 * Wires a form's submit: build(values) -> { payload, errors }; if no errors, send(payload) and
 * onDone(result). The submit button is disabled while sending (a double tap sends once); the
 * same idempotency key (made by the caller once per form fill) is reused on every retry.
 */
export interface SubmitHandlers<P, R> {
  build: () => Built<P>;
  send: (payload: P) => Promise<R>;
  onDone: (result: R, payload: P) => void;
}

export function onSubmit<P, R>(form: HTMLFormElement, { build, send, onDone }: SubmitHandlers<P, R>): void {
  const button = form.querySelector<HTMLButtonElement>('button[type="submit"]');
  const idleText = button?.textContent;
  let busy = false;
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    if (busy) return;
    const { payload, errors } = build();
    if (errors.length) {
      showErrors(form, 'Periksa isian yang ditandai.', errors);
      return;
    }
    busy = true;
    if (button) {
      button.disabled = true;
      button.textContent = 'Mengirim…';
    }
    try {
      const result = await send(payload);
      clearErrors(form);
      onDone(result, payload);
    } catch (e) {
      if (e instanceof ApiError) showErrors(form, e.message, e.details);
      else showErrors(form, 'Terjadi kesalahan. Coba lagi.');
    } finally {
      busy = false;
      if (button) {
        button.disabled = false;
        button.textContent = idleText ?? '';
      }
    }
  });
}

/** The error box a form shows its message in (place it at the top). */
export function formErrorBox(): HTMLDivElement {
  return h('div', { class: 'form-error', role: 'alert', hidden: true });
}
