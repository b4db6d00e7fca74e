/** config.json `min_cases` (our addition, issue 5): the fewest cases a rate needs to be ranked as solid. */
import { describe, expect, test } from 'vitest';
import { ConfigError, DEFAULT_CONFIG, parseConfig } from '../src/lib/config.ts';

describe('config min_cases', () => {
  test('defaults to 20, missing file or key', () => {
    expect(DEFAULT_CONFIG.min_cases).toBe(20);
    expect(parseConfig(null).min_cases).toBe(20);
    expect(parseConfig('{}').min_cases).toBe(20);
  });

  test('takes a whole number ≥ 1', () => {
    expect(parseConfig('{"min_cases": 5}').min_cases).toBe(5);
    expect(parseConfig('{"min_cases": 1}').min_cases).toBe(1);
  });

  test.each(['0', '-3', '2.5', '"20"', 'null', 'true'])('rejects %s, naming the key', (v) => {
    expect(() => parseConfig(`{"min_cases": ${v}}`)).toThrow(ConfigError);
    expect(() => parseConfig(`{"min_cases": ${v}}`)).toThrow(/min_cases/);
  });
});
