#!/usr/bin/env node
// Writes a large synthetic escalation matrix for scale tests:
//   node bench/generate-matrix.mjs [--questions 2000] [--severities 10] [--roles 200] [--out FILE]
// The tree is a complete binary tree of questions whose leaves end in outcomes that cycle
// through every severity, so every question and severity is reachable. Deterministic.
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';

export function generateMatrix({ questions = 2000, severities = 10, roles = 200 } = {}) {
  const out = [
    'version: 1',
    `name: Synthetic matrix (${questions} questions, ${severities} severities, ${roles} roles)`,
    'owner: r0',
    'reviewed: 2026-10-01',
    'review_every: 90d',
    'timezone: Europe/Berlin',
    'roles:',
  ];
  for (let r = 0; r < roles; r++) out.push(`  r${r}: { title: Role ${r}, contact: "pager:r${r}" }`);
  out.push('  client: { title: Client contact, contact: "client@example.com", side: client }');
  out.push('severities:');
  for (let s = 0; s < severities; s++) {
    const m = s + 1;
    out.push(
      `  - id: sev${m}`,
      `    name: Level ${m}`,
      `    definition: Synthetic level ${m}.`,
      `    examples: [Example of level ${m}]`,
      `    owner: r${s % roles}`,
      `    targets: { acknowledge: ${15 * m}m, assign_owner: ${15 * m}m, notify_client: ${30 * m}m, escalate_after: ${60 * m}m, update_every: ${30 * m}m, resolution: ${4 * m}h, rca: ${2 * m}d }`,
      `    client: { notify: formal, contact: client, by: r${(s + 2) % roles}, channel: Email }`,
      '    escalation:',
    );
    // Every role is pulled in somewhere, so none is unused.
    const perLevel = Math.ceil(roles / severities);
    const pulled = Array.from({ length: perLevel }, (_, i) => `r${(s * perLevel + i) % roles}`);
    const first = [...new Set([`r${s % roles}`, ...pulled.slice(0, Math.ceil(perLevel / 2))])];
    out.push(`      - { after: 0m, notify: [${first.join(', ')}] }`);
    out.push(`      - { after: ${60 * m}m, notify: [${pulled.slice(Math.ceil(perLevel / 2)).join(', ') || `r${s % roles}`}], notify_client: true }`);
  }
  out.push('triage:', '  start: q0', '  questions:');
  let leaf = 0;
  const answer = (label, child) => {
    if (child < questions) return `        - { label: ${label}, next: q${child} }`;
    const sev = (leaf++ % severities) + 1;
    return `        - { label: ${label}, outcome: { severity: sev${sev} } }`;
  };
  for (let q = 0; q < questions; q++) {
    out.push(`    q${q}:`, `      ask: Synthetic question ${q}?`, '      answers:');
    const yes = answer('"Yes"', 2 * q + 1);
    out.push(q % 7 === 0 ? yes.replace('label: "Yes",', 'label: "Yes", unsure: true,') : yes, answer('"No"', 2 * q + 2));
  }
  return `${out.join('\n')}\n`;
}

// Run as a script (not when imported, nor when bundled into bench/core.ts).
if (/generate-matrix\.mjs$/.test(process.argv[1] ?? '')) {
  const { values } = parseArgs({
    options: { questions: { type: 'string', default: '2000' }, severities: { type: 'string', default: '10' }, roles: { type: 'string', default: '200' }, out: { type: 'string' } },
  });
  const text = generateMatrix({ questions: Number(values.questions), severities: Number(values.severities), roles: Number(values.roles) });
  if (values.out) writeFileSync(values.out, text);
  else process.stdout.write(text);
}
