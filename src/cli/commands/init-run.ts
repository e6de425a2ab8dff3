import { readFileSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';
import { packagePath, writeFileAtomic } from '../files.js';
import { EXIT, type Io } from '../io.js';
import { TEMPLATES, type TemplateName } from './init.js';

const MODELINE = /^# yaml-language-server: \$schema=.*$/m;

export function runInit(file: string, options: { template: TemplateName; force?: boolean }, io: Io): number {
  const example = readFileSync(packagePath('examples', `${TEMPLATES[options.template]}.yaml`), 'utf8');
  const target = resolve(io.cwd, file);
  // Point the editor modeline at the installed schema, relative to the new file.
  const schema = relative(dirname(target), packagePath('schemas', 'escalation-matrix.schema.json')).split('\\').join('/');
  const text = example.replace(MODELINE, `# yaml-language-server: $schema=${schema}`);
  writeFileAtomic(target, text, { overwrite: Boolean(options.force) });
  io.stdout.write(`wrote ${file} from the ${options.template} template; next: escalate lint ${file}\n`);
  return EXIT.ok;
}
