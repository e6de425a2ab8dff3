import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { BaseSequencer, type TestSpecification } from 'vitest/node';
import { defineConfig, type Plugin } from 'vitest/config';

/**
 * As in the bundles (scripts/build.mjs): should code under test use @date-fns/tz, it reads
 * time-zone offsets through src/time/offset.ts, so tests run exactly as the CLI does.
 */
const offsetsThroughTimeCore: Plugin = {
  name: 'offsets-through-time-core',
  enforce: 'pre',
  resolveId(id, importer) {
    if (id === '../tzOffset/index.js' && importer?.replaceAll('\\', '/').includes('node_modules/@date-fns/tz/')) {
      return fileURLToPath(new URL('./src/time/offset.ts', import.meta.url));
    }
    return undefined;
  },
};

/**
 * The suites whose results could depend on the machine's time zone. CI (`.ci/run`) runs them
 * again under host zones with odd offsets and daylight-saving rules, in the same vitest run
 * as the whole suite: `ESCALATE_ZONES="UTC Europe/Berlin" npm test` adds one project per zone.
 */
const ZONED = [
  'test/time/**/*.test.ts',
  'test/triage/plan.test.ts',
  'test/triage/contract.test.ts',
  'test/triage/render.test.ts',
  'test/triage/triage-cli.test.ts',
  'test/lint/cases.test.ts',
  'test/simulate/oracle-*.test.ts',
  'test/simulate/simulate-cli.test.ts',
  'test/simulate/holidays-skipped.test.ts',
  'test/simulate/am-time.test.ts',
  'test/simulate/parity-alertmanager.test.ts',
  'test/simulate/parity-ics.test.ts',
  'test/record/evaluate.test.ts',
  'test/record/judging-rules.test.ts',
  'test/record/judging-oracle.test.ts',
  'test/record/warn.test.ts',
  'test/record/at.test.ts',
  'test/matrix/ics-holidays.test.ts',
  'test/cli/holidays-file.test.ts',
  'test/export/ics-parsers.test.ts',
];
const ALL = ['test/**/*.test.ts', 'src/**/*.test.ts'];

/**
 * The files that drive the prompts in-process: `@inquirer/testing` replaces @inquirer/prompts
 * in the module graph it is loaded into, so each of these runs in a fresh one; likewise the
 * file that replaces node:fs to make writes fail on cue (`test/cli/write-failure.test.ts`). Every other
 * file shares its worker's loaded modules with the files before it (`isolate: false`): the
 * bundles, zod, yaml and the time core load once per worker instead of once per file (imports
 * took ~49 s of CPU, a tenth of the suite; ~15 s now). A suite file must then leave what it
 * changes of the process (`TZ`, the host-clock switch) as it found it, as the files do.
 */
const ISOLATED = [
  'test/triage/interactive.test.ts',
  'test/triage/interactive-context.test.ts',
  'test/triage/prompt.test.ts',
  'test/triage/back-preselect.test.ts',
  'test/init/interactive.test.ts',
  'test/cli/write-failure.test.ts',
];

/**
 * The longest files, longest first (measured as CPU time per file): they start first,
 * so the two cores finish together. Vitest orders the rest by the durations it cached from the
 * last run, or by size on a fresh clone (where these small files would otherwise start last).
 */
const LONGEST = [
  'test/precommit.test.ts',
  'test/simulate/oracle-client-vendor.test.ts',
  'test/simulate/oracle-msp.test.ts',
  'test/pages/examples.test.ts',
  'test/time/offset.test.ts',
  'test/simulate/parity-alertmanager.test.ts',
  'test/build-skip.test.ts',
  'test/lint/scale.test.ts',
  'test/export/output-edge.test.ts',
  'test/init/cli.test.ts',
  'test/simulate/am-time.test.ts',
  'test/simulate/oracle-saas-support.test.ts',
  'test/simulate/parity-ics.test.ts',
  'test/export/ics-parsers.test.ts',
  'test/simulate/coverage-svg.test.ts',
  'test/package.test.ts',
];
/** Files whose runs started before the first file (a globalSetup): last, so those have long ended. */
const LAST = ['test/record/lock-wait.test.ts'];
const rank = (spec: TestSpecification) => {
  const id = spec.moduleId.replaceAll('\\', '/');
  if (LAST.some((file) => id.endsWith(file))) return LONGEST.length + 1;
  const i = LONGEST.findIndex((file) => id.endsWith(file));
  return i < 0 ? LONGEST.length : i;
};
class LongestFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files);
    return sorted.map((spec, i) => ({ spec, i })).sort((a, b) => rank(a.spec) - rank(b.spec) || a.i - b.i).map(({ spec }) => spec);
  }
}
const zones = (process.env.ESCALATE_ZONES ?? '').split(/\s+/).filter(Boolean);

export default defineConfig({
  plugins: [offsetsThroughTimeCore],
  test: {
    // Guards against a hang, not speed budgets (those are `npm run bench`): a loaded machine
    // may run a test many times slower than an idle one and must still pass.
    testTimeout: 300_000,
    hookTimeout: 300_000,
    pool: 'forks',
    // A worker per core: vitest's default leaves one core to itself (one worker on two cores),
    // but after the first transforms its own process is mostly idle.
    maxWorkers: availableParallelism(),
    sequence: { sequencer: LongestFirst },
    // Processed by vitest (not loaded by Node directly), so the plugin above applies to it.
    server: { deps: { inline: ['@date-fns/tz'] } },
    projects: [
      // One temporary folder for the run, removed at its end (test/helpers/run-tmpdir.ts); the
      // lock-wait runs start before the first file (test/record/lock-wait-start.ts): they wait
      // out 5 s while the suite runs.
      { extends: true as const, test: { name: 'escalate', include: ALL, exclude: ISOLATED, isolate: false, globalSetup: ['test/helpers/run-tmpdir.ts', 'test/record/lock-wait-start.ts'] } },
      { extends: true as const, test: { name: 'escalate (isolated)', include: ISOLATED } },
      // ESCALATE_ZONE_PASS tells test/helpers/runs.ts this is zone pass i of n: property tests
      // make a fifth of their runs there and exhaustive scans a share of their cases, a
      // different share per pass (the host pass above runs every count in full).
      ...zones.map((zone, i) => ({ extends: true as const, test: { name: `TZ=${zone}`, include: ZONED, isolate: false, env: { TZ: zone, ESCALATE_ZONE: zone, ESCALATE_ZONE_PASS: `${i + 1}/${zones.length}` } } })),
    ],
  },
});
