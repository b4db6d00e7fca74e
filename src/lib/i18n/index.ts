import { DICT, type Lang, type MessageId } from './dict.ts';

export { DICT, type Lang, type MessageId };

/** Where the reader's language choice is remembered. */
export const LANG_KEY = 'shouhou-kpi.lang';
export const DEFAULT_LANG: Lang = 'zh';
/** The `<html lang>` value of each language. */
export const HTML_LANG: Record<Lang, string> = { zh: 'zh-CN', en: 'en' };
/** The locale numbers and dates are formatted in. */
export const LOCALE: Record<Lang, string> = { zh: 'zh-CN', en: 'en-US' };

let current: Lang = DEFAULT_LANG;

/** The language in use. */
export const lang = (): Lang => current;

/** Text of `id` in `lng` (default: the current language) with `{name}` placeholders filled. */
export function t(id: MessageId, vars: Record<string, string | number> = {}, lng: Lang = current): string {
  const text = DICT[lng][id] ?? DICT.zh[id] ?? id;
  return text.replace(/\{(\w+)\}/g, (m, k: string) => (k in vars ? String(vars[k]) : m));
}

/** Whether `id` is a dictionary key (metric ids come from data, so check before translating). */
export const has = (id: string): id is MessageId => id in DICT.zh;

/** The stored choice, or the default; never throws (storage may be disabled). */
export function storedLang(): Lang {
  try {
    const v = localStorage.getItem(LANG_KEY);
    return v === 'en' || v === 'zh' ? v : DEFAULT_LANG;
  } catch {
    return DEFAULT_LANG;
  }
}

/** The language a page opens in: `?lang=en` / `?lang=zh` in its address (a link to the English report), else the stored choice. */
export function initialLang(search: string): Lang {
  const asked = new URLSearchParams(search).get('lang');
  return asked === 'en' || asked === 'zh' ? asked : storedLang();
}

/**
 * Make `lng` the language in use and remember it. The page's marked elements are re-translated by
 * the page shell (src/views/shell/i18n-dom.ts setLang), which calls this: this module never touches the DOM.
 */
export function chooseLang(lng: Lang): void {
  current = lng;
  try {
    localStorage.setItem(LANG_KEY, lng);
  } catch {
    /* private mode (or no storage, as in Node): the choice lasts for this page only */
  }
}

/** "2026-10" as "2026 年 10 月" / "Oct 2026". */
export function monthLabel(period: string, lng: Lang = current): string {
  const [y, m] = period.split('-');
  if (!y || !m) return period;
  if (lng === 'zh') return t('period.month', { y, m: Number(m) }, lng);
  const mon = new Intl.DateTimeFormat('en-US', { month: 'short', timeZone: 'UTC' }).format(new Date(Date.UTC(Number(y), Number(m) - 1, 1)));
  return t('period.month', { y, mon }, lng);
}
