/** Every code the loader reports is described (for SARIF rules[] and the README), so none reaches CI unexplained. */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadMatrix } from '../../src/matrix/load.js';
import { FORMAT_CHECKS } from '../../src/lint/format-checks.js';
import { RULES } from '../../src/lint/registry.js';
import { fixture } from '../helpers/cli.js';

describe('format checks', () => {
  it('describe every code the broken and hostile fixtures produce', () => {
    const described = new Set([...FORMAT_CHECKS.map((c) => c.id), ...RULES.map((r) => r.id)]);
    const seen = new Set<string>();
    for (const dir of ['broken', 'hostile']) {
      for (const file of readdirSync(fixture(dir)).filter((f) => f.endsWith('.yaml'))) {
        for (const d of loadMatrix(readFileSync(join(fixture(dir), file), 'utf8')).diagnostics) seen.add(d.code);
      }
    }
    expect(seen.size).toBeGreaterThan(15);
    expect([...seen].filter((code) => !described.has(code))).toEqual([]);
  });

  it('never share an id with a rule', () => {
    const rules = new Set(RULES.map((r) => r.id));
    expect(FORMAT_CHECKS.filter((c) => rules.has(c.id))).toEqual([]);
  });
});
