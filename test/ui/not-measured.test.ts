import { parseHTML } from 'linkedom';
import { describe, expect, test } from 'vitest';
import { chooseLang as setLang } from '../../src/lib/i18n/index.ts';
import { missingFor, type Inputs } from '../../src/lib/report/inputs.ts';
import { notMeasured, notMeasuredAll, notMeasuredAny, setInputs, techNotMeasured } from '../../src/views/shell/not-measured.ts';

// A folder with service orders (no dispatched_at, no cause, no serial_no but product_model), surveys
// without attitude, and no costs, complaints or calls files.
const inputs: Inputs = {
  tables: new Map([
    [
      'service_orders',
      new Set([
        'order_id',
        'branch_id',
        'customer_id',
        'product_model',
        'service_type',
        'called_at',
        'arrived_at',
        'completed_at',
        'solution',
        'parts',
        'customer_opinion',
        'status',
      ]),
    ],
    ['surveys', new Set(['survey_id', 'order_id', 'sent_at', 'responded_at', 'skill', 'timeliness', 'promise'])],
  ]),
};

describe('which input a figure lacks (the page\'s wording of "not measured")', () => {
  test('files and columns, as the rule lists them', () => {
    expect(missingFor('cost.total', inputs)).toEqual([{ kind: 'file', table: 'costs' }]);
    expect(missingFor('complaints.rate_per_100', inputs)).toEqual([{ kind: 'file', table: 'complaints' }]);
    expect(missingFor('response.reply_24h_rate', inputs)).toEqual([{ kind: 'column', table: 'service_orders', columns: ['dispatched_at'] }]);
    expect(missingFor('response.on_time_rate', inputs)).toEqual([]);
    expect(missingFor('repeat.rate', inputs)).toEqual([]); // product_model stands in for serial_no
    expect(missingFor('report.completeness_rate', inputs)).toEqual([{ kind: 'column', table: 'service_orders', columns: ['cause'] }]);
    expect(missingFor('satisfaction.attitude_mean', inputs)).toEqual([{ kind: 'column', table: 'surveys', columns: ['attitude'] }]);
    expect(missingFor('satisfaction.skill_mean', inputs)).toEqual([]);
    // A missing file is named once, not with each of its columns.
    expect(missingFor('calls.within_3_rings_rate', inputs)).toEqual([{ kind: 'file', table: 'calls' }]);
    expect(missingFor('cost.per_completed_order', inputs)).toEqual([{ kind: 'file', table: 'costs' }]);
    // Unknown inputs (an old database without _inputs): everything counts as measured.
    expect(missingFor('cost.total', null)).toEqual([]);
  });

  test('in Chinese and English', () => {
    // chooseLang only picks the language (no DOM needed since the shell applies it to the page).
    setInputs(inputs);
    setLang('zh');
    expect(notMeasured('cost.total')).toBe('未导入费用明细');
    expect(notMeasured('response.reply_24h_rate')).toBe('导出中无派工时间列');
    expect(notMeasured('orders.received')).toBeNull();
    expect(notMeasuredAny(['satisfaction.skill_mean', 'satisfaction.attitude_mean', 'satisfaction.overall_mean'])).toBe('导出中无态度评分列');
    expect(notMeasuredAll(['satisfaction.skill_mean', 'satisfaction.attitude_mean'])).toBeNull(); // skill is measured
    expect(techNotMeasured('incomplete_reports')).toBe('导出中无故障原因列');
    expect(techNotMeasured('late_arrivals')).toBeNull();
    setLang('en');
    expect(notMeasured('cost.total')).toBe('no costs file');
    expect(notMeasured('response.reply_24h_rate')).toBe('no dispatch time column in the export');
    expect(notMeasured('calls.received')).toBe('no hotline calls file');
    setLang('zh');
    setInputs(null);
  });
});
