/** The end of the sheet: how it was made and how it is kept current. */
import type { Matrix } from '../../matrix/schema.js';
import { code } from '../escape.js';
import { blocks, table } from '../markdown.js';
import type { SheetOptions } from '../format.js';

export const ABOUT_HEADING = 'About this sheet';

export function aboutSection(matrix: Matrix, options: SheetOptions): string {
  const file = options.source ? code(options.source) : 'the matrix';
  const rules = Object.entries(matrix.lint?.rules ?? {});
  return blocks(
    `## ${ABOUT_HEADING}`,
    `Generated from ${file} (format version ${matrix.version}) by \`escalate docs\`; the same matrix always gives the same sheet. CI runs \`escalate docs --out FILE --check\`, which fails when the sheet no longer matches the matrix.${options.asOf ? ` Dates are judged as of ${options.asOf}.` : ''}`,
    rules.length ? blocks('Lint rule levels set by this matrix:', table(['Rule', 'Level'], rules.map(([rule, level]) => [code(rule), level]))) : undefined,
  );
}
