// Form building blocks shared by the screens: labelled fields that can show the API's
// per-field messages, reading a form into plain values, and submitting through the outbox with
// one Idempotency-Key per form fill.

import { ApiError, signInAgain } from './api';
import { clearDraft, snapshot } from './draft';
import { type Attrs, type Child, h, nextId } from './lib/dom';
import { type ErrorDetail, placeDetails } from './lib/errors';
import { type Built, newIdempotencyKey } from './lib/payloads';
import { submitWrite } from './outbox';
import { session } from './session';
import { setFlash } from './views/common';

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

/** A write a form makes, described for the outbox (outbox.ts sends it). */
export interface WriteSpec {
  method: 'POST' | 'PATCH';
  path: string;
  /** What it is, in words, for the outbox list ("Tes urine · Budi Santoso · 12 Jan 2026"). */
  label: string;
}

/**
 * Wires a form's submit: build(values) -> { payload, errors }; with no errors, the payload is
 * written through the outbox (`write`) or sent directly (`send`: online-only screens, such as
 * officer accounts), then onDone(result). The submit button is disabled while sending (a double
 * tap sends once). The form's Idempotency-Key (`data-idempotency-key`, one per form fill, kept
 * with its draft) goes with every attempt, so a retry or a resend after a reload is stored once.
 * When the write has to wait (no network), the draft is cleared (the outbox holds it) and
 * `onQueued` runs.
 */
export interface SubmitHandlers<P, R> {
  build: () => Built<P>;
  write?: (payload: P) => WriteSpec;
  send?: (payload: P, idempotencyKey: string) => Promise<R>;
  /** Rewrites a refusal's details before they are shown (e.g. attendees by name). */
  mapError?: (error: ApiError, payload: P) => void;
  onDone: (result: R, payload: P) => void;
  /** Where to go when the write waits in the outbox (default: the periods). */
  back?: string;
}

export function onSubmit<P, R>(
  form: HTMLFormElement,
  { build, write, send, mapError, onDone, back = '#/' }: SubmitHandlers<P, R>,
): void {
  form.dataset.idempotencyKey ??= newIdempotencyKey();
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
    const idempotencyKey = form.dataset.idempotencyKey ?? newIdempotencyKey();
    const hash = location.hash || '#/';
    try {
      if (write) {
        const spec = write(payload);
        const outcome = await submitWrite({
          ...spec,
          body: payload,
          idempotencyKey,
          formHash: hash,
          fields: snapshot(form),
        });
        await finish(form, hash);
        if (outcome.kind === 'sent') {
          clearErrors(form);
          onDone(outcome.result as R, payload);
        } else {
          clearErrors(form);
          queued(outcome.blocked, back);
        }
      } else if (send) {
        const result = await send(payload, idempotencyKey);
        await finish(form, hash);
        clearErrors(form);
        onDone(result, payload);
      }
    } catch (e) {
      if (e instanceof ApiError) {
        mapError?.(e, payload);
        showErrors(form, e.message, e.details);
        // The session of this very submission is over: to sign in, with the draft kept.
        if (e.status === 401) signInAgain();
      } else showErrors(form, 'Terjadi kesalahan. Coba lagi.');
    } finally {
      busy = false;
      if (button) {
        button.disabled = false;
        button.textContent = idleText ?? '';
      }
    }
  });
}

/** Sent or handed to the outbox: the draft goes, and the form is not saved as one again. */
async function finish(form: HTMLFormElement, hash: string): Promise<void> {
  form.dataset.draftDone = 'true';
  const s = session();
  if (s) await clearDraft(s.sub, hash);
}

function queued(blocked: boolean, back: string): void {
  setFlash(
    blocked
      ? 'Disimpan di Kotak keluar. Ada kiriman gagal yang harus diperbaiki dulu; lihat Kotak keluar.'
      : 'Tidak ada sinyal: disimpan di Kotak keluar dan dikirim otomatis saat tersambung.',
  );
  if (location.hash === back) window.dispatchEvent(new HashChangeEvent('hashchange'));
  else location.hash = back;
}

/** The error box a form shows its message in (place it at the top). */
export function formErrorBox(): HTMLDivElement {
  return h('div', { class: 'form-error', role: 'alert', hidden: true });
}
