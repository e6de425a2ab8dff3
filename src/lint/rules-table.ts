/** The rule tables of docs/rules.md, generated from the registry so the documentation cannot drift. */
import { FORMAT_CHECKS } from './format-checks.js';
import { RULES } from './registry.js';
import type { RuleGroup } from './rule.js';

const GROUP: Record<RuleGroup, string> = {
  tree: 'decision tree',
  timing: 'timing',
  ownership: 'ownership',
  upkeep: 'upkeep',
  cases: 'matrix tests',
  config: 'configuration',
  text: 'text safety',
};

const cell = (text: string) => text.replace(/\|/g, '\\|');

export function rulesTable(): string {
  const rows = RULES.map((rule) => `| \`${rule.id}\` | ${rule.level} | ${GROUP[rule.group]} | ${cell(rule.rationale)} |`);
  return ['| rule | default | area | why |', '| --- | --- | --- | --- |', ...rows].join('\n');
}

export function formatChecksTable(): string {
  const rows = FORMAT_CHECKS.map((check) => `| \`${check.id}\` | ${cell(check.rationale)} |`);
  return ['| code | what it catches |', '| --- | --- |', ...rows].join('\n');
}
