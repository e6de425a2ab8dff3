import type { Matrix } from '../matrix/schema.js';
import type { ExportWarning } from './warnings.js';
export function exportIcs(_m: Matrix): { text: string; warnings: ExportWarning[] } { return { text: '', warnings: [] }; }
