// What the officer typed survives a sign-in redirect: when the session expires on a screen
// with a form, its fields are kept in sessionStorage (this tab only, gone when it closes)
// and put back once the officer is signed in again and the same screen is shown. Password
// fields are never kept. (Drafts that survive a closed tab are the offline issue's.)

const KEY = 'pascarehab.pendingDraft';

interface FieldValue {
  name: string;
  value: string;
  /** For checkboxes and radios: whether this option was ticked. */
  checked?: boolean;
}

interface Draft {
  hash: string;
  fields: FieldValue[];
}

type Control = HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement;

function controls(root: ParentNode): Control[] {
  return [
    ...root.querySelectorAll<Control>('form input[name], form select[name], form textarea[name]'),
  ].filter((c) => !(c instanceof HTMLInputElement && c.type === 'password'));
}

/** Keeps the forms on screen for after the sign-in; false when there is nothing typed. */
export function keepDraft(root: ParentNode, hash: string): boolean {
  const fields: FieldValue[] = controls(root).map((c) =>
    c instanceof HTMLInputElement && (c.type === 'checkbox' || c.type === 'radio')
      ? { name: c.name, value: c.value, checked: c.checked }
      : { name: c.name, value: c.value },
  );
  if (fields.length === 0) return false;
  sessionStorage.setItem(KEY, JSON.stringify({ hash, fields } satisfies Draft));
  return true;
}

/**
 * Puts a kept draft back into the forms of `root` when it belongs to `hash`; true if it did.
 * The draft is used once.
 */
export function restoreDraft(root: ParentNode, hash: string): boolean {
  const raw = sessionStorage.getItem(KEY);
  if (!raw) return false;
  let draft: Draft;
  try {
    draft = JSON.parse(raw) as Draft;
  } catch {
    sessionStorage.removeItem(KEY);
    return false;
  }
  if (draft.hash !== hash) return false;
  sessionStorage.removeItem(KEY);
  const all = controls(root);
  let restored = 0;
  for (const f of draft.fields) {
    for (const c of all) {
      if (c.name !== f.name) continue;
      if (c instanceof HTMLInputElement && (c.type === 'checkbox' || c.type === 'radio')) {
        if (c.value === f.value && f.checked !== undefined) {
          c.checked = f.checked;
          restored += 1;
        }
      } else if (f.checked === undefined && c.type !== 'hidden') {
        c.value = f.value;
        restored += 1;
        break;
      }
    }
  }
  return restored > 0;
}
