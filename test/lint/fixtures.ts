/** Reads the expectations a lint fixture states in its header: `# expect CODE at L:C` or `# expect no CODE`. */
export interface Expectation {
  code: string;
  /** `L:C` positions, empty for "expect no". */
  at: string[];
  none: boolean;
}

export function expectationOf(text: string): Expectation {
  const at = [...text.matchAll(/^# expect ([a-z-]+) at (\d+:\d+)/gm)];
  const none = /^# expect no ([a-z-]+)/m.exec(text);
  if (none) return { code: none[1]!, at: [], none: true };
  if (at.length === 0) throw new Error('fixture states no expectation');
  return { code: at[0]![1]!, at: at.map((m) => m[2]!).sort(), none: false };
}

export const positions = (diagnostics: readonly { code: string; line: number; column: number }[], code: string) =>
  diagnostics
    .filter((d) => d.code === code)
    .map((d) => `${d.line}:${d.column}`)
    .sort();
