import { escapeHtml } from './format';

export interface TableSpec {
  caption?: string;
  /** Column headers (plain text). */
  head: string[];
  /** Cells are plain text (escaped here). The first cell of a row is a row header. */
  rows: string[][];
  /** Indexes of columns to right-align (numbers); the header cell follows. */
  numeric?: number[];
  /** Rows (by index) styled as totals. */
  totalRows?: number[];
  cls?: string;
  /** Stable hook for tests and for readers of the HTML. */
  dataTable?: string;
}

/** A data table; every text is escaped. */
export function table(spec: TableSpec): string {
  const numeric = new Set(spec.numeric ?? []);
  const totals = new Set(spec.totalRows ?? []);
  const cellClass = (i: number): string => (numeric.has(i) ? ' class="num"' : '');
  const head = spec.head
    .map((h, i) => `<th scope="col"${cellClass(i)}>${escapeHtml(h)}</th>`)
    .join('');
  const body = spec.rows
    .map((row, r) => {
      const cells = row
        .map((c, i) =>
          i === 0 ? `<th scope="row">${escapeHtml(c)}</th>` : `<td${cellClass(i)}>${escapeHtml(c)}</td>`,
        )
        .join('');
      return `<tr${totals.has(r) ? ' class="total"' : ''}>${cells}</tr>`;
    })
    .join('');
  const attrs =
    (spec.cls ? ` class="${escapeHtml(spec.cls)}"` : '') +
    (spec.dataTable ? ` data-table="${escapeHtml(spec.dataTable)}"` : '');
  const caption = spec.caption ? `<caption>${escapeHtml(spec.caption)}</caption>` : '';
  return `<table${attrs}>${caption}<thead><tr>${head}</tr></thead><tbody>${body}</tbody></table>`;
}
