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

/**
 * `flags` with each single-valued option (`flagOf`: option key → its flag) as its one value,
 * or left out when not given; two different values are refused through `refuse`.
 */
export function withOneValues<K extends string, F extends Partial<Record<K, readonly string[]>>>(flags: F, flagOf: Record<K, string>, refuse: (reason: string) => Error): Omit<F, K> & Partial<Record<K, string>> {
  const options: Record<string, unknown> = { ...flags };
  for (const [key, flag] of Object.entries(flagOf) as [K, string][]) {
    const one = oneValue(flag, flags[key]);
    if (!one.ok) throw refuse(one.reason);
    if (one.value === undefined) delete options[key];
    else options[key] = one.value;
  }
  return options as Omit<F, K> & Partial<Record<K, string>>;
}
