import Papa from 'papaparse';

/**
 * Downloads rows as a CSV file; the BOM makes Excel read UTF-8 (Chinese) text correctly.
 * Visitor-supplied text starting with = + - @ is quoted so a spreadsheet never runs it as a formula.
 */
export function downloadCsv(filename: string, fields: string[], rows: (string | number | boolean)[][]): void {
  const csv = Papa.unparse({ fields, data: rows }, { escapeFormulae: true });
  const a = document.createElement('a');
  a.href = URL.createObjectURL(new Blob(['\ufeff', csv], { type: 'text/csv;charset=utf-8' }));
  a.download = `${filename}.csv`;
  a.click();
  URL.revokeObjectURL(a.href);
}
