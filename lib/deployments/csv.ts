// CSV as RFC 4180 writes it: fields separated by commas, records ended by CRLF, and a field
// holding a comma, a double quote, CR or LF enclosed in double quotes with each quote doubled.
// A text field a spreadsheet would run as a formula (starting with = + - @, tab or CR) is
// prefixed with a single quote, as OWASP advises for CSV meant to be opened in one: exports
// hold free text (failure reasons) that whoever can deploy writes.

export type CsvValue = string | number | boolean | Date | null | undefined;

const NEEDS_QUOTES = /[",\r\n]/;
const FORMULA_START = /^[=+\-@\t\r]/;

export function csvField(value: CsvValue): string {
  if (value === null || value === undefined) return "";
  if (value instanceof Date) return value.toISOString();
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  const text = FORMULA_START.test(value) ? `'${value}` : value;
  return NEEDS_QUOTES.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csvRecord(values: readonly CsvValue[]): string {
  return `${values.map(csvField).join(",")}\r\n`;
}
