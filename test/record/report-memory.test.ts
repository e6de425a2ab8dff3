/** The review made from judgements cut to what it reads (forReport) is the review made from whole ones, in every format. */
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { forReport } from '../../src/cli/commands/report-run.js';
import { evaluate, type RecordCore } from '../../src/record/evaluate.js';
import { readRecordLean } from '../../src/record/read.js';
import { buildReport, type Judged } from '../../src/record/report.js';
import { reportCsv, reportJson, reportMarkdown } from '../../src/record/report-format.js';
import { example } from '../helpers/cli.js';
import { makeRecord } from './make-record.js';

const folder = example('records');
const examples = readdirSync(folder)
  .filter((f) => f.endsWith('.json'))
  .map((f) => {
    const read = readRecordLean(readFileSync(`${folder}/${f}`, 'utf8'));
    if (!read.ok) throw new Error(read.reason);
    return { file: f, record: read.record };
  });
// A severity change and a missed update, so the plan and cadence paths are in the review too.
const changed = makeRecord({ severity: 'sev3', start: '2026-11-02T09:00:00+01:00' }, []) as unknown as RecordCore;

describe('forReport', () => {
  it.each(['2026-11-27T12:10:00Z', '2026-11-03T12:00:00Z', '2026-10-01T00:00:00Z'])('keeps the review identical as of %s', (at) => {
    const asOf = new Date(at);
    const all = [...examples, { file: 'changed.json', record: changed }];
    const whole: Judged[] = all.map(({ file, record }) => ({ file, evaluation: evaluate(record, asOf) }));
    const cut: Judged[] = whole.map(({ file, evaluation }) => ({ file, evaluation: forReport(evaluation) }));
    const [a, b] = [buildReport(whole, { asOf }), buildReport(cut, { asOf })];
    expect(JSON.stringify(reportJson(b, 'Europe/Berlin'))).toBe(JSON.stringify(reportJson(a, 'Europe/Berlin')));
    expect(reportCsv(b)).toBe(reportCsv(a));
    expect(reportMarkdown(b, 'Europe/Berlin')).toBe(reportMarkdown(a, 'Europe/Berlin'));
  });
});
