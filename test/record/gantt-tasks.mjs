// Prints the start and end instants Mermaid's gantt gives each task of the chart on stdin, as
// a browser would read them in each time zone named on the command line: one process, its
// local zone switched (TZ) before each reading, as Node allows. For each zone it also prints
// the local offset Date then had on 1 January 2026, so the caller can see the switch took.
// Used by mermaid.test.ts.
import { readFileSync } from 'node:fs';
const { Window } = await import('happy-dom');
const window = new Window();
Object.assign(globalThis, { window, document: window.document });
const { default: mermaid } = await import('mermaid');
const text = readFileSync(0, 'utf8');
await mermaid.parse(text);
const readings = {};
for (const zone of process.argv.slice(2)) {
  process.env.TZ = zone;
  const diagram = await mermaid.mermaidAPI.getDiagramFromText(text);
  readings[zone] = {
    offset: -new Date(Date.UTC(2026, 0, 1, 12)).getTimezoneOffset(),
    tasks: diagram.db.getTasks().map((t) => [t.task.trim(), t.startTime.getTime(), t.endTime.getTime()]),
  };
}
process.stdout.write(JSON.stringify(readings));
