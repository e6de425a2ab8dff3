/**
 * Colour is decided once, at the edge: on a terminal by default, never with NO_COLOR,
 * always with FORCE_COLOR. chalk is only imported when colour is on.
 */
import { styleCode, type Io, type Output } from './io.js';

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
  return { red: style(chalk.red), yellow: style(chalk.yellow), green: style(chalk.green), cyan: style(chalk.cyan), dim: style(chalk.dim), bold: style(chalk.bold) };
}

/**
 * chalk's codes for one style, marked so the output edge lets them through while it
 * escapes any escape sequence in the text itself (see safeText in io.ts). A nested
 * style's close re-opens this one, as chalk does.
 */
function style(paint: (text: string) => string): (text: string) => string {
  const [open = '', close = ''] = paint('\u0000').split('\u0000').map(styleCode);
  if (open === '') return identity;
  return (text) => `${open}${text.replaceAll(close, `${close}${open}`)}${close}`;
}
