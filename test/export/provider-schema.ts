/**
 * Checks Terraform JSON against the PagerDuty provider's attribute schema, offline: the jsii
 * metadata shipped in @cdktf/provider-pagerduty describes every resource's config struct,
 * each property's Terraform name (in its registry link), whether it is optional, and its type.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

interface JsiiType {
  kind?: string;
  fqn?: string;
  interfaces?: string[];
  properties?: { name: string; optional?: boolean; type: TypeRef; docs?: { summary?: string; remarks?: string } }[];
}
type TypeRef = { primitive?: string; fqn?: string; collection?: { kind: string; elementtype: TypeRef }; union?: { types: TypeRef[] } };

const require = createRequire(import.meta.url);
const root = dirname(require.resolve('@cdktf/provider-pagerduty/package.json'));
const types = (JSON.parse(readFileSync(join(root, '.jsii'), 'utf8')) as { types: Record<string, JsiiType> }).types;
export const PROVIDER_VERSION = (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string }).version;

const camel = (snake: string) => snake.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());
const pascal = (snake: string) => camel(snake).replace(/^./, (c) => c.toUpperCase());

/** The config struct of a resource type, like pagerduty_escalation_policy → escalationPolicy.EscalationPolicyConfig. */
export function configStruct(resourceType: string): string {
  const bare = resourceType.replace(/^pagerduty_/, '');
  const fqn = `@cdktf/provider-pagerduty.${camel(bare)}.${pascal(bare)}Config`;
  if (!types[fqn]) throw new Error(`the provider has no resource ${resourceType}`);
  return fqn;
}

/** The Terraform attribute name of a property, from its registry link (`…#escalation_delay_in_minutes …`). */
function terraformName(p: NonNullable<JsiiType['properties']>[number]): string {
  const text = `${p.docs?.summary ?? ''} ${p.docs?.remarks ?? ''}`;
  const link = /#([a-z0-9_]+) /.exec(text);
  return link ? link[1]! : p.name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
}

const META = new Set(['depends_on', 'count', 'for_each', 'provider', 'lifecycle', 'provisioner', 'connection']);

/** Every problem of `value` against struct `fqn`, as `path: what`. Empty when it matches. */
export function validate(value: unknown, fqn: string, path = ''): string[] {
  const type = types[fqn];
  if (!type?.properties) return [`${path}: unknown struct ${fqn}`];
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return [`${path}: expected a block (object)`];
  const props = new Map(type.properties.map((p) => [terraformName(p), p]));
  const out: string[] = [];
  for (const [key, v] of Object.entries(value)) {
    if (key === '//' || META.has(key)) continue;
    const p = props.get(key);
    if (!p) {
      out.push(`${path}.${key}: not an attribute of ${fqn.split('.').pop()}`);
      continue;
    }
    out.push(...checkType(v, p.type, `${path}.${key}`));
  }
  for (const [key, p] of props) if (!p.optional && !(key in value) && key !== 'id') out.push(`${path}.${key}: required`);
  return out;
}

function checkType(value: unknown, ref: TypeRef, path: string): string[] {
  if (typeof value === 'string' && /^\$\{[^}]+\}$/.test(value)) return []; // a reference, resolved by Terraform
  if (ref.union) {
    const options = ref.union.types.filter((t) => t.fqn !== 'cdktf.IResolvable');
    const results = options.map((t) => checkType(value, t, path));
    return results.find((r) => r.length === 0) ?? results[0] ?? [];
  }
  if (ref.primitive) {
    const want = ref.primitive === 'number' ? 'number' : ref.primitive === 'boolean' ? 'boolean' : 'string';
    return typeof value === want ? [] : [`${path}: expected ${want}, got ${JSON.stringify(value)}`];
  }
  if (ref.collection) {
    if (ref.collection.kind === 'array') {
      if (!Array.isArray(value)) return [`${path}: expected a list`];
      return value.flatMap((v, i) => checkType(v, ref.collection!.elementtype, `${path}[${i}]`));
    }
    if (typeof value !== 'object' || value === null) return [`${path}: expected a map`];
    return Object.entries(value).flatMap(([k, v]) => checkType(v, ref.collection!.elementtype, `${path}.${k}`));
  }
  if (ref.fqn) {
    // A nested block: in Terraform JSON an object, or a list of objects for a block that repeats.
    if (!Array.isArray(value)) return validate(value, ref.fqn, path);
    if (value.length !== 1) return [`${path}: expected one block`];
    return validate(value[0], ref.fqn, `${path}[0]`);
  }
  return [];
}

/** Every resource in a Terraform JSON document checked against its provider struct. */
export function validateTerraform(doc: { resource?: Record<string, Record<string, unknown>> }): string[] {
  return Object.entries(doc.resource ?? {}).flatMap(([type, resources]) =>
    Object.entries(resources).flatMap(([name, body]) => validate(body, configStruct(type), `${type}.${name}`)),
  );
}
