/**
 * The package as npm installs it into a project, without npm, as test/helpers/install.ts lays
 * it out (its files under node_modules/FOLDER, the bin link in node_modules/.bin), with each
 * file hard-linked instead of copied: the same files at the same installed paths, without
 * copying ~10 MB of bundles per project. A file the system will not link (another file system)
 * is copied.
 */
import { copyFileSync, linkSync, lstatSync, mkdirSync, readdirSync, symlinkSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { ROOT } from '../helpers/cli.js';

export function installLinked(project: string, folder: string): string {
  const target = join(project, 'node_modules', folder);
  for (const path of ['bin', 'dist', 'schemas', 'package.json', 'docs/github-actions.yml']) place(join(ROOT, path), join(target, path));
  mkdirSync(join(project, 'node_modules', '.bin'), { recursive: true });
  symlinkSync(`../${folder}/bin/escalate.js`, join(project, 'node_modules', '.bin', 'escalate'));
  return target;
}

function place(from: string, to: string): void {
  if (lstatSync(from).isDirectory()) {
    mkdirSync(to, { recursive: true });
    for (const name of readdirSync(from)) place(join(from, name), join(to, name));
    return;
  }
  mkdirSync(dirname(to), { recursive: true });
  try {
    linkSync(from, to);
  } catch (error) {
    if (!['EXDEV', 'EPERM', 'EMLINK', 'EACCES'].includes((error as NodeJS.ErrnoException).code ?? '')) throw error;
    copyFileSync(from, to);
  }
}
