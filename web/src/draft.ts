// Drafts: every form on a screen is saved as the officer types (IndexedDB, per officer and
// form screen: the hash names the form and the enrollment), so a reload, a closed tab, a flat
// battery or an expired session loses nothing. Opening the same form again puts it back, with
// the same Idempotency-Key (a submission whose answer was lost is not stored twice when sent
// again). A successful submit, or handing it to the outbox, clears the draft. Password fields
// are never kept.
import { type DraftRecord, database } from './store';

type Control = HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement;
type Field = DraftRecord['fields'][number];

/** Wait this long after the last keystroke before saving (and save at once when hidden). */
const SAVE_DELAY_MS = 300;

function controls(form: HTMLFormElement): Control[] {
  return [...form.querySelectorAll<Control>('input[name], select[name], textarea[name]')].filter(
    (c) => !(c instanceof HTMLInputElement && (c.type === 'password' || c.type === 'hidden')),
  );
}

function isChoice(c: Control): c is HTMLInputElement {
  return c instanceof HTMLInputElement && (c.type === 'checkbox' || c.type === 'radio');
}

/** What the form holds now. */
export function snapshot(form: HTMLFormElement): Field[] {
  return controls(form).map((c) =>
    isChoice(c) ? { name: c.name, value: c.value, checked: c.checked } : { name: c.name, value: c.value },
  );
}

/** Puts saved fields back into a form; the number of fields set. */
export function fill(form: HTMLFormElement, fields: readonly Field[]): number {
  const all = controls(form);
  let restored = 0;
  const used = new Set<Control>();
  for (const f of fields) {
    for (const c of all) {
      if (c.name !== f.name || used.has(c)) continue;
      if (isChoice(c)) {
        if (c.value === f.value && f.checked !== undefined) {
          c.checked = f.checked;
          restored += 1;
          break;
        }
      } else if (f.checked === undefined) {
        c.value = f.value;
        used.add(c);
        restored += 1;
        break;
      }
    }
  }
  return restored;
}

/** Did the officer type anything beyond what the form starts with? */
function differs(a: readonly Field[], b: readonly Field[]): boolean {
  return JSON.stringify(a) !== JSON.stringify(b);
}

const draftKey = (sub: string, hash: string) => `${sub}|${hash}`;

export async function loadDraft(sub: string, hash: string): Promise<DraftRecord | undefined> {
  try {
    return await (await database()).get('drafts', draftKey(sub, hash));
  } catch {
    return undefined; // private mode without IndexedDB: no drafts, the form still works
  }
}

export async function saveDraft(record: Omit<DraftRecord, 'key' | 'savedAt'>): Promise<void> {
  try {
    await (await database()).put('drafts', {
      ...record,
      key: draftKey(record.sub, record.hash),
      savedAt: Date.now(),
    });
  } catch {
    // no IndexedDB: nothing to keep
  }
}

export async function clearDraft(sub: string, hash: string): Promise<void> {
  try {
    await (await database()).delete('drafts', draftKey(sub, hash));
  } catch {
    // nothing kept, nothing to clear
  }
}

export interface AttachedDraft {
  /** The saved draft that was put back, if any. */
  restored: DraftRecord | undefined;
  /** Saves now (before leaving for sign-in). */
  flush: () => Promise<void>;
  /** Saves what is pending and stops watching (the screen is being left). */
  detach: () => Promise<void>;
}

/**
 * Autosaves `form` under (sub, hash) and puts back a saved draft. The form's Idempotency-Key
 * (`data-idempotency-key`, set by forms.ts onSubmit) is saved with it and restored from it.
 */
export async function attachDraft(form: HTMLFormElement, sub: string, hash: string): Promise<AttachedDraft> {
  const pristine = snapshot(form);
  const saved = await loadDraft(sub, hash);
  let restored: DraftRecord | undefined;
  if (saved && fill(form, saved.fields) > 0) {
    restored = saved;
    form.dataset.idempotencyKey = saved.idempotencyKey;
  }
  let timer: ReturnType<typeof setTimeout> | undefined;
  let dirty = false;
  const save = async () => {
    clearTimeout(timer);
    timer = undefined;
    // Sent (or handed to the outbox): the draft was cleared and must not come back.
    if (!dirty || !form.isConnected || form.dataset.draftDone === 'true') return;
    dirty = false;
    const fields = snapshot(form);
    // An untouched form is not a draft (and must not replace one).
    if (!differs(fields, pristine) && !restored) return;
    await saveDraft({ sub, hash, fields, idempotencyKey: form.dataset.idempotencyKey ?? '' });
  };
  const later = () => {
    dirty = true;
    clearTimeout(timer);
    timer = setTimeout(() => void save(), SAVE_DELAY_MS);
  };
  form.addEventListener('input', later);
  form.addEventListener('change', later);
  const whenHidden = () => {
    if (document.visibilityState === 'hidden') void save();
  };
  const onPageHide = () => void save();
  document.addEventListener('visibilitychange', whenHidden);
  window.addEventListener('pagehide', onPageHide);
  return {
    restored,
    flush: async () => {
      dirty = true;
      await save();
    },
    detach: async () => {
      document.removeEventListener('visibilitychange', whenHidden);
      window.removeEventListener('pagehide', onPageHide);
      form.removeEventListener('input', later);
      form.removeEventListener('change', later);
      await save();
    },
  };
}
