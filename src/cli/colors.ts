/**
 * Colour is decided once, at the edge: on a terminal by default, never with NO_COLOR,
 * always with FORCE_COLOR. chalk is only imported when colour is on.
 */
import type { Io, Output } from './io.js';

export interface Colors {
  red(text: string): string;
  yellow(text: string): string;
  green(text: string): string;
  cyan(text: string): string;
  dim(text: string): string;
  bold(text: string): string;
}

const identity = (text: string) => text;
export const plain: Colors = { red: identity, yellow: identity, green: identity, cyan: identity, dim: identity, bold: identity };

export function colorLevel(env: Io['env'], stream: Output): 0 | 1 | 2 | 3 {
  const force = env.FORCE_COLOR;
  if (force !== undefined) {
    if (force === '0' || force === 'false') return 0;
    const level = Number(force);
    return level === 2 || level === 3 ? level : 1;
  }
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return 0;
  if (env.TERM === 'dumb') return 0;
  return stream.isTTY ? 1 : 0;
}

export async function colorsFor(io: Io, stream: Output = io.stdout): Promise<Colors> {
  const level = colorLevel(io.env, stream);
  if (level === 0) return plain;
  const { Chalk } = await import('chalk');
  const chalk = new Chalk({ level });
  return { red: chalk.red, yellow: chalk.yellow, green: chalk.green, cyan: chalk.cyan, dim: chalk.dim, bold: chalk.bold };
}
