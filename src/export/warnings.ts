/** What an export cannot express in the target tool: listed in the output and in --json, never dropped. */
import type { Path } from '../diagnostics.js';

export interface ExportWarning {
  /** A stable code: `timed-step`, `no-target`, `not-paged`, `client-layer`, `holidays`, … */
  code: string;
  message: string;
  /** Where in the matrix the inexpressible part is. */
  path: Path;
}
