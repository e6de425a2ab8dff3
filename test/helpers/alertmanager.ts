/**
 * A running Alertmanager for the tests that read its answers: started on 127.0.0.1 (a free
 * port, its own storage folder, no cluster), given a configuration file it reloads on request,
 * and stopped at the end. CI installs it with amtool (.ci/run): the Debian package
 * prometheus-alertmanager, unpacked only.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { expect } from 'vitest';

// Debian's build loads its templates from a fixed path, which an unpacked package lacks.
const DEBIAN_TEMPLATES = '/usr/share/prometheus/alertmanager/default.tmpl';

let found: { binary: string } | { missing: string } | undefined;

/** The server binary (Debian names it prometheus-alertmanager, upstream alertmanager), or why it cannot run here. */
function lookUp(): { binary: string } | { missing: string } {
  if (found) return found;
  const binary = ['prometheus-alertmanager', 'alertmanager'].find((b) => spawnSync(b, ['--version'], { encoding: 'utf8' }).status === 0);
  if (binary === undefined) found = { missing: 'neither prometheus-alertmanager nor alertmanager is on PATH (apt-get download prometheus-alertmanager && dpkg -x)' };
  else if (binary === 'prometheus-alertmanager' && !existsSync(DEBIAN_TEMPLATES)) found = { missing: `${DEBIAN_TEMPLATES} is missing (copy usr/share/prometheus/alertmanager/*.tmpl from the unpacked package, as .ci/run does)` };
  else found = { binary };
  return found;
}

/**
 * The server binary for `tests`, or undefined on a machine without it, where they skip and say
 * why. CI installs it, so there a missing server is an error.
 */
export function alertmanagerFor(tests: string): string | undefined {
  const server = lookUp();
  if ('binary' in server) return server.binary;
  if (process.env.CI) throw new Error(`${tests} cannot run in CI: ${server.missing}`);
  console.warn(`SKIP ${tests}: ${server.missing}`);
  return undefined;
}

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

/** What routing reads of a route tree, in one shape whether it was written by hand or by Alertmanager. */
type RouteNode = { receiver?: string; matchers?: string[]; match?: Record<string, string>; match_re?: Record<string, string>; continue?: boolean; routes?: RouteNode[] };
const routing = (route: RouteNode): unknown => ({
  receiver: route.receiver ?? null,
  matchers: route.matchers ?? [],
  match: route.match ?? {},
  match_re: route.match_re ?? {},
  continue: route.continue === true,
  routes: (route.routes ?? []).map(routing),
});

export interface RunningAlertmanager {
  /** Its address, http://127.0.0.1:port. */
  readonly base: string;
  /**
   * Makes `config` its configuration: writes the file, reloads it (which must answer 200),
   * and checks that the route tree it now holds (the configuration /api/v2/status gives
   * back) is the one written, so no answer read after comes from the previous one.
   */
  load(config: string): Promise<void>;
  /** Stops it and removes its folder. */
  stop(): Promise<void>;
}

/** Alertmanager started on `config` and ready to answer. */
export async function startAlertmanager(binary: string, config: string): Promise<RunningAlertmanager> {
  const dir = mkdtempSync(join(tmpdir(), 'escalate-am-server-'));
  const file = join(dir, 'alertmanager.yml');
  writeFileSync(file, config);
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const child = spawn(binary, [`--config.file=${file}`, `--storage.path=${join(dir, 'data')}`, `--web.listen-address=127.0.0.1:${port}`, '--cluster.listen-address='], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const stop = async () => {
    // Alertmanager writes its snapshot to the data folder as it shuts down: remove the folder
    // only once the process has exited.
    if (child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((done) => child.once('exit', done));
      child.kill('SIGTERM');
      await exited;
    }
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    await waitReady(base, child, () => stderr.slice(-2000));
  } catch (error) {
    await stop();
    throw error;
  }
  return {
    base,
    stop,
    async load(text) {
      writeFileSync(file, text);
      const reload = await fetch(`${base}/-/reload`, { method: 'POST' });
      expect(reload.status, `reload: ${await reload.text()}`).toBe(200);
      const status = (await (await fetch(`${base}/api/v2/status`)).json()) as { config: { original: string } };
      const held = parse(status.config.original) as { route: RouteNode };
      expect(routing(held.route), 'the route tree Alertmanager holds after the reload').toEqual(routing((parse(text) as { route: RouteNode }).route));
    },
  };
}
