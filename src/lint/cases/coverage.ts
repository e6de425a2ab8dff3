/** Which triage outcomes the matrix tests reach, and a finding at each one they do not. */
import type { Diagnostic, Level } from '../../diagnostics.js';
import type { Locator } from '../../matrix/locate.js';
import type { Matrix } from '../../matrix/schema.js';
import { answerId } from '../../triage/engine.js';
import { outcomeKey } from './run.js';

export interface Coverage {
  outcomes: number;
  covered: number;
  /** Uncovered outcomes, located in the matrix. */
  diagnostics: Diagnostic[];
}

export function outcomeCoverage(matrix: Matrix, locator: Locator, reached: ReadonlySet<string>, level: Level | 'off'): Coverage {
  const coverage: Coverage = { outcomes: 0, covered: 0, diagnostics: [] };
  for (const [id, question] of Object.entries(matrix.triage?.questions ?? {})) {
    question.answers.forEach((answer, a) => {
      const outcome = answer.outcome;
      if (!outcome) return;
      coverage.outcomes++;
      if (reached.has(outcomeKey(id, a))) {
        coverage.covered++;
        return;
      }
      if (level === 'off') return;
      const path = ['triage', 'questions', id, 'answers', a, 'outcome'];
      const span = locator.value(path);
      const owner = outcome.owner ?? matrix.severities.find((s) => s.id === outcome.severity)?.owner;
      const details = [owner && `owner ${owner}`, outcome.route && `route ${outcome.route}`].filter(Boolean).join(', ');
      coverage.diagnostics.push({
        code: 'case-coverage',
        level,
        message: `no matrix test reaches this outcome: ${id}=${answerId(answer)} → ${outcome.severity}${details ? ` (${details})` : ''}`,
        path,
        line: span.line,
        column: span.column,
      });
    });
  }
  return coverage;
}
