import type { Matrix } from '../matrix/schema.js';
import type { ExportWarning } from './warnings.js';
export function exportPagerduty(_m: Matrix): { config: object; warnings: ExportWarning[] } { return { config: {}, warnings: [] }; }
export const pagerdutyJson = (c: object, _w: ExportWarning[]) => JSON.stringify(c);
