/**
 * The one dictionary of the UI: every label, metric name and unit, in Chinese (default) and English,
 * keyed by id. Metric names are keyed `metric.<metric id>` (e.g. `metric.orders.received`), their units
 * `unit.<kind>`, enum values `enum.<column>.<value>`. `{name}` in a text is filled by `t(id, vars)`.
 *
 * It is kept in one file per area of the site (dict-<area>.ts, each exporting `zh` and an `en` typed
 * against it, so a missing English text fails the type check) and merged here.
 */
import * as core from './dict-core.ts';
import * as compare from './dict-compare.ts';
import * as quality from './dict-quality.ts';
import * as monthly from './dict-monthly.ts';
import * as imports from './dict-import.ts';
import * as explain from './dict-explain.ts';
import * as mapfile from './dict-mapping.ts';
import * as inputs from './dict-inputs.ts';
import * as settings from './dict-settings.ts';

const zh = { ...core.zh, ...compare.zh, ...quality.zh, ...monthly.zh, ...imports.zh, ...explain.zh, ...mapfile.zh, ...inputs.zh, ...settings.zh };
const en = { ...core.en, ...compare.en, ...quality.en, ...monthly.en, ...imports.en, ...explain.en, ...mapfile.en, ...inputs.en, ...settings.en };

export type MessageId = keyof typeof zh;
export type Lang = 'zh' | 'en';
export const DICT: Record<Lang, Record<MessageId, string>> = { zh, en };
