/**
 * The DOM side of the language switch: set `<html lang>` and re-translate the elements marked
 * `data-i18n="id"` (text) or `data-i18n-title` / `data-i18n-aria-label` / `data-i18n-content` (attributes).
 * The dictionary and the current language live in src/lib/i18n (no DOM there).
 */
import { chooseLang, has, HTML_LANG, t, type Lang } from '../../lib/i18n/index.ts';

/** Switch the page to `lng`: remember it, set `<html lang>`, and re-translate every marked element. */
export function setLang(lng: Lang, root: ParentNode = document): void {
  chooseLang(lng);
  document.documentElement.lang = HTML_LANG[lng];
  applyI18n(root);
}

/** Re-translate the marked elements under `root`. */
export function applyI18n(root: ParentNode = document): void {
  for (const el of root.querySelectorAll<HTMLElement>('[data-i18n]')) {
    const id = el.dataset['i18n']!;
    if (has(id)) el.textContent = t(id);
  }
  for (const attr of ['title', 'aria-label', 'content'] as const) {
    const key = `i18n${attr === 'aria-label' ? 'AriaLabel' : attr[0]!.toUpperCase() + attr.slice(1)}`;
    for (const el of root.querySelectorAll<HTMLElement>(`[data-i18n-${attr}]`)) {
      const id = el.dataset[key]!;
      if (has(id)) el.setAttribute(attr, t(id));
    }
  }
}
