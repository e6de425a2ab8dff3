/** Findings are plain data; formatting them is the reporters' job. */
export type Level = 'error' | 'warning';
export type Path = ReadonlyArray<string | number>;

export interface Position {
  line: number;
  column: number;
}

export interface Diagnostic extends Position {
  /** A stable code, also the lint rule id: `unknown-key`, `yaml-syntax`, `unknown-role`, … */
  code: string;
  level: Level;
  message: string;
  /** Where in the document the finding is, as keys and indexes. */
  path: Path;
  endLine?: number;
  endColumn?: number;
}

export function errorCount(diagnostics: readonly Diagnostic[]): number {
  return diagnostics.filter((d) => d.level === 'error').length;
}

export function byPosition(a: Position, b: Position): number {
  return a.line - b.line || a.column - b.column;
}

export function formatPath(path: Path): string {
  return path.reduce<string>((out, part) => (typeof part === 'number' ? `${out}[${part}]` : out ? `${out}.${part}` : part), '');
}
