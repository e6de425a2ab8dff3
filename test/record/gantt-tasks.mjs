// Prints the start and end instants Mermaid's gantt gives each task of the chart on stdin,
// as the browser would read them in the process's time zone (TZ). Used by mermaid.test.ts.
import { readFileSync } from 'node:fs';
const { Window } = await import('happy-dom');
const window = new Window();
Object.assign(globalThis, { window, document: window.document });
const { default: mermaid } = await import('mermaid');
const text = readFileSync(0, 'utf8');
await mermaid.parse(text);
const diagram = await mermaid.mermaidAPI.getDiagramFromText(text);
process.stdout.write(JSON.stringify(diagram.db.getTasks().map((t) => [t.task.trim(), t.startTime.getTime(), t.endTime.getTime()])));
