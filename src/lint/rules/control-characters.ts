import type { Path } from '../../diagnostics.js';
import { describeControl, firstControl } from '../../matrix/controls.js';
import { findingAt, type Finding, type Rule } from '../rule.js';

/** More findings than this in one matrix say the same thing; the rest are summed up in the last. */
const MAX_FINDINGS = 50;

/**
 * Matrix text lands on responders' terminals (the triage card), in CI logs (lint) and in
 * rendered sheets. Escape sequences, a bare CR or a bidi override there can clear a screen,
 * hide a link target, overwrite a line or reverse text; the output edge escapes them, and
 * this rule says where they are so the matrix gets fixed. Line breaks and tabs are text in
 * values (multi-line templates), never in keys.
 */
export const controlCharacters: Rule = {
  id: 'control-characters',
  group: 'text',
  level: 'error',
  rationale: 'Control characters (ESC sequences, bare CR, C1 controls, bidi overrides such as U+202E) in matrix text can clear a terminal, hide a link, overwrite a line or reverse text where the text is shown.',
  check({ matrix, locator }) {
    const findings: Finding[] = [];
    let more = 0;
    const report = (path: Path, text: string, where: 'key' | 'value') => {
      const found = firstControl(text, where === 'value');
      if (!found) return;
      if (findings.length >= MAX_FINDINGS) {
        more++;
        return;
      }
      const what = where === 'key' ? 'the key' : 'the text';
      findings.push(findingAt(locator, path, `${what} contains the control character ${describeControl(found.char)} at character ${found.offset + 1}; remove it (terminals and CI logs would act on it)`, where));
    };
    const visit = (value: unknown, path: Path) => {
      if (typeof value === 'string') return report(path, value, 'value');
      if (Array.isArray(value)) return value.forEach((item, index) => visit(item, [...path, index]));
      if (typeof value !== 'object' || value === null) return;
      for (const [key, item] of Object.entries(value)) {
        report([...path, key], key, 'key');
        visit(item, [...path, key]);
      }
    };
    visit(matrix, []);
    const last = findings.at(-1);
    if (more > 0 && last) last.message += ` (and ${more} more values with control characters)`;
    return findings;
  },
};
