/**
 * Assertions for comparisons made by the hundred thousand (every hour of a year, every
 * severity): vitest's `expect` costs tens of microseconds a call, most of a scan's time when
 * made for every value. These compare first and call `expect` only where the values differ,
 * so a failure reads exactly as the `expect` it stands for.
 */
import { expect } from 'vitest';

/** `expect(actual, where).toBe(expected)`. */
export function agreeOn<T>(actual: T, expected: T, where?: string): void {
  if (!Object.is(actual, expected)) expect(actual, where).toBe(expected);
}

/** `expect(actual, where).toEqual(expected)` for lists of numbers, strings or other primitives. */
export function agreeOnList<T extends string | number | boolean | null | undefined>(actual: readonly T[], expected: readonly T[], where?: string): void {
  if (actual.length !== expected.length || actual.some((value, i) => !Object.is(value, expected[i]))) expect(actual, where).toEqual(expected);
}

/** Equal all the way down: the same primitives (`Object.is`) in lists and plain objects of the same keys in the same order. */
function same(a: unknown, b: unknown): boolean {
  if (Object.is(a, b)) return true;
  if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object') return false;
  if (Array.isArray(a)) return Array.isArray(b) && a.length === b.length && a.every((value, i) => i in b && same(value, b[i]));
  if (Array.isArray(b) || Object.getPrototypeOf(a) !== Object.prototype || Object.getPrototypeOf(b) !== Object.prototype) return false;
  const keys = Reflect.ownKeys(a);
  const other = Reflect.ownKeys(b);
  return keys.length === other.length && keys.every((key, i) => key === other[i] && same((a as Record<PropertyKey, unknown>)[key], (b as Record<PropertyKey, unknown>)[key]));
}

/** `expect(actual, where).toEqual(expected)` for plain data (lists, plain objects, primitives). */
export function agreeOnData(actual: unknown, expected: unknown, where?: string): void {
  if (!same(actual, expected)) expect(actual, where).toEqual(expected);
}
