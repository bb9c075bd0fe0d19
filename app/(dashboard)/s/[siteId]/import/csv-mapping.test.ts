import { describe, expect, it } from 'vitest';
import { dataRows, guessMapping, mapRows, previewError } from './csv-mapping';

describe('customer CSV mapping', () => {
  it('guesses targets from English and Chinese headers, each once, the rest custom fields', () => {
    expect(guessMapping(['姓名', 'E-mail', '手机号', 'Customer ID', 'Tags', 'City', 'Mobile', ''])).toEqual([
      'name',
      'email',
      'phone',
      'externalId',
      'tags',
      'field',
      'field',
      'skip',
    ]);
  });

  it('maps rows, numbers them from the first data row and flags what the server refuses', () => {
    const { header, data } = dataRows([
      ['name', 'email', 'plan'],
      ['Ann', 'ann@example.com', 'gold'],
      ['', '', ''],
      ['Bob', 'bob@', ''],
      [''],
    ]);
    const rows = mapRows(header, data, guessMapping(header));
    expect(rows).toEqual([
      { line: 1, name: 'Ann', email: 'ann@example.com', fields: { plan: 'gold' } },
      { line: 2, fields: { plan: '' } },
      { line: 3, name: 'Bob', email: 'bob@', fields: { plan: '' } },
    ]);
    expect(rows.map(previewError)).toEqual([null, 'empty_row', 'bad_email']);
  });
});
