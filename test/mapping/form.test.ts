// The browser's form mapping ↔ mapping-file entries: every part survives the round trip, and the
// download is a mapping file the CLI's parser accepts.
import { describe, expect, it } from 'vitest';
import { fromRule, mappingDocument, mappingText, matchFor, toRule } from '../../src/lib/mapping/form.ts';
import { parseMapping } from '../../src/lib/mapping/parse.ts';
import type { FileMapping } from '../../src/lib/userdata/mapping.ts';

const FORM: FileMapping = {
  table: 'service_orders',
  columns: { order_id: 'number', branch_id: 'location', status: 'state', called_at: 'date', arrived_at: 'resolved', completed_at: 'resolved' },
  joins: { called_at: ['date', 'time'] },
  values: { status: { Closed: 'completed' } },
  other: { status: 'in_progress' },
  defaults: { branch_id: 'UNKNOWN' },
  formats: { called_at: 'DD-MM-YYYY HH:mm', arrived_at: 'DD-MM-YYYY HH:mm', completed_at: 'DD-MM-YYYY HH:mm' },
  constants: { service_type: 'repair' },
  nullValues: ['?'],
  dedupe: { keep: 'last', by: 'completed_at' },
  delimiter: ';',
  encoding: 'gb18030',
};

describe('form ↔ mapping file', () => {
  it('writes every part as the mapping file says it', () => {
    expect(toRule(FORM, 'log_*.csv')).toEqual({
      match: 'log_*.csv',
      table: 'service_orders',
      delimiter: ';',
      encoding: 'gb18030',
      null_values: ['?'],
      dedupe: { keep: 'last', by: 'completed_at' },
      columns: {
        order_id: { from: 'number' },
        branch_id: { from: 'location', default: 'UNKNOWN' },
        status: { from: 'state', values: { Closed: 'completed' }, other: 'in_progress' },
        called_at: { from: ['date', 'time'], format: 'DD-MM-YYYY HH:mm' },
        arrived_at: { from: 'resolved', format: 'DD-MM-YYYY HH:mm' },
        completed_at: { from: 'resolved', format: 'DD-MM-YYYY HH:mm' },
        service_type: { value: 'repair' },
      },
    });
  });
  it('reads it back to the same form', () => {
    expect(fromRule(toRule(FORM, 'x'))).toEqual(FORM);
  });
  it("downloads a file the CLI accepts, matching next month's file name", () => {
    expect(matchFor('incident_event_log_2016-03.csv')).toBe('incident_event_log_*-*.csv');
    const text = mappingText(mappingDocument([{ fileName: 'log_202610.csv', mapping: FORM }]));
    const parsed = parseMapping(text, 'm.json', { zones: ['urban'] });
    expect(parsed.files[0]!.match).toBe('log_*.csv');
    expect(fromRule(parsed.files[0]!)).toEqual(FORM);
  });
});
