// RFC 4180 CSV for spreadsheet users: CRLF rows, quoted cells where needed, and a guard against formula
// injection (OWASP "CSV Injection"): a cell starting with = + - @ tab or CR would run as a formula in
// Excel, Sheets or LibreOffice, so it gets a leading apostrophe and is read as text.
const FORMULA_START = /^[=+\-@\t\r]/;
const NEEDS_QUOTES = /[",\r\n]/;

/** UTF-8 byte order mark: without it Excel opens UTF-8 CSV as Windows-1252 and garbles names. */
export const CSV_BOM = '\uFEFF';

export type CsvValue = string | number | boolean | Date | null | undefined;

export function csvCell(value: CsvValue): string {
  if (value === null || value === undefined) return '';
  let text = value instanceof Date ? value.toISOString() : String(value);
  if (FORMULA_START.test(text)) text = `'${text}`;
  return NEEDS_QUOTES.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export const csvRow = (cells: readonly CsvValue[]): string => `${cells.map(csvCell).join(',')}\r\n`;
