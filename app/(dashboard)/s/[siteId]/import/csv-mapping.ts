import {
  checkImportRow,
  IMPORT_MAX_FIELDS,
  type ImportRowError,
  type ImportRowInput,
  type ImportTarget,
} from '@/server/contract/customer-import';

/** A parsed file: its header row and data rows. */
export interface CsvFile {
  name: string;
  header: string[];
  data: string[][];
}

/** What one CSV column becomes: a known target, a custom field named after its header, or nothing. */
export type ColumnUse = ImportTarget | 'field' | 'skip';

// Headers as CRMs, spreadsheets and Chinese exports name them, compared without case, spaces or punctuation.
const GUESSES: [ImportTarget, RegExp][] = [
  ['email', /^(e?mail|emailaddress|邮箱|电子邮件|邮件)$/],
  ['phone', /^(phone|mobile|tel|telephone|cell|phonenumber|mobilephone|电话|手机|手机号|联系电话|手机号码)$/],
  ['externalId', /^(id|externalid|customerid|crmid|clientid|userid|客户编号|客户id|编号|会员号)$/],
  ['tags', /^(tags?|labels?|标签)$/],
  ['name', /^(name|fullname|customername|contact|contactname|姓名|名字|客户名称|客户|联系人)$/],
];

/** A first mapping from the header row: known names to their targets, each target once, the rest custom fields. */
export function guessMapping(header: readonly string[]): ColumnUse[] {
  const taken = new Set<ImportTarget>();
  return header.map((h) => {
    const key = h.toLowerCase().replace(/[\s_\-.:：]/g, '');
    const hit = GUESSES.find(([target, re]) => !taken.has(target) && re.test(key));
    if (hit) {
      taken.add(hit[0]);
      return hit[0];
    }
    return key ? 'field' : 'skip';
  });
}

/** The import rows of the file's data rows under a mapping; `line` 1 is the first data row. */
export function mapRows(
  header: readonly string[],
  data: readonly string[][],
  uses: readonly ColumnUse[],
): ImportRowInput[] {
  return data.map((cells, i) => {
    const row: ImportRowInput & { fields: Record<string, string> } = { line: i + 1, fields: {} };
    uses.forEach((use, c) => {
      const value = (cells[c] ?? '').trim();
      if (use === 'skip') return;
      if (use === 'field') {
        const name = (header[c] ?? '').trim();
        if (name && Object.keys(row.fields).length < IMPORT_MAX_FIELDS) row.fields[name] = value;
      } else if (value) row[use] = value;
    });
    return row;
  });
}

/** The same check the server makes, for the preview. */
export function previewError(row: ImportRowInput): ImportRowError | null {
  return checkImportRow({
    name: row.name ?? '',
    email: (row.email ?? '').toLowerCase(),
    phone: row.phone ?? '',
    externalId: row.externalId ?? '',
    tags: row.tags ?? '',
    fields: row.fields ?? {},
  });
}

/** Papa's rows without the blank line a file's final newline leaves. */
export function dataRows(parsed: readonly string[][]): { header: string[]; data: string[][] } {
  const rows = [...parsed];
  while (rows.length > 0 && rows.at(-1)?.every((c) => c.trim() === '')) rows.pop();
  const [header = [], ...data] = rows;
  return { header: header.map((h) => h.trim()), data };
}
