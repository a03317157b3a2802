/** Constants of the import workbook that routes need without loading exceljs. */
export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
export const MAX_IMPORT_BYTES = 20 * 1024 * 1024;
/** Upload links and export files: what a presigned PUT allows, how long. */
export const UPLOAD_URL_SECONDS = 15 * 60;
