import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { MAX_IMPORT_BYTES } from './constants';
import { columnHelp, EXAMPLE_CODE, INSTRUCTIONS_SHEET, SHEETS, type SheetKey } from './layout';

/**
 * Reading and writing the program workbook (.xlsx) with exceljs. Reading refuses what is not
 * what it claims (not a zip, an old .xls, an encrypted file, a macro-enabled workbook, external
 * links, a zip that would unpack to far more than its size) before exceljs sees it, and refuses
 * formulas cell by cell: an import takes values typed in, never what a formula computed.
 */
export { MAX_IMPORT_BYTES, XLSX_TYPE } from './constants';

/** A 20 MB workbook of plain rows unpacks to a few hundred MB at most; more is a zip bomb. */
const MAX_UNPACKED_BYTES = 400 * 1024 * 1024;
const MAX_ENTRIES = 2_000;

/** One problem, where an officer can find it: sheet name, Excel row number, column heading. */
export interface ImportError {
  sheet: string;
  row: number;
  column: string;
  message: string;
}

/** The whole file is refused (not a row): the message says why, in Indonesian. */
export class WorkbookRefused extends Error {
  override name = 'WorkbookRefused';
}

export type CellValue = string | number | boolean | Date;

export interface RawRow {
  /** The Excel row number (1 = headings). */
  row: number;
  cells: Record<string, CellValue>;
}

export interface ReadResult {
  rows: Record<SheetKey, RawRow[]>;
  errors: ImportError[];
}

const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04];
const CFB_MAGIC = [0xd0, 0xcf, 0x11, 0xe0];

function startsWith(bytes: Uint8Array, magic: number[]): boolean {
  return magic.every((b, i) => bytes[i] === b);
}

/** The checks made on the file itself before any cell is read. */
async function checkPackage(bytes: Uint8Array): Promise<void> {
  if (bytes.byteLength > MAX_IMPORT_BYTES)
    throw new WorkbookRefused('Berkas lebih dari 20 MB; bagi menjadi beberapa berkas.');
  if (startsWith(bytes, CFB_MAGIC)) {
    throw new WorkbookRefused(
      'Berkas ini format Excel lama (.xls) atau dilindungi kata sandi. Simpan sebagai "Excel Workbook (.xlsx)" tanpa kata sandi.',
    );
  }
  if (!startsWith(bytes, ZIP_MAGIC)) throw new WorkbookRefused('Berkas ini bukan buku kerja Excel (.xlsx).');
  let zip: JSZip;
  try {
    zip = await JSZip.loadAsync(bytes);
  } catch {
    throw new WorkbookRefused('Berkas .xlsx rusak atau tidak lengkap.');
  }
  const entries = Object.values(zip.files);
  if (entries.length > MAX_ENTRIES)
    throw new WorkbookRefused('Berkas .xlsx ini berisi terlalu banyak bagian.');
  // jszip keeps each entry's declared size from the zip directory (not in its typings).
  const unpacked = entries.reduce((n, e) => n + declaredSize(e), 0);
  if (unpacked > MAX_UNPACKED_BYTES)
    throw new WorkbookRefused('Isi berkas .xlsx terlalu besar setelah dibuka.');
  const names = entries.map((e) => e.name.toLowerCase());
  const types = await zip.file('[Content_Types].xml')?.async('string');
  if (!types || (!types.includes('spreadsheetml.sheet.main+xml') && !types.includes('macroEnabled'))) {
    throw new WorkbookRefused('Berkas ini bukan buku kerja Excel (.xlsx).');
  }
  if (
    types.includes('macroEnabled') ||
    names.some((n) => n.endsWith('vbaproject.bin') || n.includes('/vba'))
  ) {
    throw new WorkbookRefused(
      'Buku kerja berisi makro (.xlsm) tidak diterima. Simpan sebagai .xlsx tanpa makro.',
    );
  }
  if (names.some((n) => n.startsWith('xl/externallinks/'))) {
    throw new WorkbookRefused(
      'Buku kerja berisi tautan ke berkas lain. Salin nilainya saja lalu simpan lagi.',
    );
  }
}

/** A cell's typed value: text, number, true/false or a date; a formula is refused. */
function cellValue(value: ExcelJS.CellValue): CellValue | undefined | 'formula' | 'error' {
  if (value === null || value === undefined) return undefined;
  if (value instanceof Date || typeof value === 'number' || typeof value === 'boolean') return value;
  if (typeof value === 'string') return value.trim() === '' ? undefined : value;
  if (typeof value === 'object') {
    if ('formula' in value || 'sharedFormula' in value) return 'formula';
    if ('error' in value) return 'error';
    if ('richText' in value) {
      const text = value.richText.map((r) => r.text).join('');
      return text.trim() === '' ? undefined : text;
    }
    if ('text' in value && typeof value.text === 'string') return value.text;
  }
  return 'error';
}

const norm = (v: string) => v.trim().replace(/\s+/g, ' ').toLowerCase();

/**
 * Reads the workbook's sheets of the layout into rows of cells keyed by column. Sheets that are
 * absent give no rows; unknown sheets and columns are ignored; example rows (CONTOH) are left
 * out. Formula and error cells are refused with their place.
 */
export async function readWorkbook(bytes: Uint8Array): Promise<ReadResult> {
  await checkPackage(bytes);
  const workbook = new ExcelJS.Workbook();
  try {
    // exceljs declares its own Buffer type (an ArrayBuffer); it reads a copy of the bytes.
    await workbook.xlsx.load(bytes.slice().buffer);
  } catch {
    throw new WorkbookRefused('Berkas .xlsx tidak dapat dibaca.');
  }
  const rows: Record<SheetKey, RawRow[]> = {
    periods: [],
    clients: [],
    enrollments: [],
    activities: [],
    assessments: [],
    outcomes: [],
  };
  const errors: ImportError[] = [];
  for (const layout of SHEETS) {
    const sheet = workbook.worksheets.find((w) => norm(w.name) === norm(layout.name));
    if (!sheet) continue;
    const byColumn = new Map<number, string>();
    sheet.getRow(1).eachCell((cell, col) => {
      const heading = cellValue(cell.value);
      if (typeof heading !== 'string') return;
      const column = layout.columns.find((c) => norm(c.heading) === norm(heading));
      if (column) byColumn.set(col, column.key);
    });
    const present = new Set(byColumn.values());
    for (const column of layout.columns) {
      if (column.required && !present.has(column.key)) {
        errors.push({
          sheet: layout.name,
          row: 1,
          column: column.heading,
          message: 'Kolom wajib ini tidak ada.',
        });
      }
    }
    sheet.eachRow((row, rowNumber) => {
      if (rowNumber === 1) return;
      const cells: Record<string, CellValue> = {};
      row.eachCell((cell, col) => {
        const key = byColumn.get(col);
        const value = cellValue(cell.value);
        const heading = layout.columns.find((c) => c.key === key)?.heading ?? `kolom ${col}`;
        if (value === 'formula') {
          errors.push({
            sheet: layout.name,
            row: rowNumber,
            column: heading,
            message: 'Rumus tidak diterima; tempel sebagai nilai.',
          });
        } else if (value === 'error') {
          errors.push({
            sheet: layout.name,
            row: rowNumber,
            column: heading,
            message: 'Isi sel tidak dapat dibaca.',
          });
        } else if (key && value !== undefined) {
          cells[key] = value;
        }
      });
      if (Object.keys(cells).length === 0 || isExample(cells)) return;
      rows[layout.key].push({ row: rowNumber, cells });
    });
  }
  return { rows, errors };
}

function isExample(cells: Record<string, CellValue>): boolean {
  const code = String(cells.period ?? cells.code ?? '');
  const number = String(cells.registrationNumber ?? '');
  return norm(code) === norm(EXAMPLE_CODE) || norm(number).startsWith(norm(EXAMPLE_CODE));
}

/** What to write: rows of cells by column key, per sheet. */
export type SheetRows = Partial<Record<SheetKey, ReadonlyArray<Record<string, string | number>>>>;

/**
 * Writes the workbook in the layout: headings in row 1 (bold, frozen), every cell typed
 * text or number (text-formatted columns, so Excel does not turn a NIK into 3.37E+15 or a date
 * into its own format), the instructions sheet, and with `template` the example rows. Bytes are
 * the same for the same rows and `at` (the zip's dates are set to it).
 */
export async function writeWorkbook(
  rows: SheetRows,
  options: { template?: boolean; at: Date },
): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Pascarehab';
  workbook.created = options.at;
  workbook.modified = options.at;
  for (const layout of SHEETS) {
    const sheet = workbook.addWorksheet(layout.name, { views: [{ state: 'frozen', ySplit: 1 }] });
    sheet.columns = layout.columns.map((c) => ({
      key: c.key,
      header: c.heading,
      width: c.width ?? Math.max(12, c.heading.length + 2),
      style: c.kind === 'int' ? {} : { numFmt: '@' },
    }));
    sheet.getRow(1).font = { bold: true };
    if (options.template) {
      const example = sheet.addRow(layout.example);
      example.font = { italic: true, color: { argb: 'FF808080' } };
    }
    for (const r of rows[layout.key] ?? []) sheet.addRow(r);
  }
  const help = workbook.addWorksheet(INSTRUCTIONS_SHEET);
  help.columns = [
    { header: 'Lembar', key: 'sheet', width: 14 },
    { header: 'Kolom', key: 'column', width: 30 },
    { header: 'Isi', key: 'help', width: 100 },
  ];
  help.getRow(1).font = { bold: true };
  help.addRow({
    sheet: '',
    column: '',
    help: `Satu baris per catatan, judul kolom di baris 1. Baris dengan kode ${EXAMPLE_CODE} adalah contoh dan tidak diimpor. Ketik nilai, bukan rumus. Tanggal: YYYY-MM-DD.`,
  });
  for (const layout of SHEETS) {
    for (const c of layout.columns)
      help.addRow({ sheet: layout.name, column: c.heading, help: columnHelp(c) });
  }
  const written = await workbook.xlsx.writeBuffer();
  return fixedDates(new Uint8Array(written), options.at);
}

/** The same zip with every entry dated `at`: exceljs dates them "now". */
async function fixedDates(bytes: Uint8Array, at: Date): Promise<Uint8Array> {
  const source = await JSZip.loadAsync(bytes);
  const out = new JSZip();
  for (const entry of Object.values(source.files)) {
    if (entry.dir) continue;
    out.file(entry.name, await entry.async('uint8array'), { date: at, createFolders: false });
  }
  return out.generateAsync({ type: 'uint8array', compression: 'DEFLATE', compressionOptions: { level: 6 } });
}

/** An entry's uncompressed size, declared in the zip directory (jszip keeps it, untyped). */
function declaredSize(entry: object): number {
  const data: unknown = Reflect.get(entry, '_data');
  const size: unknown = data && typeof data === 'object' ? Reflect.get(data, 'uncompressedSize') : undefined;
  return typeof size === 'number' ? size : 0;
}
