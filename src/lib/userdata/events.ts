/** Event on `document` when the shared session has loaded its data (detail: the Dataset) — for the import UI. */
export const DATASET_EVENT = 'kpi:dataset';
