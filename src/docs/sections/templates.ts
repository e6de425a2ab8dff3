/** Communication templates, each body in a fenced block, with the placeholders they use. */
import type { Matrix, Template } from '../../matrix/schema.js';
import { isPlaceholder, PLACEHOLDERS, placeholdersIn } from '../../matrix/placeholders.js';
import { code, fenced, inline } from '../escape.js';
import { blocks, table } from '../markdown.js';

export const TEMPLATES_HEADING = 'Communication templates';

const KIND_TITLES = { acknowledge: 'Acknowledgment', update: 'Status update', resolution: 'Resolution summary' } as const;

export function templatesSection(matrix: Matrix): string | undefined {
  const templates = matrix.templates ?? [];
  if (templates.length === 0) return undefined;
  return blocks(
    `## ${TEMPLATES_HEADING}`,
    '`{{placeholders}}` are filled in by `escalate triage` or by the responder; the table after the templates says what each one holds.',
    ...templates.map((t, i) => templateBlock(t, i + 1)),
    placeholderTable(templates),
  );
}

function templateBlock(template: Template, n: number): string {
  const levels = template.severities?.length ? template.severities.map(code).join(', ') : 'all levels';
  const audience = template.audience === 'client' ? 'to the client' : 'internal';
  return blocks(
    `### ${n}. ${KIND_TITLES[template.kind]} · ${audience} · ${levels}`,
    template.subject ? `**Subject:** ${code(template.subject.replace(/\s+/g, ' ').trim())}` : undefined,
    fenced(template.body, 'text'),
  );
}

function placeholderTable(templates: readonly Template[]): string | undefined {
  const used = [...new Set(templates.flatMap((t) => [...placeholdersIn(t.subject ?? ''), ...placeholdersIn(t.body)].map((p) => p.name)))];
  if (used.length === 0) return undefined;
  const known = Object.keys(PLACEHOLDERS).filter((name) => used.includes(name));
  const unknown = used.filter((name) => !isPlaceholder(name));
  const rows = [
    ...known.map((name) => [code(`{{${name}}}`), isPlaceholder(name) ? inline(PLACEHOLDERS[name]) : '']),
    ...unknown.map((name) => [code(`{{${name}}}`), 'not a known placeholder: it is left as written (`escalate lint` reports it)']),
  ];
  return blocks('### Placeholders', table(['Placeholder', 'Filled with'], rows));
}
