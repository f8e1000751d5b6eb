/**
 * Text a spreadsheet could take for a formula (OWASP "CSV injection"): a cell that starts with
 * `=`, `+`, `-`, `@`, a tab or a carriage return is run as a formula by Excel, WPS and LibreOffice
 * when a CSV file is opened (`=HYPERLINK(…)`, `@SUM(…)`, `-2+3`). Such text gets a leading
 * apostrophe, which spreadsheets show as the text it was. Numbers are never passed here: a
 * negative amount stays a number.
 */
const FORMULA_START = /^[=+\-@\t\r]/;

/** `text` made safe to open in a spreadsheet: unchanged unless it starts like a formula. */
export function neutraliseCell(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}
