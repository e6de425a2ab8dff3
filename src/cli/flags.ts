/**
 * Options that take one value and decide the outcome or the contract (`--severity`,
 * `--client`, `--tier`). Commander keeps the last of a repeated option, so a second, different
 * one would silently replace the first and move the owner or every deadline; such options
 * are collected instead, and the command asks for their one value here.
 */
import { quoted } from '../quote.js';

/** The option's one value: the same value given twice is that value; two different ones are the reason to refuse (one line, naming both). */
export function oneValue(flag: string, values: readonly string[] | undefined): { ok: true; value: string | undefined } | { ok: false; reason: string } {
  const first = values?.[0];
  const other = values?.find((v) => v !== first);
  if (other !== undefined) return { ok: false, reason: `${flag} ${quoted(first!)} and ${flag} ${quoted(other)} disagree; pass ${flag} once` };
  return { ok: true, value: first };
}
