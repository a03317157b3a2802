// Pieces every screen uses: the context, loading text, an error box with a retry, a back
// link, names.
import { type Child, h, render } from '../lib/dom';
import type { Session } from '../lib/jwt';
import { session } from '../session';
import { getRead, putRead } from '../store';

/** What every screen gets: who is signed in, "today" in the province, navigation. */
export interface ViewContext {
  session: Session;
  today: () => string;
  /** The province's IANA time zone (times are shown in it). */
  timeZone: string;
  go: (hash: string) => void;
}

export type View = (
  main: HTMLElement,
  params: Record<string, string>,
  ctx: ViewContext,
) => void | Promise<void>;

export function loading(main: HTMLElement, text = 'Memuat…'): void {
  render(main, h('p', { class: 'loading', role: 'status' }, text));
}

/** Shows an API error (its Indonesian message) with a "Coba lagi" button. */
export function errorBox(err: { message?: string } | null | undefined, retry?: () => void): HTMLDivElement {
  return h(
    'div',
    { class: 'error-box', role: 'alert' },
    h('p', {}, err?.message || 'Terjadi kesalahan.'),
    retry ? h('button', { type: 'button', class: 'secondary', onclick: retry }, 'Coba lagi') : null,
  );
}

export function backLink(href: string, text: string): HTMLAnchorElement {
  return h('a', { class: 'back', href }, `‹ ${text}`);
}

export interface ClientSummary {
  fullName: string;
  registrationNumber: string;
}

/**
 * Names learned from lists (enrollment id -> { fullName, registrationNumber }). Also kept on the
 * phone with the officer's other copies (store.ts), so a screen opened with no network still
 * says whose it is.
 */
class KeptNames extends Map<string, ClientSummary> {
  override set(enrollmentId: string, client: ClientSummary): this {
    const s = session();
    if (s && this.get(enrollmentId)?.fullName !== client.fullName) {
      void putRead(s.sub, `name:${enrollmentId}`, client).catch(() => undefined);
    }
    return super.set(enrollmentId, client);
  }

  /** The name from memory, or from the phone's copy. */
  async recall(enrollmentId: string): Promise<ClientSummary | undefined> {
    const known = this.get(enrollmentId);
    const s = session();
    if (known || !s) return known;
    const kept = (await getRead(s.sub, `name:${enrollmentId}`).catch(() => undefined))?.data as
      | ClientSummary
      | undefined;
    if (kept) super.set(enrollmentId, kept);
    return kept;
  }
}

export const names = new KeptNames();

export function clientName(enrollmentId: string, client?: ClientSummary | null): string {
  const c = client ?? names.get(enrollmentId);
  return c?.fullName ?? `Klien …${String(enrollmentId).slice(-6)}`;
}

/** A one-time message shown on the next screen ("Kegiatan tercatat."). */
let flashText = '';
export function setFlash(text: string): void {
  flashText = text;
}
export function takeFlash(): Child {
  const t = flashText;
  flashText = '';
  return t ? h('p', { class: 'flash', role: 'status' }, t) : null;
}
