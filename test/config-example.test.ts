import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { parseConfig } from '../src/lib/config.ts';

// data/config.example.json is what the README tells a user to copy: it must parse, and say what it says.
describe('data/config.example.json', () => {
  const c = parseConfig(readFileSync(new URL('../data/config.example.json', import.meta.url), 'utf8'));
  test('parses, with its values (not the defaults) where it sets them', () => {
    expect(c.company_name).toBe('华信电器股份有限公司'); // default: 本公司
    expect(c.working_hours.holidays).toEqual(['2026-10-01', '2026-10-02', '2026-10-03']); // default: none
    expect(c.zones['urban']).toEqual({ hours: 6 });
    expect(c.zones['remote']).toEqual({ by_contract: true });
    expect(c.targets['repeat.rate']).toEqual({ max: 0.05 });
    expect(Object.keys(c.targets)).toHaveLength(8); // the eight headline KPIs of the branch comparison
  });
});
