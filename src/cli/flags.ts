/**
 * Options given more than once. Commander keeps the last value of a repeated option, so a
 * second, different `--at` or `--matrix` would silently replace the first and move every
 * deadline or read another file. Every option that takes one value is watched instead: the
 * same value twice is that value, two different ones are refused. Only the options declared
 * with `collect` (`--answer`, `--rule`, ...) take several values, in order. Pure, but for
 * the listeners it adds to a command.
 */
import type { Command, Option } from 'commander';
import { quoted } from '../quote.js';

/** The parser of an option that may be given more than once: every value, in the order given. Options declared with it are the repeatable ones. */
export const collect = (value: string, previous: string[] | undefined): string[] => [...(previous ?? []), value];

/** The option's one value: the same value given twice is that value; two different ones are the reason to refuse (one line, naming both). */
export function oneValue(flag: string, values: readonly string[] | undefined): { ok: true; value: string | undefined } | { ok: false; reason: string } {
  const first = values?.[0];
  const other = values?.find((v) => v !== first);
  if (other !== undefined) return { ok: false, reason: `${flag} ${quoted(first!)} and ${flag} ${quoted(other)} disagree; pass ${flag} once` };
  return { ok: true, value: first };
}

/** Whether an option takes one value: it takes a value, and neither collects values (`collect`) nor is variadic. */
export const takesOneValue = (option: Option): boolean => (option.required || option.optional) && !option.variadic && option.parseArg !== collect;

/** One occurrence on the command line: the flag as declared, and the text given (true for a flag alone, false for its `--no-` form). */
interface Given {
  flag: string;
  value: string | boolean;
}

/**
 * Watches the options of `command` that take one value (with the `--no-` form of one, like
 * `--cases FILE` and `--no-cases`): every value given on the command line is noted, under
 * whichever of its flags (`-m` or `--matrix`). A default or an environment value is not
 * given, and a flag alone (`--json`, `--no-input`) may be repeated. Returns the reason to
 * refuse the first option given two different values, once the command line is parsed, or
 * undefined.
 */
export function watchOneValues(command: Command): () => string | undefined {
  const byKey = new Map<string, Option[]>();
  for (const option of command.options) {
    const key = option.attributeName();
    byKey.set(key, [...(byKey.get(key) ?? []), option]);
  }
  let refusal: string | undefined;
  for (const options of byKey.values()) {
    if (!options.some(takesOneValue)) continue;
    if (options.some((o) => o.variadic || o.parseArg === collect)) continue;
    const given: Given[] = [];
    for (const option of options) {
      const flag = option.long ?? option.short!;
      command.on(`option:${option.name()}`, (value: string | null | undefined) => {
        const now: Given = { flag, value: typeof value === 'string' ? value : !option.negate };
        const first = given[0];
        given.push(now);
        if (refusal === undefined && first !== undefined && first.value !== now.value) refusal = disagreement(first, now);
      });
    }
  }
  return () => refusal;
}

/** Two occurrences that disagree, in the words of `oneValue` when they are one flag. */
function disagreement(first: Given, other: Given): string {
  if (first.flag === other.flag && typeof first.value === 'string' && typeof other.value === 'string') {
    const one = oneValue(first.flag, [first.value, other.value]);
    if (!one.ok) return one.reason;
  }
  const shown = (g: Given) => (typeof g.value === 'string' ? `${g.flag} ${quoted(g.value)}` : g.flag);
  return `${shown(first)} and ${shown(other)} disagree; pass one or the other`;
}
