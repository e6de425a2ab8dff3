/**
 * The reference sheet: matrix in, markdown out. Pure and deterministic: the same matrix and
 * options always give the same bytes (no clock, no file names beyond what is passed in).
 */
import type { Matrix } from '../matrix/schema.js';
import { anchor, blocks, bullets } from './markdown.js';
import type { SheetOptions } from './format.js';
import { headerSection } from './sections/header.js';
import { severitiesSection } from './sections/severities.js';
import { targetsSection } from './sections/targets.js';
import { rolesSection } from './sections/roles.js';
import { escalationSection } from './sections/escalation.js';
import { clientSection } from './sections/client.js';
import { triggersSection } from './sections/triggers.js';
import { contractsSection } from './sections/contracts.js';
import { exceptionsSection } from './sections/exceptions.js';
import { templatesSection } from './sections/templates.js';
import { handoffSection } from './sections/handoff.js';
import { authoritySection } from './sections/authority.js';
import { governanceSection } from './sections/governance.js';
import { closingSection } from './sections/closing.js';
import { triageSection } from './sections/triage.js';
import { aboutSection } from './sections/about.js';

export type { SheetOptions } from './format.js';

type Section = (matrix: Matrix, options: SheetOptions) => string | undefined;

/** The body sections in reading order: what an issue is, who acts and when, then the detail. */
const SECTIONS: readonly Section[] = [
  severitiesSection,
  targetsSection,
  rolesSection,
  escalationSection,
  clientSection,
  triggersSection,
  triageSection,
  contractsSection,
  exceptionsSection,
  templatesSection,
  handoffSection,
  authoritySection,
  governanceSection,
  closingSection,
  aboutSection,
];

export function renderSheet(matrix: Matrix, options: SheetOptions = {}): string {
  const body = SECTIONS.map((section) => section(matrix, options)).filter((s): s is string => s !== undefined);
  return `${blocks(headerSection(matrix, options), contents(body), ...body)}\n`;
}

/** Links to every section, taken from the sections' own headings so they never disagree. */
function contents(sections: readonly string[]): string {
  const headings = sections.map((s) => /^## (.+)$/m.exec(s)?.[1]).filter((h): h is string => h !== undefined);
  return blocks('**Contents**', bullets(headings.map((h) => `[${h}](#${anchor(h)})`)));
}
