/** Event on `document` when the shared session has loaded its data (detail: the Dataset) — for the import UI. */
export const DATASET_EVENT = 'kpi:dataset';

/**
 * Event on `document` when the import panel opens or closes (detail: { open: boolean }). While it is
 * open the monthly page's background work waits: the import worker should have the cores.
 */
export const IMPORT_PANEL_EVENT = 'kpi:import-panel';
