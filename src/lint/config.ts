/**
 * Rule levels: the registry's default, then the matrix's `lint.rules`, then the run's
 * `--rule ID=off|warn|error`. An unknown id in the matrix is itself a finding; an unknown
 * id or level on the command line is a usage error (the CLI turns it into exit 2).
 */
import type { Diagnostic, Level } from '../diagnostics.js';
import type { Locator } from '../matrix/locate.js';
import { didYouMean } from '../matrix/suggest.js';
import { FORMAT_CHECKS } from './format-checks.js';
import { RULES, ruleById, UNKNOWN_RULE } from './registry.js';

export type Setting = 'off' | 'warn' | 'error';
export type RuleSettings = Readonly<Record<string, Setting>>;
const SETTINGS: readonly Setting[] = ['off', 'warn', 'error'];

const isFormatCheck = (id: string) => FORMAT_CHECKS.some((check) => check.id === id);
const formatCheckNote = (id: string) => `"${id}" is a format check, always an error; it cannot be switched off or made a warning`;

const toLevel = (setting: Setting): Level | 'off' => (setting === 'warn' ? 'warning' : setting);

export type FlagResult = { ok: true; id: string; setting: Setting } | { ok: false; reason: string };

/** Reads one `--rule ID=LEVEL` value. */
export function parseRuleFlag(text: string): FlagResult {
  const eq = text.indexOf('=');
  if (eq < 0) return { ok: false, reason: `--rule takes ID=off|warn|error, like --rule level-count=off; got "${text}"` };
  const id = text.slice(0, eq).trim();
  const value = text.slice(eq + 1).trim().toLowerCase();
  if (isFormatCheck(id)) return { ok: false, reason: formatCheckNote(id) };
  if (!ruleById(id)) {
    const ids = RULES.map((r) => r.id);
    const hint = didYouMean(id, ids) || `; the rules are ${ids.join(', ')}`;
    return { ok: false, reason: `unknown rule "${id}"${hint}; docs/rules.md lists every rule` };
  }
  const setting = value === 'warning' ? 'warn' : value;
  if (!(SETTINGS as readonly string[]).includes(setting)) {
    return { ok: false, reason: `--rule ${id} takes off, warn or error; got "${text.slice(eq + 1)}"` };
  }
  return { ok: true, id, setting: setting as Setting };
}

export interface ResolvedLevels {
  /** The level a rule runs at, or `off`. */
  level(id: string): Level | 'off';
  /** Findings about the configuration itself (unknown rule ids under lint.rules). */
  diagnostics: Diagnostic[];
}

export function resolveLevels(fromMatrix: RuleSettings | undefined, fromRun: RuleSettings, locator: Locator): ResolvedLevels {
  const levels = new Map<string, Level | 'off'>(RULES.map((rule) => [rule.id, rule.level]));
  const unknown: string[] = [];
  for (const [id, setting] of Object.entries(fromMatrix ?? {})) {
    if (levels.has(id)) levels.set(id, toLevel(setting));
    else unknown.push(id);
  }
  for (const [id, setting] of Object.entries(fromRun)) levels.set(id, toLevel(setting));

  const diagnostics: Diagnostic[] = [];
  const level = levels.get(UNKNOWN_RULE.id)!;
  if (level !== 'off') {
    for (const id of unknown) {
      const path = ['lint', 'rules', id];
      const span = locator.key(path);
      diagnostics.push({
        code: UNKNOWN_RULE.id,
        level,
        message: isFormatCheck(id)
          ? `${formatCheckNote(id)}; the setting changes nothing`
          : `unknown lint rule "${id}"${didYouMean(id, RULES.map((r) => r.id))}; the setting changes nothing`,
        path,
        line: span.line,
        column: span.column,
      });
    }
  }
  return { level: (id) => levels.get(id) ?? 'off', diagnostics };
}
