// Runs the built program (dist/, the same bundles bin/escalate.js loads) in a worker thread,
// one command at a time, for test/helpers/cli.ts: the test thread blocks until the command
// ends, so `runCli` stays synchronous. The Io is the one dist/cli.cjs's runProcess builds,
// with captured streams instead of the process's own (no terminal, as under spawnSync).
import { createRequire } from 'node:module';
import { parentPort, workerData } from 'node:worker_threads';

const require = createRequire(import.meta.url);
const { dist } = workerData;
const { main } = require(`${dist}/boot.cjs`).load(`${dist}/cli.cjs`);

parentPort.on('message', async ({ argv, cwd, env, now, done, call, port }) => {
  let stdout = '';
  let stderr = '';
  const fixed = now === undefined ? undefined : new Date(now);
  const io = {
    cwd,
    env,
    stdout: { write: (text) => void (stdout += text), isTTY: false },
    stderr: { write: (text) => void (stderr += text), isTTY: false },
    stdinIsTTY: false,
    now: () => (fixed ? new Date(fixed.getTime()) : new Date()),
    hostClock: true,
  };
  // The host time zone the run asks for (env is shared with the test thread, which waits).
  const savedTz = process.env.TZ;
  setTz(env.TZ);
  let code;
  try {
    code = await main({ argv, io });
  } catch (error) {
    // What Node prints for an uncaught rejection, and its exit code.
    stderr += `${error instanceof Error && error.stack ? error.stack : String(error)}\n`;
    code = 1;
  } finally {
    setTz(savedTz);
  }
  port.postMessage({ code, stdout, stderr });
  Atomics.store(done, 0, call);
  Atomics.notify(done, 0);
});

/** Node re-reads the zone (local time, Intl's default) whenever TZ is assigned or deleted. */
function setTz(zone) {
  if (zone === undefined) delete process.env.TZ;
  else if (process.env.TZ !== zone) process.env.TZ = zone;
}
