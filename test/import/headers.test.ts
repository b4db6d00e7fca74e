// Header mapping and table detection (docs/metrics.md#data-contract: English or Chinese headers, extra columns ignored).
import { describe, expect, it } from 'vitest';
import { detectTable, mapHeaders, tableFromFileName } from '../../src/lib/import/headers.ts';
import { importCsv } from '../../src/lib/import/import-table.ts';
import { UnusableFileError } from '../../src/lib/import/types.ts';
import { OPTIONS, csvBytes, expectCountsAddUp } from './helpers.ts';

describe('headers', () => {
  it('maps English (any case) and Chinese headers in schema order; the first of two synonyms wins', () => {
    const m = mapHeaders('x.csv', 'complaint_steps', [' STEP ', '投诉编号', '进入时间', 'complaint_no', 'note']);
    expect(m.columns.map((c) => c.name)).toEqual(['complaint_no', 'step', 'entered_at']);
    expect(m.source).toEqual([1, 0, 2]);
    expect(m.ignoredColumns).toEqual(['complaint_no', 'note']);
  });

  it('names every missing required column', () => {
    expect(() => mapHeaders('x.csv', 'complaint_steps', ['step'])).toThrow(
      'x.csv: missing required columns complaint_no (投诉编号), entered_at (进入时间) for table complaint_steps',
    );
  });

  it('finds the table by file name first, also with a suffix', () => {
    expect(tableFromFileName('data/complaints.csv')).toBe('complaints');
    expect(tableFromFileName('C:\\exports\\complaint_steps_2026-10.csv')).toBe('complaint_steps');
    expect(tableFromFileName('complaintsx.csv')).toBe(null);
    // The name wins over the headers (which here look like staff).
    expect(detectTable('branches.csv', ['staff_id'])).toBe('branches');
  });

  it('finds the table by its headers otherwise, and fails clearly when nothing fits', () => {
    expect(detectTable('export.csv', ['工号', '姓名', '部门'])).toBe('staff');
    expect(detectTable('export.csv', ['complaint_no', 'department', 'share'])).toBe('complaint_responsibility');
    expect(() => detectTable('export.csv', ['Unique Key', 'Created Date'])).toThrow(UnusableFileError);
  });
});

describe('composite keys', () => {
  it('rejects a duplicate (complaint_no, step), comparing canonical values (质量管理部 = quality)', () => {
    const t = importCsv(
      'complaint_steps.csv',
      csvBytes(['complaint_no,step,entered_at', '2610001,quality,2026-10-05 09:00', '2610001,质量管理部,2026-10-06 09:00', '2610002,quality,2026-10-06 09:00']),
      OPTIONS,
    );
    expect(t.rejected).toEqual([
      {
        file: 'complaint_steps.csv',
        line: 3,
        column: null,
        reason: 'duplicate key complaint_no=2610001, step=quality (first on line 2)',
        code: 'duplicate_key',
      },
    ]);
    expectCountsAddUp(t, 3);
  });
});
