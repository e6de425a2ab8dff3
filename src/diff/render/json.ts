/**
 * `--format json`: a stable shape for scripts. Adding fields is not a breaking change;
 * renaming or removing one raises `version`.
 */
import { formatPath } from '../../diagnostics.js';
import { describeChange, describePath } from '../describe.js';
import type { FailOn } from '../fail-on.js';
import type { MatrixDiff } from '../types.js';
import type { SideLabels } from './labels.js';

export const JSON_FORMAT_VERSION = 1;

export interface FailOnResult {
  mode: FailOn | 'more-breaches';
  failed: boolean;
  reason?: string;
}

export function renderJson(diff: MatrixDiff, labels: SideLabels, failOn?: FailOnResult): string {
  const report = {
    version: JSON_FORMAT_VERSION,
    old: labels.old,
    new: labels.new,
    summary: diff.summary,
    changes: diff.changes.map((c) => ({ ...c, path: formatPath(c.path), text: describeChange(c, 200) })),
    impact: {
      ...diff.impact,
      paths: diff.impact.paths.map((p) => ({ ...p, text: describePath(p).text })),
    },
    ...(failOn ? { failOn } : {}),
  };
  return `${JSON.stringify(report, null, 2)}\n`;
}
