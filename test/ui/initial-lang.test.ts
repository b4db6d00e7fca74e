// The language a page opens in: ?lang= in the address wins over the stored choice (a link to the English report).
import { describe, expect, test } from 'vitest';
import { chooseLang, initialLang } from '../../src/lib/i18n/index.ts';

describe('initialLang', () => {
  test('?lang=en or ?lang=zh decides; anything else falls back to the stored choice (the default zh in Node)', () => {
    expect(initialLang('?lang=en')).toBe('en');
    expect(initialLang('?period=2026-10&lang=zh')).toBe('zh');
    expect(initialLang('?lang=fr')).toBe('zh');
    expect(initialLang('')).toBe('zh');
    chooseLang('en'); // Node has no localStorage: the choice is not stored, the default stays
    expect(initialLang('')).toBe('zh');
    chooseLang('zh');
  });
});
