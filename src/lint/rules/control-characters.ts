import type { Path } from '../../diagnostics.js';
import { describeControl, firstControl, mayHoldControls } from '../../matrix/controls.js';
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
  check({ matrix, locator, source }) {
    // YAML text yields a control character only from a raw one or an escape in a double-quoted
    // string (\e, \x1b, \u202e, \r, \N, \L, ...): without either, there is nothing to walk.
    if (!mayHoldControls(source)) return [];
    const findings: Finding[] = [];
    let more = 0;
    const report = (path: () => Path, text: string, where: 'key' | 'value') => {
      const found = firstControl(text, where === 'value');
      if (!found) return;
      if (findings.length >= MAX_FINDINGS) {
        more++;
        return;
      }
      const what = where === 'key' ? 'the key' : 'the text';
      findings.push(findingAt(locator, path(), `${what} contains the control character ${describeControl(found.char)} at character ${found.offset + 1}; remove it (terminals and CI logs would act on it)`, where));
    };
    // Paths are built only for a hit: each visit knows its parent, nothing is copied per value.
    interface Visit {
      value: unknown;
      key?: string | number;
      parent?: Visit;
    }
    const pathOf = (visit: Visit): Path => {
      const path: (string | number)[] = [];
      for (let at: Visit | undefined = visit; at?.key !== undefined; at = at.parent) path.unshift(at.key);
      return path;
    };
    const stack: Visit[] = [{ value: matrix }];
    while (stack.length > 0) {
      const visit = stack.pop()!;
      const { value } = visit;
      if (typeof value === 'string') report(() => pathOf(visit), value, 'value');
      else if (Array.isArray(value)) value.forEach((item, index) => stack.push({ value: item, key: index, parent: visit }));
      else if (typeof value === 'object' && value !== null) {
        for (const [key, item] of Object.entries(value)) {
          const child: Visit = { value: item, key, parent: visit };
          report(() => pathOf(child), key, 'key');
          stack.push(child);
        }
      }
    }
    const last = findings.at(-1);
    if (more > 0 && last) last.message += ` (and ${more} more values with control characters)`;
    return findings;
  },
};
