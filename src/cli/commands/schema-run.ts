import { existsSync, readFileSync } from 'node:fs';
import { generatedSchemas } from '../../matrix/json-schema.js';
import { packagePath, writeFileAtomic } from '../files.js';
import { EXIT, usageError, type Io } from '../io.js';

export async function runSchema(options: { check?: boolean; write?: boolean; triageResult?: boolean }, io: Io): Promise<number> {
  const schemas = generatedSchemas();
  if (!options.check && !options.write) {
    const wanted = options.triageResult ? schemas.find((s) => s.file.startsWith('triage-result')) : schemas[0];
    io.stdout.write(wanted!.text);
    return EXIT.ok;
  }
  // An installed package's files are not the user's to rewrite.
  if (options.write && !existsSync(packagePath('src'))) {
    throw usageError('schema --write regenerates the files of a source checkout of escalate; to save the schema elsewhere, run: escalate schema > FILE');
  }
  let stale = 0;
  for (const { file, text } of schemas) {
    const path = packagePath('schemas', file);
    let current: string | undefined;
    try {
      current = readFileSync(path, 'utf8');
    } catch {
      current = undefined;
    }
    if (current === text) {
      io.stdout.write(`✓ schemas/${file} is current\n`);
      continue;
    }
    if (options.write) {
      writeFileAtomic(path, text, { overwrite: true });
      io.stdout.write(`wrote schemas/${file}\n`);
    } else {
      stale++;
      io.stderr.write(`✖ schemas/${file} is ${current === undefined ? 'missing' : 'stale'}; run: escalate schema --write\n`);
    }
  }
  return stale > 0 ? EXIT.findings : EXIT.ok;
}
