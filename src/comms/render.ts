/**
 * Communication templates: pick the template for a message kind, severity and audience,
 * and fill its placeholders by plain substitution. No code runs; a value is inserted as
 * written and never expanded again; an unknown placeholder is refused, never left empty.
 * Pure.
 */
import type { Matrix, Template, TemplateKind } from '../matrix/schema.js';
import { isPlaceholder, placeholdersIn, type Placeholder } from '../matrix/placeholders.js';

export type PlaceholderValues = Readonly<Record<Placeholder, string>>;

export type RenderResult = { ok: true; text: string } | { ok: false; unknown: string[] };

const PATTERN = /\{\{\s*([^{}]*?)\s*\}\}/g;

/** Substitutes every `{{name}}` in one pass; refuses the text when a name is not a placeholder. */
export function renderText(text: string, values: PlaceholderValues): RenderResult {
  const unknown = [...new Set(placeholdersIn(text).map((p) => p.name).filter((name) => !isPlaceholder(name)))];
  if (unknown.length > 0) return { ok: false, unknown };
  // A replacer function: `$&` or `{{owner}}` inside a value stay literal.
  return { ok: true, text: text.replace(PATTERN, (_, name: string) => values[name as Placeholder]) };
}

/**
 * The template for a message: a kind, a severity and optionally an audience. A template
 * naming the severity wins over a shared one; otherwise the first in file order. Without an
 * audience a client template wins (a message is pasted to the client unless asked
 * otherwise); an internal one is taken only when there is no client template, and the
 * result's `audience` says so.
 */
export function pickTemplate(matrix: Matrix, kind: TemplateKind, severityId: string, audience?: 'client' | 'internal'): Template | undefined {
  const fits = (matrix.templates ?? []).filter((t) => t.kind === kind && (!t.severities || t.severities.includes(severityId)));
  const first = (list: Template[]) => list.find((t) => t.severities !== undefined) ?? list[0];
  if (audience !== undefined) return first(fits.filter((t) => t.audience === audience));
  return first(fits.filter((t) => t.audience === 'client')) ?? first(fits);
}

export interface RenderedMessage {
  kind: TemplateKind;
  audience: string;
  subject?: string;
  body: string;
}

export type MessageResult =
  | { ok: true; message: RenderedMessage; /** The placeholders the template used. */ used: Placeholder[] }
  | { ok: false; code: 'no_template' | 'unknown_placeholder'; reason: string };

export function renderMessage(
  matrix: Matrix,
  kind: TemplateKind,
  severityId: string,
  given: PlaceholderValues,
  audience?: 'client' | 'internal',
  /** Values a client template takes instead (the owner's client_contact): an internal contact never reaches a client. */
  forClient: Partial<PlaceholderValues> = {},
): MessageResult {
  const template = pickTemplate(matrix, kind, severityId, audience);
  if (!template) {
    const forWhom = audience ? ` for the ${audience} audience` : '';
    return { ok: false, code: 'no_template', reason: `the matrix has no ${kind} template for ${severityId}${forWhom}; add one under templates` };
  }
  const values = template.audience === 'client' ? { ...given, ...forClient } : given;
  const body = renderText(template.body, values);
  const subject = template.subject !== undefined ? renderText(template.subject, values) : undefined;
  const failed = [body, subject].find((r): r is { ok: false; unknown: string[] } => r !== undefined && !r.ok);
  if (failed) {
    return { ok: false, code: 'unknown_placeholder', reason: `the ${kind} template uses unknown placeholder${failed.unknown.length > 1 ? 's' : ''} ${failed.unknown.map((n) => `{{${n}}}`).join(', ')}; run escalate lint` };
  }
  const used = [...new Set(placeholdersIn(`${template.subject ?? ''}\n${template.body}`).map((p) => p.name as Placeholder))];
  return {
    ok: true,
    used,
    message: { kind, audience: template.audience, ...(subject?.ok ? { subject: subject.text } : {}), body: (body as { ok: true; text: string }).text },
  };
}
