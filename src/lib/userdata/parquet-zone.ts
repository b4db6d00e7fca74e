/**
 * Offset applied to Parquet TIMESTAMP WITH TIME ZONE values (instants) read in the browser: China
 * time, the same decision as PARQUET_INSTANT_ZONE = 'Asia/Shanghai' of src/lib/import/parquet-node.ts
 * (README "Decisions"). Asia/Shanghai is UTC+8 with no daylight saving since 1991, so a fixed offset
 * gives the same wall-clock as the time-zone database for every date the reports cover.
 */
export const PARQUET_OFFSET_HOURS = 8;
