/**
 * The exported configuration in a running Alertmanager: started on 127.0.0.1 (a free port, its
 * own storage folder, no cluster), alerts posted for every severity, tier and client the
 * routing tests name (and the matrix tests' cases), and the receivers Alertmanager put them
 * under read back from /api/v2/alerts/groups. What the matrix pages at once is what it does.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { alertmanagerYaml, exportAlertmanager, routingTests } from '../../src/export/alertmanager.js';
import { loadCases } from '../../src/lint/cases/load.js';
import { example } from '../helpers/cli.js';
import { EXAMPLES, exampleMatrix } from './helpers.js';

/** The server binary: Debian names it prometheus-alertmanager, upstream alertmanager. */
const found = ['prometheus-alertmanager', 'alertmanager'].find((b) => spawnSync(b, ['--version'], { encoding: 'utf8' }).status === 0);
// Debian's build loads its templates from a fixed path, which an unpacked package lacks.
const DEBIAN_TEMPLATES = '/usr/share/prometheus/alertmanager/default.tmpl';
const missing =
  found === undefined
    ? 'neither prometheus-alertmanager nor alertmanager is on PATH (apt-get download prometheus-alertmanager && dpkg -x)'
    : found === 'prometheus-alertmanager' && !existsSync(DEBIAN_TEMPLATES)
      ? `${DEBIAN_TEMPLATES} is missing (copy usr/share/prometheus/alertmanager/*.tmpl from the unpacked package, as .ci/run does)`
      : undefined;
// CI installs it with amtool (.ci/run); only a developer machine without it may skip, and says why.
if (missing !== undefined && process.env.CI) throw new Error(`the running-Alertmanager tests cannot run in CI: ${missing}`);
if (missing !== undefined) console.warn(`SKIP the running-Alertmanager tests: ${missing}`);
const binary = missing === undefined ? found : undefined;

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

async function waitReady(base: string, child: ChildProcess, log: () => string): Promise<void> {
  for (let i = 0; i < 300; i++) {
    if (child.exitCode !== null) throw new Error(`alertmanager exited: ${log()}`);
    try {
      if ((await fetch(`${base}/-/ready`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`alertmanager did not become ready: ${log()}`);
}

describe.skipIf(binary === undefined).each(EXAMPLES)('examples/%s.yaml in a running Alertmanager', (name) => {
  const dir = mkdtempSync(join(tmpdir(), 'escalate-am-live-'));
  let child: ChildProcess | undefined;
  let base = '';
  let stderr = '';
  const matrix = exampleMatrix(name);
  const cases = loadCases(readFileSync(example(`${name}.cases.yaml`), 'utf8')).cases ?? [];
  const tests = routingTests(matrix, cases);

  beforeAll(async () => {
    const { config, warnings } = exportAlertmanager(matrix);
    writeFileSync(join(dir, 'alertmanager.yml'), alertmanagerYaml(config, matrix.name, warnings));
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    child = spawn(binary!, [`--config.file=${join(dir, 'alertmanager.yml')}`, `--storage.path=${join(dir, 'data')}`, `--web.listen-address=127.0.0.1:${port}`, '--cluster.listen-address='], { stdio: ['ignore', 'ignore', 'pipe'] });
    child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    await waitReady(base, child, () => stderr.slice(-2000));
  }, 60_000);

  afterAll(async () => {
    // Alertmanager writes its snapshot to the data folder as it shuts down: remove the folder
    // only once the process has exited.
    if (child && child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((done) => child!.once('exit', done));
      child.kill('SIGTERM');
      await exited;
    }
    rmSync(dir, { recursive: true, force: true });
  }, 60_000);

  it('every severity, tier and client reaches exactly the receivers the matrix pages at once', async () => {
    expect(tests.length).toBeGreaterThan(3);
    const alerts = tests.map((t, i) => ({ labels: { alertname: `escalate-test-${i}`, ...t.labels }, annotations: { summary: t.name } }));
    const post = await fetch(`${base}/api/v2/alerts`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(alerts) });
    expect(post.status, await post.text()).toBe(200);
    const reached = new Map<string, string[]>();
    for (let attempt = 0; attempt < 50; attempt++) {
      const groups = (await (await fetch(`${base}/api/v2/alerts/groups`)).json()) as { receiver: { name: string }; alerts: { labels: Record<string, string> }[] }[];
      reached.clear();
      for (const g of groups) for (const a of g.alerts) reached.set(a.labels.alertname!, [...(reached.get(a.labels.alertname!) ?? []), g.receiver.name]);
      if (reached.size === tests.length) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    const got = tests.map((t, i) => `${t.name}: ${[...(reached.get(`escalate-test-${i}`) ?? [])].sort().join(', ')}`);
    const want = tests.map((t) => `${t.name}: ${[...t.receivers].sort().join(', ')}`);
    expect(got).toEqual(want);
  });

  it('an alert with no severity label goes to the default receiver (the matrix owner\'s)', async () => {
    const post = await fetch(`${base}/api/v2/alerts`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify([{ labels: { alertname: 'escalate-unlabelled' } }]) });
    expect(post.status).toBe(200);
    // Alertmanager files a posted alert into its groups a moment later (later still on a busy
    // machine): read the groups until the alert is in one, as the test above does.
    let receivers: string[] = [];
    for (let attempt = 0; attempt < 50 && receivers.length === 0; attempt++) {
      if (attempt > 0) await new Promise((r) => setTimeout(r, 100));
      const groups = (await (await fetch(`${base}/api/v2/alerts/groups`)).json()) as { receiver: { name: string }; alerts: { labels: Record<string, string> }[] }[];
      receivers = groups.filter((g) => g.alerts.some((a) => a.labels.alertname === 'escalate-unlabelled')).map((g) => g.receiver.name);
    }
    expect(receivers).toEqual([exportAlertmanager(matrix).config.route.receiver]);
  });
});
