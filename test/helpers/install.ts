/** The package as npm installs it into a project, without npm: its files under node_modules/FOLDER (it has no dependencies). */
import { cpSync, mkdirSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from './cli.js';

export function installInto(project: string, folder: string): string {
  const target = join(project, 'node_modules', folder);
  mkdirSync(target, { recursive: true });
  for (const path of ['bin', 'dist', 'schemas', 'package.json', 'docs/github-actions.yml']) cpSync(join(ROOT, path), join(target, path), { recursive: true });
  mkdirSync(join(project, 'node_modules', '.bin'), { recursive: true });
  symlinkSync(`../${folder}/bin/escalate.js`, join(project, 'node_modules', '.bin', 'escalate'));
  return target;
}
