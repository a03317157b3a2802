import { escapeHtml } from './format';

export interface TableSpec {
  caption?: string;
  /** Column headers (plain text). */
  head: string[];
  /** Cells are plain text (escaped here). */
  rows: string[][];
  /** Indexes of columns to right-align (numbers); the header cell follows. */
  numeric?: number[];
  /** Rows (by index) styled like totals. */
  totalRows?: number[];
  /** Rows (by index) of free text that wraps (e.g. notes), left-aligned. */
  noteRows?: number[];
  cls?: string;
  /** The first cell of each row is a row header (default true). */
  rowHeaders?: boolean;
  /** Stable hook for tests and for readers of the HTML. */
  dataTable?: string;
}

/**
 * A data table; every text is escaped. It sits in its own horizontal scroller: on a narrow
 * phone a wide table scrolls inside itself, never the page (reachable by keyboard, named by
 * its caption).
 */
export function table(spec: TableSpec): string {
  const numeric = new Set(spec.numeric ?? []);
  const totals = new Set(spec.totalRows ?? []);
  const notes = new Set(spec.noteRows ?? []);
  const rowClass = (r: number): string =>
    totals.has(r) ? ' class="total"' : notes.has(r) ? ' class="note"' : '';
  const cellClass = (i: number): string => (numeric.has(i) ? ' class="num"' : '');
  const head = spec.head.map((h, i) => `<th scope="col"${cellClass(i)}>${escapeHtml(h)}</th>`).join('');
  const body = spec.rows
    .map((row, r) => {
      const cells = row
        .map((c, i) =>
          i === 0 && spec.rowHeaders !== false
            ? `<th scope="row">${escapeHtml(c)}</th>`
            : `<td${cellClass(i)}>${escapeHtml(c)}</td>`,
        )
        .join('');
      return `<tr${rowClass(r)}>${cells}</tr>`;
    })
    .join('');
  const attrs =
    (spec.cls ? ` class="${escapeHtml(spec.cls)}"` : '') +
    (spec.dataTable ? ` data-table="${escapeHtml(spec.dataTable)}"` : '');
  const caption = spec.caption ? `<caption>${escapeHtml(spec.caption)}</caption>` : '';
  const name = escapeHtml(spec.caption ?? 'Tabel');
  return (
    `<div class="table-scroll" tabindex="0" role="region" aria-label="${name}">` +
    `<table${attrs}>${caption}<thead><tr>${head}</tr></thead><tbody>${body}</tbody></table></div>`
  );
}
