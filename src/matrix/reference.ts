/**
 * The format reference in docs/format.md, generated from the JSON Schema (and so from the zod
 * schema and its descriptions). A test keeps that copy current.
 */
type JsonSchema = {
  type?: string;
  description?: string;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  additionalProperties?: JsonSchema | boolean;
  enum?: unknown[];
  const?: unknown;
  pattern?: string;
  default?: unknown;
  anyOf?: JsonSchema[];
};

const DURATION = '^(\\d+w)?(\\d+d)?(\\d+h)?(\\d+m)?$';
const ID = '^[a-z0-9][a-z0-9_-]*$';

function typeOf(schema: JsonSchema): string {
  if (schema.anyOf) return schema.anyOf.map(typeOf).join(' or ');
  if (schema.const !== undefined) return `\`${JSON.stringify(schema.const)}\``;
  if (schema.enum) return schema.enum.map((v) => `\`${String(v)}\``).join(' | ');
  if (schema.type === 'array') return `list of ${plural(typeOf(schema.items ?? {}))}`;
  if (schema.type === 'object') return schema.properties ? 'mapping' : `mapping of id → ${typeOf(typeof schema.additionalProperties === 'object' ? schema.additionalProperties : {})}`;
  if (schema.type === 'string') {
    if (schema.pattern === DURATION) return 'duration';
    if (schema.pattern === ID) return 'id';
    if (schema.pattern?.startsWith('^\\d{4}')) return schema.pattern.includes('T') ? 'date or date-time' : 'date';
    return 'text';
  }
  if (schema.type === 'integer') return 'whole number';
  return schema.type ?? 'any';
}

const plural = (word: string): string =>
  word.includes(' or ') ? word.split(' or ').map(plural).join(' or ') : word.startsWith('`') || word.startsWith('list') || word.startsWith('mapping of') ? word : `${word}s`;
const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/\n/g, ' ');

export function formatReference(root: JsonSchema): string {
  const sections: string[] = [];
  const seen = new Map<string, string>();
  const visit = (schema: JsonSchema, name: string) => {
    if (schema.type === 'array' && schema.items) return visit(schema.items, `${name}[]`);
    if (schema.anyOf) return schema.anyOf.forEach((alternative) => visit(alternative, name));
    if (schema.type === 'object' && !schema.properties && typeof schema.additionalProperties === 'object') {
      return visit(schema.additionalProperties, `${name}.<id>`);
    }
    if (!schema.properties) return;
    const signature = JSON.stringify(schema.properties);
    const earlier = seen.get(signature);
    if (earlier) {
      sections.push(`### \`${name}\`\n\nSame keys as \`${earlier}\`.\n`);
      return;
    }
    seen.set(signature, name);
    const required = new Set(schema.required ?? []);
    const rows = Object.entries(schema.properties).map(([key, value]) => {
      const note = value.default !== undefined ? ` Default: \`${String(value.default)}\`.` : '';
      return `| \`${key}\` | ${cell(typeOf(value))} | ${required.has(key) ? 'yes' : ''} | ${cell((value.description ?? '') + note)} |`;
    });
    const intro = schema.description ? `${schema.description}\n\n` : '';
    sections.push(`### \`${name}\`\n\n${intro}| key | type | required | meaning |\n| --- | --- | --- | --- |\n${rows.join('\n')}\n`);
    for (const [key, value] of Object.entries(schema.properties)) visit(value, name === 'top level' ? key : `${name}.${key}`);
  };
  visit(root, 'top level');
  return sections.join('\n');
}
