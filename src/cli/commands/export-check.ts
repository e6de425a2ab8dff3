import type { Matrix } from '../../matrix/schema.js';
import { usageError, type Io } from '../io.js';
import type { ExportTool } from './export.js';

export async function runDriftCheck(_tool: ExportTool, _matrix: Matrix, _file: string, _format: string, _io: Io): Promise<number> {
  throw usageError('--check is not available yet');
}
